"""Clauses and segments: the stretches of a sentence a figure's words are read in.

The sentences themselves, and the list items between them, are cut by
:func:`plangraph.text.sentences.sentence_spans` and :func:`plangraph.text.sentences.list_items`.
"""

from __future__ import annotations

import re

from plangraph.analysis.figures.tokens import Token

__all__ = ["clause_of", "clause_spans", "segment_end", "within_words"]


def clause_spans(text: str, s_start: int, s_end: int) -> list[tuple[int, int]]:
    """The clauses of a sentence: a semicolon ends one."""
    cuts = [s_start] + [s_start + m.end() for m in re.finditer(";", text[s_start:s_end])] + [s_end]
    return list(zip(cuts, cuts[1:]))


def clause_of(pos: int, clauses: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause ``pos`` stands in (the last when it stands in none)."""
    return next((c for c in clauses if c[0] <= pos < c[1]), clauses[-1])


def segment_end(text: str, toks: list[Token], i: int, clauses: list[tuple[int, int]]) -> int:
    """Where the words that qualify figure ``i`` end: the next figure, the clause end or a comparison."""
    end = min(toks[i + 1].start if i + 1 < len(toks) else len(text), clause_of(toks[i].start, clauses)[1])
    stop = re.compile(r"\b(?:compared|than|versus|vs\b|whereas|while|from|in\s+line\s+with|against)\b")
    found = stop.search(text, toks[i].end, end)
    return found.start() if found else end


def within_words(text: str, start: int, end: int, limit: int = 15) -> bool:
    """Whether ``text[start:end]`` is at most ``limit`` words."""
    return len(text[start:end].split()) <= limit
