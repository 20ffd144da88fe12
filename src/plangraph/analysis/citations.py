"""Citations inside a claim's own words ("(2011 census)", "Quarter 3 statistics").

Patterns live in ``data/citations.tsv``; each match names a source that the claim cites,
in addition to the sources its row cites.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass
from functools import lru_cache

from plangraph.resources import data_rows

__all__ = ["Citation", "find_citations"]


@dataclass(frozen=True)
class Citation:
    source: str  # the source's name as printed
    kind: str
    start: int  # offsets of the name in the claim's text
    end: int


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = data_rows("citations.tsv", delimiter="\t")
    return tuple((re.compile(row["pattern"], re.IGNORECASE), row["kind"]) for row in rows)


def find_citations(text: str) -> list[Citation]:
    """The sources that ``text`` cites in its own words, without overlaps, in order."""
    found: list[Citation] = []
    # the spans taken so far, in order: they do not overlap, so their ends are in order too and
    # the one that starts last before a new span is the only one that may overlap it
    taken: list[tuple[int, int]] = []
    for pattern, kind in _patterns():
        for match in pattern.finditer(text):
            start, end = match.span("source")
            before = bisect_left(taken, end, key=_start)
            if before and taken[before - 1][1] > start:
                continue
            insort(taken, (start, end))
            found.append(Citation(" ".join(match.group("source").split()), kind, start, end))
    return sorted(found, key=lambda c: c.start)


def _start(span: tuple[int, int]) -> int:
    return span[0]
