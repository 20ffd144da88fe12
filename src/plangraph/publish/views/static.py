"""A view as a picture for a report (PNG, through matplotlib) or a graph for other tools: Gephi
(GEXF), yEd, Cytoscape and networkx (GraphML), Kumu (a workbook)."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

from plangraph.errors import UsageError
from plangraph.publish.views.html import tint
from plangraph.publish.views.layout import FONT
from plangraph.publish.views.model import EDGE_KINDS, FLAG_COLOUR, KINDS, View

__all__ = ["view_to_gexf", "view_to_graphml", "view_to_kumu", "view_to_png"]


def view_to_png(view: View, *, width: float = 16.0, dpi: int = 110) -> bytes:
    """Draw the view with the same positions as its HTML page; return the PNG's bytes."""
    try:
        import matplotlib
    except ImportError as err:
        raise UsageError("a PNG view needs matplotlib (expected it installed: pip install "
                         "'plangraph[viz]'); HTML and GEXF need nothing more") from err
    matplotlib.use("Agg")  # no display: a report is made on a server or in CI too
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    g = view.graph
    xs = [float(a["x"]) for _, a in g.nodes(data=True)] or [0.0]
    ys = [float(a["y"]) for _, a in g.nodes(data=True)] or [0.0]
    span_x, span_y = max(xs) - min(xs) + 400, max(ys) - min(ys) + 250
    height = max(6.0, min(30.0, width * span_y / span_x))
    fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
    # screen units: one point of font per pixel of the HTML page at zoom 1
    scale = width * 72 / span_x
    for u, v, a in g.edges(data=True):
        line = EDGE_KINDS[a["kind"]]
        ax.plot([g.nodes[u]["x"], g.nodes[v]["x"]], [g.nodes[u]["y"], g.nodes[v]["y"]],
                color=line.colour, alpha=0.45, zorder=1,
                linewidth=max(0.6, min(6.0, float(a["weight"]) ** 0.7)) * 0.8,
                linestyle="--" if line.dashed else "-")
    for node, a in g.nodes(data=True):
        kind = KINDS[a["kind"]]
        size = max(5.0, (a.get("font") or FONT.get(a["kind"], 13)) * scale)
        if a["boxed"]:
            ax.text(a["x"], a["y"], a["label"], ha="center", va="center", fontsize=size, zorder=3,
                    bbox={"boxstyle": "round,pad=0.3", "fc": "#ffffff" if a["group"] else tint(kind.colour, 0.78),
                          "ec": kind.colour, "lw": 1.2, "ls": "--" if a["group"] else "-"})
        else:
            ax.scatter([a["x"]], [a["y"]], s=(float(a.get("size", 9)) * scale * 2) ** 2, c=kind.colour,
                       marker=kind.marker, zorder=2, linewidths=2.5 if a["flag"] else 0.5,
                       edgecolors=FLAG_COLOUR if a["flag"] else "#ffffff")
            if a["label"]:
                ax.text(a["x"], a["y"] + 14, a["label"], ha="center", va="top", fontsize=size * 0.9,
                        zorder=3, color="#1a1a1a")
    top = min(ys)
    for x, heading in view.columns:
        ax.text(x, top - 60, heading, ha="center", va="bottom", fontsize=20 * scale, color="#6b6b6b",
                fontweight="bold")
    ax.set_xlim(min(xs) - 200, max(xs) + 200)
    ax.set_ylim(max(ys) + 80, top - 130)  # y grows downwards, as on the page
    ax.axis("off")
    handles: list[Any] = [Patch(facecolor=tint(KINDS[k].colour, 0.5), edgecolor=KINDS[k].colour, label=KINDS[k].label)
                          for k in view.kinds]
    handles += [Line2D([0], [0], color=EDGE_KINDS[k].colour, linestyle="--" if EDGE_KINDS[k].dashed else "-",
                       label=EDGE_KINDS[k].label) for k in view.edge_kinds]
    if view.flag_label:
        handles.append(Line2D([0], [0], marker="o", color="w", markeredgecolor=FLAG_COLOUR, markeredgewidth=2.5,
                              markersize=10, label=view.flag_label))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=10, frameon=False)
    ax.set_title(f"{view.title}: {', '.join(view.plans.values())}", fontsize=16, loc="left")
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()


def _attributes(view: View, a: dict[str, Any]) -> dict[str, str]:
    """A node's data as plain text fields: what GEXF, GraphML and Kumu carry."""
    return {"label": a["name"] or a["label"].replace("\n", " "), "kind": a["kind"],
            "plans": " ".join(a["plans"]), "drawn": a["label"].replace("\n", " "),
            "where": "; ".join(q["where"] for q in a["quotes"]), "flag": a["flag"] or "",
            "organisation": view.organisations.get(a["org"], ("", ""))[0] if a["org"] else ""}


def _plain_graph(view: View) -> nx.DiGraph[str]:
    g: nx.DiGraph[str] = nx.DiGraph()
    for node, a in view.graph.nodes(data=True):
        g.add_node(node, **_attributes(view, a))
    for u, v, a in view.graph.edges(data=True):
        g.add_edge(u, v, kind=a["kind"], weight=float(a["weight"]), label=a["text"].split("\n")[0])
    return g


def view_to_gexf(view: View) -> bytes:
    """The view as GEXF 1.2 (Gephi): labels, kinds, plans and where each node was read,
    with the page's positions and colours."""
    g = _plain_graph(view)
    for node, a in view.graph.nodes(data=True):
        colour = KINDS[a["kind"]].colour
        g.nodes[node]["viz"] = {"position": {"x": float(a["x"]), "y": -float(a["y"]), "z": 0.0},
                                "color": {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16),
                                          "b": int(colour[5:7], 16), "a": 1.0},
                                "size": float(a.get("size", 10))}
    out = io.BytesIO()
    nx.write_gexf(g, out, encoding="utf-8")
    return out.getvalue()


def view_to_graphml(view: View) -> bytes:
    """The view as GraphML (yEd, Cytoscape, networkx, igraph): the same fields as GEXF, with the
    page's positions as ``x`` and ``y``."""
    g = _plain_graph(view)
    for node, a in view.graph.nodes(data=True):
        g.nodes[node]["x"], g.nodes[node]["y"] = float(a["x"]), float(a["y"])
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8")
    return out.getvalue()


def view_to_kumu(view: View) -> bytes:
    """The view as a workbook Kumu imports (kumu.io): an "Elements" sheet (ID, Label, Type,
    Description, Tags: the plans, separated by "|") and a "Connections" sheet (From, To: the
    elements' IDs; Type, Label, Strength). Text stays text, never a formula."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    elements = book.active
    elements.title = "Elements"
    elements.append(["ID", "Label", "Type", "Description", "Tags", "Organisation", "Where"])
    for node, a in view.graph.nodes(data=True):
        f = _attributes(view, a)
        elements.append([node, f["label"], KINDS[a["kind"]].label, f["drawn"], "|".join(view.plans.get(p, p) for p in a["plans"]),
                         f["organisation"], f["where"]])
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Label", "Strength"])
    for u, v, a in view.graph.edges(data=True):
        kind = EDGE_KINDS[a["kind"]].label if a["kind"] in EDGE_KINDS else a["kind"]
        connections.append([u, v, kind, a["text"].split("\n")[0], float(a["weight"])])
    for sheet in (elements, connections):
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
