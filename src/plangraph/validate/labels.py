"""Nodes of a plan's graph named for people: by a label, and by the ``file:line`` they were
read from, never only by an IRI; and SHACL property paths written as text."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, PROV, SH, SKOS
from rdflib.term import Node

from plangraph.rdf.iris import ID
from plangraph.rdf.vocab import NAMESPACES, OA, ORG, PG

__all__ = ["NO_LOCATION", "label_of", "location_of", "plan_name", "path_text"]

NO_LOCATION = "no location"
_MAX_LABEL = 90
_LABELS = (SKOS.prefLabel, FOAF.name, RDFS.label, DCTERMS.title)
# how a node without any label is described: its kind, then its notation or key
_KINDS = {
    PG.Plan: "plan", PG.Priority: "priority", PG.Outcome: "outcome",
    PG.PerformanceMeasure: "performance measure", PG.KeyActivity: "key activity",
    PG.ProgressReport: "progress report", PG.Mention: "mention", PG.Service: "service",
    PG.Source: "evidence source", PG.SourceText: "plan text", ORG.Organization: "organisation",
    FOAF.Person: "person", OA.SpecificResource: "link to the text",
    OA.TextPositionSelector: "position in the text", OA.TextQuoteSelector: "quote of the text",
}


def _anchors(g: Graph, node: Node) -> list[Node]:
    if (node, RDF.type, OA.SpecificResource) in g:
        return [node]
    derived = list(g.objects(node, PROV.wasDerivedFrom))
    if derived:
        return derived
    # a selector (a position, a quote, whatever its class) by the anchors that have it
    return list(g.subjects(OA.hasSelector, node))


def location_of(g: Graph, node: Node | None) -> str:
    """``file:line`` of the earliest line ``node`` was read from, or ``"no location"``.

    A plan is located by the file it was read from; a link to the text (an anchor) by itself,
    and a selector (its position, its quote) by its anchor.
    """
    if node is None:
        return NO_LOCATION
    found: list[tuple[int, str, str]] = []
    for anchor in _anchors(g, node):
        line = g.value(anchor, PG.lineStart)
        located = g.value(anchor, PG.location)
        for text in g.objects(anchor, OA.hasSource):
            file_name = g.value(text, PG.fileName)
            if file_name is not None and isinstance(line, Literal) and isinstance(line.toPython(), int):
                found.append((int(line.toPython()), str(file_name), str(located) if located is not None else ""))
    if found:
        line_no, first, place = min(found)
        # a PDF's page, a workbook's cell ... where the graph says; a text file's first line
        return place if place and not place.startswith(f"{first}:") else f"{first}:{line_no}"
    files = sorted(str(f) for t in g.objects(node, PG.text) for f in g.objects(t, PG.fileName))
    return files[0] if files else NO_LOCATION


def label_of(g: Graph, node: Node | None) -> str:
    """A label a person recognises ``node`` by; never only its IRI."""
    if node is None:
        return "(nothing)"
    for prop in _LABELS:
        values = sorted(str(v) for v in g.objects(node, prop) if str(v).strip())
        if values:
            return _short(values[0])
    if (node, RDF.type, OA.SpecificResource) in g or next(g.subjects(OA.hasSelector, node), None) is not None:
        # a link to the text (or one of its selectors) is named by the words it points at
        quotes = sorted(str(q) for a in _anchors(g, node) for s in g.objects(a, OA.hasSelector)
                        for q in g.objects(s, OA.exact) if str(q).strip())
        if quotes:
            return f"the words “{_short(quotes[0])}”"
    # a plan's text (the document its links point into) by the plan's title
    titles = sorted(str(t) for plan in g.subjects(PG.text, node) for t in g.objects(plan, SKOS.prefLabel))
    if titles:
        return f"the text of {_short(titles[0])}"
    return _describe(g, node)


def _describe(g: Graph, node: Node) -> str:
    kinds = [name for cls, name in _KINDS.items() if (node, RDF.type, cls) in g]
    kind = kinds[0] if kinds else "item"
    notations = sorted(str(n) for n in g.objects(node, SKOS.notation))
    if notations:
        return f"{kind} {notations[0]} (no label)"
    # the last segment of a plangraph IRI is its readable key ("jane-example", "p3-unlabelled-1")
    text = str(node)
    key = text[len(ID):].rstrip("/").rsplit("/", 1)[-1] if text.startswith(ID) else text
    return f"{kind} {key} (no label)"


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _MAX_LABEL:
        return text
    # cut at a word boundary so that the label still reads as words
    cut = text[: _MAX_LABEL].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + " …"


def plan_name(g: Graph, plan: Node) -> str:
    """How a report names a plan it checked: ``title (file)``, or its label alone."""
    where = location_of(g, plan)
    titles = sorted(str(t) for t in g.objects(plan, SKOS.prefLabel))
    label = " ".join(titles[0].split()) if titles else label_of(g, plan)
    return label if where == NO_LOCATION else f"{label} ({where})"


def path_text(g: Graph, path: Node) -> str:
    """A SHACL property path of ``g`` in SPARQL's notation (``^``, ``|``, ``/``, ``*``), IRIs as CURIEs."""
    if isinstance(path, URIRef):
        return _curie(path)
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return " | ".join(path_text(g, p) for p in Collection(g, alternatives))
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(g, inverse)
    for repeat, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        repeated = g.value(path, repeat)
        if repeated is not None:
            return path_text(g, repeated) + mark
    if g.value(path, RDF.first) is not None:
        return "/".join(path_text(g, p) for p in Collection(g, path))
    return str(path)


def _curie(iri: URIRef) -> str:
    for prefix, ns in NAMESPACES.items():
        if iri.startswith(ns) and prefix != "id":
            return f"{prefix}:{iri[len(ns):]}"
    return str(iri)
