"""Running a SELECT query: one interface (``Engine``) over the engines that can run it.

A query runs over the union of the plan graphs, on the on-disk Oxigraph store
(``OxigraphEngine``), on an rdflib Dataset in memory (``RdflibEngine``) or on a SPARQL endpoint
(``plangraph.sparql.endpoint.EndpointEngine``); each gives the same rows, as rdflib terms, and
binds parameters through its own binding API, never by editing the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph
from rdflib import Dataset
from rdflib.query import ResultRow

from plangraph._compat.rdflib_joins import hash_joins
from plangraph.errors import ReadError
from plangraph.sparql.catalogue import Query, as_query, parse_query
from plangraph.sparql.params import Params, check_params
from plangraph.sparql.terms import OxigraphTerms, OxTerm, Term, from_rdflib, to_oxigraph
from plangraph.store.http import one_line

__all__ = ["QueryResult", "Engine", "OxigraphEngine", "RdflibEngine", "run_query", "select_strings",
           "solutions_to_result", "oxigraph_error_line"]

_OX_POSITION = re.compile(r"error at (\d+):(\d+)")
_NOT_SELECT = "not a SELECT query (expected SELECT; ASK, CONSTRUCT and DESCRIBE give no table)"


@dataclass(frozen=True)
class QueryResult:
    """The variables of a SELECT query, in order, and one dict per solution (None: unbound)."""

    columns: list[str]
    rows: list[dict[str, Term | None]]


class Engine(Protocol):
    """Somewhere a SELECT query runs over the union of the plan graphs."""

    def select(self, query: Query, params: Params) -> QueryResult:
        """The query's rows, ``params`` bound to variables of its SELECT clause.

        Raises ReadError when the query is not SPARQL, not a SELECT, or fails; UsageError
        when a parameter names no variable of the SELECT clause.
        """
        ...


def run_query(query: Query | str, *, store: pyoxigraph.Store | None = None,
              dataset: Dataset | None = None, engine: Engine | None = None,
              params: Params | None = None) -> QueryResult:
    """Run a SELECT query over the union of the graphs of ``store`` or ``dataset``, or on ``engine``.

    ``params`` binds variables of the SELECT clause to RDF terms through the engine's binding
    API, never by editing the query text.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    >>> run_query("SELECT ?o WHERE { ?s ?p ?o }", dataset=ds).rows
    [{'o': rdflib.term.Literal('o')}]
    """
    q = as_query(query)
    if sum(given is not None for given in (store, dataset, engine)) != 1:
        raise TypeError("run_query needs exactly one of store=, dataset= or engine=")
    if store is not None:
        engine = OxigraphEngine(store)
    elif dataset is not None:
        engine = RdflibEngine(dataset)
    assert engine is not None
    return engine.select(q, params or {})


def oxigraph_error_line(message: str) -> int | None:
    """The line of the query an Oxigraph syntax error message (``error at 4:7``) points at."""
    where = _OX_POSITION.search(message)
    return int(where.group(1)) if where else None


@dataclass(frozen=True, eq=False)
class OxigraphEngine:
    """Queries on an Oxigraph store, bound by its ``substitutions``."""

    store: pyoxigraph.Store

    def select(self, query: Query, params: Params) -> QueryResult:
        # Oxigraph refuses to bind a variable its SELECT clause lacks, so check_params runs only
        # for the message: the rdflib parse it needs can cost more than the query itself
        substitutions: dict[pyoxigraph.Variable, OxTerm] = {
            pyoxigraph.Variable(name): to_oxigraph(term) for name, term in params.items()}
        try:
            solutions = self.store.query(query.text, use_default_graph_as_union=True,
                                         substitutions=substitutions or None)
            if not isinstance(solutions, pyoxigraph.QuerySolutions):
                raise ReadError(query.source, None, _NOT_SELECT)
            return solutions_to_result(solutions)
        except SyntaxError as err:
            # Oxigraph often reports the end of the query; rdflib's parser points at the line at fault.
            try:
                parse_query(query)
            except ReadError as better:
                if better.line is not None:
                    raise better from err
            raise ReadError(query.source, oxigraph_error_line(str(err)),
                            f"SPARQL syntax error: {one_line(err, 160)}") from err
        except (OSError, RuntimeError) as err:  # RuntimeError: Oxigraph's evaluation errors
            if params and "in its SELECT projection" in str(err):
                check_params(query, params)  # says which parameter, and the query's own
            raise ReadError(query.source, None, f"the query failed on the store ({one_line(err)})") from err


@dataclass(frozen=True, eq=False)
class RdflibEngine:
    """Queries on an rdflib Dataset, bound by its ``initBindings``."""

    dataset: Dataset

    def select(self, query: Query, params: Params) -> QueryResult:
        check_params(query, params)
        prepared = parse_query(query)
        # A view of the same store whose default graph is the union of the named graphs.
        union = Dataset(store=self.dataset.store, default_union=True)
        try:
            with hash_joins():  # rdflib evaluates lazily: the rows are read inside
                result = union.query(prepared, initBindings=dict(params))
                if result.type != "SELECT" or result.vars is None:
                    raise ReadError(query.source, None, _NOT_SELECT)
                columns = [str(v) for v in result.vars]
                rows = []
                for row in result:
                    assert isinstance(row, ResultRow)  # a SELECT result yields ResultRows
                    rows.append({c: from_rdflib(row[i]) for i, c in enumerate(columns)})
        except ReadError:
            raise
        except Exception as err:  # rdflib's evaluator raises many kinds; name the query, not a bug
            raise ReadError(query.source, None, f"the query failed in rdflib ({type(err).__name__}: "
                            f"{one_line(err)})") from err
        return QueryResult(columns, rows)


def select_strings(store: pyoxigraph.Store, text: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """A SELECT query's columns and rows on ``store`` (over the union of its graphs), each value
    a plain string: an IRI's text, a literal's lexical form (None: unbound).

    For code that reads values rather than terms (the views): it skips making rdflib terms,
    which for a result of a hundred thousand values costs more than the query.
    """
    solutions = store.query(text, use_default_graph_as_union=True)
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        raise TypeError("select_strings needs a SELECT query")
    columns = [v.value for v in solutions.variables]
    return columns, [tuple(None if term is None else term.value for term in s) for s in solutions]


def solutions_to_result(solutions: pyoxigraph.QuerySolutions) -> QueryResult:
    """Oxigraph's solutions (from a store or parsed from an endpoint's answer) as rdflib rows.

    A term that comes back in many rows (a plan, an organisation, a label) is converted once:
    making rdflib terms, not running the query, is most of the cost of a result of thousands
    of rows.
    """
    columns = [v.value for v in solutions.variables]
    convert = OxigraphTerms()
    return QueryResult(columns, [dict(zip(columns, map(convert, s))) for s in solutions])
