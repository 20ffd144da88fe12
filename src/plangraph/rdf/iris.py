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

import hashlib
import re
import unicodedata

from rdflib import URIRef

__all__ = ["ID", "PG", "mint", "slug", "content_hash"]

# plangraph's two base IRIs, defined here only: its nodes (id:) and its core terms (pg:)
ID = "https://w3id.org/plangraph/id/"
PG = "https://w3id.org/plangraph/def/core#"
_MAX_SLUG = 80


def slug(text: str) -> str:
    """Lower-case ASCII words joined by '-' ("Children's Centres" -> "childrens-centres")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(out) > _MAX_SLUG:
        out = out[:_MAX_SLUG].rstrip("-") + "-" + content_hash(text, length=8)
    return out or content_hash(text, length=12)


def content_hash(*parts: object, length: int = 16) -> str:
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


def _key(key: str) -> str:
    # plan-scoped keys ("1a/iv-2", "p4/1") keep their '/' as path segments
    return "/".join(slug(part) for part in key.split("/"))


def mint(kind: str, *parts: object) -> URIRef:
    """The IRI of a node of ``kind`` identified by ``parts``.

    kinds: plan, text (plan), priority, outcome, measure, activity, report (plan, key);
    organisation, person, service, source (name); anchor, mention, claim (content parts);
    graph (name); scheme (name).
    """
    if kind in ("anchor", "mention", "claim"):
        return URIRef(f"{ID}{kind}/{content_hash(*parts)}")
    names = [str(p) for p in parts]
    if kind == "plan":
        return URIRef(f"{ID}plan/{slug(names[0])}")
    if kind == "text":
        return URIRef(f"{ID}plan/{slug(names[0])}/text")
    if kind in ("priority", "outcome", "measure", "activity", "report"):
        plan, key = names
        return URIRef(f"{ID}plan/{slug(plan)}/{kind}/{_key(key)}")
    if kind in ("organisation", "person", "service", "source"):
        return URIRef(f"{ID}{kind}/{slug(names[0])}")
    if kind in ("graph", "scheme"):
        return URIRef(f"{ID}{kind}/{slug(names[0])}")
    raise ValueError(f"no IRI for a {kind!r}")
