"""The ``evidence`` view: claims -> the sources they cite, the claims that cite no source
marked and set apart under their priority."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import networkx as nx

from plangraph.publish.views.facts import Facts
from plangraph.publish.views.layout import box_size, grid, mean, spread
from plangraph.publish.views.model import View, shorten
from plangraph.publish.views.nodes import (ITEM_KINDS, Graph, Need, add_node, item_code, item_name,
                                           node_label, outline_order, plan_names)
from plangraph.publish.views.regional import lay_out_bands

__all__ = ["NEED", "evidence"]

# the progress reports stand in for claims only in a graph that has none
NEED: Need = (("plans", "outline", "sources", "claims"), ("outline", "claims"))


def evidence(facts: Facts) -> View:
    """Claims -> the sources they cite, unsourced claims marked. Until the graph holds claims
    (``pg:Claim``), progress reports stand in for them, citing their activity's sources."""
    facts.need(*NEED[0])  # one query, even if there are no claims
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
            outline[first] = outline_order(facts, first)
        return (outline[first], facts.first_seen(claim))

    order = sorted(plan_of, key=place)
    for claim in order:
        items = about[claim]
        subjects = [i for i in items if facts.nodes[i].kind in ITEM_KINDS]
        label = _items_label(facts, subjects) if subjects else "All"
        details = ["About: " + shorten(item_name(facts, i), 90) for i in items]
        add_node(g, facts, claim, label, kind=kind, details=details,
             name=f"{what.capitalize()} on {label}: {facts.nodes[claim].label}")
        if not cites[claim]:
            g.nodes[claim]["flag"] = "cites no source"
        for source in cites[claim]:
            add_node(g, facts, source, node_label(facts, source))
            g.add_edge(claim, source, kind="cites", weight=1,
                       text=f"{label} cites {facts.nodes[source].label}")
    unsourced = sum(1 for c in order if not cites[c])
    view = View("evidence", "Evidence",
                f"Left, in red, each {what} that cites no source, under its priority; right, each "
                f"{what} that cites sources, beside them. Hover a dot for its words.",
                g, plan_names(facts), flag_label=f"{what} cites no source")
    if note:
        view.notes.append(note)
    view.notes.append(f"{unsourced} of {len(order)} {what}s cite no source.")
    for key in _groups(facts, order, about, cites):  # each heads its claims that cite no source
        add_node(g, facts, key, node_label(facts, key))
    like = _layout_evidence(view, facts, order, about, cites)
    by_plan: dict[str, list[str]] = defaultdict(list)
    for claim in order:
        by_plan[g.nodes[claim]["plans"][0] if g.nodes[claim]["plans"] else ""].append(claim)
    lay_out_bands(view, lambda band: _layout_evidence(band, facts, by_plan[next(iter(band.plans))], about, cites, like),
                  _unsourced)
    return view


def _unsourced(g: Graph) -> str:
    """What a plan's box says of its band: how many claims (or reports), how many cite nothing."""
    claims = [a for _, a in g.nodes(data=True) if a["kind"] in ("claim", "report")]
    what = "claims" if any(a["kind"] == "claim" for a in claims) else "progress reports"
    return f"{len(claims)} {what}, {sum(1 for a in claims if a['flag'])} cite no source"


def _items_label(facts: Facts, items: list[str]) -> str:
    """"1a iv" for one item, "1a iv–v" for a row that reports on several of one outcome."""
    labels = [item_code(facts, i) for i in items]
    if len(labels) == 1:
        return labels[0]
    heads = {label.split(" ")[0] for label in labels}
    if len(heads) == 1 and all(" " in label for label in labels):
        return f"{labels[0]}–{labels[-1].split(' ', 1)[1]}"
    return f"{labels[0]}–{labels[-1]}"


def _groups(facts: Facts, claims: list[str], about: dict[str, list[str]],
            cites: dict[str, list[str]]) -> dict[str, list[str]]:
    """The claims that cite no source, under the priority (else the plan) they are about."""
    groups: dict[str, list[str]] = defaultdict(list)
    for claim in (c for c in claims if not cites[c]):
        key = next(iter(about.get(claim, [])), "")
        while key and key in facts.nodes and facts.nodes[key].kind not in ("priority", "plan"):
            key = facts.parent.get(key, "")
        groups[key if key in facts.nodes else facts.plan_of(claim)].append(claim)
    return groups


def _layout_evidence(view: View, facts: Facts, claims: list[str], about: dict[str, list[str]],
                     cites: dict[str, list[str]], like: tuple[float, bool] | None = None) -> tuple[float, bool]:
    """Left: what cites no source, in rows under its priority. Right: what cites sources, in
    clusters (the claims about one item, beside the sources they cite) set in columns, since
    forty sources in one column would not fit a screen. ``about`` lists each claim's items in
    document order. ``like``: the widest source and whether there is a left column, as this
    returns them for the whole view, so that a plan's band has its columns where the view has."""
    g = view.graph
    dot = (68.0, 44.0)  # a dot with its code under it, clear of the next row's dot
    per_row = 8
    groups = _groups(facts, claims, about, cites)
    top = 0.0
    for key, members in groups.items():  # claims come in outline order
        width, own = box_size(g.nodes[key]["label"], g.nodes[key]["kind"], boxed=True) if key in g else (0.0, 0.0)
        offsets = grid(len(members), per_row, dot)
        rows = offsets[-1][1] + dot[1]
        height = max(rows, own)
        for claim, (dx, dy) in zip(members, offsets):
            g.nodes[claim]["x"], g.nodes[claim]["y"] = dx, top + (height - rows) / 2 + dy + dot[1] / 2 - 8
        if key in g:
            g.nodes[key]["x"], g.nodes[key]["y"] = -60 - width / 2, top + height / 2
        top += height + 20
    widest = max((box_size(g.nodes[s]["label"], "source", boxed=True)[0] for s in g
                  if g.nodes[s]["kind"] == "source"), default=0.0)
    widest, left_column = like or (widest, bool(groups))
    x0 = ((per_row - 1) * dot[0] + 200) if left_column else 0.0
    # one cluster per item: its claims beside the sources only they cite; sources that several
    # items cite stand in a column of their own between the two columns of clusters, so that
    # their many lines stay short
    clusters: dict[str, list[str]] = defaultdict(list)
    for claim in (c for c in claims if cites[c]):
        clusters[next(iter(about.get(claim, [])), claim)].append(claim)
    users: Counter[str] = Counter(s for members in clusters.values()
                                  for s in {s for c in members for s in cites[c]})
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
    return widest, left_column
