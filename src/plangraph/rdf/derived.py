"""Shortcuts derived at build time from a plan's other triples, so that queries join one
property instead of deriving it over the whole store."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from plangraph.rdf.triples import Triples, int_literal
from plangraph.rdf.vocab import OA, ORG, PG

__all__ = ["add_document_order", "add_involvement", "document_order", "involved_organisations"]

# Terms compared with every triple, looked up once: an attribute of an rdflib namespace is
# looked up anew at each use, which costs more than the comparison.
_TYPE, _DERIVED, _SELECTOR, _START = RDF.type, PROV.wasDerivedFrom, OA.hasSelector, OA.start
_LEAD_ORGANISATION, _MENTION, _REFERS_TO, _REPORTS_ON = PG.leadOrganisation, PG.mention, PG.refersTo, PG.reportsOn
_OUTCOME, _SERVICE, _SOURCE = PG.outcome, PG.mentionsService, PG.evidenceSource
# the nodes whose place in the document the listings sort by: what a plan prints, in its order
_ORDERED = frozenset({PG.Priority, PG.Outcome, PG.Heading, PG.PerformanceMeasure, PG.KeyActivity,
                      PG.Action, PG.Commitment, PG.Indicator, PG.ProgressReport, PG.Claim})

# what a node that an organisation leads or is named in stands for (see involved_organisations)
_INVOLVING = frozenset({PG.leadOrganisation, PG.mention, PG.refersTo, PG.reportsOn, PG.outcome,
                        PG.mentionsService, PG.evidenceSource})
_THINGS_THEMSELVES = frozenset({PG.PerformanceMeasure, PG.KeyActivity, PG.Source})


def involved_organisations(triples: Iterable[tuple[Node, Node, Node]]) -> set[tuple[Node, Node]]:
    """The (thing, organisation) pairs that ``pg:involvedOrganisation`` states in one plan's
    graph, from its other triples.

    An organisation of the plan (typed ``org:Organization`` in it) is involved in what a node
    stands for when it leads the node or is named in it (``pg:mention``/``pg:refersTo``). A
    node stands for itself when it is a measure, key activity or source; for what it reports
    on (``pg:reportsOn``); for the outcome of either; for the services it names; for the
    sources cited by it or by what it reports on. These are the rules the queries
    partnership-links and shared-work state: made once per plan here, the queries join one
    property instead of deriving them over the whole store.
    """
    types: dict[Node, set[Node]] = defaultdict(set)
    links: dict[Node, dict[Node, list[Node]]] = {p: defaultdict(list) for p in _INVOLVING}
    for s, p, o in triples:
        if p == _TYPE:
            types[s].add(o)
        elif p in links:
            links[p][s].append(o)
    organisation = ORG.Organization
    organisations = {node for node, kinds in types.items() if organisation in kinds}
    involved: dict[Node, set[Node]] = defaultdict(set)  # node -> the organisations in it
    for node, leads in links[_LEAD_ORGANISATION].items():
        involved[node].update(o for o in leads if o in organisations)
    refers = links[_REFERS_TO]
    for node, mentions in links[_MENTION].items():
        involved[node].update(o for m in mentions for o in refers.get(m, ()) if o in organisations)
    outcome, cites = links[_OUTCOME], links[_SOURCE]
    pairs: set[tuple[Node, Node]] = set()
    for node, orgs in involved.items():
        things: list[Node] = [node] if types.get(node, set()) & _THINGS_THEMSELVES else []
        for target in links[_REPORTS_ON].get(node, ()):
            things += [target, *outcome.get(target, ()), *cites.get(target, ())]
        things += [*outcome.get(node, ()), *links[_SERVICE].get(node, ()), *cites.get(node, ())]
        pairs.update((thing, o) for thing in things for o in orgs)
    return pairs


def add_involvement(g: Triples) -> None:
    """State ``pg:involvedOrganisation`` in a plan's graph (``involved_organisations``), in sorted order."""
    involved = PG.involvedOrganisation
    for thing, organisation in sorted(involved_organisations(g)):
        if isinstance(thing, URIRef):  # always: the mapping mints an IRI for everything
            g.add((thing, involved, organisation))


def document_order(triples: Iterable[tuple[Node, Node, Node]]) -> dict[Node, int]:
    """Where each priority, outcome, heading, item, progress report and claim of one plan's
    graph starts in the plan's text: the least ``oa:start`` of the position selectors of the
    anchors it was read from (``prov:wasDerivedFrom``).

    The listings sort by it: stated once per node here, a query reads one property instead of
    joining every anchor of the store to its selectors.
    """
    kinds: dict[Node, set[Node]] = defaultdict(set)
    anchors: dict[Node, list[Node]] = defaultdict(list)
    selectors: dict[Node, list[Node]] = defaultdict(list)
    starts: dict[Node, int] = {}
    # one dictionary lookup a triple, not a comparison with each property (rdflib's == is Python)
    wanted: dict[Node, int] = {_TYPE: 0, _DERIVED: 1, _SELECTOR: 2, _START: 3}
    for s, p, o in triples:
        k = wanted.get(p)
        if k is None:
            continue
        if k == 0:
            kinds[s].add(o)
        elif k == 1:
            anchors[s].append(o)
        elif k == 2:
            selectors[s].append(o)
        elif isinstance(o, Literal):
            starts[s] = int(o)
    order: dict[Node, int] = {}
    for node, derived in anchors.items():
        if not kinds.get(node, set()) & _ORDERED:
            continue
        found = [starts[sel] for a in derived for sel in selectors.get(a, ()) if sel in starts]
        if found:
            order[node] = min(found)
    return order


def add_document_order(g: Triples) -> None:
    """State ``pg:documentOrder`` in a plan's graph (``document_order``), in sorted order."""
    order = PG.documentOrder
    for node, start in sorted(document_order(g).items()):
        if isinstance(node, URIRef):  # always: the mapping mints an IRI for everything
            g.add((node, order, int_literal(start)))
