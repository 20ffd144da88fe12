"""The Nottinghamshire review table, read against a careful hand reading of it
(tests/data/expected/nottinghamshire-cyp-plan-review-2018.json)."""

from __future__ import annotations

from typing import Any

import pytest

from plangraph.model.records import Extraction

from conftest import REVIEW_TABLE, expected

EXPECTED = expected(REVIEW_TABLE.stem)
# Cut words that no dictionary check can tell from whole words: real words ("net" for
# "network", "Men" for "Mental"), a number ("201" for "2016") and two fragments that
# pyspellchecker's dictionary happens to list ("di", "nat"). See readers/cuts.py.
UNDETECTABLE_CUTS = {"201", "net", "Men", "di", "nat"}


def test_layout_and_counts(review_table: Extraction, review_expected: dict[str, Any]) -> None:
    assert review_table.plan.layout == "review-table"
    assert len(review_table.priorities) == 4
    assert len(review_table.activities) == len(review_expected["activities"]) == 21
    assert sum(len(a.sources) for a in review_table.activities) == sum(
        len(a["sources"]) for a in review_expected["activities"]
    ) == 53


def test_priorities_in_printed_order(review_table: Extraction, review_expected: dict[str, Any]) -> None:
    got = [(p.notation, p.title.text, p.title.span.line_start) for p in review_table.priorities]
    assert got == [(p["notation"], p["title"], p["line"]) for p in review_expected["priorities"]]
    assert [p.notation for p in review_table.priorities] == ["4", "3", "2", "1"]


def test_numbers_restart_in_each_priority(review_table: Extraction) -> None:
    keys = [a.key for a in review_table.activities]
    assert len(set(keys)) == len(keys)
    firsts = [a for a in review_table.activities if a.number == "1"]
    assert len(firsts) == 4


@pytest.mark.parametrize("k", range(len(EXPECTED["activities"])))
def test_activity(review_table: Extraction, k: int) -> None:
    want = EXPECTED["activities"][k]
    a = review_table.activities[k]
    assert (a.priority, a.number, a.text.span.line_start, a.text.text) == (
        want["priority"], str(want["number"]), want["line"], want["text"]
    )
    assert a.evidence is not None
    words = a.evidence.text.split()
    assert " ".join(words[:6]) == want["evidence_first_words"]
    assert " ".join(words[-6:]) == want["evidence_last_words"]


@pytest.mark.parametrize("k", range(len(EXPECTED["activities"])))
def test_activity_sources_one_by_one(review_table: Extraction, k: int) -> None:
    want = EXPECTED["activities"][k]["sources"]
    got = review_table.activities[k].sources
    assert [s.printed.text for s in got] == [s["printed"] for s in want]
    for source, w in zip(got, want):
        assert (source.title, list(source.urls), source.kind, source.role) == (
            w["title"], w["urls"], w["kind"], w["role"]
        ), source.printed.text


@pytest.mark.parametrize("k", range(len(EXPECTED["activities"])))
def test_cut_words_are_flagged_and_kept_as_printed(review_table: Extraction, k: int) -> None:
    want = set(EXPECTED["activities"][k]["cut_words"]) - UNDETECTABLE_CUTS
    activity = review_table.activities[k]
    assert {c.name for c in activity.cut_words} == want
    assert activity.evidence is not None
    for cut in activity.cut_words:
        assert cut.name in activity.evidence.text.split() + activity.text.text.split()


def test_cut_rows_carry_a_note(review_table: Extraction) -> None:
    flagged = {n.span.line_start for n in review_table.notes if n.code == "cut-text"}
    cut_rows = {a["line"] for a in EXPECTED["activities"] if set(a["cut_words"]) - UNDETECTABLE_CUTS}
    assert cut_rows <= flagged


def test_numbered_items_inside_a_cell_are_not_rows(review_table: Extraction) -> None:
    # "1.Operation Striver" and "8.21% reduction" stand inside evidence cells.
    texts = [a.evidence.text for a in review_table.activities if a.evidence]
    assert any("1.Operation Striver" in t for t in texts)
    assert any("8.21% reduction" in t for t in texts)
    assert all(not a.text.text.startswith(("Operation", "21%")) for a in review_table.activities)
