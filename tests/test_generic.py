"""A plan of a layout plangraph has never seen, written for this test as a council might keep it in
Excel (a title, priority lines, a bold section row merged across the table, a theme merged down
its rows, RAG spelt three ways), read with no layout file from its header words alone."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from plangraph.ingest import read
from plangraph.model.records import Extraction

HEADER = ["Theme", "What we will do", "By whom", "Partners involved", "By when", "Success measures", "RAG",
          "Latest update"]
ROWS = [
    ["Priority 1. Safer streets"],
    HEADER,
    ["Young people", "Open two youth hubs", "Youth Offending Team", "Kent Police; NHS England", "Mar 2026",
     "• Hubs open\n• 200 visits a month", " Green", "Both sites found."],
    ["", "Train staff in trauma-informed practice", "Head of Public Health", "", "31/12/2025",
     "KPI 1: staff trained KPI 2: feedback", "amber", ""],
    ["Section: Housing"],  # a bold row merged across the table
    ["Older people", "Review home adaptations", "Helene Denness", "", "Ongoing", "Waiting times", "RED",
     "Delayed by staffing."],
]


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Extraction:
    path = tmp_path_factory.mktemp("generic") / "community-safety-plan.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Plan"
    sheet.append(["Community Safety Partnership Plan 2025-26"])
    sheet.append([])
    for row in ROWS:
        sheet.append(row)
    width = len(HEADER)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    sheet.merge_cells(start_row=5, end_row=6, start_column=1, end_column=1)  # the theme, down two rows
    sheet.merge_cells(start_row=7, end_row=7, start_column=1, end_column=width)  # the section, across
    sheet.cell(row=7, column=1).font = Font(bold=True)
    book.save(path)
    return read(path)[1]


def test_it_is_read_with_the_generic_layout(plan: Extraction) -> None:
    assert plan.plan.layout == "generic"
    assert plan.plan.title == "Community Safety Partnership Plan 2025-26"
    assert [(p.notation, p.title.text) for p in plan.priorities] == [("1", "Safer streets")]
    assert [i.text.text for i in plan.items] == ["Open two youth hubs", "Train staff in trauma-informed practice",
                                                 "Review home adaptations"]


def test_the_hierarchy_from_a_merged_column_and_a_bold_row(plan: Extraction) -> None:
    by_key = {h.key: h for h in plan.headings}
    under = [[(by_key[k].level, by_key[k].text.text) for k in i.headings] for i in plan.items]
    assert under == [[("theme", "Young people")], [("theme", "Young people")],
                     [("section", "Section: Housing"), ("theme", "Older people")]]
    assert all(i.priority == "1" for i in plan.items)


def test_leads_partners_dates_measures_and_status(plan: Extraction) -> None:
    first, second, third = plan.items
    assert [(x.name, x.kind) for x in first.leads] == [("Youth Offending Team", "team")]
    assert [(x.name, x.kind) for x in first.partners] == [("Kent Police", "unknown"), ("NHS England", "organisation")]
    assert [(x.name, x.kind) for x in second.leads] == [("Head of Public Health", "post")]
    assert [(x.name, x.kind) for x in third.leads] == [("Helene Denness", "person")]
    assert [i.due for i in plan.items] == ["2026-03", "2025-12-31", None]
    assert [m.text for m in first.measures] == ["Hubs open", "200 visits a month"]
    assert [m.text for m in second.measures] == ["KPI 1: staff trained", "KPI 2: feedback"]
    assert [(i.status.text if i.status else None, i.rag) for i in plan.items] == [
        ("Green", "green"), ("amber", "amber"), ("RED", "red")]
    assert [i.progress.text if i.progress else None for i in plan.items] == [
        "Both sites found.", None, "Delayed by staffing."]


def test_what_it_could_not_read_is_a_note(plan: Extraction) -> None:
    notes = {(n.code, n.span.location.split(" ", 1)[1]) for n in plan.notes}
    assert ("timescale-as-printed", "Plan!E8") in notes  # "Ongoing"
    assert all(n.span.where for n in plan.notes)
