"""A plan document's text: decoded strictly, split into lines and tab-separated cells.

Offsets everywhere in plangraph are 0-based code points into :attr:`Document.text`,
the file decoded as UTF-8 with nothing else changed (line ends and a byte-order mark
stay where they are).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from plangraph.errors import ReadError
from plangraph.ingest.grid import Grid, GridCell, GridLine
from plangraph.model.locators import Locator, describe
from plangraph.model.records import CellIndex, Fragment, LineIndex, Span

__all__ = ["Cell", "Line", "Document", "read_document", "parse_document", "join_cells", "grid_document", "HARD_BREAK"]

_WS = re.compile(r"\s+")
# Control characters that never occur in extracted text; \t \n \r and \f (page feed) do.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Cell:
    """One tab-separated cell; ``start``/``end`` bound its text without surrounding blanks."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Line:
    number: int
    start: int
    text: str
    cells: tuple[Cell, ...]
    # what a format reader knew of the line (a text file knows none of it): the table it is a
    # row of (None: running text), the page it stands on, and whether it is printed in bold
    table: int | None = None
    page: int | None = None
    bold: bool = False
    spanning: bool = False  # one cell merged across the table's columns

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \t\f\ufeff")


class Document:
    """The decoded text of one file, with its lines and cells.

    A PDF, Word, Excel or CSV file is read as the text of its grid (:func:`grid_document`):
    one line per table row or running line, its cells joined by tabs, each cell's line
    breaks a space where the text wraps and U+2028 (LINE SEPARATOR) where the format marks a
    hard break; ``index`` then also knows which cell each character came from.
    """

    def __init__(
        self, name: str, text: str, sha256: str, path: Path | None = None, *,
        index: LineIndex | None = None, format: str = "text", notes: tuple[str, ...] = (),
        part: str | None = None,
    ) -> None:
        self.name = text_name(name)
        self.path = path
        self.text = text
        self.sha256 = sha256
        self.index = index or LineIndex(text)
        self.lines = tuple(_split_lines(text))
        self.format = format
        self.notes = notes  # what the format reader noticed (an encoding, a hidden sheet ...)
        self.part = part  # the sheet of a workbook

    def span(self, start: int, end: int) -> Span:
        return self.index.span(self.name, start, end)

    def error(self, line: int | None, problem: str, hint: str | None = None,
              options: Iterable[str] = ()) -> ReadError:
        """An error at ``line`` of the text, named in the file's own terms (``p.5``, ``Plan!C12``)."""
        where = str(self.path or self.name)
        if self.format != "text" and line is not None and 1 <= line <= len(self.lines):
            ln = self.lines[line - 1]
            locators = self.index.locators(ln.start, ln.start + max(len(ln.text), 1))
            if locators:
                return ReadError(where, None, problem, hint=hint, place=describe(locators), options=options)
        return ReadError(where, line, problem, hint=hint, options=options)

    def fragment(self, cells: Iterable[Cell]) -> Fragment | None:
        """Join non-empty cells into one located fragment (``None`` if all are empty)."""
        return join_cells(self, cells)


def text_name(name: str) -> str:
    """A file name as text: the bytes of a name that are not UTF-8 (which Python keeps as lone
    surrogates, and which no graph or page can hold) become U+FFFD.

    >>> text_name("plan.txt"), text_name("bad\\udcffname.txt")
    ('plan.txt', 'bad�name.txt')
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def _split_lines(text: str) -> Iterator[Line]:
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw[:-1] if raw.endswith("\r") else raw
        cells = []
        cell_start = offset
        for piece in body.split("\t"):
            stripped = piece.strip(" \f\ufeff\u00a0")
            lead = len(piece) - len(piece.lstrip(" \f\ufeff\u00a0"))
            start = cell_start + lead
            cells.append(Cell(stripped, start, start + len(stripped)))
            cell_start += len(piece) + 1
        yield Line(number, offset, body, tuple(cells))
        offset += len(raw) + 1


HARD_BREAK = "\u2028"  # a line break the format marks inside a cell (Word paragraphs, Excel Alt+Enter)
_CONTROL = re.compile(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85]")


def grid_document(grid: Grid) -> Document:
    """The text of ``grid``: one line per grid line, cells joined by tabs, each cell located.

    A cell spanning columns is followed by empty cells for the columns it covers, unless
    it is the only cell of its line (a heading across the table).
    """
    pieces: list[str] = []
    regions: list[tuple[int, int, Locator]] = []
    offset = 0
    phantoms = _phantom_columns(grid)
    for line in grid.lines:
        for k, cell in enumerate(_line_cells(line, phantoms.get(line.table or 0, frozenset()))):
            if k:
                pieces.append("\t")
                offset += 1
            if cell is None:
                continue
            text = _cell_text(cell)
            if text:
                regions.append((offset, offset + len(text), cell.locator))
            pieces.append(text)
            offset += len(text)
        pieces.append("\n")
        offset += 1
    text = "".join(pieces)
    doc = Document(grid.name, text, grid.sha256, grid.path, index=CellIndex(text, regions),
                   format=grid.format, notes=grid.notes, part=grid.part)
    described = tuple(
        replace(line, table=g.table, page=g.cells[0].locator.page if g.cells else None,
                bold=bool(filled) and all(c.bold for c in filled),
                spanning=len(g.cells) == 1 and g.cells[0].col_span > 1)
        for line, g in zip(doc.lines, grid.lines)
        for filled in ([c for c in g.cells if c.text.strip()],)
    )
    doc.lines = described + doc.lines[len(described):]
    return doc


def _phantom_columns(grid: Grid) -> dict[int, frozenset[int]]:
    """Per table, the columns that no cell stands in alone: a sliver an exporter left between
    two columns, which cells span into from one side or the other (a header cell spanning it
    and the column after, a data cell the column before and it). Such a column is no column
    of the table; cells are mapped to the columns they stand in alone elsewhere."""
    alone: dict[int, set[int]] = {}
    widths: dict[int, int] = {}
    for line in grid.lines:
        if line.table is None or len(line.cells) < 2:
            continue
        column = 0
        for cell in line.cells:
            if cell.col_span == 1:
                alone.setdefault(line.table, set()).add(column)
            column += cell.col_span
        widths[line.table] = max(widths.get(line.table, 0), column)
    return {t: frozenset(range(w)) - alone.get(t, set()) for t, w in widths.items()
            if 0 < len(alone.get(t, ())) < w}


def _line_cells(line: GridLine, phantoms: frozenset[int] = frozenset()) -> list[GridCell | None]:
    if len(line.cells) == 1:
        return [line.cells[0]]
    out: list[GridCell | None] = []
    column = 0
    for cell in line.cells:
        spanned = sum(1 for c in range(column, column + cell.col_span) if c not in phantoms)
        out.append(cell)
        out.extend([None] * max(0, spanned - 1))
        column += cell.col_span
    return out


def _cell_text(cell: GridCell) -> str:
    """A cell's text on one line: wraps become spaces, hard breaks U+2028, tabs spaces.

    A word a wrap broke at its hyphen is joined again ("self-" / "harm"). A word broken
    without one ("commissione" / "d") is left as printed: a text extracted earlier may hold
    such a gap itself, and nothing in a PDF tells the two apart.
    """
    parts = cell.text.split("\n")
    breaks = cell.breaks if len(cell.breaks) == len(parts) - 1 else (True,) * (len(parts) - 1)
    out = [parts[0]]
    for hard, part in zip(breaks, parts[1:]):
        before = out[-1].rstrip()
        if hard or _LIST_ITEM.match(part):  # a line that starts a list item starts anew
            out.append(HARD_BREAK)
        elif _rejoin(before, part.lstrip()):
            out[-1] = before
            part = part.lstrip()
        else:
            out.append(" ")
        out.append(part)
    return _CONTROL.sub(" ", "".join(out)).strip(" \u2028")


_LIST_ITEM = re.compile(r"\s*(?:[•▪●◦‣\uf0b7\uf0a7\uf076]|[-–]\s)")


def _rejoin(before: str, after: str) -> bool:
    """Did a wrap between ``before`` and ``after`` break a word?

    >>> _rejoin("self-", "harm"), _rejoin("commissione", "d activity"), _rejoin("aged 16-", "18")
    (True, False, False)
    >>> _rejoin("set up -", "New"), _rejoin("give", "a lift"), _rejoin("the", "NHS"), _rejoin("service", "v) Rate")
    (False, False, False, False)
    """
    if not before or not after:
        return False
    if before.endswith("-") and len(before) > 1 and before[-2].isalpha():
        return after[0].islower()
    return False


# whitespace that joining collapses to one space: a run of two or more, or one that is not a space
_COLLAPSE = re.compile(r"\s{2,}|[^\S ]")


def join_cells(doc: Document, cells: Iterable[Cell]) -> Fragment | None:
    """Join cells with single spaces, collapsing runs of whitespace inside each cell."""
    out: list[str] = []
    index: list[int] = []
    parts: list[Span] = []
    for cell in cells:
        if not cell.text:
            continue
        if out:
            out.append(" ")
            index.append(-1)
        text, pos, copied = cell.text, cell.start, 0
        # the text between runs to collapse is copied as it is, offsets and all
        for match in _COLLAPSE.finditer(text):
            out.append(text[copied : match.start()])
            index.extend(range(pos + copied, pos + match.start()))
            out.append(" ")
            index.append(pos + match.start())
            copied = match.end()
        out.append(text[copied:])
        index.extend(range(pos + copied, pos + len(text)))
        parts.append(doc.span(cell.start, cell.end))
    if not parts:
        return None
    return Fragment("".join(out), tuple(parts), tuple(index))


def parse_document(data: bytes, name: str, path: Path | None = None, *,
                   encoding: str | None = None) -> Document:
    """Decode ``data`` as text, or raise a :class:`ReadError` saying why not.

    UTF-8 (a byte-order mark kept as the text's first character) and UTF-16 with a
    byte-order mark are read as they are; text that is not UTF-8 is read as Windows-1252
    (what Word's "save as text" writes), with a note saying so; ``encoding`` names another.
    """
    where = str(path or name)
    notes: list[str] = []
    if not data.strip():
        raise ReadError(where, 1, "the file is empty (expected the text of a plan)")
    if encoding is None and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
        notes.append("read as UTF-16 text (it starts with a UTF-16 byte-order mark)")
    if encoding is None:
        nul = data.find(b"\x00")
        if nul >= 0:
            line = data.count(b"\n", 0, nul) + 1
            raise ReadError(
                where, line, "the file is binary, not text (a NUL byte; expected a plan's text, "
                "PDF, Word, Excel or CSV file)",
                hint="Give the plan as .pdf, .docx, .xlsx, .csv or .txt (the extension says which)",
            )
    # a carriage return alone ends a line too (old Mac files): made a line feed, which keeps
    # every offset where it was
    text = _LONE_CR.sub("\n", _decode(data, where, encoding, notes))
    bad = _BINARY.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ReadError(
            where, line,
            f"the file holds a control character U+{ord(bad.group()):04X} (expected plain text)",
            hint="Give the plan as .pdf, .docx, .xlsx, .csv or .txt (the extension says which)",
        )
    return Document(name, text, hashlib.sha256(data).hexdigest(), path, notes=tuple(notes))


_LONE_CR = re.compile(r"\r(?!\n)")


def _decode(data: bytes, where: str, encoding: str | None, notes: list[str]) -> str:
    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError as err:
            raise ReadError(where, None, f"unknown encoding {encoding!r} (expected a name such as "
                            "utf-8, utf-16 or cp1252)") from err
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            raise ReadError(where, line, f"the file is not {encoding} text (byte 0x{data[err.start]:02x} "
                            f"at byte {err.start})", hint="Name its encoding with `encoding`",
                            options=["encoding"]) from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, utf8_error.start) + 1
        column = utf8_error.start - (data.rfind(b"\n", 0, utf8_error.start) + 1) + 1
        raise ReadError(
            where, line,
            f"the file is not UTF-8 (byte 0x{data[utf8_error.start]:02x} at column {column}) "
            "nor Windows-1252 text (expected text in one of them, or its encoding named)",
            hint="Name its encoding with `encoding`, or re-save it as UTF-8", options=["encoding"],
        ) from err
    line = data.count(b"\n", 0, utf8_error.start) + 1
    notes.append(f"read as Windows-1252 text, not UTF-8 (the first byte that is not UTF-8 is on "
                 f"line {line}); name the encoding with --encoding if that is wrong")
    return text


def read_document(path: Path, *, encoding: str | None = None) -> Document:
    """Read and decode the text file at ``path``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise ReadError(str(path), None, "no such file (expected a plan's text file)") from err
    except IsADirectoryError as err:
        raise ReadError(
            str(path), None, "is a folder, not a file (expected a plan's text file)"
        ) from err
    except OSError as err:
        raise ReadError(
            str(path), None, f"cannot be read ({err.strerror}; expected a readable text file)"
        ) from err
    return parse_document(data, path.name, path, encoding=encoding)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _WS.sub(" ", text).strip()
