"""Where a piece of a plan stands in its file, in the file's own terms.

A text file is located by line and offsets (:class:`~plangraph.model.records.Span`); a PDF,
a Word document, a workbook or a CSV file by the cell (or running line) the text was read
from: a :class:`Locator`. Users read a locator's :attr:`Locator.label`, as they would find
the place themselves: ``plan.pdf p.5``, ``plan.xlsx Plan!C12``, ``plan.docx table 2 row 5``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Locator", "column_letters", "describe"]


@dataclass(frozen=True)
class Locator:
    """Where a cell stands in its file.

    ``kind`` is the format: ``text`` (``line``), ``pdf`` (``page`` 1-based and ``box``
    in points from the page's top-left: x0, top, x1, bottom), ``docx`` (``table``,
    ``row``, ``column`` 1-based; running text: ``paragraph``), ``xlsx`` (``sheet``,
    ``ref`` in A1 form, with ``row``/``column``), ``csv`` (``row``, ``column``).

    >>> Locator("xlsx", sheet="Plan", ref="C12", row=12, column=3).label
    'Plan!C12'
    >>> Locator("pdf", page=5, box=(10.0, 20.0, 110.0, 40.0)).label
    'p.5'
    >>> Locator("docx", table=2, row=5, column=1).label
    'table 2 row 5'
    """

    kind: str
    line: int | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    paragraph: int | None = None
    sheet: str | None = None
    ref: str | None = None

    @property
    def label(self) -> str:
        """How a user finds the cell: ``p.5``, ``Plan!C12``, ``table 2 row 5``, ``row 4``."""
        if self.kind == "pdf":
            return f"p.{self.page}"
        if self.kind == "xlsx":
            return f"{_sheet_name(self.sheet or '')}!{self.ref}"
        if self.kind == "docx":
            if self.table is None:
                return f"paragraph {self.paragraph}"
            return f"table {self.table} row {self.row}"
        if self.kind == "csv":
            return f"row {self.row}"
        return f"line {self.line}"


def _sheet_name(name: str) -> str:
    """A sheet name as Excel writes it in a reference (quoted when it holds a blank or a mark).

    >>> _sheet_name("Plan"), _sheet_name("Action plan"), _sheet_name("Bob's")
    ('Plan', "'Action plan'", "'Bob''s'")
    """
    if name.replace("_", "").isalnum():
        return name
    return "'" + name.replace("'", "''") + "'"


def column_letters(number: int) -> str:
    """Excel's letters for 1-based column ``number``.

    >>> column_letters(1), column_letters(26), column_letters(27), column_letters(703)
    ('A', 'Z', 'AA', 'AAA')
    """
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def describe(locators: Sequence[Locator]) -> str:
    """One label for the cells a stretch of text was read from, in document order.

    >>> a = Locator("pdf", page=5); b = Locator("pdf", page=6)
    >>> describe([a]), describe([a, b, a])
    ('p.5', 'pp.5-6')
    >>> describe([Locator("xlsx", sheet="Plan", ref="C12", row=12, column=3),
    ...           Locator("xlsx", sheet="Plan", ref="D14", row=14, column=4)])
    'Plan!C12:D14'
    >>> describe([Locator("docx", table=2, row=5, column=1), Locator("docx", table=2, row=6, column=3)])
    'table 2 rows 5-6'
    >>> describe([Locator("csv", row=4, column=2), Locator("csv", row=4, column=3)])
    'row 4'
    """
    first = locators[0]
    if len(locators) == 1 or all(loc.label == first.label for loc in locators):
        return first.label
    kind = first.kind
    if kind == "pdf":
        pages = sorted({loc.page or 0 for loc in locators})
        return f"pp.{pages[0]}-{pages[-1]}"
    if kind == "xlsx" and all(loc.sheet == first.sheet for loc in locators):
        rows = [loc.row or 0 for loc in locators]
        columns = [loc.column or 0 for loc in locators]
        top_left = f"{column_letters(min(columns))}{min(rows)}"
        bottom_right = f"{column_letters(max(columns))}{max(rows)}"
        return f"{_sheet_name(first.sheet or '')}!{top_left}:{bottom_right}"
    if kind == "docx" and all(loc.table == first.table and loc.table is not None for loc in locators):
        rows = sorted({loc.row or 0 for loc in locators})
        return f"table {first.table} rows {rows[0]}-{rows[-1]}"
    if kind == "csv":
        rows = sorted({loc.row or 0 for loc in locators})
        return f"rows {rows[0]}-{rows[-1]}"
    return f"{first.label} to {locators[-1].label}"
