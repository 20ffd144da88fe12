"""The plan and its structure: the plan node and its source text, then the records of each
layout: priorities, outcomes, performance measures and their action rows (the action-plan
layout), key activities and their evidence (the review-table layout)."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from plangraph.rdf.agents import add_leads, add_memberships, add_text_mentions, organisation_node, publisher_node
from plangraph.rdf.anchors import located
from plangraph.rdf.context import PlanContext
from plangraph.rdf.evidence import add_claims, cited_source, report_node
from plangraph.rdf.iris import mint
from plangraph.rdf.triples import text_literal
from plangraph.rdf.vocab import PG, QB

__all__ = ["MISSING_LABEL", "add_action_rows", "add_activities", "add_measures", "add_outcomes", "add_plan",
           "add_priorities"]

MISSING_LABEL = "(outcome label missing from the document)"


def _concept(ctx: PlanContext, node: URIRef, cls: URIRef, notation: str | None, label: str | None) -> None:
    g = ctx.g
    g.add((node, RDF.type, cls))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, ctx.plan))
    if notation:
        g.add((node, SKOS.notation, text_literal(notation)))
    if label:
        g.add((node, SKOS.prefLabel, text_literal(label)))


def add_plan(ctx: PlanContext) -> None:
    """The plan (a concept scheme), its publisher, its figures' data set and its source text."""
    ex, doc, g, plan = ctx.ex, ctx.doc, ctx.g, ctx.plan
    for cls in (PG.Plan, SKOS.ConceptScheme, PROV.Plan, FOAF.Document):
        g.add((plan, RDF.type, cls))
    g.add((plan, DCTERMS.title, text_literal(ex.plan.title)))
    g.add((plan, SKOS.prefLabel, text_literal(ex.plan.title)))
    g.add((plan, PG.layout, text_literal(ex.plan.layout)))
    ctx.publisher = publisher_node(ctx)
    if ctx.publisher is not None:
        g.add((plan, DCTERMS.publisher, ctx.publisher))
    g.add((plan, PG.figures, ctx.dataset))
    g.add((ctx.dataset, RDF.type, QB.DataSet))
    g.add((ctx.dataset, RDFS.label, text_literal(f"Figures stated in {ex.plan.title}")))
    for prop, value in ((PG.area, ex.plan.area), (PG.period, ex.plan.period)):
        if value:
            g.add((plan, prop, text_literal(value)))
    g.add((plan, PG.text, ctx.text))
    g.add((ctx.text, RDF.type, PG.SourceText))
    g.add((ctx.text, RDF.type, PROV.Entity))
    g.add((ctx.text, PG.fileName, text_literal(doc.name)))
    g.add((ctx.text, PG.sha256, text_literal(doc.sha256)))
    g.add((ctx.text, RDF.value, text_literal(doc.text)))
    g.add((ctx.text, RDFS.label, text_literal(doc.name)))


def add_priorities(ctx: PlanContext) -> dict[str, URIRef]:
    """The plan's priorities, its top concepts; returns each one's node by notation."""
    g, plan = ctx.g, ctx.plan
    priorities: dict[str, URIRef] = {}
    for p in ctx.ex.priorities:
        node = mint("priority", ctx.slug, p.notation)
        priorities[p.notation] = node
        _concept(ctx, node, PG.Priority, p.notation, p.title.text)
        g.add((node, SKOS.topConceptOf, plan))
        g.add((plan, SKOS.hasTopConcept, node))
        located(ctx, node, p.title)
    return priorities


def add_outcomes(ctx: PlanContext, priorities: dict[str, URIRef]) -> dict[str, URIRef]:
    """The outcomes under each priority; returns each one's node by key."""
    g = ctx.g
    outcomes: dict[str, URIRef] = {}
    for o in ctx.ex.outcomes:
        node = mint("outcome", ctx.slug, o.key)
        outcomes[o.key] = node
        _concept(ctx, node, PG.Outcome, o.code, o.title.text if o.title else None)
        if o.label_missing:
            g.add((node, PG.labelMissing, Literal(True)))
            g.add((node, RDFS.label, text_literal(MISSING_LABEL)))
        g.add((node, PG.priority, priorities[o.priority]))
        g.add((node, SKOS.broader, priorities[o.priority]))
        located(ctx, node, o.span)
    return outcomes


def add_measures(ctx: PlanContext, priorities: dict[str, URIRef], outcomes: dict[str, URIRef]) -> dict[str, URIRef]:
    """The performance measures under each outcome, with their leads; returns each one's node by key."""
    g = ctx.g
    measures: dict[str, URIRef] = {}
    for m in ctx.ex.measures:
        node = mint("measure", ctx.slug, m.key)
        measures[m.key] = node
        _concept(ctx, node, PG.PerformanceMeasure, m.numeral, m.text.text)
        g.add((node, PG.outcome, outcomes[m.outcome_key]))
        g.add((node, SKOS.broader, outcomes[m.outcome_key]))
        g.add((node, PG.priority, priorities[m.priority]))
        located(ctx, node, m.text)
        add_leads(ctx, node, m.lead)
        add_text_mentions(ctx, node, m.text)
    return measures


def add_action_rows(ctx: PlanContext, measures: dict[str, URIRef]) -> None:
    """Each action row's lead cell and its update: a report on the row's measures (or on the
    whole plan, for a row that applies to every outcome) whose claims its lead organisations make."""
    g = ctx.g
    for r in ctx.ex.rows:
        raw = r.lead.raw
        for key in r.measure_keys:
            if raw is not None:
                g.add((measures[key], PG.leadAsPrinted, text_literal(raw.text)))
        add_memberships(ctx, r.lead)
        if r.update is None:
            continue
        report = report_node(ctx, f"row-{r.index + 1}", r.update)
        for key in r.measure_keys:
            g.add((report, PG.reportsOn, measures[key]))
        about = [measures[key] for key in r.measure_keys]
        if r.plan_wide_label is not None:
            g.add((report, PG.appliesToAllOutcomes, Literal(True)))
            for entry in r.lead.entries:
                add_leads(ctx, report, entry)
            if raw is not None:
                g.add((report, PG.leadAsPrinted, text_literal(raw.text)))
            about = [ctx.plan]
        agents: dict[URIRef, None] = {}
        for entry in r.lead.entries:
            for org_mention in entry.organisations:
                agents[organisation_node(ctx, org_mention)] = None
        add_claims(ctx, report, r.update, about, list(agents), ())


def add_activities(ctx: PlanContext, priorities: dict[str, URIRef]) -> None:
    """The key activities under each priority, the sources they cite, and their evidence text."""
    g = ctx.g
    for a in ctx.ex.activities:
        node = mint("activity", ctx.slug, a.key)
        _concept(ctx, node, PG.KeyActivity, a.number, a.text.text)
        g.add((node, PG.priority, priorities[a.priority]))
        g.add((node, SKOS.broader, priorities[a.priority]))
        located(ctx, node, a.text)
        add_text_mentions(ctx, node, a.text)
        cited = [cited_source(ctx, node, citation) for citation in a.sources]
        if a.evidence is not None:
            report = report_node(ctx, f"activity-{a.key.replace('/', '-')}", a.evidence)
            g.add((report, PG.reportsOn, node))
            add_claims(ctx, report, a.evidence, [node], (), cited)
