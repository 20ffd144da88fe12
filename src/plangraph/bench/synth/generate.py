"""Synthetic plans by index and seed: one at a time, or ``n`` of them written to a folder."""

from __future__ import annotations

import random
from pathlib import Path

from plangraph.bench.synth.action_plan import make_action_plan
from plangraph.bench.synth.delivery_plan import make_delivery_plan
from plangraph.bench.synth.review_table import make_review_table
from plangraph.bench.synth.truth import PlanTruth

__all__ = ["generate_plan", "write_plans"]


def generate_plan(index: int, seed: int = 0, *, delivery: bool = False) -> tuple[str, str, PlanTruth]:
    """One synthetic plan: (file name, text, truth). Even index: action plan; odd: review.
    With ``delivery``, every third plan (index 2, 5, 8...) is a delivery plan instead, whose
    actions have timescales and statuses (the benchmark's regions)."""
    rng = random.Random(f"{seed}-{index}")
    if delivery and index % 3 == 2:
        return make_delivery_plan(index, seed, rng)
    if index % 2 == 0:
        return make_action_plan(index, seed, rng)
    return make_review_table(index, seed, rng)


def write_plans(n: int, out_dir: Path, seed: int = 0, *, delivery: bool = False) -> list[PlanTruth]:
    """Write ``n`` synthetic plans into ``out_dir`` (with ``delivery``, a third of them delivery
    plans: see ``generate_plan``); return their truth in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for index in range(n):
        name, text, truth = generate_plan(index, seed, delivery=delivery)
        (out_dir / name).write_text(text, encoding="utf-8")
        truths.append(truth)
    return truths
