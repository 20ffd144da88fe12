"""Read an Excel workbook (.xlsx, .xlsm) into grids, one per non-empty visible sheet.

A sheet's used rows become one table: each row's cells run from the first to the last used
column of the sheet, so every row has the same width. Values are shown as a person sees them
in Excel (``3`` not ``3.0``, a date as an ISO date, a percentage with its ``%``); a formula
gives the value Excel last calculated. A merged range stands once at its top-left place, with
its spans; the places below it are empty and ``covered``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from plangraph.errors import ReadError
from plangraph.ingest.grid import Grid, GridCell, GridLine, Locator, column_letters

__all__ = ["read_xlsx", "show_value"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .xls, or an encrypted .xlsx
_DECIMALS = re.compile(r"0\.(0+)")
_CURRENCY = re.compile(r"[£$€¥]")


def _number(value: float, number_format: str) -> str:
    """A number as Excel shows it under ``number_format`` (its decimals, ``%``, thousands).

    >>> _number(3.0, "General"), _number(0.1 + 0.2, "General"), _number(0.256, "0.0%")
    ('3', '0.3', '25.6%')
    >>> _number(1234.5, "#,##0.00"), _number(1500, '"£"#,##0'), _number(7, "0")
    ('1,234.50', '£1,500', '7')
    """
    fmt = number_format.split(";")[0]
    if "0" not in fmt and "#" not in fmt:  # "General", "@" or no digit placeholder
        if float(value).is_integer():
            return str(int(value))
        return f"{value:.10g}"
    percent = "%" in fmt
    shown = value * 100 if percent else value
    decimals = _DECIMALS.search(fmt)
    places = len(decimals.group(1)) if decimals else 0
    text = f"{shown:{',' if ',' in fmt else ''}.{places}f}"
    currency = _CURRENCY.search(fmt)
    if currency:
        text = text.replace("-", "-" + currency.group()) if shown < 0 else currency.group() + text
    return text + ("%" if percent else "")


def show_value(value: object, number_format: str = "General") -> str:
    """A cell's value as text: strings as they are (line ends as ``\\n``), numbers as shown,
    dates as ISO dates (with the time only when there is one).

    >>> show_value(None), show_value(3.0), show_value(dt.datetime(2025, 4, 1)), show_value(True)
    ('', '3', '2025-04-01', 'TRUE')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _number(value, number_format)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


class _Sheet:
    """The used part of one worksheet: the shown text of each place and its merged ranges."""

    def __init__(self, ws: Any) -> None:
        self.title: str = ws.title
        # the cells the sheet holds (not the rectangle up to max_row/max_column, which cell
        # formatting alone can stretch to a million rows)
        self.cells: dict[tuple[int, int], Any] = dict(ws._cells)
        self.text = {place: show_value(cell.value, cell.number_format)
                     for place, cell in self.cells.items() if cell.value is not None}
        self.text = {place: text for place, text in self.text.items() if text.strip()}
        self.ranges: list[tuple[int, int, int, int]] = [
            (r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
        # the used area is where text is: formatting or a merge may stretch far beyond it
        self.first = min((c for _, c in self.text), default=0)
        self.last = max((c for _, c in self.text), default=0)
        bottom = max((r for r, _ in self.text), default=0)
        self.merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        rows = {r for r, _ in self.text}
        for rng in self.ranges:
            r0, c0, r1, c1 = rng
            for r in range(r0, min(r1, bottom) + 1):
                for c in range(max(c0, self.first), min(c1, self.last) + 1):
                    self.merged[(r, c)] = rng
                if (r0, c0) in self.text:
                    rows.add(r)  # a row the merged cell reaches is a row of the table
        self.rows = sorted(rows)

    def _cell(self, r: int, c: int, row_span: int = 1, col_span: int = 1) -> GridCell:
        text = self.text.get((r, c), "")
        cell = self.cells.get((r, c))
        font = cell.font if cell is not None else None
        return GridCell(text, self._locator(r, c), (True,) * text.count("\n"), row_span,
                        col_span, bool(font and font.b), bool(font and font.i))

    def _locator(self, r: int, c: int) -> Locator:
        return Locator("xlsx", sheet=self.title, ref=f"{column_letters(c)}{r}", row=r, column=c)

    def lines(self) -> list[GridLine]:
        out = []
        for r in self.rows:
            cells = []
            for c in range(self.first, self.last + 1):
                rng = self.merged.get((r, c))
                if rng is None:
                    cells.append(self._cell(r, c))
                    continue
                r0, c0, r1, c1 = rng
                start = max(c0, self.first)
                if c != start:
                    continue  # a column of a range spanning columns, which stands once
                span = min(c1, self.last) - start + 1
                rows = [row for row in self.rows if r0 <= row <= r1]
                if r == rows[0]:
                    cells.append(self._cell(r0, c0, len(rows), span) if start == c0
                                 else self._cell(r, c, len(rows), span))
                else:
                    cells.append(GridCell("", self._locator(r, c), col_span=span, covered=True))
            out.append(GridLine(tuple(cells), 1))
        return out


def _open(data: bytes, where: str) -> Any:
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError(where, None, "the workbook is encrypted (expected an unprotected "
                            ".xlsx)", hint="Save an unprotected copy")
        raise ReadError(where, None, "is an old Excel .xls workbook (expected .xlsx)",
                        hint="Open it in Excel or LibreOffice and save it as .xlsx")
    try:
        with warnings.catch_warnings():  # openpyxl warns of every extension it does not read
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, InvalidFileException,
            SyntaxError) as err:
        detail = str(err).strip("'\"") or type(err).__name__
        raise ReadError(where, None, f"is not a readable Excel workbook ({detail})",
                        hint="Check that the file is a whole .xlsx saved by Excel") from err


def read_xlsx(data: bytes, path: Path, *, sheet: str | None = None) -> list[Grid]:
    """Read the workbook whose bytes are ``data`` (from ``path``): one grid per non-empty
    visible sheet, or only the sheet named ``sheet`` (hidden or not)."""
    where = str(path)
    book = _open(data, where)
    digest = hashlib.sha256(data).hexdigest()
    names = [ws.title for ws in book.worksheets]
    if sheet is not None and sheet not in names:
        listed = ", ".join(repr(name) for name in names)
        raise ReadError(where, None, f"has no sheet {sheet!r} (its sheets: {listed})")
    notes = tuple(f"hidden sheet {ws.title!r} skipped" for ws in book.worksheets
                  if ws.sheet_state != "visible" and sheet is None)
    grids = []
    for ws in book.worksheets:
        if sheet is not None and ws.title != sheet:
            continue
        if sheet is None and ws.sheet_state != "visible":
            continue
        used = _Sheet(ws)
        if used.text:
            grids.append(Grid(path.name, path, digest, "xlsx", tuple(used.lines()),
                              part=used.title, notes=notes))
    book.close()
    if not grids:
        if sheet is not None:
            raise ReadError(where, None, f"the sheet {sheet!r} is empty (expected a plan's table)")
        raise ReadError(where, None, "every sheet is empty (expected a plan's table)")
    return grids
