"""Issue 17, finding 6: readers linear in their input.

A cell of 100 KB of numerals, a lead cell of 100 KB and a plan grown a hundredfold: inputs on
which a reader (or the text analysis the build runs on what it read) would scan the text
from its start again and again, or a pattern would backtrack without end. Each is read here
and what was read checked. What each costs per megabyte is measured by the benchmark
(``python -m plangraph.bench --readers``), not timed here.
"""

from __future__ import annotations

import re
import pytest

from conftest import ACTION_PLAN, REVIEW_TABLE
from plangraph.analysis.claims import split_claims
from plangraph.analysis.figures import find_figures
from plangraph.bench.readers import analyse, grow, grow_cell
from plangraph.ingest import read, read_text
from plangraph.ingest.document import Cell, parse_document
from plangraph.ingest.item_cells import baseline_target, split_entries, split_measures_list
from plangraph.model.records import Extraction
from plangraph.text.phrases import WordPairs

HEADER = "Outcomes\tPerformance measures\tEnd of Year Update on Actions from 2017-2018\tLead organisation"
SIZE = 100_000


def _plan(*rows: str) -> tuple[str, Extraction]:
    text = "\n".join(("Westshire Partnership Plan 2019-2022 Action Plan", "", "Priority 1. Healthy lives", "",
                      HEADER, *rows, ""))
    doc = parse_document(text.encode("utf-8"), "westshire.txt")
    return text, read_text(doc)


def _repeated(unit: str, size: int = SIZE) -> tuple[str, int]:
    count = size // len(unit)
    return (unit * count).strip(), count


@pytest.mark.parametrize("unit", ["1 2 3 4 5 6 7 8 9 10 ", "1. 2. 3. ", "1.1.1.1.", "1a 1b 2a: ", "i ii iii iv ",
                                  "(i) (ii) (iii) ", "i) ii) iii) ", "2016 2017/18 ", "1-2 3-4 ", "1; 2; ",
                                  "e.g. 1 St. 2 ", "the number of people was 5 and 6 ",
                                  "12% compared to 14% in England, ", "• 1 • 2 "])
def test_an_update_cell_of_100_kb_of_numerals_is_read_whole_and_analysed(unit: str) -> None:
    cell, _ = _repeated(unit)
    text, ex = _plan(f"1a: Fewer smokers\ti) Smoking rate\t{cell}\tWestshire Council")
    (row,) = ex.rows
    assert row.update is not None and row.update.text == " ".join(cell.split())
    doc = parse_document(text.encode("utf-8"), "westshire.txt")
    claims = split_claims(row.update, doc)
    assert claims and all(c.fragment.text in row.update.text for c in claims)
    for claim in claims:
        find_figures(claim.fragment.text)


def test_every_percentage_of_a_100_kb_cell_is_a_figure() -> None:
    cell, count = _repeated("12.5% ")
    _, ex = _plan(f"1a: Fewer smokers\ti) Smoking rate\t{cell}\tWestshire Council")
    update = ex.rows[0].update
    assert update is not None
    figures = find_figures(update.text)
    assert len(figures) == count and {(f.printed, f.unit) for f in figures} == {("12.5%", "percent")}


def test_a_measures_cell_of_100_kb_of_numerals_gives_one_measure_per_numeral() -> None:
    cell, count = _repeated("i) Rate ii) Rate iii) Rate iv) Rate ")
    _, ex = _plan(f"1a: Fewer smokers\t{cell}\tDone.\tWestshire Council")
    assert len(ex.measures) == count * 4 and {m.text.text for m in ex.measures} == {"Rate"}
    assert [m.numeral for m in ex.measures[:5]] == ["i", "ii", "iii", "iv", "i"]
    assert len({m.key for m in ex.measures}) == len(ex.measures)


@pytest.mark.parametrize(("unit", "entries", "organisations", "officers"), [
    ("Westshire Council Ann Bell, ", 1, 1, 1),  # per unit: each body with its officer
    ("Acme Widgets Trust, Bob Smith and ", 1, 1, 1),  # a body the reference data does not know
    ("Westshire Council & Westshire NHS Trust ", 0, 2, 0),  # bodies only: one entry
    ("Ann Bell / Raj Patel / ", 0, 0, 2),  # officers only: one entry
])
def test_a_lead_cell_of_100_kb_names_every_body_and_officer(unit: str, entries: int, organisations: int,
                                                           officers: int) -> None:
    cell, count = _repeated(unit)
    cell = cell.rstrip(",/&and ")
    _, ex = _plan(f"1a: Fewer smokers\ti) Smoking rate\tDone.\t{cell}")
    lead = ex.rows[0].lead
    assert lead.raw is not None and lead.raw.text == cell
    assert len(lead.entries) == (count * entries or 1)
    assert sum(len(e.organisations) for e in lead.entries) == count * organisations
    assert sum(len(e.officers) for e in lead.entries) == count * officers


def test_an_action_plan_grown_a_hundredfold_holds_a_hundred_times_its_records() -> None:
    doc, seed = read(ACTION_PLAN)
    grown = read_text(parse_document(grow(doc.text, 100).encode("utf-8"), "grown.txt"))
    assert len(grown.priorities) == 100 * len(seed.priorities)
    assert len(grown.outcomes) == 100 * len(seed.outcomes)
    assert len(grown.measures) == 100 * len(seed.measures) and len(grown.rows) == 100 * len(seed.rows)
    # every copy is read as the plan itself: the same texts, and the same notes (spills
    # included, which look for the words they join elsewhere in the whole document)
    per_copy = len(seed.measures)
    for k in (0, 57, 99):
        copy = grown.measures[k * per_copy:(k + 1) * per_copy]
        assert [m.text.text for m in copy] == [m.text.text for m in seed.measures]
    assert sorted(n.code for n in grown.notes) == sorted(n.code for n in seed.notes for _ in range(100))


def test_a_review_table_with_100_kb_cells_keeps_every_activity_and_source() -> None:
    doc, seed = read(REVIEW_TABLE)
    numerals = read_text(parse_document(grow_cell(doc.text, "numerals", SIZE).encode("utf-8"), "numerals.txt"))
    assert len(numerals.activities) == len(seed.activities)
    grown = next(a for a, b in zip(numerals.activities, seed.activities) if a.evidence != b.evidence)
    assert grown.evidence is not None and len(grown.evidence.text) >= SIZE
    names = read_text(parse_document(grow_cell(doc.text, "names", SIZE).encode("utf-8"), "names.txt"))
    before, after = next((b, a) for a, b in zip(names.activities, seed.activities) if a.sources != b.sources)
    # the cell's own sources, printed again and again after a comma
    assert len(after.sources) > 10 * len(before.sources) and after.sources[0].text == before.sources[0].text
    assert analyse(doc, numerals) >= analyse(doc, seed)


def test_item_cells_of_100_kb_are_split_into_every_entry_and_measure() -> None:
    text, count = _repeated("DPH /\u2028PH Consultant\u2028")
    entries = split_entries(Cell(text, 0, len(text)))
    assert [e.text for e in entries] == ["DPH /\u2028PH Consultant"] * count
    listed, runs_on = "Spend with:\u2028• SMEs\u2028• VCSEs", "Access to\u2028Psychological Therapies"
    text, count = _repeated(f"{listed}\u2028{runs_on}\u2028")
    measures = split_measures_list(Cell(text, 0, len(text)))
    assert [m.text for m in measures] == [listed, runs_on] * count


@pytest.mark.parametrize(("unit", "baseline", "target"), [
    # the first "from" of the text starts the baseline, which runs to the first "to"
    ("from 1 x ", (r"^1 x from .* fallen from 7\.9% in 2021/22$"), r"^below 5%$"),
    ("increased by 1 x ", r"^7\.9% in 2021/22 to below 5%$", r"^increased by 1 x .* Rates will have fallen$"),
    ("from 1 to a. ", r"^7\.9% in 2021/22$", r"^below 5%$"),  # no number in the sentence after "to"
])
def test_a_long_indicator_states_its_baseline_and_target_where_a_short_one_would(
        unit: str, baseline: str, target: str) -> None:
    text, _ = _repeated(unit, 20_000)
    assert baseline_target(text) is None
    stated = text + " Rates will have fallen from 7.9% in 2021/22 to below 5%."
    found = baseline_target(stated)
    assert found is not None
    (a, b), (c, d) = found
    assert re.match(baseline, stated[a:b], re.DOTALL) and re.match(target, stated[c:d], re.DOTALL)


def test_word_pairs_answer_as_searching_the_text_does() -> None:
    # as a spill asks: the last word of one cell and the first of the next, apart from the
    # next cell (and from other texts, to take copies out that hold the pair or part of it)
    doc, _ = read(ACTION_PLAN)
    pairs = WordPairs(doc.text)
    cells = [c.text for line in doc.lines for c in line.cells if c.text]
    asked = 0
    for before, cell in zip(cells, cells[1:]):
        first, leading = before.split()[-1], re.match(r"[\w'’]*", cell)
        second = leading.group() if leading else ""
        if not second or second[0].islower():
            continue
        for apart in (cell, before, f"{first} {second}", second, "Health England."):
            asked += 1
            assert pairs.printed(first, second, apart_from=apart) == (
                f"{first} {second}" in doc.text.replace(apart, "")), (first, second, apart)
    assert asked > 500
