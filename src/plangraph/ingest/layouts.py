"""Layout files: which header cells mean which column, and the patterns that start a row.

A layout is a YAML file checked against ``layouts/layout.schema.json`` (both ship with
plangraph; the bundled layouts sit in the top-level ``layouts/`` folder). What a file
cannot say stays Python: the layout names its *reader*, the row assembler that turns the
table's rows into records, and each column's *role* in it.

>>> sorted(bundled_layouts())
['action-plan', 'kent-priorities-actions', 'review-table']
>>> layout = bundled_layouts()["review-table"]
>>> [c.label for c in layout.columns], layout.reader
(['(number)', 'Key activities', 'Evidence source', 'Evidence of achievement'], 'review-table')
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from plangraph.errors import ReadError, UsageError
from plangraph.ingest.document import Cell, Line
from plangraph.resources import asset_dir

__all__ = ["Column", "Layout", "Table", "bundled_layouts", "load_layout", "resolve_layout", "SCHEMA_FILE"]

SCHEMA_FILE = "layout.schema.json"


@dataclass(frozen=True)
class Column:
    """One column of a layout: its role, its name in messages and its header pattern."""

    label: str
    pattern: re.Pattern[str]
    named: bool = True  # False for a column whose header cell is printed empty
    role: str = "ignore"

    def matches(self, text: str) -> bool:
        """Does a header cell's text match? As printed (blanks collapsed, lower case), or with
        its blanks removed against the pattern without its blanks: a header word broken across
        lines ("Shared Outcom e", "Timescal e") still matches."""
        printed = " ".join(text.lower().split())
        if self.pattern.search(printed):
            return True
        return bool(_squeezed(self.pattern).search(printed.replace(" ", "")))



@functools.lru_cache(maxsize=None)
def _squeezed(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""``pattern`` with its blanks (a space, ``\s+``, ``\s*``, ``\s``) taken out."""
    source = re.sub(r"\\s[+*?]?| ", "", pattern.pattern)
    try:
        return re.compile(source, pattern.flags)
    except re.error:
        return re.compile("(?!)")


@dataclass(frozen=True)
class Table:
    """One kind of table of an items layout: what its rows are, and its columns."""

    kind: str
    columns: tuple[Column, ...]

    def cell(self, line: Line, role: str) -> Cell | None:
        """The cell of ``line`` in the column holding ``role`` (None: the table has none)."""
        for column, cell in zip(self.columns, line.cells):
            if column.role == role:
                return cell
        return None

    @property
    def expected(self) -> str:
        return " | ".join(c.label for c in self.columns)


@dataclass(frozen=True)
class Layout:
    """A layout read from its file."""

    name: str
    title: str
    reader: str
    columns: tuple[Column, ...]  # the (first) table's columns
    headings: re.Pattern[str] | None
    patterns: dict[str, re.Pattern[str]]
    source: Path
    tables: tuple[Table, ...] = ()  # the items reader's kinds of table
    page_titles: tuple[re.Pattern[str], str] | None = None  # (pattern, heading level)
    spanning: tuple[tuple[str, str], ...] = ()  # ("bold"|"regular", level or "preamble")
    codes: tuple[re.Pattern[str], str] | None = None  # (pattern, canonical form)

    @property
    def header_sets(self) -> tuple[tuple[Column, ...], ...]:
        """Every header row the layout recognises (one per kind of table)."""
        return tuple(t.columns for t in self.tables) or (self.columns,)

    def position(self, role: str) -> int:
        """The 0-based column holding ``role`` (the layout has been checked to have it)."""
        return next(i for i, c in enumerate(self.columns) if c.role == role)

    def cells(self, line: Line, roles: Sequence[str]) -> tuple[Cell, ...]:
        """The cells of ``line`` holding ``roles``, in that order."""
        return tuple(line.cells[self.position(role)] for role in roles)

    def ignored(self, line: Line) -> tuple[tuple[Column, Cell], ...]:
        """The non-empty cells of ``line`` in columns the reader does not read."""
        return tuple((c, cell) for c, cell in zip(self.columns, line.cells)
                     if c.role == "ignore" and cell.text)

    def pattern(self, name: str) -> re.Pattern[str]:
        return self.patterns[name]

    @property
    def expected(self) -> str:
        """The header row as messages print it: ``Outcomes | Performance measures | ...``."""
        return " or ".join(" | ".join(c.label for c in cols) for cols in self.header_sets)


# The roles and patterns each reader needs (checked when a layout is loaded).
READER_NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "action-plan": (("outcome", "measures", "update", "lead"), ("outcome-code", "plan-wide")),
    "review-table": (("number", "activity", "sources", "evidence"), ("item-number",)),
    "items": ((), ()),
}


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((asset_dir("layouts") / SCHEMA_FILE).read_text(encoding="utf-8"))
    return data


def _compile(where: str, key: str, pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise ReadError(where, None, f"{key}: the pattern {pattern!r} is not a valid regular "
                        f"expression ({err})") from err


def load_layout(path: Path) -> Layout:
    """Read and check the layout file at ``path``; a :class:`ReadError` names what is wrong."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise ReadError(where, None, "no such layout file") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ReadError(where, None, f"cannot be read as a UTF-8 layout file ({err})") from err
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise ReadError(where, line, f"not valid YAML ({problem})") from err
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        at = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise ReadError(where, None, f"{at}: {first.message} (see layouts/{SCHEMA_FILE})")
    return _layout(data, path)


def _columns(where: str, at: str, given: list[dict[str, Any]]) -> tuple[Column, ...]:
    columns = []
    for k, col in enumerate(given):
        pattern = _compile(where, f"{at}/{k}/header", "|".join(f"(?:{p})" for p in col["header"]))
        columns.append(Column(col.get("label", col["role"]), pattern, not col.get("printed-empty", False),
                              col["role"]))
    roles = [c.role for c in columns if c.role != "ignore"]
    doubled = sorted({r for r in roles if roles.count(r) > 1})
    if doubled:
        raise ReadError(where, None, f"{at}: the role {doubled[0]!r} is given to two columns")
    return tuple(columns)


_TABLE_NEEDS = {"code-key": ("code", "title")}


def _tables(where: str, data: dict[str, Any]) -> tuple[Table, ...]:
    tables = []
    for k, table in enumerate(data.get("tables", [])):
        columns = _columns(where, f"tables/{k}/columns", table["columns"])
        roles = {c.role for c in columns}
        for role in _TABLE_NEEDS.get(table["kind"], ("item",)):
            if role not in roles:
                raise ReadError(where, None, f"tables/{k}: the {table['kind']} table needs a column with "
                                f"role {role!r} (roles given: {', '.join(sorted(roles))})")
        tables.append(Table(table["kind"], columns))
    return tuple(tables)


def _layout(data: dict[str, Any], path: Path) -> Layout:
    where = str(path)
    tables = _tables(where, data)
    columns = tables[0].columns if tables else _columns(where, "columns", data["columns"])
    roles = [c.role for c in columns if c.role != "ignore"]
    needed_roles, needed_patterns = READER_NEEDS[data["reader"]]
    missing = [r for r in needed_roles if r not in roles]
    if missing:
        raise ReadError(where, None, f"columns: the {data['reader']} reader needs a column with role "
                        f"{missing[0]!r} (roles given: {', '.join(roles)})")
    patterns = {name: _compile(where, f"patterns/{name}", p) for name, p in data.get("patterns", {}).items()}
    absent = [p for p in needed_patterns if p not in patterns]
    if absent:
        raise ReadError(where, None, f"patterns: the {data['reader']} reader needs the pattern {absent[0]!r}")
    heading = data.get("hierarchy", {}).get("headings")
    headings = _compile(where, "hierarchy/headings", heading) if heading else None
    if headings is not None and not {"notation", "title"} <= set(headings.groupindex):
        raise ReadError(where, None, "hierarchy/headings: the pattern needs the named groups "
                        "(?P<notation>...) and (?P<title>...)")
    hierarchy = data.get("hierarchy", {})
    titles = hierarchy.get("page-titles")
    page_titles = None
    if titles:
        page_titles = (_compile(where, "hierarchy/page-titles/pattern", titles["pattern"]), titles["level"])
        if "title" not in page_titles[0].groupindex:
            raise ReadError(where, None, "hierarchy/page-titles/pattern: the pattern needs the named "
                            "group (?P<title>...)")
    spanning = tuple(sorted(hierarchy.get("spanning-rows", {}).items()))
    codes = None
    if "codes" in data:
        codes = (_compile(where, "codes/pattern", data["codes"]["pattern"]), data["codes"]["canonical"])
        if "number" not in codes[0].groupindex:
            raise ReadError(where, None, "codes/pattern: the pattern needs the named group (?P<number>...)")
    return Layout(data["name"], data["title"], data["reader"], columns, headings, patterns, path,
                  tables, page_titles, spanning, codes)


@functools.lru_cache(maxsize=1)
def bundled_layouts() -> dict[str, Layout]:
    """The layouts that ship with plangraph, by name."""
    found: dict[str, Layout] = {}
    for path in sorted(asset_dir("layouts").glob("*.yaml")):
        layout = load_layout(path)
        found[layout.name] = layout
    return found


def resolve_layout(name_or_file: str) -> Layout:
    """A bundled layout by name, or the layout file at a path (``.yaml``/``.yml``)."""
    if name_or_file.lower().endswith((".yaml", ".yml")) or "/" in name_or_file or "\\" in name_or_file:
        return load_layout(Path(name_or_file))
    layouts = bundled_layouts()
    if name_or_file not in layouts:
        raise UsageError(f"unknown layout {name_or_file!r} (expected one of: {', '.join(sorted(layouts))}, "
                         "or a layout file ending .yaml)")
    return layouts[name_or_file]
