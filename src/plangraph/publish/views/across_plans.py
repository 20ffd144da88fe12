"""The ``across-plans`` view: the organisations, officers, posts, teams, services and sources
that more than one plan names, between the plans; what only one plan names, grouped at the sides.
(A post or team is minted in its plan's own name, so it is rarely shared: most are grouped.)"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from plangraph.publish.views.facts import Facts
from plangraph.publish.views.layout import box_size, spread
from plangraph.publish.views.model import KINDS, View, wrap
from plangraph.publish.views.nodes import Graph, Need, add_node, node_label, plan_names, plan_slug

__all__ = ["NEED", "SHARED_KINDS", "across_plans"]

NEED: Need = (("plans", "agents", "services", "sources"), ())
SHARED_KINDS = ("organisation", "partnership", "person", "post", "team", "service", "source")
_PLURAL = {"organisation": "organisations", "partnership": "partnerships and boards", "person": "officers",
           "post": "posts", "team": "teams", "service": "services and programmes", "source": "sources"}


def across_plans(facts: Facts) -> View:
    """The organisations, officers, posts, teams, services and sources named in more than one
    plan; what only one plan names is grouped into one node per plan and kind."""
    facts.need(*NEED[0])
    g: Graph = nx.DiGraph()
    plans = list(facts.plans)
    for plan in plans:
        add_node(g, facts, plan, node_label(facts, plan))
    only: dict[tuple[str, str], list[str]] = defaultdict(list)
    entities = sorted((n for n in facts.nodes.values() if n.kind in SHARED_KINDS),
                      key=lambda n: (SHARED_KINDS.index(n.kind), n.label))
    shared = []
    for n in entities:
        if len(n.plans) > 1:
            shared.append(n.iri)
            add_node(g, facts, n.iri, node_label(facts, n.iri),
                 details=[f"Named in: {', '.join(facts.plans[p][1] for p in n.plans)}"])
            for plan in n.plans:
                g.add_edge(plan, n.iri, kind="names", weight=2,
                           text=f"{facts.plans[plan][1]} names {n.full_name}")
        elif n.plans:
            only[(n.plans[0], n.kind)].append(n.full_name)
    for (plan, kind), names in sorted(only.items(), key=lambda kv: (plans.index(kv[0][0]),
                                                                   SHARED_KINDS.index(kv[0][1]))):
        node = f"aggregate:{plan_slug(facts, plan)}:{kind}"
        short = facts.plans[plan][1]
        label = wrap(f"{len(names)} {_PLURAL[kind] if len(names) > 1 else KINDS[kind].label.lower()} "
                     f"only in {short}", 22)
        add_node(g, facts, node, label, kind=kind, details=sorted(names),
             name=f"{len(names)} {_PLURAL[kind]} named only in {short}")
        g.nodes[node].update(group=True, plans=[plan_slug(facts, plan)], boxed=True)
        g.add_edge(plan, node, kind="names", weight=1, text=f"{short} alone names {len(names)} {_PLURAL[kind]}")
    view = View("across-plans", "Across plans",
                "What the plans have in common: in the middle, each organisation, officer, post, team, "
                "service and source that more than one plan names; at the sides, what only one plan "
                "names, grouped (hover a group to list it).",
                g, plan_names(facts))
    if not shared:
        view.notes.append("No organisation, officer, post, team, service or source is named in more than one plan.")
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
        # each plan's groups beside it, moved apart where two plans' groups would overlap
        order = [n for plan in plans for n in groups[plan]]
        placed = spread(order, {n: g.nodes[n]["y"] for n in order}, {n: sizes[n][1] for n in order}, 12)
        for n in order:
            g.nodes[n]["y"] = placed[n]
        view.columns = [(-400, "Only in one plan"), (0, "Plans"), (400, "In more than one plan")]


def _slug_of(plan_iri: str) -> str:
    return plan_iri.rstrip("/").rsplit("/", 1)[-1]
