"""The period a sentence ties a figure to: printed next to it ("20.8 in 2015", "the 2014
rate of 32.8"), or opening its clause ("During 2016-17, ...")."""

from __future__ import annotations

import re

from plangraph.analysis.figures.sentences import clause_of, segment_end, within_words
from plangraph.analysis.figures.tokens import Token

__all__ = ["direct_period", "lead_period"]

_PERIOD_PREP = re.compile(r"\b(?:in|during|by|for|as\s+of|at\s+the\s+end\s+of|throughout)\s+(?:the\s+)?$",
                          re.IGNORECASE)
_PERIOD_STAT = re.compile(r"^\s+(?:rate|figure|level|average|total|value|score)s?\s+(?:of|was|is|at)\s+$",
                          re.IGNORECASE)
_LEAD_PREP = re.compile(
    r"(?:^|[,;(]|\band)\s*(?:in|during|by|as\s+of|at\s+the\s+end\s+of|throughout"
    r"|in\s+the\s+(?:full\s+)?(?:year|period)\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
_REPORTING = re.compile(r"\b(?:results|figures|data|statistics|outcomes|rates?|numbers?|percentages?|proportions?"
                        r"|performance|levels?)\s+(?:for|in|during|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _period_text(printed: str) -> str:
    return " ".join(re.sub(r"^(?:the\s+)", "", printed, flags=re.IGNORECASE).split())


def direct_period(text: str, toks: list[Token], i: int, clauses: list[tuple[int, int]],
                  times: list[tuple[int, int, str]], used: set[int]) -> None:
    """The period printed right after the figure ("20.8 in 2015", "6.59 weeks by January 2017",
    "72% same period in 2016") or right before it ("the 2014 rate of 32.8")."""
    tok = toks[i]
    if tok.period_fixed:
        return
    seg_end = segment_end(text, toks, i, clauses)
    for t_start, t_end, printed in times:
        if tok.end <= t_start and t_end <= seg_end and t_start not in used \
                and within_words(text, tok.end, t_start) \
                and (_PERIOD_PREP.search(text[tok.end:t_start]) or printed.lower().startswith("same")):
            used.add(t_start)
            tok.period = _period_text(printed)
            return
    gap_start = toks[i - 1].end if i else clause_of(tok.start, clauses)[0]
    for t_start, t_end, printed in times:
        if gap_start <= t_start and t_end <= tok.start and _PERIOD_STAT.match(text[t_end:tok.start]):
            used.add(t_start)
            tok.period = _period_text(printed)
            return


def lead_period(text: str, tok: Token, clauses: list[tuple[int, int]], times: list[tuple[int, int, str]],
                used: set[int]) -> str | None:
    """The period that opens the figure's clause ("During 2016-17, ...", "In November 2017 92%",
    "First 2 Quarters of 2017/18 608 ...", "and by quarter 3 2017/18 the gap ...") or that
    dates its subject ("Final results for 2017 shows that 45.5%")."""
    c_start, _ = clause_of(tok.start, clauses)
    for t_start, t_end, printed in reversed(times):
        if not (c_start <= t_start and t_end <= tok.start) or t_start in used:
            continue
        before = text[c_start:t_start]
        if not before.strip() or _LEAD_PREP.search(before) or _REPORTING.search(before):
            return _period_text(printed)
    return None
