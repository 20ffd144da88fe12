"""The ``who-leads-what`` view: officers and organisations -> the measures and activities
they lead -> outcomes -> priorities -> plans, laid out in columns read left to right."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import networkx as nx

from plangraph.publish.views.facts import Facts
from plangraph.publish.views.layout import box_size, mean, spread
from plangraph.publish.views.model import View
from plangraph.publish.views.nodes import (ITEM_KINDS, Graph, Need, add_node, colour_by_organisation,
                                           item_name, node_label, outline_order, plan_names)
from plangraph.publish.views.regional import lay_out_bands

__all__ = ["NEED", "who_leads_what"]

NEED: Need = (("plans", "outline", "agents"), ("outline", "leads", "memberships"))


def who_leads_what(facts: Facts) -> View:
    """Officers and organisations -> the measures and activities they lead -> outcomes ->
    priorities -> plans."""
    facts.need(*NEED[0])
    g: Graph = nx.DiGraph()
    items = sorted((n.iri for n in facts.nodes.values() if n.kind in ITEM_KINDS),
                   key=lambda i: outline_order(facts, i))
    for item in items:
        add_node(g, facts, item, node_label(facts, item), name=item_name(facts, item))
        child, parent = item, facts.parent.get(item)
        while parent and parent in facts.nodes:
            add_node(g, facts, parent, node_label(facts, parent))
            g.add_edge(child, parent, kind="part-of", weight=1, text="belongs to")
            child, parent = parent, facts.parent.get(parent)
    led: Counter[str] = Counter()
    for plan, item, item_type, lead, role in facts.pairs("leads", "plan", "item", "itemType", "lead", "role"):
        target = plan if item_type.endswith("#ProgressReport") else item
        if target not in g or lead not in facts.nodes:
            continue
        add_node(g, facts, lead, node_label(facts, lead))
        what = ("the plan-wide row (All outcomes)" if target == plan else g.nodes[target]["name"])
        g.add_edge(lead, target, kind="leads", weight=2, text=f"{g.nodes[lead]['name']} leads {what}")
        if role == "organisation":
            led[lead] += 1
    member: dict[str, str] = {}
    for _, person, org in facts.pairs("memberships", "plan", "person", "organisation"):
        if person in g and org in g:
            g.add_edge(person, org, kind="member", weight=1,
                       text=f"{g.nodes[person]['name']} works for {g.nodes[org]['name']} (as a lead cell says)")
            member[person] = org
    for item in items:
        leads = [o for o in g.predecessors(item) if g.nodes[o]["kind"] in ("organisation", "partnership")]
        if leads:
            member[item] = max(leads, key=lambda o: (led[o], g.nodes[o]["name"]))
    view = View("who-leads-what", "Who leads what",
                "Each organisation and officer (left) linked to the performance measures and key "
                "activities it leads, then to the outcome and priority they serve (right). "
                "Click a node to see what it is linked to; hover for the plan's own words.",
                g, plan_names(facts))
    colour_by_organisation(view, led, member)
    unled = [i for i in items if not any(g.nodes[p]["kind"] in ("organisation", "partnership", "person")
                                         for p in g.predecessors(i))]
    if unled:
        view.notes.append(f"{len(unled)} of {len(items)} measures and activities have no lead in the "
                          "graph (the plan names none, or has no lead column).")
    widths = _column_widths(g)
    _layout_leads(view, facts, items, widths)
    by_plan: dict[str, list[str]] = defaultdict(list)
    for item in items:
        by_plan[g.nodes[item]["plans"][0] if g.nodes[item]["plans"] else ""].append(item)
    lay_out_bands(view, lambda band: _layout_leads(band, facts, by_plan[next(iter(band.plans))], widths),
                  _led_items)
    return view


def _led_items(g: Graph) -> str:
    """What a plan's box says of its band: how many items, how many of them led."""
    items = [n for n, a in g.nodes(data=True) if a["kind"] in ITEM_KINDS]
    led = sum(1 for i in items if any(g.nodes[p]["kind"] in ("organisation", "partnership", "person")
                                      for p in g.predecessors(i)))
    return f"{len(items)} measures and activities, {led} led"


COLUMNS = (("person", "Officers"), ("organisation", "Organisations"), ("items", "Measures and activities"),
           ("outcome", "Outcomes"), ("priority", "Priorities"), ("plan", "Plans"))


def _column_widths(g: Graph) -> dict[str, float]:
    """The width of each column: its widest box (so that every plan's band, laid out on its
    own at regional scale, has its columns where the whole view has them)."""
    widths: dict[str, float] = {}
    for n, a in g.nodes(data=True):
        kind = a["kind"]
        key = "items" if kind in ITEM_KINDS else ("organisation" if kind == "partnership" else kind)
        widths[key] = max(widths.get(key, 0.0), box_size(a["label"], kind, boxed=a["boxed"])[0])
    return widths


def _layout_leads(view: View, facts: Facts, items: list[str], widths: dict[str, float] | None = None) -> None:
    """Columns, left to right: officers, organisations, the items (one a row, in document order,
    each outcome's together), outcomes, priorities, plans; each lead beside what it leads."""
    g = view.graph
    gap = 16.0
    # groups: the items of one outcome (or of one priority, for activities), in document order
    groups: dict[str, list[str]] = defaultdict(list)
    for item in items:
        groups[facts.parent.get(item, item)].append(item)
    sizes = {n: box_size(g.nodes[n]["label"], g.nodes[n]["kind"], boxed=g.nodes[n]["boxed"]) for n in g}
    kinds = {n: g.nodes[n]["kind"] for n in g}
    cols = {k: [n for n in g if kinds[n] == k] for k in ("person", "organisation", "outcome", "priority", "plan")}
    cols["organisation"] += [n for n in g if kinds[n] == "partnership"]
    width = widths if widths is not None else _column_widths(g)
    x: dict[str, float] = {}
    left = 0.0
    headings = []
    for key, heading in COLUMNS:
        w = width.get(key, 0.0)
        if w == 0:
            continue
        x[key] = left + w / 2
        headings.append((left + w / 2, heading))
        left += w + 70
    items_left = x.get("items", 0.0) - width.get("items", 0.0) / 2
    y: dict[str, float] = {}
    top = 0.0
    previous_plan = None
    for parent, members in groups.items():
        plan = facts.plan_of(parent)
        if previous_plan is not None and plan != previous_plan:
            top += 50  # a wider gap between plans
        previous_plan = plan
        # one item a row, its words starting at the column's left edge: a list read down
        rows = [sizes[m][1] + 6 for m in members]
        own = sizes[parent][1] if kinds.get(parent) == "outcome" else 0
        extent = max(sum(rows), own)
        at = top + (extent - sum(rows)) / 2
        for item, row in zip(members, rows):
            g.nodes[item]["x"], y[item] = items_left + sizes[item][0] / 2, at + row / 2
            at += row
        y[parent] = top + extent / 2
        top += extent + gap

    def place(kind_nodes: list[str], key: str, targets: Callable[[str], list[str]]) -> None:
        desired = {n: mean((y[t] for t in targets(n) if t in y), default=top) for n in kind_nodes}
        order = sorted(kind_nodes, key=lambda n: (desired[n], g.nodes[n]["name"]))
        placed = spread(order, desired, {n: sizes[n][1] for n in kind_nodes}, 10)
        for n in kind_nodes:
            y[n] = placed[n]
            g.nodes[n]["x"] = x[key]
    outcomes = cols["outcome"]
    place(outcomes, "outcome", lambda n: [n])
    place(cols["priority"], "priority", lambda n: list(g.predecessors(n)))
    place(cols["plan"], "plan", lambda n: list(g.predecessors(n)))
    place(cols["organisation"], "organisation", lambda n: list(g.successors(n)))
    place(cols["person"], "person", lambda n: [t for t in g.successors(n) if kinds[t] != "organisation"])
    for n in g:
        g.nodes[n]["y"] = y.get(n, 0.0)
    view.columns = headings
