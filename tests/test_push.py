"""``plangraph push``: one PUT per named graph replaces it on a real Oxigraph server, so pushing
twice leaves what pushing once does; credentials come from the environment and never show; a
server that is down or refuses gives one line with the URL and the HTTP status (exit 4)."""

from __future__ import annotations

import base64
import http.server
import threading
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
    """A loopback HTTP server that answers every request with one canned response."""

    status: int = 204
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    requests: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture()
def stub() -> Iterator[Stub]:
    state = Stub()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            state.requests.append({"method": self.command, "path": self.path,
                                   "headers": dict(self.headers), "body": self.rfile.read(length)})
            self.send_response(state.status)
            for key, value in state.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            self.wfile.write(state.body)

        do_GET = do_PUT = do_POST = _answer

        def log_message(self, *args: Any) -> None:  # keep the test output clean
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
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
