"""What goes in a cell of a synthetic plan: sentences with figures, paragraphs of them,
and a cell cut in two where a page breaks in the middle of a row."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from plangraph.bench.synth.pools import service_names

__all__ = ["figure_sentence", "paragraph", "split_cell"]


def figure_sentence(rng: random.Random) -> str:
    """A sentence of an update or of evidence, naming a service and giving figures."""
    service = rng.choice(service_names())
    choices = (
        f"{rng.randint(5, 95)}.{rng.randint(1, 9)}% of pupils in the area now use {service}.",
        (f"{rng.randint(1, 9)},{rng.randint(100, 999)} referrals were received by {service} during "
        f"{rng.choice(('2017/18', '2018/19', 'the year'))}."),
        (f"{service} supported {rng.randint(12, 900)} young people and trained {rng.randint(10, 400)} "
        "professionals."),
        (f"The rate fell from {rng.randint(20, 40)}.{rng.randint(0, 9)} to {rng.randint(10, 19)}."
        f"{rng.randint(0, 9)} per 1000, below the England average of {rng.randint(15, 25)}.{rng.randint(0, 9)}."),
        (f"An independent evaluation of {service} identified strengths and a number of areas for "
        "improvement."),
        f"Partners agreed a joint action plan with {service}, reviewed every quarter by the board.",
        (f"Waiting times for {service} reduced to an average of {rng.randint(2, 12)}.{rng.randint(10, 99)} "
        "weeks."),
        f"Work with {service} continues and a further {rng.randint(2, 30)} sessions are planned.",
    )
    return rng.choice(choices)


def paragraph(rng: random.Random, low: int, high: int) -> str:
    """Between ``low`` and ``high`` sentences with figures."""
    return " ".join(figure_sentence(rng) for _ in range(rng.randint(low, high)))


def _cut_points(text: str) -> list[int]:
    return [m.start() for m in re.finditer(" ", text)]


def split_cell(
    rng: random.Random, text: str, ok: Callable[[str, str], bool] = lambda head, tail: True
) -> tuple[str, str]:
    """Cut ``text`` at a space near its middle into two halves (the second may be empty)."""
    spaces = [s for s in _cut_points(text) if ok(text[:s], text[s + 1:])]
    if not spaces:
        return text, ""
    middle = len(spaces) // 2
    cut = spaces[max(0, min(len(spaces) - 1, middle + rng.randint(-2, 2)))]
    return text[:cut], text[cut + 1:]
