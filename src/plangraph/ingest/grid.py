"""One grid for every format: the lines and table rows of a document, each cell located.

A format reader (:mod:`plangraph.ingest.formats`) turns a file into a :class:`Grid`: its
lines in reading order, each either one row of a table (its cells in column order) or one
line of running text outside any table (a single cell, ``table`` ``None``). Each cell
keeps its text with its line breaks (``"\\n"``; ``breaks`` says for each whether the
format marks it a hard break or it is a wrap), its spans, its style where the format has
one, and a :class:`Locator`: where it stands in the file, in the file's own terms.

A cell covered by a merged cell above it is given as an empty cell with ``covered``
set, so that every row of a table has one cell per column; a cell spanning columns
stands once, with ``col_span`` (the columns it covers are not repeated).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plangraph.model.locators import Locator, column_letters

__all__ = ["Locator", "GridCell", "GridLine", "Grid", "column_letters"]


@dataclass(frozen=True)
class GridCell:
    """One cell: its text (line breaks as ``\\n``) and where it stands."""

    text: str
    locator: Locator
    breaks: tuple[bool, ...] = ()  # one per "\n" in text: True a hard break, False a wrap
    row_span: int = 1
    col_span: int = 1
    bold: bool = False
    italic: bool = False
    covered: bool = False  # the empty place of a cell that a merged cell above covers


@dataclass(frozen=True)
class GridLine:
    """One table row (``table`` its 1-based number in the file) or one line of running text."""

    cells: tuple[GridCell, ...]
    table: int | None = None


@dataclass(frozen=True)
class Grid:
    """A document read by a format reader: its lines, and what the reader noticed."""

    name: str  # the file's name, as locations print it
    path: Path | None
    sha256: str  # of the file's bytes
    format: str  # "text", "pdf", "docx", "xlsx", "csv"
    lines: tuple[GridLine, ...]
    part: str | None = None  # the sheet of a workbook this grid holds
    notes: tuple[str, ...] = field(default=())  # e.g. "read as Windows-1252"
