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

__all__ = ["Vocabulary", "cut_words"]

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


class Vocabulary:
    """How often each word (lower case) occurs in a whole document, and its words in order,
    so that whether a longer word of the document starts with a word is one look-up.

    >>> Vocabulary({"network": 1, "net": 2}).ordered
    ('net', 'network')
    """

    def __init__(self, counts: Mapping[str, int]) -> None:
        self.counts = counts
        self.ordered = tuple(sorted(counts))


def _begins_longer_word(word: str, *ordered: tuple[str, ...]) -> bool:
    """Does a word of one of the sorted ``ordered`` start with ``word`` and go on? Such a word
    sorts right after ``word``."""
    for words in ordered:
        i = bisect.bisect_right(words, word)
        if i < len(words) and words[i].startswith(word):
            return True
    return False


def cut_words(text: str, vocabulary: Mapping[str, int] | Vocabulary | None = None) -> list[tuple[int, int]]:
    """(start, end) of every word of ``text`` that looks cut at the column edge.

    ``vocabulary``: how often each word (lower case) occurs in the whole document; a
    word used more than once is not an accident of the column edge. Give a
    :class:`Vocabulary` when asking of many texts of one document.
    """
    words, ordered = _dictionary()
    if not isinstance(vocabulary, Vocabulary):
        vocabulary = Vocabulary(vocabulary or {})
    counts, extra = vocabulary.counts, vocabulary.ordered
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

