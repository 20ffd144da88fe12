"""A plan of a layout plangraph has never seen, written for this test as a council might keep it in
Excel (a title, priority lines, a bold section row merged across the table, a theme merged down
its rows, RAG spelt three ways), read with no layout file from its header words alone."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.styles import Font

from lead_support import assert_leads_located
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
    # "Kent Police" is in no reference list, but named as a body is (data/organisation_words.txt)
    assert [(x.name, x.kind) for x in first.partners] == [("Kent Police", "organisation"),
                                                          ("NHS England", "organisation")]
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


# One-line lead cells that name several leads, in a tab-separated plan read with the generic
# layout: (lead cell, the leads it names as (printed, kind)). A known organisation's name comes
# from data/organisations.csv; a person is two capitalised words beside it that the plan never
# prints in lower case; posts and teams by data/lead_words.csv.
LEAD_CELLS = [
    ("Nottingham City Council", [("Nottingham City Council", "organisation")]),
    ("Nottingham City Council, Nottinghamshire Police",
     [("Nottingham City Council", "organisation"), ("Nottinghamshire Police", "organisation")]),
    ("Nottingham City Council and Nottinghamshire Police",
     [("Nottingham City Council", "organisation"), ("Nottinghamshire Police", "organisation")]),
    ("Nottingham City Council / Tariq Doyle", [("Nottingham City Council", "organisation"), ("Tariq Doyle", "person")]),
    ("Nottingham City Council (Tariq Doyle)", [("Nottingham City Council", "organisation"), ("Tariq Doyle", "person")]),
    ("Nottingham City Council Tariq Doyle", [("Nottingham City Council", "organisation"), ("Tariq Doyle", "person")]),
    # the network is a known organisation (its name holds "and"), not cut inside its name
    ("Children and Young People's Provider Network Tariq Doyle",
     [("Children and Young People's Provider Network", "organisation"), ("Tariq Doyle", "person")]),
    # a post whose name holds "and", after a known organisation: the post kept whole
    ("Nottingham City Council, Head of Early Help and Youth Services",
     [("Nottingham City Council", "organisation"), ("Head of Early Help and Youth Services", "post")]),
    # not split: one known name holding "and"; a longer name holding a known one
    ("Health and Wellbeing Board", [("Health and Wellbeing Board", "organisation")]),
    ("Nottinghamshire Health and Wellbeing Board", [("Nottinghamshire Health and Wellbeing Board", "team")]),
    # not split: a body no reference data knows ("Ltd" is no lead); a post holding "and"
    ("Foo Bar Baz Group, Ltd", [("Foo Bar Baz Group, Ltd", "team")]),
    ("Head of Early Help and Youth Services", [("Head of Early Help and Youth Services", "post")]),
    # not split: the plan prints "public health" in lower case (in this row's action), so
    # "Public Health" is no person's name
    ("Nottingham City Council Public Health", [("Nottingham City Council Public Health", "unknown")]),
]


@pytest.fixture(scope="module")
def lead_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Extraction]:
    lines = ["Leads delivery plan 2025", "", "Ref\tAction\tLead\tTimescale\tStatus"]
    for k, (cell, _) in enumerate(LEAD_CELLS, start=1):
        action = "Improve public health" if cell.endswith("Public Health") else "Do things well"
        lines.append(f"1.{k}\t{action}\t{cell}\tMarch 2025\tGreen")
    text = "\n".join(lines) + "\n"
    path = tmp_path_factory.mktemp("leads") / "leads-delivery-plan.txt"
    path.write_text(text, encoding="utf-8")
    return text, read(path)[1]


@pytest.mark.parametrize("k", range(len(LEAD_CELLS)), ids=[cell for cell, _ in LEAD_CELLS])
def test_a_one_line_lead_cell_naming_several_leads(lead_plan: tuple[str, Extraction], k: int) -> None:
    text, plan = lead_plan
    assert plan.plan.layout == "generic" and len(plan.items) == len(LEAD_CELLS)
    cell, want = LEAD_CELLS[k]
    item = plan.items[k]
    # each lead is located on its own words in the file, in the order printed
    row = text.index(f"\n1.{k + 1}\t") + 1
    assert_leads_located(item, text, cell, text.index(f"\t{cell}\t", row) + 1, want)
    # what is not a lead is only what stands between them, and the cell is kept whole
    rest = cell
    for printed, _ in want:
        rest = rest.replace(printed, " ", 1)
    assert rest.replace(" and ", " ").strip(" ,/()") == ""
    assert item.lead_cell is not None and item.lead_cell.text == cell
