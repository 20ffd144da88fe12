"""``plangraph push``: one PUT per named graph replaces it on a real Oxigraph server, so pushing
twice leaves what pushing once does; credentials come from the environment and never show; a
server that is down or refuses gives one line with the URL and the HTTP status (exit 4)."""

from __future__ import annotations

import base64
import html
import http
import http.server
import json
import socket
import struct
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from oxigraph_server import OxigraphServer, free_port, oxigraph_server
from rdflib import Dataset, Literal, URIRef

from plangraph.cli import main
from plangraph.sparql.endpoint import query_endpoint
from plangraph.cli.arguments import authorization_from_env
from plangraph.store.http import EndpointError
from plangraph.store.push import push_store
from plangraph.errors import UsageError
from plangraph.sparql import load_query
from plangraph.store import open_store

__all__ = ["oxigraph_server"]  # the fixture, imported for pytest to find

ACTION_PLAN = "https://w3id.org/plangraph/id/plan/nottingham-cypp-2016-2020"
SECRET = "s3cret-Pa55word"


@pytest.fixture(scope="module")
def dataset(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


@pytest.fixture(scope="module")
def store_dir(seeds_store_dir: Path) -> Path:
    return seeds_store_dir


@pytest.fixture()
def server(oxigraph_server: OxigraphServer) -> OxigraphServer:
    """The module's server, emptied before each test."""
    oxigraph_server.clear()
    assert oxigraph_server.quads() == 0
    return oxigraph_server


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _per_graph(server: OxigraphServer) -> dict[str, int]:
    rows = server.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in rows}


# -- pushing to a real server -----------------------------------------------------------------

def test_push_twice_leaves_what_push_once_does(server: OxigraphServer, store_dir: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(store_dir)
    expected = {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g))
                for g in store.named_graphs()}
    total = len(store)
    del store
    code, out, err = _run(capsys, ["push", "--endpoint", server.store_url, "--store", str(store_dir)])
    assert code == 0, err
    assert server.quads() == total
    once = _per_graph(server)
    assert once == expected
    assert out.splitlines() == [f"created {g}: {n} triples" for g, n in sorted(expected.items())] + [
        f"Pushed {len(expected)} graphs, {total} triples -> {server.store_url}"]
    code, out, err = _run(capsys, ["push", "--endpoint", server.store_url, "--store", str(store_dir)])
    assert code == 0, err
    assert server.quads() == total
    assert _per_graph(server) == once
    assert all(line.startswith("replaced ") for line in out.splitlines()[:-1])


def test_push_replaces_a_graph_rather_than_adding_to_it(server: OxigraphServer, dataset: Dataset,
                                                         store_dir: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # Someone's edited copy of one plan: a triple dropped, a stale one added.
    edited = Dataset()
    graph = edited.graph(URIRef(ACTION_PLAN))
    for triple in dataset.graph(URIRef(ACTION_PLAN)):
        graph.add(triple)
    dropped = next(iter(graph))
    graph.remove(dropped)
    stale = (URIRef("urn:stale"), URIRef("urn:note"), Literal("from an old build"))
    graph.add(stale)
    path = tmp_path / "edited.nq"
    path.write_text(edited.serialize(format="nquads"), encoding="utf-8")
    assert _run(capsys, ["push", "--endpoint", server.store_url, "--store", str(store_dir)])[0] == 0
    full = _per_graph(server)
    code, out, err = _run(capsys, ["push", "--endpoint", server.store_url, "--graph", str(path)])
    assert code == 0, err
    assert out.splitlines()[0] == f"replaced {ACTION_PLAN}: {len(graph)} triples"
    after = _per_graph(server)
    assert after[ACTION_PLAN] == len(graph) == full[ACTION_PLAN]  # one out, one in
    assert {g: n for g, n in after.items() if g != ACTION_PLAN} == {
        g: n for g, n in full.items() if g != ACTION_PLAN}  # the other graphs are left alone
    assert server.select("SELECT ?o WHERE { GRAPH ?g { <urn:stale> <urn:note> ?o } }") == [
        {"o": "from an old build"}]
    # and the next push of the build takes the stale triple away again
    assert main(["push", "--endpoint", server.store_url, "--store", str(store_dir)]) == 0
    assert _per_graph(server) == full
    assert server.select("SELECT ?o WHERE { GRAPH ?g { <urn:stale> ?p ?o } }") == []


def test_push_refuses_triples_outside_a_named_graph(server: OxigraphServer, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    loose = tmp_path / "notes.ttl"  # no pg:Plan in it, so no plan graph to put it in
    loose.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    code, out, err = _run(capsys, ["push", "--endpoint", server.store_url, "--graph", str(loose)])
    assert code == 2 and out == ""
    assert "1 triples outside any named graph" in err and err.count("\n") == 1
    assert server.quads() == 0


def test_query_after_push_uses_the_pushed_graph(server: OxigraphServer, store_dir: Path) -> None:
    assert main(["push", "--endpoint", server.store_url, "--store", str(store_dir)]) == 0
    rows = query_endpoint(load_query("plan-outline"), server.query_url).rows
    assert len(rows) == 43 + 21  # every measure and key activity of both plans


# -- servers that are down or refuse ----------------------------------------------------------

def test_a_server_that_is_down_gives_one_line(store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    code, out, err = _run(capsys, ["push", "--endpoint", url, "--store", str(store_dir)])
    assert code == 4 and out == ""
    assert err.startswith(f"plangraph: error: {url}: cannot connect (")
    assert err.count("\n") == 1


@dataclass
class Stub:
    """A loopback HTTP server that answers every request with one canned response; or, for the
    request numbered ``fail_at`` (1 the first), with ``fail_status`` and ``fail_body``, or by
    resetting the connection when ``fail_status`` is None. With ``trickle`` ("head" or
    "body"), that part of every answer comes one byte every ``TRICKLE`` seconds."""

    status: int = 204
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    requests: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    fail_at: int | None = None
    fail_status: int | None = 500
    fail_body: bytes = b""
    fail_line: str | None = None  # instead of the failing answer's status line
    trickle: str | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


TRICKLE = 0.5


@pytest.fixture()
def stub() -> Iterator[Stub]:
    state = Stub()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            state.requests.append({"method": self.command, "path": self.path,
                                   "headers": dict(self.headers), "body": self.rfile.read(length)})
            status, body = state.status, state.body
            if len(state.requests) == state.fail_at:
                if state.fail_status is None:  # a reset: close at once, unanswered
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                status, body = state.fail_status, state.fail_body
            status_line = f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}"
            if len(state.requests) == state.fail_at and state.fail_line is not None:
                status_line = state.fail_line
            head = [status_line,
                    *(f"{k}: {v}" for k, v in state.headers.items()), f"Content-Length: {len(body)}"]
            answer = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + body
            slow = {"head": 0, "body": len(answer) - len(body)}.get(state.trickle or "", len(answer))
            try:
                self.wfile.write(answer[:slow])
                for byte in answer[slow:]:
                    time.sleep(TRICKLE)
                    self.wfile.write(bytes([byte]))
            except OSError:  # the client gave up
                self.close_connection = True

        do_GET = do_PUT = do_POST = do_DELETE = _answer

        def log_message(self, *args: Any) -> None:  # keep the test output clean
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = httpd.server_address[1]
    # a short poll: shutdown() waits for serve_forever to look up (0.5 s by default, each test)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def test_a_refusing_server_gives_the_url_and_status_and_never_the_secret(
        stub: Stub, store_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    stub.status, stub.body = 401, f"bad credentials for admin:{SECRET}".encode()  # a careless server
    monkeypatch.setenv("PLANGRAPH_AUTH", f"admin:{SECRET}")
    url = f"{stub.url}/store"
    code, out, err = _run(capsys, ["push", "--endpoint", url, "--store", str(store_dir),
                                   "--auth-env", "PLANGRAPH_AUTH"])
    assert code == 4 and out == ""
    # graphs go in IRI order: the services vocabulary is the first refused
    assert err.startswith(f"plangraph: error: {url}: the graph store refused "
                          "https://w3id.org/plangraph/id/graph/services (HTTP 401 Unauthorized: ")
    assert "(HTTP 401 Unauthorized: bad credentials for ***;" in err
    assert "check the credentials named by --auth-env" in err and err.count("\n") == 1
    token = base64.b64encode(f"admin:{SECRET}".encode()).decode()
    assert SECRET not in out + err and token not in out + err
    # the credentials went in the header, as HTTP Basic
    assert stub.requests[0]["headers"]["Authorization"] == f"Basic {token}"


def test_push_sends_each_graph_with_its_credentials(stub: Stub, store_dir: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    stub.status = 201
    monkeypatch.setenv("PLANGRAPH_TOKEN", SECRET)
    code, out, err = _run(capsys, ["push", "--endpoint", f"{stub.url}/ds/data?x=1", "--store",
                                   str(store_dir), "--auth-env", "PLANGRAPH_TOKEN"])
    assert code == 0, err
    assert SECRET not in out + err
    store = open_store(store_dir)
    graphs = sorted(g.value for g in store.named_graphs())
    assert [r["method"] for r in stub.requests] == ["PUT"] * len(graphs)
    from urllib.parse import parse_qs, urlsplit

    assert [parse_qs(urlsplit(r["path"]).query) for r in stub.requests] == [
        {"x": ["1"], "graph": [g]} for g in graphs]
    assert all(r["headers"]["Authorization"] == f"Bearer {SECRET}" for r in stub.requests)
    assert all(r["headers"]["Content-Type"] == "application/n-triples" for r in stub.requests)
    # each body is exactly that graph, as N-Triples
    for request, graph in zip(stub.requests, graphs):
        sent = pyoxigraph.Store()
        sent.load(request["body"], format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(graph))
        assert set(sent) == set(store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)))


def test_redirects_are_not_followed_with_the_credentials(stub: Stub, store_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    stub.status, stub.headers = 307, {"Location": f"{stub.url}/elsewhere"}
    monkeypatch.setenv("PLANGRAPH_AUTH", f"admin:{SECRET}")
    store = open_store(store_dir)
    with pytest.raises(EndpointError, match=r"HTTP 307 .*redirects to .*/elsewhere \(give that URL instead\)"):
        push_store(store, f"{stub.url}/store", authorization=authorization_from_env("PLANGRAPH_AUTH"))
    assert [r["path"].split("?")[0] for r in stub.requests] == ["/store"]


def test_an_answer_that_is_not_sparql_results(stub: Stub) -> None:
    stub.status, stub.headers, stub.body = 200, {"Content-Type": "text/html"}, b"<html>login</html>"
    with pytest.raises(EndpointError, match=r"/query: the answer is text/html, not SPARQL JSON results"):
        query_endpoint(load_query("plan-outline"), f"{stub.url}/query")


def test_an_answer_cut_short_is_an_endpoint_error(stub: Stub, capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated answer was an internal error (issue 17, finding 8): now exit 4, one line."""
    stub.status, stub.headers = 200, {"Content-Type": "application/sparql-results+json"}
    stub.body = b'{"head": {"vars": ["plan"]}, "results": {"bindings": [{"plan": {"type": "uri", "va'
    code, out, err = _run(capsys, ["query", "plan-outline", "--endpoint", f"{stub.url}/query"])
    assert code == 4 and out == ""
    assert err.startswith(f"plangraph: error: {stub.url}/query: the answer is not valid SPARQL JSON results (")
    assert err.count("\n") == 1


def test_an_answer_too_large_is_refused_not_read_into_memory(stub: Stub, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    import plangraph.store.http as http_module

    monkeypatch.setattr(http_module, "LARGEST_ANSWER", 1000)
    stub.status, stub.headers, stub.body = 200, {"Content-Type": "application/sparql-results+json"}, b" " * 5000
    code, out, err = _run(capsys, ["query", "plan-outline", "--endpoint", f"{stub.url}/query"])
    assert code == 4 and out == ""
    assert err == (f"plangraph: error: {stub.url}/query: the answer is 5,000 bytes, more than the 1,000 "
                   "plangraph reads\n")


# -- credentials and URLs ---------------------------------------------------------------------

def test_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert authorization_from_env(None) is None
    monkeypatch.setenv("A", "user:pa:ss")
    assert authorization_from_env("A") == "Basic " + base64.b64encode(b"user:pa:ss").decode()
    monkeypatch.setenv("A", "tok")
    assert authorization_from_env("A") == "Bearer tok"
    monkeypatch.setenv("A", "Bearer x:y")
    assert authorization_from_env("A") == "Bearer x:y"
    monkeypatch.setenv("A", " ")
    with pytest.raises(UsageError, match="A is not set or empty"):
        authorization_from_env("A")
    monkeypatch.delenv("A")
    with pytest.raises(UsageError, match="A is not set or empty"):
        authorization_from_env("A")


def test_a_url_with_credentials_is_refused_without_printing_them(
        store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://admin:{SECRET}@127.0.0.1:1/store"
    code, out, err = _run(capsys, ["push", "--endpoint", url, "--store", str(store_dir)])
    assert code == 2 and out == ""
    assert SECRET not in err and "--auth-env" in err and err.count("\n") == 1
    code, out, err = _run(capsys, ["query", "plan-outline", "--endpoint", url])
    assert code == 2 and SECRET not in out + err


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/store", "127.0.0.1:7878/store", "http:///store"])
def test_other_urls_are_refused(url: str, store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["push", "--endpoint", url, "--store", str(store_dir)])
    assert code == 2 and out == "" and "expected an http:// or https:// URL" in err


def test_push_needs_a_built_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["push", "--endpoint", "http://127.0.0.1:1/store",
                                   "--store", str(tmp_path / "none")])
    assert code == 3 and out == "" and "run plangraph build first" in err



@pytest.mark.parametrize("value", ["Bearer XYZZY\nPLUGH", "XYZZY\nPLUGH", "XYZZY:PL\rUGH", "XYZ\x7fZY"])
def test_a_secret_holding_a_control_character_is_refused_unprinted(
        value: str, store_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A token holding a newline reached the HTTP library, whose refusal printed it (issue 17)."""
    monkeypatch.setenv("PLANGRAPH_T", value)
    for args in (["push", "--endpoint", "http://127.0.0.1:9/store", "--store", str(store_dir)],
                 ["query", "plan-outline", "--endpoint", "http://127.0.0.1:9/query"]):
        code, out, err = _run(capsys, [*args, "--auth-env", "PLANGRAPH_T"])
        assert code == 2 and out == "" and err.count("\n") == 1
        assert "PLANGRAPH_T holds a line break or another control character" in err
        assert not any(piece in err for piece in ("XYZ", "ZZY", "PLU", "UGH"))


# -- issue 17, finding 11: deadlines, a push that stops early, --prune --------------------------

ODD_SECRET = 'pä ss  wörd"<&>%+:€'  # spaces, quotes, markup, URL and non-ASCII characters
REVIEW_PLAN = "https://w3id.org/plangraph/id/plan/nottinghamshire-cyp-plan-review-2018"
SERVICES = "https://w3id.org/plangraph/id/graph/services"
AGAIN = "run push again to finish: it replaces rather than adds"


def _echoes(secret: str) -> bytes:
    """A careless server's error page, quoting the credentials every way servers escape them."""
    forms = [secret, urllib.parse.quote(secret), urllib.parse.quote_plus(secret), html.escape(secret),
             json.dumps(secret), json.dumps(secret, ensure_ascii=False)]
    return ("you sent admin:" + " / ".join(forms) + " " + "x" * 300).encode("utf-8")


def _no_secret(text: str) -> None:
    # no piece of it either: a cut-off secret is still printed
    pieces = {ODD_SECRET[i:i + 4] for i in range(len(ODD_SECRET) - 3)} | {"pä ss", "wörd"}
    assert not any(piece in text for piece in pieces), text
    token = base64.b64encode(f"admin:{ODD_SECRET}".encode()).decode()
    assert token not in text and token[8:20] not in text


@pytest.mark.parametrize("part", ["head", "body"])
def test_a_server_that_trickles_its_answer_is_given_up_at_the_deadline(
        part: str, stub: Stub, store_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A byte every 0.5 s never tripped the per-read timeout: push ran past 420 s (issue 17)."""
    stub.status, stub.body, stub.trickle = 201, b"stored, thank you" * 4, part
    monkeypatch.setenv("PLANGRAPH_AUTH", f"admin:{ODD_SECRET}")
    url = f"{stub.url}/store"
    started = time.monotonic()
    code, out, err = _run(capsys, ["push", "--endpoint", url, "--store", str(store_dir),
                                   "--auth-env", "PLANGRAPH_AUTH", "--timeout", "2"])
    assert time.monotonic() - started < 6  # 2 s and the store's opening, not a byte's worth per 0.5 s
    assert code == 4 and out == "" and err.count("\n") == 1
    assert err == (f"plangraph: error: {url}: no complete answer within 2 s (the deadline for one request) "
                   f"while sending {SERVICES}. The server is stalled or too slow: allow it more time with "
                   "--timeout SECONDS\n")
    _no_secret(out + err)


@pytest.mark.skipif(sys.platform != "linux", reason="a full accept queue drops connections on Linux")
def test_a_server_that_does_not_accept_is_given_up_at_the_connect_deadline() -> None:
    from plangraph.store.http import send

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        queued = [socket.socket() for _ in range(3)]  # fill the accept queue, never accepted
        for connection in queued:
            connection.setblocking(False)
            connection.connect_ex(("127.0.0.1", port))
        started = time.monotonic()
        with pytest.raises(EndpointError) as caught:
            send("PUT", f"http://127.0.0.1:{port}/store?graph=x", b"", {}, None, 30, connect_timeout=0.5)
        assert time.monotonic() - started < 5
        for connection in queued:
            connection.close()
    assert str(caught.value) == (f"http://127.0.0.1:{port}/store: cannot connect (no connection within "
                                 "0.5 s). Is the server running at this address?")


@pytest.mark.parametrize("failure", ["refusal", "reset"])
def test_a_push_that_stops_early_names_the_graphs_it_replaced(
        failure: str, stub: Stub, store_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    stub.status, stub.fail_at = 201, 3
    stub.fail_status = 500 if failure == "refusal" else None
    stub.fail_body = _echoes(ODD_SECRET)
    monkeypatch.setenv("PLANGRAPH_AUTH", f"admin:{ODD_SECRET}")
    url = f"{stub.url}/store"
    code, out, err = _run(capsys, ["push", "--endpoint", url, "--store", str(store_dir),
                                   "--auth-env", "PLANGRAPH_AUTH"])
    assert code == 4 and err.count("\n") == 1
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in out.splitlines()] == [
        f"created {SERVICES}", f"created {ACTION_PLAN}"]  # shown as they went
    replaced = f", after replacing 2 of 3 graphs (<{SERVICES}>, <{ACTION_PLAN}>); {AGAIN}\n"
    if failure == "refusal":
        assert err.startswith(f"plangraph: error: {url}: the graph store refused {REVIEW_PLAN} "
                              "(HTTP 500 Internal Server Error: you sent *** / *** / *** / *** / \"***\" / \"***\" x")
        assert err.endswith(f"…){replaced}")
    else:
        assert err == (f"plangraph: error: {url}: the connection broke before the answer was complete "
                       f"(Connection reset by peer) while sending {REVIEW_PLAN}{replaced}")
    _no_secret(out + err)


def test_an_interrupted_push_names_the_graphs_it_replaced(
        stub: Stub, store_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import plangraph.store.push as push_module

    stub.status = 201
    sent = push_module.send

    def ctrl_c_on_the_third(*args: Any) -> Any:
        if len(stub.requests) == 2:
            raise KeyboardInterrupt
        return sent(*args)

    monkeypatch.setattr(push_module, "send", ctrl_c_on_the_third)
    code, out, err = _run(capsys, ["push", "--endpoint", f"{stub.url}/store", "--store", str(store_dir)])
    assert code == 130 and len(out.splitlines()) == 2
    assert err == (f"plangraph: interrupted while sending {REVIEW_PLAN}, after replacing 2 of 3 graphs "
                   f"(<{SERVICES}>, <{ACTION_PLAN}>); {AGAIN}\n")


def test_odd_credentials_never_show(stub: Stub, store_dir: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    # echoed in the refusal's body, and in where it redirects to
    stub.status, stub.body = 403, _echoes(ODD_SECRET)
    monkeypatch.setenv("PLANGRAPH_AUTH", f"admin:{ODD_SECRET}")
    for status, headers, line in (
            (403, {}, None),
            (307, {"Location": f"{stub.url}/login?u=admin:{urllib.parse.quote(ODD_SECRET)}"}, None),
            (307, {"Location": f"{stub.url}/login?u=admin:{ODD_SECRET}"}, None),
            (200, {}, f"HTTP/1.1 2OO admin:{ODD_SECRET}")):  # not HTTP, quoting them
        stub.fail_status, stub.fail_body, stub.headers, stub.fail_line = status, _echoes(ODD_SECRET), headers, line
        for args in (["push", "--endpoint", f"{stub.url}/store", "--store", str(store_dir)],
                     ["push", "--endpoint", f"{stub.url}/store", "--store", str(store_dir), "--prune"],
                     ["query", "plan-outline", "--endpoint", f"{stub.url}/query"]):
            stub.fail_at = len(stub.requests) + 1
            code, out, err = _run(capsys, [*args, "--auth-env", "PLANGRAPH_AUTH"])
            assert code == 4 and err.count("\n") == 1 and ("***" in err or "BadStatusLine" in err), err
            _no_secret(out + err)
    # a token that is not ASCII is refused unsent (the HTTP library's refusal quoted it)
    monkeypatch.setenv("PLANGRAPH_AUTH", "tøken€")
    code, out, err = _run(capsys, ["push", "--endpoint", f"{stub.url}/store", "--store", str(store_dir),
                                   "--auth-env", "PLANGRAPH_AUTH"])
    assert code == 2 and "holds a character that is not ASCII" in err
    assert not any(c in err for c in "ø€") and "tøk" not in err


def test_push_help_gives_the_deadlines() -> None:
    from click.testing import CliRunner

    from plangraph.cli import cli
    from plangraph.store.http import CONNECT_TIMEOUT, TIMEOUT

    result = CliRunner().invoke(cli, ["push", "--help"], terminal_width=200)
    text = " ".join(result.output.split())
    assert f"(default: {TIMEOUT:g}; connecting must succeed within {CONNECT_TIMEOUT:g} s)" in text


# -- --prune: only plan graphs plangraph made, only those this build no longer has -------------

@pytest.fixture(scope="module")
def one_plan_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import ACTION_PLAN as ACTION_PLAN_TEXT

    from plangraph.pipeline import build

    out = tmp_path_factory.mktemp("one-plan") / "build"
    build([ACTION_PLAN_TEXT], out)
    return out / "store"


def _put(server: OxigraphServer, graph: str, ntriples: str) -> None:
    request = urllib.request.Request(f"{server.store_url}?{urllib.parse.urlencode({'graph': graph})}",
                                     data=ntriples.encode(), method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30):
        pass


def test_prune_removes_only_the_plan_graphs_plangraph_made_that_the_build_no_longer_has(
        server: OxigraphServer, store_dir: Path, one_plan_store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["push", "--endpoint", server.store_url, "--store", str(store_dir)]) == 0
    plan = "<https://w3id.org/plangraph/def/core#Plan>"
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    knows = "<http://example.org/a> <http://xmlns.com/foaf/0.1/knows> <http://example.org/b> ."
    others = {  # graphs plangraph did not make, which no prune may touch
        "http://example.org/friends": knows,
        "https://w3id.org/plangraph/id/plan/someone-elses": knows,  # in the plan space, holding no plan
        "http://example.org/a-plan": f"<http://example.org/a-plan> {rdf_type} {plan} .",  # outside it
    }
    for graph, triples in others.items():
        _put(server, graph, triples)
    capsys.readouterr()
    before = _per_graph(server)
    code, out, err = _run(capsys, ["push", "--endpoint", server.store_url, "--store", str(one_plan_store),
                                   "--prune"])
    assert code == 0, err
    after = _per_graph(server)
    assert set(after) == set(before) - {REVIEW_PLAN}
    assert all(after[g] == 1 for g in others)
    lines = out.splitlines()
    assert lines[:2] == [f"replaced {SERVICES}: {after[SERVICES]} triples",
                         f"replaced {ACTION_PLAN}: {after[ACTION_PLAN]} triples"]
    assert lines[2:] == [f"removed {REVIEW_PLAN}: its plan is not in this build",
                         f"Pushed 2 graphs, {after[SERVICES] + after[ACTION_PLAN]} triples -> {server.store_url}; "
                         "removed 1 graphs of plans not in this build"]
    # again, with the query endpoint given: nothing left to remove
    code, out, err = _run(capsys, ["push", "--endpoint", server.store_url, "--store", str(one_plan_store),
                                   "--prune", "--query-endpoint", server.query_url])
    assert code == 0 and out.endswith("; removed 0 graphs of plans not in this build\n")
    assert _per_graph(server) == after


def test_prune_stops_before_pushing_when_it_cannot_list_the_plan_graphs(
        server: OxigraphServer, store_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the graph store is not a query endpoint: nothing is sent
    code, out, err = _run(capsys, ["push", "--endpoint", server.store_url, "--store", str(store_dir),
                                   "--prune", "--query-endpoint", server.store_url])
    assert code == 4 and out == "" and err.count("\n") == 1
    assert f"{server.store_url}: the query endpoint refused the query listing the plan graphs (HTTP 4" in err
    assert server.quads() == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--endpoint", "http://127.0.0.1:9/statements", "--prune"], "--prune needs the SPARQL query endpoint"),
    (["--endpoint", "http://127.0.0.1:9/store", "--query-endpoint", "http://127.0.0.1:9/query"],
     "--query-endpoint goes with --prune"),
    (["--endpoint", "http://127.0.0.1:9/store", "--prune", "--query-endpoint", "ftp://x/query"],
     "--query-endpoint 'ftp://x/query': expected an http:// or https:// URL"),
    (["--endpoint", "http://127.0.0.1:9/store", "--timeout", "0"], "Invalid value for '--timeout'"),
])
def test_prune_and_timeout_usage(args: list[str], message: str, store_dir: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["push", *args, "--store", str(store_dir)])
    assert code == 2 and out == "" and message in err


def test_prune_refuses_a_graph_without_plans(server: OxigraphServer, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    only_services = tmp_path / "services.nq"
    only_services.write_text(f"<urn:a> <urn:b> <urn:c> <{SERVICES}> .\n", encoding="utf-8")
    code, out, err = _run(capsys, ["push", "--endpoint", server.store_url, "--graph", str(only_services),
                                   "--prune"])
    assert code == 2 and "pruning would remove every plan from the server" in err
    assert server.quads() == 0
