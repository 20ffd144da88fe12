"""What the fuzz test checks of every plan it reads: that each non-empty cell of the table a
reader recognised ends in a record or in a note (no silent drop)."""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterator
from typing import Any

from plangraph.ingest import table as _table
from plangraph.ingest.document import Document, Line
from plangraph.ingest.layouts import Layout
from plangraph.model.records import Extraction
from plangraph.model.spans import Span


def walk(value: Any) -> Iterator[Any]:
    """``value`` and everything a record holds, however deep."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from walk(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from walk(item)


def spans(value: object) -> Iterator[Span]:
    """Every span a record holds, however deep."""
    return (v for v in walk(value) if isinstance(v, Span))


def notations(value: object) -> Iterator[str]:
    """Every record's number (``notation``): the cell it came from is read, though no span
    covers it alone."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if field.name in ("notation", "number") and isinstance(item, str):
                yield item
            else:
                yield from notations(item)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from notations(item)


def _is_header(doc: Document, line: Line, layout: Layout) -> bool:
    for columns in layout.header_sets:
        fitted = _table.fit_line(line, len(columns)) if doc.format != "text" else line
        if _table.match_header(fitted, columns) is not None:
            return True
    return False


def silent_drops(doc: Document, ex: Extraction, layout: Layout) -> list[tuple[int, str]]:
    """The cells (line number, text) of table rows at or after the first header row that no
    record and no note covers. A table row is a line of two or more non-empty cells; header
    rows themselves are what the reader matched, not content; a cell holding a record's number,
    in a row whose other cells are covered, is read as that number."""
    numbers = set(notations(ex))
    covered = sorted((s.start, s.end) for s in spans(ex) if s.end > s.start)
    starts = [c[0] for c in covered]
    ends_so_far: list[int] = []
    best = -1
    for _, end in covered:
        best = max(best, end)
        ends_so_far.append(best)

    def is_covered(start: int, end: int) -> bool:
        k = bisect_right(starts, end - 1) - 1  # the last span starting before the cell ends
        return k >= 0 and ends_so_far[k] > start

    drops: list[tuple[int, str]] = []
    seen_header = False
    for line in doc.lines:
        if _is_header(doc, line, layout):
            seen_header = True
            continue
        if not seen_header or sum(1 for c in line.cells if c.text) < 2:
            continue
        missed = [c for c in line.cells if c.text and not is_covered(c.start, c.end)]
        if len(missed) < sum(1 for c in line.cells if c.text):
            missed = [c for c in missed if c.text not in numbers]
        drops.extend((line.number, c.text) for c in missed)
    return drops
