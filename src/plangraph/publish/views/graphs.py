"""The four views, each a networkx graph made from the rows of SPARQL queries.

``who-leads-what``: officers and organisations -> measures and activities -> outcomes ->
priorities -> plans. ``partnerships``: organisations linked by the items they share.
``across-plans``: the organisations, people, services and sources that appear in more than
one plan. ``evidence``: claims -> the sources they cite, unsourced claims marked.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeAlias

import networkx as nx

from plangraph.publish.views.facts import Facts
from plangraph.publish.views.layout import box_size, circle, grid, mean, spread
from plangraph.publish.views.model import KINDS, ORG_PALETTE, OTHER_ORG, View, shorten, wrap

__all__ = ["VIEWS", "NEEDS", "make_view", "who_leads_what", "partnerships", "across_plans", "evidence"]

Graph: TypeAlias = "nx.DiGraph[str]"
BOXED = {"plan", "priority", "outcome", "organisation", "partnership", "person", "service", "source",
         "measure", "activity"}
ITEM_KINDS = ("measure", "activity")
MAX_QUOTES = 6  # quotes kept per node: enough to show where it comes from, not every mention
PER_ROW = 6  # items of one outcome side by side: 64 items in one column would not fit a screen

# What each view asks of the graph: the groups of nodes it needs (Facts.need) and the view
# queries it reads ("outline" through Facts.parent). plangraph.publish.pages asks all of them ahead of
# drawing; a view that asked for more would still be answered, by the store.
NEEDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "who-leads-what": (("plans", "outline", "agents"), ("outline", "leads", "memberships")),
    "partnerships": (("plans", "outline", "agents"), ("outline", "involvement")),
    "across-plans": (("plans", "agents", "services", "sources"), ()),
    # the progress reports stand in for claims only in a graph that has none
    "evidence": (("plans", "outline", "sources", "claims"), ("outline", "claims")),
}


def _plans(facts: Facts) -> dict[str, str]:
    return {slug: short for slug, short in facts.plans.values()}


def _slug(facts: Facts, plan_iri: str) -> str:
    return facts.plans.get(plan_iri, (plan_iri.rsplit("/", 1)[-1], ""))[0]


def _add(g: Graph, facts: Facts, iri: str, label: str, *, kind: str | None = None,
         details: Iterable[str] = (), name: str | None = None) -> None:
    """Add the node ``iri`` with the attributes every renderer reads (see ``model``)."""
    if iri in g:
        return
    info = facts.nodes.get(iri)
    kind = kind or (info.kind if info else "plan")
    quotes = facts.quotes_of(iri)
    g.add_node(iri, label=label, name=name if name is not None else (info.label if info else label),
               kind=kind, plans=[_slug(facts, p) for p in (info.plans if info else [])],
               quotes=[{"where": q.where, "text": q.text} for q in quotes[:MAX_QUOTES]],
               more_quotes=max(0, len(quotes) - MAX_QUOTES), details=list(details), org="",
               flag="", group=False, x=0.0, y=0.0, boxed=kind in BOXED)


def _label(facts: Facts, iri: str) -> str:
    """The short text drawn for a node."""
    label = facts.labels.get(iri)
    if label is None:
        label = facts.labels[iri] = _make_label(facts, iri)
    return label


def _make_label(facts: Facts, iri: str) -> str:
    info = facts.nodes[iri]
    kind = info.kind
    if kind == "plan":
        return wrap(facts.plans[iri][1], 16)
    if kind == "priority":
        # two lines at most: a column of three-line boxes would set the height of the whole view
        return wrap(f"{info.notation}. {info.label.capitalize() if info.label.isupper() else info.label}", 30, 2)
    if kind == "outcome":
        return wrap(f"{info.notation} {info.label}".strip(), 30, 2)
    if kind == "measure":
        outcome = facts.nodes.get(facts.parent.get(iri, ""))
        return f"{outcome.notation if outcome and outcome.notation else '?'} {info.notation}"
    if kind == "activity":
        priority = facts.nodes.get(facts.parent.get(iri, ""))
        return f"{priority.notation if priority else '?'}.{info.notation}"
    if kind in ("organisation", "partnership", "person"):
        return wrap(info.label, 18)
    return wrap(info.label, 28, 2)


def _natural(text: str) -> tuple[int, str]:
    digits = "".join(ch for ch in text if ch.isdigit())
    return (int(digits) if digits else 1 << 30, text)


def _outline_order(facts: Facts, iri: str) -> tuple[Any, ...]:
    """Plan, then priority by its number, then the order the document prints things in: a
    review that prints priority 4 first still reads 1 to 4 here."""
    plans = facts.plan_order
    node, priority = iri, ""
    while node:
        info = facts.nodes.get(node)
        if info is not None and info.kind == "priority":
            priority = info.notation
            break
        node = facts.parent.get(node, "")
    plan = facts.plan_of(iri)
    return (plans.get(plan, len(plans)), _natural(priority) if priority else (-1, ""),
            facts.first_seen(facts.parent.get(iri, iri)), facts.first_seen(iri))


def _item_name(facts: Facts, iri: str) -> str:
    info = facts.nodes[iri]
    return f"{_label(facts, iri)}: {info.label}" if info.kind in ITEM_KINDS else info.label


def _colour_by_organisation(view: View, counts: Counter[str], member: dict[str, str]) -> None:
    """Give the most linked organisations a colour each and every node the colour of its own."""
    g = view.graph
    ranked = sorted(counts, key=lambda o: (-counts[o], g.nodes[o]["name"]))
    for i, org in enumerate(ranked):
        colour = ORG_PALETTE[i] if i < len(ORG_PALETTE) else OTHER_ORG
        key = org if i < len(ORG_PALETTE) else "other"
        view.organisations.setdefault(key, (g.nodes[org]["name"] if key == org else "Other organisations",
                                            colour))
        g.nodes[org]["org"] = key
    for node, org in member.items():
        if org in g and g.nodes[org]["org"]:
            g.nodes[node]["org"] = g.nodes[org]["org"]


# -- who leads what --------------------------------------------------------------------

def who_leads_what(facts: Facts) -> View:
    """Officers and organisations -> the measures and activities they lead -> outcomes ->
    priorities -> plans."""
    facts.need(*NEEDS["who-leads-what"][0])
    g: Graph = nx.DiGraph()
    items = sorted((n.iri for n in facts.nodes.values() if n.kind in ITEM_KINDS),
                   key=lambda i: _outline_order(facts, i))
    for item in items:
        _add(g, facts, item, _label(facts, item), name=_item_name(facts, item))
        child, parent = item, facts.parent.get(item)
        while parent and parent in facts.nodes:
            _add(g, facts, parent, _label(facts, parent))
            g.add_edge(child, parent, kind="part-of", weight=1, text="belongs to")
            child, parent = parent, facts.parent.get(parent)
    led: Counter[str] = Counter()
    for plan, item, item_type, lead, role in facts.pairs("leads", "plan", "item", "itemType", "lead", "role"):
        target = plan if item_type.endswith("#ProgressReport") else item
        if target not in g or lead not in facts.nodes:
            continue
        _add(g, facts, lead, _label(facts, lead))
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
                g, _plans(facts))
    _colour_by_organisation(view, led, member)
    unled = [i for i in items if not any(g.nodes[p]["kind"] in ("organisation", "partnership", "person")
                                         for p in g.predecessors(i))]
    if unled:
        view.notes.append(f"{len(unled)} of {len(items)} measures and activities have no lead in the "
                          "graph (the plan names none, or has no lead column).")
    _layout_leads(view, facts, items)
    return view


def _layout_leads(view: View, facts: Facts, items: list[str]) -> None:
    g = view.graph
    cell = (46.0, 26.0)
    gap = 16.0
    # groups: the items of one outcome (or of one priority, for activities), in document order
    groups: dict[str, list[str]] = defaultdict(list)
    for item in items:
        groups[facts.parent.get(item, item)].append(item)
    sizes = {n: box_size(g.nodes[n]["label"], g.nodes[n]["kind"], boxed=g.nodes[n]["boxed"]) for n in g}
    kinds = {n: g.nodes[n]["kind"] for n in g}
    cols = {k: [n for n in g if kinds[n] == k] for k in ("person", "organisation", "outcome", "priority", "plan")}
    cols["organisation"] += [n for n in g if kinds[n] == "partnership"]
    width = {k: max((sizes[n][0] for n in v), default=0.0) for k, v in cols.items()}
    grid_width = (PER_ROW - 1) * cell[0] + 40
    x: dict[str, float] = {}
    left = 0.0
    headings = []
    for key, heading in (("person", "Officers"), ("organisation", "Organisations"), ("items", "Measures and activities"),
                         ("outcome", "Outcomes"), ("priority", "Priorities"), ("plan", "Plans")):
        w = grid_width if key == "items" else width.get(key, 0.0)
        if w == 0:
            continue
        x[key] = left + (0 if key == "items" else w / 2)
        headings.append((left + w / 2, heading))
        left += w + 70
    y: dict[str, float] = {}
    top = 0.0
    previous_plan = None
    for parent, members in groups.items():
        plan = facts.plan_of(parent)
        if previous_plan is not None and plan != previous_plan:
            top += 50  # a wider gap between plans
        previous_plan = plan
        # items that someone leads get a row each, so that no lead's line passes through
        # another item; items nobody leads are packed side by side
        led = any(kinds[p] != "outcome" and kinds[p] != "priority" for m in members for p in g.predecessors(m))
        offsets = grid(len(members), 1 if led else PER_ROW, (cell[0], 18.0) if led else cell)
        rows_height = offsets[-1][1] + (18.0 if led else cell[1])
        own = sizes[parent][1] if kinds.get(parent) == "outcome" else 0
        extent = max(rows_height, own)
        first = top + (extent - rows_height) / 2 + (18.0 if led else cell[1]) / 2
        for item, (dx, dy) in zip(members, offsets):
            g.nodes[item]["x"], y[item] = x["items"] + dx, first + dy
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


# -- partnerships ----------------------------------------------------------------------

_HOW = {"leads": "leads", "text": "is named in its text", "source": "is named in its evidence sources",
        "report": "is named in its progress report"}


def partnerships(facts: Facts) -> View:
    """Organisations linked by the measures and activities they share (lead or are named in)."""
    facts.need(*NEEDS["partnerships"][0])
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
        details = [f"{_HOW[min(how[(org, i)], key=list(_HOW).index)]}: {shorten(_item_name(facts, i), 90)}"
                   for i in mine]
        _add(g, facts, org, _label(facts, org), details=details)
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
        lines += [shorten(_item_name(facts, i), 90) for i in sorted(its, key=facts.first_seen)[:8]]
        if len(its) > 8:
            lines.append(f"… and {len(its) - 8} more")
        g.add_edge(a, b, kind="co-lead" if both_lead else "named-together", weight=len(its),
                   text="\n".join(lines))
    view = View("partnerships", "Partnerships",
                "Organisations linked by the measures and activities they share: a solid line where "
                "both lead the same items, a dashed one where the plan names them together. A "
                "thicker line means more shared items; a bigger name, more items in all.",
                g, _plans(facts), layered=False)
    _colour_by_organisation(view, count, {})
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


# -- across plans ----------------------------------------------------------------------

SHARED_KINDS = ("organisation", "partnership", "person", "service", "source")
_PLURAL = {"organisation": "organisations", "partnership": "partnerships and boards", "person": "officers",
           "service": "services and programmes", "source": "sources"}


def across_plans(facts: Facts) -> View:
    """The organisations, officers, services and sources named in more than one plan; what
    only one plan names is grouped into one node per plan and kind."""
    facts.need(*NEEDS["across-plans"][0])
    g: Graph = nx.DiGraph()
    plans = list(facts.plans)
    for plan in plans:
        _add(g, facts, plan, _label(facts, plan))
    only: dict[tuple[str, str], list[str]] = defaultdict(list)
    entities = sorted((n for n in facts.nodes.values() if n.kind in SHARED_KINDS),
                      key=lambda n: (SHARED_KINDS.index(n.kind), n.label))
    shared = []
    for n in entities:
        if len(n.plans) > 1:
            shared.append(n.iri)
            _add(g, facts, n.iri, _label(facts, n.iri),
                 details=[f"Named in: {', '.join(facts.plans[p][1] for p in n.plans)}"])
            for plan in n.plans:
                g.add_edge(plan, n.iri, kind="names", weight=2,
                           text=f"{facts.plans[plan][1]} names {n.label}")
        elif n.plans:
            only[(n.plans[0], n.kind)].append(n.label)
    for (plan, kind), names in sorted(only.items(), key=lambda kv: (plans.index(kv[0][0]),
                                                                   SHARED_KINDS.index(kv[0][1]))):
        node = f"aggregate:{_slug(facts, plan)}:{kind}"
        short = facts.plans[plan][1]
        label = wrap(f"{len(names)} {_PLURAL[kind] if len(names) > 1 else KINDS[kind].label.lower()} "
                     f"only in {short}", 22)
        _add(g, facts, node, label, kind=kind, details=sorted(names),
             name=f"{len(names)} {_PLURAL[kind]} named only in {short}")
        g.nodes[node].update(group=True, plans=[_slug(facts, plan)], boxed=True)
        g.add_edge(plan, node, kind="names", weight=1, text=f"{short} alone names {len(names)} {_PLURAL[kind]}")
    view = View("across-plans", "Across plans",
                "What the plans have in common: in the middle, each organisation, officer, service "
                "and source that more than one plan names; at the sides, what only one plan names, "
                "grouped (hover a group to list it).",
                g, _plans(facts))
    if not shared:
        view.notes.append("No organisation, officer, service or source is named in more than one plan.")
    _layout_across(view, plans, shared)
    return view


def _layout_across(view: View, plans: list[str], shared: list[str]) -> None:
    g = view.graph
    sizes = {n: box_size(g.nodes[n]["label"], g.nodes[n]["kind"], boxed=True) for n in g}
    def column(nodes: list[str], x: float, centre: float = 0.0) -> None:
        heights = [sizes[n][1] + 12 for n in nodes]
        top = centre - sum(heights) / 2
        for n, h in zip(nodes, heights):
            g.nodes[n]["x"], g.nodes[n]["y"] = x, top + h / 2
            top += h
    groups = {p: [n for n in g.successors(p) if g.nodes[n]["group"]] for p in plans}
    if len(plans) == 2:
        column(shared, 0.0)
        for side, plan in zip((-1, 1), plans):
            column([plan], side * 330)
            column(groups[plan], side * 620)
        view.columns = [(-620, "Only in " + view.plans[_slug_of(plans[0])]), (0, "In both plans"),
                        (620, "Only in " + view.plans[_slug_of(plans[1])])]
    else:
        column(plans, 0.0)
        column(shared, 400.0)
        for plan in plans:
            column(groups[plan], -400.0, g.nodes[plan]["y"])
        view.columns = [(-400, "Only in one plan"), (0, "Plans"), (400, "In more than one plan")]


def _slug_of(plan_iri: str) -> str:
    return plan_iri.rstrip("/").rsplit("/", 1)[-1]


# -- evidence --------------------------------------------------------------------------

def evidence(facts: Facts) -> View:
    """Claims -> the sources they cite, unsourced claims marked. Until the graph holds claims
    (``pg:Claim``), progress reports stand in for them, citing their activity's sources."""
    facts.need(*NEEDS["evidence"][0])  # one query, even if there are no claims
    g: Graph = nx.DiGraph()
    claims = facts.pairs("claims", "plan", "claim", "about", "source")
    if claims:
        rows = claims
        kind, what = "claim", "claim"
        note = ""
    else:
        facts.need("reports")
        rows = facts.pairs("reports", "plan", "report", "item", "source")
        kind, what = "report", "progress report"
        note = ("The graph holds no claims yet: each progress report (an update or an 'evidence of "
                "achievement' text) stands for the claims it makes, citing the evidence sources "
                "of the activity it reports on.")
    about: dict[str, list[str]] = defaultdict(list)
    cites: dict[str, list[str]] = defaultdict(list)
    plan_of: dict[str, str] = {}
    for plan, claim, item, source in rows:
        if claim not in facts.nodes:
            continue
        plan_of[claim] = plan
        if item and item in facts.nodes and item not in about[claim]:
            about[claim].append(item)
        if source and source in facts.nodes and source not in cites[claim]:
            cites[claim].append(source)
    for items in about.values():  # in document order, once
        items.sort(key=facts.first_seen)
    outline: dict[str, tuple[Any, ...]] = {}  # many claims are about one item

    def place(claim: str) -> tuple[Any, ...]:
        first = next(iter(about[claim]), claim)
        if first not in outline:
            outline[first] = _outline_order(facts, first)
        return (outline[first], facts.first_seen(claim))

    order = sorted(plan_of, key=place)
    for claim in order:
        items = about[claim]
        subjects = [i for i in items if facts.nodes[i].kind in ITEM_KINDS]
        label = _items_label(facts, subjects) if subjects else "All"
        details = ["About: " + shorten(_item_name(facts, i), 90) for i in items]
        _add(g, facts, claim, label, kind=kind, details=details,
             name=f"{what.capitalize()} on {label}: {facts.nodes[claim].label}")
        if not cites[claim]:
            g.nodes[claim]["flag"] = "cites no source"
        for source in cites[claim]:
            _add(g, facts, source, _label(facts, source))
            g.add_edge(claim, source, kind="cites", weight=1,
                       text=f"{label} cites {facts.nodes[source].label}")
    unsourced = sum(1 for c in order if not cites[c])
    view = View("evidence", "Evidence",
                f"Left, in red, each {what} that cites no source, under its priority; right, each "
                f"{what} that cites sources, beside them. Hover a dot for its words.",
                g, _plans(facts), flag_label=f"{what} cites no source")
    if note:
        view.notes.append(note)
    view.notes.append(f"{unsourced} of {len(order)} {what}s cite no source.")
    _layout_evidence(view, facts, order, about, cites)
    return view


def _items_label(facts: Facts, items: list[str]) -> str:
    """"1a iv" for one item, "1a iv–v" for a row that reports on several of one outcome."""
    labels = [_label(facts, i) for i in items]
    if len(labels) == 1:
        return labels[0]
    heads = {label.split(" ")[0] for label in labels}
    if len(heads) == 1 and all(" " in label for label in labels):
        return f"{labels[0]}–{labels[-1].split(' ', 1)[1]}"
    return f"{labels[0]}–{labels[-1]}"


def _layout_evidence(view: View, facts: Facts, claims: list[str], about: dict[str, list[str]],
                     cites: dict[str, list[str]]) -> None:
    """Left: what cites no source, in rows under its priority. Right: what cites sources, in
    clusters (the claims about one item, beside the sources they cite) set in columns, since
    forty sources in one column would not fit a screen. ``about`` lists each claim's items in
    document order."""
    g = view.graph
    dot = (68.0, 40.0)
    per_row = 8
    groups: dict[str, list[str]] = defaultdict(list)
    for claim in (c for c in claims if not cites[c]):
        key = next(iter(about.get(claim, [])), "")
        while key and key in facts.nodes and facts.nodes[key].kind not in ("priority", "plan"):
            key = facts.parent.get(key, "")
        groups[key if key in facts.nodes else facts.plan_of(claim)].append(claim)
    top = 0.0
    for key, members in groups.items():  # claims come in outline order
        _add(g, facts, key, _label(facts, key))
        width, own = box_size(g.nodes[key]["label"], g.nodes[key]["kind"], boxed=True)
        offsets = grid(len(members), per_row, dot)
        rows = offsets[-1][1] + dot[1]
        height = max(rows, own)
        for claim, (dx, dy) in zip(members, offsets):
            g.nodes[claim]["x"], g.nodes[claim]["y"] = dx, top + (height - rows) / 2 + dy + dot[1] / 2 - 8
        g.nodes[key]["x"], g.nodes[key]["y"] = -60 - width / 2, top + height / 2
        top += height + 20
    x0 = ((per_row - 1) * dot[0] + 200) if groups else 0.0
    # one cluster per item: its claims beside the sources only they cite; sources that several
    # items cite stand in a column of their own between the two columns of clusters, so that
    # their many lines stay short
    clusters: dict[str, list[str]] = defaultdict(list)
    for claim in (c for c in claims if cites[c]):
        clusters[next(iter(about.get(claim, [])), claim)].append(claim)
    users: Counter[str] = Counter(s for members in clusters.values()
                                  for s in {s for c in members for s in cites[c]})
    widest = max((box_size(g.nodes[s]["label"], "source", boxed=True)[0] for s in g
                  if g.nodes[s]["kind"] == "source"), default=0.0)
    pair = dot[0] + 20  # two claims side by side
    claims_x = (x0 + widest + 70, x0 + widest + 70 + pair + 120 + widest + 120)
    shared_x = claims_x[0] + pair + 120 + widest / 2
    tops = [0.0, 0.0]
    y: dict[str, float] = {}
    for members in clusters.values():
        cited: Counter[str] = Counter(s for c in members for s in cites[c])
        only_here = sorted((s for s in cited if users[s] == 1), key=lambda s: (-cited[s], g.nodes[s]["name"]))
        sizes = [box_size(g.nodes[s]["label"], "source", boxed=True) for s in only_here]
        offsets = grid(len(members), 2, dot)
        height = max(offsets[-1][1] + dot[1], sum(h + 8 for _, h in sizes))
        col = 0 if tops[0] <= tops[1] else 1
        top = tops[col]
        for claim, (dx, dy) in zip(members, offsets):
            # the left column's claims face right, towards the shared sources
            x = claims_x[col] + (dot[0] - dx if col == 0 else dx)
            g.nodes[claim]["x"], g.nodes[claim]["y"] = x, top + dy + dot[1] / 2 - 8
            y[claim] = g.nodes[claim]["y"]
        for source, (w, h) in zip(only_here, sizes):
            x = claims_x[0] - 70 - w / 2 if col == 0 else claims_x[1] + pair + 70 + w / 2
            g.nodes[source]["x"], g.nodes[source]["y"] = x, top + h / 2
            top += h + 8
        tops[col] += height + 34
    shared = [s for s in users if users[s] > 1]
    desired = {s: mean(y[c] for c in g.predecessors(s) if c in y) for s in shared}
    heights = {s: box_size(g.nodes[s]["label"], "source", boxed=True)[1] for s in shared}
    placed = spread(sorted(shared, key=lambda s: (desired[s], g.nodes[s]["name"])), desired, heights, 10)
    for s in shared:
        g.nodes[s]["x"], g.nodes[s]["y"] = shared_x, placed[s]
    what = view.flag_label.split(" cites")[0].capitalize() + "s"
    view.columns = []
    if groups:
        view.columns.append(((per_row - 1) * dot[0] / 2 - 100, f"{what} that cite no source"))
    if clusters:
        view.columns.append((shared_x, f"{what} and the sources they cite"))


VIEWS: dict[str, Callable[[Facts], View]] = {
    "who-leads-what": who_leads_what,
    "partnerships": partnerships,
    "across-plans": across_plans,
    "evidence": evidence,
}


def make_view(name: str, facts: Facts) -> View:
    return VIEWS[name](facts)

