"""Pushing the store to a shared triple store over the SPARQL 1.1 Graph Store Protocol.

``push_store`` replaces each named graph on the server with one ``PUT ?graph=IRI``, so a
rerun leaves the server as one run does.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph

from plangraph.errors import UsageError
from plangraph.store.http import TIMEOUT, HTTPRefusal, check_url, send, with_query

__all__ = ["PushedGraph", "push_store"]


@dataclass(frozen=True)
class PushedGraph:
    """One named graph sent to the store: its IRI, its triples, and whether it was new."""

    graph: str
    triples: int
    created: bool


def push_store(store: pyoxigraph.Store, url: str, *, authorization: str | None = None,
               timeout: float = TIMEOUT) -> list[PushedGraph]:
    """Replace each named graph of ``store`` on the Graph Store Protocol endpoint ``url``.

    One ``PUT url?graph=IRI`` per graph, with the graph as N-Triples: the server drops what
    the graph held and keeps what is sent, so pushing twice leaves the same triples as once.
    Triples outside any named graph are refused: they have no plan to be replaced with.
    """
    check_url(url)
    loose = len(list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())))
    if loose:
        raise UsageError(f"the graph holds {loose} triples outside any named graph (expected one "
                         "named graph per plan, as plangraph build writes; push sends named graphs)")
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode))
    if not graphs:
        raise UsageError("nothing to push: the graph has no named graphs (run plangraph build first)")
    pushed = []
    for graph in graphs:
        data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.NamedNode(graph))
        assert data is not None  # dump without an output returns the bytes
        target = with_query(url, {"graph": graph})
        try:
            status, _, _ = send("PUT", target, data, {"Content-Type": "application/n-triples"},
                                authorization, timeout)
        except HTTPRefusal as refusal:
            raise refusal.error(url, f"the graph store refused {graph}") from None
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))
        pushed.append(PushedGraph(graph, triples, created=status == 201))
    return pushed
