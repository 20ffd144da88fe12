"""The evidence audit: what it counts, its CSV, and the page in a real browser."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from browser_support import browser, open_page  # noqa: F401  (the fixture)
from plangraph.publish.audit import PlanAudit, audit_to_csv, audit_to_html, collect_audit
from plangraph.cli import main


@pytest.fixture(scope="module")
def ds(seeds_dataset: Dataset) -> Dataset:
    return seeds_dataset


@pytest.fixture(scope="module")
def audits(ds: Dataset) -> list[PlanAudit]:
    """The seeds' audit, made in rdflib once for the module (tests must not change it)."""
    return collect_audit(dataset=ds)


@pytest.fixture(scope="module")
def audit_page(audits: list[PlanAudit], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("audit") / "audit.html"
    path.write_text(audit_to_html(audits), encoding="utf-8")
    return path


def test_counts_per_plan(audits: list[PlanAudit]) -> None:
    by_file = {a.file: a for a in audits}
    county = by_file["nottinghamshire-cyp-plan-review-2018.txt"]
    city = by_file["nottingham-cypp-2016-2020-action-plan.txt"]
    assert county.cited == len(county.claims) > 100  # every row of the review names its sources
    assert city.cited == 0 and len(city.claims) > 150  # the City's updates name none
    assert county.figures_unsourced == []
    assert len(city.figures_unsourced) > 10
    assert all(c.figures and not c.sources for c in city.figures_unsourced)
    top_source, top_count = county.top_sources[0]
    assert top_count == max(n for _, n in county.top_sources)
    assert [c.start for c in city.claims] == sorted(c.start for c in city.claims)


def test_the_store_and_memory_give_the_same_audit(audits: list[PlanAudit], seeds_store_dir: Path) -> None:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(seeds_store_dir))
    assert audit_to_csv(collect_audit(store=store)) == audit_to_csv(audits)


def test_the_audit_is_the_same_whatever_order_the_rows_come_in(seeds_store_dir: Path) -> None:
    import random

    from plangraph.publish.audit import QUESTIONS
    from plangraph.sparql import select_strings
    from plangraph.store import open_store

    store = open_store(seeds_store_dir)
    asked: list[str] = []

    def shuffled(text: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
        asked.append(text)
        columns, rows = select_strings(store, text)
        return columns, random.Random(len(asked)).sample(rows, len(rows))

    assert audit_to_html(collect_audit(ask=shuffled)) == audit_to_html(collect_audit(store=store))
    assert sorted(asked) == sorted(QUESTIONS)  # it asks nothing else


def test_the_audit_needs_exactly_one_graph(ds: Dataset) -> None:
    with pytest.raises(TypeError, match="exactly one"):
        collect_audit()
    with pytest.raises(TypeError, match="exactly one"):
        collect_audit(dataset=ds, ask=lambda text: ([], []))


def test_csv_has_one_row_per_claim(audits: list[PlanAudit]) -> None:
    rows = list(csv.DictReader(io.StringIO(audit_to_csv(audits))))
    assert len(rows) == sum(len(a.claims) for a in audits)
    smoking = next(r for r in rows if r["claim"].startswith("18.7% of women"))
    assert smoking["citesASource"] == "no"
    assert smoking["location"] == "nottingham-cypp-2016-2020-action-plan.txt:8"
    assert "18.7%" in smoking["figures"]


def test_document_text_is_escaped(ds: Dataset) -> None:
    audits = collect_audit(dataset=ds)
    audits[0].claims[0].text = "<img src=x onerror=alert(1)> & more"
    page = audit_to_html(audits)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt; &amp; more" in page


def test_the_page_is_self_contained(audit_page: Path) -> None:
    page = audit_page.read_text(encoding="utf-8")
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?https?:|url\(\s*[\"']?https?:", page)
    assert "http://www.nottinghamshire.gov.uk/media/129276/" in page  # a source's URL, as text


def test_the_page_in_chromium_shows_the_counts_and_the_claims(browser: Any, audit_page: Path,
                                                                audits: list[PlanAudit]) -> None:
    by_file = {a.file: a for a in audits}
    city, county = by_file["nottingham-cypp-2016-2020-action-plan.txt"], by_file["nottinghamshire-cyp-plan-review-2018.txt"]
    opened = open_page(browser, audit_page)
    try:
        assert opened.errors == [] and opened.requests == [] and opened.dialogs == []
        page = opened.page
        cards = [" ".join(c.split()) for c in page.locator(".card").all_inner_texts()]
        assert f"{len(city.claims)} claims" in cards and f"{len(county.claims)} claims" in cards
        assert f"{len(county.claims)} cite a source (100%)" in cards
        assert f"{len(city.figures_unsourced)} figures with no source" in cards
        text = page.inner_text("body")
        assert "Evidence audit" in text
        assert "18.7% of women in Nottingham City" in text  # first of the unsourced figures
        assert "nottingham-cypp-2016-2020-action-plan.txt:8" in text
        shots = Path(os.environ.get("PLANGRAPH_SCREENSHOTS", audit_page.parent))
        page.screenshot(path=str(shots / "audit.png"), full_page=False)
        assert (shots / "audit.png").stat().st_size > 10_000
        assert page.locator("details[open]").count() == 0
        page.click("summary >> nth=0")  # open the first priority's claims
        assert page.locator("details[open] tr").count() > 5
    finally:
        opened.close()


def test_audit_command_writes_html_or_csv(audits: list[PlanAudit], seeds_store_dir: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--store", str(seeds_store_dir), "--out", str(tmp_path / "a.csv")]) == 0
    out = capsys.readouterr().out
    county = next(a for a in audits if a.file.startswith("nottinghamshire"))
    assert f"{len(county.claims)} claims, {len(county.claims)} cite a source" in out
    assert (tmp_path / "a.csv").read_text(encoding="utf-8").startswith("plan,file,priority")
    assert main(["audit", "--store", str(seeds_store_dir), "--out", str(tmp_path / "a.txt")]) == 2
