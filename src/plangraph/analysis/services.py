"""The services vocabulary (``data/services.csv``) and where texts name its services."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from plangraph.resources import data_rows
from plangraph.text import forms_pattern

__all__ = ["Service", "services", "find_services"]


@dataclass(frozen=True)
class Service:
    label: str
    alt_labels: tuple[str, ...]
    kind: str
    definition: str
    source: str


@lru_cache(maxsize=1)
def services() -> tuple[Service, ...]:
    """Every service of the vocabulary, in file order."""
    rows = data_rows("services.csv")
    return tuple(
        Service(row["label"], tuple(a for a in row["alt_labels"].split("|") if a), row["kind"],
                row["definition"], row["source"])
        for row in rows
    )


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, Service]]:
    by_form: dict[str, Service] = {}
    for service in services():
        for form in (service.label, *service.alt_labels):
            key = form if _is_acronym(form) else form.lower()
            by_form.setdefault(key, service)
    # a name spans any spacing and, unless an acronym ("CAMHS", not "camhs"), any case
    pattern = forms_pattern(by_form, apart_from=r"\w-", any_spacing=True,
                            any_case=lambda form: not _is_acronym(form))
    return pattern, by_form


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def find_services(text: str) -> list[tuple[Service, int, int]]:
    """Each (service, start, end) named in ``text``, longest form first, no overlaps."""
    pattern, by_form = _matcher()
    found = []
    for match in pattern.finditer(text):
        form = " ".join(match.group().split())
        service = by_form.get(form) or by_form.get(form.lower())
        if service is not None:
            found.append((service, match.start(), match.end()))
    return found
