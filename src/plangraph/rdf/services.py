"""Services vocabulary terms: the full vocabulary for its own named graph, and the short
form of each service a plan names for that plan's graph."""

from __future__ import annotations

from rdflib import RDF
from rdflib.namespace import SKOS

from plangraph.analysis.services import Service, services
from plangraph.rdf.iris import mint
from plangraph.rdf.triples import Triples, text_literal
from plangraph.rdf.vocab import PG

__all__ = ["SERVICES_GRAPH", "SERVICES_SCHEME", "add_service", "services_triples"]

SERVICES_GRAPH = mint("graph", "services")
SERVICES_SCHEME = mint("scheme", "services")


def add_service(g: Triples, service: Service, *, full: bool) -> None:
    """A service's concept: type, scheme and label, and with ``full`` its other labels,
    definition and source."""
    node = mint("service", service.label)
    g.add((node, RDF.type, PG.Service))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, SERVICES_SCHEME))
    g.add((node, SKOS.prefLabel, text_literal(service.label)))
    if full:
        for alt in service.alt_labels:
            g.add((node, SKOS.altLabel, text_literal(alt)))
        g.add((node, SKOS.definition, text_literal(service.definition)))
        g.add((node, SKOS.editorialNote, text_literal(f"Source: {service.source}")))
        g.add((node, SKOS.topConceptOf, SERVICES_SCHEME))


def services_triples() -> Triples:
    """The services vocabulary, for its own named graph ``SERVICES_GRAPH``."""
    vocabulary = Triples()
    vocabulary.add((SERVICES_SCHEME, RDF.type, SKOS.ConceptScheme))
    vocabulary.add((SERVICES_SCHEME, SKOS.prefLabel, text_literal("plangraph services and programmes")))
    for service in services():
        add_service(vocabulary, service, full=True)
    return vocabulary
