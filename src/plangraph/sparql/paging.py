"""One page of a query's answer: ``limit`` rows from row ``offset``, as soon as they can be had.

A listing region-wide (who leads what in 300 plans) takes the engine as long to start as to
finish: its joins are made whole before the first row comes. But most named queries sort their
rows by plan first, and say so in their opening comment (``# Paging: plan by plan``); on a
local store such a query's page is read plan by plan, in plan order, with ``?plan`` bound by
Oxigraph's substitutions, until the page is full: the first page of who-leads-what asks two or
three plans, not three hundred. The rows are those of the whole answer, cut at the same place
(a test compares them page by page).

Where few plans have rows (a listing of problems, found in one plan in ten), reading plan by
plan would ask most plans to fill a page: after the first few plans, when the rows they gave
say that more than half the plans would be needed, the page is asked of the whole query
instead. Any other query, or any other engine (rdflib, an endpoint), is given ``LIMIT`` and
``OFFSET`` (:func:`plangraph.sparql.catalogue.page_of`).
"""

from __future__ import annotations

from rdflib import URIRef

from plangraph.rdf.vocab import PG
from plangraph.sparql.catalogue import Query, page_of
from plangraph.sparql.engine import Engine, OxigraphEngine, QueryResult
from plangraph.sparql.params import Params
from plangraph.sparql.terms import Term

__all__ = ["PLAN_VARIABLE", "pages_by_plan", "read_page"]

PLAN_VARIABLE = "plan"
PROBE = 8  # plans read one by one before judging whether the rest are worth reading so

_PLANS = f"SELECT ?plan WHERE {{ GRAPH ?plan {{ ?plan a <{PG.Plan}> }} }}"


def read_page(engine: Engine, query: Query, params: Params, limit: int | None, offset: int = 0) -> QueryResult:
    """Rows ``offset`` to ``offset + limit`` of ``query``'s answer (``limit`` None: to the end).

    >>> import pyoxigraph
    >>> store = pyoxigraph.Store()
    >>> page = read_page(OxigraphEngine(store), Query("q", "SELECT ?x WHERE { VALUES ?x { 1 2 3 } } ORDER BY ?x"), {}, 2, 1)
    >>> [str(row["x"]) for row in page.rows]
    ['2', '3']
    """
    offset = max(0, offset)
    if limit is None and offset == 0:
        return engine.select(query, params)
    # (to the end of the answer, every plan would be asked: the whole query is quicker)
    if limit is not None and isinstance(engine, OxigraphEngine) and pages_by_plan(query, params):
        rows = _plan_by_plan(engine, query, params, offset + limit)
        if rows is not None:
            return QueryResult(rows.columns, rows.rows[offset:offset + limit])
    paged, asked = page_of(query, limit, offset)
    result = engine.select(paged, params)
    if asked:
        return result
    end = None if limit is None else offset + limit
    return QueryResult(result.columns, result.rows[offset:end])


def pages_by_plan(query: Query, params: Params) -> bool:
    """Whether a page of ``query`` with ``params`` is read plan by plan on a local store: the
    query says its rows are sorted by plan first, and no plan is bound already."""
    return query.pages_by_plan and PLAN_VARIABLE not in params


def _plan_by_plan(engine: OxigraphEngine, query: Query, params: Params, wanted: int) -> QueryResult | None:
    """The first ``wanted`` rows or more, plan by plan; None when the plans' rows are too
    sparse for that to pay."""
    import pyoxigraph

    solutions = engine.store.query(_PLANS, use_default_graph_as_union=True)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    plans = sorted({solution[0].value for solution in solutions if solution[0] is not None})
    result: QueryResult | None = None
    rows: list[dict[str, Term | None]] = []
    for done, plan in enumerate(plans, start=1):
        result = engine.select(query, {**params, PLAN_VARIABLE: URIRef(plan)})
        rows += result.rows
        if len(rows) >= wanted:
            break
        if done == PROBE < len(plans) and wanted * done / max(len(rows), 1) > len(plans) / 2:
            return None
    if result is None:  # no plans: the whole query says which columns it has
        return None
    return QueryResult(result.columns, rows)
