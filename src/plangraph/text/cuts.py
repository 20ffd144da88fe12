"""Find words cut off at a table's column edge ("Both soci adopted", "Multi Agenc").

PDF text extraction sometimes keeps only what fits in a column: each visual line stops
mid-word and the next one goes on. Such a cell is kept exactly as printed; this module
only flags the cut words so that nobody mistakes the text for complete. A word counts as
cut when an English dictionary (pyspellchecker's, with British spellings allowed) does
not know it but does know longer words that start with it, or when it is a stray single
letter. Cut whole words ("net" for "network") cannot be told apart and are not flagged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from functools import lru_cache

from plangraph.resources import data_words

__all__ = ["cut_words"]

_WORD = re.compile(r"(?<![\w'’\-/.*@&])[A-Za-z]+(?![\w'’\-/*%@&)])")
# British spellings the (American) dictionary lacks: try the American form too.
_BRITISH = (
    ("isation", "ization"), ("ise", "ize"), ("ising", "izing"), ("ised", "ized"),
    ("our", "or"), ("tre", "ter"), ("tres", "ters"), ("mme", "m"), ("mmes", "ms"),
    ("lling", "ling"), ("lled", "led"), ("ence", "ense"), ("ae", "e"), ("yse", "yze"),
)


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], tuple[str, ...]]:
    from spellchecker import SpellChecker  # a 7 MB word list: load it only when needed

    words = frozenset(SpellChecker(language="en").word_frequency.keys()) | set(
        data_words("known_words.txt")
    )
    return words, tuple(sorted(words))


def _known(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    for british, american in _BRITISH:
        if british in word and word.replace(british, american) in words:
            return True
    return False


def _begins_longer_word(word: str, ordered: tuple[str, ...], extra: set[str]) -> bool:
    i = bisect.bisect_right(ordered, word)
    if i < len(ordered) and ordered[i].startswith(word) and ordered[i] != word:
        return True
    return any(w != word and w.startswith(word) for w in extra)


def cut_words(text: str, vocabulary: Mapping[str, int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of every word of ``text`` that looks cut at the column edge.

    ``vocabulary``: how often each word (lower case) occurs in the whole document; a
    word used more than once is not an accident of the column edge.
    """
    words, ordered = _dictionary()
    counts = vocabulary or {}
    extra = set(counts)
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        lower = word.lower()
        if len(word) == 1:
            after = text[match.end() : match.end() + 2]
            if lower not in ("a", "i") and not after.startswith((")", ".", ":")):
                found.append(match.span())
            continue
        if word.isupper() or counts.get(lower, 0) > 1:
            continue  # an acronym, or a word the document uses elsewhere
        if not _known(lower, words) and _begins_longer_word(lower, ordered, extra):
            found.append(match.span())
    return found

