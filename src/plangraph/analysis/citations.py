"""Citations inside a claim's own words ("(2011 census)", "Quarter 3 statistics").

Patterns live in ``data/citations.tsv``; each match names a source that the claim cites,
in addition to the sources its row cites.
"""

from __future__ import annotations

import re
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
    for pattern, kind in _patterns():
        for match in pattern.finditer(text):
            start, end = match.span("source")
            if any(c.start < end and start < c.end for c in found):
                continue
            found.append(Citation(" ".join(match.group("source").split()), kind, start, end))
    return sorted(found, key=lambda c: c.start)
