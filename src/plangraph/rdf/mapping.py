"""Records -> RDF: one named graph per plan document (see docs/graph-model.md).

Deterministic: the same records give the same triples on any machine, with no blank
nodes, so canonical N-Quads of two builds are identical.

``map_plan`` makes one plan's graph, node kind by node kind: the plan and the records of
its layout (``structure``), which make the organisations, people and mentions of
``agents``, the reports, claims, figures and sources of ``evidence``, and the anchors of
``anchors``; then the terms of the services it names (``services``) and the shortcuts
derived from the rest (``derived``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from rdflib import URIRef

from plangraph.analysis.resolve import source_key
from plangraph.errors import ReadError
from plangraph.ingest.document import Document
from plangraph.model.records import Extraction
from plangraph.rdf.context import PlanContext
from plangraph.rdf.derived import add_document_order, add_involvement, involved_organisations
from plangraph.rdf.iris import mint
from plangraph.rdf.items import add_items
from plangraph.rdf.notes import add_notes
from plangraph.rdf.services import SERVICES_GRAPH, add_service, services_triples
from plangraph.rdf.structure import (
    MISSING_LABEL,
    add_action_rows,
    add_activities,
    add_measures,
    add_outcomes,
    add_plan,
    add_priorities,
)
from plangraph.rdf.triples import Triples

__all__ = ["MISSING_LABEL", "SERVICES_GRAPH", "Triples", "check_slugs",
           "involved_organisations", "map_plan", "services_triples", "source_labels", "source_printings"]


def map_plan(doc: Document, ex: Extraction, labels: dict[str, str]) -> tuple[URIRef, Triples]:
    """The named graph of one plan: its IRI and its triples.

    ``labels`` are the sources' labels across every plan built together (``source_labels``).
    """
    ctx = PlanContext(ex, doc, labels)
    add_plan(ctx)
    priorities = add_priorities(ctx)
    outcomes = add_outcomes(ctx, priorities)
    measures = add_measures(ctx, priorities, outcomes)
    add_action_rows(ctx, measures)
    add_activities(ctx, priorities)
    add_items(ctx, priorities)
    add_notes(ctx)
    for service in sorted(ctx.services_used, key=lambda s: s.label):
        add_service(ctx.g, service, full=False)
    add_involvement(ctx.g)
    add_document_order(ctx.g)
    return ctx.plan, ctx.g


def source_printings(ex: Extraction) -> list[tuple[str, str]]:
    """(key, text as printed) of every evidence source ``ex`` cites, for ``source_labels``."""
    return [(source_key(s.text), s.text) for a in ex.activities for s in a.sources]


def source_labels(printings: Iterable[tuple[str, str]]) -> dict[str, str]:
    """One label per source across all plans: its most frequent printing."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for key, text in printings:
        counts[key][text] += 1
    return {key: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for key, c in counts.items()}


def check_slugs(plans: Iterable[tuple[str, str]]) -> None:
    """Refuse two documents whose plans would share a named graph: ``plans`` are (slug, file)
    pairs, and slugs that differ only in case or punctuation ("City-Plan", "city plan") mint
    the same plan IRI, so they are compared by that IRI.

    >>> check_slugs([("City-Plan", "a.txt"), ("city plan", "b.txt")])
    Traceback (most recent call last):
    ...
    plangraph.errors.ReadError: b.txt: would share the plan slug 'city-plan' with a.txt (slugs 'city plan' and 'City-Plan'). Give one of them another slug in manifest.json, or another file name
    """
    seen: dict[URIRef, tuple[str, str]] = {}
    for slug, file in plans:
        plan = mint("plan", slug)
        if plan in seen:
            other_slug, other_file = seen[plan]
            raise ReadError(file, None, f"would share the plan slug {plan.rsplit('/', 1)[-1]!r} with "
                            f"{other_file} (slugs {slug!r} and {other_slug!r})",
                            hint="Give one of them another slug in manifest.json, or another file name")
        seen[plan] = (slug, file)
