"""A page for every thing in the graph: its name and kinds, what it links to and what links to
it (each by name, each a link to its own page), and the words of the plans it was read from,
each with where it stands in the document.

The thing's IRI is bound to the queries by Oxigraph's substitutions, never written into them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

import pyoxigraph

from plangraph.publish.serve.site import LABEL, LABEL_PATTERNS, PREFIXES, Site
from plangraph.rdf.iris import ID

__all__ = ["Found", "Link", "Quote", "Thing", "describe", "find", "href", "SHOWN_LINKS", "LONGEST_VALUE"]

SHOWN_LINKS = 200  # links each way on one page; the rest are counted and paged
LONGEST_VALUE = 2000  # characters of a literal shown (a plan's whole text is one literal)

# Common vocabularies' IRIs as the short names people who know them read.
_SHORT = (
    ("https://w3id.org/plangraph/def/core#", "pg:"), ("http://www.w3.org/2004/02/skos/core#", "skos:"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"), ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
    ("http://www.w3.org/ns/org#", "org:"), ("http://xmlns.com/foaf/0.1/", "foaf:"),
    ("http://purl.org/dc/terms/", "dct:"), ("http://www.w3.org/ns/prov#", "prov:"),
    ("http://www.w3.org/ns/oa#", "oa:"), ("http://purl.org/linked-data/cube#", "qb:"),
    ("http://www.w3.org/2001/XMLSchema#", "xsd:"), (ID, "id:"),
)

_OUT = PREFIXES + """
SELECT ?this ?p ?o (isIRI(?o) AS ?oIri) %s WHERE {
  GRAPH ?g { ?this ?p ?o }
  %s
} GROUP BY ?this ?p ?o""" % (LABEL.format(v="o"), LABEL_PATTERNS.format(v="o"))
_IN = PREFIXES + """
SELECT ?this ?s ?p %s WHERE {
  { SELECT DISTINCT ?this ?s ?p WHERE { GRAPH ?g { ?s ?p ?this } } ORDER BY ?p ?s LIMIT %d OFFSET %d }
  %s
} GROUP BY ?this ?s ?p ORDER BY ?p ?sLabel ?s"""
_IN_COUNT = "SELECT ?this (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?this ?s ?p WHERE { GRAPH ?g { ?s ?p ?this } } } } GROUP BY ?this"
# The thing's own anchors, and those of the mentions that name it (an organisation, a post, a
# source is read from every cell that names it); then each anchor's words, one anchor at a time
# (joined in one query, Oxigraph reads every anchor's selectors first).
_ANCHORS = PREFIXES + """
SELECT DISTINCT ?this ?plan ?anchor WHERE {
  { GRAPH ?plan { ?this prov:wasDerivedFrom ?anchor } }
  UNION { GRAPH ?plan { ?mention pg:refersTo ?this . ?mention prov:wasDerivedFrom ?anchor } }
}"""
_WORDS = PREFIXES + """
SELECT ?anchor ?location ?exact ?prefix ?suffix ?start WHERE {
  GRAPH ?plan { ?anchor oa:hasSelector ?quote . ?quote oa:exact ?exact }
  OPTIONAL { GRAPH ?plan { ?anchor pg:location ?location } }
  OPTIONAL { GRAPH ?plan { ?quote oa:prefix ?prefix } } OPTIONAL { GRAPH ?plan { ?quote oa:suffix ?suffix } }
  OPTIONAL { GRAPH ?plan { ?anchor oa:hasSelector ?position . ?position oa:start ?start } }
} LIMIT 1"""


# Things found by a word of their name: the kinds people look for, named as they read them.
_FINDABLE = (
    ("org:Organization", "organisation"), ("org:Post", "post"), ("org:OrganizationalUnit", "team"),
    ("foaf:Person", "person"), ("pg:Plan", "plan"), ("pg:Priority", "priority"), ("pg:Outcome", "outcome"),
    ("pg:Heading", "heading"), ("pg:PerformanceMeasure", "measure"), ("pg:KeyActivity", "key activity"),
    ("pg:Commitment", "commitment"), ("pg:Action", "action"), ("pg:Indicator", "indicator"),
    ("pg:Service", "service"), ("pg:Source", "source"),
)
_FIND = PREFIXES + """PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?words ?thing ?type (MIN(?name) AS ?label) WHERE {
  VALUES ?type { %s }
  GRAPH ?g { ?thing a ?type . ?thing skos:prefLabel|foaf:name|dct:title ?name }
  FILTER (CONTAINS(LCASE(STR(?name)), LCASE(?words)))
} GROUP BY ?words ?thing ?type ORDER BY ?type ?label LIMIT %d""" % (" ".join(k for k, _ in _FINDABLE), SHOWN_LINKS + 1)


@dataclass(frozen=True)
class Found:
    iri: str
    label: str
    kind: str


@dataclass(frozen=True)
class Link:
    """One end of a triple as a page shows it: a property and a node (or a value)."""

    predicate: str
    target: str  # the IRI, or the literal's text
    label: str  # the name shown
    is_iri: bool
    datatype: str = ""
    cut: int = 0  # characters left out of a long literal


@dataclass(frozen=True)
class Quote:
    plan: str
    location: str
    exact: str
    prefix: str
    suffix: str


@dataclass
class Thing:
    iri: str
    label: str
    kinds: list[str] = field(default_factory=list)
    out: list[Link] = field(default_factory=list)
    incoming: list[Link] = field(default_factory=list)
    incoming_total: int = 0
    offset: int = 0
    quotes: list[Quote] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return bool(self.kinds or self.out or self.incoming)


def short(iri: str) -> str:
    """``iri`` as its prefix and local name, where a common vocabulary's.

    >>> short("http://www.w3.org/2004/02/skos/core#prefLabel"), short("urn:x")
    ('skos:prefLabel', 'urn:x')
    """
    for namespace, prefix in _SHORT:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return prefix + iri[len(namespace):]
    return iri


def href(iri: str) -> str:
    """The address of ``iri``'s page: ``/id/...`` for plangraph's own IRIs, else ``/thing?iri=``.

    >>> href(ID + "organisation/nottingham-city-ccg"), href("http://example.org/a b")
    ('/id/organisation/nottingham-city-ccg', '/thing?iri=http%3A%2F%2Fexample.org%2Fa%20b')
    """
    if iri.startswith(ID):
        return "/id/" + quote(iri[len(ID):], safe="/:@!$&'()*+,;=-._~")
    return "/thing?iri=" + quote(iri, safe="")


def describe(site: Site, iri: str, offset: int = 0) -> Thing:
    """What the graph says of ``iri`` (``offset``: the first incoming link shown)."""
    this = pyoxigraph.NamedNode(iri)
    thing = Thing(iri, "", offset=offset)
    names: dict[str, list[str]] = {}
    for row in site.values(_OUT, this=this):
        p, o = row["p"] or "", row["o"] or ""
        if p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            if short(o) not in thing.kinds:
                thing.kinds.append(short(o))
            continue
        names.setdefault(p, []).append(o)
        thing.out.append(_link(p, o, row["oLabel"], is_iri=row["oIri"] == "true"))
    thing.out = sorted(set(thing.out), key=lambda link: (short(link.predicate), link.label))
    named = [min(names[p]) for p in _NAME_PROPERTIES if p in names]
    thing.label = named[0] if named else short(iri)
    # OFFSET takes a number written in the query (a SPARQL grammar rule), here an int of ours
    text_in = _IN % (LABEL.format(v="s"), SHOWN_LINKS, max(0, int(offset)), LABEL_PATTERNS.format(v="s"))
    thing.incoming = [_link(r["p"] or "", r["s"] or "", r["sLabel"], is_iri=True)
                      for r in site.values(text_in, this=this)]
    thing.incoming_total = next((int(r["n"] or 0) for r in site.values(_IN_COUNT, this=this)), 0)
    thing.quotes = _quotes(site, this)
    return thing


def find(site: Site, words: str) -> list[Found]:
    """Things whose name holds ``words`` (any case), by kind then name; at most
    ``SHOWN_LINKS + 1`` (one more than shown: there are more)."""
    words = " ".join(words.split())
    if not words:
        return []
    kinds = {short(k): (rank, name) for rank, (k, name) in enumerate(_FINDABLE)}
    found = [(kinds.get(short(r["type"] or ""), (len(kinds), "")), r["label"] or "", r["thing"] or "")
             for r in site.values(_FIND, words=pyoxigraph.Literal(words))]
    # organisations and people first, then plans and what they print (the order of _FINDABLE)
    return [Found(iri, label, kind) for (_, kind), label, iri in sorted(found, key=lambda f: (f[0][0], f[1].casefold()))]


def _quotes(site: Site, this: pyoxigraph.NamedNode) -> list[Quote]:
    """The words each anchor of ``this`` stands for, plan by plan in document order (the first
    ``SHOWN_LINKS`` anchors, by plan)."""
    anchors = sorted({(r["plan"] or "", r["anchor"] or "") for r in site.values(_ANCHORS, this=this)})
    found: list[tuple[str, int, Quote]] = []
    for plan, anchor in anchors[:SHOWN_LINKS]:
        for r in site.values(_WORDS, anchor=pyoxigraph.NamedNode(anchor)):
            start = int(r["start"] or "") if (r["start"] or "").isdigit() else -1
            found.append((plan, start, Quote(plan, r["location"] or "", r["exact"] or "",
                                             r["prefix"] or "", r["suffix"] or "")))
    return [quote for _, _, quote in sorted(found, key=lambda f: (f[0], f[1]))]


_NAME_PROPERTIES = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://xmlns.com/foaf/0.1/name",
                    "http://purl.org/dc/terms/title", "http://www.w3.org/2000/01/rdf-schema#label",
                    "https://w3id.org/plangraph/def/core#printedAs")


def _link(predicate: str, target: str, label: str | None, *, is_iri: bool) -> Link:
    if is_iri:
        return Link(predicate, target, label or short(target), True)
    shown = target[:LONGEST_VALUE]
    return Link(predicate, target, shown, False, cut=len(target) - len(shown))
