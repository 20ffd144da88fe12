"""A plan document's text: decoded strictly, split into lines and tab-separated cells.

Offsets everywhere in plangraph are 0-based code points into :attr:`Document.text`,
the file decoded as UTF-8 with nothing else changed (line ends and a byte-order mark
stay where they are).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from plangraph.errors import ReadError
from plangraph.model.records import Fragment, LineIndex, Span

__all__ = ["Cell", "Line", "Document", "read_document", "parse_document", "join_cells"]

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

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \t\f\ufeff")


class Document:
    """The decoded text of one file, with its lines and cells."""

    def __init__(self, name: str, text: str, sha256: str, path: Path | None = None) -> None:
        self.name = name
        self.path = path
        self.text = text
        self.sha256 = sha256
        self.index = LineIndex(text)
        self.lines = tuple(_split_lines(text))

    def span(self, start: int, end: int) -> Span:
        return self.index.span(self.name, start, end)

    def error(self, line: int | None, problem: str, hint: str | None = None) -> ReadError:
        return ReadError(str(self.path or self.name), line, problem, hint=hint)

    def fragment(self, cells: Iterable[Cell]) -> Fragment | None:
        """Join non-empty cells into one located fragment (``None`` if all are empty)."""
        return join_cells(self, cells)


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
        pos = cell.start
        for match in re.finditer(r"\S+|\s+", cell.text):
            piece = match.group()
            if piece[0].isspace():
                out.append(" ")
                index.append(pos + match.start())
            else:
                out.append(piece)
                index.extend(range(pos + match.start(), pos + match.end()))
        parts.append(doc.span(cell.start, cell.end))
    if not parts:
        return None
    return Fragment("".join(out), tuple(parts), tuple(index))


def parse_document(data: bytes, name: str, path: Path | None = None) -> Document:
    """Decode ``data`` strictly as UTF-8 text, or raise a :class:`ReadError` saying why not."""
    where = str(path or name)
    if not data.strip():
        raise ReadError(where, 1, "the file is empty (expected the text of a plan)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(
            where, 1, "the file is UTF-16 text (expected UTF-8)", hint="Re-save it as UTF-8"
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise ReadError(
            where, line, "the file is binary, not text (a NUL byte; expected UTF-8 text)",
            hint="Give the text extracted from the plan, not the PDF or a spreadsheet",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise ReadError(
            where, line,
            f"the file is not UTF-8 (byte 0x{data[err.start]:02x} at column {column}; "
            "expected UTF-8 text)",
            hint="Re-save it as UTF-8 (it may be Windows-1252 or Latin-1)",
        ) from err
    bad = _BINARY.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise ReadError(
            where, line,
            f"the file holds a control character U+{ord(bad.group()):04X} (expected plain text)",
            hint="Give the text extracted from the plan, not a binary file",
        )
    return Document(name, text, hashlib.sha256(data).hexdigest(), path)


def read_document(path: Path) -> Document:
    """Read and decode the file at ``path``."""
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
    return parse_document(data, path.name, path)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _WS.sub(" ", text).strip()
