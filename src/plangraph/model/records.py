"""The records that readers produce: what a plan says, each piece with where it stands.

A :class:`Span` points into the document's text (the file decoded as UTF-8, nothing
else changed): 1-based first and last line, 0-based code-point offsets ``start`` and
``end`` (end excluded), so ``text[start:end]`` is what was read. Text that the table
spreads over several lines or cells is a :class:`Fragment`: the pieces joined with one
space, each piece with its own span.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from plangraph.model.locators import Locator, describe

__all__ = [
    "Span",
    "CellIndex",
    "LineIndex",
    "Fragment",
    "Note",
    "Plan",
    "Priority",
    "Outcome",
    "Lead",
    "LeadCell",
    "Mention",
    "Measure",
    "ActionRow",
    "SourceCitation",
    "Activity",
    "Extraction",
]


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
        for i, char in enumerate(text):
            if char == "\n":
                starts.append(i + 1)
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


@dataclass(frozen=True)
class Note:
    """Something the reader noticed and the user should know (a flag, not an error)."""

    code: str
    message: str
    span: Span

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "location": self.span.location}


@dataclass(frozen=True)
class Plan:
    """The document as a whole."""

    file: str
    slug: str
    layout: str
    title: str
    publisher: str | None
    area: str | None
    period: str | None
    sha256: str
    characters: int
    lines: int


@dataclass(frozen=True)
class Priority:
    notation: str
    title: Fragment
    order: int


@dataclass(frozen=True)
class Outcome:
    """An outcome; ``code`` is ``None`` when its label was lost (``label_missing``)."""

    key: str
    priority: str
    code: str | None
    printed_code: str | None
    title: Fragment | None
    label_missing: bool
    span: Span


@dataclass(frozen=True)
class Mention:
    """A name in a lead cell: ``name`` normalised (line-wrap hyphens joined), ``printed`` as is."""

    name: str
    printed: str
    span: Span


@dataclass(frozen=True)
class Lead:
    """The organisations and officers named for one measure (or one stacked entry)."""

    organisations: tuple[Mention, ...]
    officers: tuple[Mention, ...]
    organisation_inherited: bool = False


@dataclass(frozen=True)
class LeadCell:
    """A lead-organisation cell: kept raw, and split into the leads it names."""

    raw: Fragment | None
    entries: tuple[Lead, ...]
    prose: bool
    unparsed: tuple[Mention, ...]

    @property
    def organisations(self) -> tuple[Mention, ...]:
        return tuple(m for e in self.entries for m in e.organisations)

    @property
    def officers(self) -> tuple[Mention, ...]:
        return tuple(m for e in self.entries for m in e.officers)


@dataclass(frozen=True)
class Measure:
    """A performance measure. ``key`` is unique in the plan; numerals can repeat."""

    key: str
    priority: str
    outcome_key: str
    outcome_code: str | None
    numeral: str | None
    printed_numeral: str | None
    text: Fragment
    row: int
    lead: Lead
    stacked_lead: bool


@dataclass(frozen=True)
class ActionRow:
    """One row of an action plan after its continuation lines are joined."""

    index: int
    priority: str
    outcome_key: str | None
    measure_keys: tuple[str, ...]
    update: Fragment | None
    lead: LeadCell
    span: Span
    plan_wide_label: Fragment | None = None
    measure_cell: Fragment | None = None


@dataclass(frozen=True)
class SourceCitation:
    """One source named in an evidence-source cell."""

    printed: Fragment
    text: str
    title: str | None
    urls: tuple[str, ...]
    kind: str
    role: str | None
    date: str | None


@dataclass(frozen=True)
class Activity:
    """A numbered key activity of a review table, with its evidence."""

    key: str
    priority: str
    number: str
    text: Fragment
    source_cell: Fragment | None
    sources: tuple[SourceCitation, ...]
    evidence: Fragment | None
    cut_words: tuple[Mention, ...]


@dataclass(frozen=True)
class Extraction:
    """Everything read from one document."""

    plan: Plan
    priorities: tuple[Priority, ...]
    outcomes: tuple[Outcome, ...] = ()
    measures: tuple[Measure, ...] = ()
    rows: tuple[ActionRow, ...] = ()
    activities: tuple[Activity, ...] = ()
    notes: tuple[Note, ...] = ()
