"""Read a CSV or TSV file into a :class:`~plangraph.ingest.grid.Grid` with Python's csv module.

Every record is a row of one table. A CSV's delimiter is guessed by :class:`csv.Sniffer`
(among comma, semicolon, tab and bar; a comma when it cannot tell); a TSV's is the tab.
Text is decoded as UTF-8 (a byte-order mark or none), else UTF-16 with its byte-order mark,
else Windows-1252, as spreadsheets save it on Windows; the grid's notes say when it was not
UTF-8. A line break inside a quoted field stays in the cell, as a hard break.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from pathlib import Path

from plangraph.errors import ReadError
from plangraph.ingest.grid import Grid, GridCell, GridLine, Locator

__all__ = ["read_delimited", "decode"]

_SAMPLE = 64 * 1024  # characters the delimiter is guessed from
_DELIMITERS = ",;\t|"


def decode(data: bytes, where: str) -> tuple[str, tuple[str, ...]]:
    """The text of ``data`` and notes on how it was decoded; a :class:`ReadError` for an
    empty or binary file.

    >>> decode("Lead,Date\\n".encode("utf-8-sig"), "a.csv")
    ('Lead,Date\\n', ())
    >>> decode("Caf\\u00e9\\n".encode("cp1252"), "a.csv")
    ('Café\\n', ('read as Windows-1252 (not UTF-8)',))
    """
    notes: tuple[str, ...] = ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise ReadError(where, None, f"is not readable UTF-16 text ({err.reason} at byte "
                            f"{err.start})", hint="Re-save it as UTF-8 CSV") from err
        notes = ("read as UTF-16 (not UTF-8)",)
    elif b"\x00" in data:
        line = data.count(b"\n", 0, data.find(b"\x00")) + 1
        raise ReadError(where, line, "the file is binary, not text (a NUL byte; expected "
                        "delimited text)", hint="Save the table as CSV from its program")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
                notes = ("read as Windows-1252 (not UTF-8)",)
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                notes = ("read as Latin-1 (not UTF-8)",)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ReadError(where, None, "the file is empty (expected rows of delimited values)")
    return text, notes


def _dialect(text: str, delimiter: str | None) -> type[csv.Dialect] | csv.Dialect:
    if delimiter == "\t":
        return csv.excel_tab
    try:
        guessed = csv.Sniffer().sniff(text[:_SAMPLE], delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return csv.excel
    # only the delimiter is taken from the guess: the sniffer's quote character and escaping
    # are often wrong ("Children's" read as a quote), and every spreadsheet writes '"'

    class Guessed(csv.excel):
        delimiter = guessed

    return Guessed


def read_delimited(data: bytes, path: Path, *, delimiter: str | None = None) -> Grid:
    """Read the delimited file whose bytes are ``data`` (from ``path``) into one grid.

    ``delimiter`` ``"\\t"`` reads a TSV; ``None`` guesses a CSV's. Rows are located by their
    record number (a blank line counts, as a spreadsheet shows it; a quoted line break does
    not); records with no text in any field give no line.
    """
    where = str(path)
    text, notes = decode(data, where)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text, delimiter))
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, fields in enumerate(reader, start=1):
            if any(field.strip() for field in fields):
                records.append((number, [f.replace("\r\n", "\n").replace("\r", "\n")
                                         for f in fields]))
    except csv.Error as err:
        raise ReadError(where, None, f"cannot be read as delimited text ({err})",
                        place=f"row {number + 1}") from err
    if not records:
        raise ReadError(where, None, "the file is empty (expected rows of delimited values)")
    width = max(len(fields) for _, fields in records)
    lines = []
    for number, fields in records:
        cells = []
        for column, value in enumerate(fields + [""] * (width - len(fields)), start=1):
            locator = Locator("csv", row=number, column=column)
            cells.append(GridCell(value, locator, (True,) * value.count("\n")))
        lines.append(GridLine(tuple(cells), 1))
    return Grid(path.name, path, hashlib.sha256(data).hexdigest(), "csv", tuple(lines),
                notes=notes)
