"""Read a PDF into a :class:`~plangraph.ingest.grid.Grid`: its ruled tables and the text around.

pdfplumber's line-based table finder gives each table's cell boxes; every character is put in
the cell that holds its centre (not the box it overlaps: titles overlap tables), once per page.
A cell's lines are pdfplumber's words grouped by line; each break between two lines is a wrap
when the next line's first word would not have fitted on the line before, else a hard break.
Columns (and rows) thinner than a few points that hold no character are an exporter's slivers
and are dropped without moving the other cells. Text outside every table becomes running-text
lines, merged with the table rows by their vertical position. White boxes on a white page draw
no ruling (see :mod:`.pdf_rulings`), and a table whose rows read as the lines of one text is
noted.
"""

from __future__ import annotations

import hashlib
import heapq
import io
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.utils.clustering import cluster_objects
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from pdfplumber.utils.text import extract_words

from plangraph.errors import ReadError
from plangraph.ingest.formats.pdf_rulings import split_rows, split_rows_note, table_finder
from plangraph.ingest.grid import Grid, GridCell, GridLine, Locator

__all__ = ["read_pdf"]

Char = dict[str, Any]
Box = tuple[float, float, float, float]

SLIVER = 4.0  # points: a column or row this thin holding no character is an exporter's artefact
LINE_TOLERANCE = 3.0  # points: characters whose tops differ less stand on one line
SPACE = 0.25  # a blank's width, in ems: the gap the next word would have needed
# a gap between two characters wider than this share of their size is a space between words:
# pdfplumber's default (3 points whatever the size) joins words set in a small font whose
# exporter wrote no space character ("work withcommunity", "–both" in 8-point text)
WORD_GAP = 0.2


@dataclass
class _Line:
    """One line of text: its words (pdfplumber word dicts, left to right) and characters."""

    words: list[Char]
    chars: list[Char]

    @property
    def text(self) -> str:
        return " ".join(word["text"] for word in self.words)

    @property
    def box(self) -> Box:
        return (min(w["x0"] for w in self.words), min(w["top"] for w in self.words),
                max(w["x1"] for w in self.words), max(w["bottom"] for w in self.words))


@dataclass
class _Cell:
    """One cell box of a table, its place in the table's grid and the characters it holds."""

    box: Box
    rows: range
    cols: range
    chars: list[Char] = field(default_factory=list)


def _dedupe(chars: list[Char]) -> list[Char]:
    """``chars`` without the copies drawn over themselves (a fake bold, a shadow): the same
    character at the same place, to a tenth of a point. pdfplumber's own ``dedupe_chars``
    does the same with a tolerance but costs seconds on a long document."""
    seen: set[tuple[str, float, float]] = set()
    out = []
    for char in chars:
        key = (char["text"], round(char["x0"], 1), round(char["top"], 1))
        if key not in seen:
            seen.add(key)
            out.append(char)
    return out


def _lines(chars: list[Char]) -> list[_Line]:
    """``chars`` as lines of words, top to bottom (pdfplumber's own word and line grouping)."""
    if not chars:
        return []
    words = extract_words(chars, return_chars=True, x_tolerance_ratio=WORD_GAP)
    out = []
    for group in cluster_objects(words, lambda w: w["top"], LINE_TOLERANCE):
        group.sort(key=lambda w: w["x0"])
        out.append(_Line(group, [c for w in group for c in w["chars"]]))
    return out


def _style(chars: list[Char]) -> tuple[bool, bool]:
    """Bold and italic: whether most of the visible characters' font names say so."""
    names = [str(c.get("fontname", "")).lower() for c in chars if not c["text"].isspace()]
    half = len(names) / 2
    bold = sum("bold" in n for n in names)
    italic = sum("italic" in n or "oblique" in n for n in names)
    return bool(names) and bold > half, bool(names) and italic > half


def _paragraph_change(line: _Line, after: _Line) -> bool | None:
    """In a tagged PDF each paragraph is a marked-content sequence of its own: whether the
    next line starts a new one (``None`` where the characters carry no such mark)."""
    last, first = line.chars[-1].get("mcid"), after.chars[0].get("mcid")
    if last is None or first is None:
        return None
    return bool(last != first)


def _breaks(lines: list[_Line], box: Box) -> tuple[bool, ...]:
    """For each break between two lines: in a tagged PDF, hard where a new paragraph starts;
    otherwise hard unless the next line's first word would not have fitted on the line before
    (a wrap). The text inset is taken from the narrower of the cell's two margins, so left,
    centred and right alignment all work."""
    if len(lines) < 2:
        return ()
    boxes = [line.box for line in lines]
    inset = max(0.0, min(min(b[0] for b in boxes) - box[0], box[2] - max(b[2] for b in boxes)))
    out = []
    for line, after, lbox in zip(lines, lines[1:], boxes):
        tagged = _paragraph_change(line, after)
        if tagged is not None:
            out.append(tagged)
            continue
        first = after.words[0]
        size = float(first["chars"][0].get("size", first["bottom"] - first["top"]))
        # where the line would have ended with the next word on it (a line indented under a
        # bullet has less room than the cell's width)
        reach = lbox[2] + SPACE * size + (first["x1"] - first["x0"])
        out.append(reach <= box[2] - inset)
    return tuple(out)


def _cell_text(chars: list[Char], box: Box) -> tuple[str, tuple[bool, ...]]:
    lines = _lines(chars)
    return "\n".join(line.text for line in lines), _breaks(lines, box)


class _Table:
    """One table found on a page: its grid of column and row edges and its cells.

    pdfplumber gives cell boxes; the grid's edges are their distinct left and top edges (and
    the table's right and bottom), so a merged cell covers several places of the grid.
    """

    def __init__(self, boxes: list[Box]) -> None:
        self.xs = sorted({round(b[0], 2) for b in boxes}) + [round(max(b[2] for b in boxes), 2)]
        self.ys = sorted({round(b[1], 2) for b in boxes}) + [round(max(b[3] for b in boxes), 2)]
        self.box: Box = (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])
        self.cells = [_Cell(b, self._span(self.ys, b[1], b[3]), self._span(self.xs, b[0], b[2]))
                      for b in boxes]
        self.owner: dict[tuple[int, int], _Cell] = {}
        for cell in self.cells:
            for r in cell.rows:
                for c in cell.cols:
                    self.owner.setdefault((r, c), cell)
        for r in range(len(self.ys) - 1):  # places no cell box covers: a cell of their own
            for c in range(len(self.xs) - 1):
                if (r, c) not in self.owner:
                    hole = _Cell((self.xs[c], self.ys[r], self.xs[c + 1], self.ys[r + 1]),
                                 range(r, r + 1), range(c, c + 1))
                    self.cells.append(hole)
                    self.owner[(r, c)] = hole
        self.filled_rows: set[int] = set()
        self.filled_cols: set[int] = set()

    @staticmethod
    def _span(edges: list[float], start: float, end: float) -> range:
        first = bisect_left(edges, round(start, 2) - 0.01)
        last = bisect_left(edges, round(end, 2) - 0.5)
        return range(first, max(last, first + 1))

    def take(self, char: Char, x: float, y: float) -> bool:
        """Put ``char`` (centre ``x``, ``y``) in the cell holding it; ``False`` if outside."""
        if not (self.box[0] <= x < self.box[2] and self.box[1] <= y < self.box[3]):
            return False
        r, c = bisect_right(self.ys, y) - 1, bisect_right(self.xs, x) - 1
        self.owner[(r, c)].chars.append(char)
        self.filled_rows.add(r)
        self.filled_cols.add(c)
        return True

    def _kept(self, edges: list[float], filled: set[int]) -> list[int]:
        return [i for i in range(len(edges) - 1)
                if i in filled or edges[i + 1] - edges[i] >= SLIVER]

    def grid_lines(self, page: int, number: int) -> list[tuple[float, GridLine]]:
        """The table's rows as grid lines, each with its top (for merging with the text)."""
        rows, cols = self._kept(self.ys, self.filled_rows), self._kept(self.xs, self.filled_cols)
        out = []
        for r in rows:
            cells = []
            for c in cols:
                cell = self.owner[(r, c)]
                cell_rows = [i for i in rows if i in cell.rows]
                cell_cols = [i for i in cols if i in cell.cols]
                if c != cell_cols[0]:
                    continue  # a place of a cell spanning columns, which stands once
                if r != cell_rows[0]:
                    box = (cell.box[0], self.ys[r], cell.box[2], self.ys[r + 1])
                    cells.append(GridCell("", _locator(page, box), col_span=len(cell_cols),
                                          covered=True))
                    continue
                text, breaks = _cell_text(cell.chars, cell.box)
                bold, italic = _style(cell.chars)
                cells.append(GridCell(text, _locator(page, cell.box), breaks, len(cell_rows),
                                      len(cell_cols), bold, italic))
            out.append((self.ys[r], GridLine(tuple(cells), number)))
        return out


def _locator(page: int, box: Box) -> Locator:
    return Locator("pdf", page=page, box=(round(box[0], 2), round(box[1], 2),
                                          round(box[2], 2), round(box[3], 2)))


def _page_lines(page: Page, number: int, first_table: int) -> tuple[list[GridLine], int, bool]:
    """The grid lines of one page in reading order, how many tables it holds, and whether the
    rows of one of them look like the lines of one text (:func:`split_rows`)."""
    chars = _dedupe(page.chars)
    ruled, settings = table_finder(page)  # without the white boxes that draw nothing
    tables = sorted((_Table(list(found.cells)) for found in ruled.find_tables(settings)),
                    key=lambda table: (table.box[1], table.box[0]))
    outside: list[Char] = []
    for char in chars:
        x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        if not any(table.take(char, x, y) for table in tables):
            outside.append(char)
    rows: list[tuple[float, GridLine]] = []
    count = 0
    split = False
    for table in tables:
        if not table.filled_rows:
            continue  # a ruled box with nothing in it: a drawing, not a table
        count += 1
        found = table.grid_lines(number, first_table + count - 1)
        rows.extend(found)
        split = split or split_rows([[cell.text for cell in line.cells] for _, line in found])
    text: list[tuple[float, GridLine]] = []
    for line in _lines(outside):
        box = line.box
        bold, italic = _style(line.chars)
        cell = GridCell(line.text, _locator(number, box), bold=bold, italic=italic)
        text.append((box[1], GridLine((cell,))))
    merged = heapq.merge(text, rows, key=lambda item: item[0])
    return [line for _, line in merged], count, split


def _open_error(err: Exception, where: str, page: int) -> ReadError:
    """The one-line error for a PDF that pdfminer cannot open, or parse at ``page`` (0: the
    document itself)."""
    place = f"p.{page}" if page else None
    cause = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    if isinstance(cause, PDFEncryptionError):
        return ReadError(where, None, "the PDF is encrypted (expected an unprotected PDF)",
                         hint="Open it with its password and save an unprotected copy",
                         place=place)
    detail = str(cause) or type(cause).__name__
    return ReadError(where, None, f"is not a readable PDF ({detail})",
                     hint="Check that the file is a whole, undamaged PDF", place=place)


def read_pdf(data: bytes, path: Path) -> Grid:
    """Read the PDF whose bytes are ``data`` (from ``path``) into one grid.

    Raises :class:`ReadError` when the file is not a PDF, is encrypted, or has no text layer.
    """
    where = str(path)
    if b"%PDF" not in data[:1024]:
        raise ReadError(where, None, "is not a readable PDF (no %PDF header)",
                        hint="Check that the file is a PDF and not another file renamed")
    lines: list[GridLine] = []
    notes: list[str] = []
    split_pages: list[int] = []
    tables = number = 0
    any_text = False
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if not page.chars:
                    if page.images:
                        notes.append(f"p.{number} has no text layer (a scanned image?)")
                    page.close()
                    continue
                any_text = True
                found, count, split = _page_lines(page, number, tables + 1)
                if split:
                    split_pages.append(number)
                lines.extend(found)
                tables += count
                page.close()
    except (PdfminerException, PSException, MalformedPDFException) as err:
        raise _open_error(err, where, number) from err
    if not any_text:
        raise ReadError(where, None, "the PDF has no text layer (a scanned image?)",
                        hint="Run OCR on it first (e.g. ocrmypdf) and give the OCR'd PDF")
    if split_pages:
        notes.append(split_rows_note(split_pages))
    return Grid(path.name, path, hashlib.sha256(data).hexdigest(), "pdf", tuple(lines),
                notes=tuple(notes))
