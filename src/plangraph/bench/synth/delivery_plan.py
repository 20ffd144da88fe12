"""A synthetic delivery plan, read with the generic layout: priorities, numbered actions with
a lead (an organisation, a post or a team), a timescale, a RAG status and a progress update
(sentences with figures), the columns of the action plans councils keep in Word and Excel."""

from __future__ import annotations

import random

from plangraph.bench.synth.cells import paragraph
from plangraph.bench.synth.pools import known_organisations
from plangraph.bench.synth.truth import ActionTruth, PlanTruth
from plangraph.bench.synth.vocabulary import (ACTION_PRIORITIES, ACTIVITY_TEMPLATES, ACTIVITY_X, ACTIVITY_Y, MONTHS,
                                              PLACES)

__all__ = ["DELIVERY_HEADER", "make_delivery_plan"]

DELIVERY_HEADER = "Ref\tAction\tLead\tTimescale\tStatus\tProgress update"
_STATUSES = ("Green", "Amber", "Red", "Complete", "Not started", "On track")
_SUBJECTS = ("Community Safety", "Public Health", "Early Help", "Housing Options", "Youth Justice",
             "Domestic Abuse", "Children's Commissioning", "Adult Learning")


def _timescale(rng: random.Random) -> str:
    """A timescale as councils print them; most name a month and year."""
    year = rng.choice((2024, 2025, 2026))
    r = rng.random()
    if r < 0.45:
        return f"{rng.choice(MONTHS)} {year}"
    if r < 0.65:
        return f"by {rng.choice(MONTHS)} {year}"
    if r < 0.8:
        return f"Q{rng.randint(1, 4)} {year}/{(year + 1) % 100:02d}"
    return rng.choice(("Ongoing", "Quarterly", "Annually"))


def _lead(rng: random.Random, orgs: tuple[str, ...]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A lead cell and the lead it names, (name, kind): an organisation of the reference data,
    a post or a team. (A cell of one line naming an organisation and a person, or two
    organisations, which the generic reader reads as two leads (item_cells.lead_parts), is not
    made here: the generated plans, and so the benchmark's, stay as they were.)"""
    r = rng.random()
    if r < 0.5:
        org = rng.choice(orgs)
        return org, ((org, "organisation"),)
    if r < 0.75:
        post = f"Head of {rng.choice(_SUBJECTS)}"
        return post, ((post, "post"),)
    team = f"{rng.choice(_SUBJECTS)} Team"
    return team, ((team, "team"),)


def make_delivery_plan(index: int, seed: int, rng: random.Random) -> tuple[str, str, PlanTruth]:
    """One delivery plan: (file name, text, truth)."""
    place = rng.choice(PLACES)
    start = rng.choice((2023, 2024, 2025))
    name = f"synth-{seed}-{index:04d}-{place.lower()}-delivery-plan.txt"
    orgs = tuple(rng.sample(known_organisations(), 8))
    lines = [f"{place} Community Safety Partnership Delivery Plan {start}-{start + 3}", ""]
    priorities: list[str] = []
    actions: list[ActionTruth] = []
    for p, title in enumerate(rng.sample(ACTION_PRIORITIES, rng.randint(2, 4)), start=1):
        priorities.append(str(p))
        lines += [f"Priority {p}. {title}", "", DELIVERY_HEADER]
        for a in range(1, rng.randint(6, 14) + 1):
            text = rng.choice(ACTIVITY_TEMPLATES).format(x=rng.choice(ACTIVITY_X), y=rng.choice(ACTIVITY_Y),
                                                         year=start + 1)
            cell, leads = _lead(rng, orgs)
            timescale, status = _timescale(rng), rng.choice(_STATUSES)
            progress = paragraph(rng, 1, 5)  # sentences with figures, each a claim
            lines.append("\t".join((f"{p}.{a}", text, cell, timescale, status, progress)))
            actions.append(ActionTruth(str(p), f"{p}.{a}", text, leads, timescale, status, progress))
        lines.append("")
    return name, "\n".join(lines), PlanTruth(file=name, layout="generic", priorities=tuple(priorities), outcomes=(),
                                             measures=(), activities=(), actions=tuple(actions))
