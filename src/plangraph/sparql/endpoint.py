"""SELECT queries on a SPARQL 1.1 Protocol endpoint, as an engine like the embedded store.

``query_endpoint`` posts a query (through ``plangraph.store.http``) and reads the W3C JSON
results into the same rows ``run_query`` gives; ``EndpointEngine`` is the same for
``run_query(..., engine=...)``.

The SPARQL 1.1 Protocol has no way to send bindings, so on an endpoint the parameters travel
as a trailing ``VALUES`` clause (as rdflib's own SPARQLStore sends ``initBindings``): each
value is written by Oxigraph's term serializer, which escapes it into one IRI or string
token, and the clause is parsed back to check that it holds exactly those terms.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

import pyoxigraph

from plangraph.errors import ReadError, UsageError
from plangraph.sparql.catalogue import Query, parse_query
from plangraph.sparql.engine import QueryResult, oxigraph_error_line, solutions_to_result
from plangraph.sparql.params import Params, check_params
from plangraph.sparql.terms import to_oxigraph
from plangraph.store.http import TIMEOUT, EndpointError, HTTPRefusal, check_url, one_line, send

__all__ = ["EndpointEngine", "query_endpoint", "with_values"]

_RESULTS_JSON = "application/sparql-results+json"


def with_values(query: Query, params: Params) -> str:
    """The query text followed by a ``VALUES`` clause binding ``params`` (see the module notes).

    Examples
    --------
    >>> from rdflib import Literal
    >>> print(with_values(Query("q", "SELECT ?name WHERE { ?s ?p ?name }"), {"name": Literal('a"b')}))
    SELECT ?name WHERE { ?s ?p ?name }
    VALUES ( ?name ) { ( "a\\"b" ) }
    <BLANKLINE>
    """
    names = list(params)
    tokens = [str(to_oxigraph(params[n])) for n in names]
    # On a line of its own: a query that ends in a comment must not swallow the clause.
    text = (f"{query.text.rstrip()}\nVALUES ( {' '.join('?' + n for n in names)} ) "
            f"{{ ( {' '.join(tokens)} ) }}\n")
    bound = _trailing_values(Query(query.name, text, query.path))
    if bound != [dict(params)]:
        raise UsageError(f"{query.source}: the parameters cannot be sent to an endpoint with this "
                         "query (a query that already ends in VALUES cannot take more)")
    return text


def _trailing_values(query: Query) -> list[dict[str, object]] | None:
    """The rows of the query's trailing VALUES clause, as rdflib parses them."""
    try:
        prepared = parse_query(query)
    except ReadError:
        return None
    found: list[list[dict[str, object]]] = []

    def walk(node: Any) -> None:
        name = getattr(node, "name", None)
        if name == "ToMultiSet" and getattr(node["p"], "name", None) == "values":
            found.append([{str(k): v for k, v in row.items()} for row in node["p"]["res"]])
        if isinstance(node, Mapping):
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(prepared.algebra)
    return found[-1] if found else None


@dataclass(frozen=True)
class EndpointEngine:
    """Queries on the SPARQL 1.1 Protocol endpoint ``url`` (``…/query``), bound by ``VALUES``.

    The endpoint's default graph is whatever the server makes it; the named queries match each
    plan inside its named graph, so they give the same rows on any server.
    """

    url: str
    authorization: str | None = field(default=None, repr=False)  # never into a message
    timeout: float = TIMEOUT

    def select(self, query: Query, params: Params) -> QueryResult:
        url = self.url
        check_url(url)
        check_params(query, params)
        text = with_values(query, params) if params else query.text
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        headers = {"Accept": _RESULTS_JSON, "Content-Type": "application/x-www-form-urlencoded"}
        try:
            status, answer, reply = send("POST", url, body, headers, self.authorization, self.timeout)
        except HTTPRefusal as refusal:
            if refusal.status in (400, 500):  # the server could not parse (400) or run (500) the query
                _query_refused(query, url, refusal)
            raise refusal.error(url) from None
        kind = reply.get_content_type()
        if kind != _RESULTS_JSON and kind != "application/json":
            raise EndpointError(f"{url}: the answer is {kind or 'untyped'}, not SPARQL JSON results "
                                f"(HTTP {status}; expected a SPARQL query endpoint, e.g. …/query)")
        try:
            solutions = pyoxigraph.parse_query_results(answer, format=pyoxigraph.QueryResultsFormat.JSON)
            if not isinstance(solutions, pyoxigraph.QuerySolutions):
                raise ReadError(query.source, None, "not a SELECT query (expected SELECT; ASK, CONSTRUCT "
                                "and DESCRIBE give no table)")
            # the rows are parsed as they are read: an answer cut short fails here
            return solutions_to_result(solutions)
        except (SyntaxError, ValueError) as err:
            raise EndpointError(f"{url}: the answer is not valid SPARQL JSON results ({one_line(err)})") from err


def query_endpoint(query: Query, url: str, *, params: Params | None = None,
                   authorization: str | None = None, timeout: float = TIMEOUT) -> QueryResult:
    """Run a SELECT query on a SPARQL 1.1 Protocol endpoint (``…/query``) and read its rows."""
    return EndpointEngine(url, authorization, timeout).select(query, params or {})


def _query_refused(query: Query, url: str, refusal: HTTPRefusal) -> NoReturn:
    # rdflib's parser names the line at fault; the server's message may not.
    parse_query(query)
    raise ReadError(query.source, oxigraph_error_line(refusal.detail),
                    f"the endpoint {url} could not run the query (HTTP {refusal.status} "
                    f"{refusal.reason}: {refusal.detail})")
