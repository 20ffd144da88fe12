"""Time expressions: the periods a text prints ("2017", "Quarter 3 2017/18", "28th June
2017", "the first 12 months"), which are never figures themselves."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from plangraph.analysis.figures.nouns import noun_phrase

__all__ = ["Times", "find_times", "untime"]

_YEAR = r"(?:19|20)\d{2}(?:\s?[/-]\s?(?:(?:19|20)\d{2}|\d{2})(?!\d))?(?!\d)"
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
# A time expression, most specific first; the matched text is the period as printed.
_TIME = re.compile(
    rf"""(?:first|second|third|last|past|previous)\s+\d\s+quarters?\s+of\s+{_YEAR}  # First 2 Quarters of 2017/18
    | (?:the\s+)?(?:first|last|past|previous)\s+\d{{1,2}}\s+(?:weeks|months|years)  # first 12 months
    | (?:quarter|q)\s?[1-4]\s+(?:of\s+)?{_YEAR}                 # Quarter 3 2017/18
    | {_YEAR}\s+(?:quarter|q)\s?[1-4](?!\d)                      # 2017/18 Quarter 3
    | (?:{_ORDINAL}\s+)?{_MONTH}(?:\s+{_ORDINAL})?,?\s+{_YEAR}   # 28th June 2017, October 20th 2017
    | (?:early|mid|late)[- ]{_YEAR}                             # early 2018
    | (?:spring|summer|autumn|winter)\s+(?:of\s+)?{_YEAR}       # spring 2018
    | (?:academic|financial|calendar)\s+year\s+{_YEAR}          # academic year 2016/17
    | same\s+period\s+(?:in|of|last)\s+{_YEAR}                  # same period in 2016
    | {_YEAR}""",
    re.IGNORECASE | re.VERBOSE,
)
_MONTH_WORDS = frozenset(re.findall(r"[A-Za-z]+", _MONTH))
_TEMPORAL = frozenset("""in since by from to of during until till between and before after for early
    late mid the this that through throughout spring summer autumn winter year academic financial
    calendar end beginning""".split())

# the last word before a place and the marks after it, in the text read backwards
_WORD_BACKWARDS = re.compile(r"\W*([A-Za-z]+)")


def find_times(text: str) -> list[tuple[int, int, str]]:
    """Time expressions; a lone year followed by what it counts ("making 2000 meals") is not one."""
    found = []
    backwards = text[::-1]  # the word before a year is read back from the year
    for match in _TIME.finditer(text):
        printed = match.group()
        if re.fullmatch(r"\d{4}", printed):
            before = _WORD_BACKWARDS.match(backwards, len(text) - match.start())
            word = before.group(1)[::-1] if before else ""
            if word and word.lower() not in _TEMPORAL and word not in _MONTH_WORDS and word[0].islower() \
                    and noun_phrase(text, match.end()) is not None:
                continue
        found.append((match.start(), match.end(), printed))
    return found


def untime(gap: str) -> str:
    """``gap`` with each time expression written "TIME", for cues that may hold a period."""
    return _TIME.sub("TIME", gap)


class Times:
    """The time expressions ``find_times`` found in a text (in order, none overlapping), with
    their starts and ends at hand, so that the times inside a stretch are found without
    looking at the others.

    >>> times = Times(find_times("From 2016 to 2018, and in 2019"))
    >>> times.inside(6, 17), times.first_from(10)
    ([(13, 17, '2018')], 1)
    """

    def __init__(self, found: list[tuple[int, int, str]]) -> None:
        self.found = found
        self.starts = [t[0] for t in found]
        self.ends = [t[1] for t in found]

    def inside(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The times that start at or after ``start`` and end by ``end``, in order."""
        return self.found[bisect_left(self.starts, start):bisect_right(self.ends, end)]

    def first_from(self, start: int) -> int:
        """The index of the first time that starts at or after ``start``."""
        return bisect_left(self.starts, start)
