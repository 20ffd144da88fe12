"""The area a sentence ties a figure to: printed next to it ("18.7% of women in Nottingham
City", "the England average of 20.8"), or named once earlier in its clause."""

from __future__ import annotations

import re

from plangraph.analysis.figures.places import STAT, area_patterns, canonical_area
from plangraph.analysis.figures.sentences import clause_of, segment_end, within_words
from plangraph.analysis.figures.tokens import Token

__all__ = ["clause_areas", "direct_area"]


def direct_area(text: str, toks: list[Token], i: int, clauses: list[tuple[int, int]], claimed: set[int]) -> None:
    """The area printed right after the figure ("18.7% of women in Nottingham City", "43.1% in
    England", "the gap reported nationally") or right before it ("Nottingham's ... rate was",
    "the England average of", "national average of", "Nationally 42.9%", "In England, ...")."""
    _, places, adjectives, adverbs = area_patterns()
    tok = toks[i]
    seg_end = segment_end(text, toks, i, clauses)
    following = re.compile(
        rf"(?:\b(?:in|across|within|throughout)|(?<=%)in)\s+(?:the\s+)?(?P<a>{places})(?![\w'’])(?!\s+[A-Z])"
        rf"|\b(?P<b>{adverbs})\b")
    found = following.search(text, tok.end, seg_end)
    if found and within_words(text, tok.end, found.start()) and found.start() not in claimed:
        claimed.add(found.start())
        tok.area = canonical_area(found.group("a") or found.group("b"))
        return
    c_start, _ = clause_of(tok.start, clauses)
    gap_start = max(toks[i - 1].end, c_start) if i else c_start  # the figures do not overlap
    preceding = re.compile(
        rf"\b(?P<a>{adjectives})\s+(?i:{STAT})s?\b|\b(?P<p>{places})['’]s\b(?!\s+[A-Z])")
    for found in reversed(list(preceding.finditer(text, gap_start, tok.start))):
        if found.start() not in claimed:
            claimed.add(found.start())
            tok.area = canonical_area(found.group("a") or found.group("p"))
            return
    initial = re.compile(rf"\s*(?:(?:In|Across|in|across)\s+(?:the\s+)?(?P<a>{places})\b\s*,|(?P<b>(?i:{adverbs}))\b)")
    found = initial.match(text, c_start, tok.start)
    if found and found.end() <= tok.start:
        tok.area = canonical_area(found.group("a") or found.group("b"))


def clause_areas(text: str, toks: list[Token], clauses: list[tuple[int, int]], claimed: set[int]) -> None:
    """The one area named ("in Nottinghamshire ...") earlier in a figure's clause and not
    taken by another figure: "A-Level entries in Nottinghamshire ... increased to 50.2%".
    Given to each figure that has no area and is no comparator.

    The names are found once per clause and counted as the figures go along it.
    """
    _, places, _, _ = area_patterns()
    mention = re.compile(rf"\b(?:in|across|within|throughout)\s+(?:the\s+)?(?P<a>{places})(?![\w'’])(?!\s+[A-Z])")
    clause: tuple[int, int] | None = None
    found: list[tuple[int, str | None]] = []
    seen: set[str | None] = set()
    k = 0
    for tok in toks:
        if tok.area is not None or tok.comparator_of is not None:
            continue
        if clause_of(tok.start, clauses) != clause:
            clause = clause_of(tok.start, clauses)
            found = [(m.end(), canonical_area(m.group("a"))) for m in mention.finditer(text, clause[0], clause[1])
                     if m.start() not in claimed]
            seen, k = set(), 0
        while k < len(found) and found[k][0] <= tok.start:
            seen.add(found[k][1])
            k += 1
        tok.area = next(iter(seen)) if len(seen) == 1 else None
