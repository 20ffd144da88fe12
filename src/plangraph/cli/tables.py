"""What ``plangraph extract`` shows a person checking what was read: rich tables."""

from __future__ import annotations

from typing import Any

from plangraph.model.locators import describe
from plangraph.model.records import Extraction, Mention, Span

__all__ = ["extraction_to_tables", "summary"]


def summary(ex: Extraction) -> str:
    """One line: what was read from the document."""
    counts = [f"{len(ex.priorities)} priorities"]
    if ex.items or ex.headings:
        kinds: dict[str, int] = {}
        for item in ex.items:
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
        levels: dict[str, int] = {}
        for h in ex.headings:
            levels[h.level] = levels.get(h.level, 0) + 1
        counts = [f"{n} {level} headings" for level, n in levels.items()]
        counts += [f"{n} {kind}s" for kind, n in kinds.items()]
        counts.append(f"{len(ex.code_key)} codes in the key")
    elif _action_plan(ex):
        missing = sum(o.label_missing for o in ex.outcomes)
        counts.append(f"{len(ex.outcomes)} outcomes" + (f" ({missing} without a label)" if missing else ""))
        counts.append(f"{len(ex.measures)} measures")
    else:
        counts.append(f"{len(ex.activities)} activities")
        counts.append(f"{sum(len(a.sources) for a in ex.activities)} evidence sources")
    counts.append(f"{len(ex.notes)} notes")
    return f"{ex.plan.file} [{ex.plan.layout}] {ex.plan.title}: " + ", ".join(counts)


def _action_plan(ex: Extraction) -> bool:
    """Read by the action-plan reader (whatever the layout file's name)?"""
    return bool(ex.outcomes or ex.measures or ex.rows) or not ex.activities and ex.plan.layout == "action-plan"


def _names(mentions: tuple[Mention, ...]) -> str:
    return "\n".join(m.name for m in mentions) or "-"


def extraction_to_tables(ex: Extraction) -> list[Any]:
    """Rich renderables that show a person what was read (the CLI prints them)."""
    from rich.table import Table
    from rich.text import Text

    def row(table: Any, *cells: str) -> None:
        # Document text is data, never markup: "[Sheffield Hallam, ...]" must print as is.
        table.add_row(*(Text(c) for c in cells))

    def columns(table: Any, spec: tuple[tuple[str, int], ...]) -> None:
        for name, ratio in spec:
            if ratio:
                table.add_column(name, ratio=ratio)
            else:
                table.add_column(name, no_wrap=True)

    out: list[Any] = [Text(summary(ex), style="bold")]
    if ex.items or ex.headings:
        headings = {h.key: h for h in ex.headings}
        items = Table(title="Items", show_lines=True, expand=True)
        columns(items, (("Where", 0), ("Under", 2), ("Item", 6), ("Leads", 3), ("When", 2), ("Measures", 5),
                        ("Codes", 1)))
        for i in ex.items:
            under = " / ".join(headings[k].text.text for k in i.headings)
            leads = "\n".join(f"{x.name} [{x.kind}]" for x in i.leads) or "-"
            when = (i.timescale.text if i.timescale else "-") + (f"\n= {i.due}" if i.due else "")
            row(items, _where(i.text.span, first=True), under, f"{i.kind}: {i.text.text}", leads, when,
                "\n".join(f"- {m.text}" for m in i.measures) or "-", " ".join(c.code for c in i.codes) or "-")
        out.append(items)
    elif _action_plan(ex):
        outcomes = Table(title="Outcomes", show_lines=False, expand=True)
        columns(outcomes, (("Where", 0), ("Priority", 0), ("Outcome", 0), ("Title", 1)))
        for o in ex.outcomes:
            title = o.title.text if o.title else "(label missing from the document)"
            row(outcomes, _where(o.span), o.priority, o.code or "?", title)
        out.append(outcomes)
        measures = Table(title="Performance measures", show_lines=True, expand=True)
        columns(measures, (("Where", 0), ("Outcome", 0), ("No.", 0), ("Measure", 6),
                           ("Lead organisations", 3), ("Officers", 3)))
        for m in ex.measures:
            row(
                measures,
                _where(m.text.span), m.outcome_code or "?",
                m.numeral or "-", m.text.text, _names(m.lead.organisations), _names(m.lead.officers),
            )
        out.append(measures)
    else:
        acts = Table(title="Key activities", show_lines=True, expand=True)
        columns(acts, (("Where", 0), ("Priority", 0), ("No.", 0), ("Key activity", 5),
                       ("Evidence sources", 7)))
        for a in ex.activities:
            sources = "\n".join(f"{k}. [{s.kind}] {s.text}" for k, s in enumerate(a.sources, 1)) or "-"
            row(acts, _where(a.text.span, first=True), a.priority, a.number, a.text.text, sources)
        out.append(acts)
    if ex.notes:
        notes = Table(title="Notes: what the reader flagged (kept as printed)", expand=True)
        columns(notes, (("Where", 0), ("What", 0), ("Note", 1)))
        for n in ex.notes:
            row(notes, _where(n.span, first=True), n.code, n.message)
        out.append(notes)
    return out


def _where(span: Span, *, first: bool = False) -> str:
    """Where a record stands: its line(s) in a text file, else its page, cell or table row."""
    if span.where:
        return describe(span.where[:1] if first else span.where)
    if first or span.line_start == span.line_end:
        return str(span.line_start)
    return f"{span.line_start}-{span.line_end}"
