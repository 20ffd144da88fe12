"""A view as one self-contained HTML file: pyvis's vis-network, our own template, no network.

The networkx graph becomes vis-network's node and edge records as pyvis's ``from_nx`` would
make them, and pyvis's package ships the vis-network script, which is inlined here. pyvis's own templates are
not used: even with ``cdn_resources="in_line"`` they load Bootstrap from a CDN, and
``write_html`` writes with the platform's encoding (cp1252 on a council laptop). The page's
script (``view.js`` and the ``view-*.js`` files, joined: ``SCRIPTS``) builds every tooltip,
legend entry, filter, list, table and search result from the data with ``textContent``, never
as HTML, because the data is document text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.errors import PlangraphError
from plangraph.publish.views.layout import FONT, margin
from plangraph.publish.views.model import EDGE_KINDS, FLAG_COLOUR, KINDS, NO_ORG, View
from plangraph.publish.views.nodes import ITEM_KINDS
from plangraph.publish.views.regional import BOX_FONT, HEAD
from plangraph.resources import package_file

if TYPE_CHECKING:
    from jinja2 import Template

__all__ = ["view_to_html", "vis_network_script", "page_script", "SCRIPTS", "VIS_VERSION"]

HERE = package_file("publish", "views")
VIS_VERSION = "9.1.2"  # the vis-network build that pyvis 0.3.2 ships under lib/
# More lines than this and the page draws them as one picture, giving vis-network only the selected
# node's (view.js): vis-network took 1.5 s to make the 18,000 lines of across-plans at 300 plans.
MANY_LINES = 5000
# A filter of more entries than this (a region has hundreds of organisations) has a box that
# narrows its list (view-filters.js)
NARROW_FROM = 12
_SHAPES = {"dot": "dot", "diamond": "diamond", "square": "square", "triangle": "triangle", "star": "star"}


@lru_cache(maxsize=1)
def vis_network_script() -> str:
    """The vis-network standalone script that ships inside the installed pyvis package."""
    import pyvis  # type: ignore[import-untyped]

    lib = Path(pyvis.__file__).resolve().parent / "lib"
    path = lib / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    if not path.is_file():  # another pyvis release: its newest bundled build
        found = sorted(lib.glob("vis-*/vis-network.min.js"),
                       key=lambda p: tuple(int(x) for x in p.parent.name[4:].split(".") if x.isdigit()))
        if not found:
            raise PlangraphError(f"{lib}: no vis-network script in the installed pyvis package",
                                 hint="Reinstall plangraph (pip install pyvis==0.3.2)")
        path = found[-1]
    text = path.read_text(encoding="utf-8")
    # inside <script>, the only sequence that could end the element early
    return text.replace("</script", "<\\/script")


def tint(colour: str, share: float = 0.8) -> str:
    """``colour`` mixed with white: a box's fill, light enough for dark text on it.

    >>> tint("#000000", 0.5)
    '#808080'
    """
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in (r, g, b))


def _colours(colour: str, boxed: bool, flag: bool, group: bool) -> dict[str, Any]:
    """A node's colours, as vis-network reads them."""
    border = FLAG_COLOUR if flag else colour
    fill = tint(colour, 0.78) if boxed else colour
    if group:
        fill = "#ffffff"
    return {"background": fill, "border": border,
            "highlight": {"background": fill, "border": "#000000"},
            "hover": {"background": fill, "border": "#000000"}}


class _Styles:
    """The colours of a page's nodes and the look of each kind of line, each written once.

    A node record names its colours by their place in ``colours`` and gives its font's size
    alone; a line names its kind (``lines``): ``view.js`` puts them back together. Written out
    in every record, they were a third of a regional page (17 MB of the evidence view's 52).
    """

    def __init__(self) -> None:
        self._colours: dict[tuple[str, bool, bool, bool], int] = {}
        self.colours: list[dict[str, Any]] = []
        self.lines: dict[str, dict[str, Any]] = {}

    def colour(self, colour: str, boxed: bool, flag: bool, group: bool) -> int:
        key = (colour, boxed, flag, group)
        if key not in self._colours:
            self._colours[key] = len(self.colours)
            self.colours.append(_colours(*key))
        return self._colours[key]

    def line(self, key: str) -> str:
        if key not in self.lines:
            kind = EDGE_KINDS[key]
            # the columns already say which way a line reads; arrows only where they add to that
            directed = key in ("leads", "member", "cites", "about")
            style: dict[str, Any] = {"color": {"color": kind.colour, "opacity": 0.55, "highlight": "#000000",
                                               "hover": "#000000"},
                                     "dashes": kind.dashed, "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}}}
            if key in ("co-lead", "named-together"):
                style["color"]["opacity"] = 0.9  # few lines, each worth seeing
                style["font"] = {"size": 20, "color": "#1a1a1a", "strokeWidth": 6, "strokeColor": "#ffffff",
                                 "align": "horizontal"}
            self.lines[key] = style
        return key


def _vis_node(a: dict[str, Any], view: View, styles: _Styles) -> dict[str, Any]:
    kind = KINDS[a["kind"]]
    org_colour = view.organisations.get(a["org"], ("", NO_ORG))[1] if a["org"] else NO_ORG
    boxed = bool(a["boxed"])
    by_type = styles.colour(kind.colour, boxed, bool(a["flag"]), bool(a["group"]))
    by_org = styles.colour(org_colour, boxed, bool(a["flag"]), bool(a["group"]))
    record: dict[str, Any] = {
        "label": a["label"], "shape": "box" if boxed else _SHAPES[kind.shape],
        "color": by_type, "x": round(a["x"], 1), "y": round(a["y"], 1),
        "size": int(a.get("size", 9 if not boxed else 10)),
        "font": a.get("font") or _font(a["kind"]),  # its size: view.js makes vis-network's font of it
        "borderWidth": 4 if a["flag"] else (2 if boxed else 1),
        "margin": margin(a["kind"]),
        # fields of our own, read by view.js
        "kind": a["kind"], "name": a["name"], "plans": a["plans"], "quotes": a["quotes"],
        "moreQuotes": a["more_quotes"], "details": a["details"], "flag": a["flag"],
        "isGroup": a["group"], "orgKey": a["org"], "byType": by_type, "byOrg": by_org,
    }
    if a["group"]:
        record["shapeProperties"] = {"borderDashes": [6, 4]}
    if "spots" in a:
        record["spots"] = a["spots"]
    return record


def _boxes(view: View, styles: _Styles) -> list[dict[str, Any]]:
    """The boxes that stand for the plans of a view at regional scale, as node records."""
    records = []
    for slug, band in view.bands.items():
        a = {"label": band.label, "name": band.name, "kind": "plan", "plans": [slug], "quotes": [],
             "more_quotes": 0, "details": band.details, "org": "", "flag": "", "group": False,
             "x": band.x, "y": band.y, "boxed": True, "font": BOX_FONT}
        records.append({**_vis_node(a, view, styles), "id": f"band:{slug}", "band": slug,
                        "row": band.row, "borderWidth": 3})
    return records


def _font(kind: str) -> int:
    return FONT.get(kind, 14)


def _vis_edge(a: dict[str, Any], styles: _Styles) -> dict[str, Any]:
    width = a["weight"]  # _network_records turns "weight" into vis-network's "width", as pyvis does
    record: dict[str, Any] = {"weight": round(width, 2), "kind": styles.line(a["kind"]), "text": a["text"]}
    if a["kind"] in ("co-lead", "named-together"):
        record["weight"] = round(2.5 + 2 * (float(a["weight"]) - 1) ** 0.7, 2)
        # the count on every line, 1 too: a board reads numbers more surely than widths
        record["label"] = str(a["weight"])
        record["shared"] = int(a["weight"])  # what the "strongest links" control compares
    return record


def _network_records(view: View, styles: _Styles) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network's node and edge records, as pyvis's ``Network.from_nx`` makes them (their
    colours, fonts and lines' looks in ``styles``).

    pyvis gives each node record its ``id`` and turns an edge's ``weight`` into vis-network's
    ``width``, adding ``from`` and ``to``; this does the same directly, because ``from_nx``
    checks each edge's ends against a list of every node, which takes minutes at regional
    scale (tens of thousands of nodes).
    """
    nodes = [{**_vis_node(a, view, styles), "id": node} for node, a in view.graph.nodes(data=True)]
    edges = []
    for u, v, a in view.graph.edges(data=True):
        record = _vis_edge(a, styles)
        width = record.pop("weight")
        edges.append({**record, "width": width, "from": u, "to": v})
    return nodes, edges


def _natural(text: str) -> tuple[Any, ...]:
    """``text`` for sorting with its numbers as numbers ("2. ..." before "10. ...")."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.split(r"(\d+)", text) if part)


# what the page's lead filter lists: organisations, and the posts and teams of a plan whose lead
# cells name a post ("Head of Environment") or a team instead; officers are not listed (a plan
# names hundreds, and each works for an organisation the filter lists where the graph says so)
LEAD_KINDS = ("organisation", "partnership", "post", "team")
FILTERED_ITEMS = ITEM_KINDS  # what the page's lead filter passes or not


def _filters(view: View, nodes: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's filters by priority and by lead organisation, from the graph: each priority
    (``priority`` of the nodes, named in the graph's ``priorities``: a plan's priority, or the top
    heading of a plan of headings) and each organisation, post or team that leads something (a
    ``leads`` line), in order (organisations first); and on each node record, by their places in
    those lists, the priority it belongs to (``pri``), the leads of an item (``leads``) or the
    lead it is (``leadOrg``). The filters' titles name what they list."""
    g = view.graph
    named: dict[str, tuple[str, str]] = g.graph.get("priorities", {})
    plan_at = {slug: i for i, slug in enumerate(view.plans)}
    used = {a["priority"] for _, a in g.nodes(data=True) if a.get("priority") in named}
    priorities = sorted(used, key=lambda p: (plan_at.get(named[p][1], len(plan_at)), _natural(named[p][0]), p))
    many_plans = len({named[p][1] for p in priorities}) > 1
    pri_at = {p: i for i, p in enumerate(priorities)}
    leaders: dict[str, list[str]] = {}
    for u, v, a in g.edges(data=True):
        if a["kind"] == "leads" and g.nodes[u]["kind"] in LEAD_KINDS:
            leaders.setdefault(v, []).append(u)
    rank = {"partnership": 0, "organisation": 0, "post": 1, "team": 2}
    orgs = sorted({o for who in leaders.values() for o in who},
                  key=lambda o: (rank[g.nodes[o]["kind"]], _natural(g.nodes[o]["name"]), o))
    org_at = {o: i for i, o in enumerate(orgs)}
    for record in nodes:
        a = g.nodes[record["id"]]
        if a.get("priority") in pri_at:
            record["pri"] = pri_at[a["priority"]]
        if a["kind"] in FILTERED_ITEMS and orgs:
            record["leads"] = sorted(org_at[o] for o in leaders.get(record["id"], ()))
        if record["id"] in org_at:
            record["leadOrg"] = org_at[record["id"]]
    lead_kinds = [k for k in ("organisation", "post", "team")
                  if any(g.nodes[o]["kind"] == k or (k == "organisation" and g.nodes[o]["kind"] == "partnership")
                         for o in orgs)] or ["organisation"]
    words = [KINDS[k].label.lower() for k in lead_kinds]  # organisation, post, team
    mixed = len(lead_kinds) > 1  # each entry marked with its kind's colour, as the legend draws it
    drawn = [g.nodes[p]["kind"] for p in priorities if p in g]  # a view may filter by what it does not draw
    headings, plain = "heading" in drawn, len(drawn) < len(priorities) or "priority" in drawn
    return {
        # with many plans the page lists each plan's priorities under its name
        "priorities": [{"label": named[p][0], **({"plan": named[p][1]} if many_plans else {})} for p in priorities],
        "leadOrgs": [{"label": g.nodes[o]["name"],
                      **({"colour": KINDS[g.nodes[o]["kind"]].colour, "shape": "box"} if mixed else {})}
                     for o in orgs],
        "priorityTitle": ("Priorities and headings" if plain else "Headings") if headings else "Priorities",
        "leadTitle": "Lead " + _listed([w + "s" for w in words], "and"),  # Lead organisations and posts
        "noLead": "Led by no " + _listed(words, "or"),
    }


def _listed(words: list[str], last: str) -> str:
    """ "a", "a and b", "a, b and c" (``last`` the joining word)."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def view_data(view: View) -> dict[str, Any]:
    """Everything the page's script needs, as one JSON-ready value."""
    styles = _Styles()
    nodes, edges = _network_records(view, styles)
    boxed: dict[str, bool] = {}  # each kind of node drawn: is any of them a box?
    groups = False
    for _, a in view.graph.nodes(data=True):  # once, not once per kind: a view has tens of thousands
        boxed[a["kind"]] = boxed.get(a["kind"], False) or bool(a["boxed"])
        groups = groups or bool(a["group"])
    boxes = _boxes(view, styles)
    if boxes:
        boxed["plan"] = True
    return {
        "name": view.name,
        "title": view.title,
        "layered": view.layered,
        "nodes": nodes,
        "edges": edges,
        "kinds": [{"key": k, "label": KINDS[k].label, "colour": KINDS[k].colour,
                   "shape": "box" if boxed[k] else KINDS[k].shape}
                  for k in KINDS if k in boxed],
        "edgeKinds": [{"key": k, "label": EDGE_KINDS[k].label, "colour": EDGE_KINDS[k].colour,
                       "dashed": EDGE_KINDS[k].dashed} for k in view.edge_kinds],
        "plans": [{"key": k, "label": v} for k, v in view.plans.items()],
        "organisations": [{"key": k, "label": name, "colour": colour}
                          for k, (name, colour) in view.organisations.items()],
        "flag": view.flag_label,
        "flagColour": FLAG_COLOUR,
        "groups": groups,
        "columns": [{"x": x, "label": label} for x, label in view.columns],
        # at regional scale (plangraph.publish.views.regional): a box per plan, each plan's band
        "boxes": boxes,
        "bands": [{"key": slug, "row": band.row, "height": band.height} for slug, band in view.bands.items()],
        "rows": view.rows,
        "head": HEAD,
        "colours": styles.colours,
        "lines": styles.lines,
        "manyLines": MANY_LINES,
        "narrowFrom": NARROW_FROM,
        "leastWeight": view.least_weight,
        "openOn": view.open_on,
        **_filters(view, nodes),
    }


# The page's script, by concern, joined in this order inside one function (so that each file's
# names are every file's): the data and the network, the canvas, plans at regional scale, the
# search box, the filters and legend, the strongest links, the tables, the keyboard, and the start.
SCRIPTS = ("view.js", "view-canvas.js", "view-regional.js", "view-search.js", "view-filters.js",
           "view-strongest.js", "view-table.js", "view-keys.js", "view-start.js")


def page_script() -> str:
    """The page's one inline script: the ``SCRIPTS`` files inside one function."""
    parts = [(HERE / name).read_text(encoding="utf-8") for name in SCRIPTS]
    text = '(function () {\n  "use strict";\n' + "\n".join(parts) + "})();\n"
    return text.replace("</script", "<\\/script")


@lru_cache(maxsize=1)
def _template() -> Template:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(HERE)), autoescape=select_autoescape(["html"]),
                      keep_trailing_newline=True)
    return env.get_template("template.html")


def view_to_html(view: View) -> str:
    """The view as one HTML document (text; write it as UTF-8)."""
    data = view_data(view)
    return _template().render(
        view=view, data=data, vis_version=VIS_VERSION, vis_script=vis_network_script(),
        css=(HERE / "view.css").read_text(encoding="utf-8"),
        script=page_script(),
        node_count=len(data["nodes"]),
    )
