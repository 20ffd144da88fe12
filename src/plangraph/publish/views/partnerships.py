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
from plangraph.publish.views.layout import box_size, circle, compact
from plangraph.publish.views.model import View, shorten
from plangraph.publish.views.nodes import (Graph, Need, add_node, colour_by_organisation, item_name,
                                           node_label, plan_names)

__all__ = ["NEED", "LINES_SHOWN", "least_weight", "partnerships"]

# The page opens showing at most about this many lines, the strongest: at 300 plans 3,400 lines
# on one circle were unreadable. Its "strongest links" control shows more or fewer (a view filter:
# the graph, the query and the tables' counts keep every pair).
LINES_SHOWN = 300
LARGEST_FONT = 44  # a name's font grows with its items, up to this (an agency of 800 items: 101)

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
        g.nodes[org]["font"] = min(LARGEST_FONT, round(16 + 3 * len(mine) ** 0.5))  # bigger: more items
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
                          "(set apart at the bottom).")
    view.least_weight = least_weight([int(a["weight"]) for _, _, a in g.edges(data=True)])
    view.notes.append("\"Strongest links\" shows the lines of pairs sharing at least so many items; "
                      "an organisation with no line shown is greyed and set apart, but still drawn, "
                      "counted, listed and found by search.")
    _layout(view)
    return view


def least_weight(weights: list[int], most: int = LINES_SHOWN) -> int:
    """The least N for which at most ``most`` of the lines (``weights``: their shared items)
    share N items or more: 1 when they all fit, never more than the strongest line's.

    >>> least_weight([1, 1, 2, 3], most=2), least_weight([1, 2], most=5), least_weight([4, 4, 4], most=1)
    (2, 1, 4)
    """
    counts = Counter(weights)
    n, shown = 1, len(weights)
    while shown > most and n < max(weights):
        shown -= counts[n]
        n += 1
    return n


def _name(facts: Facts, iri: str) -> str:
    """What a shared thing is called: an item's label and words, another node's label, or
    (a node no view fetches, such as a source) the last part of its IRI."""
    return item_name(facts, iri) if iri in facts.nodes else iri.rstrip("/").rsplit("/", 1)[-1]


def _layout(view: View) -> None:
    """The organisations with a line shown at the opening (``least_weight``), each group of
    them on its own, the biggest first, side by side: a group of a few on a circle, a bigger one
    in a compact patch where the more linked sit in the middle; under them, apart, the rest in
    rows by name (linked by weaker lines only, or to none)."""
    g = view.graph
    least = view.least_weight
    strong: nx.Graph[str] = nx.Graph()
    strength: Counter[str] = Counter()
    for u, v, a in g.edges(data=True):
        w = int(a["weight"])
        if w >= least:
            strong.add_edge(u, v, weight=w)
            strength[u] += w
            strength[v] += w
    name = {n: g.nodes[n]["name"] for n in g}
    size = {n: box_size(g.nodes[n]["label"], g.nodes[n]["kind"], boxed=True, font=g.nodes[n].get("font")) for n in g}
    parts = sorted((sorted(c, key=lambda n: (-strength[n], name[n])) for c in nx.connected_components(strong)),
                   key=lambda c: (-len(c), -sum(strength[n] for n in c), name[c[0]]))
    view.open_on = list(parts[0]) if parts else []
    placed = []
    for part in parts:
        at = {n: i for i, n in enumerate(part)}
        sizes = [size[n] for n in part]
        if len(part) <= 12:
            spots = circle([w for w, _ in sizes], [h for _, h in sizes])
        else:
            spots = compact(sizes, [(at[u], at[v], float(e["weight"])) for u, v, e in strong.subgraph(part).edges(data=True)])
        placed.append((part, spots, sizes))
    widest = max((max(x + w / 2 for (x, _), (w, _) in zip(spots, sizes)) - min(x - w / 2 for (x, _), (w, _) in zip(spots, sizes))
                  for _, spots, sizes in placed), default=0.0)
    max_width = max(1500.0, widest)
    left, row_top, row_height = 0.0, 0.0, 0.0
    for part, spots, sizes in placed:
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
    top = row_top + row_height + 200 if placed else 0.0
    left, height = 0.0, 0.0
    for n in sorted((n for n in g if n not in strong), key=lambda n: (name[n], n)):
        wide, high = size[n]
        if left > 0 and left + wide > max_width:
            left, top, height = 0.0, top + height + 40, 0.0
        g.nodes[n]["x"], g.nodes[n]["y"] = left + wide / 2, top + high / 2
        left += wide + 40
        height = max(height, high)
