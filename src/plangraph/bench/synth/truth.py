"""What a correct reader must read from a synthetic plan: its priorities, outcomes,
measures (with their leads), activities (with their sources) and actions (with their leads,
timescales and statuses), as the generator printed them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ActionTruth", "ActivityTruth", "MeasureTruth", "PlanTruth"]


@dataclass(frozen=True)
class MeasureTruth:
    """A performance measure of an action plan and the lead its lead cell gives it."""

    priority: str
    outcome: str | None
    numeral: str
    text: str
    organisations: tuple[str, ...]
    officers: tuple[str, ...]


@dataclass(frozen=True)
class ActivityTruth:
    """A key activity of a review table and the evidence sources its cell cites."""

    priority: str
    number: str
    text: str
    sources: tuple[str, ...]  # each source as printed (with <i> tags)


@dataclass(frozen=True)
class ActionTruth:
    """An action of a delivery plan: its leads (each its name and kind: organisation, person,
    post or team), its timescale, its status and its progress update, as printed."""

    priority: str
    number: str
    text: str
    leads: tuple[tuple[str, str], ...]
    timescale: str
    status: str
    progress: str


@dataclass(frozen=True)
class PlanTruth:
    """One plan: its file, its layout (``action-plan``, ``review-table`` or ``generic``, a
    delivery plan) and its contents."""

    file: str
    layout: str
    priorities: tuple[str, ...]
    outcomes: tuple[str | None, ...]
    measures: tuple[MeasureTruth, ...]
    activities: tuple[ActivityTruth, ...]
    actions: tuple[ActionTruth, ...] = ()
