"""What both table layouts share: header rows, priority headings, the plan record and notes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from plangraph.ingest.document import Document, Line
from plangraph.ingest.layouts import Column, Layout
from plangraph.model.records import Fragment, Note, Plan, Priority, Span
from plangraph.resources import manifest_entry
from plangraph.text import file_slug

__all__ = ["Column", "HeaderMatch", "NOT_READ", "match_header", "plan_record", "row_before_header"]

# Words after which an English sentence cannot stop: a cell ending on one was cut.
FUNCTION_WORDS = frozenset(
    "a an and as at between but by for from in into of on or than that the their to "
    "which who whose with within".split()
)


@dataclass(frozen=True)
class HeaderMatch:
    complete: bool
    found: tuple[str, ...]
    missing: tuple[str, ...]


def match_header(line: Line, columns: Sequence[Column]) -> HeaderMatch | None:
    """How far ``line`` looks like the header row of a layout with ``columns``.

    ``None`` when it does not look like that header at all (fewer than two named
    columns found); otherwise which columns were found and which are missing.
    """
    cells = [c.text for c in line.cells]
    named = [c for c in columns if c.named]
    found = [c.label for c in named if any(c.matches(t) for t in cells if t)]
    if len(found) < 2:
        return None
    others = [t for t in cells if t and not any(c.matches(t) for c in named)]
    if others and len(found) < len(named):
        # Data that happens to mention two column names is not a header.
        return None
    complete = len(found) == len(named) and len(cells) == len(columns) and all(
        col.matches(text) if col.named else not text for col, text in zip(columns, cells)
    )
    missing = tuple(c.label for c in named if c.label not in found)
    return HeaderMatch(complete, tuple(found), missing)


def header_problem(line: Line, columns: Sequence[Column], match: HeaderMatch) -> str:
    printed = " | ".join(c.text for c in line.cells)
    expected = " | ".join(c.label or "(number)" for c in columns)
    if match.missing:
        return (
            f"the table header has no {' or '.join(repr(m) for m in match.missing)} column "
            f"(got: {printed}; expected {len(columns)} columns: {expected})"
        )
    return f"the table header has {len(line.cells)} columns (got: {printed}; expected: {expected})"


def plan_record(doc: Document, layout: str, title_line: Fragment | None) -> Plan:
    """The plan's metadata: from a ``manifest.json`` beside the file, else from the text."""
    entry = manifest_entry(doc.path) if doc.path else None
    entry = entry or {}
    title = entry.get("title") or (title_line.text if title_line else Path(doc.name).stem)
    return Plan(
        file=doc.name,
        slug=entry.get("slug") or file_slug(Path(doc.name).stem),
        layout=layout,
        title=title,
        publisher=entry.get("publisher"),
        area=entry.get("area"),
        period=entry.get("period"),
        sha256=doc.sha256,
        characters=len(doc.text),
        lines=len(doc.lines),
    )


def priority_heading(doc: Document, line: Line, order: int, layout: Layout) -> Priority | None:
    """A heading line of ``layout``'s hierarchy (``Priority N title``) as a :class:`Priority`."""
    cells = [c for c in line.cells if c.text]
    if len(cells) != 1 or layout.headings is None:
        return None
    cell = cells[0]
    match = layout.headings.match(cell.text)
    if not match:
        return None
    title_start = cell.start + match.start("title")
    fragment = doc.fragment([type(cell)(match.group("title"), title_start, cell.end)])
    assert fragment is not None
    return Priority(notation=match.group("notation"), title=fragment, order=order)


def fit_line(line: Line, width: int) -> Line:
    """A grid's row fitted to a layout ``width`` columns wide: empty cells past the last column
    dropped (a sheet's or CSV file's stray empty columns), a row of several cells that stops
    short padded with empty cells (a CSV record whose trailing empty fields were left out).
    Running text (one cell) and rows with text past the last column stay as they are."""
    cells = line.cells
    if len(cells) > width and not any(c.text for c in cells[width:]):
        cells = cells[:width]
    elif 1 < len(cells) < width:
        end = cells[-1].end
        cells = cells + tuple(type(cells[0])("", end, end) for _ in range(width - len(cells)))
    return line if cells is line.cells else replace(line, cells=cells)


# notes of text a reader did not read into records: validation reports each as a warning
NOT_READ = ("row-before-header", "table-not-read", "column-not-read", "row-shape", "row-without-item",
            "row-not-read")


def row_before_header(doc: Document, line: Line) -> Note | None:
    """A note for a table row (two cells or more, and text beyond the first) that stands before
    the table's header row or first heading, which the reader cannot place; ``None`` for
    running text."""
    filled = [c for c in line.cells if c.text]
    if len(line.cells) < 2 or not filled or (len(filled) == 1 and filled[0] is line.cells[0]):
        return None  # running text (in a sheet, typed in its first column)
    text = " | ".join(c.text.replace("\u2028", " / ") for c in filled)
    return Note("row-before-header", f"a table row before the table's header row or first priority heading, not read: "
                f"{text[:80]!r}", doc.span(filled[0].start, filled[-1].end))


def running_text(line: Line) -> bool:
    """A line of one piece of text: a line outside the table, or a row with one cell filled
    (a workbook's title row, which runs across empty cells)."""
    return sum(1 for c in line.cells if c.text) == 1


def note(code: str, message: str, span: Span) -> Note:
    return Note(code, message, span)


def last_word(text: str) -> str:
    words = re.findall(r"[A-Za-z']+", text)
    return words[-1].lower() if words else ""
