"""The ``partnerships`` view: organisations linked by what they share, each group of linked
organisations on a circle of its own.

What two organisations share is what the named query ``partnership-links`` counts: the things
both take part in, as ``pg:involvedOrganisation`` states it (one definition, in
:mod:`plangraph.rdf.derived`). The view adds, from the measures and activities themselves, how
each organisation takes part (it leads, or is named), to draw a line solid or dashed."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from plangraph.publish.views.facts import Facts
from plangraph.publish.views.layout import box_size, circle
from plangraph.publish.views.model import View, shorten
from plangraph.publish.views.nodes import (Graph, Need, add_node, colour_by_organisation, item_name,
                                           node_label, plan_names)

__all__ = ["NEED", "partnerships"]

# services and sources: named in the lines' notes, being things two organisations can share
NEED: Need = (("plans", "outline", "agents", "services", "sources"), ("outline", "involvement", "partners"))
_HOW = {"leads": "leads", "text": "is named in its text", "source": "is named in its evidence sources",
        "report": "is named in its progress report"}


def partnerships(facts: Facts) -> View:
    """Organisations linked by what they share (see the module docstring)."""
    facts.need(*NEED[0])
    g: Graph = nx.DiGraph()
    how: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, item, org, way in facts.pairs("involvement", "plan", "item", "organisation", "how"):
        if org in facts.nodes and item in facts.nodes:
            how[(org, item)].add(way)
    by_org: dict[str, list[str]] = defaultdict(list)
    for (org, item) in sorted(how):
        by_org[org].append(item)
    count: Counter[str] = Counter(org for org, _ in how)
    for org in sorted(count, key=lambda o: facts.nodes[o].label):
        mine = sorted(by_org[org], key=facts.first_seen)
        details = [f"{_HOW[min(how[(org, i)], key=list(_HOW).index)]}: {shorten(item_name(facts, i), 90)}"
                   for i in mine]
        add_node(g, facts, org, node_label(facts, org), details=details)
        g.nodes[org]["font"] = round(16 + 3 * len(mine) ** 0.5)  # bigger: more items in all
    orgs_in: dict[str, set[str]] = defaultdict(set)  # a thing -> the organisations taking part in it
    for _, thing, org in facts.pairs("partners", "plan", "thing", "organisation"):
        if org in facts.nodes:
            orgs_in[thing].add(org)
    for org in sorted({o for orgs in orgs_in.values() for o in orgs} - set(g), key=lambda o: facts.nodes[o].label):
        add_node(g, facts, org, node_label(facts, org), details=[])  # in no measure or activity
        g.nodes[org]["font"] = 16
        count[org] = 0
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for thing in sorted(orgs_in, key=lambda t: (facts.first_seen(t) if t in facts.nodes else ("~", 0), t)):
        for pair in combinations(sorted(orgs_in[thing]), 2):
            shared[pair].append(thing)
    for (a, b), its in sorted(shared.items()):
        both_lead = [i for i in its if "leads" in how.get((a, i), ()) and "leads" in how.get((b, i), ())]
        names = f"{g.nodes[a]['name']} and {g.nodes[b]['name']}"
        lines = [f"{names} share {len(its)} item{'s' if len(its) > 1 else ''}"
                 + (f" (both lead {len(both_lead)})" if both_lead else " (named together)")]
        lines += [shorten(_name(facts, i), 90) for i in its[:8]]
        if len(its) > 8:
            lines.append(f"… and {len(its) - 8} more")
        g.add_edge(a, b, kind="co-lead" if both_lead else "named-together", weight=len(its),
                   text="\n".join(lines))
    view = View("partnerships", "Partnerships",
                "Organisations linked by what they share (the measures, activities, outcomes, services "
                "and sources both take part in): a solid line where both lead the same items, a dashed "
                "one where the plan names them together. A "
                "thicker line means more shared items; a bigger name, more items in all.",
                g, plan_names(facts), layered=False)
    colour_by_organisation(view, count, {})
    posts = sum(1 for n in facts.nodes.values() if n.kind in ("post", "team"))
    if posts:  # not dropped silently: they lead items, shown in who-leads-what
        view.notes.append(f"The plans name {posts} posts and teams as leads (\"Head of Environment\"); "
                          "this view links organisations only: the who-leads-what view shows what they lead.")
    alone = [n for n in g if g.degree(n) == 0]
    if alone:
        view.notes.append(f"{len(alone)} of {len(g)} organisations share no item with another "
                          "(the row at the bottom).")
    _layout_components(view)
    return view


def _name(facts: Facts, iri: str) -> str:
    """What a shared thing is called: an item's label and words, another node's label, or
    (a node no view fetches, such as a source) the last part of its IRI."""
    return item_name(facts, iri) if iri in facts.nodes else iri.rstrip("/").rsplit("/", 1)[-1]


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
