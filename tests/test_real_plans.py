"""Real published plans in other layouts (tests/data/plans/, where each came from in
SOURCES.md), read with the generic layout (no file) or a layout file, against a hand reading of
a page or a run of rows of each (tests/data/expected/plans/)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from plangraph.ingest import read
from plangraph.model.items import Item
from plangraph.model.records import Extraction

PLANS = Path(__file__).parent / "data" / "plans"
EXPECTED = Path(__file__).parent / "data" / "expected" / "plans"


def _n(text: str) -> str:
    return " ".join(text.replace("\u2028", " ").split())


def _hand(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    return data


def _texts(value: Any) -> list[str]:
    """A hand-read cell as a list of texts: a string, a list of strings, or of {text} objects."""
    if value is None:
        return []
    if isinstance(value, str):
        return [_n(value)] if value.strip() else []
    return [_n(v["text"] if isinstance(v, dict) else v) for v in value]


def _headings(ex: Extraction, item: Item, level: str) -> list[str]:
    by_key = {h.key: h for h in ex.headings}
    return [_n(by_key[k].text.text) for k in item.headings if by_key[k].level == level]


def _row(ex: Extraction, item: Item) -> dict[str, Any]:
    return {
        "number": item.number, "item": _n(item.text.text),
        "description": _n(item.description.text) if item.description else None,
        "measures": [_n(m.text) for m in item.measures],
        "partners": [_n(p.name) for p in item.partners],
        "status": _n(item.status.text) if item.status else None,
        "progress": _n(item.progress.text) if item.progress else None,
        "timescale": _n(item.timescale.text) if item.timescale else None,
        "theme": (_headings(ex, item, "theme") or [None])[0],
    }


def test_smokefree_2022_reads_with_no_layout_file() -> None:
    """Word: Action | Description | What does success look like? | Which partners are involved |
    Status | Latest update, recognised by its header words alone."""
    _, ex = read(PLANS / "wsx-smokefree-action-plan-2022.docx")
    hand = _hand("wsx-smokefree-action-plan-2022")
    assert ex.plan.layout == "generic" and len(ex.items) == 88
    got = [_row(ex, i) for i in ex.items[:len(hand["rows"])]]
    want = [{"number": None, "item": _n(r["item"]), "description": _n(r["other"]),
             "measures": _texts(r.get("measures")), "partners": _texts(r.get("partners")),
             "status": _n(r["status"]), "progress": _n(r["progress"]) if r.get("progress") else None,
             "timescale": None, "theme": None} for r in hand["rows"]]
    assert got == want
    # its statuses, normalised
    assert {(i.status.text, i.rag) for i in ex.items if i.status} == {("Complete", "complete"),
                                                                         ("Incomplete", "in-progress")}


def test_dfe_school_plan_reads_with_no_layout_file() -> None:
    """Word: (number) | Objective | Action | Success Criteria | When | Resources | Monitoring |
    Evaluation & Further Action: the objective a theme, the evaluation its progress, the two
    columns no role names kept as notes."""
    _, ex = read(PLANS / "dfe-school-workload-action-plan-2024.docx")
    hand = _hand("dfe-school-workload-action-plan-2024")
    assert ex.plan.layout == "generic"
    got = [_row(ex, i) for i in ex.items]
    want = []
    for r in hand["rows"]:
        other = {o["other_header"]: _n(o["text"]) for o in r["other"]}
        want.append({"number": r["number"], "item": _n(r["item"]), "description": None,
                     "measures": _texts(r["measures"]), "partners": [], "status": None,
                     "progress": other.pop("Evaluation & Further Action"), "timescale": _n(r["timescale"]),
                     "theme": _n(r["outcome"])})
        r["_unread"] = other
    assert got == want
    notes = [n.message for n in ex.notes if n.code == "column-not-read"]
    unread = [(header, text) for r in hand["rows"] for header, text in r["_unread"].items()]
    assert len(notes) == len(unread)
    for header, text in unread:
        assert any(f"text in the {header} column" in m and text[:50] in m for m in notes), (header, text)


def test_suicide_prevention_pdf_page_36() -> None:
    """PDF: National strategy priority (merged down its rows: a theme) | West Sussex Action |
    Impact/ outputs (bullets in a symbol font), the header printed only on the page before, a
    row split across the page break; a footnote's own small table left as notes."""
    _, ex = read(PLANS / "wsx-suicide-prevention-strategy-2017.pdf")
    hand = _hand("wsx-suicide-prevention-strategy-2017")
    on_page = [i for i in ex.items if 36 in {w.page for w in i.text.span.where}]
    got = [{"theme": _row(ex, i)["theme"], "item": _n(i.text.text), "outputs": [_n(m.text) for m in i.measures]}
           for i in on_page]
    want = [{"theme": _n(r["theme"]), "item": _n(r["item"]), "outputs": _texts(r.get("progress"))}
            for r in hand["rows"]]
    assert got == want


def test_smokefree_2020_workbook_reads_with_its_layout_file() -> None:
    """Excel with machine-named headers (ap_number, ap_title, ...): a layout file says which is
    which; RAG statuses printed "RED", "amber", " Green" are normalised."""
    layout = PLANS / "wsx-smokefree-action-plan-update-2020.yaml"
    _, ex = read(PLANS / "wsx-smokefree-action-plan-update-2020.xlsx", str(layout))
    hand = _hand("wsx-smokefree-action-plan-update-2020")
    by_number = {i.number: i for i in ex.items}
    for r in hand["rows"]:
        item = by_number[r["number"]]
        row = _row(ex, item)
        progress = _texts(r.get("progress"))
        assert (row["item"], row["measures"], row["partners"], row["timescale"], row["theme"]) == (
            _n(r["item"]), _texts(r.get("measures")), _texts(r.get("partners")), _n(r["timescale"]),
            _n(r["theme"])), r["number"]
        assert row["progress"] == (" ".join(progress) or None), r["number"]
        assert (item.status.text.strip() if item.status else "") == (r.get("status") or "").strip(), r["number"]
        if item.status is not None:
            assert item.rag == item.status.text.strip().lower()
