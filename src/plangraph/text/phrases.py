"""Whether two words are printed side by side elsewhere in a text, asked many times of one text.

A reader asks it of every row that may end the previous row's sentence ("... NHS England
and Public" / "Health England. A new ..."): is "Public Health" printed anywhere else in the
document? Searching the whole text for each row makes reading a long document take time in
the square of its length, so the pairs of words the text prints are indexed once.
"""

from __future__ import annotations

import re
from bisect import bisect_left

__all__ = ["WordPairs"]

# A run of non-blanks, one space and the word after it ("Public Health"); the word is looked
# ahead at, so that it also starts the next pair. A pair whose second word starts in lower
# case is not indexed: such a word is asked of the text itself.
_PAIR = re.compile(r"(?<!\S)(\S+) (?=((?![a-z])[\w'’]+))")
_WORD = re.compile(r"[\w'’]+")


class WordPairs:
    """The pairs of words a text prints, one space apart, each with where it stands.

    :meth:`printed` answers ``f"{first} {second}" in text.replace(apart_from, "")`` with a
    look at the pairs that could hold it rather than a pass over the whole text. Two things
    that expression sees are not looked at: copies of ``apart_from`` that overlap each
    other, and a pair that only taking a copy out would bring together.

    >>> pairs = WordPairs("Work with Public Health England. A Public Health team.")
    >>> pairs.printed("Public", "Health", apart_from="Health England. A Public Health team.")
    False
    >>> pairs.printed("Public", "Health", apart_from="A new team.")
    True
    >>> pairs.printed("lic", "Heal", apart_from="A new team.")  # as ``in`` finds it
    True
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: dict[str, dict[str, list[int]]] | None = None
        self._seconds: list[str] = []

    def _pairs(self) -> dict[str, dict[str, list[int]]]:
        if self._index is None:
            index: dict[str, dict[str, list[int]]] = {}
            for match in _PAIR.finditer(self.text):
                index.setdefault(match.group(2), {}).setdefault(match.group(1), []).append(match.end(1))
            self._index = index
            self._seconds = sorted(index)
        return self._index

    def printed(self, first: str, second: str, *, apart_from: str) -> bool:
        """Is ``first``, a space and ``second`` printed in the text outside every copy of
        ``apart_from``? ``first`` holds no blank and ``second`` is a word ("Health")."""
        text = self.text
        if (not first or not second or any(c.isspace() for c in first)
                or _WORD.fullmatch(second) is None or second[0].islower()):
            return f"{first} {second}" in text.replace(apart_from, "")
        index = self._pairs()
        k = bisect_left(self._seconds, second)
        while k < len(self._seconds) and self._seconds[k].startswith(second):
            for left, spaces in index[self._seconds[k]].items():
                if left.endswith(first) and any(
                        self._outside(p - len(first), p + 1 + len(second), apart_from) for p in spaces):
                    return True
            k += 1
        return False

    def _outside(self, start: int, end: int, copy: str) -> bool:
        """Does ``text[start:end]`` overlap no copy of ``copy``?"""
        if not copy:
            return True
        return self.text.find(copy, max(0, start - len(copy) + 1), end - 1 + len(copy)) < 0
