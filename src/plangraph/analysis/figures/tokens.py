"""Numbers and their units: where a figure may start, its value, and what it measures.

A number read here is a ``Token``, a figure while it is being read: the rest of the
package gives it a role, a unit when it has none, an area and a period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from plangraph.analysis.figures.nouns import STOP_WORDS, noun_phrase

__all__ = ["NUMBER", "Token", "number_starts", "read_number"]

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number: "£" (then "5.2m", "70m", "1.5 million"), or digits with thousands commas and a
# decimal part; "2K" carries its multiplier. What may stand before it is checked in code.
NUMBER = re.compile(
    rf"(?P<pound>£\s?)?(?P<num>{_NUM})(?![\d])"
    r"(?:(?P<mult>bn|m|k|K)(?![A-Za-z])|\s(?P<word>million|billion|thousand)\b)?"
)
_MULTIPLIERS = {"k": 1000, "K": 1000, "thousand": 1000, "m": 10**6, "million": 10**6,
                "bn": 10**9, "billion": 10**9}
_DURATION = re.compile(r"\s(days?|weeks?|months?|years?)\b(?![- ]olds?\b)(?!\s+per\b)")
_PERCENT = re.compile(r"\s?%|\s(?:per\s?cent|percent)\b")
_POINTS = re.compile(r"\s(percentage[- ]points?)\b")
_RATE = re.compile(r"((?:\s[a-z]+){0,2}?)\s(per\s(1,000|1000|thousand|10,000|10000|100,000|100000))\s")
_RATE_UNITS = {"1,000": "per-1000", "1000": "per-1000", "thousand": "per-1000",
               "10,000": "per-10000", "10000": "per-10000", "100,000": "per-100000",
               "100000": "per-100000"}


@dataclass
class Token:
    """A figure while it is being read."""

    start: int
    end: int
    value: Decimal
    unit: str | None
    unit_printed: str
    change: bool = False
    keep: bool = False            # a bare number the sentence gives a role
    comparator_of: Token | None = None
    kind: str = ""                # of a comparator: benchmark | previous | target
    comparators: list[Token] = field(default_factory=list)
    area: str | None = None
    period: str | None = None
    period_fixed: bool = False


def number_starts(text: str, item_at: set[int], skip_at: set[int]) -> list[int]:
    """Where a number may start: not inside a word, a code or a list-item number."""
    starts = set(item_at)
    for match in NUMBER.finditer(text):
        start = match.start()
        before = text[start - 1] if start else " "
        if start in skip_at or ((before.isalnum() or before in "._/-'’") and not match.group("pound")):
            continue
        starts.add(start)
    return sorted(starts)


def read_number(text: str, match: re.Match[str]) -> Token | None:
    """Unit and extent of the number at ``match`` (a bare number has no unit), or None when
    it is not a figure."""
    value = _tidy(Decimal(match.group("num").replace(",", "")))
    num_end = match.end("num")
    mult = match.group("mult") or match.group("word")
    if match.group("pound"):
        if mult:
            value, num_end = value * _MULTIPLIERS[mult], match.end()
        return Token(match.start(), num_end, _tidy(value), "gbp", "£")
    if mult in ("k", "K") and match.group("mult"):
        return Token(match.start(), match.end(), _tidy(value * 1000), "number", "")
    if mult:
        return None
    # the unit is matched where the number ends, in the whole text: none of the patterns
    # looks behind that place
    start = match.start("num")
    found = _POINTS.match(text, num_end)
    if found:
        return Token(start, found.end(), value, "percentage-points", found.group(1))
    found = _PERCENT.match(text, num_end)
    if found:
        return Token(start, found.end(), value, "percent", found.group().strip())
    found = _RATE.match(text, num_end)
    if found and not STOP_WORDS.intersection(found.group(1).split()):
        np = noun_phrase(text, found.end() - 1) or noun_phrase(text, found.end() - 1, False)
        if np is not None:
            end = np[0]
            return Token(start, end, value, _RATE_UNITS[found.group(3)], text[num_end:end].strip())
    found = _DURATION.match(text, num_end)
    if found:
        unit = found.group(1)
        if unit.endswith("s") or value == 1:
            return Token(start, found.end(), value, unit if unit.endswith("s") else unit + "s", unit)
    np = noun_phrase(text, num_end)
    if np is not None:
        return Token(start, np[0], value, "count", np[1])
    return Token(start, num_end, value, None, "")


def _tidy(value: Decimal) -> Decimal:
    """The canonical decimal: "23.0" is 23 and "5.2" x 10**6 is 5200000 (RDF stores keep it so)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
