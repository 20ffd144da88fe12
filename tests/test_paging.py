"""A page of a long listing (issue 18): ``query --limit N --offset M`` gives exactly the rows M
to M+N of the whole answer, for every named query; the engine is asked for the page, or, for a
query that ends in its own LIMIT or VALUES, the page is cut from its rows; a query sorted by
plan first is read plan by plan."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from plangraph.cli import main
from plangraph.sparql import list_queries
from plangraph.sparql.catalogue import Query, page_of
from plangraph.sparql.engine import OxigraphEngine, QueryResult
from plangraph.sparql.paging import PROBE, read_page
from plangraph.sparql.params import Params

BY_PLAN = [q for q in list_queries() if q.pages_by_plan]
PLANS = 10  # more than the plans read one by one before the rest are judged (PROBE)


def rows(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[list[str]]:
    assert main(argv) == 0
    return list(csv.reader(io.StringIO(capsys.readouterr().out)))


@pytest.mark.parametrize("name", [q.name for q in list_queries() if not q.parameters])
def test_a_page_is_the_slice_of_the_whole_answer(name: str, seeds_build: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    store = ["--store", str(seeds_build / "store"), "--format", "csv"]
    whole = rows(capsys, ["query", name, *store])
    header, body = whole[0], whole[1:]
    for limit, offset in ((3, 0), (3, 2), (100_000, 1), (2, len(body))):
        page = rows(capsys, ["query", name, *store, "--limit", str(limit), "--offset", str(offset)])
        assert page[0] == header and page[1:] == body[offset:offset + limit], (limit, offset)


def test_the_engine_is_asked_for_the_page_unless_the_query_ends_in_its_own_limit() -> None:
    text = "SELECT ?x WHERE { ?x ?p ?o }\nORDER BY ?x  # sorted\n"
    paged, asked = page_of(Query("q", text), 5, 10)
    assert asked and paged.text.endswith("LIMIT 5\nOFFSET 10\n")
    for ending in ("LIMIT 7", "OFFSET 2", "VALUES ?x { <http://x> }"):
        assert page_of(Query("q", f"SELECT ?x WHERE {{ ?x ?p ?o }} {ending}"), 5, 0) == (
            Query("q", f"SELECT ?x WHERE {{ ?x ?p ?o }} {ending}"), False)


def test_the_table_says_which_rows_and_where_the_next_page_starts(seeds_build: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "who-leads-what", "--store", str(seeds_build / "store"), "--format", "table",
                 "--limit", "10", "--offset", "20"]) == 0
    assert "who-leads-what: rows 21–30 (the next page: --offset 30)" in capsys.readouterr().out


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of ten generated plans, built as ``plangraph build`` builds it."""
    from plangraph.bench.synth import write_plans
    from plangraph.pipeline import build

    folder = tmp_path_factory.mktemp("region")
    write_plans(PLANS, folder / "plans", seed=11)
    build(sorted((folder / "plans").glob("*.txt")), folder / "build")
    return folder / "build" / "store"


class Counting(OxigraphEngine):
    """An Oxigraph engine that records the parameters of each query it is asked."""

    asked: list[dict[str, str]]

    def select(self, query: Query, params: Params) -> QueryResult:
        self.asked.append({k: str(v) for k, v in params.items()})
        return super().select(query, params)


def engine_on(store_dir: Path) -> Counting:
    from plangraph.store import open_store

    engine = Counting(open_store(store_dir))
    object.__setattr__(engine, "asked", [])
    return engine


def test_the_queries_read_plan_by_plan_are_sorted_by_plan_first_and_name_it_in_every_row(region: Path) -> None:
    assert {q.name for q in BY_PLAN} >= {"who-leads-what", "claim-sources", "unsourced-claims", "plan-outline"}
    engine = engine_on(region)
    for query in BY_PLAN:
        plans = [row["plan"] for row in engine.select(query, {}).rows]
        assert None not in plans, query.name
        assert [str(p) for p in plans] == sorted(str(p) for p in plans), query.name


@pytest.mark.parametrize("query", BY_PLAN, ids=lambda q: q.name)
def test_a_page_read_plan_by_plan_is_the_slice_of_the_whole_answer(query: Query, region: Path) -> None:
    engine = engine_on(region)
    whole = engine.select(query, {})
    n = len(whole.rows)
    for limit, offset in ((1, 0), (100, 0), (7, 13), (50, n // 2), (10, max(0, n - 3)), (5, n + 2), (None, 4)):
        page = read_page(engine, query, {}, limit, offset)
        end = None if limit is None else offset + limit
        assert page.columns == whole.columns and page.rows == whole.rows[offset:end], (limit, offset)


def test_the_first_page_of_a_long_listing_asks_only_the_first_plans(region: Path) -> None:
    (query,) = [q for q in BY_PLAN if q.name == "claim-sources"]
    engine = engine_on(region)
    whole = engine.select(query, {}).rows
    first_plan = str(whole[0]["plan"])
    its_claims = sum(1 for row in whole if str(row["plan"]) == first_plan)
    assert 0 < its_claims < len(whole)
    engine.asked.clear()
    page = read_page(engine, query, {}, its_claims)
    assert page.rows == whole[:its_claims]
    # the plans were asked in order up to the first with claims, whose claims fill the page
    plans = sorted(str(row["plan"]) for row in engine.select(
        Query("plans", "SELECT ?plan WHERE { GRAPH ?plan { ?plan a <https://w3id.org/plangraph/def/core#Plan> } }"),
        {}).rows)
    engine.asked.pop()
    assert len(plans) == PLANS
    assert engine.asked == [{"plan": plan} for plan in plans[:plans.index(first_plan) + 1]]


def test_rows_in_few_plans_are_asked_of_the_whole_query_after_the_first_plans(region: Path) -> None:
    engine = engine_on(region)
    last = max(str(row["plan"]) for row in engine.select(BY_PLAN[0], {}).rows)
    sparse = Query("sparse", f"""# sparse: rows in the last plan alone
# Paging: plan by plan (the rows are sorted by plan first, and every row names its plan).
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?plan ?item WHERE {{ GRAPH ?plan {{ ?item skos:inScheme ?plan }} FILTER (?plan = <{last}>) }}
ORDER BY ?plan ?item
""")
    assert sparse.pages_by_plan
    whole = engine.select(sparse, {}).rows
    assert len(whole) > 2
    engine.asked.clear()
    page = read_page(engine, sparse, {}, 2, 1)
    assert page.rows == whole[1:3]
    # the first plans gave no rows: the rest would be more than half the plans, so the page
    # was asked of the whole query
    assert len(engine.asked) == PROBE + 1 and engine.asked[-1] == {}
    assert all(set(asked) == {"plan"} for asked in engine.asked[:-1])


def test_serve_keeps_a_whole_answer_for_the_next_page_and_the_downloads(
        seeds_store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A listing that cannot be read plan by plan is made whole before its first row: serve
    keeps it, so the next page and the downloads do not ask the store again."""
    from plangraph.publish.serve import questions
    from plangraph.publish.serve.site import Site
    from plangraph.sparql import load_query, run_query

    site = Site(seeds_store_dir)
    asked: list[str] = []
    select = OxigraphEngine.select

    def counted(self: OxigraphEngine, query: Query, params: Params) -> QueryResult:
        asked.append(query.name)
        return select(self, query, params)

    monkeypatch.setattr(OxigraphEngine, "select", counted)
    query = load_query("organisation-leads")  # sorted by organisation first
    assert not query.pages_by_plan
    expected = run_query(query, store=site.store()).rows
    asked.clear()
    first = questions.answer(site, query, {}, 0)
    later = questions.answer(site, query, {}, 10)
    download = questions.whole(site, query, {})
    assert asked == ["organisation-leads"]
    assert len(first.rows) == len(expected) > 10 and len(later.rows) == len(expected) - 10
    assert download.rows == expected
