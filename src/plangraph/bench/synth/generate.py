"""Synthetic plans by index and seed: one at a time, or ``n`` of them written to a folder."""

from __future__ import annotations

import random
from pathlib import Path

from plangraph.bench.synth.action_plan import make_action_plan
from plangraph.bench.synth.review_table import make_review_table
from plangraph.bench.synth.truth import PlanTruth

__all__ = ["generate_plan", "write_plans"]


def generate_plan(index: int, seed: int = 0) -> tuple[str, str, PlanTruth]:
    """One synthetic plan: (file name, text, truth). Even index: action plan; odd: review."""
    rng = random.Random(f"{seed}-{index}")
    if index % 2 == 0:
        return make_action_plan(index, seed, rng)
    return make_review_table(index, seed, rng)


def write_plans(n: int, out_dir: Path, seed: int = 0) -> list[PlanTruth]:
    """Write ``n`` synthetic plans into ``out_dir``; return their truth in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    truths = []
    for index in range(n):
        name, text, truth = generate_plan(index, seed)
        (out_dir / name).write_text(text, encoding="utf-8")
        truths.append(truth)
    return truths
