"""The SPARQL 1.1 Protocol over the served store: a query by GET (``?query=``) or POST (a form's
``query=`` field, or the query itself as ``application/sparql-query``), answered in the W3C
results formats the client accepts. The store is read-only: updates are refused.

Queries see the union of the plans' named graphs as their default graph (as ``plangraph
query`` does), unless the request names its own (``default-graph-uri``, ``named-graph-uri``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph

from plangraph.publish.serve.site import Site

__all__ = ["Answer", "ProtocolError", "answer_query", "choose", "RESULT_TYPES", "GRAPH_TYPES"]

# what each kind of answer can be written as: media type -> Oxigraph's format (first: the default)
RESULT_TYPES = {
    "application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
    "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
    "text/csv": pyoxigraph.QueryResultsFormat.CSV,
    "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV,
    "application/json": pyoxigraph.QueryResultsFormat.JSON,
    "application/xml": pyoxigraph.QueryResultsFormat.XML,
}
GRAPH_TYPES = {
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
    "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
    "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
    "text/plain": pyoxigraph.RdfFormat.N_TRIPLES,
}
LONGEST_QUERY = 1_000_000  # characters: a query longer than this is refused, not parsed


class ProtocolError(Exception):
    """A request the protocol refuses: its HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str


def choose(accept: str, offered: Sequence[str]) -> str | None:
    """The type of ``offered`` that the ``Accept`` header prefers (the first offered for ``*/*``
    or no header), or None when it accepts none of them.

    >>> choose("text/csv;q=0.5, application/sparql-results+xml", ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> choose("", ["text/turtle"]), choose("image/png", ["text/turtle"])
    ('text/turtle', None)
    """
    if not accept.strip():
        return offered[0]
    best: tuple[float, int, str] | None = None
    for rank, part in enumerate(accept.split(",")):
        media, *options = [p.strip() for p in part.split(";")]
        quality = 1.0
        for option in options:
            key, _, value = option.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        media = media.lower()
        for position, candidate in enumerate(offered):
            kind = candidate.split("/")[0]
            if media in (candidate, f"{kind}/*", "*/*"):
                found = (-quality, position if media.endswith("*") else -1, candidate)
                if best is None or found[:2] < best[:2]:
                    best = found
                break
    return best[2] if best else None


def answer_query(site: Site, query: str, accept: str, default_graphs: Sequence[str] = (),
                 named_graphs: Sequence[str] = ()) -> Answer:
    """Run ``query`` on the store and write its answer as ``accept`` asks."""
    if len(query) > LONGEST_QUERY:
        raise ProtocolError(413, f"the query is longer than {LONGEST_QUERY} characters")
    try:
        defaults: list[pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.DefaultGraph] = [
            pyoxigraph.NamedNode(g) for g in default_graphs]
        named: list[pyoxigraph.NamedNode | pyoxigraph.BlankNode] = [pyoxigraph.NamedNode(g) for g in named_graphs]
    except ValueError as err:
        raise ProtocolError(400, f"a graph IRI is not valid ({err})") from err
    try:
        result = site.store().query(query, use_default_graph_as_union=not defaults,
                                    default_graph=defaults or None, named_graphs=named or None)
    except SyntaxError as err:
        raise ProtocolError(400, f"SPARQL syntax error: {_one_line(err)}") from err
    except (OSError, RuntimeError, ValueError) as err:
        raise ProtocolError(500, f"the query failed on the store: {_one_line(err)}") from err
    if isinstance(result, pyoxigraph.QueryTriples):
        offered = list(GRAPH_TYPES)
        media = choose(accept, offered)
        if media is None:
            raise ProtocolError(406, f"cannot answer as {accept!r}: a graph is written as {', '.join(offered)}")
        return Answer(_bytes(result.serialize(format=GRAPH_TYPES[media])), media)
    offered = list(RESULT_TYPES)
    if isinstance(result, pyoxigraph.QueryBoolean):
        offered = [m for m in offered if m not in ("text/csv", "text/tab-separated-values")]
    media = choose(accept, offered)
    if media is None:
        raise ProtocolError(406, f"cannot answer as {accept!r}: results are written as {', '.join(offered)}")
    return Answer(_bytes(result.serialize(format=RESULT_TYPES[media])), media)


def _bytes(data: bytes | None) -> bytes:
    return data or b""


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())[:500]
