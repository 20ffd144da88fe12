"""Figures in claim texts (the evidence issue, part 3): value, unit, area, period, comparator.

The truth is in ``tests/data/expected/figures-*.json``: sentences copied from the two seeds
with every figure read by hand (and the numbers deliberately left out, with the reason). The
other tests are cases the issue names: list numbers, years, ages and names that are not
figures, and a sweep over every sentence of both seeds.
"""

from __future__ import annotations

import csv
import doctest
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from plangraph.analysis import figures as figures_module
from plangraph.analysis.figures import UNITS, Figure, area_gss, areas, find_figures
from plangraph.resources import data_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXPECTED = Path(__file__).resolve().parent / "data" / "expected"
TRUTH = sorted(EXPECTED.glob("figures-*.json"))


def _truth() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in TRUTH:
        data = json.loads(path.read_text(encoding="utf-8"))
        for sentence in data["sentences"]:
            cases.append((data["seed"], sentence))
    return cases


def _as_dict(fig: Figure | None) -> dict[str, Any] | None:
    if fig is None:
        return None
    return {"printed": fig.printed, "value": fig.value, "unit": fig.unit, "unit_printed": fig.unit_printed,
            "area": fig.area, "period": fig.period, "comparator": _as_dict(fig.comparator)}


def _expected(fig: dict[str, Any] | None) -> dict[str, Any] | None:
    if fig is None:
        return None
    return {**fig, "value": Decimal(fig["value"]), "comparator": _expected(fig["comparator"])}


def _seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


# -- the hand readings ------------------------------------------------------------------


def test_at_least_ten_figures_from_each_seed_are_checked() -> None:
    assert len(TRUTH) == 2
    for path in TRUTH:
        data = json.loads(path.read_text(encoding="utf-8"))
        count = sum(len(s["figures"]) for s in data["sentences"])
        assert count >= 10, (path.name, count)
        assert (SEEDS / data["seed"]).is_file()


@pytest.mark.parametrize(("seed", "case"), _truth(), ids=lambda v: v[:40] if isinstance(v, str) else v["text"][:50])
def test_figures_read_by_hand(seed: str, case: dict[str, Any]) -> None:
    text = case["text"]
    assert text in _seed_text(seed), "the sentence must stand in the seed as copied"
    got = [_as_dict(f) for f in find_figures(text)]
    want = [_expected(f) for f in case["figures"]]
    assert got == want


@pytest.mark.parametrize(("seed", "case"), _truth(), ids=lambda v: v[:40] if isinstance(v, str) else v["text"][:50])
def test_a_sentence_reads_the_same_inside_its_whole_seed_line(seed: str, case: dict[str, Any]) -> None:
    """Figures, areas and periods come from the sentence itself, not from its neighbours."""
    text = case["text"]
    line = next(line for line in _seed_text(seed).splitlines() if text.strip() in line)
    offset = line.index(text.strip()) - (len(text) - len(text.lstrip()))
    inside = [f for f in find_figures(line) if offset <= f.start < offset + len(text)]
    alone = find_figures(text)
    assert [(f.start - offset, _as_dict(f)) for f in inside] == [(f.start, _as_dict(f)) for f in alone]


def test_offsets_are_code_points_of_the_text_given() -> None:
    text = "Nottingham’s rate “rose” to 18.7% – compared to 11.2% in England."
    [fig] = find_figures(text)
    assert (fig.start, fig.end, fig.printed) == (28, 33, "18.7%")
    assert fig.comparator is not None and text[fig.comparator.start:fig.comparator.end] == "11.2%"


# -- list numbers: "8.21% reduction" ----------------------------------------------------

REDUCTION = "8.21% reduction in agency spend from £5.2m in 2016/17 to £4m in 2017/18."


@pytest.mark.parametrize("text", [
    REDUCTION,                                            # the claim with its item number left on
    "21% reduction in agency spend from £5.2m in 2016/17 to £4m in 2017/18.",  # as the caller passes it
    "8. 21% reduction in agency spend",
    "7. Developed Social Work Career Pathway. " + REDUCTION + " 9. Reduction in days lost.",
])
def test_item_number_8_is_not_read_with_the_figure_21_percent(text: str) -> None:
    found = find_figures(text)
    assert [f.printed for f in found if f.unit == "percent"] == ["21%"]
    assert Decimal("8.21") not in {f.value for f in found}
    assert Decimal(8) not in {f.value for f in found}


def test_item_8_in_the_seed_cell() -> None:
    line = next(line for line in _seed_text("nottinghamshire-cyp-plan-review-2018.txt").splitlines()
                if "8.21% reduction" in line)
    values = [(f.value, f.unit) for f in find_figures(line)]
    assert (Decimal(21), "percent") in values
    assert all(v != Decimal("8.21") for v, _ in values)
    # none of the item numbers 1 to 10 of the cell is a figure
    assert not [f for f in find_figures(line) if f.unit == "number"]


@pytest.mark.parametrize("text", [
    "1.Operation Striver, a multi agency, operational, bi-monthly meeting shares local intelligence.",
    "3. Rolling recruitment programme.",
    "Strengths identified: 1. strong leadership team and political commitment to prioritise education of LAC;"
    " 2. multi agency approach, bold and forward thinking vision;",
    "by January 2017.4. Police & Crime Commissioner funding secured to deliver training in licensed premises.",
])
def test_list_item_numbers_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_a_decimal_at_the_start_is_a_decimal() -> None:
    assert [(f.value, f.unit) for f in find_figures("6.59 weeks on average.")] == [(Decimal("6.59"), "weeks")]
    assert [f.value for f in find_figures("18.7% of women smoke.")] == [Decimal("18.7")]


# -- not figures ------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    # years and dates
    "Mobilisation and transformation began in November 2015 with contract start in April 2016.",
    "During 2016/17, the 2015-18 strategy and the Care Act 2014 applied from 28th June 2017 to October 20th 2017.",
    # ages
    "A new Healthy Lifestyle Service has been commissioned to work with aged 16 plus.",
    "The current breastfeeding peer support service targets one to one breastfeeding support for under 25's to"
    " initiate and continue breastfeeding.",
    "Breastfeeding peer support will be incorporated into the 0-19 service specification and will be mobilized"
    " from April 2018.",
    "i) Percentage and number of 16- 18 year olds who are NEET",
    "Ward Profiles on the sufficiency of childcare including funded provision for 2, 3 and 4 year olds.",
    "Referrals can be made from the age of 14, but most young people will not be allocated until they are aged"
    " 16 or older, depending on need.",
    "to deliver an early years' service which will target families and children from age 1 year to 2 years",
    # key stages, school years and other names
    "Support PRU and AP Providers to ensure examination entry is maximized for all KS4 pupils on roll",
    "Targeted support, individual pupil monitoring and additional one-to-one tuition funded for all Year 5 and"
    " Year 6 pupils.",
    "Expansion of CAMHS and integration of tiers 2 and 3 with more practitioners",
    "Level 2 Development Workers linked to the team available to support families in the home.",
    "Deliver Phase 2 of Priority Families programme",
    "ii) Progress 8 score is above the average of all Core Cities (Nottingham Plan target)",
    "Generally multi-agency activity at tier 2 was being co-ordinated by lead professionals in schools",
    "Report to NSCB December 2017 - Audit into the use of s136 with Young People",
    "Early intervention programmes are being developed for primary schools using foundation and key stage 1&2"
    " materials",
    "Government aim for rising number of pupils achieving grade 5 \"strong pass\" (graded 9 to 1).",
    # ranges, compound adjectives, ratios, limits, horizons, frequencies
    "Additionally a 6-week Arabic 'Eat Well' programme was delivered",
    "5 year contract with a 1 year extension.",
    "to provide more 1:1 specialist assessments and interventions to children",
    "NES provides up to 12 weeks support with a Promoting Independence Worker.",
    "a renewed focus on maternity services over the next 5 years.",
    "we envisage a case worker being based with Nottingham city 3 days per week",
    "iv).rate of infant mortality per 1000 live births (aged under 1 year)",
])
def test_not_figures(text: str) -> None:
    assert find_figures(text) == [], [f.printed for f in find_figures(text)]


def test_an_organisation_name_is_not_an_area() -> None:
    [fig] = find_figures("Nottingham City Council supported 45 families with Nottinghamshire Police.")
    assert fig.area is None


def test_no_area_or_period_is_invented() -> None:
    [fig] = find_figures("Over 75% have an integrated electronic care plan.")
    assert (fig.area, fig.period, fig.comparator) == (None, None, None)


# -- every sentence of both seeds -------------------------------------------------------


def _pieces(text: str) -> list[str]:
    pieces = [text]
    for line in text.splitlines():
        pieces.append(line)
        for cell in line.split("\t"):
            pieces.append(cell)
            pieces.extend(re.split(r"(?<=[.;])\s+", cell))
    return [p for p in pieces if p.strip()]


def _check_figure(text: str, fig: Figure, role: str) -> None:
    assert 0 <= fig.start < fig.end <= len(text)
    assert fig.printed == text[fig.start:fig.end]
    assert fig.unit in UNITS, fig
    assert fig.role == role
    assert isinstance(fig.value, Decimal)
    assert fig.area is None or area_gss(fig.area) is not None, fig.area
    if fig.comparator is not None:
        _check_figure(text, fig.comparator, "comparator")
        assert fig.comparator.comparator is None


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_every_sentence_of_the_seeds(seed: str) -> None:
    total = 0
    for piece in _pieces(_seed_text(seed)):
        found = find_figures(piece)
        assert [f.start for f in found] == sorted(f.start for f in found)
        for fig in found:
            _check_figure(piece, fig, "value")
        total += len(found)
    assert total > 0


@pytest.mark.parametrize("text", ["", " ", ".", "1.", "£", "%", "12", "£m", "1,", "2.a: Children", "1a: Good",
                                  "per 1000", "from 5 to", "compared to 3%", "target was 12 and"])
def test_odd_texts_do_not_raise(text: str) -> None:
    for fig in find_figures(text):
        _check_figure(text, fig, "value")


# -- the example in the docstring, the units and the areas ------------------------------


def test_docstring_examples_run() -> None:
    result = doctest.testmod(figures_module)
    assert result.attempted > 0 and result.failed == 0


def test_units_named_in_the_module_docstring() -> None:
    doc = figures_module.__doc__ or ""
    for unit in UNITS:
        assert unit in doc, unit


@pytest.mark.parametrize(("name", "gss"), [
    ("Nottingham", "E06000018"), ("Nottinghamshire", "E10000024"), ("England", "E92000001"),
    ("East Midlands", "E12000004"), ("Westshire", None), ("Nottingham City", None),
])
def test_area_gss(name: str, gss: str | None) -> None:
    assert area_gss(name) == gss


def test_areas_file_is_well_formed() -> None:
    with data_file("areas.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if line.strip() and not line.startswith("#")))
    assert len(rows) == len(areas())
    codes: dict[str, str] = {}
    for row in rows:
        assert re.fullmatch(r"[EKNSW]\d{8}", row["gss"]), row
        assert row["form"] in {"place", "adjective", "adverb"}, row
        assert row["source"].strip(), row
        assert codes.setdefault(row["canonical"], row["gss"]) == row["gss"], row
    assert {"national", "nationally"} <= {r["printed"] for r in rows if r["canonical"] == "England"}


@pytest.mark.parametrize(("text", "area"), [
    ("Nationally 42.9% of schools.", "England"),
    ("in line with national average of 62%", None),   # the 62% alone is a figure for England, see below
    ("this is higher than 5% in Nottingham city", "Nottingham"),
    ("National target was 40 families and we supported 45 families.", None),
])
def test_national_and_printed_forms(text: str, area: str | None) -> None:
    found = find_figures(text)
    if "line with" in text:
        assert [(f.value, f.area) for f in found] == [(Decimal(62), "England")]
    else:
        assert found[0].area == area
