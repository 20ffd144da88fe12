"""The synthetic-plan generator: the readers read exactly the truth it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from plangraph.bench.synth import PlanTruth, generate_plan, write_plans
from plangraph.ingest.document import parse_document
from plangraph.ingest import read_plan, read_text
from plangraph.model.records import Extraction


def measures_read(ex: Extraction) -> list[tuple[object, ...]]:
    return [
        (m.priority, m.outcome_code, m.numeral, m.text.text,
         tuple(o.name for o in m.lead.organisations), tuple(o.name for o in m.lead.officers))
        for m in ex.measures
    ]


def activities_read(ex: Extraction) -> list[tuple[object, ...]]:
    return [(a.priority, a.number, a.text.text, tuple(s.printed.text for s in a.sources))
            for a in ex.activities]


def actions_read(ex: Extraction) -> list[tuple[object, ...]]:
    return [(i.kind, i.priority, i.number, i.text.text, tuple((lead.name, lead.kind) for lead in i.leads),
             i.timescale.text if i.timescale else None, i.status.text if i.status else None,
             i.progress.text if i.progress else None) for i in ex.items]


def assert_reads_truth(ex: Extraction, truth: PlanTruth) -> None:
    assert ex.plan.layout == truth.layout
    assert tuple(p.notation for p in ex.priorities) == truth.priorities
    assert tuple(o.code for o in ex.outcomes) == truth.outcomes
    assert measures_read(ex) == [
        (m.priority, m.outcome, m.numeral, m.text, m.organisations, m.officers) for m in truth.measures
    ]
    assert activities_read(ex) == [(a.priority, a.number, a.text, a.sources) for a in truth.activities]
    assert actions_read(ex) == [("action", a.priority, a.number, a.text, a.leads, a.timescale, a.status, a.progress)
                                for a in truth.actions]


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("index", range(12))
def test_reader_reads_the_truth(index: int, seed: int) -> None:
    name, text, truth = generate_plan(index, seed)
    ex = read_text(parse_document(text.encode(), name))
    assert truth.file == name
    assert truth.layout == ("action-plan" if index % 2 == 0 else "review-table")
    assert_reads_truth(ex, truth)
    # No lost labels, repeated or misordered numerals: the generator makes none.
    codes = {n.code for n in ex.notes}
    assert not codes & {"outcome-label-missing", "numeral-repeated", "numeral-order", "outcome-repeated"}
    if truth.layout == "action-plan":
        # Every spilled sentence end was moved back: no row's update is left open.
        for row in ex.rows:
            if row.update is not None:
                assert row.update.text.endswith("."), row.update.text[-60:]


def test_sizes_and_traps_over_many_plans() -> None:
    measures, activities, notes, sources = [], [], set(), []
    page_splits = unordered = 0
    for index in range(20):
        name, text, truth = generate_plan(index)
        ex = read_text(parse_document(text.encode(), name))
        notes |= {n.code for n in ex.notes}
        if truth.layout == "action-plan":
            measures.append(len(truth.measures))
        else:
            activities.append(len(truth.activities))
            sources += [s for a in truth.activities for s in a.sources]
            unordered += list(truth.priorities) != sorted(truth.priorities)
        lines = text.split("\n")
        page_splits += sum(1 for k, line in enumerate(lines[:-2])
                           if line and not lines[k + 1] and lines[k + 2].count("\t") == 3
                           and k + 3 < len(lines) and lines[k + 3].startswith("\t"))
    assert all(28 <= n <= 52 for n in measures)
    assert all(14 <= n <= 26 for n in activities)
    assert {"spill", "stacked-lead", "plan-wide-row"} <= notes
    assert page_splits > 5
    assert unordered > 0  # review priorities printed in any order
    assert len(sources) > len(set(sources))  # sources are shared across plans
    assert any("<i>" in s and "," in s and " and " in s for s in sources)


def test_same_index_and_seed_give_the_same_plan() -> None:
    assert generate_plan(4, 3) == generate_plan(4, 3)
    assert generate_plan(5, 3) == generate_plan(5, 3)
    assert generate_plan(4, 3)[1] != generate_plan(4, 4)[1]
    assert generate_plan(5, 3)[1] != generate_plan(5, 4)[1]
    assert generate_plan(4, 3)[0] != generate_plan(6, 3)[0]


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("index", [2, 5, 8, 11])
def test_a_delivery_plan_reads_its_truth_with_the_generic_layout(index: int, seed: int) -> None:
    name, text, truth = generate_plan(index, seed, delivery=True)
    assert truth.layout == "generic" and name.endswith("-delivery-plan.txt")
    assert len(truth.actions) >= 8 and {kind for a in truth.actions for _, kind in a.leads} <= {
        "organisation", "post", "team"}
    ex = read_text(parse_document(text.encode(), name))
    assert_reads_truth(ex, truth)
    # every status printed is one plangraph's scheme knows, and every month-and-year timescale
    # gives a due date
    assert all(item.rag is not None for item in ex.items)
    for item, action in zip(ex.items, truth.actions):
        named = action.timescale.removeprefix("by ").split()
        if len(named) == 2 and named[1].isdigit():
            assert item.due is not None and item.due.startswith(named[1]), (action.timescale, item.due)


def test_a_region_with_delivery_plans_has_one_in_three(tmp_path: Path) -> None:
    truths = write_plans(9, tmp_path, seed=2, delivery=True)
    assert [t.layout for t in truths] == [
        "action-plan", "review-table", "generic", "review-table", "action-plan", "generic", "action-plan",
        "review-table", "generic"]
    for truth in truths:
        assert_reads_truth(read_plan(tmp_path / truth.file), truth)
    # without delivery plans, the same indexes give the plans they always gave
    assert generate_plan(4, 2) == generate_plan(4, 2, delivery=True)
    assert generate_plan(2, 2)[2].layout == "action-plan"


def test_write_plans(tmp_path: Path) -> None:
    truths = write_plans(3, tmp_path)
    files = sorted(tmp_path.iterdir())
    assert len(files) == 3 == len(truths)
    for truth in truths:
        assert_reads_truth(read_plan(tmp_path / truth.file), truth)
