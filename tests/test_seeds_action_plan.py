"""The Nottingham CYPP action plan, read against a careful hand reading of it
(tests/data/expected/nottingham-cypp-2016-2020-action-plan.json)."""

from __future__ import annotations

from typing import Any

import pytest

from plangraph.model.records import Extraction

from conftest import ACTION_PLAN, expected

EXPECTED = expected(ACTION_PLAN.stem)


def test_layout_is_detected_from_the_header(action_plan: Extraction) -> None:
    assert action_plan.plan.layout == "action-plan"


def test_counts(action_plan: Extraction, action_expected: dict[str, Any]) -> None:
    assert len(action_plan.priorities) == len(action_expected["priorities"]) == 4
    assert len(action_plan.outcomes) == len(action_expected["outcomes"]) == 11
    assert len(action_plan.measures) == len(action_expected["measures"]) == 43


def test_priorities(action_plan: Extraction, action_expected: dict[str, Any]) -> None:
    got = [(p.notation, p.title.text, p.title.span.line_start) for p in action_plan.priorities]
    want = [(p["notation"], p["title"], p["line"]) for p in action_expected["priorities"]]
    assert got == want


@pytest.mark.parametrize("k", range(len(EXPECTED["outcomes"])))
def test_outcome(action_plan: Extraction, k: int) -> None:
    want = EXPECTED["outcomes"][k]
    o = action_plan.outcomes[k]
    assert (o.priority, o.code, o.label_missing) == (want["priority"], want["code"], want["label_missing"])
    assert (o.title.text if o.title else None) == want["title"]
    assert o.span.line_start == want["first_line"]
    if want["last_line"] is not None:
        assert o.title is not None and o.title.span.line_end == want["last_line"]


def test_lost_outcome_label_is_recorded_not_folded(action_plan: Extraction) -> None:
    missing = [o for o in action_plan.outcomes if o.label_missing]
    assert len(missing) == 1
    lost = missing[0]
    under = [m for m in action_plan.measures if m.outcome_key == lost.key]
    assert [m.text.span.line_start for m in under] == [
        m["first_line"] for m in EXPECTED["measures"] if m["outcome"] is None
    ]
    notes = [n for n in action_plan.notes if n.code == "outcome-label-missing"]
    assert len(notes) == 1 and notes[0].span.line_start == lost.span.line_start == 98


@pytest.mark.parametrize("k", range(len(EXPECTED["measures"])))
def test_measure(action_plan: Extraction, k: int) -> None:
    want = EXPECTED["measures"][k]
    m = action_plan.measures[k]
    got = {
        "priority": m.priority,
        "outcome": m.outcome_code,
        "numeral": m.numeral,
        "text": m.text.text,
        "first_line": m.text.span.line_start,
        "last_line": m.text.span.line_end,
        "organisations": [o.name for o in m.lead.organisations],
        "officers": [o.name for o in m.lead.officers],
    }
    assert got == {key: want[key] for key in got}


def test_measure_keys_are_unique_although_numerals_repeat(action_plan: Extraction) -> None:
    keys = [m.key for m in action_plan.measures]
    assert len(set(keys)) == len(keys)
    pairs = [(m.outcome_key, m.numeral) for m in action_plan.measures]
    assert len(set(pairs)) < len(pairs), "the seed prints a numeral twice under one outcome"


def test_all_outcomes_row_is_not_a_measure(action_plan: Extraction, action_expected: dict[str, Any]) -> None:
    rows = [r for r in action_plan.rows if r.plan_wide_label is not None]
    want = action_expected["plan_wide"]
    assert [r.plan_wide_label.text for r in rows if r.plan_wide_label] == [w["label"] for w in want]
    assert [[o.name for o in r.lead.organisations] for r in rows] == [w["organisations"] for w in want]
    assert all(not r.measure_keys for r in rows)
    assert not any("Relevant performance measures" in m.text.text for m in action_plan.measures)


def test_every_row_keeps_its_raw_lead_cell(action_plan: Extraction, action_doc: Any) -> None:
    for row in action_plan.rows:
        if row.lead.raw is None:
            continue
        for part in row.lead.raw.parts:
            assert action_doc.text[part.start : part.end] in row.lead.raw.text


def test_spills_belong_to_the_row_whose_sentence_they_end(action_plan: Extraction) -> None:
    by_line = {r.span.line_start: r for r in action_plan.rows}
    dtap_row = by_line[17]  # its update continues "... NHS England and Public"
    assert dtap_row.update is not None
    assert dtap_row.update.text.endswith("NHS England and Public Health England.")
    obesity = by_line[18]
    assert obesity.update is not None and obesity.update.text.startswith("A new Healthy Lifestyle Service")
    # "Continued with awareness raising activity focused on young" + "people, parents, ..."
    cse = by_line[80]
    assert cse.update is not None and cse.update.text.endswith("focused on young people, parents, the wider community and staff.")
    assert by_line[81].update is not None and by_line[81].update.text.startswith("Delivered the multi-agency action plan")


def test_a_self_contained_update_is_not_taken_for_a_spill(action_plan: Extraction) -> None:
    by_line = {r.span.line_start: r for r in action_plan.rows}
    row = by_line[108]
    assert row.update is not None and row.update.text.startswith("Provide support and intervene")


def test_update_cut_before_a_lost_label_is_flagged(action_plan: Extraction) -> None:
    cut = [n for n in action_plan.notes if n.code == "cut-text"]
    assert [n.span.line_start for n in cut] == [95]
