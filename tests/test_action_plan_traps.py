"""The action-plan reader on small invented plans, one trap at a time."""

from __future__ import annotations

from plangraph.ingest.document import parse_document
from plangraph.ingest import read_text
from plangraph.model.records import Extraction

HEADER = "Outcomes\tPerformance measures\tEnd of Year Update on Actions from 2017-2018\tLead organisation"


def read(*lines: str) -> Extraction:
    text = "\n".join(("Westshire Partnership Plan 2019-2022 Action Plan", "", *lines, ""))
    return read_text(parse_document(text.encode("utf-8"), "westshire.txt"))


def test_two_measures_in_one_cell_share_the_row_and_a_single_lead() -> None:
    ex = read(
        "Priority 1. Healthy lives", "", HEADER,
        "1a: Fewer smokers\ti) Smoking rate ii).Quit rate at 4 weeks\tClinics opened.\tWestshire Council Ann Bell",
    )
    assert [(m.numeral, m.text.text) for m in ex.measures] == [("i", "Smoking rate"), ("ii", "Quit rate at 4 weeks")]
    assert ex.measures[0].row == ex.measures[1].row
    for m in ex.measures:
        assert [o.name for o in m.lead.organisations] == ["Westshire Council"]
        assert [o.name for o in m.lead.officers] == ["Ann Bell"]


def test_a_row_continues_across_a_page_break() -> None:
    ex = read(
        "Priority 1. Healthy lives", "", HEADER,
        "1a: Children are\ti) Percentage of pupils\tThe first half of the update\tWestshire",
        "", HEADER,
        "happy at school\twho feel safe\tand the second half.\tCouncil Ann Bell",
    )
    assert [o.title.text for o in ex.outcomes if o.title] == ["Children are happy at school"]
    assert ex.measures[0].text.text == "Percentage of pupils who feel safe"
    assert ex.rows[0].update is not None
    assert ex.rows[0].update.text == "The first half of the update and the second half."
    assert [o.name for o in ex.measures[0].lead.organisations] == ["Westshire Council"]


def test_lost_label_after_page_break_is_kept_apart() -> None:
    ex = read(
        "Priority 2. Learning", "", HEADER,
        "2a: Ready for school\ti) Good level of development\tDone.\tWestshire Council",
        "\tii) Take-up of nursery places\tDone.\tWestshire Council",
        "", HEADER,
        "\ti) Attainment at 16\tDone.\tWestshire Council",
        "\tii) Attendance\tDone.\tWestshire Council",
        "2c: Inclusion\ti) Exclusions\tDone.\tWestshire Council",
    )
    assert [o.code for o in ex.outcomes] == ["2a", None, "2c"]
    assert [m.outcome_code for m in ex.measures] == ["2a", "2a", None, None, "2c"]
    lost = ex.outcomes[1]
    assert lost.label_missing and lost.span.line_start == 10  # the line of its first measure
    assert [n.code for n in ex.notes if n.code == "outcome-label-missing"] == ["outcome-label-missing"]


def test_spill_moves_only_the_sentence_end() -> None:
    ex = read(
        "Priority 1. Healthy lives", "", HEADER,
        "1a: Fewer smokers\ti) Smoking rate\tWork is led with the clinics and\tWestshire Council",
        "\tii) Quit rate\tpharmacies across the county. A new service opens in May.\tWestshire Council",
    )
    first, second = ex.rows
    assert first.update is not None and second.update is not None
    assert first.update.text == "Work is led with the clinics and pharmacies across the county."
    assert second.update.text == "A new service opens in May."
    assert [n.code for n in ex.notes] == ["spill"]


def test_no_spill_across_a_priority_heading() -> None:
    ex = read(
        "Priority 1. Healthy lives", "", HEADER,
        "1a: Fewer smokers\ti) Smoking rate\tWork continues with\tWestshire Council",
        "Priority 2. Learning", "", HEADER,
        "2a: Ready\ti) Attendance\tpupils and parents.\tWestshire Council",
    )
    assert ex.rows[1].update is not None and ex.rows[1].update.text == "pupils and parents."


def test_stacked_leads_and_the_plan_wide_row() -> None:
    ex = read(
        "Priority 1. Healthy lives", "", HEADER,
        "1a: Fewer smokers\ti) Smoking rate ii) Quit rate\tDone.\tWestshire Council Ann Bell Westshire NHS Trust Raj Patel",
        "All outcomes\tRelevant performance measures\tNetwork met monthly.\tWestshire Voluntary Action Network",
    )
    first, second = ex.measures
    assert [o.name for o in first.lead.organisations] == ["Westshire Council"]
    assert [o.name for o in first.lead.officers] == ["Ann Bell"]
    assert [o.name for o in second.lead.organisations] == ["Westshire NHS Trust"]
    assert [o.name for o in second.lead.officers] == ["Raj Patel"]
    assert first.stacked_lead and second.stacked_lead
    plan_wide = ex.rows[-1]
    assert plan_wide.plan_wide_label is not None and plan_wide.measure_keys == ()
    assert [o.name for o in plan_wide.lead.organisations] == ["Westshire Voluntary Action Network"]
    assert len(ex.measures) == 2


def test_title_comes_from_the_first_line_without_a_manifest() -> None:
    ex = read("Priority 1. Healthy lives", "", HEADER, "1a: A\ti) B\tC.\tD Council")
    assert ex.plan.title == "Westshire Partnership Plan 2019-2022 Action Plan"
    assert ex.plan.slug == "westshire"
