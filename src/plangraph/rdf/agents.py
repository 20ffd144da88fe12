"""Organisations and people: the nodes a plan names, who leads what, who belongs where, the
mentions that anchor each name in the text, and the plan's publisher.

Services a text names are mentioned the same way, so their mentions are made here too.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import FOAF, PROV, SKOS

from plangraph.analysis.resolve import COLLABORATION, FORMAL, find_organisations, organisation, person_name
from plangraph.analysis.services import find_services
from plangraph.model.records import Fragment, Lead, LeadCell, Mention, Span
from plangraph.rdf.anchors import located
from plangraph.rdf.context import PlanContext
from plangraph.rdf.iris import mint
from plangraph.rdf.triples import text_literal
from plangraph.rdf.vocab import ORG, PG

__all__ = ["add_leads", "add_memberships", "add_mention", "add_service_mentions", "add_text_mentions",
           "organisation_node", "person_node", "publisher_node"]


def add_mention(ctx: PlanContext, owner: URIRef, target: URIRef, printed: str, span: Span, kind: str) -> None:
    """``owner`` names ``target``, printed as ``printed`` at ``span``."""
    m = mint("mention", ctx.doc.sha256, span.start, span.end, kind)
    g = ctx.g
    g.add((m, RDF.type, PG.Mention))
    g.add((m, RDF.type, PROV.Entity))
    g.add((m, PG.refersTo, target))
    g.add((m, PG.printedAs, text_literal(printed)))
    g.add((m, RDFS.label, text_literal(printed)))
    located(ctx, m, span)
    g.add((owner, PG.mention, m))
    located(ctx, target, span)


def organisation_node(ctx: PlanContext, mention: Mention) -> URIRef:
    """The organisation a name stands for, with its kind and labels."""
    resolved = organisation(mention.name, ctx.slug)
    node = mint("organisation", resolved.canonical)
    g = ctx.g
    g.add((node, RDF.type, ORG.Organization))
    if resolved.kind in FORMAL:
        g.add((node, RDF.type, ORG.FormalOrganization))
    if resolved.kind in COLLABORATION:
        g.add((node, RDF.type, ORG.OrganizationalCollaboration))
    g.add((node, SKOS.prefLabel, text_literal(resolved.canonical)))
    g.add((node, PG.organisationKind, text_literal(resolved.kind)))
    if mention.name != resolved.canonical:
        g.add((node, SKOS.altLabel, text_literal(mention.name)))
    return node


def person_node(ctx: PlanContext, mention: Mention) -> URIRef:
    """The person a name stands for, with the name as printed when it differs."""
    name = person_name(mention.name)
    node = mint("person", name)
    ctx.g.add((node, RDF.type, FOAF.Person))
    ctx.g.add((node, FOAF.name, text_literal(name)))
    ctx.g.add((node, SKOS.prefLabel, text_literal(name)))
    if mention.printed != name:
        ctx.g.add((node, SKOS.altLabel, text_literal(mention.printed)))
    return node


def add_leads(ctx: PlanContext, item: URIRef, lead: Lead) -> None:
    """The organisations and officers that lead ``item``, each mentioned where printed."""
    for m in lead.organisations:
        org = organisation_node(ctx, m)
        ctx.g.add((item, PG.leadOrganisation, org))
        add_mention(ctx, item, org, m.printed, m.span, "organisation")
    for m in lead.officers:
        person = person_node(ctx, m)
        ctx.g.add((item, PG.leadOfficer, person))
        add_mention(ctx, item, person, m.printed, m.span, "person")


def add_memberships(ctx: PlanContext, cell: LeadCell) -> None:
    """Link a person to an organisation only where the cell leaves no doubt."""
    if cell.prose:
        return
    for entry in cell.entries:
        # one organisation and one officer: "Nottingham City CCG Helene Denness/Alicia
        # Rowley" names two officers, and the same pair is printed under the City Council
        # a row later, so that cell does not say who belongs where
        if len(entry.organisations) != 1 or len(entry.officers) != 1:
            continue
        resolved = organisation(entry.organisations[0].name, ctx.slug)
        if resolved.kind in ("ambiguous", "unknown"):
            continue
        org = mint("organisation", resolved.canonical)
        for officer in entry.officers:
            ctx.g.add((mint("person", person_name(officer.name)), ORG.memberOf, org))


def add_text_mentions(ctx: PlanContext, owner: URIRef, fragment: Fragment | None) -> None:
    """Services and (known) organisations named in a text, each with its anchor."""
    if fragment is None:
        return
    add_service_mentions(ctx, owner, fragment)
    for name, start, end in find_organisations(fragment.text):
        piece = fragment.sub(start, end, ctx.doc.index)
        org = organisation_node(ctx, Mention(name, piece.text, piece.span))
        add_mention(ctx, owner, org, piece.text, piece.span, "organisation")


def add_service_mentions(ctx: PlanContext, owner: URIRef, fragment: Fragment | None) -> None:
    """Services named in a text, each with its anchor; their terms join ``ctx.services_used``."""
    if fragment is None:
        return
    for service, start, end in find_services(fragment.text):
        piece = fragment.sub(start, end, ctx.doc.index)
        node = mint("service", service.label)
        ctx.services_used.add(service)
        ctx.g.add((owner, PG.mentionsService, node))
        add_mention(ctx, owner, node, piece.text, piece.span, "service")


def publisher_node(ctx: PlanContext) -> URIRef | None:
    """The plan's publisher (named by the manifest) as an organisation."""
    name = ctx.ex.plan.publisher
    if not name:
        return None
    mention = Mention(name, name, Span(ctx.doc.name, 1, 1, 0, 0))
    node = organisation_node(ctx, mention)
    at = ctx.doc.text.find(name)
    if at >= 0:  # the document prints its publisher's name: link to it
        located(ctx, node, ctx.doc.span(at, at + len(name)))
    return node
