"""The areas a plan may name, from ``data/areas.csv``, and the patterns that find them in text.

Each line of the file gives a name as printed ("Nottingham City", "national", "nationally"),
the canonical area it stands for, its ONS GSS code, and its form: a place, an adjective or
an adverb.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from plangraph.resources import data_rows
from plangraph.text import alternation

__all__ = ["STAT", "Area", "area_gss", "area_patterns", "areas", "canonical_area"]

# The statistics an area adjective qualifies: "the England average", "the national rate".
STAT = r"(?:average|rate|figure|level|mean|benchmark)"


@dataclass(frozen=True)
class Area:
    """One line of ``data/areas.csv``."""

    printed: str
    canonical: str
    gss: str
    form: str
    source: str


@lru_cache(maxsize=1)
def areas() -> tuple[Area, ...]:
    """Every line of ``data/areas.csv``, in file order."""
    rows = data_rows("areas.csv")
    return tuple(Area(r["printed"], r["canonical"], r["gss"], r["form"], r["source"]) for r in rows)


def area_gss(name: str) -> str | None:
    """The ONS GSS code of canonical area ``name`` (``area_gss("England") == "E92000001"``)."""
    return next((a.gss for a in areas() if a.canonical == name), None)


@lru_cache(maxsize=1)
def area_patterns() -> tuple[dict[str, str], str, str, str]:
    """(printed -> canonical, place names, place and adjective names, adverbs) as alternations."""
    canonical = {a.printed: a.canonical for a in areas()}

    def names(forms: tuple[str, ...]) -> str:
        return alternation((a.printed for a in areas() if a.form in forms), any_spacing=True)

    return canonical, names(("place",)), names(("place", "adjective")), names(("adverb",))


def canonical_area(printed: str) -> str | None:
    """The canonical area of a name as printed (spacing and, failing that, case aside)."""
    names = area_patterns()[0]
    printed = " ".join(printed.split())
    return names.get(printed) or names.get(printed.lower())
