"""Resolution: one node per real organisation, person and source across plans.

Organisation names and abbreviations map to a canonical name through
``data/organisations.csv``; people are the same person when their names are the same;
sources are the same when their text is the same after case, markup, spacing and plural
differences are ignored ("Report"/"report", "conversation"/"conversations").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plangraph.text import forms_pattern, organisation_names

__all__ = ["Organisation", "organisation", "find_organisations", "source_key", "person_name"]

# kinds of body that are formal organisations (ORG's FormalOrganization) and kinds that
# are partnerships or boards (ORG's OrganizationalCollaboration)
FORMAL = frozenset({"local-authority", "nhs-commissioner", "nhs-body", "government-agency",
                    "police", "company", "council-committee"})
COLLABORATION = frozenset({"partnership", "voluntary-sector-network"})


@dataclass(frozen=True)
class Organisation:
    canonical: str
    kind: str


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str, frozenset[str]]]:
    # an alias takes the kind of the body it stands for
    names = organisation_names()
    kinds = {o.name: o.kind for o in names}
    return {o.name: (o.canonical, kinds.get(o.canonical, o.kind), o.plans) for o in names}


def organisation(name: str, plan: str | None = None) -> Organisation:
    """The organisation a printed name stands for in ``plan`` (a plan slug).

    A name the reference data does not list stands for itself (kind "unknown"); an alias
    whose meaning the data file ties to other plans stands for itself, kind "ambiguous".
    """
    if name not in _table():
        return Organisation(name, "unknown")
    canonical, kind, plans = _table()[name]
    if plans and plan not in plans:
        return Organisation(name, "ambiguous")
    return Organisation(canonical, kind)


@lru_cache(maxsize=1)
def _free_text_pattern() -> re.Pattern[str]:
    # Names that mean one body wherever they stand; ambiguous ones ("Nottingham City",
    # "NCC") and aliases tied to a plan are left to lead cells, where they are read as printed.
    return forms_pattern(n for n, (_, kind, plans) in _table().items() if kind != "ambiguous" and not plans)


def find_organisations(text: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each organisation of the reference data named in running text."""
    return [(m.group(), m.start(), m.end()) for m in _free_text_pattern().finditer(text)]


def person_name(name: str) -> str:
    return " ".join(name.split())


def source_key(text: str) -> str:
    """What two printings of the same source share."""
    plain = re.sub(r"</?i>", "", text).lower()
    plain = re.sub(r"[‘’']", "'", plain)
    plain = " ".join(plain.split()).rstrip(" .")
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
             for w in plain.split(" ")]
    return " ".join(words)
