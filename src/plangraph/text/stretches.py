"""Stretches of a text, asked many times whether one of them overlaps a place or a stretch.

A reader asks it of every separator in a cell ("is this comma inside a title?") and the
figures of every number ("is it inside an age or a date?"): a scan of every stretch for
each question makes a long cell cost the square of its length.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate

__all__ = ["Stretches"]


class Stretches:
    """``(start, end)`` stretches of a text, in any order, overlapping or not: sorted by
    start once, with the furthest end reached so far at each.

    >>> zones = Stretches([(10, 20), (2, 5)])
    >>> zones.overlap(4, 6), zones.overlap(5, 10), zones.inside(3), zones.inside(5)
    (True, False, True, False)
    """

    def __init__(self, stretches: list[tuple[int, int]]) -> None:
        ordered = sorted(stretches)
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate((e for _, e in ordered), max))

    def overlap(self, start: int, end: int) -> bool:
        """Does a stretch ``(s, e)`` with ``s < end`` and ``start < e`` exist?"""
        before = bisect_left(self.starts, end)  # the stretches that start before ``end``
        return before > 0 and self.reach[before - 1] > start

    def inside(self, pos: int) -> bool:
        """Does ``pos`` stand strictly inside a stretch (``s < pos < e``)?"""
        return self.overlap(pos, pos)
