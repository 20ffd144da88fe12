"""Triples of rdflib terms written as RDF by Oxigraph: N-Quads, and TriG blocks that a
build joins after one header of prefixes."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph
from rdflib import Literal, URIRef
from rdflib.term import Node

__all__ = ["oxigraph_quads", "to_nquads", "to_trig", "trig_prefixes"]


def oxigraph_quads(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef) -> list[pyoxigraph.Quad]:
    """``triples`` (rdflib terms) as Oxigraph quads in the named graph ``graph``.

    Every term goes through Oxigraph's own constructors, which check IRIs and literals.
    Blank nodes are refused: the mapping mints an IRI for everything.
    """
    named: dict[Node, pyoxigraph.NamedNode] = {}

    def iri(term: Node) -> pyoxigraph.NamedNode:
        node = named.get(term)
        if node is None:
            if not isinstance(term, URIRef):
                raise ValueError(f"not an IRI: {term!r} (the graph must hold no blank nodes)")
            node = named[term] = pyoxigraph.NamedNode(str(term))
        return node

    def value(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
        if isinstance(term, Literal):
            if term.language:
                return pyoxigraph.Literal(term, language=term.language)
            if term.datatype is not None:
                return pyoxigraph.Literal(term, datatype=iri(term.datatype))
            return pyoxigraph.Literal(term)
        return iri(term)

    g = iri(graph)
    return [pyoxigraph.Quad(iri(s), iri(p), value(o), g) for s, p, o in triples]


def to_nquads(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef) -> bytes:
    """``triples`` (rdflib terms) in the named graph ``graph``, as N-Quads written by Oxigraph
    (rdflib's serializers took seconds per hundred thousand quads).

    >>> from rdflib import Literal
    >>> to_nquads([(URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"', lang="en"))], URIRef("urn:g"))
    b'<urn:s> <urn:p> "say \\\\"hi\\\\""@en <urn:g> .\\n'
    """
    return pyoxigraph.serialize(oxigraph_quads(triples, graph), format=pyoxigraph.RdfFormat.N_QUADS) or b""


def trig_prefixes(prefixes: dict[str, str]) -> bytes:
    """The ``@prefix`` lines that start a TriG file."""
    return b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in prefixes.items())


def to_trig(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef, prefixes: dict[str, str]) -> bytes:
    """One named graph as a TriG block (``graph { ... }``) using ``prefixes`` but without
    declaring them: blocks are joined after one ``trig_prefixes`` header. Triples are
    grouped by subject, in the order each subject first appears.

    >>> from rdflib import Literal
    >>> to_trig([(URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("o"))], URIRef("urn:g"),
    ...         {"x": "urn:x:"}).decode().splitlines()
    ['<urn:g> {', '\\tx:s x:p "o" .', '}']
    """
    order: dict[Node, list[tuple[Node, Node, Node]]] = {}
    for triple in triples:
        order.setdefault(triple[0], []).append(triple)
    grouped = [t for group in order.values() for t in group]
    data = pyoxigraph.serialize(oxigraph_quads(grouped, graph), format=pyoxigraph.RdfFormat.TRIG,
                                prefixes=prefixes) or b""
    # Oxigraph declares the prefixes first (in an order of its own): drop those lines
    declared = set(trig_prefixes(prefixes).splitlines(keepends=True))
    lines = data.splitlines(keepends=True)
    body = 0
    while body < len(lines) and lines[body] in declared:
        body += 1
    if body != len(declared):
        raise RuntimeError("Oxigraph's TriG did not start with the prefixes given")
    return b"".join(lines[body:])
