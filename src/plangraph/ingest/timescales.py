"""Timescales as plans print them, read as the date they fall due.

UK councils, the NHS and the police plan and report by financial year, 1 April to 31 March:
"2023/24" is the year that ends on 31 March 2024, and its quarters run Q1 April-June, Q2
July-September, Q3 October-December, Q4 January-March. So a financial year falls due at its end,
2024-03, and "Q3 2023/24" at 2023-12. A quarter of a calendar year ("Q3 2023") ends with its
third month (2023-09). A range falls due at its end ("April 2023 - March 2024": 2024-03), unless
it ends before it starts. What names no single time is kept as printed, with no due date:
"Ongoing", "Within 6 months", a season ("Spring 2025": which months is the plan's to say), a pair
of years that is no financial year ("2023/25", "2023 - 2025", "2023 to 2025"), "2027 onwards".

>>> parse_due("Mar 2026"), parse_due("March 25"), parse_due("31/03/2026"), parse_due("2027")
('2026-03', '2025-03', '2026-03-31', '2027')
>>> parse_due("2023/24"), parse_due("2023-24"), parse_due("2023/2024"), parse_due("2023/25")
('2024-03', '2024-03', '2024-03', None)
>>> parse_due("Q3 2023/24"), parse_due("Q4 2023/24"), parse_due("Q3 2023"), parse_due("Dec-24")
('2023-12', '2024-03', '2023-09', '2024-12')
>>> parse_due("By end of 2024"), parse_due("April 2023 - March 2024"), parse_due("Apr 2023 – Mar 2024")
('2024', '2024-03', '2024-03')
>>> parse_due("Ongoing"), parse_due("1-2 years"), parse_due("2027 onwards"), parse_due("Spring 2025")
(None, None, None, None)
>>> parse_due("Within 6 months"), parse_due("2023 - 2025"), parse_due("2023 to 2025"), parse_due("Mar 2024 - Apr 2023")
(None, None, None, None)
"""

from __future__ import annotations

import re

from plangraph.ingest.document import HARD_BREAK

__all__ = ["parse_due"]

_MONTHS = {m: i for i, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), start=1)
    for m in names.split()}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "by", "end of", "by the end of", "by end" before a time: it falls due at that time's end
_BY = r"(?:by\s+)?(?:(?:the\s+)?end\s+(?:of\s+)?)?"
_MONTH_YEAR = re.compile(rf"^{_BY}({_MONTH})\.?(?:\s*|\s*[-/]\s*)(\d{{4}}|\d{{2}})$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_YEAR = re.compile(rf"^{_BY}((?:19|20)\d{{2}})$", re.IGNORECASE)
# a pair of years: a financial year when the second follows the first ("2023/24", "2023-2024")
_YEARS = re.compile(rf"^{_BY}(?:fy\s*)?((?:19|20)\d{{2}})\s*[/–-]\s*(\d{{4}}|\d{{2}})$", re.IGNORECASE)
_QUARTER = re.compile(rf"^{_BY}q([1-4])\s*(.+)$", re.IGNORECASE)
# a range: two times with a dash or "to" between them
_RANGE = re.compile(r"^(.+?)\s+(?:[-–]|to)\s+(.+)$", re.IGNORECASE)


def parse_due(printed: str) -> str | None:
    """A timescale as an ISO date, year-month or year where it names one unambiguously: a date,
    a month, a year, a financial year (1 April - 31 March, the year UK public bodies plan by:
    "2023/24" falls due 2024-03), a quarter of a financial year ("Q3 2023/24": 2023-12) or of a
    calendar year ("Q3 2023": 2023-09), or the end of a range ("April 2023 - March 2024")."""
    text = " ".join(printed.replace(HARD_BREAK, " ").split()).rstrip(".")
    due = _single(text)
    if due is None and not _YEARS.match(text) and (m := _RANGE.match(text)):
        start, end = _single(m.group(1)), _single(m.group(2))
        # two bare years are a year pair, read as a financial year or not at all ("2023 to 2025")
        if start is not None and end is not None and start[:len(end)] <= end and len(start) + len(end) > 8:
            due = end
    return due


def _single(text: str) -> str | None:
    """One time as :func:`parse_due` reads it, not a range."""
    if m := _MONTH_YEAR.match(text):
        return f"{_year(m.group(2)):04d}-{_MONTHS[m.group(1).lower()]:02d}"
    if m := _DATE.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return None
    if m := _YEAR.match(text):
        return m.group(1)
    if m := _YEARS.match(text):
        end = _financial_year_end(m.group(1), m.group(2))
        return f"{end:04d}-03" if end is not None else None
    if m := _QUARTER.match(text):
        quarter, rest = int(m.group(1)), m.group(2)
        if (years := _YEARS.match(rest)) and (end := _financial_year_end(years.group(1), years.group(2))):
            # Q1 April-June ... Q3 October-December of the first year, Q4 January-March of the second
            return f"{end:04d}-03" if quarter == 4 else f"{end - 1:04d}-{3 + 3 * quarter:02d}"
        if calendar := _YEAR.match(rest):
            return f"{calendar.group(1)}-{3 * quarter:02d}"
    return None


def _year(printed: str) -> int:
    year = int(printed)
    return year + 2000 if year < 100 else year


def _financial_year_end(first: str, second: str) -> int | None:
    """The year a financial year printed as ``first``/``second`` ends in, or ``None`` when the
    second year is not the one after the first ("2023/25")."""
    start = int(first)
    end = start + 1
    if len(second) == 2:
        return end if int(second) == end % 100 else None
    return end if int(second) == end else None
