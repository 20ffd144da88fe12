"""``find_figures``: a text's numbers first, then, sentence by sentence, their roles, units,
areas and periods."""

from __future__ import annotations

from bisect import bisect_left

from plangraph.analysis.figures.masks import masked
from plangraph.analysis.figures.record import Figure
from plangraph.analysis.figures.roles import assign_roles, choose_comparator, pair_benchmarks, settle_units
from plangraph.analysis.figures.sentence_areas import clause_areas, direct_area
from plangraph.analysis.figures.sentence_periods import direct_period, lead_periods
from plangraph.analysis.figures.sentences import clause_spans
from plangraph.analysis.figures.times import Times, find_times
from plangraph.analysis.figures.tokens import NUMBER, Token, number_starts, read_number
from plangraph.text import list_items, sentence_spans
from plangraph.text.stretches import Stretches

__all__ = ["find_figures"]


def find_figures(text: str) -> list[Figure]:
    """The main figures of ``text`` in order, each with its comparator nested."""
    times = Times(find_times(text))
    blocked = Stretches([(t[0], t[1]) for t in times.found] + masked(text))
    item_at, skip_at = list_items(text)
    tokens: list[Token] = []
    for start in number_starts(text, item_at, skip_at):
        if tokens and start < tokens[-1].end:
            continue
        match = NUMBER.match(text, start)
        if match is None or blocked.overlap(match.start("num"), match.end("num")):
            continue
        tok = read_number(text, match)
        if tok is not None:
            tokens.append(tok)
    figures: list[Figure] = []
    starts = [t.start for t in tokens]  # in order: each token starts after the one before ends
    for s_start, s_end in sentence_spans(text, skip_at):
        sentence = tokens[bisect_left(starts, s_start):bisect_left(starts, s_end)]
        if sentence:
            figures.extend(_sentence_figures(text, s_start, s_end, sentence, times))
    return sorted(figures, key=lambda f: f.start)


def _sentence_figures(text: str, s_start: int, s_end: int, toks: list[Token], times: Times) -> list[Figure]:
    clauses = clause_spans(text, s_start, s_end)
    assign_roles(text, s_start, s_end, toks)
    toks = settle_units(text, toks, times, clauses)
    claimed: set[int] = set()
    for i, tok in enumerate(toks):
        direct_area(text, toks, i, clauses, claimed)
    pair_benchmarks(text, toks)
    for tok in toks:
        choose_comparator(tok)
    clause_areas(text, toks, clauses, claimed)
    used: set[int] = set()
    for i, tok in enumerate(toks):
        direct_period(text, toks, i, clauses, times, used)
    lead_periods(text, toks, clauses, times, used)
    return [_figure(text, t) for t in toks if t.comparator_of is None]


def _figure(text: str, tok: Token, role: str = "value") -> Figure:
    comparator = tok.comparators[0] if tok.comparators and role == "value" else None
    return Figure(
        start=tok.start, end=tok.end, printed=text[tok.start:tok.end], value=tok.value,
        unit=tok.unit or "number", unit_printed=tok.unit_printed, area=tok.area, period=tok.period,
        comparator=None if comparator is None else _figure(text, comparator, "comparator"), role=role,
    )
