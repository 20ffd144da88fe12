"""The period a sentence ties a figure to: printed next to it ("20.8 in 2015", "the 2014
rate of 32.8"), or opening its clause ("During 2016-17, ...")."""

from __future__ import annotations

import re
from bisect import bisect_right

from plangraph.analysis.figures.sentences import clause_of, ends_with, segment_end, within_words
from plangraph.analysis.figures.times import Times
from plangraph.analysis.figures.tokens import Token

__all__ = ["direct_period", "lead_periods"]

_PERIOD_PREP = re.compile(r"\b(?:in|during|by|for|as\s+of|at\s+the\s+end\s+of|throughout)\s+(?:the\s+)?$",
                          re.IGNORECASE)
# matched from the end of a time to the figure
_PERIOD_STAT = re.compile(r"\s+(?:rate|figure|level|average|total|value|score)s?\s+(?:of|was|is|at)\s+$",
                          re.IGNORECASE)
_NOT_BLANK = re.compile(r"\S")
_LEAD_PREP = re.compile(
    r"(?:^|[,;(]|\band)\s*(?:in|during|by|as\s+of|at\s+the\s+end\s+of|throughout"
    r"|in\s+the\s+(?:full\s+)?(?:year|period)\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:results|figures|data|statistics|outcomes|rates?|numbers?|percentages?|proportions?"
                        r"|performance|levels?)\s+(?:for|in|during|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _period_text(printed: str) -> str:
    return " ".join(re.sub(r"^(?:the\s+)", "", printed, flags=re.IGNORECASE).split())


def direct_period(text: str, toks: list[Token], i: int, clauses: list[tuple[int, int]],
                  times: Times, used: set[int]) -> None:
    """The period printed right after the figure ("20.8 in 2015", "6.59 weeks by January 2017",
    "72% same period in 2016") or right before it ("the 2014 rate of 32.8")."""
    tok = toks[i]
    if tok.period_fixed:
        return
    seg_end = segment_end(text, toks, i, clauses)
    for k in range(times.first_from(tok.end), len(times.found)):
        t_start, t_end, printed = times.found[k]
        if t_end > seg_end or not within_words(text, tok.end, t_start):
            break  # and so are the times after it
        if t_start not in used \
                and (_PERIOD_PREP.search(text[tok.end:t_start]) or printed.lower().startswith("same")):
            used.add(t_start)
            tok.period = _period_text(printed)
            return
    gap_start = toks[i - 1].end if i else clause_of(tok.start, clauses)[0]
    for t_start, t_end, printed in times.inside(gap_start, tok.start):
        if _PERIOD_STAT.match(text, t_end, tok.start):
            used.add(t_start)
            tok.period = _period_text(printed)
            return


def lead_periods(text: str, toks: list[Token], clauses: list[tuple[int, int]], times: Times,
                 used: set[int]) -> None:
    """The period that opens a figure's clause ("During 2016-17, ...", "In November 2017 92%",
    "First 2 Quarters of 2017/18 608 ...", "and by quarter 3 2017/18 the gap ...") or that
    dates its subject ("Final results for 2017 shows that 45.5%"); given to each figure
    that has no period and is no comparator.

    Whether a time opens its clause does not depend on the figure: each time is asked once.
    """
    clause: tuple[int, int] | None = None
    opening: list[tuple[int, str]] = []
    for tok in toks:
        if tok.period is not None or tok.comparator_of is not None:
            continue
        if clause_of(tok.start, clauses) != clause:
            clause = clause_of(tok.start, clauses)
            blank_to = _NOT_BLANK.search(text, clause[0], clause[1])  # what the clause starts with
            first = blank_to.start() if blank_to else clause[1]
            opening = [(t_end, printed) for t_start, t_end, printed in times.inside(clause[0], clause[1])
                       if t_start not in used and _opens(text, clause[0], first, t_start)]
        k = bisect_right(opening, tok.start, key=_end) - 1
        tok.period = _period_text(opening[k][1]) if k >= 0 else None


def _end(time: tuple[int, str]) -> int:
    return time[0]


def _opens(text: str, c_start: int, first: int, t_start: int) -> bool:
    """Does the time at ``t_start`` open the clause at ``c_start`` (whose text starts at
    ``first``): nothing but blanks, a preposition or a reporting word before it?"""
    return (t_start <= first or ends_with(_LEAD_PREP, text, c_start, t_start, words=8)
            or ends_with(_REPORTING, text, c_start, t_start, words=4))
