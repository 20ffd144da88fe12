"""Read a Word document (.docx) into a :class:`~plangraph.ingest.grid.Grid`.

The body is walked in order, paragraphs and tables interleaved, so running text keeps its
place around the tables. A table cell's text is its paragraphs, one per line; every line
break in Word is a hard one (paragraph ends and ``<w:br/>`` alike; Word's own wraps are not in
the file). python-docx repeats a merged cell's object across its span, so merges are found by
comparing the underlying ``<w:tc>`` elements: along a row (a span of columns) and with the
row above (a vertical merge).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from plangraph.errors import ReadError
from plangraph.ingest.formats.docx_numbering import Numbering
from plangraph.ingest.grid import Grid, GridCell, GridLine, Locator

__all__ = ["read_docx"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .doc, or an encrypted .docx


def _effective(run: Run, paragraph: Paragraph, name: str) -> bool:
    """Whether ``run`` is bold/italic (``name``): its own setting, else its character
    style's, else its paragraph style's (each style following its base styles)."""
    value: bool | None = getattr(run.font, name)
    styles = [run.style, paragraph.style]
    for style in styles:
        while value is None and style is not None:
            value = getattr(style.font, name)
            style = style.base_style
    return bool(value)


def _runs(paragraph: Paragraph) -> list[Run]:
    """The runs of ``paragraph``, including those inside hyperlinks, in order."""
    runs: list[Run] = []
    for item in paragraph.iter_inner_content():
        runs.extend(item.runs if isinstance(item, Hyperlink) else [item])
    return runs


class _Text:
    """Lines of text gathered from paragraphs, with the character counts that set the style.
    A paragraph of a numbered list starts with the number Word prints before it ("1.1")."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.lines: list[str] = []
        self.chars = 0
        self.bold = 0
        self.italic = 0

    def add(self, paragraph: Paragraph) -> None:
        label = self.numbering.label(paragraph)  # counted even when the paragraph is empty
        text = paragraph.text.strip()
        if not text:
            return
        self.lines.append(f"{label}\t{text}" if label else text)
        for run in _runs(paragraph):
            size = len(run.text.strip())
            self.chars += size
            self.bold += size * _effective(run, paragraph, "bold")
            self.italic += size * _effective(run, paragraph, "italic")

    def add_cell(self, cell: _Cell) -> None:
        for item in cell.iter_inner_content():
            if isinstance(item, Paragraph):
                self.add(item)
            else:  # a nested table: its cells' text, row by row
                for places in _places(item):
                    seen: set[int] = set()
                    for place in places:
                        if place is not None and id(place._tc) not in seen:
                            seen.add(id(place._tc))
                            self.add_cell(place)

    def cell(self, locator: Locator, row_span: int = 1, col_span: int = 1) -> GridCell:
        text = "\n".join(self.lines)
        return GridCell(text, locator, (True,) * text.count("\n"), row_span, col_span,
                        self.bold * 2 > self.chars > 0, self.italic * 2 > self.chars > 0)


def _places(table: Table) -> list[list[_Cell | None]]:
    """Each row's cells, one per grid column (``None`` where a row starts late or ends early)."""
    rows = []
    for row in table.rows:
        places: list[_Cell | None] = [None] * row.grid_cols_before
        places.extend(row.cells)
        rows.append(places)
    width = max([len(table.columns)] + [len(places) for places in rows])
    return [places + [None] * (width - len(places)) for places in rows]


def _same(a: _Cell | None, b: _Cell | None) -> bool:
    return a is not None and b is not None and a._tc is b._tc


def _table_lines(table: Table, number: int, numbering: Numbering) -> list[GridLine]:
    """The rows of body table ``number`` as grid lines, merged cells spanning their places."""
    grid = _places(table)
    out = []
    for r, places in enumerate(grid):
        cells = []
        for c, place in enumerate(places):
            locator = Locator("docx", table=number, row=r + 1, column=c + 1)
            if c and _same(places[c - 1], place):
                continue  # a column of a cell spanning columns, which stands once
            span = 1
            while c + span < len(places) and _same(places[c + span], place):
                span += 1
            if place is None:
                cells.append(GridCell("", locator))
            elif r and _same(grid[r - 1][c], place):
                cells.append(GridCell("", locator, col_span=span, covered=True))
            else:
                down = 1
                while r + down < len(grid) and _same(grid[r + down][c], place):
                    down += 1
                text = _Text(numbering)
                text.add_cell(place)
                cells.append(text.cell(locator, down, span))
        out.append(GridLine(tuple(cells), number))
    return out


def _open(data: bytes, where: str) -> Document:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError(where, None, "the Word document is encrypted (expected an "
                            "unprotected .docx)", hint="Save an unprotected copy")
        raise ReadError(where, None, "is an old Word .doc document (expected .docx)",
                        hint="Open it in Word or LibreOffice and save it as .docx")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, PackageNotFoundError) as err:
        detail = str(err).strip("'\"") or type(err).__name__
        raise ReadError(where, None, f"is not a readable Word document ({detail})",
                        hint="Check that the file is a whole .docx saved by Word") from err


def read_docx(data: bytes, path: Path) -> Grid:
    """Read the Word document whose bytes are ``data`` (from ``path``) into one grid.

    Running paragraphs are located by their number among the body's paragraphs (empty
    ones count but give no line); tables by their number among the body's tables.
    """
    where = str(path)
    document = _open(data, where)
    numbering = Numbering(document)
    lines: list[GridLine] = []
    paragraphs = tables = 0
    try:
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                paragraphs += 1
                text = _Text(numbering)
                text.add(item)
                if text.lines:
                    lines.append(GridLine((text.cell(Locator("docx", paragraph=paragraphs)),)))
            else:
                tables += 1
                lines.extend(_table_lines(item, tables, numbering))
    except (KeyError, ValueError, SyntaxError) as err:
        raise ReadError(where, None, f"is not a readable Word document ({err})",
                        hint="Check that the file is a whole .docx saved by Word") from err
    return Grid(path.name, path, hashlib.sha256(data).hexdigest(), "docx", tuple(lines))
