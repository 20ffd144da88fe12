"""Talking to a shared triple store over HTTP: SPARQL 1.1 Protocol queries and Graph Store
Protocol pushes, with the standard library's ``urllib`` only.

``push_store`` replaces each named graph on the server with one ``PUT ?graph=IRI``, so a
rerun leaves the server as one run does. ``query_endpoint`` posts a query and reads the
W3C JSON results into the same rows ``run_query`` gives.

The SPARQL 1.1 Protocol has no way to send bindings, so on an endpoint the parameters travel
as a trailing ``VALUES`` clause (as rdflib's own SPARQLStore sends ``initBindings``): each
value is written by Oxigraph's term serializer, which escapes it into one IRI or string
token, and the clause is parsed back to check that it holds exactly those terms.

Credentials come from an environment variable and go only into the ``Authorization``
header: never into a message, and never to another host (redirects are not followed).
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from typing import Any, NoReturn

import pyoxigraph

from plangraph.errors import PlangraphError, ReadError, UsageError
from plangraph.sparql import Params, Query, QueryResult, check_params, parse_query, solutions_to_result, to_oxigraph

__all__ = ["EndpointError", "PushedGraph", "authorization_from_env", "query_endpoint", "push_store",
           "with_values", "TIMEOUT"]

TIMEOUT = 120.0  # seconds; loading a large plan into a busy store takes a while
_RESULTS_JSON = "application/sparql-results+json"
_OX_POSITION = re.compile(r"error at (\d+):(\d+)")


class EndpointError(PlangraphError):
    """The server could not be reached, or answered with an HTTP error: ``URL: what (HTTP n)``."""

    exit_code = 4


@dataclass(frozen=True)
class PushedGraph:
    """One named graph sent to the store: its IRI, its triples, and whether it was new."""

    graph: str
    triples: int
    created: bool


def authorization_from_env(variable: str | None) -> str | None:
    """The ``Authorization`` header value held by the environment variable ``variable``.

    ``user:password`` gives HTTP Basic; a value starting with ``Bearer `` or ``Basic `` is sent
    as it stands; any other value is a bearer token. The value never appears in a message.
    """
    if not variable:
        return None
    secret = os.environ.get(variable, "")
    if not secret.strip():
        raise UsageError(f"--auth-env {variable}: the environment variable {variable} is not set or "
                         "empty (expected user:password for Basic auth, or a bearer token)")
    secret = secret.strip()
    if secret.startswith(("Bearer ", "Basic ")):
        return secret
    if ":" in secret:
        return "Basic " + base64.b64encode(secret.encode("utf-8")).decode("ascii")
    return f"Bearer {secret}"


def check_url(url: str) -> str:
    """Refuse URLs that are not http(s) or that carry credentials (they would be printed)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--endpoint {url!r}: expected an http:// or https:// URL "
                         "(e.g. http://127.0.0.1:7878/query)")
    if parts.username is not None or parts.password is not None:
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        raise UsageError(f"--endpoint {parts.scheme}://…@{host}{parts.path}: the URL holds "
                         "credentials; put them in an environment variable and name it with --auth-env")
    return url


# -- queries ------------------------------------------------------------------------------

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


def query_endpoint(query: Query, url: str, *, params: Params | None = None,
                   authorization: str | None = None, timeout: float = TIMEOUT) -> QueryResult:
    """Run a SELECT query on a SPARQL 1.1 Protocol endpoint (``…/query``) and read its rows.

    The endpoint's default graph is whatever the server makes it; the named queries match each
    plan inside its named graph, so they give the same rows on any server.
    """
    check_url(url)
    params = params or {}
    check_params(query, params)
    text = with_values(query, params) if params else query.text
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    headers = {"Accept": _RESULTS_JSON, "Content-Type": "application/x-www-form-urlencoded"}
    try:
        status, answer, reply = _send("POST", url, body, headers, authorization, timeout)
    except _HTTPRefusal as refusal:
        if refusal.status in (400, 500):  # the server could not parse (400) or run (500) the query
            _query_refused(query, url, refusal)
        raise refusal.error(url) from None
    kind = reply.get_content_type()
    if kind != _RESULTS_JSON and kind != "application/json":
        raise EndpointError(f"{url}: the answer is {kind or 'untyped'}, not SPARQL JSON results "
                            f"(HTTP {status}; expected a SPARQL query endpoint, e.g. …/query)")
    try:
        solutions = pyoxigraph.parse_query_results(answer, format=pyoxigraph.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as err:
        raise EndpointError(f"{url}: the answer is not valid SPARQL JSON results ({_one_line(err)})") from err
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        raise ReadError(query.source, None, "not a SELECT query (expected SELECT; ASK, CONSTRUCT "
                        "and DESCRIBE give no table)")
    return solutions_to_result(solutions)


def _query_refused(query: Query, url: str, refusal: _HTTPRefusal) -> NoReturn:
    # rdflib's parser names the line at fault; the server's message may not.
    parse_query(query)
    where = _OX_POSITION.search(refusal.detail)
    raise ReadError(query.source, int(where.group(1)) if where else None,
                    f"the endpoint {url} could not run the query (HTTP {refusal.status} "
                    f"{refusal.reason}: {refusal.detail})")


# -- pushing --------------------------------------------------------------------------------

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
        target = _with_query(url, {"graph": graph})
        try:
            status, _, _ = _send("PUT", target, data, {"Content-Type": "application/n-triples"},
                                 authorization, timeout)
        except _HTTPRefusal as refusal:
            raise refusal.error(url, f"the graph store refused {graph}") from None
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))
        pushed.append(PushedGraph(graph, triples, created=status == 201))
    return pushed


# -- HTTP -----------------------------------------------------------------------------------

class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would resend the Authorization header to wherever a redirect points.
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class _HTTPRefusal(Exception):
    status: int
    reason: str
    detail: str
    location: str | None

    def error(self, url: str, what: str | None = None) -> EndpointError:
        what = what or "the server refused the request"
        tail = f": {self.detail}" if self.detail else ""
        if self.location:
            tail += f"; it redirects to {self.location} (give that URL instead)"
        elif self.status in (401, 403):
            tail += "; check the credentials named by --auth-env"
        return EndpointError(f"{url}: {what} (HTTP {self.status} {self.reason}{tail})")


def _send(method: str, url: str, data: bytes, headers: dict[str, str], authorization: str | None,
          timeout: float) -> tuple[int, bytes, Message]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    if authorization:
        request.add_unredirected_header("Authorization", authorization)
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as err:
        detail = _one_line(err.read().decode("utf-8", "replace"), 200)
        raise _HTTPRefusal(err.code, err.reason or "", _redact(detail, authorization),
                           err.headers.get("Location")) from None
    except (urllib.error.URLError, OSError) as err:
        reason = err.reason if isinstance(err, urllib.error.URLError) else err
        if isinstance(reason, (socket.timeout, TimeoutError)):
            what = f"no answer within {timeout:g} s"
        else:
            what = f"cannot connect ({_one_line(getattr(reason, 'strerror', None) or reason)})"
        raise EndpointError(f"{_base(url)}: {what}; is the server running at this address?") from None


def _with_query(url: str, extra: dict[str, str]) -> str:
    parts = urllib.parse.urlsplit(url)
    query = "&".join(q for q in (parts.query, urllib.parse.urlencode(extra)) if q)
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _base(url: str) -> str:
    """The URL without its query string (a graph IRI there only makes the line long)."""
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(query="", fragment=""))


def _redact(text: str, authorization: str | None) -> str:
    """``text`` with the credentials replaced by ``***``, should a server echo them back."""
    if not authorization:
        return text
    scheme, _, value = authorization.partition(" ")
    secrets: list[str] = [authorization, value]
    if scheme == "Basic":
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        secrets += [decoded, decoded.partition(":")[2]]
    for secret in sorted((s for s in secrets if len(s) >= 3), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def _one_line(value: object, limit: int = 300) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
