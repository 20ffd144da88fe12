"""``plangraph serve`` in a real browser (Debian's chromium through Playwright): a question asked
through its form, its download saved, a thing's page reached by a link, the query editor run,
and the document's text shown as text. No page asks anything of another address.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser_support import browser
from serve_support import serving

__all__ = ["browser"]  # the session fixture, imported so that pytest finds it here

XSS = "<img src=x onerror=alert(1)>"
DATA = Path(__file__).resolve().parent / "data"


class Visit:
    """A browser tab on the server at ``url`` that records every request to another address,
    every console error and every dialog (a script that ran would open one)."""

    def __init__(self, browser: Any, url: str) -> None:
        self.url = url
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        self.page = self.context.new_page()
        self.elsewhere: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

        def route(r: Any) -> None:
            if r.request.url.startswith(url):
                r.continue_()
            else:
                self.elsewhere.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", dialog)

    def go(self, path: str) -> Any:
        self.page.goto(self.url.rstrip("/") + path, wait_until="load")
        return self.page


@pytest.fixture(scope="module")
def site(seeds_store_dir: Path) -> Iterator[str]:
    with serving(seeds_store_dir) as url:
        yield url


@pytest.fixture
def visit(browser: Any, site: str) -> Iterator[Visit]:
    v = Visit(browser, site)
    yield v
    assert v.elsewhere == [], "a page asked another address"
    assert v.errors == [] and v.dialogs == []
    v.context.close()


def test_a_question_asked_through_its_form_and_downloaded(visit: Visit, tmp_path: Path) -> None:
    page = visit.go("/")
    page.click("text=organisation-leads")
    page.select_option("#p-organisation", label="Nottingham City CCG")
    page.click("button:has-text('Ask')")
    page.wait_for_url("**organisation=id%3Aorganisation%2Fnottingham-city-ccg*")
    rows = page.locator("table.answer tbody tr")
    assert rows.count() >= 3
    firsts = set(page.locator("table.answer tbody tr td:first-child").all_inner_texts())
    assert firsts == {"Nottingham City CCG"}
    shown = [r.split("\t") for r in page.locator("table.answer tbody tr").all_inner_texts()]
    with page.expect_download() as info:
        page.click("text=CSV for Excel")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "organisation-leads.csv"
    table = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert len(table) == len(shown) + 1
    assert [row[0] for row in table[1:]] == [row[0] for row in shown]


def test_sorting_a_column(visit: Visit) -> None:
    page = visit.go("/questions/lead-counts")
    header = page.locator("table.answer thead th").nth(0)
    header.locator("button").click()
    first = page.locator("table.answer tbody tr td:first-child").all_inner_texts()
    assert first == sorted(first, key=str.casefold) and header.get_attribute("aria-sort") == "ascending"
    header.locator("button").press("Enter")  # the heading is a button: the keyboard sorts too
    again = page.locator("table.answer tbody tr td:first-child").all_inner_texts()
    assert again == list(reversed(first)) or again == sorted(first, key=str.casefold, reverse=True)


def test_a_thing_page_from_a_link(visit: Visit) -> None:
    page = visit.go("/questions/organisation-leads?organisation=id:organisation/nottingham-city-ccg")
    page.locator("table.answer tbody tr td a", has_text="Nottingham City CCG").first.click()
    page.wait_for_url("**/id/organisation/nottingham-city-ccg")
    assert page.locator("h1").inner_text() == "Nottingham City CCG"
    locations = page.locator(".quotes .location").all_inner_texts()
    assert locations and all(loc.startswith("nottingham-cypp-2016-2020-action-plan.txt:") for loc in locations)
    assert page.locator(".quotes mark").first.inner_text() in ("CCG", "Nottingham City CCG")


def test_find_from_any_page(visit: Visit) -> None:
    page = visit.go("/questions")
    page.fill("#find-q", "ccg")
    page.press("#find-q", "Enter")
    page.wait_for_url("**/find?q=ccg")
    page.click("text=Nottingham City CCG")
    page.wait_for_url("**/id/organisation/nottingham-city-ccg")
    assert page.locator("h1").inner_text() == "Nottingham City CCG"


def test_the_query_editor_runs_a_named_question(visit: Visit) -> None:
    page = visit.go("/sparql")
    page.select_option("#example", "lead-counts")
    assert "lead-counts" in page.input_value("#query")
    page.focus("#query")
    page.keyboard.press("Control+Enter")
    page.wait_for_selector("#results table")
    assert page.locator("#results thead th").all_inner_texts()[:3] == ["lead", "leadLabel", "leadKind"]
    assert "Nottingham City Council" in page.locator("#results tbody").inner_text()
    page.fill("#query", "SELEC nothing")
    page.click("#run")
    page.wait_for_selector("#results .error")
    assert "syntax error" in page.inner_text("#results .error")
    # the browser logs the refused query's 400 as a console error: that one is expected
    assert [e for e in visit.errors if "status of 400" in e] != []
    visit.errors[:] = [e for e in visit.errors if "status of 400" not in e]


def test_document_text_is_shown_as_text(browser: Any, tmp_path: Path) -> None:
    from plangraph.pipeline import build

    text = (DATA / "golden" / "westshire.txt").read_text(encoding="utf-8")
    probe = tmp_path / "westshire-xss.txt"
    probe.write_text(text.replace("1a: Children are healthy", f"1a: {XSS}"), encoding="utf-8")
    build([probe], tmp_path / "build")
    with serving(tmp_path / "build" / "store") as url:
        v = Visit(browser, url)
        try:
            page = v.go("/questions/plan-outline")
            assert XSS in page.locator("table.answer").inner_text()
            page.locator("table.answer a", has_text=XSS).first.click()
            page.wait_for_url("**/outcome/1a")
            assert page.locator("h1").inner_text() == XSS
            v.go("/sparql")
            page.fill("#query", "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?l WHERE { ?o skos:prefLabel ?l FILTER(CONTAINS(?l, '<img')) }")
            page.click("#run")
            page.wait_for_selector("#results table")
            assert XSS in page.inner_text("#results tbody")
            assert page.evaluate("document.querySelectorAll('img').length") == 0
            assert v.dialogs == [] and v.elsewhere == []
        finally:
            v.context.close()
