"""The network views (issue 6): made from the RDF graph through SPARQL, laid out readably,
written as offline HTML, PNG and GEXF, by ``plangraph viz`` and by ``plangraph build``.

Browser tests of the pages are in ``test_browser.py``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from plangraph.cli import main
from conftest import dataset_of
from plangraph.analysis.resolve import organisation
from plangraph.publish.views.facts import Facts
from plangraph.publish.views.graphs import VIEWS
from plangraph.publish.views.html import view_to_html, vis_network_script
from plangraph.publish.views.layout import box_size
from plangraph.publish.views.model import KINDS, View
from plangraph.publish.viz import FORMATS, VIEW_NAMES, facts_of, make_view, render

ID = "https://w3id.org/plangraph/id/"
PG = "https://w3id.org/plangraph/def/core#"
CITY = f"{ID}plan/nottingham-cypp-2016-2020"
COUNTY = f"{ID}plan/nottinghamshire-cyp-plan-review-2018"
CCG = f"{ID}organisation/nottingham-city-ccg"
XSS = "<img src=x onerror=alert(1)>"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def dataset(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


@pytest.fixture(scope="module")
def facts(dataset: Dataset) -> Facts:
    return facts_of(dataset=dataset)


@pytest.fixture(scope="module")
def views(facts: Facts) -> dict[str, View]:
    return {name: make_view(name, facts) for name in VIEW_NAMES}


def named(view: View, name: str) -> str:
    hits = [n for n, a in view.graph.nodes(data=True) if a["name"] == name]
    assert len(hits) == 1, (name, hits)
    return hits[0]


def test_the_view_names_are_the_views() -> None:
    assert VIEW_NAMES == tuple(VIEWS)


# -- who leads what ----------------------------------------------------------------------

def test_every_measure_of_the_city_plan_has_its_leads_as_the_document_names_them(
        views: dict[str, View], action_expected: dict[str, Any]) -> None:
    view = views["who-leads-what"]
    g = view.graph
    for m in action_expected["measures"]:
        # by the printed words: a numeral printed twice ("iv") is two measures
        node = named(view, f"{m['outcome'] or '?'} {m['numeral']}: {m['text']}")
        leads = list(g.predecessors(node))
        officers = {g.nodes[p]["name"] for p in leads if g.nodes[p]["kind"] == "person"}
        orgs = {g.nodes[p]["name"] for p in leads if g.nodes[p]["kind"] in ("organisation", "partnership")}
        assert officers == set(m["officers"]), m
        slug = "nottingham-cypp-2016-2020"
        assert orgs == {organisation(o, slug).canonical for o in m["organisations"]}, m
        assert g.nodes[node]["plans"] == [slug]


def test_items_hang_from_outcomes_priorities_and_plans(views: dict[str, View]) -> None:
    g = views["who-leads-what"].graph
    measure = f"{CITY}/measure/1a/i"
    outcome, = g.successors(measure)
    priority, = g.successors(outcome)
    plan, = g.successors(priority)
    assert (outcome, priority, plan) == (f"{CITY}/outcome/1a", f"{CITY}/priority/1", CITY)
    activity = f"{COUNTY}/activity/p1/1"
    assert list(g.successors(activity)) == [f"{COUNTY}/priority/1"]
    assert g.nodes[activity]["label"] == "1.1 · To further develop the…"
    assert g.nodes[measure]["label"] == "1a i · Percentage of women…"


def test_items_are_labelled_by_their_code_and_their_first_words_from_the_graph(views: dict[str, View],
                                                                              facts: Facts) -> None:
    """Items were drawn as their codes alone ("1a i"), read only by hovering (issue 16): now the
    code, then the item's own words (its label in the graph), cut at a word boundary."""
    g = views["who-leads-what"].graph
    items = [(n, a) for n, a in g.nodes(data=True) if a["kind"] in ("measure", "activity")]
    assert len(items) > 50
    for n, a in items:
        code, words = a["label"].split(" · ", 1)
        text = " ".join(facts.nodes[n].label.split())
        assert a["name"] == f"{code}: {facts.nodes[n].label}"  # the tooltip's and the search's whole words
        assert len(a["label"]) <= 40 and "\n" not in a["label"]
        if words.endswith("…"):
            stem = words[:-1]
            assert text.startswith(stem) and len(stem) >= 15 and text[len(stem)] in " ,;:-", (words, text)
        else:
            assert words == text


def test_the_lead_of_the_plan_wide_row_leads_the_plan(views: dict[str, View]) -> None:
    g = views["who-leads-what"].graph
    network = named(views["who-leads-what"], "Children and Young People's Provider Network")
    assert CITY in g.successors(network)


def test_tooltips_quote_the_document_lines(views: dict[str, View]) -> None:
    a = views["who-leads-what"].graph.nodes[f"{CITY}/measure/1a/i"]
    assert a["quotes"][0] == {"where": "nottingham-cypp-2016-2020-action-plan.txt:8",
                              "text": "Percentage of women reporting smoking at time of delivery"}
    ccg = views["who-leads-what"].graph.nodes[CCG]
    assert {q["text"] for q in ccg["quotes"]} >= {"CCG", "Nottingham City CCG"}  # both printings


def test_colour_by_organisation_gives_the_leading_organisations_their_own_colour(views: dict[str, View]) -> None:
    view = views["who-leads-what"]
    g = view.graph
    council = f"{ID}organisation/nottingham-city-council"
    assert g.nodes[council]["org"] == council and view.organisations[council][0] == "Nottingham City Council"
    colours = [c for _, c in view.organisations.values()]
    assert len(colours) == len(set(colours)) and len(colours) <= 9  # eight and "other" at most
    # an item takes the colour of the organisation that leads it
    led_by_council = [i for i in g.successors(council) if g.nodes[i]["kind"] == "measure"]
    assert led_by_council and all(g.nodes[i]["org"] for i in led_by_council)


def test_no_two_boxes_in_a_column_overlap(views: dict[str, View]) -> None:
    for name, view in views.items():
        g = view.graph
        boxes = []
        for n, a in g.nodes(data=True):
            w, h = box_size(a["label"], a["kind"], boxed=a["boxed"], font=a.get("font"))
            boxes.append((a["x"] - w / 2, a["y"] - h / 2, a["x"] + w / 2, a["y"] + h / 2, n))
        for i, (x0, y0, x1, y1, n) in enumerate(boxes):
            for (u0, v0, u1, v1, m) in boxes[i + 1:]:
                overlap_x = min(x1, u1) - max(x0, u0)
                overlap_y = min(y1, v1) - max(y0, v0)
                assert overlap_x <= 1 or overlap_y <= 1, (name, g.nodes[n]["label"], g.nodes[m]["label"])


# -- partnerships, across plans, evidence: on graphs made by hand -------------------------

SMALL = """
@prefix pg: <https://w3id.org/plangraph/def/core#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/plangraph/id/> .

id:plan\\/a { id:plan\\/a a pg:Plan ; dct:title "Plan A" ; pg:area "Aville" ; pg:period "2020" .
  id:m1 a pg:PerformanceMeasure ; skos:inScheme id:plan\\/a ; skos:prefLabel "one" ;
     pg:leadOrganisation id:o1, id:o2 .
  id:m2 a pg:PerformanceMeasure ; skos:inScheme id:plan\\/a ; skos:prefLabel "two" ;
     pg:leadOrganisation id:o1, id:o2 ; pg:mention id:mention3 .
  id:mention3 pg:refersTo id:o3 .
  id:o1 a org:Organization ; skos:prefLabel "Org One" .
  id:o2 a org:Organization ; skos:prefLabel "Org Two" .
  id:o3 a org:Organization, org:OrganizationalCollaboration ; skos:prefLabel "Board Three" .
  id:s1 a pg:Service ; skos:prefLabel "Kooth" .
  id:s2 a pg:Service ; skos:prefLabel "Only A" .
  id:c1 a pg:Claim ; rdfs:label "cited" ; pg:about id:m1 ; dct:source id:src1 .
  id:c2 a pg:Claim ; rdfs:label "uncited" ; pg:about id:m2 .
  id:src1 a pg:Source ; skos:prefLabel "Annual report" .
}
id:plan\\/b { id:plan\\/b a pg:Plan ; dct:title "Plan B" .
  id:s1 a pg:Service ; skos:prefLabel "Kooth" .
  id:o3 a org:Organization ; skos:prefLabel "Board Three" .
}
""".replace("@prefix id:", "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix id:")


def with_involvement(ds: Dataset) -> Dataset:
    """``ds`` with pg:involvedOrganisation stated in each plan's graph, as the build states it."""
    from plangraph.rdf.derived import add_involvement

    for graph in list(ds.graphs()):
        add_involvement(graph)  # type: ignore[arg-type]
    return ds


@pytest.fixture(scope="module")
def small() -> Facts:
    ds = Dataset()
    ds.parse(data=SMALL, format="trig")
    return facts_of(dataset=with_involvement(ds))


def test_partnership_edges_count_the_items_two_organisations_share(small: Facts) -> None:
    view = make_view("partnerships", small)
    g = view.graph.to_undirected()
    o1, o2, o3 = (f"{ID}o{i}" for i in (1, 2, 3))
    assert g.edges[o1, o2]["weight"] == 2 and g.edges[o1, o2]["kind"] == "co-lead"
    assert g.edges[o1, o3]["weight"] == 1 and g.edges[o1, o3]["kind"] == "named-together"
    assert view.graph.nodes[o3]["kind"] == "partnership"
    assert "Org One and Org Two share 2 items" in g.edges[o1, o2]["text"]


def _view_pairs(view: View) -> dict[tuple[str, str], int]:
    return {tuple(sorted((a, b))): int(w) for a, b, w in view.graph.edges(data="weight")}  # type: ignore[misc]


def _query_pairs(store: Any) -> dict[tuple[str, str], int]:
    from plangraph.sparql import load_query, run_query

    rows = run_query(load_query("partnership-links"), store=store).rows
    return {tuple(sorted((str(r["organisationA"]), str(r["organisationB"])))): int(r["sharedItems"])  # type: ignore[misc]
            for r in rows}


def test_the_view_and_the_query_give_the_same_partnerships_on_the_seeds(seeds_build: Path) -> None:
    """The view said an agency "shares no item" that the query paired with another (issue 16):
    both now read one definition, pg:involvedOrganisation."""
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(seeds_build / "store"))
    pairs = _query_pairs(store)
    assert len(pairs) >= 5
    assert _view_pairs(make_view("partnerships", facts_of(store=store))) == pairs


def test_the_view_and_the_query_give_the_same_partnerships_on_generated_plans(tmp_path: Path) -> None:
    import pyoxigraph

    from plangraph.bench.synth import write_plans
    from plangraph.pipeline import graph_trig

    write_plans(6, tmp_path, seed=5)
    store = pyoxigraph.Store()
    store.load(graph_trig(sorted(tmp_path.glob("*.txt"))), format=pyoxigraph.RdfFormat.TRIG)
    pairs = _query_pairs(store)
    assert len(pairs) >= 10
    assert _view_pairs(make_view("partnerships", facts_of(store=store))) == pairs


def test_across_plans_keeps_what_both_plans_name_and_groups_the_rest(small: Facts) -> None:
    view = make_view("across-plans", small)
    g = view.graph
    shared = {a["name"] for _, a in g.nodes(data=True) if a["kind"] != "plan" and not a["group"]}
    assert shared == {"Kooth", "Board Three"}
    groups = {a["name"]: a["details"] for _, a in g.nodes(data=True) if a["group"]}
    assert groups["1 services and programmes named only in Aville 2020"] == ["Only A"]
    assert groups["2 organisations named only in Aville 2020"] == ["Org One", "Org Two"]
    assert set(g.predecessors(f"{ID}s1")) == {f"{ID}plan/a", f"{ID}plan/b"}


def in_oxigraph(ds: Dataset) -> Any:
    import pyoxigraph

    store = pyoxigraph.Store()
    store.bulk_load(input=ds.serialize(format="nquads", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("reverse", [False, True])
def test_a_node_of_two_kinds_or_two_numbers_in_one_plan_is_read_whatever_order_the_rows_come_in(
        reverse: bool) -> None:
    from plangraph.publish.viz import ask_store

    ds = Dataset()
    ds.parse(data=SMALL.replace('skos:prefLabel "Kooth" .\n  id:s2', 'skos:prefLabel "Kooth" ; skos:notation "9", "10" .'
                                '\n  id:src1 a pg:Service .\n  id:s2', 1), format="trig")
    store = in_oxigraph(ds)

    def ask(text: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
        columns, rows = ask_store(store, text)
        return columns, sorted(rows, key=lambda row: tuple(v or "" for v in row), reverse=reverse)

    facts = Facts(ask)
    facts.need("plans", "services", "sources")
    # the first kind in the order the views know them, the first number in text order
    assert (facts.nodes[f"{ID}src1"].kind, facts.nodes[f"{ID}s1"].notation) == ("service", "10")


def test_evidence_links_claims_to_sources_and_marks_the_unsourced(small: Facts) -> None:
    view = make_view("evidence", small)
    g = view.graph
    assert list(g.successors(f"{ID}c1")) == [f"{ID}src1"]
    assert g.nodes[f"{ID}c1"]["flag"] == "" and g.nodes[f"{ID}c2"]["flag"] == "cites no source"
    assert g.nodes[f"{ID}c2"]["kind"] == "claim"
    assert not any("no claims yet" in note for note in view.notes)


def _small_with_plan_b_printing_kooth_as(label: str) -> Dataset:
    kooth_in_b = '"Plan B" .\n  id:s1 a pg:Service ; skos:prefLabel "Kooth" .'
    assert SMALL.count(kooth_in_b) == 1
    ds = Dataset()
    ds.parse(data=SMALL.replace(kooth_in_b, kooth_in_b.replace('"Kooth"', f'"{label}"')), format="trig")
    return ds


@pytest.mark.parametrize(("in_b", "shown"), [("Kooth online", "Kooth"), ("A Kooth", "A Kooth")])
def test_a_node_two_plans_print_differently_has_the_label_shared_across_plans_gives(in_b: str,
                                                                                  shown: str) -> None:
    from plangraph.sparql import load_query, run_query

    ds = _small_with_plan_b_printing_kooth_as(in_b)
    shared = [r for r in run_query(load_query("shared-across-plans"), dataset=ds).rows
              if str(r["entity"]) == f"{ID}s1"]
    assert [str(r["label"]) for r in shared] == [shown]  # the first in code-point order
    view = make_view("across-plans", facts_of(dataset=ds))
    assert view.graph.nodes[f"{ID}s1"]["name"] == shown


def _union(ds: Dataset) -> Dataset:
    return Dataset(store=ds.store, default_union=True)


def test_evidence_on_the_seeds_marks_every_claim_that_cites_no_source(views: dict[str, View],
                                                                       dataset: Dataset) -> None:
    g = views["evidence"].graph
    union = _union(dataset)
    source = URIRef(PG + "Source")
    claims = {str(c) for c in union.subjects(RDF.type, URIRef(PG + "Claim"))}
    assert claims and claims == {n for n, a in g.nodes(data=True) if a["kind"] == "claim"}
    for c in claims:
        cited = {str(o) for o in union.objects(URIRef(c)) if (o, RDF.type, source) in union}
        assert set(g.successors(c)) == cited
        assert (g.nodes[c]["flag"] == "cites no source") == (not cited)


def test_without_claims_evidence_uses_progress_reports_and_says_so(dataset: Dataset) -> None:
    bare = Dataset()
    claim = URIRef(PG + "Claim")
    for graph in dataset.graphs():
        claims = set(graph.subjects(RDF.type, claim))
        target = bare.graph(graph.identifier)
        for t in graph:
            if t[0] not in claims:
                target.add(t)
    view = make_view("evidence", facts_of(dataset=bare))
    g = view.graph
    assert any("no claims yet" in note for note in view.notes)
    # independent of the view: a report cites through the activities it reports on
    union = _union(bare)
    reports = {n for n, a in g.nodes(data=True) if a["kind"] == "report"}
    assert reports == {str(r) for r in union.subjects(RDF.type, URIRef(PG + "ProgressReport"))}
    for r in reports:
        sources = {str(s) for item in union.objects(URIRef(r), URIRef(PG + "reportsOn"))
                   for s in union.objects(item, URIRef(PG + "evidenceSource"))}
        assert set(g.successors(r)) == sources
        assert (g.nodes[r]["flag"] == "cites no source") == (not sources)


def test_across_plans_on_the_seeds_matches_the_graph(views: dict[str, View], dataset: Dataset) -> None:
    def services(plan: str) -> set[str]:
        graph: Graph = dataset.graph(URIRef(plan))
        return {str(s) for s in graph.subjects(RDF.type, URIRef(PG + "Service"))}

    g = views["across-plans"].graph
    middle = {n for n, a in g.nodes(data=True) if a["kind"] == "service" and not a["group"]}
    assert middle == services(CITY) & services(COUNTY) and middle
    kooth = g.nodes[f"{ID}service/kooth"]
    assert kooth["label"] == "Kooth"


def test_a_view_of_an_empty_graph_is_empty() -> None:
    empty = facts_of(dataset=Dataset())
    for name in VIEW_NAMES:
        assert make_view(name, empty).graph.number_of_nodes() == 0


# -- files ----------------------------------------------------------------------------------

def external_references(html: str) -> list[str]:
    """Every URL the page would load: script/img/iframe src, link href, CSS @import and url()."""
    found = re.findall(r"<(?:script|img|iframe|audio|video|source|embed)\b[^>]*\bsrc\s*=\s*['\"]?([^'\" >]+)", html, re.I)
    found += re.findall(r"<link\b[^>]*\bhref\s*=\s*['\"]?([^'\" >]+)", html, re.I)
    found += re.findall(r"@import\s+(?:url\()?['\"]?([^'\");]+)", html, re.I)
    found += re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")]+)", html, re.I)
    return found


def test_the_reference_scan_finds_what_a_pyvis_page_loads() -> None:
    pyvis_like = ('<link rel="stylesheet" href="https://cdn.jsdelivr.net/x.css">'
                  '<script src="https://cdnjs.cloudflare.com/vis.js"></script><style>@import "x.css";</style>')
    assert len(external_references(pyvis_like)) == 3


@pytest.mark.parametrize("name", VIEW_NAMES)
def test_html_is_one_utf8_file_that_loads_nothing(views: dict[str, View], name: str) -> None:
    data = render(views[name], "html")
    html = data.decode("utf-8")
    assert external_references(html) == []
    assert '<meta charset="utf-8">' in html
    assert vis_network_script()[:2000] in html  # the vis-network script itself, inlined
    assert "bootstrap" not in html.lower() and "tom-select" not in html.lower()
    assert html.count("</script>") == 3  # data, vis-network, ours: nothing ended a script early


def xss_facts(tmp_path: Path) -> Facts:
    text = (DATA / "golden" / "westshire.txt").read_text(encoding="utf-8")
    path = tmp_path / "westshire-xss.txt"
    path.write_text(text.replace("1a: Children are healthy", f"1a: {XSS}"), encoding="utf-8")
    return facts_of(dataset=dataset_of(path))


def test_document_text_never_reaches_the_page_as_markup(tmp_path: Path) -> None:
    view = make_view("who-leads-what", xss_facts(tmp_path))
    assert named(view, XSS)
    html = view_to_html(view)
    assert XSS not in html and "<img" not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # it is there, as JSON text


def test_png_and_gexf(views: dict[str, View], tmp_path: Path) -> None:
    png = render(views["partnerships"], "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    gexf = tmp_path / "v.gexf"
    gexf.write_bytes(render(views["who-leads-what"], "gexf"))
    read = nx.read_gexf(gexf)
    view = views["who-leads-what"].graph
    assert read.number_of_nodes() == view.number_of_nodes() and read.number_of_edges() == view.number_of_edges()
    assert read.nodes[CCG]["label"] == "Nottingham City CCG"
    assert read.nodes[CCG]["kind"] == "organisation"


def test_graphml_loads_in_networkx(views: dict[str, View], tmp_path: Path) -> None:
    path = tmp_path / "v.graphml"
    path.write_bytes(render(views["who-leads-what"], "graphml"))
    read = nx.read_graphml(path)
    view = views["who-leads-what"].graph
    assert set(read.nodes) == set(view.nodes) and set(read.edges) == set(view.edges)
    assert read.nodes[CCG]["label"] == "Nottingham City CCG" and read.nodes[CCG]["kind"] == "organisation"
    assert read.nodes[CCG]["x"] == float(view.nodes[CCG]["x"])


def test_the_kumu_workbook_has_the_sheets_kumus_importer_reads(views: dict[str, View], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "v.kumu.xlsx"
    path.write_bytes(render(views["who-leads-what"], "kumu.xlsx"))
    book = load_workbook(path)
    assert book.sheetnames == ["Elements", "Connections"]
    elements = list(book["Elements"].iter_rows(values_only=True))
    connections = list(book["Connections"].iter_rows(values_only=True))
    # Kumu: an element sheet's first columns ID (optional) and Label; a connection sheet's From and To
    assert elements[0][:3] == ("ID", "Label", "Type") and connections[0][:2] == ("From", "To")
    view = views["who-leads-what"].graph
    ids = {row[0] for row in elements[1:]}
    assert ids == set(view.nodes) and len(connections) - 1 == view.number_of_edges()
    assert all(row[0] in ids and row[1] in ids for row in connections[1:])
    assert next(row for row in elements[1:] if row[0] == CCG)[1:3] == ("Nottingham City CCG", "Organisation")


def test_kinds_have_a_legend_entry() -> None:
    assert all(k.label and re.fullmatch(r"#[0-9A-Fa-f]{6}", k.colour) for k in KINDS.values())


# -- commands ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(seeds_build: Path) -> Path:
    return seeds_build


def test_build_writes_the_html_views(built: Path) -> None:
    for name in VIEW_NAMES:
        html = (built / f"{name}.html").read_text(encoding="utf-8")
        assert external_references(html) == [] and "vis.Network" in html
    assert not [p for p in built.parent.iterdir() if p.name.startswith(".build.")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_viz_writes_each_format(built: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"view.{fmt}"
    assert main(["viz", "partnerships", "--store", str(built / "store"), "--out", str(out)]) == 0
    assert out.stat().st_size > 1000
    assert str(out) in capsys.readouterr().out


def test_viz_format_option_wins_over_the_extension(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.dat"
    assert main(["viz", "evidence", "--store", str(built / "store"), "--out", str(out), "--format", "gexf"]) == 0
    assert out.read_bytes().startswith(b"<?xml")


def test_viz_without_a_store_says_run_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["viz", "partnerships", "--store", str(tmp_path / "none")]) == 3
    assert "plangraph build" in capsys.readouterr().err


def test_viz_unknown_view_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["viz", "hairball"]) == 2


@pytest.mark.parametrize("order", ["reversed", "shuffled"])
def test_the_views_are_the_same_whatever_order_the_rows_come_in(dataset: Dataset, order: str) -> None:
    import random
    from functools import partial

    from plangraph.publish.viz import ask_store

    store = in_oxigraph(dataset)

    def reordered(text: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
        columns, rows = ask_store(store, text)
        rows = rows[::-1] if order == "reversed" else random.Random(7).sample(rows, len(rows))
        return columns, rows

    asked, again = Facts(partial(ask_store, store)), Facts(reordered)
    for name in VIEW_NAMES:
        assert render(make_view(name, again), "html") == render(make_view(name, asked), "html"), name


# -- plans of headings, posts and teams (issue 15): Kent's commitments ----------------------

KENT_PLAN = f"{ID}plan/kent-health-wellbeing-priorities-actions-2025"
LEADERS = ("organisation", "partnership", "person", "post", "team")


@pytest.fixture(scope="module")
def kent_store(kent_build: Path) -> Any:
    """Kent's plan built alone (the seeds' build holds the two text seeds only)."""
    from plangraph.store import open_store

    return open_store(kent_build / "store")


@pytest.fixture(scope="module")
def kent_views(kent_store: Any) -> dict[str, View]:
    facts = facts_of(store=kent_store)
    return {name: make_view(name, facts) for name in VIEW_NAMES}


def _who_leads_what_rows(store: Any) -> list[dict[str, str]]:
    from plangraph.sparql import load_query, run_query

    result = run_query(load_query("who-leads-what"), store=store)
    return [{c: "" if row.get(c) is None else str(row[c]) for c in result.columns} for row in result.rows]


def _leads_of(g: Any, item: str, kinds: tuple[str, ...]) -> set[str]:
    return {u for u in g.predecessors(item) if g.nodes[u]["kind"] in kinds and g.edges[u, item]["kind"] == "leads"}


def test_who_leads_what_draws_every_kent_commitment_with_its_lead_posts_and_teams(
        kent_views: dict[str, View], kent_store: Any) -> None:
    """Every commitment the named query lists is a node, with a line from each lead the query
    gives it: a post ("CPH"), a team ("People Strategy Team"), an organisation or an officer."""
    g = kent_views["who-leads-what"].graph
    rows = [r for r in _who_leads_what_rows(kent_store) if r["itemType"] == PG + "Commitment"]
    commitments = {r["item"] for r in rows}
    assert len(commitments) > 80
    wanted: dict[str, set[str]] = {c: set() for c in commitments}
    for r in rows:
        wanted[r["item"]].update(lead for lead in (r["organisation"], r["officer"]) if lead)
    kinds: set[str] = set()
    for item, leads in wanted.items():
        assert item in g and g.nodes[item]["kind"] == "commitment", item
        assert _leads_of(g, item, LEADERS) == leads, item
        kinds.update(g.nodes[lead]["kind"] for lead in leads)
    assert {"post", "team"} <= kinds
    drawn = {n for n, a in g.nodes(data=True) if a["kind"] == "commitment"}
    assert drawn == commitments


def test_who_leads_what_on_the_seeds_draws_every_item_the_query_lists(seeds_store_dir: Path,
                                                                      views: dict[str, View]) -> None:
    from plangraph.store import open_store

    g = views["who-leads-what"].graph
    rows = _who_leads_what_rows(open_store(seeds_store_dir))
    assert rows
    for r in rows:
        assert r["item"] in g, r
        for lead in (r["organisation"], r["officer"]):
            assert not lead or g.edges[lead, r["item"]]["kind"] == "leads", r


def test_kent_items_stand_under_their_headings_in_columns(kent_views: dict[str, View]) -> None:
    view = kent_views["who-leads-what"]
    g = view.graph
    titles = [t for _, t in view.columns]
    assert titles == ["Posts", "Teams", "Organisations", "Items they lead", "Sections", "Directorates", "Plans"]
    x = dict((t, x) for x, t in view.columns)
    for n, a in g.nodes(data=True):
        if a["kind"] != "commitment":
            continue
        # each commitment hangs from its innermost heading, up to a directorate and the plan
        chain = [n]
        while list(g.successors(chain[-1])):
            parent, = g.successors(chain[-1])
            chain.append(parent)
        kinds = [g.nodes[c]["kind"] for c in chain]
        assert kinds in (["commitment", "heading", "plan"], ["commitment", "heading", "heading", "plan"]), chain
        assert g.nodes[chain[-2]]["x"] == x["Directorates"] and chain[-1] == KENT_PLAN
        assert a["priority"] == chain[-2]  # the page's priority filter: its directorate
        # labelled by its own words, as a measure's are after its code
        assert len(a["label"]) <= 40 and "\n" not in a["label"]
        assert " ".join(a["name"].split()).startswith(a["label"].rstrip("…"))
    cph = g.nodes[f"{KENT_PLAN}/post/cph"]
    assert cph["name"] == "CPH (Consultant in Public Health)" and cph["x"] == x["Posts"]
    assert cph["label"].replace("\n", " ") == "CPH (Consultant in Public Health)"
    assert view.kinds[-2:] == ["post", "team"]


def test_the_kent_page_filters_by_heading_and_by_lead_post_and_team(kent_views: dict[str, View]) -> None:
    from plangraph.publish.views.html import view_data

    view = kent_views["who-leads-what"]
    g = view.graph
    data = view_data(view)
    assert data["priorityTitle"] == "Headings"
    assert data["leadTitle"] == "Lead organisations, posts and teams"
    assert data["noLead"] == "Led by no organisation, post or team"
    assert "CYPE" in {p["label"] for p in data["priorities"]}  # an abbreviation, as printed
    leads = [o["label"] for o in data["leadOrgs"]]
    assert "CPH (Consultant in Public Health)" in leads and "People Strategy Team" in leads
    assert {"post", "team"} <= {k["key"] for k in data["kinds"]}
    for record in data["nodes"]:
        a = g.nodes[record["id"]]
        if a["kind"] == "commitment":
            assert "pri" in record
            led_by = _leads_of(g, record["id"], ("organisation", "partnership", "post", "team"))
            assert {leads[i] for i in record["leads"]} == {g.nodes[o]["name"] for o in led_by}
        if a["kind"] in ("post", "team"):
            assert leads[record["leadOrg"]] == a["name"]


def test_across_plans_and_partnerships_do_not_drop_posts_and_teams_silently(kent_views: dict[str, View]) -> None:
    g = kent_views["across-plans"].graph
    groups = {a["name"] for _, a in g.nodes(data=True) if a["group"]}
    assert {"34 posts named only in Kent 2025", "3 teams named only in Kent 2025"} <= groups, groups
    assert any("posts and teams" in note for note in kent_views["partnerships"].notes)


def test_no_two_boxes_overlap_in_the_kent_views(kent_views: dict[str, View]) -> None:
    test_no_two_boxes_in_a_column_overlap(kent_views)


def test_strongest_links_opens_on_at_most_about_300_lines() -> None:
    from plangraph.publish.views.partnerships import least_weight

    assert least_weight([1] * 10) == 1  # the seeds' size: every line
    assert least_weight([1] * 2589 + [2] * 645 + [3] * 130 + [4] * 30 + [5] * 6 + [7] * 2) == 3  # 300 plans: 168
    assert least_weight([2] * 500) == 2  # never past the strongest line: at least one shows
