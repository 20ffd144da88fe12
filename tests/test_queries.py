"""Named queries: the files keep their contract, their rows match a hand reading of the seeds,
both engines agree, the writers follow the W3C results formats, and ``plangraph query`` works.

The truth for the rows is ``tests/data/expected/*.json`` (written from reading the plans),
never the code's own output.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from rdflib import XSD, BNode, Dataset, Literal, URIRef
from rdflib.plugins.sparql import prepareQuery

from plangraph.cli import main
from plangraph.document import read_document
from plangraph.errors import ReadError, UsageError
from plangraph.mapping import MISSING_LABEL, extractions_to_dataset
from plangraph.queries import (Query, QueryResult, list_queries, load_query, result_to_csv,
                               result_to_json, result_to_table, run_query)
from plangraph.readers import read_text
from plangraph.resources import seeds
from plangraph.store import open_store, write_store

QUERIES = Path(__file__).resolve().parent.parent / "queries"
EXPECTED = Path(__file__).resolve().parent / "data" / "expected"
PG = "https://w3id.org/plangraph/def/core#"
MEASURE, ACTIVITY = URIRef(PG + "PerformanceMeasure"), URIRef(PG + "KeyActivity")
ACTION_PLAN = URIRef("https://w3id.org/plangraph/id/plan/nottingham-cypp-2016-2020")
REVIEW = URIRef("https://w3id.org/plangraph/id/plan/nottinghamshire-cyp-plan-review-2018")

# DESIGN.md "Named queries": the columns, in this order.
CONTRACT = {
    "plan-outline": ["plan", "priority", "priorityLabel", "outcome", "outcomeLabel", "item",
                     "itemType", "itemNotation", "itemLabel"],
    "who-leads-what": ["plan", "priority", "outcome", "item", "itemType", "itemNotation", "itemLabel",
                       "organisation", "organisationLabel", "officer", "officerLabel"],
}


def _expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    return _expected("nottingham-cypp-2016-2020-action-plan")


@pytest.fixture(scope="module")
def review() -> dict[str, Any]:
    return _expected("nottinghamshire-cyp-plan-review-2018")


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return extractions_to_dataset([(d, read_text(d)) for d in map(read_document, seeds())])


@pytest.fixture(scope="module")
def store_dir(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("build") / "store"
    write_store(dataset, path)
    return path


@pytest.fixture(scope="module")
def store(store_dir: Path) -> pyoxigraph.Store:
    return open_store(store_dir)


@pytest.fixture(scope="module")
def outline(store: pyoxigraph.Store) -> QueryResult:
    return run_query(load_query("plan-outline"), store=store)


@pytest.fixture(scope="module")
def leads(store: pyoxigraph.Store) -> QueryResult:
    return run_query(load_query("who-leads-what"), store=store)


def _text(term: Any) -> str | None:
    return None if term is None else str(term)


# -- the files --------------------------------------------------------------------------

def _rq_files() -> list[Path]:
    return sorted(QUERIES.glob("*.rq"))


def _header(text: str) -> list[str]:
    """The opening comment block, without the '#'."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return lines


def test_the_contract_queries_are_files() -> None:
    assert {p.stem for p in _rq_files()} >= set(CONTRACT)
    assert [q.name for q in list_queries()] == [p.stem for p in _rq_files()]


@pytest.mark.parametrize("path", _rq_files(), ids=lambda p: p.stem)
def test_query_file_opens_with_its_comment_and_parses_everywhere(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = _header(text)
    # the question it answers, its parameters, its columns
    assert header and re.fullmatch(rf"{re.escape(path.stem)}: [A-Z].*\?", header[0]), header[:1]
    assert any(line.startswith("Parameters:") for line in header)
    columns_lines = [line for line in header if line.startswith("Columns:")]
    assert len(columns_lines) == 1
    documented = [c.strip() for c in columns_lines[0].removeprefix("Columns:").split(",")]
    # its own prefixes: every prefix it uses is declared in the file
    declared = set(re.findall(r"^PREFIX\s+(\w*):", text, flags=re.MULTILINE))
    body = "\n".join(line for line in text.splitlines() if not line.startswith(("#", "PREFIX")))
    used = set(re.findall(r"(?<![\w<?$])([A-Za-z]\w*):[A-Za-z]", body))
    assert used <= declared, used - declared
    # parses with rdflib as it stands, with no initNs
    prepared = prepareQuery(text)
    assert [str(v) for v in prepared.algebra["PV"]] == documented
    # and with Oxigraph, on an empty store, with no union-graph option
    solutions = pyoxigraph.Store().query(text)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    assert [v.value for v in solutions.variables] == documented
    assert re.search(r"^ORDER BY ", text, flags=re.MULTILINE)
    loaded = load_query(path.stem)
    assert loaded.summary == header[0].split(": ", 1)[1]


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_columns_are_the_contract(name: str, store: pyoxigraph.Store, dataset: Dataset) -> None:
    assert run_query(load_query(name), store=store).columns == CONTRACT[name]
    assert run_query(load_query(name), dataset=dataset).columns == CONTRACT[name]


# -- plan-outline against the hand reading ---------------------------------------------

def test_plan_outline_lists_every_measure_of_the_action_plan_in_order(
        outline: QueryResult, action: dict[str, Any]) -> None:
    priorities = {p["notation"]: p["title"] for p in action["priorities"]}
    outcomes = {o["code"]: o["title"] for o in action["outcomes"]}
    rows = [r for r in outline.rows if r["plan"] == ACTION_PLAN]
    assert rows and all(r["itemType"] == MEASURE for r in rows)
    got = [(_text(r["priorityLabel"]), _text(r["outcomeLabel"]), _text(r["itemNotation"]),
            _text(r["itemLabel"])) for r in rows]
    want = [(priorities[m["priority"]],
             outcomes[m["outcome"]] if m["outcome"] else MISSING_LABEL,
             m["numeral"], m["text"]) for m in action["measures"]]
    assert len(want) == 43
    # every measure, once, in the order the plan prints them
    assert got == want
    assert len({r["item"] for r in rows}) == 43


def test_plan_outline_lists_every_activity_of_the_review_in_order(
        outline: QueryResult, review: dict[str, Any]) -> None:
    priorities = {p["notation"]: p["title"] for p in review["priorities"]}
    rows = [r for r in outline.rows if r["plan"] == REVIEW]
    assert rows and all(r["itemType"] == ACTIVITY for r in rows)
    assert all(r["outcome"] is None and r["outcomeLabel"] is None for r in rows)
    got = [(_text(r["priorityLabel"]), _text(r["itemNotation"]), _text(r["itemLabel"])) for r in rows]
    want = [(priorities[a["priority"]], str(a["number"]), a["text"]) for a in review["activities"]]
    assert len(want) == 21
    assert got == want


def test_plan_outline_has_both_plans_and_nothing_else(outline: QueryResult) -> None:
    assert len(outline.rows) == 43 + 21
    plans = [str(r["plan"]) for r in outline.rows]
    assert plans == sorted(plans)
    assert {r["plan"] for r in outline.rows} == {ACTION_PLAN, REVIEW}


# -- who-leads-what against the hand reading -------------------------------------------

def test_who_leads_what_names_the_leads_as_the_plan_prints_them(
        leads: QueryResult, action: dict[str, Any]) -> None:
    rows = [r for r in leads.rows if r["plan"] == ACTION_PLAN]
    by_measure: dict[tuple[str | None, str | None], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        assert r["itemType"] == MEASURE
        by_measure[(_text(r["itemNotation"]), _text(r["itemLabel"]))].append(r)
    keys = [(m["numeral"], m["text"]) for m in action["measures"]]
    assert len(set(keys)) == len(keys) == 43  # notation + text tells every measure apart
    assert set(by_measure) == set(keys)
    for m in action["measures"]:
        got = by_measure[(m["numeral"], m["text"])]
        where = f"{m['outcome']} {m['numeral']}"
        orgs = {r["organisationLabel"] for r in got} - {None}
        officers = {r["officerLabel"] for r in got} - {None}
        assert {str(o) for o in orgs} == set(m["organisations"]), where
        assert {str(o) for o in officers} == set(m["officers"]), where
        # one row per (organisation, officer) pairing, an empty side where the cell names none
        assert len(got) == max(1, len(m["organisations"])) * max(1, len(m["officers"])), where
        assert len({(r["organisation"], r["officer"]) for r in got}) == len(got), where
        if not m["organisations"]:
            assert all(r["organisation"] is None and r["organisationLabel"] is None for r in got), where
        if not m["officers"]:
            assert all(r["officer"] is None and r["officerLabel"] is None for r in got), where


def test_a_measure_with_no_lead_has_one_empty_row(leads: QueryResult, action: dict[str, Any]) -> None:
    unled = [m for m in action["measures"] if not m["organisations"] and not m["officers"]]
    assert unled  # 1e iii: the plan leaves its lead cell empty
    for m in unled:
        got = [r for r in leads.rows if _text(r["itemLabel"]) == m["text"]]
        assert len(got) == 1
        assert [got[0][c] for c in ("organisation", "organisationLabel", "officer", "officerLabel")] \
            == [None] * 4


def test_who_leads_what_uses_the_printed_name_not_only_the_canonical_one(leads: QueryResult) -> None:
    first = [r for r in leads.rows if r["item"] == URIRef(f"{ACTION_PLAN}/measure/1a/i")]
    assert {str(r["organisationLabel"]) for r in first} == {"Nottingham City", "CCG"}
    # "CCG" is printed for the organisation whose canonical name is longer
    ccg = {r["organisation"] for r in first if str(r["organisationLabel"]) == "CCG"}
    assert len(ccg) == 1
    assert str(next(iter(ccg))).endswith("/organisation/nottingham-city-ccg")


def test_who_leads_what_covers_every_item_of_the_outline(leads: QueryResult, outline: QueryResult) -> None:
    assert [r["item"] for r in outline.rows] == list(dict.fromkeys(r["item"] for r in leads.rows))


# -- engines ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_rdflib_and_oxigraph_give_the_same_rows(name: str, store: pyoxigraph.Store,
                                                dataset: Dataset) -> None:
    on_disk = run_query(load_query(name), store=store)
    in_memory = run_query(load_query(name), dataset=dataset)
    assert on_disk.rows  # not two empty results
    assert in_memory == on_disk


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_named_query_needs_no_union_default_graph(name: str, store: pyoxigraph.Store) -> None:
    # As it stands in any SPARQL 1.1 tool: no option that makes the default graph the union.
    plain = store.query(load_query(name).text)
    assert isinstance(plain, pyoxigraph.QuerySolutions)
    assert len(list(plain)) == len(run_query(load_query(name), store=store).rows)


def test_rdflib_runs_over_the_union_without_changing_the_dataset(dataset: Dataset) -> None:
    result = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <%sPlan> }" % PG, dataset=dataset)
    assert result.rows == [{"n": Literal("2", datatype=XSD.integer)}]
    assert dataset.default_union is False


def test_terms_are_the_same_on_both_engines() -> None:
    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    g.add((URIRef("urn:s"), URIRef("urn:p"), Literal("plain")))
    g.add((URIRef("urn:s"), URIRef("urn:q"), Literal("Englisch", lang="de")))
    g.add((URIRef("urn:s"), URIRef("urn:r"), Literal("7", datatype=XSD.integer)))
    store = pyoxigraph.Store()
    store.load(ds.serialize(format="nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
    text = "SELECT ?p ?o WHERE { <urn:s> ?p ?o } ORDER BY ?p"
    a, b = run_query(text, dataset=ds), run_query(text, store=store)
    assert a == b
    assert [r["o"] for r in a.rows] == [Literal("plain"), Literal("Englisch", lang="de"),
                                        Literal("7", datatype=XSD.integer)]


# -- errors ------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(("body", "line"), [("  ?s ?p\n", 4), ("  ?s ?p ?o .\n  ?s nope:q ?o\n", 5)],
                         ids=["no-object", "undeclared-prefix"])
def test_a_syntax_error_names_the_file_and_line(engine: str, body: str, line: int, tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text(f"# broken: Does it parse?\nSELECT ?s\nWHERE {{\n{body}}}\n", encoding="utf-8")
    query = load_query(str(path))
    with pytest.raises(ReadError) as caught:
        if engine == "oxigraph":
            run_query(query, store=pyoxigraph.Store())
        else:
            run_query(query, dataset=Dataset())
    assert caught.value.file == str(path)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: SPARQL ")
    assert "\n" not in str(caught.value)


def test_a_query_that_is_not_select_is_refused() -> None:
    with pytest.raises(ReadError, match="not a SELECT query"):
        run_query("ASK { ?s ?p ?o }", store=pyoxigraph.Store())
    with pytest.raises(ReadError, match="not a SELECT query"):
        run_query("ASK { ?s ?p ?o }", dataset=Dataset())


def test_unknown_names_and_missing_files() -> None:
    with pytest.raises(UsageError, match="plan-outline, who-leads-what"):
        load_query("who-leads")
    with pytest.raises(ReadError, match="no such query file"):
        load_query("nowhere/mine.rq")


# -- writers ------------------------------------------------------------------------------

SMALL = QueryResult(
    columns=["s", "label", "n", "note"],
    rows=[
        {"s": URIRef("https://w3id.org/plangraph/id/x"), "label": Literal('a, "quoted"\nline'),
         "n": Literal("7", datatype=XSD.integer), "note": None},
        {"s": BNode("b1"), "label": Literal("chat", lang="fr"), "n": None, "note": Literal("x")},
    ],
)


def test_csv_is_the_w3c_format() -> None:
    text = result_to_csv(SMALL)
    assert text.startswith("s,label,n,note\r\n")
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed == [
        ["s", "label", "n", "note"],
        ["https://w3id.org/plangraph/id/x", 'a, "quoted"\nline', "7", ""],
        ["_:b1", "chat", "", "x"],
    ]


def test_json_is_the_w3c_format() -> None:
    data = json.loads(result_to_json(SMALL))
    assert data == {
        "head": {"vars": ["s", "label", "n", "note"]},
        "results": {"bindings": [
            {"s": {"type": "uri", "value": "https://w3id.org/plangraph/id/x"},
             "label": {"type": "literal", "value": 'a, "quoted"\nline'},
             "n": {"type": "literal", "value": "7",
                   "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},
            {"s": {"type": "bnode", "value": "b1"},
             "label": {"type": "literal", "value": "chat", "xml:lang": "fr"},
             "note": {"type": "literal", "value": "x"}},
        ]},
    }


def test_table_shows_labels_and_short_iris(leads: QueryResult) -> None:
    headers, rows = result_to_table(leads)
    assert headers == ["plan", "priority", "outcome", "item", "itemType", "itemNotation",
                       "organisation", "officer"]
    assert len(rows) == len(leads.rows)
    first = dict(zip(headers, rows[0]))
    assert first == {
        "plan": "nottingham-cypp-2016-2020",  # a plan's nodes read as its slug and their keys
        "priority": "1",
        "outcome": "1a",
        "item": "Percentage of women reporting smoking at time of delivery",
        "itemType": "pg:PerformanceMeasure", "itemNotation": "i",
        "organisation": "Nottingham City", "officer": "Helene Denness",
    }
    assert all(cell is not None and "https://w3id.org/plangraph/" not in cell
               for row in rows for cell in row)


def test_table_falls_back_to_the_iri_when_a_label_is_missing() -> None:
    result = QueryResult(["thing", "thingLabel"],
                         [{"thing": URIRef("https://w3id.org/plangraph/id/a"), "thingLabel": None},
                          {"thing": URIRef("https://example.org/b"), "thingLabel": Literal("B")}])
    assert result_to_table(result) == (["thing"], [["id:a"], ["B"]])


# -- the command ---------------------------------------------------------------------------

def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_cli_csv(name: str, store_dir: Path, store: pyoxigraph.Store,
                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["query", name, "--store", str(store_dir), "--format", "csv"])
    assert code == 0, err
    parsed = list(csv.reader(io.StringIO(out, newline="")))
    assert parsed[0] == CONTRACT[name]
    assert len(parsed) - 1 == len(run_query(load_query(name), store=store).rows)
    assert all(len(row) == len(CONTRACT[name]) for row in parsed)


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_cli_json(name: str, store_dir: Path, store: pyoxigraph.Store,
                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["query", name, "--store", str(store_dir), "--format", "json"])
    assert code == 0, err
    data = json.loads(out)
    assert data["head"]["vars"] == CONTRACT[name]
    bindings = data["results"]["bindings"]
    assert len(bindings) == len(run_query(load_query(name), store=store).rows)
    for binding in bindings:
        assert set(binding) <= set(CONTRACT[name])
        for value in binding.values():
            assert value["type"] in ("uri", "literal", "bnode") and isinstance(value["value"], str)


def test_cli_table_and_file_query(store_dir: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["query", "who-leads-what", "--store", str(store_dir),
                                   "--format", "table"])
    assert code == 0, err
    assert "Helene Denness" in out and "CCG" in out and "nottingham-cypp-2016-2020" in out
    mine = tmp_path / "plans.rq"
    mine.write_text("SELECT ?plan WHERE { ?plan a <%sPlan> } ORDER BY ?plan" % PG, encoding="utf-8")
    code, out, err = _run(capsys, ["query", str(mine), "--store", str(store_dir), "--format", "csv"])
    assert code == 0, err
    assert out.splitlines() == ["plan", str(ACTION_PLAN), str(REVIEW)]


def test_cli_lists_the_named_queries(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["query"])
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines()] == [q.name for q in list_queries()]


def test_cli_missing_store_exits_3_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "build" / "store"
    code, out, err = _run(capsys, ["query", "who-leads-what", "--store", str(missing)])
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"plangraph: error: {missing}: no plangraph store here")
    assert not missing.exists()


def test_cli_bad_query_file_exits_3(store_dir: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE {\n  ?x ?y\n}\n", encoding="utf-8")
    code, out, err = _run(capsys, ["query", str(bad), "--store", str(store_dir)])
    assert code == 3 and out == ""
    assert err.startswith(f"plangraph: error: {bad}:2: SPARQL syntax error") and err.count("\n") == 1


def test_query_objects_carry_their_source(tmp_path: Path) -> None:
    assert load_query("plan-outline").path == QUERIES / "plan-outline.rq"
    assert Query(name="<query>", text="SELECT * {}").source == "<query>"
    counts = Counter(q.name for q in list_queries())
    assert all(n == 1 for n in counts.values())
