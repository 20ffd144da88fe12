"""The known organisations (``data/organisations.csv``), read once for every stage.

Readers use the names to find organisations in lead cells; resolution maps each name to
its canonical body and kind. Each line gives a name as printed, the canonical name it
stands for (empty: itself), the body's kind and the plans in which the name means that
body (empty: any plan).

>>> known_organisations()["CCG"]
'Nottingham City CCG'
>>> next(o for o in organisation_names() if o.name == "CCG").plans
frozenset({'nottingham-cypp-2016-2020'})
>>> [m.group() for m in organisations_pattern().finditer("Nottingham City Council / Nottingham City")]
['Nottingham City Council', 'Nottingham City']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plangraph.resources import data_rows
from plangraph.text.names import forms_pattern

__all__ = ["OrganisationName", "known_organisations", "organisation_names", "organisations_pattern"]


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


@lru_cache(maxsize=1)
def organisations_pattern() -> re.Pattern[str]:
    """A pattern that finds every known organisation name or alias as a whole name, the longest
    first ("Nottingham City Council" before "Nottingham City")."""
    return forms_pattern(known_organisations())
