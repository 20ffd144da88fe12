"""Pushing the store to a shared triple store over the SPARQL 1.1 Graph Store Protocol.

``push_store`` replaces each named graph on the server with one ``PUT ?graph=IRI``, so a
rerun leaves the server as one run does; a push that stops early says which graphs it had
replaced by then. ``stale_graphs`` and ``remove_graphs`` take away the graphs of plans that
the build no longer has (``plangraph push --prune``), and only graphs plangraph made: named
by a plan's IRI (``id:plan/…``) and holding that plan, typed ``pg:Plan``.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph

from plangraph.errors import UsageError, show_options
from plangraph.rdf.iris import ID
from plangraph.resources import package_file
from plangraph.store.http import (TIMEOUT, EndpointError, EndpointTimeout, HTTPRefusal, check_url, send,
                                  with_query)

__all__ = ["PLAN_GRAPHS", "PushInterrupted", "PushedGraph", "graphs_to_push", "plan_graphs_on",
           "push_store", "query_url_for", "remove_graphs", "stale_graphs"]

PLAN_GRAPHS = package_file("store", "plan-graphs.rq")  # the query that lists them on a server
_PLAN_SPACE = f"{ID}plan/"
_AGAIN = "run push again to finish: it replaces rather than adds"
_AGAIN_PRUNE = "run push with `prune` again to finish"
_SLOW = "The server is stalled or too slow: allow it more time with `timeout` SECONDS"
# the settings the messages name (see plangraph.errors)
_OPTIONS = ("prune", "timeout", "query-endpoint", "auth-env")


@dataclass(frozen=True)
class PushedGraph:
    """One named graph sent to the store: its IRI, its triples, and whether it was new."""

    graph: str
    triples: int
    created: bool


class PushInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a push or a prune; ``message`` says what had been done by then."""

    def __init__(self, message: str, *, options: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.options = tuple(options)

    def shown(self, option: Callable[[str], str]) -> str:
        """The message, each setting it names written as ``option(name)`` (see plangraph.errors)."""
        return show_options(self.message, self.options, option)


def graphs_to_push(store: pyoxigraph.Store) -> list[str]:
    """The named graphs of ``store``, in IRI order (the order they are pushed in).

    Triples outside any named graph are refused: they have no plan to be replaced with.
    """
    loose = len(list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())))
    if loose:
        raise UsageError(f"the graph holds {loose} triples outside any named graph (expected one "
                         "named graph per plan, as plangraph build writes; push sends named graphs)")
    graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode))
    if not graphs:
        raise UsageError("nothing to push: the graph has no named graphs (run plangraph build first)")
    return graphs


def push_store(store: pyoxigraph.Store, url: str, *, authorization: str | None = None,
               timeout: float = TIMEOUT,
               on_pushed: Callable[[PushedGraph], None] | None = None) -> list[PushedGraph]:
    """Replace each named graph of ``store`` on the Graph Store Protocol endpoint ``url``.

    One ``PUT url?graph=IRI`` per graph, with the graph as N-Triples: the server drops what
    the graph held and keeps what is sent, so pushing twice leaves the same triples as once.
    ``timeout`` bounds each request, start to finish; ``on_pushed`` hears of each graph as it
    is replaced. When the push stops early, the error (or ``PushInterrupted`` on Ctrl-C)
    names the graphs already replaced.
    """
    check_url(url)
    graphs = graphs_to_push(store)
    pushed: list[PushedGraph] = []
    for graph in graphs:
        done = [p.graph for p in pushed]
        try:
            data = store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.NamedNode(graph))
            assert data is not None  # dump without an output returns the bytes
            try:
                status, _, _ = send("PUT", with_query(url, {"graph": graph}), data,
                                    {"Content-Type": "application/n-triples"}, authorization, timeout)
            except HTTPRefusal as refusal:
                refused = refusal.error(url, f"the graph store refused {graph}")
                raise EndpointError(refused.message + _after("replacing", done, len(graphs), _AGAIN),
                                    options=_OPTIONS) from None
            except EndpointError as err:
                raise type(err)(f"{err.message} while sending {graph}"
                                f"{_after('replacing', done, len(graphs), _AGAIN)}",
                                hint=_SLOW if isinstance(err, EndpointTimeout) else err.hint,
                                options=_OPTIONS) from None
        except KeyboardInterrupt:
            first = f", the first of {len(graphs)} graphs; {_AGAIN}"
            raise PushInterrupted(f"interrupted while sending {graph}"
                                  f"{_after('replacing', done, len(graphs), _AGAIN) or first}", options=_OPTIONS) from None
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))
        pushed.append(PushedGraph(graph, triples, created=status == 201))
        if on_pushed is not None:
            on_pushed(pushed[-1])
    return pushed


def query_url_for(url: str) -> str | None:
    """The SPARQL query endpoint beside the Graph Store Protocol endpoint ``url``, where the
    usual layouts put it: Oxigraph's ``…/store`` and Fuseki's ``…/data`` beside ``…/query``.

    Examples
    --------
    >>> query_url_for("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    >>> query_url_for("http://host:3030/ds/data?x=1")
    'http://host:3030/ds/query'
    >>> query_url_for("http://host/repositories/plans/statements") is None
    True
    """
    parts = urllib.parse.urlsplit(url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last not in ("store", "data"):
        return None
    return urllib.parse.urlunsplit(parts._replace(path=f"{head}/query", query="", fragment=""))


def plan_graphs_on(query_url: str, *, authorization: str | None = None, timeout: float = TIMEOUT) -> list[str]:
    """The graphs plangraph made for plans on a server, asked of its SPARQL endpoint ``query_url``
    with the query ``PLAN_GRAPHS``: graphs named by a plan's IRI that hold that plan."""
    check_url(query_url)
    body = urllib.parse.urlencode({"query": PLAN_GRAPHS.read_text(encoding="utf-8")}).encode("utf-8")
    headers = {"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"}
    try:
        status, answer, reply = send("POST", query_url, body, headers, authorization, timeout)
    except HTTPRefusal as refusal:
        raise refusal.error(query_url, "the query endpoint refused the query listing the plan graphs") from None
    try:
        solutions = pyoxigraph.parse_query_results(answer, format=pyoxigraph.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError):
        solutions = None
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        # the parser's message is left out: it may quote the answer, which may quote the credentials
        raise EndpointError(f"{query_url}: the answer is {reply.get_content_type()}, not SPARQL JSON results "
                            f"(HTTP {status}; expected the SPARQL query endpoint of the same server, "
                            "e.g. …/query, given with `query-endpoint`)", options=_OPTIONS)
    graphs = {s["g"].value for s in solutions if isinstance(s["g"], pyoxigraph.NamedNode)}
    return sorted(g for g in graphs if g.startswith(_PLAN_SPACE))


def stale_graphs(store: pyoxigraph.Store, query_url: str, *, authorization: str | None = None,
                 timeout: float = TIMEOUT) -> list[str]:
    """The plan graphs plangraph made on the server (``plan_graphs_on``) that ``store`` does not have."""
    keep = set(graphs_to_push(store))
    if not any(g.startswith(_PLAN_SPACE) for g in keep):
        raise UsageError("`prune`: the graph to push holds no plan's graph, so pruning would remove every "
                         "plan from the server (expected the store or graph that plangraph build writes)",
                         options=_OPTIONS)
    return [g for g in plan_graphs_on(query_url, authorization=authorization, timeout=timeout) if g not in keep]


def remove_graphs(url: str, graphs: Sequence[str], *, authorization: str | None = None,
                  timeout: float = TIMEOUT, on_removed: Callable[[str], None] | None = None) -> list[str]:
    """Remove each of ``graphs`` from the Graph Store Protocol endpoint ``url``, one
    ``DELETE url?graph=IRI`` each; a graph the server no longer has (HTTP 404) counts as removed."""
    check_url(url)
    removed: list[str] = []
    for graph in graphs:
        try:
            try:
                send("DELETE", with_query(url, {"graph": graph}), None, {}, authorization, timeout)
            except HTTPRefusal as refusal:
                if refusal.status != 404:
                    refused = refusal.error(url, f"the graph store refused to remove {graph}")
                    raise EndpointError(refused.message + _after("removing", removed, len(graphs), _AGAIN_PRUNE),
                                        options=_OPTIONS) from None
            except EndpointError as err:
                raise type(err)(f"{err.message} while removing {graph}"
                                f"{_after('removing', removed, len(graphs), _AGAIN_PRUNE)}",
                                hint=_SLOW if isinstance(err, EndpointTimeout) else err.hint,
                                options=_OPTIONS) from None
        except KeyboardInterrupt:
            first = f", the first of {len(graphs)} graphs; {_AGAIN_PRUNE}"
            raise PushInterrupted(f"interrupted while removing {graph}"
                                  f"{_after('removing', removed, len(graphs), _AGAIN_PRUNE) or first}", options=_OPTIONS) from None
        removed.append(graph)
        if on_removed is not None:
            on_removed(graph)
    return removed


def _after(doing: str, done: Sequence[str], total: int, again: str) -> str:
    """``", after replacing 2 of 5 graphs (<a>, <b>); run push again …"``, or ``""`` when none was.

    >>> _after("replacing", ["urn:a"], 3, "again")
    ', after replacing 1 of 3 graphs (<urn:a>); again'
    """
    if not done:
        return ""
    shown = ", ".join(f"<{g}>" for g in done) if len(done) <= 10 else f"<{done[0]}> … <{done[-1]}>, in IRI order"
    return f", after {doing} {len(done)} of {total} graphs ({shown}); {again}"
