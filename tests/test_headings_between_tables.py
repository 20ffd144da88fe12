"""Text outside a Word plan's tables, read by the generic layout: a numbered "Objective"
or "Theme" paragraph above a table is a priority, as "Priority N" is; a plan that lists its
objectives first and then heads each table with one puts each table's items under its own;
any other paragraph (an introduction, a paragraph between tables) is a note the user sees,
one for each run of paragraphs, never dropped silently."""

from __future__ import annotations

from pathlib import Path

import docx

from plangraph.ingest import read
from plangraph.model.records import Extraction

HEADER = ["Action", "Lead", "Timescale", "Status"]


def _table(document: object, rows: list[list[str]], title: str | None = None) -> None:
    body = ([[title] + [""] * (len(HEADER) - 1)] if title else []) + [HEADER, *rows]
    table = document.add_table(rows=len(body), cols=len(HEADER))  # type: ignore[attr-defined]
    for r, row in enumerate(body):
        if title and r == 0:
            cell = table.cell(0, 0).merge(table.cell(0, len(HEADER) - 1))
            cell.paragraphs[0].add_run(title).bold = True
            continue
        for k, text in enumerate(row):
            run = table.cell(r, k).paragraphs[0].add_run(text)
            run.bold = row is HEADER


def _read(document: object, tmp_path: Path) -> Extraction:
    path = tmp_path / "plan.docx"
    document.save(str(path))  # type: ignore[attr-defined]
    return read(path)[1]


def test_numbered_objectives_above_tables_are_priorities_and_prose_is_a_note(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Community safety delivery plan 2025")
    document.add_paragraph("This plan sets out what the partnership will do.")
    document.add_paragraph("It was agreed by the board in May.")
    document.add_paragraph("Potential Objective 1 - Safer streets")
    _table(document, [["Open two youth hubs", "Youth Offending Team", "March 2026", "Green"]])
    document.add_paragraph("The board reviews progress each quarter.")
    document.add_paragraph("Objective 2: Housing")
    _table(document, [["Review home adaptations", "Youth Offending Team", "July 2025", "Amber"],
                      ["Train staff", "Youth Offending Team", "Ongoing", "Red"]])
    ex = _read(document, tmp_path)
    assert ex.plan.layout == "generic"
    assert ex.plan.title == "Community safety delivery plan 2025"
    assert [(p.notation, p.title.text) for p in ex.priorities] == [("1", "Safer streets"), ("2", "Housing")]
    assert [(i.priority, i.text.text) for i in ex.items] == [
        ("1", "Open two youth hubs"), ("2", "Review home adaptations"), ("2", "Train staff")]
    loose = [n.message for n in ex.notes if n.code == "text-outside-tables"]
    assert loose == [
        "2 lines of text outside the plan's tables, not read: 'This plan sets out what the partnership will do.'",
        "a line of text outside the plan's tables, not read: 'The board reviews progress each quarter.'"]
    first = next(n for n in ex.notes if n.code == "text-outside-tables")
    assert first.span.line_end - first.span.line_start == 1  # the two paragraphs, and no more


def test_objectives_listed_first_then_heading_each_table(tmp_path: Path) -> None:
    """The objectives are listed before the tables; each table's title row names its own (the
    second table first): each item falls under its table's, and no objective is listed twice."""
    document = docx.Document()
    document.add_paragraph("Anti-slavery delivery plan")
    document.add_paragraph("Strategic Objective 1: Increase prosecutions")
    document.add_paragraph("Strategic Objective 2: Tackle child exploitation")
    _table(document, [["Train prosecutors", "Youth Offending Team", "2026", "Green"]],
           title="Strategic Objective 2: Tackle child exploitation")
    _table(document, [["Share intelligence", "Youth Offending Team", "2026", "Green"]],
           title="Strategic Objective 1: Increase prosecutions")
    ex = _read(document, tmp_path)
    assert [(p.notation, p.title.text) for p in ex.priorities] == [
        ("1", "Increase prosecutions"), ("2", "Tackle child exploitation")]
    assert [(i.priority, i.text.text) for i in ex.items] == [("2", "Train prosecutors"), ("1", "Share intelligence")]
    # the title rows are headings still, as before
    titles = {h.key: h.text.text for h in ex.headings}
    assert [titles[k] for i in ex.items for k in i.headings] == [
        "Strategic Objective 2: Tackle child exploitation", "Strategic Objective 1: Increase prosecutions"]
    assert not [n for n in ex.notes if n.code == "text-outside-tables"]
