"""What ``find_figures`` returns: the ``Figure`` record, and the ``UNITS`` a figure is in."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["UNITS", "Figure"]

UNITS: dict[str, str] = {
    "percent": "a percentage: '18.7%', '71.1 %', '5 per cent'",
    "percentage-points": "a difference of percentages: '23.0 percentage points'",
    "count": "a number of things: '608 young people', '132 clubs'",
    "per-1000": "a rate per 1,000: '31.2 pregnancies per 1000 girls'",
    "per-10000": "a rate per 10,000",
    "per-100000": "a rate per 100,000",
    "gbp": "money in pounds sterling: '£1.5m' is 1500000",
    "days": "a duration: '16.3 days'",
    "weeks": "a duration: '6.59 weeks'",
    "months": "a duration",
    "years": "a duration",
    "number": "a quantity printed without a unit: 'received 2K'",
}


@dataclass(frozen=True)
class Figure:
    """One figure of a text; a comparator is a Figure nested in the figure it is compared with."""

    start: int
    end: int
    printed: str
    value: Decimal
    unit: str
    unit_printed: str
    area: str | None
    period: str | None
    comparator: Figure | None
    role: str
