"""The validation report: each SHACL result named for people, and the problems they make.

A problem is one rule and message found at one focus node; pySHACL may give it several
results (one per value, per path), which a report counts and lists once.
"""

from __future__ import annotations

import re

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["ValidationResult", "ValidationReport", "GroupKey", "SEVERITY_ORDER", "groups", "line_key"]

# violations first: the order of the groups in every report
SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}
GroupKey = tuple[str, str, str]


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, named for people.

    ``severity`` is ``"violation"``, ``"warning"`` or ``"info"``; ``rule`` is the label of
    the shape; ``location`` is ``file:line`` or ``"no location"``; ``value`` and ``path``
    are ``None`` when the result has none.
    """

    severity: str
    rule: str
    message: str
    focus: str
    focus_label: str
    location: str
    value: str | None = None
    path: str | None = None
    graph: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """The results of validating every plan of a dataset.

    ``conforms`` is True when at least one plan was checked and no result is a violation.
    ``plans`` names the plans checked (``title (file)``).
    """

    conforms: bool
    results: tuple[ValidationResult, ...] = ()
    plans: tuple[str, ...] = ()

    def count(self, severity: str) -> int:
        """The number of problems (distinct rule, message and focus node) of ``severity``."""
        return sum(len(items) for (sev, _, _), items in groups(self.results).items() if sev == severity)


def line_key(item: tuple[str, str]) -> tuple[str, int, str]:
    """A (label, location) in the order of files and their lines (``a.txt:9`` before ``a.txt:10``)."""
    label, location = item
    name, _, line = location.rpartition(":")
    if line.isdigit():
        return (name, int(line), label)
    # plan.pdf p.9 before plan.pdf p.10; plan.xlsx Plan!B9 before Plan!B10
    place = re.match(r"^(.*?)(\d+)(\D*)$", location)
    if place:
        return (place.group(1), int(place.group(2)), place.group(3) + label)
    return (location, 0, label)


def groups(results: Iterable[ValidationResult]) -> dict[GroupKey, list[tuple[str, str]]]:
    """(severity, rule, message) -> distinct (label, location) of its focus nodes, in order."""
    seen: dict[GroupKey, dict[tuple[str, str, str], tuple[str, str]]] = {}
    for r in results:
        key = (r.severity, r.rule, r.message)
        seen.setdefault(key, {})[(r.focus, r.location, r.graph or "")] = (r.focus_label, r.location)
    ordered = sorted(seen, key=lambda k: (SEVERITY_ORDER.get(k[0], 3), k[1], k[2]))
    return {k: sorted(seen[k].values(), key=line_key) for k in ordered}
