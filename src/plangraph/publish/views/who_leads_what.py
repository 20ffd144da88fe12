"""The ``who-leads-what`` view: officers, posts, teams and organisations -> the items they lead
(measures and activities; or actions, commitments and indicators) -> outcomes -> priorities (or
the headings the items stand under) -> plans, laid out in columns read left to right."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

import networkx as nx

from plangraph.publish.views.facts import Facts
from plangraph.publish.views.layout import box_size, mean, spread
from plangraph.publish.views.model import View
from plangraph.publish.views.nodes import (ITEM_KINDS, LEADER_KINDS, Graph, Need, add_node, colour_by_organisation,
                                           heading_depth, item_name, node_label, outline_order, plan_names)
from plangraph.publish.views.regional import lay_out_bands

__all__ = ["NEED", "who_leads_what"]

NEED: Need = (("plans", "outline", "agents"), ("outline", "leads", "memberships"))
_ROLE_KINDS = {"organisation": ("organisation", "partnership"), "officer": ("person",), "post": ("post",),
               "team": ("team",)}  # what a lead of each role of the leads query may be


def who_leads_what(facts: Facts) -> View:
    """Officers, posts, teams and organisations -> the items they lead -> outcomes -> priorities
    (or headings) -> plans. An indicator is drawn only where it has a lead: a plan's indicators
    are its targets, drawn here for who answers for them."""
    facts.need(*NEED[0])
    g: Graph = nx.DiGraph()
    rows = facts.pairs("leads", "plan", "item", "itemType", "lead", "role")
    led_indicators = {item for _, item, _, _, _ in rows}
    items = sorted((n.iri for n in facts.nodes.values()
                    if n.kind in ITEM_KINDS and (n.kind != "indicator" or n.iri in led_indicators)),
                   key=lambda i: outline_order(facts, i))
    for item in items:
        add_node(g, facts, item, node_label(facts, item), name=item_name(facts, item))
        child, parent = item, facts.parent.get(item)
        while parent and parent in facts.nodes:
            add_node(g, facts, parent, node_label(facts, parent))
            g.add_edge(child, parent, kind="part-of", weight=1, text="belongs to")
            child, parent = parent, facts.parent.get(parent)
    led: Counter[str] = Counter()
    for plan, item, item_type, lead, role in rows:
        target = plan if item_type.endswith("#ProgressReport") else item
        if target not in g or lead not in facts.nodes or facts.nodes[lead].kind not in _ROLE_KINDS.get(role, ()):
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
                "Each organisation, officer, post and team (left) linked to what it leads: the "
                "performance measures, key activities, actions and commitments of the plans; then to "
                "the outcome and priority, or the headings, they stand under (right). "
                "Click a node to see what it is linked to; hover for the plan's own words.",
                g, plan_names(facts))
    colour_by_organisation(view, led, member)
    unled = [i for i in items if not any(g.nodes[p]["kind"] in LEADER_KINDS for p in g.predecessors(i))]
    if unled:
        view.notes.append(f"{len(unled)} of {len(items)} items have no lead in the "
                          "graph (the plan names none, or has no lead column).")
    _heading_columns(g, facts)
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
    led = sum(1 for i in items if any(g.nodes[p]["kind"] in LEADER_KINDS for p in g.predecessors(i)))
    return f"{len(items)} items, {led} led"


def _heading_columns(g: Graph, facts: Facts) -> None:
    """Put each heading in a column by its depth (``heading0`` the top headings, beside the plans;
    deeper ones nearer the items), and name the columns in the graph's ``heading_columns`` (key ->
    title) by the levels the plans give their headings ("Directorates", "Sections")."""
    levels = facts.levels
    titles: dict[int, list[str]] = defaultdict(list)
    for n, a in g.nodes(data=True):
        if a["kind"] == "heading":
            depth = heading_depth(facts, n)
            a["column"] = f"heading{depth}"
            level = (levels.get(n) or "heading").capitalize() + "s"
            if level not in titles[depth]:
                titles[depth].append(level)
    # deepest first: read left to right, from the items out to the plans
    g.graph["heading_columns"] = {f"heading{d}": " and ".join(titles[d]) for d in sorted(titles, reverse=True)}


_LEFT = (("person", "Officers"), ("post", "Posts"), ("team", "Teams"), ("organisation", "Organisations"),
         ("items", "Items they lead"))
_RIGHT = (("outcome", "Outcomes"), ("priority", "Priorities"), ("plan", "Plans"))


def _columns(g: Graph) -> list[tuple[str, str]]:
    """Each column's key and heading, left to right (a column with no node is left out by its
    width). The items' column is named for the kinds it holds."""
    kinds = {a["kind"] for _, a in g.nodes(data=True)}
    items = "Measures and activities" if kinds & set(ITEM_KINDS) <= {"measure", "activity"} else "Items they lead"
    left = [(key, items if key == "items" else title) for key, title in _LEFT]
    headings = list(g.graph.get("heading_columns", {}).items())
    return left + headings + list(_RIGHT)


def _column_of(a: dict[str, object]) -> str:
    kind = str(a["kind"])
    if kind in ITEM_KINDS:
        return "items"
    return "organisation" if kind == "partnership" else str(a.get("column") or kind)


def _column_widths(g: Graph) -> dict[str, float]:
    """The width of each column: its widest box (so that every plan's band, laid out on its
    own at regional scale, has its columns where the whole view has them)."""
    widths: dict[str, float] = {}
    for n, a in g.nodes(data=True):
        key = _column_of(a)
        widths[key] = max(widths.get(key, 0.0), box_size(a["label"], a["kind"], boxed=a["boxed"])[0])
    return widths


def _layout_leads(view: View, facts: Facts, items: list[str], widths: dict[str, float] | None = None) -> None:
    """Columns, left to right: officers, posts, teams, organisations, the items (one a row, in
    document order, each outcome's or heading's together), outcomes, priorities (or headings, the
    innermost first), plans; each lead beside what it leads."""
    g = view.graph
    gap = 16.0
    # groups: the items of one outcome (or of one priority, for activities), in document order
    groups: dict[str, list[str]] = defaultdict(list)
    for item in items:
        groups[facts.parent.get(item, item)].append(item)
    sizes = {n: box_size(g.nodes[n]["label"], g.nodes[n]["kind"], boxed=g.nodes[n]["boxed"]) for n in g}
    kinds = {n: g.nodes[n]["kind"] for n in g}
    columns = _columns(g)
    cols: dict[str, list[str]] = {key: [] for key, _ in columns}
    for n in g:
        cols.setdefault(_column_of(g.nodes[n]), []).append(n)
    width = widths if widths is not None else _column_widths(g)
    x: dict[str, float] = {}
    left = 0.0
    headings = []
    for key, heading in columns:
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
        own = sizes[parent][1] if kinds.get(parent) in ("outcome", "heading") else 0
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
    place(cols["outcome"], "outcome", lambda n: [n])
    # the headings, innermost first (as the columns run), each beside what stands under it
    for key in g.graph.get("heading_columns", {}):
        place(cols[key], key, lambda n: list(g.predecessors(n)))
    place(cols["priority"], "priority", lambda n: list(g.predecessors(n)))
    place(cols["plan"], "plan", lambda n: list(g.predecessors(n)))
    place(cols["organisation"], "organisation", lambda n: list(g.successors(n)))
    for key in ("team", "post"):
        place(cols[key], key, lambda n: list(g.successors(n)))
    place(cols["person"], "person", lambda n: [t for t in g.successors(n) if kinds[t] != "organisation"])
    for n in g:
        g.nodes[n]["y"] = y.get(n, 0.0)
    view.columns = headings
