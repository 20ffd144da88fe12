"""The pages build draws (plangraph.publish.pages): every question asked of each named graph alone,
the graphs and then the pages shared out among processes; the pages are those drawn from the
whole store, as ``plangraph viz`` and ``plangraph audit`` draw them."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from plangraph.publish.audit import audit_to_html, collect_audit
from conftest import store_of
from plangraph.publish.pages import PAGES, SHARES, ask_graphs, ask_part, draw_share, page_questions, write_pages
from plangraph.sparql import select_strings
from plangraph.store import open_store
from plangraph.publish.viz import VIEW_NAMES, facts_of, write_html_views

PG = "https://w3id.org/plangraph/def/core#"


@pytest.fixture(scope="module")
def dataset(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


@pytest.fixture(scope="module")
def store_dir(seeds_store_dir: Path) -> Path:
    return seeds_store_dir


def drawn_from_the_store(store_dir: Path, folder: Path) -> dict[str, bytes]:
    """Every page drawn from the whole store, as plangraph viz and plangraph audit draw them."""
    store = open_store(store_dir)
    write_html_views(facts_of(store=store), folder)
    (folder / "audit.html").write_text(audit_to_html(collect_audit(store=store)), encoding="utf-8")
    return {page: (folder / f"{page}.html").read_bytes() for page in PAGES}


def test_every_page_question_has_on_the_graphs_one_by_one_the_rows_it_has_on_the_store(store_dir: Path) -> None:
    store = open_store(store_dir)
    graphs = sorted(g.value for g in store.named_graphs())
    assert len(graphs) == 3  # the two plans and the services vocabulary
    questions = page_questions()
    assert len(questions) == len(set(questions)) > 10
    for text in questions:
        columns, rows = select_strings(store, text)
        assert rows, text.splitlines()[0]  # the seeds answer every question
        got_columns, got = ask_graphs(store, graphs, [text])[text]
        assert got_columns == columns
        assert Counter(got) == Counter(rows), text.splitlines()[0]


def test_a_plan_column_is_filled_in_only_where_it_is_the_graph(store_dir: Path) -> None:
    # ?plan names the graph in the page questions (filled in, not read); not in these
    store = open_store(store_dir)
    graphs = sorted(g.value for g in store.named_graphs())
    prefix = f"PREFIX pg: <{PG}>\n"
    for text in (prefix + "SELECT ?g ?plan\nWHERE { GRAPH ?g { ?claim pg:about ?plan } }\n",
                 prefix + "SELECT DISTINCT ?plan\nWHERE { GRAPH ?g { ?plan a pg:Claim } }\n",
                 prefix + "SELECT ?plan ?about\nWHERE { GRAPH ?plan { ?claim a pg:Claim } GRAPH ?g { ?claim pg:about ?about } }\n"):
        columns, rows = select_strings(store, text)
        assert rows and ask_graphs(store, graphs, [text])[text][0] == columns
        assert Counter(ask_graphs(store, graphs, [text])[text][1]) == Counter(rows), text


def test_asked_of_no_graph_a_question_has_its_columns_and_no_rows(store_dir: Path) -> None:
    store = open_store(store_dir)
    text = page_questions()[0]
    assert ask_graphs(store, [], [text])[text] == (select_strings(store, text)[0], [])


def test_every_page_is_in_one_share() -> None:
    assert sorted(p for share in SHARES for p in share) == sorted(PAGES)
    assert PAGES == (*VIEW_NAMES, "audit")


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_the_pages_are_those_drawn_from_the_whole_store(store_dir: Path, tmp_path: Path, processes: int) -> None:
    expected = drawn_from_the_store(store_dir, tmp_path / "store")
    out = tmp_path / "out"
    out.mkdir()
    write_pages(store_dir, out, processes=processes)  # two and three: more parts than graphs
    assert {page: (out / f"{page}.html").read_bytes() for page in PAGES} == expected
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{page}.html" for page in PAGES)  # no rows left


def test_the_pages_drawn_in_a_process_pool_are_those_drawn_in_one_process(store_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "pool").mkdir()
    write_pages(store_dir, tmp_path / "one")
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        write_pages(store_dir, tmp_path / "pool", processes=2, map_=pool.map)
    for page in PAGES:
        assert (tmp_path / "pool" / f"{page}.html").read_bytes() == (tmp_path / "one" / f"{page}.html").read_bytes()


def test_the_rows_asked_ahead_answer_every_question_of_the_pages(store_dir: Path, tmp_path: Path) -> None:
    for part in range(2):
        ask_part(part, parts=2, store=store_dir, rows=tmp_path)
    asked = [q for share in SHARES
             for q in draw_share(share, parts=2, store=store_dir, rows=tmp_path, folder=tmp_path)]
    assert asked == []


def test_a_question_not_asked_ahead_is_asked_of_the_store(dataset: Dataset, tmp_path: Path) -> None:
    # without claims the evidence view shows the progress reports, which are not asked ahead
    bare = Dataset()
    claims = {c for graph in dataset.graphs() for c in graph.subjects(RDF.type, URIRef(PG + "Claim"))}
    for graph in dataset.graphs():
        target = bare.graph(graph.identifier)
        for t in graph:
            if t[0] not in claims:
                target.add(t)
    store_of(bare, tmp_path / "store")
    expected = drawn_from_the_store(tmp_path / "store", tmp_path)
    assert b"no claims yet" in expected["evidence"]
    (tmp_path / "rows").mkdir()
    (tmp_path / "out").mkdir()
    ask_part(0, parts=1, store=tmp_path / "store", rows=tmp_path / "rows")
    asked = draw_share(PAGES, parts=1, store=tmp_path / "store", rows=tmp_path / "rows", folder=tmp_path / "out")
    assert sorted(q.splitlines()[0].split(":")[0] for q in asked) == ["# anchors", "# nodes", "# reports"]
    assert {page: (tmp_path / "out" / f"{page}.html").read_bytes() for page in PAGES} == expected


def test_the_cycle_collector_is_as_it_was_after_the_pages(store_dir: Path, tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    write_pages(store_dir, tmp_path)
    assert gc.isenabled()
    gc.disable()
    try:
        write_pages(store_dir, tmp_path)
        assert not gc.isenabled()
    finally:
        gc.enable()

