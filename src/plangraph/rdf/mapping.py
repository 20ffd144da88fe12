"""Records -> RDF: one named graph per plan document (see docs/graph-model.md).

Deterministic: the same records give the same triples on any machine, with no blank
nodes, so canonical N-Quads of two builds are identical.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SKOS
from rdflib.term import Node

from plangraph.analysis.citations import find_citations
from plangraph.analysis.claims import split_claims
from plangraph.ingest.document import Document
from plangraph.rdf.iris import mint
from plangraph.model.records import Extraction, Fragment, Lead, LeadCell, Mention, SourceCitation, Span
from plangraph.analysis.resolve import COLLABORATION, FORMAL, find_organisations, organisation, person_name, source_key
from plangraph.analysis.services import Service, find_services, services
from plangraph.analysis.figures import Figure, area_gss, find_figures
from plangraph.rdf.vocab import (
    CURRENCY,
    GSS,
    NAMESPACES,
    OA,
    ORG,
    PG,
    QB,
    SDMX_ATTRIBUTE,
    SDMX_MEASURE,
    UNIT,
)

__all__ = ["Triples", "extractions_to_dataset", "involved_organisations", "map_plan", "services_triples",
           "source_labels", "SERVICES_GRAPH"]

SERVICES_GRAPH = mint("graph", "services")
SERVICES_SCHEME = mint("scheme", "services")
RFC5147 = URIRef("http://tools.ietf.org/rfc/rfc5147")
_CONTEXT = 32
_SOURCE_CLASS = {"document": PG.SourceDocument, "web-page": PG.WebPage,
                 "personal-communication": PG.PersonalCommunication}
MISSING_LABEL = "(outcome label missing from the document)"
# QUDT units for the kinds of figure plans state; a count of things is a plain number
_QUDT = {"percent": UNIT.PERCENT, "percentage-points": UNIT.PERCENT, "count": UNIT.NUM,
         "number": UNIT.NUM, "per-1000": UNIT.PPTH, "per-10000": UNIT["PER-10K"],
         "per-100000": UNIT["PER-100K"], "weeks": UNIT.WK, "days": UNIT.DAY, "months": UNIT.MO,
         "years": UNIT.YR, "gbp": CURRENCY.GBP}


_TYPE, _VALUE, _ENTITY, _CONFORMS_TO = RDF.type, RDF.value, PROV.Entity, DCTERMS.conformsTo
_SPECIFIC_RESOURCE, _HAS_SOURCE, _HAS_SELECTOR = OA.SpecificResource, OA.hasSource, OA.hasSelector
_POSITION_SELECTOR, _QUOTE_SELECTOR, _FRAGMENT_SELECTOR = (OA.TextPositionSelector, OA.TextQuoteSelector,
                                                           OA.FragmentSelector)
_START, _END, _EXACT, _PREFIX, _SUFFIX = OA.start, OA.end, OA.exact, OA.prefix, OA.suffix
_LINE_START, _LINE_END = PG.lineStart, PG.lineEnd


def _short_label(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _text(value: str) -> Literal:
    return Literal(value)


@lru_cache(maxsize=65536)
def _int(value: int) -> Literal:
    # line numbers and offsets repeat; rdflib's Literal constructor is costly
    return Literal(value, datatype=XSD.integer)


class Triples(dict[tuple[URIRef, URIRef, Node], None]):
    """Triples in the order they were made, each once.

    Filling a plain dict costs a fraction of adding to an rdflib graph (which indexes
    every triple three ways, and per context in a Dataset); the triples go into rdflib
    only where rdflib is needed, and to Oxigraph as TriG or N-Quads.
    """

    __slots__ = ()

    def add(self, triple: tuple[URIRef, URIRef, Node]) -> None:
        self[triple] = None


class _PlanMapper:
    def __init__(self, ex: Extraction, doc: Document, source_labels: dict[str, str]) -> None:
        self.ex, self.doc = ex, doc
        self.slug = ex.plan.slug
        self.plan = mint("plan", self.slug)
        self.g = Triples()
        self.anchors: set[URIRef] = set()
        self.text = mint("text", self.slug)
        self.source_labels = source_labels
        self.org_printed: dict[URIRef, set[str]] = defaultdict(set)
        self.dataset = URIRef(f"{self.plan}/figures")
        self.publisher: URIRef | None = None
        self.services_used: set[Service] = set()

    # -- anchors -------------------------------------------------------------------
    def anchor(self, start: int, end: int) -> URIRef:
        g, doc = self.g, self.doc
        a = mint("anchor", doc.sha256, start, end)
        if a in self.anchors:
            return a
        self.anchors.add(a)
        span = doc.span(start, end)
        add = g.add
        # (the busiest function of the mapping: terms are module constants, not namespace lookups)
        add((a, _TYPE, _SPECIFIC_RESOURCE))
        add((a, _TYPE, _ENTITY))
        add((a, _HAS_SOURCE, self.text))
        add((a, _LINE_START, _int(span.line_start)))
        add((a, _LINE_END, _int(span.line_end)))
        position, quote, lines = URIRef(f"{a}/position"), URIRef(f"{a}/quote"), URIRef(f"{a}/lines")
        add((a, _HAS_SELECTOR, position))
        add((position, _TYPE, _POSITION_SELECTOR))
        add((position, _START, _int(start)))
        add((position, _END, _int(end)))
        add((a, _HAS_SELECTOR, quote))
        add((quote, _TYPE, _QUOTE_SELECTOR))
        text = doc.text
        add((quote, _EXACT, Literal(text[start:end])))
        add((quote, _PREFIX, Literal(text[max(0, start - _CONTEXT) : start])))
        add((quote, _SUFFIX, Literal(text[end : end + _CONTEXT])))
        add((a, _HAS_SELECTOR, lines))
        add((lines, _TYPE, _FRAGMENT_SELECTOR))
        add((lines, _CONFORMS_TO, RFC5147))
        add((lines, _VALUE, Literal(f"line={span.line_start - 1},{span.line_end}")))
        return a

    def located(self, node: URIRef, where: Fragment | Span) -> None:
        span = where.span if isinstance(where, Fragment) else where
        self.g.add((node, PROV.wasDerivedFrom, self.anchor(span.start, span.end)))

    # -- shared nodes ----------------------------------------------------------------
    def mention(self, owner: URIRef, target: URIRef, printed: str, span: Span, kind: str) -> None:
        m = mint("mention", self.doc.sha256, span.start, span.end, kind)
        g = self.g
        g.add((m, RDF.type, PG.Mention))
        g.add((m, RDF.type, PROV.Entity))
        g.add((m, PG.refersTo, target))
        g.add((m, PG.printedAs, _text(printed)))
        g.add((m, RDFS.label, _text(printed)))
        self.located(m, span)
        g.add((owner, PG.mention, m))
        self.located(target, span)

    def organisation(self, mention: Mention) -> URIRef:
        resolved = organisation(mention.name, self.slug)
        node = mint("organisation", resolved.canonical)
        g = self.g
        g.add((node, RDF.type, ORG.Organization))
        if resolved.kind in FORMAL:
            g.add((node, RDF.type, ORG.FormalOrganization))
        if resolved.kind in COLLABORATION:
            g.add((node, RDF.type, ORG.OrganizationalCollaboration))
        g.add((node, SKOS.prefLabel, _text(resolved.canonical)))
        g.add((node, PG.organisationKind, _text(resolved.kind)))
        if mention.name != resolved.canonical:
            g.add((node, SKOS.altLabel, _text(mention.name)))
        return node

    def person(self, mention: Mention) -> URIRef:
        name = person_name(mention.name)
        node = mint("person", name)
        self.g.add((node, RDF.type, FOAF.Person))
        self.g.add((node, FOAF.name, _text(name)))
        self.g.add((node, SKOS.prefLabel, _text(name)))
        if mention.printed != name:
            self.g.add((node, SKOS.altLabel, _text(mention.printed)))
        return node

    def leads(self, item: URIRef, lead: Lead) -> None:
        for m in lead.organisations:
            org = self.organisation(m)
            self.g.add((item, PG.leadOrganisation, org))
            self.mention(item, org, m.printed, m.span, "organisation")
        for m in lead.officers:
            person = self.person(m)
            self.g.add((item, PG.leadOfficer, person))
            self.mention(item, person, m.printed, m.span, "person")

    def memberships(self, cell: LeadCell) -> None:
        """Link a person to an organisation only where the cell leaves no doubt."""
        if cell.prose:
            return
        for entry in cell.entries:
            # one organisation and one officer: "Nottingham City CCG Helene Denness/Alicia
            # Rowley" names two officers, and the same pair is printed under the City Council
            # a row later, so that cell does not say who belongs where
            if len(entry.organisations) != 1 or len(entry.officers) != 1:
                continue
            resolved = organisation(entry.organisations[0].name, self.slug)
            if resolved.kind in ("ambiguous", "unknown"):
                continue
            org = mint("organisation", resolved.canonical)
            for officer in entry.officers:
                self.g.add((mint("person", person_name(officer.name)), ORG.memberOf, org))

    def text_mentions(self, owner: URIRef, fragment: Fragment | None) -> None:
        """Services and (known) organisations named in a text, each with its anchor."""
        if fragment is None:
            return
        self.service_mentions(owner, fragment)
        for name, start, end in find_organisations(fragment.text):
            piece = fragment.sub(start, end, self.doc.index)
            org = self.organisation(Mention(name, piece.text, piece.span))
            self.mention(owner, org, piece.text, piece.span, "organisation")

    def service_mentions(self, owner: URIRef, fragment: Fragment | None) -> None:
        if fragment is None:
            return
        for service, start, end in find_services(fragment.text):
            piece = fragment.sub(start, end, self.doc.index)
            node = mint("service", service.label)
            self.services_used.add(service)
            self.g.add((owner, PG.mentionsService, node))
            self.mention(owner, node, piece.text, piece.span, "service")

    def source_node(self, text: str, kind: str, printed: Fragment, *, title: str | None,
                    urls: Sequence[str], date: str | None, role: str | None) -> URIRef:
        key = source_key(text)
        node = mint("source", key)
        g = self.g
        g.add((node, RDF.type, PG.Source))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, RDF.type, _SOURCE_CLASS[kind]))
        label = self.source_labels.get(key, text)
        g.add((node, SKOS.prefLabel, _text(label)))
        if text != label:
            g.add((node, SKOS.altLabel, _text(text)))
        if title:
            g.add((node, DCTERMS.title, _text(title)))
        for url in urls:
            g.add((node, FOAF.page, URIRef(url)))
        if date:
            g.add((node, PG.dateAsPrinted, _text(date)))
        if role:
            g.add((node, PG.informant, _text(role)))
        self.located(node, printed)
        return node

    def source(self, activity: URIRef, citation: SourceCitation) -> URIRef:
        node = self.source_node(citation.text, citation.kind, citation.printed, title=citation.title,
                                urls=citation.urls, date=citation.date, role=citation.role)
        self.g.add((activity, PG.evidenceSource, node))
        self.text_mentions(node, citation.printed)
        return node

    # -- claims ----------------------------------------------------------------------
    def publisher_node(self) -> URIRef | None:
        """The plan's publisher (named by the manifest) as an organisation."""
        name = self.ex.plan.publisher
        if not name:
            return None
        mention = Mention(name, name, Span(self.doc.name, 1, 1, 0, 0))
        node = self.organisation(mention)
        at = self.doc.text.find(name)
        if at >= 0:  # the document prints its publisher's name: link to it
            self.located(node, self.doc.span(at, at + len(name)))
        return node

    def claims(self, report: URIRef, fragment: Fragment, about: Sequence[URIRef],
               attributed: Sequence[URIRef], sources: Sequence[URIRef]) -> None:
        """Split a progress text into claims, each anchored, attributed and cited."""
        g = self.g
        agents = list(attributed) or ([self.publisher] if self.publisher is not None else [])
        for claim in split_claims(fragment, self.doc):
            words = claim.fragment
            span = words.span
            node = mint("claim", self.doc.sha256, span.start, span.end)
            g.add((node, RDF.type, PG.Claim))
            g.add((node, RDF.type, PROV.Entity))
            g.add((node, RDF.value, _text(words.text)))
            g.add((node, RDFS.label, _text(_short_label(words.text))))
            g.add((node, DCTERMS.isPartOf, report))
            self.located(node, words)
            if claim.item:
                g.add((node, PG.itemNumber, _text(claim.item)))
            for target in about:
                g.add((node, PG.about, target))
            for agent in agents:
                g.add((node, PROV.wasAttributedTo, agent))
            for source in sources:
                g.add((node, PROV.hadPrimarySource, source))
            for citation in find_citations(words.text):
                piece = words.sub(citation.start, citation.end, self.doc.index)
                cited = self.source_node(citation.source, citation.kind, piece, title=None,
                                         urls=(), date=None, role=None)
                g.add((node, PROV.hadPrimarySource, cited))
            for k, figure in enumerate(find_figures(words.text), start=1):
                obs = self.observation(URIRef(f"{node}/figure/{k}"), words, figure)
                g.add((node, PG.observation, obs))

    def observation(self, node: URIRef, words: Fragment, figure: Figure) -> URIRef:
        g = self.g
        g.add((node, RDF.type, QB.Observation))
        g.add((node, QB.dataSet, self.dataset))
        g.add((node, SDMX_MEASURE.obsValue, Literal(figure.value, datatype=XSD.decimal)))
        g.add((node, PG.unit, _text(figure.unit)))
        g.add((node, PG.unitAsPrinted, _text(figure.unit_printed)))
        g.add((node, RDFS.label, _text(figure.printed)))
        if figure.unit in _QUDT:
            g.add((node, SDMX_ATTRIBUTE.unitMeasure, _QUDT[figure.unit]))
        if figure.area:
            g.add((node, PG.areaAsPrinted, _text(figure.area)))
            code = area_gss(figure.area)
            if code:
                g.add((node, URIRef("http://purl.org/linked-data/sdmx/2009/dimension#refArea"), GSS[code]))
        if figure.period:
            g.add((node, PG.periodAsPrinted, _text(figure.period)))
        if figure.end > figure.start:
            self.located(node, words.sub(figure.start, figure.end, self.doc.index))
        if figure.comparator is not None:
            g.add((node, PG.comparator, self.observation(URIRef(f"{node}/comparator"), words, figure.comparator)))
        return node

    # -- the plan --------------------------------------------------------------------
    def concept(self, node: URIRef, cls: URIRef, notation: str | None, label: str | None) -> None:
        g = self.g
        g.add((node, RDF.type, cls))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, self.plan))
        if notation:
            g.add((node, SKOS.notation, _text(notation)))
        if label:
            g.add((node, SKOS.prefLabel, _text(label)))

    def report(self, key: str, fragment: Fragment) -> URIRef:
        node = mint("report", self.slug, key)
        g = self.g
        g.add((node, RDF.type, PG.ProgressReport))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, RDF.value, _text(fragment.text)))
        words = fragment.text.split()
        g.add((node, RDFS.label, _text(" ".join(words[:10]) + (" …" if len(words) > 10 else ""))))
        g.add((node, DCTERMS.isPartOf, self.plan))
        self.located(node, fragment)
        self.text_mentions(node, fragment)
        return node

    def map(self) -> None:
        ex, doc, g, plan = self.ex, self.doc, self.g, self.plan
        for cls in (PG.Plan, SKOS.ConceptScheme, PROV.Plan, FOAF.Document):
            g.add((plan, RDF.type, cls))
        g.add((plan, DCTERMS.title, _text(ex.plan.title)))
        g.add((plan, SKOS.prefLabel, _text(ex.plan.title)))
        g.add((plan, PG.layout, _text(ex.plan.layout)))
        self.publisher = self.publisher_node()
        if self.publisher is not None:
            g.add((plan, DCTERMS.publisher, self.publisher))
        g.add((plan, PG.figures, self.dataset))
        g.add((self.dataset, RDF.type, QB.DataSet))
        g.add((self.dataset, RDFS.label, _text(f"Figures stated in {ex.plan.title}")))
        for prop, value in ((PG.area, ex.plan.area), (PG.period, ex.plan.period)):
            if value:
                g.add((plan, prop, _text(value)))
        g.add((plan, PG.text, self.text))
        g.add((self.text, RDF.type, PG.SourceText))
        g.add((self.text, RDF.type, PROV.Entity))
        g.add((self.text, PG.fileName, _text(doc.name)))
        g.add((self.text, PG.sha256, _text(doc.sha256)))
        g.add((self.text, RDF.value, _text(doc.text)))
        g.add((self.text, RDFS.label, _text(doc.name)))

        priorities: dict[str, URIRef] = {}
        for p in ex.priorities:
            node = mint("priority", self.slug, p.notation)
            priorities[p.notation] = node
            self.concept(node, PG.Priority, p.notation, p.title.text)
            g.add((node, SKOS.topConceptOf, plan))
            g.add((plan, SKOS.hasTopConcept, node))
            self.located(node, p.title)
        outcomes: dict[str, URIRef] = {}
        for o in ex.outcomes:
            node = mint("outcome", self.slug, o.key)
            outcomes[o.key] = node
            self.concept(node, PG.Outcome, o.code, o.title.text if o.title else None)
            if o.label_missing:
                g.add((node, PG.labelMissing, Literal(True)))
                g.add((node, RDFS.label, _text(MISSING_LABEL)))
            g.add((node, PG.priority, priorities[o.priority]))
            g.add((node, SKOS.broader, priorities[o.priority]))
            self.located(node, o.span)
        measures: dict[str, URIRef] = {}
        for m in ex.measures:
            node = mint("measure", self.slug, m.key)
            measures[m.key] = node
            self.concept(node, PG.PerformanceMeasure, m.numeral, m.text.text)
            g.add((node, PG.outcome, outcomes[m.outcome_key]))
            g.add((node, SKOS.broader, outcomes[m.outcome_key]))
            g.add((node, PG.priority, priorities[m.priority]))
            self.located(node, m.text)
            self.leads(node, m.lead)
            self.text_mentions(node, m.text)
        for r in ex.rows:
            raw = r.lead.raw
            for key in r.measure_keys:
                if raw is not None:
                    g.add((measures[key], PG.leadAsPrinted, _text(raw.text)))
            self.memberships(r.lead)
            if r.update is None:
                continue
            report = self.report(f"row-{r.index + 1}", r.update)
            for key in r.measure_keys:
                g.add((report, PG.reportsOn, measures[key]))
            about = [measures[key] for key in r.measure_keys]
            if r.plan_wide_label is not None:
                g.add((report, PG.appliesToAllOutcomes, Literal(True)))
                for entry in r.lead.entries:
                    self.leads(report, entry)
                if raw is not None:
                    g.add((report, PG.leadAsPrinted, _text(raw.text)))
                about = [plan]
            agents: dict[URIRef, None] = {}
            for entry in r.lead.entries:
                for org_mention in entry.organisations:
                    agents[self.organisation(org_mention)] = None
            self.claims(report, r.update, about, list(agents), ())
        for a in ex.activities:
            node = mint("activity", self.slug, a.key)
            self.concept(node, PG.KeyActivity, a.number, a.text.text)
            g.add((node, PG.priority, priorities[a.priority]))
            g.add((node, SKOS.broader, priorities[a.priority]))
            self.located(node, a.text)
            self.text_mentions(node, a.text)
            cited = [self.source(node, citation) for citation in a.sources]
            if a.evidence is not None:
                report = self.report(f"activity-{a.key.replace('/', '-')}", a.evidence)
                g.add((report, PG.reportsOn, node))
                self.claims(report, a.evidence, [node], (), cited)
        for service in sorted(self.services_used, key=lambda s: s.label):
            _service_triples(g, service, full=False)
        for thing, organisation in sorted(involved_organisations(g)):
            if isinstance(thing, URIRef):  # always: the mapping mints an IRI for everything
                g.add((thing, PG.involvedOrganisation, organisation))


def _service_triples(g: Triples, service: Service, *, full: bool) -> None:
    node = mint("service", service.label)
    g.add((node, RDF.type, PG.Service))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, SERVICES_SCHEME))
    g.add((node, SKOS.prefLabel, _text(service.label)))
    if full:
        for alt in service.alt_labels:
            g.add((node, SKOS.altLabel, _text(alt)))
        g.add((node, SKOS.definition, _text(service.definition)))
        g.add((node, SKOS.editorialNote, _text(f"Source: {service.source}")))
        g.add((node, SKOS.topConceptOf, SERVICES_SCHEME))


def source_printings(ex: Extraction) -> list[tuple[str, str]]:
    """(key, text as printed) of every evidence source ``ex`` cites, for ``source_labels``."""
    return [(source_key(s.text), s.text) for a in ex.activities for s in a.sources]


def source_labels(printings: Iterable[tuple[str, str]]) -> dict[str, str]:
    """One label per source across all plans: its most frequent printing."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for key, text in printings:
        counts[key][text] += 1
    return {key: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for key, c in counts.items()}


def check_slugs(slugs: Iterable[str]) -> None:
    """Raise ValueError when two documents would share a plan slug (and so a named graph)."""
    counts = Counter(slugs)
    duplicated = [s for s, n in counts.items() if n > 1]
    if duplicated:
        raise ValueError(f"two documents would share the plan slug {duplicated[0]!r}")


# what a node that an organisation leads or is named in stands for (see involved_organisations)
_INVOLVING = (PG.leadOrganisation, PG.mention, PG.refersTo, PG.reportsOn, PG.outcome,
              PG.mentionsService, PG.evidenceSource)
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
        if p == RDF.type:
            types[s].add(o)
        elif p in links:
            links[p][s].append(o)
    organisations = {node for node, kinds in types.items() if ORG.Organization in kinds}
    involved: dict[Node, set[Node]] = defaultdict(set)  # node -> the organisations in it
    for node, leads in links[PG.leadOrganisation].items():
        involved[node].update(o for o in leads if o in organisations)
    refers = links[PG.refersTo]
    for node, mentions in links[PG.mention].items():
        involved[node].update(o for m in mentions for o in refers.get(m, ()) if o in organisations)
    outcome, cites = links[PG.outcome], links[PG.evidenceSource]
    pairs: set[tuple[Node, Node]] = set()
    for node, orgs in involved.items():
        things: list[Node] = [node] if types.get(node, set()) & _THINGS_THEMSELVES else []
        for target in links[PG.reportsOn].get(node, ()):
            things += [target, *outcome.get(target, ()), *cites.get(target, ())]
        things += [*outcome.get(node, ()), *links[PG.mentionsService].get(node, ()), *cites.get(node, ())]
        pairs.update((thing, o) for thing in things for o in orgs)
    return pairs


def map_plan(doc: Document, ex: Extraction, labels: dict[str, str]) -> tuple[URIRef, Triples]:
    """The named graph of one plan: its IRI and its triples.

    ``labels`` are the sources' labels across every plan built together (``source_labels``).
    """
    mapper = _PlanMapper(ex, doc, labels)
    mapper.map()
    return mapper.plan, mapper.g


def services_triples() -> Triples:
    """The services vocabulary, for its own named graph ``SERVICES_GRAPH``."""
    vocabulary = Triples()
    vocabulary.add((SERVICES_SCHEME, RDF.type, SKOS.ConceptScheme))
    vocabulary.add((SERVICES_SCHEME, SKOS.prefLabel, _text("plangraph services and programmes")))
    for service in services():
        _service_triples(vocabulary, service, full=True)
    return vocabulary


def extractions_to_dataset(pairs: Sequence[tuple[Document, Extraction]]) -> Dataset:
    """Map each plan's records into its own named graph of one rdflib dataset."""
    ds = Dataset()
    for prefix, ns in NAMESPACES.items():
        ds.bind(prefix, ns)
    check_slugs(ex.plan.slug for _, ex in pairs)
    labels = source_labels(p for _, ex in pairs for p in source_printings(ex))
    for doc, ex in pairs:
        plan, triples = map_plan(doc, ex, labels)
        graph = ds.graph(plan)
        ds.addN((s, p, o, graph) for s, p, o in triples)
    graph = ds.graph(SERVICES_GRAPH)
    ds.addN((s, p, o, graph) for s, p, o in services_triples())
    return ds
