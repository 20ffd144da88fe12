"""What the mapping of one plan shares between node kinds: its records, its document, the
IRIs other nodes link to, and the triples made so far."""

from __future__ import annotations

from rdflib import URIRef

from plangraph.analysis.services import Service
from plangraph.ingest.document import Document
from plangraph.model.records import Extraction
from plangraph.rdf.iris import mint
from plangraph.rdf.triples import Triples

__all__ = ["PlanContext"]


class PlanContext:
    """One plan being mapped into its named graph.

    Attributes
    ----------
    ex, doc : Extraction, Document
        The plan's records and the document they were read from.
    slug, plan : str, URIRef
        The plan's slug and IRI (the name of its graph).
    g : Triples
        The graph's triples so far.
    anchors : set of URIRef
        The anchors already in ``g`` (each is made once).
    text, dataset : URIRef
        The plan's source text and the data set of the figures it states.
    source_labels : dict
        Each source's label across every plan built together (``source_labels``).
    publisher : URIRef or None
        The plan's publisher, once mapped; claims no one else is named for are attributed to it.
    services_used : set of Service
        The services the plan names, whose terms its graph carries.
    labelled : set of URIRef
        The posts and teams labelled so far (a name printed two ways gives one label).
    """

    def __init__(self, ex: Extraction, doc: Document, source_labels: dict[str, str]) -> None:
        self.ex, self.doc = ex, doc
        self.slug = ex.plan.slug
        self.plan = mint("plan", self.slug)
        self.g = Triples()
        self.anchors: set[URIRef] = set()
        self.text = mint("text", self.slug)
        self.source_labels = source_labels
        self.dataset = URIRef(f"{self.plan}/figures")
        self.publisher: URIRef | None = None
        self.services_used: set[Service] = set()
        self.labelled: set[URIRef] = set()  # posts and teams labelled (by the first printing)
