"""What the views know of the RDF graph: the rows of the views' SPARQL queries, indexed.

Every view is made from these rows, never from the readers' records, so a view shows
what the graph says (after resolution: one node per real organisation). The queries are
the ``queries/*.rq`` files beside this module; each runs once, when a view first needs it.

A view asks only for the kinds of node it draws (``Facts.need``): the nodes and the places
they were read from are fetched for those kinds alone, which matters at regional scale, where
the claims and the mentions of organisations are tens of thousands of nodes each.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from plangraph.rdf.iris import PG
from plangraph.resources import package_file

__all__ = ["Ask", "Facts", "NodeInfo", "Quote", "GROUPS", "questions", "view_query"]

QUERIES = package_file("publish", "views", "queries")
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
Value = str | None
Rows = tuple[list[str], list[tuple[Value, ...]]]  # the columns, and each row's values in that order
Ask = Callable[[str], Rows]  # SPARQL text -> rows of plain strings (an IRI's text, a literal's lexical form)

# the kind of node each type a view can draw stands for
_KIND_OF_TYPE = {
    f"{PG}Plan": "plan", f"{PG}Priority": "priority", f"{PG}Outcome": "outcome",
    f"{PG}PerformanceMeasure": "measure", f"{PG}KeyActivity": "activity",
    f"{ORG}Organization": "organisation", f"{FOAF}Person": "person", f"{PG}Service": "service",
    f"{PG}Source": "source", f"{PG}ProgressReport": "report", f"{PG}Claim": "claim",
    # the items reader's layouts (docs/graph-model.md): headings, not priorities and outcomes; a
    # commitment (a kind of action) before an action, so that a node of both is a commitment
    f"{PG}Heading": "heading", f"{PG}Commitment": "commitment", f"{PG}Action": "action",
    f"{PG}Indicator": "indicator", f"{ORG}Post": "post", f"{ORG}OrganizationalUnit": "team",
}
# what a view asks for: groups of kinds, each fetched together
GROUPS: dict[str, tuple[str, ...]] = {
    "plans": ("plan",),
    "outline": ("priority", "outcome", "measure", "activity", "heading", "commitment", "action", "indicator"),
    "agents": ("organisation", "person", "post", "team"),
    "services": ("service",),
    "sources": ("source",),
    "reports": ("report",),
    "claims": ("claim",),
}
_TYPE_RANK = {t: i for i, t in enumerate(_KIND_OF_TYPE)}
_GROUP_OF_KIND = {kind: group for group, kinds in GROUPS.items() for kind in kinds} | {"partnership": "agents"}
_TYPES_LINE = re.compile(r"^(\s*VALUES \?type \{)[^}]*(\})", re.MULTILINE)


def view_query(name: str) -> str:
    """The text of the view query ``name`` (``queries/NAME.rq`` beside this module)."""
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def _for_kinds(text: str, kinds: Iterable[str]) -> str:
    """``text`` with its ``VALUES ?type { ... }`` line naming the types of ``kinds`` alone.

    The types are this module's own constants, never data: nothing from the graph or the user
    reaches the query text.
    """
    wanted = set(kinds)
    types = " ".join(f"<{t}>" for t, kind in _KIND_OF_TYPE.items() if kind in wanted)
    changed, count = _TYPES_LINE.subn(lambda m: f"{m.group(1)} {types} {m.group(2)}", text)
    if count != 1:
        raise ValueError("a view query that is asked for some types must have one VALUES ?type line")
    return changed


def questions(groups: Iterable[str], names: Iterable[str] = ()) -> list[str]:
    """The texts a ``Facts`` asks when ``groups`` are the first it needs (all at once), and the
    view queries ``names`` are read: to ask them ahead and answer the Facts from their rows.

    >>> [text.splitlines()[0].split(":")[0] for text in questions(["plans"], ["leads"])]
    ['# plans', '# nodes', '# anchors', '# leads']
    """
    wanted = set(groups)
    kinds = [k for g in GROUPS if g in wanted for k in GROUPS[g]]
    return list(dict.fromkeys([view_query("plans"), _for_kinds(view_query("nodes"), kinds),
                               _for_kinds(view_query("anchors"), kinds), *map(view_query, names)]))


class Quote(NamedTuple):
    """A place a node was read from (a named tuple: the views make tens of thousands)."""

    file: str
    line_start: int
    line_end: int
    start: int
    text: str
    location: str = ""  # as the graph gives it: plan.txt:8, plan.pdf p.5, plan.xlsx Plan!C12

    @property
    def where(self) -> str:
        if self.location:
            return self.location
        lines = str(self.line_start) if self.line_start == self.line_end else f"{self.line_start}-{self.line_end}"
        return f"{self.file}:{lines}"


@dataclass
class NodeInfo:
    iri: str
    kind: str
    label: str
    notation: str
    plans: list[str]  # plan IRIs, in plan order
    expansion: str = ""  # what a post's abbreviation stands for ("CPH": "Consultant in Public Health")

    @property
    def full_name(self) -> str:
        """The label, with the expansion of an abbreviated post: "CPH (Consultant in Public Health)"."""
        if self.expansion and self.expansion.lower() not in self.label.lower():
            return f"{self.label} ({self.expansion})"
        return self.label


class Facts:
    """The rows a view needs, asked once each through ``ask``.

    ``nodes`` holds the nodes of the groups of kinds asked for so far (``need``); the places the
    nodes were read from (``quotes_of``, ``first_seen``) are fetched the first time one is asked
    for, for every group asked for by then, in one query (its cost is mostly reading whole
    columns of anchors, which one query pays once however many groups it covers).
    """

    def __init__(self, ask: Ask) -> None:
        self._ask = ask
        self.nodes: dict[str, NodeInfo] = {}
        self._groups: set[str] = set()
        self._quoted: set[str] = set()
        self._quotes: dict[str, list[Quote]] = {}
        self._places: dict[str, list[tuple[str, int, int, int, str, str]]] = {}  # fetched, not yet Quotes
        self._first: dict[str, tuple[str, int]] = {}
        self.labels: dict[str, str] = {}  # the short text drawn for each node, made once (views.nodes)

    def rows(self, name: str) -> list[dict[str, Value]]:
        """The rows of view query ``name`` as dicts (None: unbound)."""
        columns, rows = self._ask(view_query(name))
        return [dict(zip(columns, row)) for row in rows]

    def _values(self, text: str, *columns: str) -> list[tuple[Value, ...]]:
        """The rows of ``text``, each the values of ``columns`` in that order."""
        names, rows = self._ask(text)
        if list(columns) == names:
            return rows
        at = [names.index(c) for c in columns]
        return [tuple(row[i] for i in at) for row in rows]

    @cached_property
    def plans(self) -> dict[str, tuple[str, str]]:
        """plan IRI -> (slug, short name such as "Nottingham 2016-2020"), in IRI order."""
        from plangraph.publish.views.model import shorten

        out = {}
        rows = self._values(view_query("plans"), "plan", "title", "area", "period")
        for iri, title, area, period in sorted(rows, key=lambda row: tuple(v or "" for v in row), reverse=True):
            iri, area, period, title = iri or "", area or "", period or "", title or ""
            short = f"{area} {period}".strip() if area else shorten(title or iri.rsplit("/", 1)[-1], 32)
            out[iri] = (iri.rstrip("/").rsplit("/", 1)[-1], short)
        return dict(sorted(out.items()))

    def need(self, *groups: str) -> None:
        """Fetch the nodes of the ``groups`` of kinds (keys of ``GROUPS``) not fetched yet."""
        missing = [g for g in GROUPS if g in groups and g not in self._groups]
        if not missing:
            return
        self._groups.update(missing)
        text = _for_kinds(view_query("nodes"), (k for g in missing for k in GROUPS[g]))
        order = self.plan_order
        rows = self._values(text, "node", "type", "plan", "label", "notation", "collaboration", "expansion")
        # a node's first row gives its kind and notation: a row of its first plan, the same
        # whatever order the rows come in
        rows.sort(key=lambda row: (order.get(row[2] or "", len(order)), row[0] or "", _TYPE_RANK.get(row[1] or "", 0),
                                   row[4] or "", row[3] or "", row[5] or "", row[6] or ""))
        found = self.nodes
        for iri, rdf_type, plan, label, notation, collaboration, expansion in rows:
            assert iri is not None and rdf_type is not None and plan is not None
            kind = _KIND_OF_TYPE[rdf_type]
            if kind == "organisation" and collaboration == "true":
                kind = "partnership"
            info = found.get(iri)
            if info is None:
                info = found[iri] = NodeInfo(iri, kind, label or "", notation or "", [])
            elif kind == "partnership":
                info.kind = kind
            if expansion and not info.expansion:
                info.expansion = expansion
            if label is not None and (not info.label or label < info.label):
                info.label = label  # plans may print a shared source differently: the first in order
            if not info.plans or info.plans[-1] != plan:
                info.plans.append(plan)  # rows come in plan order, a plan's rows together

    def quotes_of(self, iri: str) -> list[Quote]:
        """The places the node ``iri`` was read from, in document order (file, then offset)."""
        quotes = self._quotes.get(iri)
        if quotes is not None:  # made already: the views ask hundreds of thousands of times
            return quotes
        info = self.nodes.get(iri)
        if info is None:
            return []
        group = _GROUP_OF_KIND[info.kind]
        if group not in self._quoted:
            self._quote([g for g in GROUPS if g in self._groups and g not in self._quoted])
        # made into Quotes when first asked for: a view draws only some of the nodes it fetched
        places = self._places.pop(iri, ())
        quotes = self._quotes[iri] = [Quote(file, line_start, line_end, start, text, location)
                                      for file, start, line_start, line_end, text, location in sorted(set(places))]
        return quotes

    def _quote(self, groups: list[str]) -> None:
        """Fetch the places of every node of ``groups`` at once: one query, however many groups."""
        self._quoted.update(groups)
        text = _for_kinds(view_query("anchors"), (k for g in groups for k in GROUPS[g]))
        found: dict[str, list[tuple[str, int, int, int, str, str]]] = defaultdict(list)
        for node, file, line_start, line_end, start, exact, location in self._values(
                text, "node", "file", "lineStart", "lineEnd", "start", "exact", "location"):
            # in the order quotes_of sorts them: file and offset, then the rest for ties
            found[node or ""].append((file or "", int(start or 0), int(line_start or 0), int(line_end or 0),
                                      exact or "", location or ""))
        for node, places in found.items():
            if node not in self._quotes:
                self._places[node] = places

    def first_seen(self, iri: str) -> tuple[str, int]:
        """(file, offset) of the node's first anchor: document order for sorting."""
        seen = self._first.get(iri)
        if seen is None:
            places = self._places.get(iri) if iri not in self._quotes else None
            if places:  # not made into Quotes yet: no need to, for this
                seen = min(places)[:2]
            else:
                quotes = self.quotes_of(iri)
                seen = (quotes[0].file, quotes[0].start) if quotes else ("", 0)
            if iri in self.nodes:  # its places are fetched for good; another node's may come later
                self._first[iri] = seen
        return seen

    @cached_property
    def plan_order(self) -> dict[str, int]:
        """plan IRI -> its place in ``plans``."""
        return {iri: i for i, iri in enumerate(self.plans)}

    @cached_property
    def parent(self) -> dict[str, str]:
        """child IRI -> parent IRI: measure -> outcome -> priority -> plan; activity -> priority;
        commitment, action or indicator -> its innermost heading -> the heading above it -> plan.
        (A child given two parents keeps the first in IRI order, whatever order the rows come in.)"""
        pairs = {(child or "", parent or "") for child, parent in self._values(view_query("outline"), "child", "parent")}
        return {child: parent for child, parent in sorted(pairs, reverse=True)}

    @cached_property
    def levels(self) -> dict[str, str]:
        """heading IRI -> its level as the layout names it ("directorate", "section")."""
        return {child or "": level for child, level in self._values(view_query("outline"), "child", "level") if level}

    def plan_of(self, iri: str) -> str:
        info = self.nodes.get(iri)
        return info.plans[0] if info and info.plans else ""

    def pairs(self, name: str, *columns: str) -> list[tuple[str, ...]]:
        """The rows of view query ``name`` as tuples of strings ("" for unbound)."""
        return sorted({tuple(v or "" for v in row) for row in self._values(view_query(name), *columns)})
