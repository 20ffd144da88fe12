"""The named SPARQL queries (``queries/*.rq``) and query files: find, read and parse them.

A query file opens with comments: the first line names the question it answers
(``# NAME: question``), a ``Parameters:`` heading lists the variables a caller may bind, and
``Paging: plan by plan`` says that its rows are sorted by plan first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plangraph.errors import ReadError, UsageError
from plangraph.resources import asset_dir
from plangraph.store.http import one_line

__all__ = ["Query", "list_queries", "load_query", "page_of", "parse_query", "as_query"]


@dataclass(frozen=True)
class Query:
    """A SPARQL query and where it came from (for error messages)."""

    name: str
    text: str
    path: Path | None = None

    @property
    def source(self) -> str:
        return str(self.path) if self.path else self.name

    @property
    def parameters(self) -> list[str]:
        """The variables the opening comment names under ``Parameters:`` (``?organisation``)."""
        names: list[str] = []
        inside = False
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            body = line[1:].strip()
            if body.startswith("Parameters:"):
                inside = True
            elif inside and not line[1:].startswith("  "):  # the next unindented heading
                break
            if inside:
                names += [n for n in re.findall(r"\?(\w+)", body) if n not in names]
        return names

    @property
    def pages_by_plan(self) -> bool:
        """Whether the opening comment says ``Paging: plan by plan``: the rows are sorted by
        ``?plan`` first (by its IRI's text) and every row names its plan, so a page can be read
        plan by plan (:mod:`plangraph.sparql.paging`)."""
        for line in self.text.splitlines():
            if not line.startswith("#"):
                return False
            if line[1:].strip().startswith("Paging: plan by plan"):
                return True
        return False

    @property
    def summary(self) -> str:
        """The first comment line without ``# NAME:``: the question the query answers."""
        for line in self.text.splitlines():
            if line.startswith("#"):
                first = line.lstrip("#").strip()
                prefix = f"{self.name}:"
                return first[len(prefix):].strip() if first.startswith(prefix) else first
            if line.strip():
                break
        return ""


def as_query(query: Query | str) -> Query:
    """``query``, or a Query of the text ``query`` (named ``<query>`` in messages)."""
    return query if isinstance(query, Query) else Query(name="<query>", text=query)


def list_queries() -> list[Query]:
    """The bundled named queries, sorted by name."""
    return [_read(path, path.stem) for path in sorted(asset_dir("queries").glob("*.rq"))]


def load_query(name_or_path: str | Path) -> Query:
    """A named query (``who-leads-what``) or a query file (``mine.rq``)."""
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith(".rq") or "/" in text or "\\" in text:
        path = Path(name_or_path)
        if not path.is_file():
            raise ReadError(str(path), None, "no such query file (expected a SPARQL .rq file)")
        return _read(path, path.stem)
    path = asset_dir("queries") / f"{text}.rq"
    if not path.is_file():
        names = ", ".join(q.name for q in list_queries())
        raise UsageError(f"no named query {text!r} (expected one of: {names}; or a path to a .rq file)")
    return _read(path, text)


def _read(path: Path, name: str) -> Query:
    try:
        return Query(name=name, text=path.read_text(encoding="utf-8"), path=path)
    except (OSError, UnicodeDecodeError) as err:
        raise ReadError(str(path), None, f"cannot read the query ({err})") from err


def parse_query(query: Query | str) -> Any:
    """Parse the query with rdflib; raise ReadError at its line if it is not SPARQL 1.1.

    Returns rdflib's prepared query, which ``run_query`` evaluates without parsing again.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    q = as_query(query)
    try:
        return prepareQuery(q.text)
    except ParseException as err:
        near = err.line.strip()
        raise ReadError(q.source, err.lineno, f"SPARQL syntax error at column {err.col} "
                        f"({err.msg}) in {one_line(near, 80)!r}") from err
    except Exception as err:  # rdflib raises plain exceptions for some bad queries (unknown prefix)
        raise ReadError(q.source, _prefix_line(q.text, str(err)), f"SPARQL error: {one_line(err)}") from err


def _prefix_line(text: str, message: str) -> int | None:
    """The first line that uses the undeclared prefix rdflib complains of (it gives no line)."""
    unknown = re.search(r"Unknown namespace prefix : (\w*)", message)
    if unknown is None:
        return None
    use = re.compile(rf"(?<![\w?$]){re.escape(unknown.group(1))}:")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.lstrip().startswith("#") and use.search(line):
            return number
    return None


_TAIL_MODIFIER = re.compile(r"\b(LIMIT|OFFSET|VALUES)\b|<", re.IGNORECASE)
_TRAILING_VALUES = re.compile(r"\bVALUES\s*(\?\w+|\([^)]*\))\s*\{[^{}]*\}\s*$", re.IGNORECASE)


def page_of(query: Query, limit: int | None, offset: int) -> tuple[Query, bool]:
    """``query`` asking for ``limit`` rows from row ``offset`` (0 the first), and whether the
    engine was asked (True) or the rows are to be cut from the whole answer (False: the query
    ends with its own LIMIT, OFFSET or VALUES, which a second one cannot follow).

    >>> paged, asked = page_of(Query("q", "SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x"), 10, 20)
    >>> asked, paged.text.split("}")[-1].split()
    (True, ['ORDER', 'BY', '?x', 'LIMIT', '10', 'OFFSET', '20'])
    >>> page_of(Query("q", "SELECT ?x WHERE { ?x ?p ?o } LIMIT 5"), 10, 0)[1]
    False
    """
    if limit is None and offset == 0:
        return query, True
    tail = query.text.rsplit("}", 1)[-1]
    if ("}" not in query.text or _TAIL_MODIFIER.search(re.sub(r"#[^\n]*", "", tail))
            or _TRAILING_VALUES.search(query.text)):
        return query, False
    extra = (f"\nLIMIT {limit}" if limit is not None else "") + (f"\nOFFSET {offset}" if offset else "")
    return Query(query.name, query.text.rstrip() + extra + "\n", query.path), True
