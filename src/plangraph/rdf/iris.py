"""Every IRI plangraph mints, in one place.

Named things get readable, plan-scoped slugs; shared things (organisations, people,
services, sources) get global slugs; anchors and mentions get short content hashes.
The same input gives the same IRIs on any machine.

>>> str(mint("outcome", "nottingham-cypp-2016-2020", "1a"))
'https://w3id.org/plangraph/id/plan/nottingham-cypp-2016-2020/outcome/1a'
>>> str(mint("organisation", "Nottingham City Council"))
'https://w3id.org/plangraph/id/organisation/nottingham-city-council'
"""

from __future__ import annotations

from rdflib import URIRef

from plangraph.text import content_hash, iri_slug

__all__ = ["ID", "PG", "mint"]

# plangraph's two base IRIs, defined here only: its nodes (id:) and its core terms (pg:)
ID = "https://w3id.org/plangraph/id/"
PG = "https://w3id.org/plangraph/def/core#"


def _key(key: str) -> str:
    # plan-scoped keys ("1a/iv-2", "p4/1") keep their '/' as path segments
    return "/".join(iri_slug(part) for part in key.split("/"))


def mint(kind: str, *parts: object) -> URIRef:
    """The IRI of a node of ``kind`` identified by ``parts``.

    kinds: plan, text (plan), priority, outcome, measure, activity, report (plan, key);
    item, heading, preamble, code, post, team (plan, key or name); status (name);
    organisation, person, service, source (name); anchor, mention, claim (content parts);
    graph (name); scheme (name).
    """
    if kind in ("anchor", "mention", "claim"):
        return URIRef(f"{ID}{kind}/{content_hash(*parts)}")
    names = [str(p) for p in parts]
    if kind == "plan":
        return URIRef(f"{ID}plan/{iri_slug(names[0])}")
    if kind == "text":
        return URIRef(f"{ID}plan/{iri_slug(names[0])}/text")
    if kind in ("priority", "outcome", "measure", "activity", "report", "item", "heading", "preamble",
                "code", "post", "team", "note"):
        plan, key = names
        return URIRef(f"{ID}plan/{iri_slug(plan)}/{kind}/{_key(key)}")
    if kind in ("organisation", "person", "service", "source"):
        return URIRef(f"{ID}{kind}/{iri_slug(names[0])}")
    if kind in ("graph", "scheme", "status"):
        return URIRef(f"{ID}{kind}/{iri_slug(names[0])}")
    raise ValueError(f"no IRI for a {kind!r}")
