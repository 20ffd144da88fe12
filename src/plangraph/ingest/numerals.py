"""Measure numerals of the *action plan* layout: the roman numerals ("i)", "iv).", "(v)")
that number the performance measures, and a measures cell split at them."""

from __future__ import annotations

import re

from plangraph.ingest.document import Cell

__all__ = ["NUMERAL", "roman", "split_measures"]

_ROMAN = r"(?:x{0,3}(?:ix|iv|v?i{1,3}|v|x))"
NUMERAL = re.compile(rf"(?:(?<=\s)|^)\(?({_ROMAN})\)\s*\.?\s*")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


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
