"""A query's rows for people who open them in a spreadsheet: labels instead of IRIs, readable
headers, as an Excel workbook or as CSV that Excel on Windows reads right (UTF-8 with a
byte-order mark), and no cell that a spreadsheet would run as a formula.

The W3C formats (:mod:`plangraph.sparql.results`) stay what programs read; these are what
the policy officer opens.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from rdflib import XSD, Literal

from plangraph.sparql.engine import QueryResult
from plangraph.sparql.results import result_to_table

__all__ = ["readable_header", "result_to_excel_csv", "sheet_rows", "write_xlsx", "xlsx_bytes"]

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.nonNegativeInteger}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def readable_header(name: str) -> str:
    """A query's variable as a column header.

    >>> readable_header("organisationLabel"), readable_header("itemType"), readable_header("due_by")
    ('Organisation label', 'Item type', 'Due by')
    """
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").split()
    text = " ".join(w.lower() if w[1:].islower() or len(w) == 1 else w for w in words)
    return text[:1].upper() + text[1:]


def sheet_rows(result: QueryResult) -> tuple[list[str], list[list[str | int | float]]]:
    """Readable headers, and each row's cells: a label where the query gives one, plangraph's
    IRIs shortened (as the terminal table shows them), numbers as numbers."""
    headers, texts = result_to_table(result)
    rows: list[list[str | int | float]] = []
    for row, cells in zip(result.rows, texts):
        out: list[str | int | float] = []
        for column, text in zip(headers, cells):
            term = row.get(column)
            if isinstance(term, Literal) and term.datatype in _NUMERIC and _NUMBER.fullmatch(text):
                out.append(float(text) if "." in text else int(text))
            else:
                # a kind of thing, as words: "Performance measure"
                out.append(readable_header(text[3:]) if text.startswith("pg:") else text)
        rows.append(out)
    return [readable_header(h) for h in headers], rows


def _inert(value: str | int | float) -> str | int | float:
    """A text cell a spreadsheet would take for a formula ("=HYPERLINK(…)", "+44…", "@SUM")
    starts with an apostrophe, which spreadsheets show as text, not run."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def result_to_excel_csv(result: QueryResult) -> str:
    """CSV for a spreadsheet: a byte-order mark (so that Excel reads UTF-8: "–", "’"), readable
    headers, labels, CRLF line ends, no cell run as a formula."""
    headers, rows = sheet_rows(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_inert(v) for v in row] for row in rows)
    return "\ufeff" + out.getvalue()


def write_xlsx(result: QueryResult, path: Path, title: str) -> None:
    """An Excel workbook at ``path`` with one sheet ``title``: the rows :func:`sheet_rows` gives,
    headers bold and frozen, a filter on every column. Text stays text, never a formula."""
    from plangraph.files import replace_atomic

    with replace_atomic(path) as tmp:
        tmp.write_bytes(xlsx_bytes(result, title))


def xlsx_bytes(result: QueryResult, title: str) -> bytes:
    """The workbook :func:`write_xlsx` writes, as the bytes of an ``.xlsx`` file."""
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    headers, rows = sheet_rows(result)
    book = Workbook()
    sheet = book.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "rows"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    for k, header in enumerate(headers, start=1):
        longest = max([len(header), *(len(str(r[k - 1])) for r in rows[:200])])
        sheet.column_dimensions[get_column_letter(k)].width = min(60, max(10, longest + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
