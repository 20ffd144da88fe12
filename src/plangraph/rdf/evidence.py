"""Evidence: progress reports, the claims they make, the figures each claim states (as
Data Cube observations) and the sources the claims cite."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS

from plangraph.analysis.citations import find_citations
from plangraph.analysis.claims import split_claims
from plangraph.analysis.figures import Figure, area_gss, find_figures
from plangraph.analysis.resolve import source_key
from plangraph.model.records import Fragment, SourceCitation
from plangraph.rdf.agents import add_text_mentions
from plangraph.rdf.anchors import located
from plangraph.rdf.context import PlanContext
from plangraph.rdf.iris import mint
from plangraph.rdf.triples import text_literal
from plangraph.rdf.vocab import CURRENCY, GSS, PG, QB, SDMX_ATTRIBUTE, SDMX_MEASURE, UNIT

__all__ = ["add_claims", "cited_source", "observation_node", "report_node", "source_node"]

_SOURCE_CLASS = {"document": PG.SourceDocument, "web-page": PG.WebPage,
                 "personal-communication": PG.PersonalCommunication}
# QUDT units for the kinds of figure plans state; a count of things is a plain number
_QUDT = {"percent": UNIT.PERCENT, "percentage-points": UNIT.PERCENT, "count": UNIT.NUM,
         "number": UNIT.NUM, "per-1000": UNIT.PPTH, "per-10000": UNIT["PER-10K"],
         "per-100000": UNIT["PER-100K"], "weeks": UNIT.WK, "days": UNIT.DAY, "months": UNIT.MO,
         "years": UNIT.YR, "gbp": CURRENCY.GBP}
_REF_AREA = URIRef("http://purl.org/linked-data/sdmx/2009/dimension#refArea")


def _short_label(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def source_node(ctx: PlanContext, text: str, kind: str, printed: Fragment, *, title: str | None,
                urls: Sequence[str], date: str | None, role: str | None) -> URIRef:
    """A source of evidence, one node across plans (labelled as ``ctx.source_labels`` says)."""
    key = source_key(text)
    node = mint("source", key)
    g = ctx.g
    g.add((node, RDF.type, PG.Source))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, RDF.type, _SOURCE_CLASS[kind]))
    label = ctx.source_labels.get(key, text)
    g.add((node, SKOS.prefLabel, text_literal(label)))
    if text != label:
        g.add((node, SKOS.altLabel, text_literal(text)))
    if title:
        g.add((node, DCTERMS.title, text_literal(title)))
    for url in urls:
        g.add((node, FOAF.page, URIRef(url)))
    if date:
        g.add((node, PG.dateAsPrinted, text_literal(date)))
    if role:
        g.add((node, PG.informant, text_literal(role)))
    located(ctx, node, printed)
    return node


def cited_source(ctx: PlanContext, activity: URIRef, citation: SourceCitation) -> URIRef:
    """A source a key activity cites as its evidence, with what its citation names."""
    node = source_node(ctx, citation.text, citation.kind, citation.printed, title=citation.title,
                       urls=citation.urls, date=citation.date, role=citation.role)
    ctx.g.add((activity, PG.evidenceSource, node))
    add_text_mentions(ctx, node, citation.printed)
    return node


def report_node(ctx: PlanContext, key: str, fragment: Fragment) -> URIRef:
    """A progress report of the plan (an update or evidence text), with what it names."""
    node = mint("report", ctx.slug, key)
    g = ctx.g
    g.add((node, RDF.type, PG.ProgressReport))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, RDF.value, text_literal(fragment.text)))
    words = fragment.text.split()
    g.add((node, RDFS.label, text_literal(" ".join(words[:10]) + (" …" if len(words) > 10 else ""))))
    g.add((node, DCTERMS.isPartOf, ctx.plan))
    located(ctx, node, fragment)
    add_text_mentions(ctx, node, fragment)
    return node


def add_claims(ctx: PlanContext, report: URIRef, fragment: Fragment, about: Sequence[URIRef],
               attributed: Sequence[URIRef], sources: Sequence[URIRef]) -> None:
    """Split a progress text into claims, each anchored, attributed and cited."""
    g, doc = ctx.g, ctx.doc
    agents = list(attributed) or ([ctx.publisher] if ctx.publisher is not None else [])
    for claim in split_claims(fragment, doc):
        words = claim.fragment
        span = words.span
        node = mint("claim", doc.sha256, span.start, span.end)
        g.add((node, RDF.type, PG.Claim))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, RDF.value, text_literal(words.text)))
        g.add((node, RDFS.label, text_literal(_short_label(words.text))))
        g.add((node, DCTERMS.isPartOf, report))
        located(ctx, node, words)
        if claim.item:
            g.add((node, PG.itemNumber, text_literal(claim.item)))
        for target in about:
            g.add((node, PG.about, target))
        for agent in agents:
            g.add((node, PROV.wasAttributedTo, agent))
        for source in sources:
            g.add((node, PROV.hadPrimarySource, source))
        for citation in find_citations(words.text):
            piece = words.sub(citation.start, citation.end, doc.index)
            cited = source_node(ctx, citation.source, citation.kind, piece, title=None,
                                urls=(), date=None, role=None)
            g.add((node, PROV.hadPrimarySource, cited))
        for k, figure in enumerate(find_figures(words.text), start=1):
            obs = observation_node(ctx, URIRef(f"{node}/figure/{k}"), words, figure)
            g.add((node, PG.observation, obs))


def observation_node(ctx: PlanContext, node: URIRef, words: Fragment, figure: Figure) -> URIRef:
    """A figure a claim states, in the plan's data set; its comparator is an observation of its own."""
    g = ctx.g
    g.add((node, RDF.type, QB.Observation))
    g.add((node, QB.dataSet, ctx.dataset))
    g.add((node, SDMX_MEASURE.obsValue, Literal(figure.value, datatype=XSD.decimal)))
    g.add((node, PG.unit, text_literal(figure.unit)))
    g.add((node, PG.unitAsPrinted, text_literal(figure.unit_printed)))
    g.add((node, RDFS.label, text_literal(figure.printed)))
    if figure.unit in _QUDT:
        g.add((node, SDMX_ATTRIBUTE.unitMeasure, _QUDT[figure.unit]))
    if figure.area:
        g.add((node, PG.areaAsPrinted, text_literal(figure.area)))
        code = area_gss(figure.area)
        if code:
            g.add((node, _REF_AREA, GSS[code]))
    if figure.period:
        g.add((node, PG.periodAsPrinted, text_literal(figure.period)))
    if figure.end > figure.start:
        located(ctx, node, words.sub(figure.start, figure.end, ctx.doc.index))
    if figure.comparator is not None:
        comparator = observation_node(ctx, URIRef(f"{node}/comparator"), words, figure.comparator)
        g.add((node, PG.comparator, comparator))
    return node
