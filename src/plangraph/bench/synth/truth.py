"""What a correct reader must read from a synthetic plan: its priorities, outcomes,
measures (with their leads) and activities (with their sources), as the generator printed them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ActivityTruth", "MeasureTruth", "PlanTruth"]


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
class PlanTruth:
    """One plan: its file, its layout (``action-plan`` or ``review-table``) and its contents."""

    file: str
    layout: str
    priorities: tuple[str, ...]
    outcomes: tuple[str | None, ...]
    measures: tuple[MeasureTruth, ...]
    activities: tuple[ActivityTruth, ...]
