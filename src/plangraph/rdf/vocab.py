"""Namespaces, with the pg: terms as a closed namespace: a misspelt term raises."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from plangraph.rdf import iris

__all__ = ["PG", "OA", "ORG", "QB", "SDMX_DIMENSION", "SDMX_MEASURE", "SDMX_ATTRIBUTE", "UNIT",
           "CURRENCY", "GSS", "NAMESPACES"]

OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIMENSION = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTRIBUTE = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CURRENCY = Namespace("http://qudt.org/vocab/currency/")
GSS = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")


class PG(DefinedNamespace):
    """The plangraph core terms (ontology/plangraph.ttl)."""

    _NS = Namespace(iris.PG)
    _fail = True

    Plan: URIRef
    Priority: URIRef
    Outcome: URIRef
    PerformanceMeasure: URIRef
    KeyActivity: URIRef
    ProgressReport: URIRef
    Mention: URIRef
    Service: URIRef
    Source: URIRef
    SourceDocument: URIRef
    WebPage: URIRef
    PersonalCommunication: URIRef
    SourceText: URIRef
    priority: URIRef
    outcome: URIRef
    labelMissing: URIRef
    appliesToAllOutcomes: URIRef
    reportsOn: URIRef
    lead: URIRef
    leadOrganisation: URIRef
    leadOfficer: URIRef
    leadAsPrinted: URIRef
    mention: URIRef
    refersTo: URIRef
    printedAs: URIRef
    mentionsService: URIRef
    involvedOrganisation: URIRef
    evidenceSource: URIRef
    informant: URIRef
    dateAsPrinted: URIRef
    text: URIRef
    fileName: URIRef
    sha256: URIRef
    layout: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    location: URIRef
    area: URIRef
    period: URIRef
    organisationKind: URIRef
    Claim: URIRef
    about: URIRef
    itemNumber: URIRef
    observation: URIRef
    comparator: URIRef
    unitAsPrinted: URIRef
    unit: URIRef
    areaAsPrinted: URIRef
    periodAsPrinted: URIRef
    figures: URIRef
    # the items reader's records
    Action: URIRef
    Commitment: URIRef
    Indicator: URIRef
    Heading: URIRef
    Preamble: URIRef
    Status: URIRef
    level: URIRef
    heading: URIRef
    leadPost: URIRef
    leadTeam: URIRef
    partner: URIRef
    timescale: URIRef
    due: URIRef
    measureText: URIRef
    status: URIRef
    statusAsPrinted: URIRef
    contributesTo: URIRef
    expansion: URIRef
    leadKind: URIRef
    partnerAsPrinted: URIRef
    ReadingNote: URIRef
    baseline: URIRef
    target: URIRef
    noteCode: URIRef
    documentOrder: URIRef


NAMESPACES = {
    "pg": iris.PG,
    "id": iris.ID,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "unit": "http://qudt.org/vocab/unit/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
