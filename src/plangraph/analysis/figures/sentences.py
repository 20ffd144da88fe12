"""Clauses and segments: the stretches of a sentence a figure's words are read in.

The sentences themselves, and the list items between them, are cut by
:func:`plangraph.text.sentences.sentence_spans` and :func:`plangraph.text.sentences.list_items`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from plangraph.analysis.figures.tokens import Token

__all__ = ["clause_of", "clause_spans", "ends_with", "segment_end", "within_words"]


def clause_spans(text: str, s_start: int, s_end: int) -> list[tuple[int, int]]:
    """The clauses of a sentence: a semicolon ends one."""
    cuts = [s_start] + [s_start + m.end() for m in re.finditer(";", text[s_start:s_end])] + [s_end]
    return list(zip(cuts, cuts[1:]))


def clause_of(pos: int, clauses: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause ``pos`` stands in (the last when it stands in none); ``clauses`` follow
    each other, as :func:`clause_spans` gives them.

    >>> clause_of(12, [(0, 10), (10, 10), (10, 20)]), clause_of(25, [(0, 10), (10, 20)])
    ((10, 20), (10, 20))
    """
    k = bisect_right(clauses, pos, key=_start) - 1
    while k >= 0 and clauses[k][0] == clauses[k][1]:
        k -= 1  # an empty clause holds nothing
    return clauses[k] if k >= 0 and clauses[k][0] <= pos < clauses[k][1] else clauses[-1]


def _start(clause: tuple[int, int]) -> int:
    return clause[0]


def segment_end(text: str, toks: list[Token], i: int, clauses: list[tuple[int, int]]) -> int:
    """Where the words that qualify figure ``i`` end: the next figure, the clause end or a comparison."""
    end = min(toks[i + 1].start if i + 1 < len(toks) else len(text), clause_of(toks[i].start, clauses)[1])
    stop = re.compile(r"\b(?:compared|than|versus|vs\b|whereas|while|from|in\s+line\s+with|against)\b")
    found = stop.search(text, toks[i].end, end)
    return found.start() if found else end


def within_words(text: str, start: int, end: int, limit: int = 15) -> bool:
    """Whether ``text[start:end]`` is at most ``limit`` words (read up to the word after them).

    >>> within_words("one two three", 0, 13, 3), within_words("one two three four", 0, 18, 3)
    (True, False)
    """
    return _more_words(limit).match(text, start, end) is None


@lru_cache(maxsize=None)
def _more_words(limit: int) -> re.Pattern[str]:
    """Matches where ``limit`` words and the start of one more follow."""
    return re.compile(rf"\s*(?:\S+\s+){{{limit}}}\S")


def ends_with(pattern: re.Pattern[str], text: str, start: int, end: int, words: int) -> bool:
    """Whether ``pattern`` (which ends in ``$`` and spans at most ``words`` words) matches at
    the end of ``text[start:end]``, as ``pattern.search(text[start:end])`` tells, looking at
    those last words only rather than at the whole stretch.

    >>> verb = re.compile(r"(?:^\\s*|\\bwas\\s*)$")
    >>> ends_with(verb, "the number of people was ", 13, 25, 2), ends_with(verb, "of people ", 2, 10, 2)
    (True, False)
    >>> ends_with(verb, "of  ", 2, 4, 2)
    True
    """
    lo = end
    for _ in range(words):  # back to the start of the last ``words`` words
        while lo > start and text[lo - 1].isspace():
            lo -= 1
        while lo > start and not text[lo - 1].isspace():
            lo -= 1
    if lo <= start:
        return pattern.search(text[start:end]) is not None
    # from a word's start inside the stretch: "^" cannot match there, nor in the stretch itself
    return pattern.search(text, lo, end) is not None
