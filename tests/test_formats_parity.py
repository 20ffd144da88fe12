"""The same plan from any format: each seed rendered as a ruled PDF, a Word table and an
Excel sheet (tests/render_support.py) reads to the same records as its text, checked
against the hand readings in tests/data/expected/, differing only in where each record
stands; and every located record re-reads as its text from the file itself."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pdfplumber
import pytest

from conftest import ACTION_PLAN, REVIEW_TABLE, expected
from plangraph.cli import main
from plangraph.ingest import read
from plangraph.ingest.document import Document
from plangraph.model.records import Extraction, Fragment, Span
from plangraph.model.serialise import extraction_to_dict
from render_support import render_docx, render_pdf, render_xlsx

FORMATS = {"pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx}
SEEDS = {"action-plan": ACTION_PLAN, "review": REVIEW_TABLE}
# where a record stands: the only fields that differ between formats
PLACE_KEYS = {"location", "lines", "start", "end", "parts", "line", "sha256", "characters", "file"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each seed in each format, beside a manifest.json giving it the seed's metadata."""
    folder = tmp_path_factory.mktemp("rendered")
    manifest = json.loads((ACTION_PLAN.parent / "manifest.json").read_text(encoding="utf-8"))
    entries = []
    files: dict[tuple[str, str], Path] = {}
    for seed_name, seed in SEEDS.items():
        entry = next(e for e in manifest["plans"] if e["file"] == seed.name)
        for fmt, render in FORMATS.items():
            path = render(seed, folder / f"{seed.stem}.{fmt}")
            files[(seed_name, fmt)] = path
            entries.append({**entry, "file": path.name, "slug": f"{entry['slug']}-{fmt}"})
    (folder / "manifest.json").write_text(json.dumps({"plans": entries}), encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def readings(rendered: dict[tuple[str, str], Path]) -> dict[tuple[str, str], tuple[Document, Extraction]]:
    return {key: read(path) for key, path in rendered.items()}


def _content(data: Any) -> Any:
    """A record's JSON without where it stands."""
    if isinstance(data, dict):
        return {k: _content(v) for k, v in data.items() if k not in PLACE_KEYS}
    if isinstance(data, list):
        return [_content(v) for v in data]
    return data


CASES = [(seed, fmt) for seed in SEEDS for fmt in FORMATS]


@pytest.mark.parametrize(("seed", "fmt"), CASES)
def test_reads_to_the_same_records_as_the_text(seed: str, fmt: str, readings: Any) -> None:
    _, got = readings[(seed, fmt)]
    _, want = read(SEEDS[seed])
    got_data, want_data = _content(extraction_to_dict(got)), _content(extraction_to_dict(want))
    assert got_data["plan"].pop("slug") == f"{want_data['plan'].pop('slug')}-{fmt}"
    assert got_data == want_data


@pytest.mark.parametrize("fmt", FORMATS)
def test_action_plan_against_the_hand_reading(fmt: str, readings: Any) -> None:
    _, ex = readings[("action-plan", fmt)]
    want = expected(ACTION_PLAN.stem)
    assert [(p.notation, p.title.text) for p in ex.priorities] == \
        [(p["notation"], p["title"]) for p in want["priorities"]]
    assert [(o.priority, o.code, o.printed_code, o.title.text if o.title else None, o.label_missing)
            for o in ex.outcomes] == \
        [(o["priority"], o["code"], o["printed"], o["title"], o["label_missing"]) for o in want["outcomes"]]
    assert [(m.priority, m.outcome_code, m.numeral, m.text.text, [o.name for o in m.lead.organisations],
             [o.name for o in m.lead.officers]) for m in ex.measures] == \
        [(m["priority"], m["outcome"], m["numeral"], m["text"], m["organisations"], m["officers"])
         for m in want["measures"]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_review_against_the_hand_reading(fmt: str, readings: Any) -> None:
    _, ex = readings[("review", fmt)]
    want = expected(REVIEW_TABLE.stem)
    assert [(p.notation, p.title.text) for p in ex.priorities] == \
        [(p["notation"], p["title"]) for p in want["priorities"]]
    got = [(a.priority, a.number, a.text.text, [s.printed.text for s in a.sources],
            [(s.title, list(s.urls), s.kind, s.role) for s in a.sources]) for a in ex.activities]
    assert got == [(a["priority"], str(a["number"]), a["text"], [s["printed"] for s in a["sources"]],
                    [(s["title"], s["urls"], s["kind"], s["role"]) for s in a["sources"]])
                   for a in want["activities"]]


def _fragments(ex: Extraction) -> list[Fragment]:
    found: list[Fragment | None] = [p.title for p in ex.priorities]
    found += [o.title for o in ex.outcomes] + [m.text for m in ex.measures]
    for row in ex.rows:
        found += [row.update, row.lead.raw]
    for a in ex.activities:
        found += [a.text, a.source_cell, a.evidence] + [s.printed for s in a.sources]
    return [f for f in found if f is not None]


def _spans(ex: Extraction) -> list[Span]:
    spans = [part for f in _fragments(ex) for part in f.parts]
    for m in ex.measures:
        spans += [x.span for x in m.lead.organisations + m.lead.officers]
    return spans + [n.span for n in ex.notes if n.code != "reading"]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


class _File:
    """The text of a located cell, re-read from the file with its own library."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kind = path.suffix[1:]
        if self.kind == "pdf":
            self.pdf = pdfplumber.open(path)
        elif self.kind == "xlsx":
            self.book = openpyxl.load_workbook(path)
        else:
            self.doc = docx.Document(str(path))

    def text_at(self, span: Span) -> str:
        texts = []
        for loc in span.where:
            if self.kind == "pdf":
                assert loc.page is not None and loc.box is not None
                texts.append(self.pdf.pages[loc.page - 1].crop(loc.box).extract_text())
            elif self.kind == "xlsx":
                texts.append(str(self.book[loc.sheet or ""][loc.ref or ""].value or ""))
            elif loc.table is None:
                paragraphs = self.doc.paragraphs
                texts.append(paragraphs[(loc.paragraph or 0) - 1].text)
            else:
                cell = self.doc.tables[(loc.table or 0) - 1].cell((loc.row or 0) - 1, (loc.column or 0) - 1)
                texts.append(cell.text)
        return " ".join(texts)


@pytest.mark.parametrize(("seed", "fmt"), CASES)
def test_every_record_is_located_and_its_text_re_reads_from_the_file(
        seed: str, fmt: str, readings: Any, rendered: dict[tuple[str, str], Path]) -> None:
    doc, ex = readings[(seed, fmt)]
    source = _File(rendered[(seed, fmt)])
    spans = _spans(ex)
    assert len(spans) > 100
    for span in spans:
        assert span.where, f"{span} has no locator"
        assert all(loc.kind == fmt for loc in span.where)
        printed = doc.text[span.start:span.end]
        words = _words(printed)
        there = _words(source.text_at(span))
        missing = [w for w in words if w not in there]
        assert not missing, f"{span.location}: {missing[:5]} of {printed[:80]!r} not in the file there"


def test_locations_are_in_the_files_own_terms(readings: Any) -> None:
    _, pdf = readings[("action-plan", "pdf")]
    _, xlsx = readings[("action-plan", "xlsx")]
    _, word = readings[("review", "docx")]
    assert re.fullmatch(r"nottingham-cypp-2016-2020-action-plan\.pdf p\.\d+", pdf.measures[0].text.span.location)
    assert xlsx.measures[0].text.span.location == "nottingham-cypp-2016-2020-action-plan.xlsx Plan!B8"
    assert re.fullmatch(r"nottinghamshire-cyp-plan-review-2018\.docx table 1 row 2",
                        word.activities[0].text.span.location)


def test_extract_names_pages(rendered: dict[tuple[str, str], Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(rendered[("review", "pdf")]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["documents"][0]
    assert data["plan"]["layout"] == "review-table"
    assert data["activities"][0]["text"]["location"] == "nottinghamshire-cyp-plan-review-2018.pdf p.1"


EXAMPLES = ACTION_PLAN.parents[1] / "examples"


@pytest.mark.parametrize(("example", "seed"), [
    ("nottinghamshire-cyp-plan-review-2018.pdf", REVIEW_TABLE),
    ("nottingham-cypp-2016-2020-action-plan.xlsx", ACTION_PLAN),
])
def test_the_bundled_examples_read_to_their_seeds_records(example: str, seed: Path) -> None:
    _, got = read(EXAMPLES / example)
    _, want = read(seed)
    got_data, want_data = _content(extraction_to_dict(got)), _content(extraction_to_dict(want))
    assert got_data["plan"].pop("slug") == f"{want_data['plan'].pop('slug')}-{Path(example).suffix[1:]}"
    assert got_data == want_data


@pytest.mark.parametrize("seed", list(SEEDS), ids=list(SEEDS))
@pytest.mark.parametrize("suffix", [".csv", ".tsv"])
def test_a_csv_or_tsv_export_reads_to_the_same_records(seed: str, suffix: str, tmp_path: Path) -> None:
    import csv

    path = tmp_path / f"{SEEDS[seed].stem}{suffix}"
    with path.open("w", encoding="utf-8-sig" if suffix == ".csv" else "utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="," if suffix == ".csv" else "\t")
        for line in SEEDS[seed].read_text(encoding="utf-8").split("\n"):
            writer.writerow(line.split("\t") if line.strip() else [])
    _, got = read(path)
    _, want = read(SEEDS[seed])
    assert [(m.key, m.text.text) for m in got.measures] == [(m.key, m.text.text) for m in want.measures]
    assert [(a.key, a.text.text, [s.text for s in a.sources]) for a in got.activities] == \
        [(a.key, a.text.text, [s.text for s in a.sources]) for a in want.activities]
    assert [(n.code, n.message) for n in got.notes] == [(n.code, n.message) for n in want.notes]
    first = (got.measures or got.activities)[0]  # type: ignore[operator]
    assert re.fullmatch(rf"{re.escape(path.name)} row \d+", first.text.span.location)


def test_stray_empty_columns_and_short_records_of_a_csv_file_are_fitted_to_the_layout(tmp_path: Path) -> None:
    import csv

    path = tmp_path / "ragged.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for line in REVIEW_TABLE.read_text(encoding="utf-8").split("\n"):
            cells = line.split("\t") if line.strip() else []
            while cells and not cells[-1].strip() and len(cells) > 1:
                cells.pop()  # what some exporters leave out
            writer.writerow(cells + (["", ""] if len(cells) == 4 else []))  # and what others add
    _, got = read(path)
    _, want = read(REVIEW_TABLE)
    assert [(a.key, a.text.text, a.evidence.text if a.evidence else None) for a in got.activities] == \
        [(a.key, a.text.text, a.evidence.text if a.evidence else None) for a in want.activities]
