"""The records that readers produce: what a plan says, each piece with where it stands.

A :class:`Span` points into the document's text (the file decoded as UTF-8, nothing
else changed): 1-based first and last line, 0-based code-point offsets ``start`` and
``end`` (end excluded), so ``text[start:end]`` is what was read. Text that the table
spreads over several lines or cells is a :class:`Fragment`: the pieces joined with one
space, each piece with its own span.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plangraph.model.items import CodeDef, Heading, Item, Preamble
from plangraph.model.spans import CellIndex, Fragment, LineIndex, Span

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
    # the items reader's records
    headings: tuple[Heading, ...] = ()
    preambles: tuple[Preamble, ...] = ()
    items: tuple[Item, ...] = ()
    code_key: tuple[CodeDef, ...] = ()
