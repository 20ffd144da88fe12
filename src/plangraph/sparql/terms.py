"""RDF terms between rdflib and Oxigraph, so that a query gives the same terms on either.

Results are rdflib terms whichever engine ran the query. Literals are normalised as Oxigraph
stores them: a plain literal is an ``xsd:string`` (RDF 1.1), and an XSD literal is in its
canonical form ("23.0" decimal is "23"), so rows compare equal and print the same.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Union

import pyoxigraph
from rdflib import XSD, BNode, Literal, URIRef

__all__ = ["Term", "OxTerm", "to_oxigraph", "from_oxigraph", "from_rdflib", "OxigraphTerms"]

Term = Union[URIRef, Literal, BNode]
OxTerm = Union[pyoxigraph.NamedNode, pyoxigraph.BlankNode, pyoxigraph.Literal, pyoxigraph.Triple]
_XSD_STRING = str(XSD.string)


def to_oxigraph(term: Term) -> OxTerm:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))


def _plain(value: str, datatype: str | None, language: str | None) -> Literal:
    if language:
        return Literal(value, lang=language)
    # RDF 1.1: a plain literal is an xsd:string; rdflib keeps them apart, so normalise.
    if datatype is None or datatype == str(XSD.string):
        return Literal(value)
    if datatype.startswith(str(XSD)):
        value, datatype = _canonical(value, datatype)
    return Literal(value, datatype=URIRef(datatype))


@lru_cache(maxsize=4096)
def _canonical(value: str, datatype: str) -> tuple[str, str]:
    """The form Oxigraph stores an XSD literal in ("23.0" decimal -> "23", "007" -> "7").

    rdflib keeps the lexical form it was given, Oxigraph its canonical form: without this the
    same value would print differently, and rows compare unequal, depending on the engine.
    """
    store = pyoxigraph.Store()  # in memory: storing is what canonicalises
    node = pyoxigraph.NamedNode("urn:x")
    store.add(pyoxigraph.Quad(node, node, pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(datatype))))
    stored = next(iter(store)).object
    assert isinstance(stored, pyoxigraph.Literal)
    return stored.value, stored.datatype.value


def from_oxigraph(term: Any) -> Term | None:
    """The rdflib term for a term of an Oxigraph result (None: unbound)."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language is None:
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                # a plain string: Literal's normalisation would only copy it again
                return Literal(term.value, normalize=False)
            return _plain(term.value, datatype, None)
        return _plain(term.value, None, term.language)
    raise TypeError(f"unsupported term in a query result: {term!r}")


class OxigraphTerms(dict[Any, Any]):
    """Oxigraph term -> rdflib term, each distinct term converted once (``convert(term)``)."""

    def __call__(self, term: Any) -> Term | None:
        if term is None:
            return None
        try:
            return self[term]  # type: ignore[no-any-return]
        except KeyError:
            converted = self[term] = from_oxigraph(term)
            return converted


def from_rdflib(term: Any) -> Term | None:
    """A term of an rdflib result, its literals normalised as Oxigraph's (None: unbound)."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return _plain(str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, (URIRef, BNode)):
        return term
    raise TypeError(f"unsupported term in a query result: {term!r}")
