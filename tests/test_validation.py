"""Validation of whole datasets: the bundled seeds, the report for people, ``plangraph validate``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import PROV, SKOS

from plangraph.cli import main
from plangraph.validate import (
    ValidationReport,
    ValidationResult,
    load_shapes,
    report_to_dict,
    report_to_text,
    validate_dataset,
    validate_graph,
)
from plangraph.rdf.vocab import PG

CASES = Path(__file__).resolve().parent / "data" / "shapes"
ACTION = "nottingham-cypp-2016-2020-action-plan.txt"
REVIEW = "nottinghamshire-cyp-plan-review-2018.txt"
ID = "https://w3id.org/plangraph/id/"
LOST_LABEL = ("The document lost this outcome's code and title (probably at a page break): check the "
              "printed plan for them. Its measures are kept under it.")
NO_LEAD = ("No lead organisation or officer was read for this performance measure: check the lead "
           "column of the printed plan.")
UNSOURCED = ("Unsourced: this claim cites no source; it stands only on the word of the agency that "
             "reported it.")
CITY = URIRef(f"{ID}plan/nottingham-cypp-2016-2020")
COUNTY = URIRef(f"{ID}plan/nottinghamshire-cyp-plan-review-2018")
# the two warnings about the structure of the City's plan, one of each kind
STRUCTURAL = {
    ("warning", LOST_LABEL, f"{ID}plan/nottingham-cypp-2016-2020/outcome/p3-unlabelled-1", f"{ACTION}:98"),
    ("warning", NO_LEAD, f"{ID}plan/nottingham-cypp-2016-2020/measure/1e/iii", f"{ACTION}:73"),
}


@pytest.fixture(scope="module")
def seeds_report(seeds_dataset: Dataset) -> ValidationReport:
    return validate_dataset(seeds_dataset)


@pytest.fixture(scope="module")
def unsourced_claims(seeds_dataset: Dataset) -> dict[str, str]:
    """The claims of the seeds that cite no source (no prov:hadPrimarySource), read from the
    graph itself: focus IRI -> ``file:line`` of the anchor of the claim's words."""
    found: dict[str, str] = {}
    for graph in (seeds_dataset.graph(CITY), seeds_dataset.graph(COUNTY)):
        for claim in graph.subjects(RDF.type, PG.Claim):
            if graph.value(claim, PROV.hadPrimarySource) is not None:
                continue
            (anchor,) = graph.objects(claim, PROV.wasDerivedFrom)
            text = graph.value(anchor, URIRef("http://www.w3.org/ns/oa#hasSource"))
            found[str(claim)] = f"{graph.value(text, PG.fileName)}:{graph.value(anchor, PG.lineStart)}"
    return found


def _case(name: str) -> Graph:
    return Graph().parse(CASES / f"{name}.ttl", format="turtle")


def _as_dataset(*graphs: Graph) -> Dataset:
    """Each graph as the named graph of its plan, as plangraph build writes them."""
    ds = Dataset()
    for g in graphs:
        plans = list(g.subjects(RDF.type, PG.Plan))
        name = plans[0] if plans else URIRef("urn:x-test:no-plan")
        target = ds.graph(name if isinstance(name, URIRef) else URIRef("urn:x-test:no-plan"))
        for triple in g:
            target.add(triple)
    return ds


# -- the seeds ------------------------------------------------------------------------

def test_the_unsourced_claims_are_the_citys_and_none_of_the_countys(seeds_dataset: Dataset,
                                                                    unsourced_claims: dict[str, str]) -> None:
    city, county = seeds_dataset.graph(CITY), seeds_dataset.graph(COUNTY)
    city_claims = {str(c) for c in city.subjects(RDF.type, PG.Claim)}
    county_claims = {str(c) for c in county.subjects(RDF.type, PG.Claim)}
    # not vacuous: both plans have claims, and every County claim cites its row's sources
    assert len(city_claims) > 100 and len(county_claims) > 100
    assert set(unsourced_claims) <= city_claims
    assert set(unsourced_claims).isdisjoint(county_claims)
    assert len(unsourced_claims) > 100
    # every unsourced claim still names the agency that reported it, so none is a violation
    assert all(city.value(URIRef(c), PROV.wasAttributedTo) is not None for c in unsourced_claims)
    assert all(location.startswith(f"{ACTION}:") for location in unsourced_claims.values())


def test_seeds_conform_with_two_warnings_and_one_per_unsourced_claim(seeds_report: ValidationReport,
                                                                     seeds_dataset: Dataset,
                                                                     unsourced_claims: dict[str, str]) -> None:
    report = seeds_report
    assert report.conforms
    assert len(report.plans) == 2
    assert {p.rsplit("(", 1)[1].rstrip(")") for p in report.plans} == {ACTION, REVIEW}
    found = {(r.severity, r.message, r.focus, r.location) for r in report.results}
    # exactly the two structural warnings, and one Unsourced warning per claim that cites no
    # source, at the line of its words: nothing else
    assert {f for f in found if f[1] != UNSOURCED} == STRUCTURAL
    assert {f for f in found if f[1] == UNSOURCED} == {
        ("warning", UNSOURCED, claim, location) for claim, location in unsourced_claims.items()}
    assert len(report.results) == 2 + len(unsourced_claims)
    (lead,) = [r for r in report.results if r.message == NO_LEAD]
    assert lead.focus_label == "Percentage of looked after children aged 15+ who have a designated Futures Advisor"
    assert lead.rule == "Performance measures"
    assert lead.path == "pg:leadOrganisation | pg:leadOfficer"
    assert lead.graph == f"{ID}plan/nottingham-cypp-2016-2020"
    city = seeds_dataset.graph(CITY)
    for r in (r for r in report.results if r.message == UNSOURCED):
        assert (r.rule, r.path, r.graph, r.value) == ("Claims without a source", "prov:hadPrimarySource",
                                                      str(CITY), None)
        # named by the claim's own first words, not by its IRI
        words = " ".join(str(city.value(URIRef(r.focus), RDF.value)).split())
        assert words.startswith(r.focus_label.removesuffix(" …")) and ID not in r.focus_label


def test_seeds_text_report_names_nodes_by_label_and_line(seeds_report: ValidationReport,
                                                         unsourced_claims: dict[str, str]) -> None:
    n = len(unsourced_claims)
    text = report_to_text(seeds_report)
    lines = text.splitlines()
    assert lines[0] == f"{n + 2} problems (0 violations, {n + 2} warnings)"
    assert f"  - (outcome label missing from the document) ({ACTION}:98)" in lines
    assert ("  - Percentage of looked after children aged 15+ who have a designated Futures Advisor "
            f"({ACTION}:73)") in lines
    assert "Warning (please check) · Outcomes whose title was lost · 1 item" in lines
    assert f"  {NO_LEAD}" in lines
    assert f"Warning (please check) · Claims without a source · {n} items" in lines
    assert f"  {UNSOURCED}" in lines
    # the first claims of the City's plan, by line, and a count of the rest
    assert (f"  - 18.7% of women in Nottingham City are recorded as smoking upon delivery of their … "
            f"({ACTION}:8)") in lines
    assert f"  … and {n - 20} more" in lines
    # the County's claims all cite a source: none of its lines is listed
    assert not [line for line in lines if line.startswith("  - ") and REVIEW in line]
    assert ID not in text


def test_seeds_dict_report_is_json_and_grouped(seeds_report: ValidationReport,
                                               unsourced_claims: dict[str, str]) -> None:
    n = len(unsourced_claims)
    data = json.loads(json.dumps(report_to_dict(seeds_report)))
    assert data["conforms"] is True
    assert data["counts"] == {"violation": 0, "warning": n + 2, "info": 0}
    assert [(g["rule"], g["count"]) for g in data["groups"]] == [
        ("Claims without a source", n), ("Outcomes whose title was lost", 1), ("Performance measures", 1)]
    assert data["groups"][0]["message"] == UNSOURCED
    # the JSON lists every item of a group, not the first 20 of the text
    assert sorted(i["location"] for i in data["groups"][0]["items"]) == sorted(unsourced_claims.values())
    assert data["groups"][2]["items"] == [{
        "label": "Percentage of looked after children aged 15+ who have a designated Futures Advisor",
        "location": f"{ACTION}:73"}]
    assert len(data["results"]) == n + 2
    assert {r["focus"] for r in data["results"] if r["message"] == UNSOURCED} == set(unsourced_claims)
    assert {r["location"] for r in data["results"] if r["message"] != UNSOURCED} == {f"{ACTION}:98", f"{ACTION}:73"}


def test_validation_does_not_change_the_dataset(seeds_dataset: Dataset) -> None:
    before = {str(g.identifier): len(g) for g in seeds_dataset.graphs()}
    validate_dataset(seeds_dataset)
    assert {str(g.identifier): len(g) for g in seeds_dataset.graphs()} == before


def test_a_plan_graph_alone_in_its_store_gives_the_same_report(seeds_dataset: Dataset,
                                                                 seeds_report: ValidationReport) -> None:
    # plangraph build validates each plan's graph alone in its own store, whose indexes the
    # validation reads in place; a plan's graph in a dataset is copied first
    results: list[ValidationResult] = []
    for name in (CITY, COUNTY):
        alone = Graph(identifier=name)
        alone.addN((s, p, o, alone) for s, p, o in seeds_dataset.graph(name))
        before = set(alone)
        results.extend(validate_graph(alone).results)
        assert set(alone) == before
    assert sorted(results, key=repr) == sorted(seeds_report.results, key=repr)


@pytest.mark.parametrize("alone", [True, False], ids=["read in place", "copied"])
def test_the_indexed_graph_finds_what_rdflib_finds(alone: bool) -> None:
    from itertools import product

    from plangraph.validate.indexed import IndexedGraph as _Indexed

    plan = _case("ok_claim_with_source_and_figure")
    if alone:
        graph = plan
    else:
        ds = Dataset()
        graph = ds.graph(URIRef(f"{ID}plan/t"))
        graph += plan
        ds.graph(URIRef("urn:x-test:other")).add((URIRef("urn:x-test:s"), RDF.type, PG.Claim))
    indexed = _Indexed(graph)
    # one subject, predicate and object that occur, and one of each that does not
    claim, missing = URIRef(f"{ID}claim/c1"), URIRef("urn:x-test:missing")
    terms = ([None, claim, missing], [None, PROV.wasDerivedFrom, RDF.type, missing],
             [None, URIRef(f"{ID}anchor/c1"), PG.Claim, missing])
    for pattern in product(*terms):
        assert sorted(indexed.triples(pattern)) == sorted(plan.triples(pattern)), pattern
    assert len(indexed) == len(plan) > 50
    assert list(indexed.objects(claim, PROV.wasDerivedFrom)) == [URIRef(f"{ID}anchor/c1")]
    assert set(indexed.subjects(RDF.type, PG.Claim)) == {claim}
    assert list(indexed.objects(claim, PROV.wasDerivedFrom / RDF.type)) == list(
        plan.objects(claim, PROV.wasDerivedFrom / RDF.type))


def test_triples_added_to_a_copy_are_found_by_every_index() -> None:
    # a copy indexes by predicate only the predicates looked up so far: a triple added later
    # is found both through a predicate already indexed and through one indexed afterwards
    from plangraph.validate.indexed import IndexedGraph as _Indexed

    plan = _case("ok_claim_with_source_and_figure")
    # given twice, a triple is held once
    indexed = _Indexed.of_triples([*plan, *list(plan)[:7]], URIRef(f"{ID}plan/t"))
    assert len(indexed) == len(plan)
    claim, other = URIRef(f"{ID}claim/c1"), URIRef("urn:x-test:claim")
    assert set(indexed.subjects(RDF.type, PG.Claim)) == {claim}
    indexed.add((other, RDF.type, PG.Claim))
    indexed.add((other, PROV.wasDerivedFrom, URIRef(f"{ID}anchor/c1")))
    indexed.add((other, RDF.type, PG.Claim))
    assert set(indexed.subjects(RDF.type, PG.Claim)) == {claim, other}
    assert set(indexed.subjects(PROV.wasDerivedFrom, URIRef(f"{ID}anchor/c1"))) == {claim, other}
    assert set(indexed.triples((None, None, PG.Claim))) == {(claim, RDF.type, PG.Claim), (other, RDF.type, PG.Claim)}
    assert len(indexed) == len(plan) + 2


@pytest.mark.parametrize("enabled", [True, False], ids=["collector on", "collector off"])
def test_the_garbage_collector_is_paused_while_pyshacl_runs_and_left_as_found(
        enabled: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import pyshacl

    running: list[bool] = []
    original = pyshacl.validate

    def watched(*args: object, **kwargs: object) -> object:
        running.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(pyshacl, "validate", watched)
    graph = _case("bad_measure_two_outcomes")
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert not validate_graph(graph).conforms
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert running == [False]
    assert after == enabled


def test_pyshacl_reports_are_whole_again_after_validation() -> None:
    # plangraph stops pySHACL from describing results while it validates, and only then
    from pyshacl import validate

    graph = _case("bad_measure_two_outcomes")
    assert not validate_graph(graph).conforms
    conforms, _, text = validate(graph, shacl_graph=load_shapes(), advanced=True)
    assert not conforms
    assert "Constraint Violation in MaxCountConstraintComponent" in text


def test_shapes_with_rules_do_not_change_the_plan() -> None:
    # the bundled shapes use a SHACL Advanced Features target; shapes given with rules are
    # checked without their rules, which would add triples to the plan's graph
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix pg: <https://w3id.org/plangraph/def/core#> .
        @prefix ex: <http://example.org/> .
        ex:Rule a sh:NodeShape ; sh:targetClass pg:Plan ;
            sh:rule [ a sh:TripleRule ; sh:subject sh:this ; sh:predicate ex:checked ; sh:object ex:yes ] .
        ex:Checked a sh:PropertyShape ; sh:targetClass pg:Plan ; sh:path ex:checked ; sh:minCount 1 ;
            sh:message "Not checked." .
    """, format="turtle")
    plan = _case("ok_minimal_plan")
    before = set(plan)
    report = validate_graph(plan, shapes)
    assert set(plan) == before
    assert [(r.message, r.focus) for r in report.results] == [("Not checked.", f"{ID}plan/t")]


# -- datasets and graphs ------------------------------------------------------------------

def test_each_plan_graph_is_validated_on_its_own() -> None:
    plan = _case("ok_minimal_plan")
    council = URIRef(f"{ID}organisation/city-council")
    elsewhere = Graph()
    for triple in plan.triples((council, None, None)):
        elsewhere.add(triple)
        plan.remove(triple)
    # the organisation's triples sit in a graph without a plan: not validated, and not
    # seen when the plan's graph is validated, so the plan's lead is not an organisation
    report = validate_dataset(_as_dataset(plan, elsewhere))
    assert not report.conforms
    assert report.plans == ("Test plan (test-plan.txt)",)
    assert {(r.message, r.focus) for r in report.results} == {(
        "A lead must be an organisation or a person: this lead organisation is not recorded as an organisation.",
        f"{ID}plan/t/measure/1a/i")}


def test_two_plans_in_one_dataset() -> None:
    report = validate_dataset(_as_dataset(_case("ok_minimal_plan"),
                                          _case("ok_activity_with_sources_reports_and_mentions")))
    assert report.conforms
    assert sorted(report.plans) == ["Review plan (review.txt)", "Test plan (test-plan.txt)"]
    assert report_to_text(report).splitlines()[0] == "All checks passed"


def test_a_plan_in_the_default_graph_is_validated() -> None:
    ds = Dataset()
    ds.parse(CASES / "bad_measure_without_outcome.ttl", format="turtle")
    report = validate_dataset(ds)
    assert not report.conforms
    assert [r.message for r in report.results] == ["A performance measure must belong to exactly one outcome."]


def test_no_plan_means_nothing_was_checked() -> None:
    ds = Dataset()
    ds.graph(URIRef("urn:x-test:g")).add((URIRef("urn:x-test:s"), SKOS.prefLabel, URIRef("urn:x-test:o")))
    report = validate_dataset(ds)
    assert not report.conforms
    assert report.plans == ()
    assert report_to_text(report).splitlines()[0] == "No plan found: nothing was checked"


# -- naming nodes for people --------------------------------------------------------------

def test_a_node_without_location_says_so() -> None:
    # an organisation is checked by its own rule since the evidence issue
    text = report_to_text(validate_graph(_case("bad_node_without_location")))
    assert "  - City Council (no location)" in text.splitlines()
    assert text.splitlines()[0] == "1 problem (1 violation, 0 warnings)"
    assert "Violation (must be fixed) · Organisations · 1 item" in text
    assert "Names and links to the text" not in text


def test_an_organisation_needs_a_location_unless_it_is_the_publisher() -> None:
    graph = _case("bad_organisation_without_location")
    publisher = URIRef(f"{ID}organisation/test-city-council")
    assert (None, URIRef("http://purl.org/dc/terms/publisher"), publisher) in graph
    assert (publisher, PROV.wasDerivedFrom, None) not in graph
    report = validate_graph(graph)
    # only the lead organisation, which is not the publisher, is reported
    assert {(r.severity, r.rule, r.focus, r.location) for r in report.results} == {
        ("violation", "Organisations", f"{ID}organisation/city-council", "no location")}
    assert validate_graph(_case("ok_publisher_without_location")).conforms


def test_a_claim_whose_words_are_not_at_its_offsets_is_named_by_its_words_and_line() -> None:
    report = validate_graph(_case("bad_claim_anchor_shifted"))
    (result,) = report.results
    assert result.rule == "Claims and their place in the text"
    assert result.focus == f"{ID}claim/c1"
    assert result.focus_label == "Smoking at delivery fell to 12.5% in 2017, the City’s lowest rate."
    assert result.location == "test-plan.txt:5"
    assert result.value == "Smoking at delivery fell to 12.5% in 2017, the City’s lowest rate."
    # the same claim with its true offsets passes
    assert validate_graph(_case("ok_claim_with_source_and_figure")).conforms


@pytest.mark.parametrize(("case", "quoted"), [
    ("bad_claim_anchor_shifted", "Smoking at delivery fell to 12.5% in 2017, the City’s lowest rate."),
    ("bad_claim_anchor_end_shifted", "Smoking at delivery fell to 12.5% in 2017, the City’s lowest rate."),
    ("bad_claim_quote_not_its_words", "Smoking at delivery fell to 12.6% in 2017, the City’s lowest rate."),
    ("bad_claim_of_a_subclass_shifted", "Smoking at delivery fell to 12.5% in 2017, the City’s lowest rate."),
    ("bad_claim_second_anchor_shifted", "Smoking at delivery fell to 12.5% in 2017, the City’s lowest rate."),
])
def test_a_claim_out_of_place_is_reported_once_with_the_words_it_quotes(case: str, quoted: str) -> None:
    # the claims whose words are not at their place are found by one query over the whole
    # plan (the shape's target); each is reported as the per-claim query reports it
    (result,) = [r for r in validate_graph(_case(case)).results if r.rule == "Claims and their place in the text"]
    assert (result.severity, result.focus, result.value, result.path) == ("violation", f"{ID}claim/c1", quoted, None)
    assert result.location == "test-plan.txt:5"


def test_an_anchor_with_two_positions_is_reported_once() -> None:
    results = validate_graph(_case("bad_claim_anchor_two_positions")).results
    # the two positions start at different places: the anchor gives two starts
    assert sorted((r.rule, r.focus, r.path, r.value) for r in results) == [
        ("Claims and their place in the text", f"{ID}claim/c1", None,
         "Smoking at delivery fell to 12.5% in 2017, the City’s lowest rate."),
        ("Links to the text", f"{ID}anchor/c1", "oa:hasSelector/oa:start", None),
    ]


def test_a_selector_with_offsets_that_is_not_a_position_is_reported_at_its_anchors_line() -> None:
    # the quote gives offsets of its own: reported on the anchor (two starts) and on the quote
    # (offsets on something that is not a position), both at the anchor's line
    results = validate_graph(_case("bad_anchor_quote_with_offsets_of_its_own")).results
    assert sorted((r.rule, r.focus, r.path, r.focus_label, r.location) for r in results) == [
        ("Links to the text", f"{ID}anchor/m1", "oa:hasSelector/oa:start", "the words “Smoking at delivery”",
         "test-plan.txt:7"),
        ("Links to the text", f"{ID}anchor/m1/quote", None, "the words “Smoking at delivery”", "test-plan.txt:7"),
    ]


def test_a_position_typed_as_something_else_is_located_by_its_anchor() -> None:
    (result,) = validate_graph(_case("bad_anchor_position_typed_as_quote")).results
    assert (result.rule, result.focus, result.location) == (
        "Links to the text", f"{ID}anchor/m1/position", "test-plan.txt:7")
    # no words quoted anywhere in the case: described by its kind and key, not by its IRI
    assert result.focus_label == "quote of the text position (no label)"


def test_a_document_without_its_file_name_is_one_problem_however_many_links_point_into_it() -> None:
    graph = _case("bad_text_without_file_name")
    anchors = set(graph.subjects(URIRef("http://www.w3.org/ns/oa#hasSource"), URIRef(f"{ID}plan/t/text")))
    assert len(anchors) >= 5
    results = validate_graph(graph).results
    assert sorted((r.rule, r.focus, r.focus_label) for r in results
                  if r.message.endswith("must name the file it points into.")) == [
        ("Links to the text", f"{ID}plan/t/text", "the text of Test plan")]


def test_a_repeated_path_is_written_with_its_mark() -> None:
    (result,) = validate_graph(_case("bad_claim_anchor_without_quote")).results
    assert result.path == "prov:wasDerivedFrom/oa:hasSelector/rdf:type/rdfs:subClassOf*"


def test_a_node_without_label_is_described_not_named_by_iri() -> None:
    report = validate_graph(_case("bad_node_without_label"))
    (result,) = report.results
    assert result.focus == f"{ID}person/jane-example"
    assert result.focus_label == "person jane-example (no label)"
    assert result.location == "test-plan.txt:8"
    assert ID not in report_to_text(report)


def test_a_broken_position_is_named_by_its_words_and_line() -> None:
    graph = _case("bad_anchor_start_after_end")
    position = URIRef(f"{ID}anchor/m1/position")
    report = validate_graph(graph)
    (result,) = report.results
    assert result.focus == str(position)
    # no quote selector in the case: described by kind, located through its anchor
    assert result.focus_label == "position in the text position (no label)"
    assert result.location == "test-plan.txt:7"
    assert result.value == "139"


def test_the_earliest_line_is_the_location() -> None:
    graph = _case("bad_organisation_two_names")
    council = URIRef(f"{ID}organisation/city-council")
    graph.add((council, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), URIRef(f"{ID}anchor/p1")))
    (result,) = validate_graph(graph).results
    assert result.focus == str(council)
    assert result.location == "test-plan.txt:3"


def test_long_groups_are_cut_with_a_count() -> None:
    results = tuple(
        ValidationResult(severity="violation", rule="Performance measures",
                         message="A performance measure must belong to exactly one outcome.",
                         focus=f"{ID}plan/t/measure/1a/{n}", focus_label=f"Measure {n}",
                         location=f"test-plan.txt:{n}")
        for n in range(1, 26)
    )
    report = ValidationReport(conforms=False, results=results, plans=("Test plan (test-plan.txt)",))
    lines = report_to_text(report).splitlines()
    assert lines[0] == "25 problems (25 violations, 0 warnings)"
    listed = [line for line in lines if line.startswith("  - ")]
    # ordered by line number, not as text ("test-plan.txt:10" after ":9")
    assert listed[:2] == ["  - Measure 1 (test-plan.txt:1)", "  - Measure 2 (test-plan.txt:2)"]
    assert len(listed) == 20 and listed[-1] == "  - Measure 20 (test-plan.txt:20)"
    assert lines[-1] == "  … and 5 more"
    assert report_to_dict(report)["groups"][0]["count"] == 25


def test_results_with_the_same_words_and_line_keep_one_order() -> None:
    # two claims with the same words on one line: listed in the same order whichever comes first
    results = [ValidationResult(severity="warning", rule="Claims without a source", message=UNSOURCED,
                                focus=f"{ID}claim/{key}", focus_label="The same words.", location="plan.txt:17")
               for key in ("f19c", "e20b")]
    listed = [[r["focus"] for r in report_to_dict(ValidationReport(False, tuple(order), ("Plan",)))["results"]]
              for order in (results, results[::-1])]
    assert listed == [[f"{ID}claim/e20b", f"{ID}claim/f19c"]] * 2


# -- plangraph validate -------------------------------------------------------------------

def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _trig(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.trig"
    path.write_text(_as_dataset(_case(name)).serialize(format="trig"), encoding="utf-8")
    return path


def test_cli_validate_conforming_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["validate", str(_trig(tmp_path, "ok_minimal_plan"))])
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "All checks passed"


def test_cli_validate_warnings_only_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _trig(tmp_path, "ok_measure_without_lead_is_only_a_warning")
    code, out, err = _run(capsys, ["validate", str(path)])
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "1 problem (0 violations, 1 warning)"
    assert "  - Smoking at delivery (test-plan.txt:7)" in out.splitlines()


def test_cli_validate_bad_graph_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["validate", str(_trig(tmp_path, "bad_measure_two_outcomes"))])
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == "1 problem (1 violation, 0 warnings)"
    assert "  A performance measure must belong to exactly one outcome." in lines
    assert "  - Smoking at delivery (test-plan.txt:7)" in lines


def test_cli_validate_turtle_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["validate", str(CASES / "bad_anchor_start_after_end.ttl")])
    assert code == 1
    assert "The position of words in the text must start before it ends." in out


def test_cli_validate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _trig(tmp_path, "bad_lead_officer_not_a_person")
    code, out, _ = _run(capsys, ["validate", "--format", "json", str(path)])
    assert code == 1
    data = json.loads(out)
    assert data["conforms"] is False
    (result,) = data["results"]
    assert result["value"] == f"{ID}organisation/city-council"
    assert result["path"] == "pg:leadOfficer"
    assert result["location"] == "test-plan.txt:7"


def test_cli_validate_seeds_as_nquads(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      seeds_dataset: Dataset, unsourced_claims: dict[str, str]) -> None:
    path = tmp_path / "graph.nq"
    path.write_text(seeds_dataset.serialize(format="nquads"), encoding="utf-8")
    code, out, err = _run(capsys, ["validate", str(path)])
    assert (code, err) == (0, "")
    n = len(unsourced_claims)
    assert out.splitlines()[0] == f"{n + 2} problems (0 violations, {n + 2} warnings)"
    assert f"({ACTION}:98)" in out and f"({ACTION}:73)" in out
    assert f"Warning (please check) · Claims without a source · {n} items" in out.splitlines()


def test_cli_validate_missing_file_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "build" / "graph.trig"
    code, out, err = _run(capsys, ["validate", str(missing)])
    assert (code, out) == (3, "")
    assert err.startswith(f"plangraph: error: {missing}: no such file (expected TriG)")
    assert len(err.splitlines()) == 1


def test_cli_validate_default_graph_is_build_graph_trig(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(capsys, ["validate"])
    assert code == 3
    assert "build/graph.trig: no such file" in err
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "graph.trig").write_text(
        _as_dataset(_case("ok_minimal_plan")).serialize(format="trig"), encoding="utf-8")
    code, out, _ = _run(capsys, ["validate"])
    assert code == 0 and out.startswith("All checks passed\n")


def test_cli_validate_garbled_file_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "graph.trig"
    path.write_text('@prefix ex: <http://example.org/> .\n<urn:g> {\n  ex:a ex:b "not closed .\n}\n',
                    encoding="utf-8")
    code, out, err = _run(capsys, ["validate", str(path)])
    assert (code, out) == (3, "")
    assert err.startswith(f"plangraph: error: {path}:3: bad syntax")
    assert err.rstrip().endswith("(expected TriG)")


def test_cli_validate_garbled_nquads_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "graph.nq"
    path.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> <urn:b> garbage .\n", encoding="utf-8")
    code, _, err = _run(capsys, ["validate", str(path)])
    assert code == 3
    assert err.startswith(f"plangraph: error: {path}:2: bad syntax (expected N-Quads)")


def test_cli_validate_binary_file_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "graph.trig"
    path.write_bytes(b"<urn:a> <urn:b> <urn:c> .\n\xff\xfe\n")
    code, _, err = _run(capsys, ["validate", str(path)])
    assert code == 3
    assert f"{path}:2: not UTF-8 text (expected TriG)" in err


def test_cli_validate_graph_without_plan_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "graph.trig"
    path.write_text("<urn:g> { <urn:a> <urn:b> <urn:c> . }\n", encoding="utf-8")
    code, out, err = _run(capsys, ["validate", str(path)])
    assert (code, out) == (3, "")
    assert f"{path}: holds no plan" in err


def test_cli_validate_usage_error_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _run(capsys, ["validate", "--format", "xml", str(_trig(tmp_path, "ok_minimal_plan"))])
    assert code == 2
