"""Numerals that number what a plan lists: the roman numerals ("i)", "iv).", "(v)") that number
the performance measures of the *action plan* layout, and a measures cell split at them; and the
number an item cell of the items reader starts with ("1 - ...", "1.2 ...") when its table has no
number column."""

from __future__ import annotations

import re

from plangraph.ingest.document import Cell

__all__ = ["NUMERAL", "leading_number", "roman", "split_measures"]

_ROMAN = r"(?:x{0,3}(?:ix|iv|v?i{1,3}|v|x))"
NUMERAL = re.compile(rf"(?:(?<=\s)|^)\(?({_ROMAN})\)\s*\.?\s*")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
# an item's number printed before its text: numbers of one to three digits, dotted ("1", "1.2",
# "2.3.1"), then ".", ")", a dash after a blank, or an en dash ("1. ", "2) ", "1 - ", "1 – "), and
# text that starts with no digit; or a dotted number, a blank and a capitalised word ("1.2 Deliver")
_LEADING = re.compile(r"(\d{1,3}(?:\.\d{1,3})*)(?:[.)]\s+|\s+-\s*|\s*–\s*)(?=[^\d\s])"
                      r"|(\d{1,3}(?:\.\d{1,3})+)\s+(?=[A-Z][a-z])")


def roman(numeral: str) -> int:
    """The value of a lower-case roman numeral.

    >>> roman("iv"), roman("xii")
    (4, 12)
    """
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        nxt = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < nxt else value
    return total


def leading_number(text: str) -> tuple[str, int] | None:
    """The number an item's text starts with, as printed, and where the text after it starts; or
    ``None``. A figure is no number: "2 new hubs", "10% fewer", "2024 campaign", "2.5 FTE", and
    a whole number before a word with no separator ("3 Develop comms": "3 Schools join" is a
    count, and the words alone cannot tell the two apart).

    >>> leading_number("1 - Integrated stop smoking"), leading_number("1. Promote"), leading_number("1.2 Deliver")
    (('1', 4), ('1', 3), ('1.2', 4))
    >>> leading_number("2) Review"), leading_number("3 Develop comms"), leading_number("10% fewer")
    (('2', 3), None, None)
    """
    m = _LEADING.match(text)
    if m is None:
        return None
    return m.group(1) or m.group(2), m.end()


def split_measures(cell: Cell) -> list[tuple[str | None, str | None, Cell]]:
    """Split a measures cell at its numerals: ``(numeral, as printed, text cell)``."""
    found = list(NUMERAL.finditer(cell.text))
    pieces: list[tuple[str | None, str | None, Cell]] = []
    if not found or found[0].start() > 0:
        end = found[0].start() if found else len(cell.text)
        head = cell.text[:end].rstrip()
        if head:
            pieces.append((None, None, Cell(head, cell.start, cell.start + len(head))))
    for k, match in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(cell.text)
        body = cell.text[match.end() : end].rstrip()
        start = cell.start + match.end()
        pieces.append((match.group(1), match.group().strip(), Cell(body, start, start + len(body))))
    return pieces
