"""The view pages in a real browser (Debian's chromium through Playwright): they load with no
console error and no network request, draw every node of the view, find a node from the
search box, show document text as text, and hold still once drawn.

One browser serves the whole session (``browser_support.browser``); each page is built once
per module. Screenshots of each view at 1280x800 go to the pytest temporary folder (and to
``$PLANGRAPH_SCREENSHOTS`` when set) for people to look at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset

from browser_support import OpenPage, browser, open_page
from conftest import dataset_of
from plangraph.publish.views.model import View
from plangraph.publish.viz import VIEW_NAMES, facts_of, make_view, write_view

__all__ = ["browser"]  # the session fixture, imported so that pytest finds it here

READY = "window.plangraph && window.plangraph.ready"
XSS = "<img src=x onerror=alert(1)>"
CCG = "https://w3id.org/plangraph/id/organisation/nottingham-city-ccg"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, seeds_dataset: Dataset) -> dict[str, tuple[View, Path]]:
    """Each view of the seeds, and a who-leads-what of a plan whose outcome is an XSS probe."""
    folder = tmp_path_factory.mktemp("views")
    facts = facts_of(dataset=seeds_dataset)
    made = {}
    for name in VIEW_NAMES:
        view = make_view(name, facts)
        made[name] = (view, write_view(view, folder / f"{name}.html", "html"))
    text = (DATA / "golden" / "westshire.txt").read_text(encoding="utf-8")
    probe = folder / "westshire-xss.txt"
    probe.write_text(text.replace("1a: Children are healthy", f"1a: {XSS}"), encoding="utf-8")
    view = make_view("who-leads-what", facts_of(dataset=dataset_of(probe)))
    made["xss"] = (view, write_view(view, folder / "xss.html", "html"))
    return made


@pytest.fixture
def opened(browser: Any, pages: dict[str, tuple[View, Path]], request: pytest.FixtureRequest) -> Iterator[OpenPage]:
    page = open_page(browser, pages[request.param][1], ready=READY)
    try:
        yield page
    finally:
        page.close()


def drawn(page: OpenPage) -> list[str]:
    """The ids of the nodes vis-network has drawn (its body's visible node indices)."""
    ids: list[str] = page.page.evaluate("window.plangraph.network.body.nodeIndices.slice()")
    return ids


@pytest.mark.parametrize("opened", VIEW_NAMES, indirect=True)
def test_page_loads_offline_and_draws_every_node(opened: OpenPage, pages: dict[str, tuple[View, Path]],
                                                 request: pytest.FixtureRequest,
                                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    name = request.node.callspec.params["opened"]
    view = pages[name][0]
    assert opened.errors == []
    assert opened.requests == []
    assert opened.page.evaluate("window.plangraph.nodes.length") == view.graph.number_of_nodes()
    assert sorted(drawn(opened)) == sorted(view.graph.nodes)
    assert opened.page.evaluate("window.plangraph.edges.length") == view.graph.number_of_edges()
    shots = Path(os.environ.get("PLANGRAPH_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(shots / f"{name}.png"))


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_search_focuses_the_node(opened: OpenPage) -> None:
    page = opened.page
    page.fill("#search", "Nottingham City CCG")
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == [CCG]
    # the view is centred on the node, and its details are shown
    centre = page.evaluate("window.plangraph.network.getViewPosition()")
    spot = page.evaluate(f"window.plangraph.network.getPosition({CCG!r})")
    assert abs(centre["x"] - spot["x"]) < 1 and abs(centre["y"] - spot["y"]) < 1
    assert page.inner_text("#details-body").startswith("Nottingham City CCG")
    assert "nottingham-cypp-2016-2020-action-plan.txt:" in page.inner_text("#details-body")
    page.fill("#search", "no such organisation")
    page.press("#search", "Enter")
    assert page.inner_text("#search-status") == "Nothing shown is called that"
    assert opened.errors == []


@pytest.mark.parametrize("opened", ["xss"], indirect=True)
def test_document_text_shows_as_text_and_runs_nothing(opened: OpenPage) -> None:
    page = opened.page
    page.fill("#search", XSS)
    node = page.evaluate("window.plangraph.network.getSelectedNodes()[0]")
    assert node.endswith("/outcome/1a")
    assert XSS in page.inner_text("#details-body")
    # hover: vis-network shows the tooltip we built, with the same text
    at = page.evaluate(f"window.plangraph.network.canvasToDOM(window.plangraph.network.getPosition({node!r}))")
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + at["x"], box["y"] + at["y"])
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    assert XSS in tip.inner_text()
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert opened.dialogs == [] and opened.errors == [] and opened.requests == []


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_nothing_moves_after_drawing(opened: OpenPage) -> None:
    before = opened.page.evaluate("window.plangraph.network.getPositions()")
    opened.page.wait_for_timeout(1000)
    assert opened.page.evaluate("window.plangraph.network.getPositions()") == before


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_plan_and_type_filters(opened: OpenPage, pages: dict[str, tuple[View, Path]]) -> None:
    g = pages["who-leads-what"][0].graph
    page = opened.page
    page.get_by_label("Nottinghamshire 2018").uncheck()
    only_city = {n for n, a in g.nodes(data=True) if not a["plans"] or "nottingham-cypp-2016-2020" in a["plans"]}
    assert set(drawn(opened)) == only_city and len(only_city) < len(g)
    page.get_by_label("Officer", exact=True).uncheck()
    people = {n for n, a in g.nodes(data=True) if a["kind"] == "person"}
    assert people and set(drawn(opened)) == only_city - people
    assert page.inner_text("#count") == f"{len(only_city - people)} of {len(g)} shown"


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_click_highlights_the_neighbours(opened: OpenPage, pages: dict[str, tuple[View, Path]]) -> None:
    g = pages["who-leads-what"][0].graph
    page = opened.page
    at = page.evaluate(f"window.plangraph.network.canvasToDOM(window.plangraph.network.getPosition({CCG!r}))")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == [CCG]
    colour = "n => window.plangraph.nodes.get(n).color.background"
    neighbour = next(iter(g.successors(CCG)))
    stranger = next(n for n in g if n != CCG and not g.has_edge(CCG, n) and not g.has_edge(n, CCG))
    assert page.evaluate(colour, stranger) == "#f0f0f0"
    assert page.evaluate(colour, neighbour) != "#f0f0f0"
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] - 5)  # the empty canvas: all back
    assert page.evaluate(colour, stranger) != "#f0f0f0"


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_colour_by_organisation(opened: OpenPage) -> None:
    page = opened.page
    page.select_option("#colour-by", "organisation")
    node = page.evaluate(f"window.plangraph.nodes.get({CCG!r})")
    assert node["color"]["background"] == node["byOrg"]["background"] != node["byType"]["background"]
    assert page.is_visible("#legend-orgs") and "Nottingham City CCG" in page.inner_text("#orgs")


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_printing_prints_the_picture_and_its_legend_not_the_controls(opened: OpenPage) -> None:
    """Printing a view printed its toolbar (issue 16): a print stylesheet leaves it out."""
    page = opened.page
    shown = "id => getComputedStyle(document.getElementById(id)).display"
    assert page.evaluate(shown, "bar") != "none"
    page.emulate_media(media="print")
    assert page.evaluate(shown, "bar") == "none"
    assert page.evaluate(shown, "network") != "none" and page.evaluate(shown, "side") != "none"
    page.emulate_media(media="screen")
    assert page.evaluate(shown, "bar") != "none"


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_search_steps_through_every_match(opened: OpenPage) -> None:
    """Search jumped to the first partial match, with no list (issue 16): Enter now steps through
    every match, Shift+Enter back, and the status says which of how many."""
    page = opened.page
    page.fill("#search", "nottingham")
    page.press("#search", "Enter")
    status = page.inner_text("#search-status")
    total = int(status.split(" of ")[1].split()[0])
    assert status.startswith("Match 1 of ") and total > 3
    first = page.evaluate("window.plangraph.network.getSelectedNodes()")
    page.press("#search", "Enter")
    assert page.inner_text("#search-status").startswith(f"Match 2 of {total}")
    second = page.evaluate("window.plangraph.network.getSelectedNodes()")
    assert second != first and len(second) == 1
    page.press("#search", "Shift+Enter")
    assert page.inner_text("#search-status").startswith(f"Match 1 of {total}")
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == first
    names = page.evaluate("""q => window.plangraph.nodes.get().filter(n =>
        (String(n.name || '') + ' ' + n.label).toLowerCase().includes(q)).length""", "nottingham")
    assert total <= names  # every match is a node whose name or label holds the words
    assert opened.errors == []
