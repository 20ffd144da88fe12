"""Web Annotation anchors: where in the document a node was read, and the
``prov:wasDerivedFrom`` link from the node to it."""

from __future__ import annotations

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from plangraph.model.records import Fragment, Span
from plangraph.rdf.context import PlanContext
from plangraph.rdf.iris import mint
from plangraph.rdf.triples import int_literal
from plangraph.rdf.vocab import OA, PG

__all__ = ["anchor", "located"]

RFC8118 = URIRef("http://tools.ietf.org/rfc/rfc8118")  # application/pdf fragments: page=n&viewrect=
RFC7111 = URIRef("http://tools.ietf.org/rfc/rfc7111")  # text/csv fragments: row=n
_CONTEXT = 32  # characters of text quoted before and after an anchor

_TYPE, _VALUE, _CONFORMS_TO = RDF.type, RDF.value, DCTERMS.conformsTo
_SPECIFIC_RESOURCE, _HAS_SOURCE, _HAS_SELECTOR = OA.SpecificResource, OA.hasSource, OA.hasSelector
_POSITION_SELECTOR, _QUOTE_SELECTOR, _FRAGMENT_SELECTOR = (OA.TextPositionSelector, OA.TextQuoteSelector,
                                                           OA.FragmentSelector)
_START, _END, _EXACT, _PREFIX, _SUFFIX = OA.start, OA.end, OA.exact, OA.prefix, OA.suffix
_LINE_START, _LINE_END, _LOCATION = PG.lineStart, PG.lineEnd, PG.location


def anchor(ctx: PlanContext, start: int, end: int) -> URIRef:
    """The anchor of code points ``start`` to ``end`` of the plan's text, made once."""
    g, doc = ctx.g, ctx.doc
    a = mint("anchor", doc.sha256, start, end)
    if a in ctx.anchors:
        return a
    ctx.anchors.add(a)
    span = doc.span(start, end)
    add = g.add
    # (the busiest function of the mapping: terms are module constants, not namespace lookups)
    add((a, _TYPE, _SPECIFIC_RESOURCE))
    add((a, _HAS_SOURCE, ctx.text))
    add((a, _LINE_START, int_literal(span.line_start)))
    add((a, _LINE_END, int_literal(span.line_end)))
    # Two selectors: the offsets and the words. The lines are pg:lineStart and pg:lineEnd above
    # (an RFC 5147 "line=" fragment selector would say them again: four more triples an anchor,
    # and anchors are most of the graph).
    position, quote = URIRef(f"{a}/position"), URIRef(f"{a}/quote")
    add((a, _HAS_SELECTOR, position))
    add((position, _TYPE, _POSITION_SELECTOR))
    add((position, _START, int_literal(start)))
    add((position, _END, int_literal(end)))
    add((a, _HAS_SELECTOR, quote))
    add((quote, _TYPE, _QUOTE_SELECTOR))
    text = doc.text
    add((quote, _EXACT, Literal(text[start:end])))
    add((quote, _PREFIX, Literal(text[max(0, start - _CONTEXT) : start])))
    add((quote, _SUFFIX, Literal(text[end : end + _CONTEXT])))
    add((a, _LOCATION, Literal(span.location)))
    if span.where:
        _place_selector(ctx, a, span)
    return a


def _place_selector(ctx: PlanContext, a: URIRef, span: Span) -> None:
    """The place in the file itself: a PDF's page and box (RFC 8118), a CSV file's rows (RFC 7111)."""
    first = span.where[0]
    if first.kind == "pdf" and first.page is not None:
        boxes = [loc.box for loc in span.where if loc.page == first.page and loc.box]
        value = f"page={first.page}"
        if boxes:
            left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
            right, bottom = max(b[2] for b in boxes), max(b[3] for b in boxes)
            value += f"&viewrect={left:.0f},{top:.0f},{right - left:.0f},{bottom - top:.0f}"
        conforms = RFC8118
    elif first.kind == "csv" and first.row is not None:
        rows = sorted({loc.row for loc in span.where if loc.row is not None})
        value = f"row={rows[0]}" if len(rows) == 1 else f"row={rows[0]}-{rows[-1]}"
        conforms = RFC7111
    else:
        return
    place = URIRef(f"{a}/place")
    g = ctx.g
    g.add((a, _HAS_SELECTOR, place))
    g.add((place, _TYPE, _FRAGMENT_SELECTOR))
    g.add((place, _CONFORMS_TO, conforms))
    g.add((place, _VALUE, Literal(value)))


def located(ctx: PlanContext, node: URIRef, where: Fragment | Span) -> None:
    """``node`` was read at ``where``."""
    span = where.span if isinstance(where, Fragment) else where
    ctx.g.add((node, PROV.wasDerivedFrom, anchor(ctx, span.start, span.end)))
