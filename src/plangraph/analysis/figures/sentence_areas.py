"""The area a sentence ties a figure to: printed next to it ("18.7% of women in Nottingham
City", "the England average of 20.8"), or named once earlier in its clause."""

from __future__ import annotations

import re

from plangraph.analysis.figures.places import STAT, area_patterns, canonical_area
from plangraph.analysis.figures.sentences import clause_of, segment_end, within_words
from plangraph.analysis.figures.tokens import Token

__all__ = ["clause_area", "direct_area"]


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
    gap_start = max([t.end for t in toks[:i]] + [c_start])
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


def clause_area(text: str, tok: Token, clauses: list[tuple[int, int]], claimed: set[int]) -> str | None:
    """The one area named ("in Nottinghamshire ...") earlier in the figure's clause and not
    taken by another figure: "A-Level entries in Nottinghamshire ... increased to 50.2%"."""
    _, places, _, _ = area_patterns()
    c_start, _ = clause_of(tok.start, clauses)
    mentions = [m for m in re.finditer(rf"\b(?:in|across|within|throughout)\s+(?:the\s+)?(?P<a>{places})"
                                       rf"(?![\w'’])(?!\s+[A-Z])", text[:tok.start])
                if m.start() >= c_start and m.start() not in claimed]
    names = {canonical_area(m.group("a")) for m in mentions}
    return names.pop() if len(names) == 1 else None
