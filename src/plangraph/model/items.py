"""Records of the items reader: plans whose rows are actions, commitments or indicators.

Most published action plans are one table of *items* (what will be done), each with its
leads, a timescale, measures, a status and the outcomes it serves, under a hierarchy that
the table's layout shows (a directorate in the page title, a section in a bold row spanning
the table, a theme in a column). A layout file says which; these are what it reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from plangraph.model.spans import Fragment, Span

__all__ = ["Heading", "Preamble", "CodeRef", "CodeDef", "LeadRef", "Item"]


@dataclass(frozen=True)
class Heading:
    """One level of the plan's hierarchy: a directorate from a page title, a section from a
    bold row spanning the table, a theme from a column. ``parent`` is the key of the heading
    it stands under."""

    key: str
    level: str
    text: Fragment
    parent: str | None


@dataclass(frozen=True)
class Preamble:
    """Introductory text in a row spanning the table (regular weight), under its headings."""

    key: str
    headings: tuple[str, ...]
    text: Fragment


@dataclass(frozen=True)
class CodeRef:
    """A code an item points at (a shared outcome), as meant and as printed."""

    code: str
    printed: str
    span: Span
    repaired: bool


@dataclass(frozen=True)
class CodeDef:
    """A row of the plan's key table: a code and what it stands for."""

    code: str
    title: Fragment
    span: Span


@dataclass(frozen=True)
class LeadRef:
    """One lead named in a lead cell: an organisation, a person, a post (or role) or a team.

    ``kind`` is ``organisation``, ``person``, ``post`` or ``team``, or ``unknown`` where the
    words do not say (never guessed); ``expansion`` spells out an abbreviation (DPH)."""

    name: str
    printed: str
    kind: str
    span: Span
    expansion: str | None = None


@dataclass(frozen=True)
class Item:
    """An action, a commitment or an indicator, with what its row says about it."""

    key: str
    kind: str  # "action" | "commitment" | "indicator"
    priority: str | None  # the notation of the priority heading it stands under
    headings: tuple[str, ...]  # keys of the headings in force, outermost first
    number: str | None
    text: Fragment
    leads: tuple[LeadRef, ...]
    lead_cell: Fragment | None
    partners: tuple[LeadRef, ...]
    timescale: Fragment | None
    due: str | None  # the timescale as an ISO date, year-month or year, where unambiguous
    measures: tuple[Fragment, ...]
    status: Fragment | None
    rag: str | None  # the status normalised: "red", "amber", "green", "blue", "complete"...
    progress: Fragment | None
    codes: tuple[CodeRef, ...]
    baseline: Fragment | None
    target: Fragment | None
    span: Span
    description: Fragment | None = None
