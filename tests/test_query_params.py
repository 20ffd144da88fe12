"""``--param NAME=VALUE``: values become RDF terms, are bound through the engine's own API (the
query text is never edited), give the same rows on both embedded engines, and a hostile value
finds nothing and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from rdflib import Dataset, Literal, URIRef

from plangraph.cli import main
from plangraph.errors import UsageError
from plangraph.cli.arguments import parse_params
from plangraph.sparql import (QueryResult, check_params, list_queries, load_query, parse_term,
                               result_to_csv, run_query)
from plangraph.store import open_store

PG = "https://w3id.org/plangraph/def/core#"
ORGANISATION = "https://w3id.org/plangraph/id/organisation/"
CCG = URIRef(ORGANISATION + "nottingham-city-ccg")
COUNCIL = URIRef(ORGANISATION + "nottingham-city-council")

# What a careless or hostile value might hold: quotes, braces, a comment, an update.
HOSTILE = [
    'CCG"',
    "CCG' ",
    '"CCG"',
    "{ ?s ?p ?o }",
    "CCG # }",
    "} ; DROP ALL ; {",
    'CCG" } ; DROP ALL ; { "',
    "CCG\" . } } DELETE WHERE { ?s ?p ?o } #",
    "\\\" ) } ; CLEAR ALL ; #",
    "CCG\n} ; DROP ALL ; {",
    "<urn:x> } ; DROP ALL ; { <urn:y",
]
# Every parameter of every named query: the hostile values go into each.
PARAMETERS = [(q.name, p) for q in list_queries() for p in q.parameters]


@pytest.fixture(scope="module")
def dataset(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


@pytest.fixture(scope="module")
def store_dir(seeds_store_dir: Path) -> Path:
    return seeds_store_dir


@pytest.fixture(scope="module")
def store(store_dir: Path) -> pyoxigraph.Store:
    return open_store(store_dir)


def _quads(ds: Dataset) -> int:
    return sum(len(g) for g in ds.graphs())


# -- values to terms -------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "term"), [
    ("id:organisation/nottingham-city-ccg", CCG),
    (f"<{CCG}>", CCG),
    (str(CCG), CCG),
    ("pg:PerformanceMeasure", URIRef(PG + "PerformanceMeasure")),
    ("urn:x:1", URIRef("urn:x:1")),
    ("CCG", Literal("CCG")),
    ("Nottingham City CCG", Literal("Nottingham City CCG")),
    ("", Literal("")),
    ("7", Literal("7")),  # a string: the plans' notations and names are strings
    ("<not closed", Literal("<not closed")),
    ("id", Literal("id")),
])
def test_parse_term(value: str, term: Any) -> None:
    got = parse_term(value)
    assert got == term and type(got) is type(term)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_plain_strings_kept_whole(value: str) -> None:
    assert parse_term(value) == Literal(value)
    assert parse_params([f"name={value}"]) == {"name": Literal(value)}


@pytest.mark.parametrize("value", ["<http://x/a b>", "<urn:x> } DROP ALL { <urn:y>", "http://x/{a}",
                                   "id:organisation/a b", "<>"])
def test_a_bad_iri_is_a_usage_error(value: str) -> None:
    if value == "<>":  # too short to be an IRI: a string
        assert parse_term(value) == Literal("<>")
        return
    with pytest.raises(UsageError, match="is not a valid IRI"):
        parse_term(value)


def test_parse_params() -> None:
    assert parse_params(["organisation=id:organisation/x", "?name=a=b"]) == {
        "organisation": URIRef(ORGANISATION + "x"), "name": Literal("a=b")}
    for bad in ("organisation", "=x", "two words=x", "1st=x"):
        with pytest.raises(UsageError, match="expected NAME=VALUE"):
            parse_params([bad])
    with pytest.raises(UsageError, match="given twice"):
        parse_params(["name=a", "name=b"])


def test_named_queries_declare_their_parameters() -> None:
    by_name = {q.name: q.parameters for q in list_queries()}
    assert by_name["organisation-leads"] == ["organisation", "name"]
    assert by_name["shared-work"] == ["organisationA", "organisationB"]
    assert by_name["partnership-links"] == []
    # a declared parameter is a variable the engines can bind
    for name, parameter in PARAMETERS:
        check_params(load_query(name), {parameter: Literal("x")})


def test_an_unknown_parameter_is_refused_before_running() -> None:
    with pytest.raises(UsageError, match=r"no variable \?organization .*its parameters: organisation, name"):
        check_params(load_query("organisation-leads"), {"organization": CCG})
    with pytest.raises(UsageError, match="it has no parameters"):
        run_query(load_query("partnership-links"), store=pyoxigraph.Store(), params={"x": CCG})


# -- binding ---------------------------------------------------------------------------------

def _leads_of(ds: Dataset, organisation: URIRef) -> set[Any]:
    return {item for g in ds.graphs() for item in g.subjects(URIRef(PG + "leadOrganisation"), organisation)}


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_organisation_leads_by_iri_and_by_printed_name(engine: str, store: pyoxigraph.Store, dataset: Dataset,
                                                       seeds_rdflib_answer: Callable[..., QueryResult]) -> None:
    def run(**params: Any) -> list[dict[str, Any]]:
        if engine == "rdflib":
            return seeds_rdflib_answer("organisation-leads", params).rows
        return run_query(load_query("organisation-leads"), params=params, store=store).rows

    everything = run()
    by_iri = run(organisation=CCG)
    assert {r["item"] for r in by_iri} == _leads_of(dataset, CCG)
    assert by_iri == [r for r in everything if r["organisation"] == CCG]
    # the plan prints the CCG as "CCG" in some lead cells and in full in others
    printed = {str(r["name"]) for r in by_iri}
    assert printed == {"CCG", "Nottingham City CCG"}
    by_name = run(name=Literal("CCG"))
    assert by_name and by_name == [r for r in by_iri if r["name"] == Literal("CCG")]
    assert len(by_name) < len(by_iri)
    # 1a i) "Nottingham City/ CCG": the CCG printed as "CCG" (the hand reading of the seed)
    assert URIRef("https://w3id.org/plangraph/id/plan/nottingham-cypp-2016-2020/measure/1a/i") in {
        r["item"] for r in by_name}
    assert run(organisation=CCG, name=Literal("CCG")) == by_name
    assert run(organisation=COUNCIL, name=Literal("CCG")) == []
    assert run(name=Literal("ccg")) == []  # names match exactly as printed


def test_shared_work_takes_the_pair_in_either_order(store: pyoxigraph.Store, dataset: Dataset) -> None:
    forward = run_query(load_query("shared-work"), store=store,
                        params={"organisationA": CCG, "organisationB": COUNCIL})
    backward = run_query(load_query("shared-work"), dataset=dataset,
                         params={"organisationA": COUNCIL, "organisationB": CCG})
    assert forward.rows
    assert {r["thing"] for r in forward.rows} == {r["thing"] for r in backward.rows}
    assert {r["organisationA"] for r in forward.rows} == {CCG}


def test_the_query_text_reaches_oxigraph_unchanged(store: pyoxigraph.Store) -> None:
    # The binding travels beside the query (Oxigraph's substitutions), never inside its text.
    seen: list[tuple[str, Any]] = []

    class Spy:
        def query(self, text: str, **options: Any) -> Any:
            seen.append((text, options.get("substitutions")))
            return store.query(text, **options)

    query = load_query("organisation-leads")
    hostile = Literal('CCG" } ; DROP ALL ; {')
    rows = run_query(query, store=Spy(), params={"name": hostile}).rows  # type: ignore[arg-type]
    assert rows == []
    ((text, substitutions),) = seen
    assert text == query.text
    assert substitutions == {pyoxigraph.Variable("name"): pyoxigraph.Literal(str(hostile))}


def test_the_query_text_reaches_rdflib_unchanged(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    original = Dataset.query

    def spy(self: Dataset, query: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append((query, kwargs.get("initBindings")))
        return original(self, query, *args, **kwargs)

    monkeypatch.setattr(Dataset, "query", spy)
    hostile = Literal("} ; DROP ALL ; {")
    assert run_query(load_query("organisation-leads"), dataset=dataset, params={"name": hostile}).rows == []
    ((prepared, bindings),) = seen
    assert not isinstance(prepared, str)  # the query parsed from the file, not a new text
    assert bindings == {"name": hostile}


# -- hostile values: nothing found, nothing changed ---------------------------------------------

@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(("name", "parameter"), PARAMETERS)
def test_a_hostile_value_finds_nothing_and_changes_nothing(
        name: str, parameter: str, value: str, store: pyoxigraph.Store) -> None:
    before = len(store)
    graphs = sorted(g.value for g in store.named_graphs())
    params = parse_params([f"{parameter}={value}"])
    assert run_query(load_query(name), store=store, params=params).rows == []
    assert len(store) == before
    assert sorted(g.value for g in store.named_graphs()) == graphs


# rdflib takes seconds per shared-work run, so it gets every value on one query and a few on the other.
RDFLIB_CASES = ([("organisation-leads", "name", v) for v in HOSTILE]
                + [("organisation-leads", "organisation", v) for v in HOSTILE[4:8]]
                + [("shared-work", "organisationA", v) for v in HOSTILE[5:7]])


@pytest.mark.parametrize(("name", "parameter", "value"), RDFLIB_CASES)
def test_a_hostile_value_finds_nothing_and_changes_nothing_in_rdflib(
        name: str, parameter: str, value: str, dataset: Dataset) -> None:
    before = _quads(dataset)
    params = parse_params([f"{parameter}={value}"])
    assert run_query(load_query(name), dataset=dataset, params=params).rows == []
    assert _quads(dataset) == before


def test_the_cli_binds_params_and_leaves_the_store_as_it_was(
        store_dir: Path, dataset: Dataset, capsys: pytest.CaptureFixture[str]) -> None:
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["query", *argv, "--store", str(store_dir)])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, err = run("organisation-leads", "--param", "organisation=id:organisation/nottingham-city-ccg",
                         "--format", "csv")
    assert code == 0, err
    on_disk = open_store(store_dir)
    assert out == result_to_csv(run_query(load_query("organisation-leads"), store=on_disk,
                                          params={"organisation": CCG}))
    assert {line.split(",")[0] for line in out.splitlines()[1:]} == {str(CCG)}
    count = len(on_disk)
    del on_disk
    for value in HOSTILE:
        code, out, err = run("organisation-leads", "--param", f"name={value}", "--format", "csv")
        assert code == 0, err
        assert out.splitlines() == ["organisation,organisationLabel,name,plan,outcome,item,itemType,"
                                    "itemNotation,itemLabel"]
    code, out, err = run("organisation-leads", "--param", "organisation=<urn:x> } ; DROP ALL ; { <urn:y>")
    assert code == 2 and out == "" and "is not a valid IRI" in err and err.count("\n") == 1
    code, out, err = run("organisation-leads", "--param", "organization=id:organisation/x")
    assert code == 2 and out == ""
    assert err.startswith("plangraph: error: ") and "no variable ?organization" in err
    assert len(open_store(store_dir)) == count

