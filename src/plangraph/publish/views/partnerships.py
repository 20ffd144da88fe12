"""The ``partnerships`` view: organisations linked by the measures and activities they
share, each group of linked organisations on a circle of its own."""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from plangraph.publish.views.facts import Facts
from plangraph.publish.views.layout import box_size, circle
from plangraph.publish.views.model import View, shorten
from plangraph.publish.views.nodes import (Graph, Need, add_node, colour_by_organisation, item_name,
                                           node_label, plan_names)

__all__ = ["NEED", "partnerships"]

NEED: Need = (("plans", "outline", "agents"), ("outline", "involvement"))
_HOW = {"leads": "leads", "text": "is named in its text", "source": "is named in its evidence sources",
        "report": "is named in its progress report"}


def partnerships(facts: Facts) -> View:
    """Organisations linked by the measures and activities they share (lead or are named in)."""
    facts.need(*NEED[0])
    g: Graph = nx.DiGraph()
    how: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, item, org, way in facts.pairs("involvement", "plan", "item", "organisation", "how"):
        if org in facts.nodes and item in facts.nodes:
            how[(org, item)].add(way)
    by_item: dict[str, list[str]] = defaultdict(list)
    by_org: dict[str, list[str]] = defaultdict(list)
    for (org, item) in sorted(how):
        by_item[item].append(org)
        by_org[org].append(item)
    count: Counter[str] = Counter(org for org, _ in how)
    for org in sorted(count, key=lambda o: facts.nodes[o].label):
        mine = sorted(by_org[org], key=facts.first_seen)
        details = [f"{_HOW[min(how[(org, i)], key=list(_HOW).index)]}: {shorten(item_name(facts, i), 90)}"
                   for i in mine]
        add_node(g, facts, org, node_label(facts, org), details=details)
        g.nodes[org]["font"] = round(16 + 3 * len(mine) ** 0.5)  # bigger: more items in all
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for item, orgs in by_item.items():
        for i, a in enumerate(orgs):
            for b in orgs[i + 1:]:
                shared[(a, b) if a < b else (b, a)].append(item)
    for (a, b), its in sorted(shared.items()):
        both_lead = [i for i in its if "leads" in how[(a, i)] and "leads" in how[(b, i)]]
        names = f"{g.nodes[a]['name']} and {g.nodes[b]['name']}"
        lines = [f"{names} share {len(its)} item{'s' if len(its) > 1 else ''}"
                 + (f" (both lead {len(both_lead)})" if both_lead else " (named together)")]
        lines += [shorten(item_name(facts, i), 90) for i in sorted(its, key=facts.first_seen)[:8]]
        if len(its) > 8:
            lines.append(f"… and {len(its) - 8} more")
        g.add_edge(a, b, kind="co-lead" if both_lead else "named-together", weight=len(its),
                   text="\n".join(lines))
    view = View("partnerships", "Partnerships",
                "Organisations linked by the measures and activities they share: a solid line where "
                "both lead the same items, a dashed one where the plan names them together. A "
                "thicker line means more shared items; a bigger name, more items in all.",
                g, plan_names(facts), layered=False)
    colour_by_organisation(view, count, {})
    alone = [n for n in g if g.degree(n) == 0]
    if alone:
        view.notes.append(f"{len(alone)} of {len(g)} organisations share no item with another "
                          "(the row at the bottom).")
    _layout_components(view)
    return view


def _layout_components(view: View) -> None:
    """Each group of linked organisations on a circle of its own, the biggest group first,
    side by side; organisations linked to none in a row underneath."""
    g = view.graph
    undirected = g.to_undirected()
    parts = sorted((sorted(c, key=lambda n: (-len(g.nodes[n]["details"]), g.nodes[n]["name"]))
                    for c in nx.connected_components(undirected)),
                   key=lambda c: (-len(c), -sum(len(g.nodes[n]["details"]) for n in c), g.nodes[c[0]]["name"]))
    linked = [c for c in parts if len(c) > 1]
    alone = [c[0] for c in parts if len(c) == 1]
    left, row_top, row_height, max_width = 0.0, 0.0, 0.0, 1500.0
    for part in linked:
        sizes = [box_size(g.nodes[n]["label"], g.nodes[n]["kind"], boxed=True, font=g.nodes[n].get("font"))
                 for n in part]
        spots = circle([w for w, _ in sizes], [h for _, h in sizes])
        x0 = min(x - w / 2 for (x, _), (w, _) in zip(spots, sizes))
        x1 = max(x + w / 2 for (x, _), (w, _) in zip(spots, sizes))
        y0 = min(y - h / 2 for (_, y), (_, h) in zip(spots, sizes))
        y1 = max(y + h / 2 for (_, y), (_, h) in zip(spots, sizes))
        if left > 0 and left + (x1 - x0) > max_width:
            left, row_top, row_height = 0.0, row_top + row_height + 120, 0.0
        for n, (x, y) in zip(part, spots):
            g.nodes[n]["x"], g.nodes[n]["y"] = left + x - x0, row_top + y - y0
        left += (x1 - x0) + 140
        row_height = max(row_height, y1 - y0)
    top = row_top + row_height + 140 if linked else 0.0
    left = 0.0
    for n in sorted(alone, key=lambda n: g.nodes[n]["name"]):
        w, _ = box_size(g.nodes[n]["label"], g.nodes[n]["kind"], boxed=True, font=g.nodes[n].get("font"))
        if left > 0 and left + w > max_width:
            left, top = 0.0, top + 90
        g.nodes[n]["x"], g.nodes[n]["y"] = left + w / 2, top
        left += w + 40
