"""Every named query gives the same rows on rdflib in memory, on the embedded Oxigraph store and
on a real ``oxigraph serve`` after ``plangraph push``; parameters reach the endpoint as terms
and a hostile one finds nothing and changes nothing there either."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from conftest import ITEM_QUERIES
from oxigraph_server import OxigraphServer, oxigraph_server
from rdflib import Dataset, Literal, URIRef

from plangraph.cli import main
from plangraph.sparql.endpoint import query_endpoint, with_values
from plangraph.store.http import EndpointError
from plangraph.errors import ReadError, UsageError
from plangraph.cli.arguments import parse_params
from plangraph.sparql import Query, QueryResult, list_queries, load_query, result_to_csv, run_query
from plangraph.store import open_store

__all__ = ["oxigraph_server"]  # the fixture, imported for pytest to find

CCG = URIRef("https://w3id.org/plangraph/id/organisation/nottingham-city-ccg")
COUNCIL = URIRef("https://w3id.org/plangraph/id/organisation/nottingham-city-council")
HOSTILE = ['CCG"', "{ ?s ?p ?o }", "CCG # }", "} ; DROP ALL ; {", 'CCG" } ; DROP ALL ; { "',
           "CCG\" . } } ; CLEAR ALL ; #", "CCG\n} ; DROP ALL ; {"]


@pytest.fixture(scope="module")
def dataset(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


@pytest.fixture(scope="module")
def store_dir(seeds_store_dir: Path) -> Path:
    return seeds_store_dir


@pytest.fixture(scope="module")
def store(store_dir: Path) -> pyoxigraph.Store:
    return open_store(store_dir)


@pytest.fixture(scope="module")
def server(oxigraph_server: OxigraphServer, store_dir: Path) -> OxigraphServer:
    """The server holding the seeds, loaded the way a user would: with plangraph push."""
    assert main(["push", "--endpoint", oxigraph_server.store_url, "--store", str(store_dir)]) == 0
    return oxigraph_server


def _params(name: str) -> list[dict[str, object]]:
    """What each named query is run with: nothing, and each parameter it declares."""
    cases: list[dict[str, object]] = [{}]
    if name == "organisation-leads":
        cases += [{"organisation": CCG}, {"name": Literal("CCG")}]
    if name == "shared-work":
        cases += [{"organisationA": COUNCIL, "organisationB": CCG}]
    return cases


# (the item queries have no rows on the text seeds: test_items_queries compares them on Kent)
CASES = [(q.name, i) for q in list_queries() if q.name not in ITEM_QUERIES for i in range(len(_params(q.name)))]


@pytest.mark.parametrize(("name", "case"), CASES)
def test_the_same_rows_on_rdflib_the_store_and_the_server(
        name: str, case: int, seeds_rdflib_answer: Callable[..., QueryResult], store: pyoxigraph.Store,
        server: OxigraphServer) -> None:
    params = _params(name)[case]
    query = load_query(name)
    in_memory = seeds_rdflib_answer(name, params)
    on_disk = run_query(query, store=store, params=params)  # type: ignore[arg-type]
    over_http = query_endpoint(query, server.query_url, params=params)  # type: ignore[arg-type]
    if name != "outcomes-without-measures":  # no outcome of the seeds lacks measures
        assert on_disk.rows
    assert in_memory == on_disk
    assert over_http == on_disk


def test_the_server_holds_exactly_the_store(server: OxigraphServer, store: pyoxigraph.Store) -> None:
    assert server.quads() == len(store)
    graphs = server.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [g["g"] for g in graphs] == sorted(g.value for g in store.named_graphs())


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("parameter", ["organisation", "name"])
def test_a_hostile_value_finds_nothing_on_the_server_and_changes_nothing(
        parameter: str, value: str, server: OxigraphServer) -> None:
    before = server.quads()
    params = parse_params([f"{parameter}={value}"])
    assert query_endpoint(load_query("organisation-leads"), server.query_url, params=params).rows == []
    assert server.quads() == before


@pytest.mark.parametrize("value", HOSTILE + ['a\\"b', "tab\tand\r\nbreaks"])
def test_values_travel_as_one_escaped_term(value: str) -> None:
    query = Query("q", "SELECT ?name WHERE { OPTIONAL { ?s ?p ?name } } # a comment at the end")
    text = with_values(query, {"name": Literal(value)})
    head, _, clause = text.rpartition("\nVALUES ")
    assert head == query.text  # the query is untouched; the clause follows on its own line
    assert clause.startswith("( ?name ) { ( \"") and clause.endswith("\" ) }\n")
    assert "\n" not in clause[:-1] and "\t" not in clause
    # Oxigraph parses the clause back to the very same value
    store = pyoxigraph.Store()
    assert [s["name"].value for s in store.query(text)] == [value]


def test_a_query_ending_in_values_cannot_take_parameters() -> None:
    query = Query("q", 'SELECT ?name WHERE { ?s ?p ?name } VALUES ?name { "a" }')
    with pytest.raises(UsageError, match="already ends in VALUES"):
        with_values(query, {"name": Literal("b")})


def test_cli_query_on_the_endpoint(server: OxigraphServer, store: pyoxigraph.Store,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["query", "organisation-leads", "--endpoint", server.query_url,
                 "--param", "organisation=id:organisation/nottingham-city-ccg", "--format", "csv"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    want = run_query(load_query("organisation-leads"), store=store, params={"organisation": CCG})
    assert captured.out == result_to_csv(want) and len(want.rows) > 1


def test_a_bad_query_on_the_endpoint_names_the_file_and_line(server: OxigraphServer, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ?y\n}\n", encoding="utf-8")
    code = main(["query", str(bad), "--endpoint", server.query_url])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith(f"plangraph: error: {bad}:2: SPARQL syntax error") and err.count("\n") == 1
    # one rdflib parses but the server cannot run (a function Oxigraph does not know)
    odd = Query("odd", "PREFIX f: <urn:f:>\nSELECT ?x WHERE {\n  BIND (f:nope(1) AS ?x)\n}\n", tmp_path / "odd.rq")
    with pytest.raises(ReadError) as caught:
        query_endpoint(odd, server.query_url)
    assert caught.value.file == str(tmp_path / "odd.rq")
    assert f"the endpoint {server.query_url} could not run the query (HTTP 500 " in str(caught.value)
    assert "urn:f:nope" in str(caught.value) and "\n" not in str(caught.value)


def test_the_graph_store_is_not_a_query_endpoint(server: OxigraphServer) -> None:
    # The Graph Store refuses a query form: the message names the URL and the HTTP status.
    with pytest.raises(EndpointError) as caught:
        query_endpoint(load_query("plan-outline"), server.store_url)
    message = str(caught.value)
    assert message.startswith(f"{server.store_url}: the server refused the request (HTTP 4")
    assert "\n" not in message


def test_a_server_that_is_down_gives_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from oxigraph_server import free_port

    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    code = main(["query", "plan-outline", "--endpoint", url])
    captured = capsys.readouterr()
    assert code == 4 and captured.out == ""
    assert captured.err.startswith(f"plangraph: error: {url}: cannot connect") and captured.err.count("\n") == 1

