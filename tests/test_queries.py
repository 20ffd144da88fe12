"""Named queries: the files keep their contract, their rows match a hand reading of the seeds
(or, for the partnership questions, the documented rule computed again in Python over the
triples), both engines agree, the writers follow the W3C results formats, and ``plangraph
query`` works.

The truth for the rows is ``tests/data/expected/*.json`` (written from reading the plans) and
the seed texts, never the code's own output.
"""

from __future__ import annotations

from collections.abc import Callable
import csv
import io
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from rdflib import RDF, BNode, Dataset, Literal, URIRef, Variable
# the datatypes by their module: a DefinedNamespace at module level makes pytest's collection warn
from rdflib import namespace
from rdflib.namespace import FOAF, ORG, SKOS
from rdflib.plugins.sparql import prepareQuery

from plangraph.cli import main
from plangraph.errors import ReadError, UsageError
from conftest import dataset_of, ITEM_QUERIES
from plangraph.rdf.mapping import MISSING_LABEL
from plangraph.sparql import (Query, QueryResult, list_queries, load_query, result_to_csv,
                               result_to_json, result_to_table, result_to_tsv, run_query)
from plangraph.store import open_store

QUERIES = Path(__file__).resolve().parent.parent / "queries"
EXPECTED = Path(__file__).resolve().parent / "data" / "expected"
PG = "https://w3id.org/plangraph/def/core#"
MEASURE, ACTIVITY = URIRef(PG + "PerformanceMeasure"), URIRef(PG + "KeyActivity")
ACTION_PLAN = URIRef("https://w3id.org/plangraph/id/plan/nottingham-cypp-2016-2020")
REVIEW = URIRef("https://w3id.org/plangraph/id/plan/nottinghamshire-cyp-plan-review-2018")
ORGANISATION = "https://w3id.org/plangraph/id/organisation/"

# DESIGN.md "Named queries": the columns, in this order.
CONTRACT = {
    "plan-outline": ["plan", "priority", "priorityLabel", "outcome", "outcomeLabel", "item",
                     "itemType", "itemNotation", "itemLabel"],
    "who-leads-what": ["plan", "priority", "outcome", "item", "itemType", "itemNotation", "itemLabel",
                       "organisation", "organisationLabel", "officer", "officerLabel"],
    "partnership-links": ["organisationA", "labelA", "organisationB", "labelB", "sharedItems"],
    "shared-across-plans": ["entity", "entityType", "label", "plans"],
    "due-by": ["plan", "due", "timescale", "item", "itemType", "itemLabel", "lead", "leadLabel", "status"],
    "status-summary": ["plan", "heading", "headingLabel", "lead", "leadLabel", "status", "statusLabel", "items"],
    "outcome-contributions": ["plan", "code", "codeNotation", "codeLabel", "item", "itemType", "itemLabel",
                              "printedAs"],
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
def dataset(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


@pytest.fixture(scope="module")
def store_dir(seeds_store_dir: Path) -> Path:
    return seeds_store_dir


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
def test_columns_are_the_contract(name: str, store: pyoxigraph.Store,
                                  seeds_rdflib_answer: Callable[..., QueryResult]) -> None:
    assert run_query(load_query(name), store=store).columns == CONTRACT[name]
    assert seeds_rdflib_answer(name).columns == CONTRACT[name]


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


# -- partnership questions: the documented rule computed again over the triples ------------

def _pg(term: str) -> URIRef:
    return URIRef(PG + term)


def _plan_graphs(ds: Dataset) -> list[Any]:
    return [g for g in ds.graphs() if (g.identifier, RDF.type, _pg("Plan")) in g]


def _involved_in(g: Any) -> set[tuple[URIRef, URIRef]]:
    """(thing, organisation): what each organisation of one plan's graph is attached to, by
    the rule partnership-links states in its opening comment, read from the graph's leads,
    mentions, reports, outcomes, services and sources (not from pg:involvedOrganisation)."""
    organisations = set(g.subjects(RDF.type, ORG.Organization))
    attached = [(node, org) for node, org in g.subject_objects(_pg("leadOrganisation"))]
    attached += [(node, org) for node, mention in g.subject_objects(_pg("mention"))
                 for org in g.objects(mention, _pg("refersTo"))]
    pairs: set[tuple[URIRef, URIRef]] = set()
    for node, org in attached:
        if org not in organisations:
            continue
        kinds = set(g.objects(node, RDF.type))
        found = {node} if kinds & {MEASURE, ACTIVITY, _pg("Source")} else set()
        reported = set(g.objects(node, _pg("reportsOn")))
        found |= reported
        for base in {node} | reported:
            found |= set(g.objects(base, _pg("outcome")))
            found |= set(g.objects(base, _pg("evidenceSource")))
        found |= set(g.objects(node, _pg("mentionsService")))
        pairs |= {(thing, org) for thing in found}
    return pairs


def _involvement(ds: Dataset) -> dict[URIRef, set[URIRef]]:
    """Organisation -> the measures, activities, outcomes, services and sources it is attached
    to in any plan (``_involved_in``)."""
    things: dict[URIRef, set[URIRef]] = defaultdict(set)
    for g in _plan_graphs(ds):
        for thing, org in _involved_in(g):
            things[org].add(thing)
    return things


def _stated_involvement(g: Any) -> set[tuple[URIRef, URIRef]]:
    return set(g.subject_objects(_pg("involvedOrganisation")))


def test_the_graph_states_what_each_organisation_is_involved_in(dataset: Dataset) -> None:
    # the build's shortcut, which partnership-links and shared-work join, says what the rule says
    graphs = _plan_graphs(dataset)
    assert len(graphs) == 2
    for g in graphs:
        stated = _stated_involvement(g)
        assert stated and stated == _involved_in(g)
    # both layouts give some: measures and outcomes (action plan), activities and sources (review)
    kinds = {k for g in graphs for thing, _ in _stated_involvement(g) for k in g.objects(thing, RDF.type)}
    assert {MEASURE, ACTIVITY, _pg("Outcome"), _pg("Source")} <= kinds


def test_generated_plans_state_their_involvement_by_the_same_rule(tmp_path: Path) -> None:
    from plangraph.bench.synth import write_plans

    write_plans(6, tmp_path, seed=3)
    ds = dataset_of(*sorted(tmp_path.glob("*.txt")))
    graphs = _plan_graphs(ds)
    assert len(graphs) == 6
    assert all(_stated_involvement(g) == _involved_in(g) for g in graphs)
    # services shared across plans are among what organisations share
    services = {thing for g in graphs for thing, _ in _stated_involvement(g) if (thing, RDF.type, _pg("Service")) in g}
    assert services


def test_partnership_links_counts_what_two_organisations_share(store: pyoxigraph.Store,
                                                               dataset: Dataset) -> None:
    things = _involvement(dataset)
    want = {(a, b): len(things[a] & things[b]) for a in things for b in things
            if str(a) < str(b) and things[a] & things[b]}
    result = run_query(load_query("partnership-links"), store=store)
    got = {(r["organisationA"], r["organisationB"]): int(str(r["sharedItems"])) for r in result.rows}
    assert len(got) == len(result.rows)  # one row per pair
    assert got == want
    # from the pair sharing most down
    counts = [int(str(r["sharedItems"])) for r in result.rows]
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 1
    labels = {org: str(label) for g in _plan_graphs(dataset)
              for org, label in g.subject_objects(SKOS.prefLabel) if str(org).startswith(ORGANISATION)}
    for r in result.rows:
        assert str(r["labelA"]) == labels[r["organisationA"]]
        assert str(r["labelB"]) == labels[r["organisationB"]]


def test_partnership_links_finds_the_co_leads_of_the_first_measure(store: pyoxigraph.Store) -> None:
    # The plan prints "Nottingham City/ CCG" as the lead of 1a i): the two share that measure
    # and its outcome 1a.
    city, ccg = URIRef(ORGANISATION + "nottingham-city"), URIRef(ORGANISATION + "nottingham-city-ccg")
    pair = [r for r in run_query(load_query("partnership-links"), store=store).rows
            if (r["organisationA"], r["organisationB"]) == (city, ccg)]
    assert len(pair) == 1 and int(str(pair[0]["sharedItems"])) >= 2
    shared = run_query(load_query("shared-work"), store=store,
                       params={"organisationA": city, "organisationB": ccg})
    assert {r["thing"] for r in shared.rows} >= {URIRef(f"{ACTION_PLAN}/measure/1a/i"),
                                                 URIRef(f"{ACTION_PLAN}/outcome/1a")}
    assert len({r["thing"] for r in shared.rows}) == int(str(pair[0]["sharedItems"]))


def test_shared_work_explains_every_partnership_link(store: pyoxigraph.Store) -> None:
    links = run_query(load_query("partnership-links"), store=store)
    work = run_query(load_query("shared-work"), store=store)
    per_pair: dict[tuple[Any, Any], set[Any]] = defaultdict(set)
    for r in work.rows:
        per_pair[(r["organisationA"], r["organisationB"])].add(r["thing"])
    assert {k: len(v) for k, v in per_pair.items() if str(k[0]) < str(k[1])} == {
        (r["organisationA"], r["organisationB"]): int(str(r["sharedItems"])) for r in links.rows}
    # each pair both ways round, the same things
    assert all(per_pair[(a, b)] == per_pair[(b, a)] for a, b in per_pair)
    kinds = {r["thingType"] for r in work.rows}
    assert kinds <= {_pg(k) for k in ("PerformanceMeasure", "KeyActivity", "Outcome", "Service", "Source")}
    assert all(r["thingLabel"] is not None for r in work.rows)


def test_shared_across_plans_lists_what_several_plans_name(store: pyoxigraph.Store,
                                                           dataset: Dataset) -> None:
    kinds = [ORG.Organization, FOAF.Person, _pg("Service"), _pg("Source")]
    plans: dict[tuple[Any, Any], set[Any]] = defaultdict(set)
    for g in _plan_graphs(dataset):
        for kind in kinds:
            for entity in g.subjects(RDF.type, kind):
                plans[(entity, kind)].add(g.identifier)
    want = {key: len(p) for key, p in plans.items() if len(p) > 1}
    result = run_query(load_query("shared-across-plans"), store=store)
    got = {(r["entity"], r["entityType"]): int(str(r["plans"])) for r in result.rows}
    assert got == want
    # The hand check: both seed texts name Kooth, CAMHS, the Virtual School and Children's Centres.
    services = {str(r["label"]) for r in result.rows if r["entityType"] == _pg("Service")}
    assert services >= {"Kooth", "Child and Adolescent Mental Health Services", "Virtual School",
                        "Children's Centres"}


def test_measures_without_lead_are_the_empty_lead_cells(store: pyoxigraph.Store,
                                                        action: dict[str, Any]) -> None:
    result = run_query(load_query("measures-without-lead"), store=store)
    unled = [m for m in action["measures"] if not m["organisations"] and not m["officers"]]
    assert [(_text(r["measureNotation"]), _text(r["measureLabel"])) for r in result.rows] == [
        (m["numeral"], m["text"]) for m in unled]
    for r, m in zip(result.rows, unled):
        assert r["plan"] == ACTION_PLAN
        assert str(r["location"]) == f"nottingham-cypp-2016-2020-action-plan.txt:{m['first_line']}"


def _small_plan(with_measure: bool) -> Dataset:
    ds = Dataset()
    plan = URIRef("https://w3id.org/plangraph/id/plan/small")
    g = ds.graph(plan)
    g.add((plan, RDF.type, _pg("Plan")))
    for key in ("1a", "1b"):
        outcome = URIRef(f"{plan}/outcome/{key}")
        g.add((outcome, RDF.type, _pg("Outcome")))
        g.add((outcome, SKOS.inScheme, plan))
        g.add((outcome, SKOS.notation, Literal(key)))
        g.add((outcome, SKOS.prefLabel, Literal(f"Outcome {key}")))
    if with_measure:
        measure = URIRef(f"{plan}/measure/1a/i")
        g.add((measure, RDF.type, MEASURE))
        g.add((measure, SKOS.inScheme, plan))
        g.add((measure, _pg("outcome"), URIRef(f"{plan}/outcome/1a")))
    return ds


def test_outcomes_without_measures(store: pyoxigraph.Store, dataset: Dataset,
                                   action: dict[str, Any]) -> None:
    # Every outcome of the City's plan has measures, by the hand reading.
    assert {m["outcome"] for m in action["measures"] if m["outcome"]} == {
        o["code"] for o in action["outcomes"] if o["code"]}
    assert run_query(load_query("outcomes-without-measures"), store=store).rows == []
    small = run_query(load_query("outcomes-without-measures"), dataset=_small_plan(with_measure=True))
    assert [(_text(r["outcomeNotation"]), _text(r["outcomeLabel"])) for r in small.rows] == [
        ("1b", "Outcome 1b")]
    none_measured = run_query(load_query("outcomes-without-measures"),
                              dataset=_small_plan(with_measure=False))
    assert [_text(r["outcomeNotation"]) for r in none_measured.rows] == ["1a", "1b"]


def test_officers_across_organisations(store: pyoxigraph.Store, dataset: Dataset) -> None:
    pairs: dict[tuple[Any, Any], set[Any]] = defaultdict(set)
    members = set()
    for g in _plan_graphs(dataset):
        for item, officer in g.subject_objects(_pg("leadOfficer")):
            for org in g.objects(item, _pg("leadOrganisation")):
                pairs[(officer, org)].add(item)
        members |= set(g.subject_objects(ORG.memberOf))
    organisations: dict[Any, set[Any]] = defaultdict(set)
    for officer, org in pairs:
        organisations[officer].add(org)
    want = {(officer, org): len(items) for (officer, org), items in pairs.items()
            if len(organisations[officer]) > 1}
    result = run_query(load_query("officers-across-organisations"), store=store)
    assert {(r["officer"], r["organisation"]): int(str(r["items"])) for r in result.rows} == want
    assert all(r["memberOf"] == Literal((r["officer"], r["organisation"]) in members)
               for r in result.rows)
    # The hand check: the "Nottingham City/ CCG Helene Denness/Alicia Rowley" cell of 1a i).
    assert {str(r["officerLabel"]) for r in result.rows} >= {"Helene Denness", "Alicia Rowley"}


# -- engines ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [q.name for q in list_queries() if q.name not in ITEM_QUERIES])
def test_rdflib_and_oxigraph_give_the_same_rows(name: str, store: pyoxigraph.Store,
                                                seeds_rdflib_answer: Callable[..., QueryResult]) -> None:
    on_disk = run_query(load_query(name), store=store)
    in_memory = seeds_rdflib_answer(name)
    if name != "outcomes-without-measures":  # every outcome of the seeds has its measures
        assert on_disk.rows  # not two empty results
    assert in_memory == on_disk


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_named_query_needs_no_union_default_graph(name: str, store: pyoxigraph.Store) -> None:
    # As it stands in any SPARQL 1.1 tool: no option that makes the default graph the union.
    plain = store.query(load_query(name).text)
    assert isinstance(plain, pyoxigraph.QuerySolutions)
    assert len(list(plain)) == len(run_query(load_query(name), store=store).rows)


def test_rdflib_runs_over_the_union_without_changing_the_dataset(dataset: Dataset) -> None:
    result = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <%sPlan> }" % PG, dataset=dataset)
    assert result.rows == [{"n": Literal("2", datatype=namespace.XSD.integer)}]
    assert dataset.default_union is False


def test_terms_are_the_same_on_both_engines() -> None:
    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    g.add((URIRef("urn:s"), URIRef("urn:p"), Literal("plain")))
    g.add((URIRef("urn:s"), URIRef("urn:q"), Literal("Englisch", lang="de")))
    g.add((URIRef("urn:s"), URIRef("urn:r"), Literal("7", datatype=namespace.XSD.integer)))
    store = pyoxigraph.Store()
    store.load(ds.serialize(format="nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
    text = "SELECT ?p ?o WHERE { <urn:s> ?p ?o } ORDER BY ?p"
    a, b = run_query(text, dataset=ds), run_query(text, store=store)
    assert a == b
    assert [r["o"] for r in a.rows] == [Literal("plain"), Literal("Englisch", lang="de"),
                                        Literal("7", datatype=namespace.XSD.integer)]


def test_numbers_read_the_same_on_both_engines() -> None:
    # rdflib keeps "23.0" as written, Oxigraph stores 23: the rows must not depend on the engine.
    ds = Dataset()
    g = ds.graph(URIRef("urn:g"))
    written = [("23.0", namespace.XSD.decimal), ("007", namespace.XSD.integer), ("1", namespace.XSD.boolean), ("1.50E0", namespace.XSD.double),
               ("12", namespace.XSD.nonNegativeInteger), ("2018-01-05", namespace.XSD.date)]
    for i, (value, datatype) in enumerate(written):
        g.add((URIRef("urn:s"), URIRef(f"urn:p{i}"), Literal(value, datatype=datatype)))
    store = pyoxigraph.Store()
    store.load(ds.serialize(format="nquads"), format=pyoxigraph.RdfFormat.N_QUADS)
    text = "SELECT ?p ?o WHERE { <urn:s> ?p ?o } ORDER BY ?p"
    a, b = run_query(text, dataset=ds), run_query(text, store=store)
    assert a == b
    assert [(str(r["o"]), r["o"].datatype) for r in a.rows] == [  # type: ignore[union-attr]
        ("23", namespace.XSD.decimal), ("7", namespace.XSD.integer), ("true", namespace.XSD.boolean), ("1.5", namespace.XSD.double),
        ("12", namespace.XSD.integer), ("2018-01-05", namespace.XSD.date)]


def _solutions(rows: list[dict[str, str | None]]) -> list[Any]:
    """rdflib solutions (FrozenBindings) of a context, from rows of variable -> value (None:
    unbound)."""
    from rdflib.plugins.sparql.sparql import FrozenBindings, QueryContext

    ctx = QueryContext(initBindings={})
    return [FrozenBindings(ctx, {Variable(k): Literal(v) for k, v in row.items() if v is not None})
            for row in rows]


def _random_rows(seed: int, count: int, always: str = "") -> list[dict[str, str | None]]:
    """Rows over ?a ?b ?c ?d with few values, so that many pairs are compatible; the variables of
    ``always`` are bound in every row (what the hash joins index by), the others in some."""
    import random

    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        row = {v: rng.choice("xyz") for v in always}
        for v in rng.sample("abcd", rng.randint(1, 4)):
            if v not in row and rng.random() < 0.75:
                row[v] = rng.choice("xyz")
        rows.append(row)
    return rows


@pytest.mark.parametrize("seed", range(40))
def test_the_rdflib_hash_joins_give_rdflibs_own_rows_in_its_order(seed: int) -> None:
    from rdflib.plugins.sparql.evalutils import _join, _minus

    from plangraph._compat.rdflib_joins import _hash_left_join, _hash_minus, hash_join

    # the right side binds ?a (and, half the time, ?b) everywhere; the left side now and then
    left = _solutions(_random_rows(seed, 30))
    right = _solutions(_random_rows(seed + 1000, 25, always="ab" if seed % 2 else "a"))
    assert list(hash_join(left, right)) == list(_join(left, right))
    assert list(_hash_minus(left, right)) == list(_minus(left, right))
    # SPARQL's LeftJoin with no filter: every compatible pair, else the left solution alone
    expected = []
    for a in left:
        matches = [b.merge(a) for b in right if a.compatible(b)]
        expected += matches or [a]
    assert list(_hash_left_join(left, right)) == expected


def test_rdflib_queries_run_without_the_hash_joins_registered_afterwards(dataset: Dataset) -> None:
    from rdflib.plugins.sparql import CUSTOM_EVALS

    before = dict(CUSTOM_EVALS)
    run_query(load_query("partnership-links"), dataset=dataset)
    assert CUSTOM_EVALS == before  # rdflib evaluates other code's queries as it always did


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
    with pytest.raises(UsageError, match="expected one of: .*partnership-links, plan-outline, .*who-leads-what"):
        load_query("who-leads")
    with pytest.raises(ReadError, match="no such query file"):
        load_query("nowhere/mine.rq")


# -- writers ------------------------------------------------------------------------------

SMALL = QueryResult(
    columns=["s", "label", "n", "note"],
    rows=[
        {"s": URIRef("https://w3id.org/plangraph/id/x"), "label": Literal('a, "quoted"\nline'),
         "n": Literal("7", datatype=namespace.XSD.integer), "note": None},
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


def test_tsv_is_the_w3c_format() -> None:
    text = result_to_tsv(SMALL)
    lines = text.split("\n")
    assert lines[0] == "?s\t?label\t?n\t?note"
    assert lines[1].split("\t") == ["<https://w3id.org/plangraph/id/x>", '"a, \\"quoted\\"\\nline"',
                                     '"7"^^<http://www.w3.org/2001/XMLSchema#integer>', ""]
    assert lines[2].split("\t") == ["_:b1", '"chat"@fr', "", '"x"']
    assert lines[3:] == [""]
    # Oxigraph reads it back as the same terms
    parsed = pyoxigraph.parse_query_results(text, format=pyoxigraph.QueryResultsFormat.TSV)
    assert isinstance(parsed, pyoxigraph.QuerySolutions)
    first = next(iter(parsed))
    assert first["label"] == pyoxigraph.Literal('a, "quoted"\nline')
    assert first["note"] is None


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
    code, listed, _ = _run(capsys, ["query", "--list"])
    assert code == 0 and listed == out
    assert "organisation-leads: What does one organisation (or post, or team) lead? (--param organisation, name)" in out
    assert "partnership-links: Which pairs of organisations share work, and how much?\n" in out


def test_cli_tsv(store_dir: Path, store: pyoxigraph.Store, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["query", "partnership-links", "--store", str(store_dir),
                                   "--format", "tsv"])
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "?organisationA\t?labelA\t?organisationB\t?labelB\t?sharedItems"
    rows = run_query(load_query("partnership-links"), store=store).rows
    assert len(lines) - 1 == len(rows)
    first = lines[1].split("\t")
    assert first[0] == f"<{rows[0]['organisationA']}>"
    assert first[4] == f'"{rows[0]["sharedItems"]}"^^<http://www.w3.org/2001/XMLSchema#integer>'


def test_cli_query_on_a_graph_file(dataset: Dataset, seeds_build: Path, tmp_path: Path, store: pyoxigraph.Store,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    trig = seeds_build / "graph.trig"  # the graph file build wrote
    code, out, err = _run(capsys, ["query", "partnership-links", "--graph", str(trig), "--format", "csv"])
    assert code == 0, err
    assert out == result_to_csv(run_query(load_query("partnership-links"), store=store))
    # one plan as Turtle goes into its plan's named graph, so the named queries see it
    ttl = tmp_path / "plan.ttl"
    ttl.write_text(dataset.graph(ACTION_PLAN).serialize(format="turtle"), encoding="utf-8")
    code, out, err = _run(capsys, ["query", "plan-outline", "--graph", str(ttl), "--format", "csv"])
    assert code == 0, err
    assert len(out.splitlines()) - 1 == 43


def test_cli_query_places_are_exclusive(store_dir: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["query", "plan-outline", "--store", str(store_dir),
                                   "--graph", str(tmp_path / "g.trig")])
    assert code == 2 and out == ""
    assert err == "plangraph: error: give one of --store, --graph and --endpoint (expected one place to query)\n"
    code, _, err = _run(capsys, ["query", "plan-outline", "--graph", str(tmp_path / "g.txt")])
    assert code == 3 and "unknown graph format" in err and err.count("\n") == 1
    bad = tmp_path / "bad.trig"
    bad.write_text("<urn:g> {\n  <urn:a> <urn:b> .\n}\n", encoding="utf-8")
    code, _, err = _run(capsys, ["query", "plan-outline", "--graph", str(bad)])
    assert code == 3 and err.startswith(f"plangraph: error: {bad}:2: not valid TriG") and err.count("\n") == 1


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


def test_the_queries_readme_lists_every_named_query() -> None:
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    for query in list_queries():
        row = next((line for line in readme.splitlines() if line.startswith(f"| `{query.name}.rq` |")), None)
        assert row is not None, query.name
        cells = [c.strip() for c in row.strip("|").split("|")]
        header = [line for line in query.text.splitlines() if line.startswith("# Columns:")][0]
        assert cells[1] == query.summary and cells[2] == ", ".join(query.parameters)
        assert cells[3] == header.removeprefix("# Columns:").strip(), query.name


def test_lead_counts_count_what_who_leads_what_lists(seeds_build: Path) -> None:
    """Counts per organisation and officer (issue 16): each lead's items are the distinct items
    who-leads-what lists it for; organisations and people are told apart by kind."""
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(seeds_build / "store"))
    counts = run_query(load_query("lead-counts"), store=store)
    assert counts.columns == ["lead", "leadLabel", "leadKind", "items", "plans"]
    rows = run_query(load_query("who-leads-what"), store=store).rows
    listed: dict[str, set[str]] = {}
    for row in rows:
        for column in ("organisation", "officer"):
            if row.get(column) is not None:
                listed.setdefault(str(row[column]), set()).add(str(row["item"]))
    got = {str(r["lead"]): int(r["items"]) for r in counts.rows}  # type: ignore[arg-type]
    assert got == {lead: len(items) for lead, items in listed.items()}
    kinds = {str(r["lead"]): str(r["leadKind"]) for r in counts.rows}
    assert {k for lead, k in kinds.items() if "/person/" in lead} == {"officer"}
    assert {k for lead, k in kinds.items() if "/organisation/" in lead} == {"organisation"}
    assert [int(r["items"]) for r in counts.rows] == sorted((int(r["items"]) for r in counts.rows),  # type: ignore[arg-type]
                                                            reverse=True)
    assert all(r["leadLabel"] is not None and int(r["plans"]) >= 1 for r in counts.rows)  # type: ignore[arg-type]
