"""The named questions (``queries/*.rq``) as forms: each parameter offered as the values that
exist in the graph, the answer as a table of names (each a link to its thing's page), a page
at a time, and the same ``plangraph query`` command for the terminal.

A parameter's choices are the values of the query's own column of that name, in its answer
with no parameter bound (``organisation-leads`` offers the organisations that lead something),
each shown by its label column (``organisationLabel``) where the query has one. A parameter
that is not a column is typed in.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Literal, URIRef  # noqa: F401  (Literal: value_text's example)

from plangraph.publish.serve.site import Site
from plangraph.publish.serve.things import href
from plangraph.rdf.iris import ID, PG
from plangraph.sparql.catalogue import Query, list_queries, load_query
from plangraph.sparql.engine import OxigraphEngine, QueryResult
from plangraph.sparql.paging import pages_by_plan, read_page
from plangraph.sparql.params import Params, parse_term
from plangraph.sparql.results import result_to_table
from plangraph.sparql.sheets import readable_header
from plangraph.sparql.terms import Term

__all__ = ["Choice", "Cell", "Page", "PAGE_ROWS", "MOST_CHOICES", "questions", "question",
           "choices", "params_of", "answer", "command_line", "value_text"]

PAGE_ROWS = 500  # rows of an answer on one page; the downloads hold them all
MOST_CHOICES = 5000  # values offered for one parameter


@dataclass(frozen=True)
class Choice:
    value: str  # as the form sends it back (and as --param takes it)
    label: str


@dataclass(frozen=True)
class Cell:
    text: str
    link: str | None  # the page of the thing the cell names


@dataclass(frozen=True)
class Page:
    headers: list[str]
    rows: list[list[Cell]]
    offset: int
    more: bool  # whether rows follow this page


def questions() -> list[Query]:
    return list_queries()


def question(name: str) -> Query | None:
    """The named question ``name``, or None (names come from the address: never a path)."""
    known = {q.name: q for q in list_queries()}
    return load_query(name) if name in known else None


def value_text(term: Term) -> str:
    """A term as a form (and ``--param``) writes it: plangraph's IRIs short, others in <…>.

    >>> value_text(URIRef(ID + "organisation/x")), value_text(URIRef("http://e.org/a")), value_text(Literal("CCG"))
    ('id:organisation/x', '<http://e.org/a>', 'CCG')
    """
    text = str(term)
    if isinstance(term, URIRef):
        for namespace, prefix in ((ID, "id:"), (PG, "pg:")):
            if text.startswith(namespace):
                return prefix + text[len(namespace):]
        return f"<{text}>"
    return text


def choices(site: Site, query: Query) -> dict[str, list[Choice] | None]:
    """Each parameter's choices (None: typed in), kept until the store is replaced."""
    def make(_store: object) -> dict[str, list[Choice] | None]:
        offered: dict[str, list[Choice] | None] = {}
        names = query.parameters
        if not names:
            return offered
        result = site.answer(query, {})  # the answer the page shows first, asked once for both
        for name in names:
            if name not in result.columns:
                offered[name] = None
                continue
            label_column = f"{name}Label"
            found: dict[str, str] = {}
            for row in result.rows:
                term = row.get(name)
                if term is None or isinstance(term, BNode):
                    continue
                label = row.get(label_column)
                value = value_text(term)
                if value not in found or (label is not None and found[value] == value):
                    found[value] = str(label) if label is not None else value
                if len(found) >= MOST_CHOICES:
                    break
            for value, shown in found.items():
                if shown == value and isinstance(chosen := parse_term(value), URIRef):
                    found[value] = site.label_of(str(chosen)) or value
            offered[name] = sorted((Choice(v, label) for v, label in found.items()),
                                   key=lambda c: (c.label.casefold(), c.value))
        return offered
    result: dict[str, list[Choice] | None] = site.cached(("choices", query.name), make)
    return result


def params_of(query: Query, form: Mapping[str, str]) -> dict[str, str]:
    """The query's parameters that ``form`` gives a value (others are not bound)."""
    return {name: form[name] for name in query.parameters if form.get(name, "").strip()}


def bound(given: Mapping[str, str]) -> Params:
    """Terms for the given values, read as ``--param`` reads them (UsageError when not valid)."""
    return {name: parse_term(value) for name, value in given.items()}


def answer(site: Site, query: Query, given: Mapping[str, str], offset: int = 0) -> Page:
    """One page of the answer: ``PAGE_ROWS`` rows from row ``offset``."""
    offset = max(0, offset)
    params = bound(given)
    if pages_by_plan(query, params):
        # read plan by plan: a page at once, however many plans the store holds
        result = read_page(OxigraphEngine(site.store()), query, params, PAGE_ROWS + 1, offset)
    else:
        # the whole answer is made before its first row: kept, it gives every other page at once
        answered = site.answer(query, params)
        result = QueryResult(answered.columns, answered.rows[offset:offset + PAGE_ROWS + 1])
    more = len(result.rows) > PAGE_ROWS
    return Page(*_cells(QueryResult(result.columns, result.rows[:PAGE_ROWS])), offset=offset, more=more)


def whole(site: Site, query: Query, given: Mapping[str, str]) -> QueryResult:
    """The whole answer (for the downloads)."""
    return site.answer(query, bound(given))


def _cells(result: QueryResult) -> tuple[list[str], list[list[Cell]]]:
    shown, texts = result_to_table(result)
    rows = []
    for row, line in zip(result.rows, texts):
        cells = []
        for column, text in zip(shown, line):
            term = row.get(column)
            link = href(str(term)) if isinstance(term, URIRef) and not str(term).startswith(PG) else None
            cells.append(Cell(readable_header(text[3:]) if text.startswith("pg:") else text, link))
        rows.append(cells)
    return [readable_header(h) for h in shown], rows


def command_line(query: Query, given: Mapping[str, str], store_dir: Path) -> str:
    """The ``plangraph query`` command that gives the same answer in a terminal."""
    words = ["plangraph", "query", query.name]
    if store_dir != Path("build/store"):
        words += ["--store", str(store_dir)]
    for name, value in given.items():
        words += ["--param", f"{name}={value}"]
    return " ".join(shlex.quote(w) for w in words)
