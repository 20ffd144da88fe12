"""A page of a long listing (issue 18): ``query --limit N --offset M`` gives exactly the rows M
to M+N of the whole answer, for every named query; the engine is asked for the page, or, for a
query that ends in its own LIMIT or VALUES, the page is cut from its rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from plangraph.cli import main
from plangraph.sparql import list_queries
from plangraph.sparql.catalogue import Query, page_of


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
