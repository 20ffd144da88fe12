"""The triples of one graph in the order the mapping makes them, and the literals it makes."""

from __future__ import annotations

from functools import lru_cache

from rdflib import XSD, Literal, URIRef
from rdflib.term import Node

__all__ = ["Triples", "int_literal", "text_literal"]


def text_literal(value: str) -> Literal:
    """A plain string literal."""
    return Literal(value)


@lru_cache(maxsize=65536)
def int_literal(value: int) -> Literal:
    """An ``xsd:integer`` literal."""
    # line numbers and offsets repeat; rdflib's Literal constructor is costly
    return Literal(value, datatype=XSD.integer)


class Triples(dict[tuple[URIRef, URIRef, Node], None]):
    """Triples in the order they were made, each once.

    Filling a plain dict costs a fraction of adding to an rdflib graph (which indexes
    every triple three ways, and per context in a Dataset); the triples go into rdflib
    only where rdflib is needed, and to Oxigraph as TriG or N-Quads.
    """

    __slots__ = ()

    def add(self, triple: tuple[URIRef, URIRef, Node]) -> None:
        self[triple] = None
