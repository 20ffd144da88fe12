"""The view pages in a real browser (Debian's chromium through Playwright): they load with no
console error and no network request, draw every node of the view, find a node from the
search box, show document text as text, and hold still once drawn.

One browser serves the whole session (``browser_support.browser``); each page is built once
per module. Screenshots of each view at 1280x800 go to the pytest temporary folder (and to
``$PLANGRAPH_SCREENSHOTS`` when set) for people to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
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
ID = "https://w3id.org/plangraph/id/"
CCG = f"{ID}organisation/nottingham-city-ccg"
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


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots go: ``$PLANGRAPH_SCREENSHOTS`` when set, else a temporary folder."""
    folder = Path(os.environ.get("PLANGRAPH_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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
                                                 request: pytest.FixtureRequest, shots: Path) -> None:
    name = request.node.callspec.params["opened"]
    view = pages[name][0]
    assert opened.errors == []
    assert opened.requests == []
    assert opened.page.evaluate("window.plangraph.nodes.length") == view.graph.number_of_nodes()
    assert sorted(drawn(opened)) == sorted(view.graph.nodes)
    assert opened.page.evaluate("window.plangraph.edges.length") == view.graph.number_of_edges()
    opened.page.screenshot(path=str(shots / f"{name}.png"))


def found_and_centred(page: Any, words: str, node: str) -> None:
    """Typing ``words`` in the search box selects ``node`` and centres the view on it."""
    page.fill("#search", words)
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == [node]
    centre = page.evaluate("window.plangraph.network.getViewPosition()")
    spot = page.evaluate(f"window.plangraph.network.getPosition({node!r})")
    assert abs(centre["x"] - spot["x"]) < 1 and abs(centre["y"] - spot["y"]) < 1


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_search_focuses_the_node(opened: OpenPage) -> None:
    page = opened.page
    # the view is centred on the node, and its details are shown
    found_and_centred(page, "Nottingham City CCG", CCG)
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


# -- readable at the opening zoom (issue 16) -------------------------------------------------

ITEMS = ("measure", "activity")


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_item_labels_read_as_words_at_the_opening_zoom(opened: OpenPage, shots: Path) -> None:
    """Fitted whole at 1280x800, who-leads-what drew its items' codes at 5 px (issue 16): the page
    now opens where each item's label, its code and first words, is drawn at 9 px or more."""
    page = opened.page
    page.wait_for_function("window.plangraphDrawn")
    on_screen = page.evaluate("""() => window.plangraph.onScreen().map(id => {
        const n = window.plangraph.nodes.get(id);
        return {kind: n.kind, label: n.label, px: window.plangraph.fontPx(id)}; })""")
    items = [n for n in on_screen if n["kind"] in ITEMS]
    assert len(items) >= 10, on_screen  # the opening view shows a plan's first rows of items
    for n in items:
        assert n["px"] >= 9, n
        code, words = n["label"].split(" · ", 1)
        assert re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", words), n  # words, not a code alone
    # the font as drawn: vis-network's zoom times the font's size
    scale = page.evaluate("window.plangraph.network.getScale()")
    assert min(n["px"] for n in items) == pytest.approx(scale * 14)
    page.screenshot(path=str(shots / "who-leads-what-opening.png"))
    # the whole view is a button away
    page.click("#fit")
    assert page.evaluate("window.plangraph.network.getScale()") < scale
    assert len(page.evaluate("window.plangraph.onScreen()")) == len(drawn(opened))
    assert opened.errors == []


# every drawn box, from vis-network's own sizes: [label, left, top, right, bottom]
DRAWN_BOXES = """() => {
  const p = window.plangraph, body = p.network.body;
  return p.onScreen().map(id => {
    const n = body.nodes[id], s = n.shape;
    const [w, h] = n.options.shape === "box" ? [s.width, s.height] : [2 * n.options.size, 2 * n.options.size];
    return [n.options.label, n.x - w / 2, n.y - h / 2, n.x + w / 2, n.y + h / 2];
  });
}"""


def overlapping(page: Any) -> list[tuple[str, str]]:
    """The pairs of boxes drawn on screen that overlap (by more than a pixel each way)."""
    boxes = page.evaluate(DRAWN_BOXES)
    return [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1]


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_the_longer_item_labels_leave_no_two_boxes_overlapping(opened: OpenPage) -> None:
    """The boxes as the browser draws them, their words included: none overlaps another, either
    where the page opens or with the whole view shown."""
    page = opened.page
    assert overlapping(page) == []
    page.click("#fit")
    assert len(page.evaluate("window.plangraph.onScreen()")) == len(drawn(opened))
    assert overlapping(page) == []


# -- regional scale: a box per plan, a plan drawn when opened; many lines drawn at once ------

@pytest.fixture(scope="module")
def regional_pages(tmp_path_factory: pytest.TempPathFactory, seeds_dataset: Dataset) -> dict[str, tuple[View, Path]]:
    """The seeds' views as views of hundreds of plans draw them, their limits lowered to the
    seeds' size: who-leads-what and evidence open on one box per plan; across-plans draws its
    lines as one picture."""
    from plangraph.publish.views import html, regional

    folder = tmp_path_factory.mktemp("regional")
    facts = facts_of(dataset=seeds_dataset)
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(regional, "REGIONAL_NODES", 20)
        patch.setattr(html, "MANY_LINES", 10)
        for name in ("who-leads-what", "evidence", "across-plans"):
            view = make_view(name, facts)
            made[name] = (view, write_view(view, folder / f"{name}.html", "html"))
    return made


@pytest.fixture
def regional(browser: Any, regional_pages: dict[str, tuple[View, Path]],
             request: pytest.FixtureRequest) -> Iterator[OpenPage]:
    page = open_page(browser, regional_pages[request.param][1], ready="window.plangraphDrawn")
    try:
        yield page
    finally:
        page.close()


def click_node(page: Any, node: str) -> None:
    at = page.evaluate(f"window.plangraph.network.canvasToDOM(window.plangraph.network.getPosition({node!r}))")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])


def drawn_lines(page: OpenPage) -> set[tuple[str, str]]:
    return {(e["from"], e["to"]) for e in page.page.evaluate("window.plangraph.edges.get()")}


@pytest.mark.parametrize("regional", ["who-leads-what", "evidence"], indirect=True)
def test_a_view_of_many_plans_opens_on_a_box_per_plan_and_draws_a_plan_when_opened(
        regional: OpenPage, regional_pages: dict[str, tuple[View, Path]], request: pytest.FixtureRequest,
        shots: Path) -> None:
    """At 300 plans who-leads-what was 12,600 nodes and took 5 s to draw (issue 16): a view that
    big opens on one box per plan, and a click (or Enter) on a box draws that plan's part."""
    name = request.node.callspec.params["regional"]
    view = regional_pages[name][0]
    page = regional.page
    bands = list(view.bands)
    boxes = {f"band:{slug}" for slug in bands}
    assert len(bands) == 2 and regional.errors == [] and regional.requests == []
    assert set(drawn(regional)) == boxes and drawn_lines(regional) == set()
    assert page.inner_text("#count") == f"0 of {len(view.graph)} shown; 0 of 2 plans open"
    assert min(page.evaluate("id => window.plangraph.fontPx(id)", b) for b in boxes) >= 9
    click_node(page, f"band:{bands[0]}")
    members = {n for n, a in view.graph.nodes(data=True) if bands[0] in a.get("spots", {})}
    assert set(drawn(regional)) == members | boxes
    assert drawn_lines(regional) == {(u, v) for u, v in view.graph.edges if u in members and v in members}
    assert page.inner_text("#count") == f"{len(members)} of {len(view.graph)} shown; 1 of 2 plans open"
    assert page.inner_text("#toggle-plan") == "Close this plan"
    page.screenshot(path=str(shots / f"{name}-regional-one-plan-open.png"))
    assert overlapping(page) == []
    # Enter on a selected box (here, selected as a search selects it) opens it too, and closes it
    page.evaluate("id => window.plangraph.select(id)", f"band:{bands[1]}")
    page.keyboard.press("Enter")
    assert page.inner_text("#count").endswith("2 of 2 plans open")
    page.click("#fit")  # both open, the second's band under the first's
    assert set(drawn(regional)) == {n for n, a in view.graph.nodes(data=True) if a.get("spots")} | boxes
    assert overlapping(page) == []
    page.evaluate("id => { document.activeElement.blur(); window.plangraph.select(id); }", f"band:{bands[1]}")
    page.keyboard.press("Enter")  # (not on a button: Enter there presses the button)
    assert set(drawn(regional)) == members | boxes
    page.click("#close-plans")
    assert set(drawn(regional)) == boxes
    assert regional.errors == []


@pytest.mark.parametrize("regional", ["who-leads-what"], indirect=True)
def test_search_in_a_view_of_many_plans_opens_the_plan_it_finds(regional: OpenPage) -> None:
    page = regional.page
    found_and_centred(page, "Nottingham City CCG", CCG)
    assert page.inner_text("#count").endswith("1 of 2 plans open")
    assert page.inner_text("#details-body").startswith("Nottingham City CCG")
    assert regional.errors == []


@pytest.mark.parametrize("regional", ["across-plans"], indirect=True)
def test_a_view_of_many_lines_draws_them_at_once_and_the_selected_nodes_own_to_hover(
        regional: OpenPage, regional_pages: dict[str, tuple[View, Path]]) -> None:
    """vis-network took 1.5 s to make the 18,000 lines of across-plans at 300 plans (issue 16):
    past a limit the page draws every line as one picture, and gives vis-network the selected
    node's lines alone."""
    g = regional_pages["across-plans"][0].graph
    page = regional.page
    assert g.number_of_edges() > 10
    assert sorted(drawn(regional)) == sorted(g.nodes) and drawn_lines(regional) == set()
    assert "lines are drawn as one picture" in page.inner_text("#notes")
    kooth = f"{ID}service/kooth"
    page.fill("#search", "Kooth")
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == [kooth]
    assert drawn_lines(regional) == set(g.in_edges(kooth)) | set(g.out_edges(kooth)) != set()
    assert "Linked to" in page.inner_text("#details-body")
    assert regional.errors == []


# every dashed straight line the canvas is given, where it lands on screen (CSS pixels)
WATCH_DASHES = """
window.dashedLines = [];
const lineTo = CanvasRenderingContext2D.prototype.lineTo;
CanvasRenderingContext2D.prototype.lineTo = function (x, y) {
  const dash = this.getLineDash();
  if (dash.length && dash[0] > 0) {
    const m = this.getTransform(), r = window.devicePixelRatio || 1;
    window.dashedLines.push([(m.a * x + m.c * y + m.e) / r, (m.b * x + m.d * y + m.f) / r, dash[0] * m.a / r]);
  }
  return lineTo.call(this, x, y);
};
"""


def test_dashed_lines_have_short_dashes_and_stop_at_the_screens_edge(browser: Any,
                                                                   pages: dict[str, tuple[View, Path]]) -> None:
    """Zoomed out on 300 plans the partnerships' dashed lines were tens of thousands of dashes
    each (7 s to paint), and as many zoomed in (issue 16): a dash is 5 px on screen at any zoom,
    and a dashed line is drawn only as far as the screen."""
    opened = open_page(browser, pages["partnerships"][1], ready="window.plangraphDrawn", init_script=WATCH_DASHES)
    try:
        page = opened.page
        g = pages["partnerships"][0].graph
        u, v = next((u, v) for u, v, a in g.edges(data=True) if a["kind"] == "named-together")
        box = page.locator("#network").bounding_box()
        for scale in (0.05, 1, 12):
            middle = {"x": (g.nodes[u]["x"] + g.nodes[v]["x"]) / 2, "y": (g.nodes[u]["y"] + g.nodes[v]["y"]) / 2}
            page.evaluate("""([at, scale]) => { window.dashedLines = [];
                window.plangraph.network.moveTo({position: at, scale: scale, animation: false}); }""", [middle, scale])
            page.wait_for_function("window.dashedLines.length > 0")
            lines = page.evaluate("window.dashedLines")
            assert all(dash == pytest.approx(5, abs=0.01) for _, _, dash in lines), scale
            if scale > 1:  # the lines run far off screen: each drawn to the edge and no further
                assert all(-60 <= x <= box["width"] + 60 and -60 <= y <= box["height"] + 60 for x, y, _ in lines)
        assert opened.errors == []
    finally:
        opened.close()


# -- read without hovering (issue 16): filters, a keyboard path, the view as tables -----------

LEAD_KINDS = ("organisation", "partnership")


def filter_labels(page: Any, section: str) -> list[str]:
    """The entries of a filter, as listed (each checkbox's label)."""
    labels: list[str] = page.evaluate("""s => Array.from(document.querySelectorAll('#' + s + ' .filter-list label'))
        .map(l => l.textContent)""", section)
    return labels


def lead_orgs(g: Any) -> dict[str, set[str]]:
    """Each item -> the organisations (and partnerships) that lead it, as the graph has them."""
    leads: dict[str, set[str]] = {n: set() for n, a in g.nodes(data=True) if a["kind"] in ITEMS}
    for u, v, a in g.edges(data=True):
        if a["kind"] == "leads" and g.nodes[u]["kind"] in LEAD_KINDS and v in leads:
            leads[v].add(u)
    return leads


def expected_shown(g: Any, priorities_off: AbstractSet[str] = frozenset(), orgs_off: AbstractSet[str] = frozenset(),
                   no_lead: bool = True) -> set[str]:
    """The nodes the filters should leave, by the rule the page states: each filter passes a node
    it does not speak of."""
    leads = lead_orgs(g)
    led = {u for u, _, a in g.edges(data=True) if a["kind"] == "leads" and g.nodes[u]["kind"] in LEAD_KINDS}
    keep = set()
    for n, a in g.nodes(data=True):
        if a["priority"] in priorities_off:
            continue
        if n in led and n in orgs_off:
            continue
        if n in leads and not (leads[n] - orgs_off if leads[n] else no_lead):
            continue
        keep.add(n)
    return keep


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_priority_and_lead_organisation_filters_with_all_and_none(opened: OpenPage,
                                                                  pages: dict[str, tuple[View, Path]]) -> None:
    g = pages["who-leads-what"][0].graph
    page = opened.page
    named = g.graph["priorities"]
    priorities = [n for n, a in g.nodes(data=True) if a["kind"] == "priority"]
    assert len(priorities) >= 4
    # the lists come from the graph: every priority by its number and words, every lead organisation
    listed = filter_labels(page, "filter-priorities")
    assert sorted(listed) == sorted(named[p][0] for p in priorities)
    assert all(re.match(r"\d+\. \w", label) for label in listed), listed
    leads = lead_orgs(g)
    orgs = {u for u, _, a in g.edges(data=True) if a["kind"] == "leads" and g.nodes[u]["kind"] in LEAD_KINDS}
    assert orgs > {o for who in leads.values() for o in who}  # one leads only a plan-wide row
    unled = [i for i, who in leads.items() if not who]
    assert orgs and unled  # the seeds have both: the "Led by no organisation" entry matters
    assert sorted(filter_labels(page, "filter-leads")) == sorted([g.nodes[o]["name"] for o in orgs]
                                                                 + ["Led by no organisation"])
    total = len(g)

    def count() -> str:
        return str(page.inner_text("#count"))
    # None: only what belongs to no priority stays (organisations, officers, plans)
    page.locator("#filter-priorities button", has_text="None").click()
    none = {n for n, a in g.nodes(data=True) if not a["priority"]}
    assert set(drawn(opened)) == none == expected_shown(g, set(priorities)) and len(none) < total
    assert count() == f"{len(none)} of {total} shown"
    page.locator("#filter-priorities button", has_text="All").click()
    assert len(drawn(opened)) == total and count() == f"{total} of {total} shown"
    # one priority off: it, its outcomes and items go, nothing else
    first = min((p for p in priorities if any(a["kind"] == "outcome" and a["priority"] == p
                                              for _, a in g.nodes(data=True))), key=lambda p: named[p][0])
    page.get_by_label(named[first][0], exact=True).uncheck()
    mine = {n for n, a in g.nodes(data=True) if a["priority"] == first}
    assert {g.nodes[n]["kind"] for n in mine} >= {"priority", "outcome", "measure"}
    assert set(drawn(opened)) == set(g) - mine
    # and with it an organisation off: it goes, with the items it alone of the ticked ones leads
    ccg = g.nodes[CCG]["name"]
    page.get_by_label(ccg, exact=True).uncheck()
    want = expected_shown(g, {first}, {CCG})
    assert CCG not in want and any(leads[i] == {CCG} for i in set(g) - want if i in leads)
    assert set(drawn(opened)) == want
    assert count() == f"{len(want)} of {total} shown"
    # every organisation off: only the items no organisation leads stay
    page.locator("#filter-leads button", has_text="None").click()
    want = expected_shown(g, {first}, orgs, no_lead=False)
    assert set(drawn(opened)) == want and not (want & set(leads))
    page.get_by_label("Led by no organisation", exact=True).check()
    want = expected_shown(g, {first}, orgs, no_lead=True)
    assert set(drawn(opened)) == want and want & set(leads) == {i for i in unled if g.nodes[i]["priority"] != first}
    # the kinds' None and All combine with the rest
    page.locator("#legend-types button", has_text="None").click()
    assert drawn(opened) == [] and count() == f"0 of {total} shown"
    page.locator("#legend-types button", has_text="All").click()
    assert set(drawn(opened)) == want
    page.locator("#filter-leads button", has_text="All").click()
    page.locator("#filter-priorities button", has_text="All").click()
    assert len(drawn(opened)) == total
    assert opened.errors == []


def test_a_long_filter_list_has_a_box_that_narrows_it(browser: Any, seeds_dataset: Dataset, tmp_path: Path) -> None:
    """A region has hundreds of lead organisations: a list longer than ``NARROW_FROM`` (here
    lowered to the seeds' size) has a box that narrows it, and All and None act on what it lists."""
    from plangraph.publish.views import html

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(html, "NARROW_FROM", 8)
        path = write_view(make_view("who-leads-what", facts_of(dataset=seeds_dataset)), tmp_path / "w.html", "html")
    opened = open_page(browser, path, ready=READY)
    try:
        page = opened.page
        sizes = {s: len(filter_labels(page, s)) for s in ("legend-types", "legend-plans", "filter-priorities",
                                                          "filter-leads")}
        assert sizes["filter-leads"] > 8 >= sizes["legend-types"], sizes
        for s in sizes:  # the lists longer than 8 entries have the box, the others none
            assert page.locator(f"#{s} input.narrow").count() == (1 if sizes[s] > 8 else 0), sizes
        section = "filter-leads"
        labels = filter_labels(page, section)
        page.locator(f"#{section} input.narrow").fill("nottingham")
        listed = page.evaluate("""s => Array.from(document.querySelectorAll('#' + s + ' .filter-list label'))
            .filter(l => getComputedStyle(l).display !== 'none').map(l => l.textContent)""", section)
        assert listed == [label for label in labels if "nottingham" in label.lower()]
        assert 0 < len(listed) < len(labels)
        # None acts on the entries listed alone
        page.locator(f"#{section} button", has_text="None").click()
        ticked = page.evaluate("""s => Array.from(document.querySelectorAll('#' + s + ' .filter-list input'))
            .filter(i => i.checked).map(i => i.parentNode.textContent)""", section)
        assert sorted(ticked) == sorted(set(labels) - set(listed))
        shown = page.evaluate("window.plangraph.shown.get().map(n => n.name)")
        assert not set(shown) & set(listed)  # the organisations unticked are not drawn
        assert opened.errors == []
    finally:
        opened.close()


# every control a keyboard can reach, as a name: its id, else its text and the section it is in
CONTROL = """e => e === document.body || !e ? 'body' : (e.id || ((e.closest('section') || {}).id + ':' +
    (e.tagName === "INPUT" && e.type === "checkbox" ? e.parentNode.textContent : e.textContent || e.placeholder || e.tagName + "." + e.className)))"""
CONTROLS = f"""() => Array.from(document.querySelectorAll('button, input, select, a[href], [tabindex]'))
    .filter(e => !e.disabled && e.tabIndex >= 0 && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
    .map({CONTROL})"""


def tab_through(page: Any, most: int = 200) -> list[str]:
    """The controls Tab goes through, from the top of the page until it comes back round."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen: list[str] = []
    for _ in range(most):
        page.keyboard.press("Tab")
        at = page.evaluate(f"({CONTROL})(document.activeElement)")
        if seen and at in (seen[0], "body"):
            break
        seen.append(at)
    return seen


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_tab_reaches_every_control_in_order_with_a_visible_outline(opened: OpenPage) -> None:
    page = opened.page
    order = tab_through(page)
    assert order[:5] == ["search", "colour-by", "fit", "show-table", "node-list"], order
    assert order[5:7] == ["legend-types:All", "legend-types:None"], order
    assert sorted(order) == sorted(page.evaluate(CONTROLS)) and len(order) == len(set(order)) > 30
    # the filters in the panel's order: kinds, plans, priorities, lead organisations
    sections = [at.split(":")[0] for at in order[5:]]
    assert sections == sorted(sections, key=["legend-types", "legend-plans", "filter-priorities",
                                             "filter-leads"].index)
    # where the keyboard is shows: a 3 px outline on the control
    page.focus("#fit")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [document.activeElement.id, s.outlineStyle, s.outlineWidth]; }""")
    assert style == ["fit", "solid", "3px"]
    assert opened.errors == []


def dimmed(page: Any, node: str) -> bool:
    return bool(page.evaluate("n => window.plangraph.nodes.get(n).color.background === '#f0f0f0'", node))


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_the_keyboard_selects_a_node_from_the_nodes_list_and_escape_lets_go(
        opened: OpenPage, pages: dict[str, tuple[View, Path]]) -> None:
    g = pages["who-leads-what"][0].graph
    page = opened.page
    page.wait_for_function("document.querySelectorAll('#node-list option').length > 0")
    # the list holds every node shown, by its name
    options = page.evaluate("Array.from(document.querySelectorAll('#node-list option')).map(o => o.value)")
    assert sorted(options) == sorted(g.nodes)
    page.focus("#node-list")
    page.keyboard.press("ArrowDown")
    first = page.evaluate("window.plangraph.network.getSelectedNodes()")
    assert first == [page.evaluate("document.getElementById('node-list').value")] and first[0] in g
    # down the list to the CCG: each step selects the node the list shows, and picks out its neighbours
    for _ in range(len(g)):
        if page.evaluate("document.getElementById('node-list').value") == CCG:
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == [CCG]
    neighbour = next(iter(g.successors(CCG)))
    stranger = next(n for n in g if n != CCG and not g.has_edge(CCG, n) and not g.has_edge(n, CCG))
    assert dimmed(page, stranger) and not dimmed(page, neighbour) and not dimmed(page, CCG)
    assert page.inner_text("#details-body").startswith("Nottingham City CCG")
    assert page.evaluate("document.activeElement.id") == "node-list"  # the keyboard stays in the list
    page.keyboard.press("Escape")
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == []
    assert not dimmed(page, stranger) and not page.is_visible("#details")
    assert page.evaluate("document.getElementById('node-list').selectedIndex") == -1
    # from the search box: Enter goes to the match, with its neighbours picked out; Escape lets go
    page.focus("#search")
    page.keyboard.type("Nottingham City CCG")
    page.keyboard.press("Enter")
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == [CCG] and dimmed(page, stranger)
    assert page.evaluate("document.getElementById('node-list').value") == CCG  # the list follows
    page.keyboard.press("Escape")
    assert page.evaluate("window.plangraph.network.getSelectedNodes()") == [] and not dimmed(page, stranger)
    assert opened.errors == []


@pytest.mark.parametrize("regional", ["who-leads-what"], indirect=True)
def test_enter_in_the_nodes_list_opens_a_plans_box(regional: OpenPage,
                                                  regional_pages: dict[str, tuple[View, Path]]) -> None:
    view = regional_pages["who-leads-what"][0]
    page = regional.page
    page.wait_for_function("document.querySelectorAll('#node-list option').length > 0")
    assert sorted(page.evaluate("Array.from(document.querySelectorAll('#node-list option')).map(o => o.value)")) \
        == sorted(f"band:{slug}" for slug in view.bands)
    page.focus("#node-list")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.inner_text("#count").endswith("1 of 2 plans open")
    # the list now holds the plan's nodes too, and the box is still the one selected
    slug = page.evaluate("window.plangraph.network.getSelectedNodes()[0]").split(":", 1)[1]
    members = {n for n, a in view.graph.nodes(data=True) if slug in a.get("spots", {})}
    listed = set(page.evaluate("Array.from(document.querySelectorAll('#node-list option')).map(o => o.value)"))
    assert listed == members | {f"band:{s}" for s in view.bands}
    assert regional.errors == []


TABLES = """() => Array.from(document.querySelectorAll('#tables table')).map(t => ({
    caption: t.caption.textContent,
    heads: Array.from(t.querySelectorAll('thead th')).map(th => [th.textContent, th.scope]),
    rows: Array.from(t.tBodies[0].rows).map(r => Array.from(r.cells).map(c => c.textContent)),
    rowHeads: Array.from(t.tBodies[0].rows).every(r => r.cells[0].tagName === 'TH' && r.cells[0].scope === 'row')}))"""


def plans_of(view: View, node: str) -> str:
    return ", ".join(view.plans.get(p, p) for p in view.graph.nodes[node]["plans"])


@pytest.mark.parametrize("opened", ["who-leads-what"], indirect=True)
def test_the_view_as_tables_follows_the_filters(opened: OpenPage, pages: dict[str, tuple[View, Path]],
                                               shots: Path) -> None:
    from plangraph.publish.views.model import EDGE_KINDS, KINDS

    view = pages["who-leads-what"][0]
    g = view.graph
    page = opened.page
    assert not page.is_visible("#tables")
    page.click("text=Show as a table")
    assert page.is_visible("#tables") and page.inner_text("#show-table") == "Show as a picture"
    nodes, links = page.evaluate(TABLES)
    assert nodes["caption"] == f"Nodes shown ({len(g)})" and nodes["rowHeads"] and links["rowHeads"]
    assert nodes["heads"] == [["Name", "col"], ["Kind", "col"], ["Plans", "col"]]
    assert links["heads"] == [["From", "col"], ["Link", "col"], ["To", "col"]]
    name = {n: " ".join(a["name"].split()) for n, a in g.nodes(data=True)}
    assert sorted(map(tuple, nodes["rows"])) == sorted((name[n], KINDS[a["kind"]].label, plans_of(view, n))
                                                      for n, a in g.nodes(data=True))
    assert links["caption"] == f"Links between the nodes shown ({g.number_of_edges()})"
    assert sorted(map(tuple, links["rows"])) == sorted((name[u], EDGE_KINDS[a["kind"]].label, name[v])
                                                      for u, v, a in g.edges(data=True))
    # a filter changes the tables as it changes the picture
    page.get_by_label("Officer", exact=True).uncheck()
    page.get_by_label("Nottinghamshire 2018", exact=True).uncheck()
    left = set(drawn(opened))
    assert left and len(left) < len(g)
    nodes, links = page.evaluate(TABLES)
    assert sorted(r[0] for r in nodes["rows"]) == sorted(name[n] for n in left)
    assert sorted(map(tuple, links["rows"])) == sorted((name[u], EDGE_KINDS[a["kind"]].label, name[v])
                                                      for u, v, a in g.edges(data=True) if u in left and v in left)
    assert nodes["caption"] == f"Nodes shown ({len(left)})"
    page.locator("#tables").evaluate("e => e.scrollTop = 0")
    page.screenshot(path=str(shots / "who-leads-what-filters-and-table.png"))
    page.click("#show-table")
    assert not page.is_visible("#tables") and page.inner_text("#show-table") == "Show as a table"
    assert opened.errors == []


@pytest.mark.parametrize("opened", ["xss"], indirect=True)
def test_the_tables_show_document_text_as_text(opened: OpenPage) -> None:
    page = opened.page
    page.click("#show-table")
    cells = page.evaluate("Array.from(document.querySelectorAll('#tables th, #tables td')).map(c => c.textContent)")
    assert sum(XSS in c for c in cells) >= 2  # its row, and a link to or from it
    options = page.evaluate("Array.from(document.querySelectorAll('#node-list option')).map(o => o.textContent)")
    assert any(XSS in o for o in options)
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert opened.dialogs == [] and opened.errors == [] and opened.requests == []


# -- a plan of headings, posts and teams (issue 15): Kent's commitments --------------------------

@pytest.fixture(scope="module")
def kent_page(tmp_path_factory: pytest.TempPathFactory, kent_build: Path) -> tuple[View, Path]:
    """The who-leads-what view of Kent's plan, built alone (the session's ``kent_build``)."""
    from plangraph.store import open_store

    view = make_view("who-leads-what", facts_of(store=open_store(kent_build / "store")))
    return view, write_view(view, tmp_path_factory.mktemp("kent") / "kent-who-leads-what.html", "html")


def test_the_kent_page_loads_offline_and_draws_posts_teams_and_commitments(
        browser: Any, kent_page: tuple[View, Path], shots: Path) -> None:
    view, path = kent_page
    opened = open_page(browser, path, ready=READY)
    try:
        page = opened.page
        page.wait_for_function("window.plangraphDrawn")
        assert opened.errors == [] and opened.requests == []
        assert sorted(drawn(opened)) == sorted(view.graph.nodes)
        kinds = page.evaluate("window.plangraph.nodes.get().map(n => n.kind)")
        assert {"post", "team", "commitment", "heading"} <= set(kinds)
        # the legend and the Show filter name them, each with its colour
        types = filter_labels(page, "legend-types")
        assert {"Post", "Team", "Commitment", "Heading"} <= set(types), types
        assert page.text_content("#filter-leads-h") == "Lead organisations, posts and teams"
        assert page.text_content("#filter-priorities-h") == "Headings"
        leads = filter_labels(page, "filter-leads")
        assert "CPH (Consultant in Public Health)" in leads and "People Strategy Team" in leads
        page.screenshot(path=str(shots / "kent-who-leads-what.png"))
        # unticking Post in the Show filter hides the posts alone
        posts = sum(1 for k in kinds if k == "post")
        before = page.evaluate("window.plangraph.network.body.nodeIndices.length")
        page.locator("#legend-types .filter-list label", has_text="Post").locator("input").uncheck()
        assert page.evaluate("window.plangraph.network.body.nodeIndices.length") == before - posts
        page.click("#fit")
        page.screenshot(path=str(shots / "kent-who-leads-what-whole.png"))
        assert opened.errors == []
    finally:
        opened.close()


# -- partnerships: "strongest links" ----------------------------------------------------------

def _set_least(page: Any, n: int) -> None:
    page.evaluate("""n => { const i = document.getElementById('least'); i.value = String(n);
        i.dispatchEvent(new Event('input')); }""", n)


def _shown_pairs(page: Any) -> dict[tuple[str, str], int]:
    return {tuple(sorted((e["from"], e["to"]))): e["shared"]  # type: ignore[misc]
            for e in page.evaluate("window.plangraph.edges.get()")}


@pytest.mark.parametrize("opened", ["partnerships"], indirect=True)
def test_the_seeds_partnerships_show_every_link(opened: OpenPage, pages: dict[str, tuple[View, Path]]) -> None:
    view = pages["partnerships"][0]
    page = opened.page
    assert view.least_weight == 1 and page.is_visible("#least")
    assert page.evaluate("document.getElementById('least').value") == "1"
    assert len(_shown_pairs(page)) == view.graph.number_of_edges()
    assert f"Showing {view.graph.number_of_edges()} of {view.graph.number_of_edges()} links" \
        in page.inner_text("#strongest-status")
    assert opened.errors == []


def test_strongest_links_on_generated_plans(browser: Any, tmp_path: Path, shots: Path) -> None:
    """At 300 plans 3,400 lines on one circle were unreadable: the page opens on the strongest
    (at most about 300, at least one), and the slider shows exactly the pairs the query gives
    that share at least so many items; organisations with no line shown are greyed, not dropped."""
    import pyoxigraph

    from plangraph.bench.synth import write_plans
    from plangraph.pipeline import graph_trig
    from test_viz import _query_pairs

    write_plans(40, tmp_path, seed=5)
    store = pyoxigraph.Store()
    store.load(graph_trig(sorted(tmp_path.glob("*.txt"))), format=pyoxigraph.RdfFormat.TRIG)
    pairs = _query_pairs(store)
    view = make_view("partnerships", facts_of(store=store))
    path = write_view(view, tmp_path / "partnerships.html", "html")
    least = view.least_weight
    assert least > 1 and 1 <= sum(1 for w in pairs.values() if w >= least) <= 300 < len(pairs)
    opened = open_page(browser, path, ready="window.plangraphDrawn")
    try:
        page = opened.page
        shown = _shown_pairs(page)
        assert shown == {p: w for p, w in pairs.items() if w >= least}
        page.screenshot(path=str(shots / "partnerships-generated-opening.png"))
        on_screen = page.evaluate("window.plangraph.onScreen()")
        assert len(on_screen) >= 5
        assert min(page.evaluate("id => window.plangraph.fontPx(id)", n) for n in on_screen) >= 9
        for n in (1, least + 1, least):
            _set_least(page, n)
            assert _shown_pairs(page) == {p: w for p, w in pairs.items() if w >= n}, n
            status = page.inner_text("#strongest-status")
            assert f"Showing {len(_shown_pairs(page))} of {len(pairs)} links" in status
        # every organisation stays drawn and counted; those with no line shown are greyed
        assert page.inner_text("#count") == f"{len(view.graph)} of {len(view.graph)} shown"
        linked = {n for p in shown for n in p}
        pale = sorted(set(view.graph) - linked)
        assert pale and page.evaluate("n => window.plangraph.nodes.get(n).color.background", pale[0]) == "#f7f7f7"
        name = view.graph.nodes[pale[0]]["name"]
        page.fill("#search", name)
        assert page.evaluate("window.plangraph.network.getSelectedNodes()") == [pale[0]]
        # the table lists the links shown and says how many the threshold hides
        page.click("#show-table")
        caption = page.evaluate("document.querySelectorAll('#tables caption')[1].textContent")
        assert caption == f"Links between the nodes shown ({len(shown)})"
        hidden = len(pairs) - len(shown)
        assert f"{hidden:,} links sharing fewer than {least} items are hidden" in page.inner_text("#tables")
        assert opened.errors == []
    finally:
        opened.close()
