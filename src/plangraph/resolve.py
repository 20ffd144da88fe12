"""Resolution: one node per real organisation, person and source across plans.

Organisation names and abbreviations map to a canonical name through
``data/organisations.csv``; people are the same person when their names are the same;
sources are the same when their text is the same after case, markup, spacing and plural
differences are ignored ("Report"/"report", "conversation"/"conversations").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import data_file

__all__ = ["Organisation", "organisation", "source_key", "person_name"]

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
def _table() -> dict[str, tuple[str, str]]:
    with data_file("organisations.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if line.strip() and not line.startswith("#")))
    kinds = {row["name"]: row["kind"] for row in rows}
    table: dict[str, tuple[str, str]] = {}
    for row in rows:
        canonical = row["canonical"] or row["name"]
        table[row["name"]] = (canonical, kinds.get(canonical, row["kind"]))
    return table


def organisation(name: str) -> Organisation:
    """The organisation a printed name stands for (itself, kind "unknown", if not listed)."""
    canonical, kind = _table().get(name, (name, "unknown"))
    return Organisation(canonical, kind)


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
