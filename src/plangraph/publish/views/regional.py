"""Views at regional scale: each plan laid out on its own (a band), and a box that stands for it.

Drawn whole, the who-leads-what view of 300 plans is 12,600 nodes and 23,600 lines, the evidence
view 26,000 nodes: five seconds and more before a browser shows anything, and then too small to
read. A view with more than ``REGIONAL_NODES`` nodes is therefore also laid out plan by plan:
each plan's own nodes (those of that plan alone) with the nodes they link to, by the view's own
layout, as one band. The page (``view.js``) opens on one box per plan, in a grid, and draws a
plan's band under its row of boxes when the plan is opened (a click or Enter on its box, or a
search that finds something in it), so that it draws hundreds of nodes, not tens of thousands.

A node that several plans share (an organisation, a source) has a place in each of their bands
(``spots``); the page draws it once, in the first open band it belongs to. The whole view keeps
its own layout too: the PNG, GEXF and GraphML files, and the page of a smaller view, use it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from plangraph.publish.views.layout import box_size
from plangraph.publish.views.model import KINDS, Band, View, wrap
from plangraph.publish.views.nodes import Graph

__all__ = ["REGIONAL_NODES", "BOX_FONT", "HEAD", "is_regional", "lay_out_bands"]

REGIONAL_NODES = 2000  # more nodes than this: the page opens on one box per plan
BOX_FONT = 18  # a plan's box: read at the opening zoom, which makes it 10 px at least
HEAD = 70.0  # room above a band's nodes for its column headings
_GAP = 40.0  # between two boxes of a row
_ROW_GAP = 24.0
_PER_ROW = (2, 8)  # boxes a row, at least and at most


def is_regional(view: View) -> bool:
    """Is ``view`` big enough to open on one box per plan?"""
    return view.graph.number_of_nodes() > REGIONAL_NODES and len(view.plans) > 1


def _extent(g: Graph, nodes: list[str]) -> tuple[float, float, float, float]:
    """Left, top, right and bottom of the boxes of ``nodes``."""
    left = top = float("inf")
    right = bottom = float("-inf")
    for n in nodes:
        a = g.nodes[n]
        w, h = box_size(a["label"], a["kind"], boxed=a["boxed"], font=a.get("font"))
        left, right = min(left, a["x"] - w / 2), max(right, a["x"] + w / 2)
        top, bottom = min(top, a["y"] - h / 2), max(bottom, a["y"] + h / 2)
    return left, top, right, bottom


def lay_out_bands(view: View, lay_out: Callable[[View], object], summary: Callable[[Graph], str]) -> None:
    """At regional scale (``is_regional``), lay out each plan's band with ``lay_out`` (the view's
    layout, given a view of that plan's part) and make its box, labelled with the plan's name and
    ``summary`` of its band; otherwise do nothing."""
    if not is_regional(view):
        return
    g = view.graph
    own: dict[str, list[str]] = defaultdict(list)
    for n, a in g.nodes(data=True):
        if len(a["plans"]) == 1:
            own[a["plans"][0]].append(n)
    parts: list[tuple[str, Graph, float]] = []
    left, right = float("inf"), float("-inf")
    for slug, short in view.plans.items():
        members = own.get(slug)
        if not members:
            continue
        keep = set(members)
        for n in members:
            keep.update(g.predecessors(n))
            keep.update(g.successors(n))
        # the layout places the band's nodes in a view of the graph (a copy of each band took
        # longer than laying it out), so it writes their places in the whole view's own
        # attributes: they are read as the band's spots, then put back
        whole = {n: (g.nodes[n]["x"], g.nodes[n]["y"]) for n in keep}
        sub = View(view.name, view.title, "", g.subgraph(keep), {slug: short},
                   flag_label=view.flag_label, layered=view.layered)
        lay_out(sub)
        band_left, top, band_right, bottom = _extent(g, list(keep))
        for n in keep:
            a = g.nodes[n]
            a.setdefault("spots", {})[slug] = (round(a["x"], 1), round(a["y"] - top + HEAD, 1))
            a["x"], a["y"] = whole[n]
        parts.append((slug, sub.graph, bottom - top + HEAD))
        left, right = min(left, band_left), max(right, band_right)
    if parts:
        _boxes(view, parts, left, right, summary)


def _boxes(view: View, parts: list[tuple[str, Graph, float]], left: float, right: float,
           summary: Callable[[Graph], str]) -> None:
    """A box per band, in rows as wide as the bands are, from their left edge."""
    made = []
    for slug, sub, height in parts:
        short = view.plans[slug]
        about = summary(sub)
        label = wrap(short, 26, 2) + "\n" + wrap(about, 36, 2)
        counts = Counter(a["kind"] for _, a in sub.nodes(data=True))
        details = [f"{KINDS[k].label}: {counts[k]}" for k in KINDS if counts[k]]
        made.append((slug, label, f"{short} ({about})", details, height))
    sizes = [box_size(label, "plan", boxed=True, font=BOX_FONT) for _, label, _, _, _ in made]
    cell = max((w for w, _ in sizes), default=0.0) + _GAP
    per_row = max(_PER_ROW[0], min(_PER_ROW[1], int((right - left + _GAP) // cell)))
    top = 0.0
    for start in range(0, len(made), per_row):
        row = start // per_row
        tallest = max(h for _, h in sizes[start:start + per_row])
        for k, (slug, label, name, details, height) in enumerate(made[start:start + per_row]):
            view.bands[slug] = Band(label, name, details, x=round(left + k * cell + (cell - _GAP) / 2, 1),
                                    y=top + tallest / 2, row=row, height=round(height, 1))
        top += tallest
        view.rows.append(round(top, 1))
        top += _ROW_GAP
