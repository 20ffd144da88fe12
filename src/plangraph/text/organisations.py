"""The known organisations (``data/organisations.csv``), read once for every stage.

Readers use the names to find organisations in lead cells; resolution maps each name to
its canonical body and kind. Each line gives a name as printed, the canonical name it
stands for (empty: itself), the body's kind and the plans in which the name means that
body (empty: any plan).

>>> known_organisations()["CCG"]
'Nottingham City CCG'
>>> next(o for o in organisation_names() if o.name == "CCG").plans
frozenset({'nottingham-cypp-2016-2020'})
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from plangraph.resources import data_rows

__all__ = ["OrganisationName", "known_organisations", "organisation_names"]


@dataclass(frozen=True)
class OrganisationName:
    """One line of ``data/organisations.csv``."""

    name: str
    canonical: str  # the name itself when the file leaves it empty
    kind: str
    plans: frozenset[str]  # empty: the name means this body in any plan


@lru_cache(maxsize=1)
def organisation_names() -> tuple[OrganisationName, ...]:
    """Every line of ``data/organisations.csv``, in file order."""
    return tuple(
        OrganisationName(row["name"], row["canonical"] or row["name"], row["kind"],
                         frozenset(p for p in row["plans"].split("|") if p))
        for row in data_rows("organisations.csv")
    )


@lru_cache(maxsize=1)
def known_organisations() -> dict[str, str]:
    """Every organisation name or alias of the reference data -> its canonical name."""
    return {o.name: o.canonical for o in organisation_names()}
