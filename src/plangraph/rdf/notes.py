"""The reader's notes in the graph: each a located pg:ReadingNote, so that what the reader
repaired, doubted or could not read stays beside what it read (validation reports the last)."""

from __future__ import annotations

from rdflib import RDF, RDFS
from rdflib.namespace import DCTERMS, PROV

from plangraph.rdf.anchors import located
from plangraph.rdf.context import PlanContext
from plangraph.rdf.iris import mint
from plangraph.rdf.triples import text_literal
from plangraph.rdf.vocab import PG

__all__ = ["add_notes"]


def add_notes(ctx: PlanContext) -> None:
    """Every note of the plan's reading, with its code, its message and where it stands."""
    g = ctx.g
    for k, note in enumerate(ctx.ex.notes, start=1):
        node = mint("note", ctx.slug, str(k))
        g.add((node, RDF.type, PG.ReadingNote))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, PG.noteCode, text_literal(note.code)))
        g.add((node, RDFS.comment, text_literal(note.message)))
        # labelled by what it is about (the text quoted at its end), which a report shows first
        about = note.message.rsplit(": ", 1)[-1]
        g.add((node, RDFS.label, text_literal(f"{about} ({note.code})")))
        g.add((node, DCTERMS.isPartOf, ctx.plan))
        located(ctx, node, note.span)
