"""The nodes every view draws: their attributes, their short labels, the order of the
plans' outline, and the colour of the organisation each belongs to.

Each view module (``who_leads_what``, ``partnerships``, ``across_plans``, ``evidence``)
builds its graph from ``Facts`` with these, so that a node reads the same in every view.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, TypeAlias

import networkx as nx

from plangraph.publish.views.facts import Facts
from plangraph.publish.views.model import ORG_PALETTE, OTHER_ORG, View, shorten, wrap

__all__ = ["Graph", "Need", "BOXED", "ITEM_KINDS", "OUTLINE_KINDS", "LEADER_KINDS", "heading_depth", "MAX_QUOTES", "ITEM_WORDS", "plan_names",
           "plan_slug", "add_node", "node_label", "item_code", "outline_order", "item_name", "colour_by_organisation"]

Graph: TypeAlias = "nx.DiGraph[str]"
# What a view asks of the graph: the groups of nodes it needs (Facts.need) and the view
# queries it reads ("outline" through Facts.parent).
Need: TypeAlias = tuple[tuple[str, ...], tuple[str, ...]]
BOXED = {"plan", "priority", "outcome", "organisation", "partnership", "person", "service", "source",
         "measure", "activity", "heading", "commitment", "action", "indicator", "post", "team"}
# the things a plan says will be done or measured, each a row of the who-leads-what view: the
# measures and activities of the first layouts, the actions, commitments and indicators of the
# items reader's (which stand under headings rather than outcomes and priorities)
ITEM_KINDS = ("measure", "activity", "commitment", "action", "indicator")
# each belongs to a priority, or stands under a top heading (the page's priority filter)
OUTLINE_KINDS = ("priority", "outcome", "measure", "activity", "heading", "commitment", "action", "indicator")
LEADER_KINDS = ("organisation", "partnership", "person", "post", "team")  # what can lead an item
MAX_QUOTES = 6  # quotes kept per node: enough to show where it comes from, not every mention
# the characters of an item's own words drawn after its code ("1a i · Percentage of women…"): enough
# to tell the items of a list apart at a glance; the tooltip and the details give the whole text
ITEM_WORDS = 30


def plan_names(facts: Facts) -> dict[str, str]:
    """Each plan's slug and short name, as ``View.plans`` holds them."""
    return {slug: short for slug, short in facts.plans.values()}


def plan_slug(facts: Facts, plan_iri: str) -> str:
    return facts.plans.get(plan_iri, (plan_iri.rsplit("/", 1)[-1], ""))[0]


def add_node(g: Graph, facts: Facts, iri: str, label: str, *, kind: str | None = None,
             details: Iterable[str] = (), name: str | None = None) -> None:
    """Add the node ``iri`` with the attributes every renderer reads (see ``model``)."""
    if iri in g:
        return
    info = facts.nodes.get(iri)
    kind = kind or (info.kind if info else "plan")
    quotes = facts.quotes_of(iri)
    g.add_node(iri, label=label, name=name if name is not None else (info.full_name if info else label),
               kind=kind, plans=[plan_slug(facts, p) for p in (info.plans if info else [])],
               quotes=[{"where": q.where, "text": q.text} for q in quotes[:MAX_QUOTES]],
               more_quotes=max(0, len(quotes) - MAX_QUOTES), details=list(details), org="",
               flag="", group=False, x=0.0, y=0.0, boxed=kind in BOXED,
               priority=_priority(g, facts, iri) if kind in OUTLINE_KINDS else "")


def _priority(g: Graph, facts: Facts, iri: str) -> str:
    """The priority ``iri`` belongs to (itself, for a priority; "" for none), named in the graph's
    ``priorities`` (IRI -> (its number and words, its plan's slug)): the page filters by them.
    In a plan of headings the top heading a node stands under (a directorate) is its priority."""
    node, seen = iri, set[str]()
    while node and node not in seen:
        seen.add(node)
        info = facts.nodes.get(node)
        parent = facts.parent.get(node, "")
        top_heading = (info is not None and info.kind == "heading"
                       and getattr(facts.nodes.get(parent), "kind", "") != "heading")
        if info is not None and (info.kind == "priority" or top_heading):
            # a priority printed in capitals reads better in a list as a sentence; a heading's
            # capitals are an abbreviation ("CYPE"), kept
            upper = info.label.isupper() and info.kind == "priority"
            words = info.label.capitalize() if upper else info.label
            text = f"{info.notation}. {words}" if info.notation else words
            g.graph.setdefault("priorities", {})[node] = (" ".join(text.split()), plan_slug(facts, facts.plan_of(node)))
            return node
        node = parent
    return ""


def heading_depth(facts: Facts, iri: str) -> int:
    """How many headings stand above the heading ``iri`` (0 for a top heading: a directorate)."""
    depth, node, seen = 0, facts.parent.get(iri, ""), {iri}
    while node and node not in seen and getattr(facts.nodes.get(node), "kind", "") == "heading":
        seen.add(node)
        depth, node = depth + 1, facts.parent.get(node, "")
    return depth


def node_label(facts: Facts, iri: str) -> str:
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
    if kind in ("outcome", "heading"):
        return wrap(f"{info.notation} {info.label}".strip(), 30, 2)
    if kind in ITEM_KINDS:
        code = item_code(facts, iri)
        if not code:  # an item the plan does not number: its words alone, as many as a code and words
            return shorten(info.label, ITEM_WORDS + 10)
        words = shorten(info.label, ITEM_WORDS)
        return f"{code} · {words}" if words else code
    if kind in ("organisation", "partnership", "person", "post", "team"):
        return wrap(info.full_name, 18)
    return wrap(info.label, 28, 2)


def item_code(facts: Facts, iri: str) -> str:
    """The number a plan prints for a measure ("1a i": its outcome's and its own) or an
    activity ("1.2": its priority's and its own); an action's, commitment's or indicator's own
    number, "" when the plan prints none (a heading has no number to put before it)."""
    info = facts.nodes[iri]
    parent = facts.nodes.get(facts.parent.get(iri, ""))
    if info.kind == "measure":
        return f"{parent.notation if parent and parent.notation else '?'} {info.notation}"
    if info.kind != "activity":
        return info.notation
    return f"{parent.notation if parent else '?'}.{info.notation}"


def _natural(text: str) -> tuple[int, str]:
    digits = "".join(ch for ch in text if ch.isdigit())
    return (int(digits) if digits else 1 << 30, text)


def outline_order(facts: Facts, iri: str) -> tuple[Any, ...]:
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


def item_name(facts: Facts, iri: str) -> str:
    """A measure's or activity's code and words ("1a iv: ..."; an unnumbered item's words alone);
    any other node's label."""
    info = facts.nodes[iri]
    if info.kind not in ITEM_KINDS:
        return info.full_name
    code = item_code(facts, iri)
    return f"{code}: {info.label}" if code else info.label


def colour_by_organisation(view: View, counts: Counter[str], member: dict[str, str]) -> None:
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
