"""Where a record stands: a :class:`Span` of the document's text (lines and offsets, and the
cells of a PDF, Word, Excel or CSV file it was read from), and a :class:`Fragment`, text
joined from several spans.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from plangraph.model.locators import Locator, describe

__all__ = ["Span", "Fragment", "LineIndex", "CellIndex"]


@dataclass(frozen=True)
class Span:
    """A stretch of a document: lines ``line_start..line_end`` and offsets ``[start, end)``."""

    file: str
    line_start: int
    line_end: int
    start: int
    end: int
    # the cells of a PDF, Word, Excel or CSV file the text was read from, in document order
    # (none for a text file, whose lines are its own terms)
    where: tuple[Locator, ...] = ()

    def cover(self, other: Span) -> Span:
        """The smallest span holding both ``self`` and ``other``."""
        first, last = (self, other) if self.start <= other.start else (other, self)
        where = first.where + tuple(loc for loc in last.where if loc not in first.where)
        return Span(
            self.file,
            first.line_start,
            max(self.line_end, other.line_end),
            first.start,
            max(self.end, other.end),
            where,
        )

    @property
    def location(self) -> str:
        """``file:line`` or ``file:first-last`` (``file p.5``, ``file Plan!C12`` ...), as users cite it."""
        if self.where:
            return f"{self.file} {describe(self.where)}"
        if self.line_start == self.line_end:
            return f"{self.file}:{self.line_start}"
        return f"{self.file}:{self.line_start}-{self.line_end}"


@dataclass(frozen=True)
class Fragment:
    """Text read from one or more pieces of the document, joined with single spaces.

    ``index`` maps each character of ``text`` to its offset in the document, so a part
    of the text (a name, a source, a claim) can be located exactly with :meth:`sub`.
    """

    text: str
    parts: tuple[Span, ...]
    index: tuple[int, ...] = field(repr=False, compare=False, default=())

    @property
    def span(self) -> Span:
        span = self.parts[0]
        for part in self.parts[1:]:
            span = span.cover(part)
        return span

    def sub(self, start: int, end: int, lines: LineIndex) -> Fragment:
        """The fragment of ``text[start:end]``, located in the document.

        ``index`` holds ``-1`` for the spaces that join two parts; they split the
        slice into one span per part it touches.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"empty or out-of-range slice [{start}:{end}] of {self.text!r}")
        index = self.index[start:end]
        parts: list[Span] = []
        run: list[int] = []
        for offset in (*index, -1):
            if offset >= 0:
                run.append(offset)
            elif run:
                parts.append(lines.span(self.parts[0].file, run[0], run[-1] + 1))
                run = []
        if not parts:
            raise ValueError(f"slice [{start}:{end}] of {self.text!r} holds no document text")
        return Fragment(self.text[start:end], tuple(parts), index)

    def as_dict(self) -> dict[str, Any]:
        span = self.span
        return {
            "text": self.text,
            "lines": [span.line_start, span.line_end],
            "start": span.start,
            "end": span.end,
            "parts": [[p.line_start, p.start, p.end] for p in self.parts],
        }


class LineIndex:
    """Turns character offsets of one document into line numbers."""

    def __init__(self, text: str) -> None:
        starts = [0]
        found = text.find("\n")
        while found >= 0:
            starts.append(found + 1)
            found = text.find("\n", found + 1)
        self._starts = starts

    def line_of(self, offset: int) -> int:
        """1-based line holding character ``offset``."""
        lo, hi = 0, len(self._starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def span(self, file: str, start: int, end: int) -> Span:
        return Span(file, self.line_of(start), self.line_of(max(start, end - 1)), start, end,
                    self.locators(start, end))

    def locators(self, start: int, end: int) -> tuple[Locator, ...]:
        """The cells that characters ``start`` to ``end`` were read from (none in a text file)."""
        return ()


class CellIndex(LineIndex):
    """A :class:`LineIndex` over text made from cells, which also knows each cell's locator.

    ``regions`` are ``(start, end, locator)`` in text order, not overlapping.
    """

    def __init__(self, text: str, regions: list[tuple[int, int, Locator]]) -> None:
        super().__init__(text)
        self._regions = regions
        self._starts_of = [r[0] for r in regions]

    def locators(self, start: int, end: int) -> tuple[Locator, ...]:
        i = max(0, bisect_right(self._starts_of, start) - 1)
        found: list[Locator] = []
        regions = self._regions
        while i < len(regions) and regions[i][0] < max(end, start + 1):
            r_start, r_end, locator = regions[i]
            if r_end > start and locator not in found:
                found.append(locator)
            i += 1
        if not found and regions:
            # an empty place (an outcome whose label was lost): the next cell read, else the last
            i = min(bisect_right(self._starts_of, start), len(regions) - 1)
            found.append(regions[i][2])
        return tuple(found)
