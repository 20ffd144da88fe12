"""The validation report written out: as text for a person, and as JSON-ready data.

Both list the same groups, one per rule and message, each with the items it was found at
(their label and ``file:line``); the JSON adds every result.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from plangraph.validate.report import SEVERITY_ORDER, ValidationReport, ValidationResult, groups, line_key

__all__ = ["SEVERITY_WORDS", "MAX_LISTED", "summary_line", "report_to_text", "report_to_dict"]

# what a scrutiny officer reads in the report for each severity
SEVERITY_WORDS = {
    "violation": "Violation (must be fixed)",
    "warning": "Warning (please check)",
    "info": "Note (for information)",
}
MAX_LISTED = 20


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(report: ValidationReport) -> str:
    """The first line of the text report: did the plans pass, and if not, how many problems."""
    if not report.plans:
        return "No plan found: nothing was checked"
    violations, warnings, infos = (report.count(s) for s in ("violation", "warning", "info"))
    total = violations + warnings + infos
    if total == 0:
        return "All checks passed"
    parts = [_plural(violations, "violation"), _plural(warnings, "warning")]
    if infos:
        parts.append(_plural(infos, "note"))
    return f"{_plural(total, 'problem')} ({', '.join(parts)})"


def report_to_text(report: ValidationReport, max_listed: int = MAX_LISTED) -> str:
    """The report for people: a summary line, then one section per rule and message."""
    lines = [summary_line(report)]
    if report.plans:
        lines.append(f"Plans checked: {'; '.join(report.plans)}")
    if report.results:
        lines.append("Only violations make the plans fail; warnings point at places to check in the printed plan.")
    for (severity, rule, message), items in groups(report.results).items():
        lines += ["", f"{SEVERITY_WORDS.get(severity, severity)} · {rule} · {_plural(len(items), 'item')}",
                  f"  {message}"]
        lines += [f"  - {label} ({location})" for label, location in items[:max_listed]]
        if len(items) > max_listed:
            lines.append(f"  … and {len(items) - max_listed} more")
    return "\n".join(lines) + "\n"


def report_to_dict(report: ValidationReport) -> dict[str, Any]:
    """The report as JSON-ready data: summary, the same groups as the text, every result."""
    grouped = [
        {"severity": severity, "rule": rule, "message": message, "count": len(items),
         "items": [{"label": label, "location": location} for label, location in items]}
        for (severity, rule, message), items in groups(report.results).items()
    ]
    return {
        "conforms": report.conforms,
        "summary": summary_line(report),
        "plans": list(report.plans),
        "counts": {s: report.count(s) for s in ("violation", "warning", "info")},
        "groups": grouped,
        "results": [asdict(r) for r in sorted(report.results, key=_result_key)],
    }


def _result_key(r: ValidationResult) -> tuple[int, str, str, str, int, str, str, str, str]:
    name, line, label = line_key((r.focus_label, r.location))
    # then by IRI, path and value: two claims with the same words on the same line keep one
    # order from build to build (pySHACL's order follows Python's hashing of the IRIs)
    return (SEVERITY_ORDER.get(r.severity, 3), r.rule, r.message, name, line, label, r.focus,
            r.path or "", r.value or "")
