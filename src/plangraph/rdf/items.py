"""The items reader's records: headings, preambles, the code key, and each action, commitment
or indicator with its leads (organisations, people, posts, teams), timescale, measures,
status, progress and the codes it serves."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS, XSD

from plangraph.model.items import Item, LeadRef
from plangraph.model.records import Mention
from plangraph.rdf.agents import add_mention, organisation_node, person_node
from plangraph.rdf.anchors import located
from plangraph.rdf.context import PlanContext
from plangraph.analysis.figures import find_figures
from plangraph.rdf.evidence import add_claims, observation_node, report_node
from plangraph.rdf.iris import mint
from plangraph.rdf.triples import text_literal
from plangraph.rdf.vocab import PG

__all__ = ["add_items"]

_CLASSES = {"action": PG.Action, "commitment": PG.Commitment, "indicator": PG.Indicator}
_LEAD_PROPERTY = {"organisation": PG.leadOrganisation, "person": PG.leadOfficer, "post": PG.leadPost,
                  "team": PG.leadTeam}


def _due(value: str) -> Literal:
    """A due date in its own datatype: a day, a month or a year."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Literal(value, datatype=datatype)


def _concept(ctx: PlanContext, node: URIRef, cls: URIRef, label: str) -> None:
    g = ctx.g
    g.add((node, RDF.type, cls))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, ctx.plan))
    g.add((node, SKOS.prefLabel, text_literal(label)))


def _lead(ctx: PlanContext, item: URIRef, lead: LeadRef, lead_of: bool) -> None:
    """One lead (or partner) of ``item``: a node of its kind, mentioned where printed; a lead
    whose kind the words do not say is kept as printed."""
    g = ctx.g
    mention = Mention(lead.name, lead.printed, lead.span)
    if lead.kind == "organisation":
        node = organisation_node(ctx, mention)
    elif lead.kind == "person":
        node = person_node(ctx, mention)
    elif lead.kind in ("post", "team"):
        node = mint(lead.kind, ctx.slug, lead.name)
        if node not in ctx.labelled:
            ctx.labelled.add(node)
            g.add((node, RDF.type, ORG.Post if lead.kind == "post" else ORG.OrganizationalUnit))
            g.add((node, SKOS.prefLabel, text_literal(lead.name)))
            if lead.expansion:
                g.add((node, PG.expansion, text_literal(lead.expansion)))
    else:
        g.add((item, PG.leadAsPrinted if lead_of else PG.partnerAsPrinted, text_literal(lead.name)))
        return
    g.add((item, _LEAD_PROPERTY[lead.kind] if lead_of else PG.partner, node))
    add_mention(ctx, item, node, lead.printed, lead.span, lead.kind)


def add_items(ctx: PlanContext, priorities: dict[str, URIRef]) -> None:
    """Headings, preambles, the code key and the items of an items layout."""
    ex, g = ctx.ex, ctx.g
    headings: dict[str, URIRef] = {}
    for h in ex.headings:
        node = headings[h.key] = mint("heading", ctx.slug, h.key)
        _concept(ctx, node, PG.Heading, h.text.text)
        g.add((node, PG.level, text_literal(h.level)))
        g.add((node, SKOS.broader if h.parent else SKOS.topConceptOf,
               headings[h.parent] if h.parent else ctx.plan))
        located(ctx, node, h.text)
    for p in ex.preambles:
        node = mint("preamble", ctx.slug, p.key)
        g.add((node, RDF.type, PG.Preamble))
        g.add((node, RDF.value, text_literal(p.text.text)))
        g.add((node, DCTERMS.isPartOf, ctx.plan))
        for key in p.headings:
            g.add((node, PG.heading, headings[key]))
        located(ctx, node, p.text)
    codes: dict[str, URIRef] = {}
    for c in ex.code_key:
        node = codes[c.code] = mint("code", ctx.slug, c.code)
        _concept(ctx, node, SKOS.Concept, c.title.text)
        g.add((node, SKOS.notation, text_literal(c.code)))
        located(ctx, node, c.title)
    for item in ex.items:
        _item(ctx, item, priorities, headings, codes)


def _item(ctx: PlanContext, item: Item, priorities: dict[str, URIRef], headings: dict[str, URIRef],
          codes: dict[str, URIRef]) -> None:
    g = ctx.g
    node = mint("item", ctx.slug, item.key)
    _concept(ctx, node, _CLASSES[item.kind], item.text.text)
    located(ctx, node, item.text)
    if item.number:
        g.add((node, SKOS.notation, text_literal(item.number)))
    if item.priority is not None and item.priority in priorities:
        g.add((node, PG.priority, priorities[item.priority]))
    for key in item.headings:
        g.add((node, PG.heading, headings[key]))
    if item.headings:
        g.add((node, SKOS.broader, headings[item.headings[-1]]))
    for lead in item.leads:
        _lead(ctx, node, lead, True)
    for partner in item.partners:
        _lead(ctx, node, partner, False)
    if item.lead_cell is not None and not item.leads:
        g.add((node, PG.leadAsPrinted, text_literal(item.lead_cell.text)))
    if item.description is not None:
        g.add((node, DCTERMS.description, text_literal(item.description.text)))
    if item.timescale is not None:
        g.add((node, PG.timescale, text_literal(item.timescale.text)))
    if item.due is not None:
        g.add((node, PG.due, _due(item.due)))
    for measure in item.measures:
        g.add((node, PG.measureText, text_literal(measure.text)))
    if item.status is not None:
        g.add((node, PG.statusAsPrinted, text_literal(item.status.text)))
    if item.rag is not None:
        status = mint("status", item.rag)
        g.add((node, PG.status, status))
        g.add((status, RDF.type, PG.Status))
        g.add((status, RDF.type, SKOS.Concept))
        g.add((status, SKOS.prefLabel, text_literal(item.rag)))
        g.add((status, SKOS.inScheme, mint("scheme", "status")))
    for ref in item.codes:
        code = codes.get(ref.code)
        if code is None:
            code = codes[ref.code] = mint("code", ctx.slug, ref.code)
            _concept(ctx, code, SKOS.Concept, ref.code)
            g.add((code, SKOS.notation, text_literal(ref.code)))
        g.add((node, PG.contributesTo, code))
        add_mention(ctx, node, code, ref.printed, ref.span, "code")
    for prop, part in ((PG.baseline, item.baseline), (PG.target, item.target)):
        figures = find_figures(part.text) if part is not None else []
        if part is not None and figures:  # (a figure plangraph cannot read stays in the indicator's text)
            g.add((node, prop, observation_node(ctx, URIRef(f"{node}/{prop.rsplit('#', 1)[-1]}"), part, figures[0])))
    if item.progress is not None:
        report = report_node(ctx, f"{item.key}-progress", item.progress)
        g.add((report, PG.reportsOn, node))
        add_claims(ctx, report, item.progress, [node], (), ())
