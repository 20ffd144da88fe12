"""A synthetic review table: priorities in any order, numbered key activities, their
evidence sources joined in every way the seed reviews join them, and evidence of achievement."""

from __future__ import annotations

import random
import re

from plangraph.bench.synth.cells import paragraph, split_cell
from plangraph.bench.synth.pools import source_pool
from plangraph.bench.synth.truth import ActivityTruth, PlanTruth
from plangraph.bench.synth.vocabulary import (ACTIVITY_TEMPLATES, ACTIVITY_X, ACTIVITY_Y, PERSONAL, PLACES,
                                              REVIEW_PRIORITIES, ROLES)

__all__ = ["REVIEW_HEADER", "make_review_table"]

REVIEW_HEADER = "\tKey activities\tEvidence source\tEvidence of achievement"


def _source_cell(rng: random.Random) -> tuple[str, tuple[str, ...]]:
    pool = source_pool()
    count = rng.choices((1, 2, 3, 4), weights=(3, 4, 3, 2))[0]
    personal = rng.random() < 0.45
    docs = count - 1 if personal else count
    picked: list[str] = []
    while len(picked) < docs:
        # Skewed towards the front of the pool: many plans cite the same sources.
        source = pool[min(int(rng.expovariate(1 / 18)), len(pool) - 1)]
        if source not in picked:
            picked.append(source)
    if personal:
        picked.append(rng.choice(PERSONAL).format(r=rng.choice(ROLES)))
    if not picked:
        picked.append(pool[0])
    cell = picked[0]
    for k, source in enumerate(picked[1:], 1):
        before = picked[k - 1]
        joins = [" ; ", " ; ", " ; and "]
        if source.startswith(("conversation", "information")) or before.endswith("</i>"):
            joins.append(" and ")
        # ", " after a URL is not offered: the reader's URL zone swallows the comma
        # ("...plan.pdf, conversation with ...") and the two sources stay one.
        if source.startswith(("<i>", "conversation", "information")) and not re.search(
                r"https?://\S+$", before):
            joins.append(", ")
        cell += rng.choice(joins) + source
    return cell, tuple(picked)


def make_review_table(index: int, seed: int, rng: random.Random) -> tuple[str, str, PlanTruth]:
    """The review table ``index`` of ``seed``: (file name, text, truth)."""
    place = PLACES[rng.randrange(len(PLACES))]
    year = rng.randint(2016, 2022)
    name = f"synth-{seed}-{index:04d}-{place.lower()}-plan-review.txt"
    n_priorities = rng.randint(3, 5)
    order = list(range(1, n_priorities + 1))
    rng.shuffle(order)
    target = round(20 * rng.uniform(0.7, 1.3))
    counts = [target // n_priorities + (1 if k < target % n_priorities else 0) for k in range(n_priorities)]
    lines = [f"{place} Children, Young People and Families Plan: Review {year}", ""]
    activities: list[ActivityTruth] = []
    for p, count in zip(order, counts):
        heading = REVIEW_PRIORITIES[p - 1].format(P=place.upper())
        lines += [f"Priority {p} {heading}", "", REVIEW_HEADER]
        every = rng.randint(3, 5)
        since = 0
        for number in range(1, count + 1):
            text = rng.choice(ACTIVITY_TEMPLATES).format(
                x=rng.choice(ACTIVITY_X), y=rng.choice(ACTIVITY_Y), year=year + 1)
            cell, sources = _source_cell(rng)
            evidence = paragraph(rng, 2, 6)
            activities.append(ActivityTruth(str(p), str(number), text, sources))
            printed_number = f"{number}." if rng.random() < 0.1 else str(number)
            cells = (printed_number, text, cell, evidence)
            if since >= every:
                since = 0
                if rng.random() < 0.5:
                    halves = [split_cell(rng, c) for c in cells[1:]]
                    lines.append("\t".join((printed_number, *(h for h, _ in halves))))
                    lines += ["", REVIEW_HEADER, "\t".join(("", *(t for _, t in halves)))]
                    since = 1
                    continue
                lines += ["", REVIEW_HEADER]
            if rng.random() < 0.12:
                sentences = re.split(r"(?<=\.) (?=[A-Z])", evidence)
                if len(sentences) > 1:
                    lines.append("\t".join((printed_number, text, cell, sentences[0])))
                    lines.append("\t".join(("", "", "", " ".join(sentences[1:]))))
                    since += 1
                    continue
            lines.append("\t".join(cells))
            since += 1
        lines.append("")
    truth = PlanTruth(name, "review-table", tuple(str(p) for p in order), (), (), tuple(activities))
    return name, "\n".join(lines) + "\n", truth
