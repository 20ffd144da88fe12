"""Records as plain data, for JSON: every text with its location."""

from __future__ import annotations

from typing import Any

from plangraph.model.items import Item, LeadRef
from plangraph.model.records import (
    Activity,
    ActionRow,
    Extraction,
    Fragment,
    Lead,
    LeadCell,
    Measure,
    Mention,
    Note,
    Outcome,
    SourceCitation,
)

__all__ = ["extraction_to_dict"]


def _frag(fragment: Fragment | None) -> dict[str, Any] | None:
    if fragment is None:
        return None
    span = fragment.span
    return {
        "text": fragment.text,
        "location": span.location,
        "lines": [span.line_start, span.line_end],
        "start": span.start,
        "end": span.end,
        "parts": [{"line": p.line_start, "start": p.start, "end": p.end} for p in fragment.parts],
    }


def _mention(m: Mention) -> dict[str, Any]:
    return {"name": m.name, "printed": m.printed, "location": m.span.location,
            "start": m.span.start, "end": m.span.end}


def _lead(lead: Lead) -> dict[str, Any]:
    return {
        "organisations": [_mention(m) for m in lead.organisations],
        "officers": [_mention(m) for m in lead.officers],
        "organisation_inherited": lead.organisation_inherited,
    }


def _lead_cell(cell: LeadCell) -> dict[str, Any]:
    return {"raw": _frag(cell.raw), "prose": cell.prose, "entries": [_lead(e) for e in cell.entries]}


def _outcome(o: Outcome) -> dict[str, Any]:
    return {
        "key": o.key, "priority": o.priority, "code": o.code, "printed_code": o.printed_code,
        "title": _frag(o.title), "label_missing": o.label_missing, "location": o.span.location,
        "lines": [o.span.line_start, o.span.line_end],
    }


def _measure(m: Measure) -> dict[str, Any]:
    return {
        "key": m.key, "priority": m.priority, "outcome": m.outcome_key, "outcome_code": m.outcome_code,
        "numeral": m.numeral, "printed_numeral": m.printed_numeral, "text": _frag(m.text),
        "row": m.row, "lead": _lead(m.lead), "stacked_lead": m.stacked_lead,
    }


def _row(r: ActionRow) -> dict[str, Any]:
    return {
        "index": r.index, "priority": r.priority, "outcome": r.outcome_key,
        "measures": list(r.measure_keys), "update": _frag(r.update), "lead_cell": _lead_cell(r.lead),
        "location": r.span.location, "plan_wide_label": _frag(r.plan_wide_label),
        "measure_cell": _frag(r.measure_cell),
    }


def _source(s: SourceCitation) -> dict[str, Any]:
    return {"printed": _frag(s.printed), "text": s.text, "title": s.title, "urls": list(s.urls),
            "kind": s.kind, "role": s.role, "date": s.date}


def _activity(a: Activity) -> dict[str, Any]:
    return {
        "key": a.key, "priority": a.priority, "number": a.number, "text": _frag(a.text),
        "source_cell": _frag(a.source_cell), "sources": [_source(s) for s in a.sources],
        "evidence": _frag(a.evidence), "cut_words": [_mention(m) for m in a.cut_words],
    }


def _note(n: Note) -> dict[str, Any]:
    return {"code": n.code, "message": n.message, "location": n.span.location,
            "start": n.span.start, "end": n.span.end}


def extraction_to_dict(ex: Extraction) -> dict[str, Any]:
    """Everything read from one document, as JSON-ready data.

    Offsets (``start``, ``end``) are 0-based code points into the file's text, ``end``
    excluded; lines are 1-based.
    """
    p = ex.plan
    data: dict[str, Any] = {
        "plan": {"file": p.file, "slug": p.slug, "layout": p.layout, "title": p.title,
                 "publisher": p.publisher, "area": p.area, "period": p.period,
                 "sha256": p.sha256, "characters": p.characters, "lines": p.lines},
        "priorities": [{"notation": pr.notation, "title": _frag(pr.title)} for pr in ex.priorities],
    }
    if ex.items or ex.headings or ex.code_key:
        data["headings"] = [{"key": h.key, "level": h.level, "text": _frag(h.text), "parent": h.parent}
                            for h in ex.headings]
        data["preambles"] = [{"key": pr.key, "headings": list(pr.headings), "text": _frag(pr.text)}
                             for pr in ex.preambles]
        data["code_key"] = [{"code": c.code, "title": _frag(c.title)} for c in ex.code_key]
        data["items"] = [_item(i) for i in ex.items]
    elif ex.outcomes or ex.measures or ex.rows or (not ex.activities and p.layout == "action-plan"):
        data["outcomes"] = [_outcome(o) for o in ex.outcomes]
        data["measures"] = [_measure(m) for m in ex.measures]
        data["rows"] = [_row(r) for r in ex.rows]
    else:
        data["activities"] = [_activity(a) for a in ex.activities]
    data["notes"] = [_note(n) for n in ex.notes]
    return data


def _lead_ref(lead: LeadRef) -> dict[str, Any]:
    return {"name": lead.name, "printed": lead.printed, "kind": lead.kind, "expansion": lead.expansion,
            "location": lead.span.location, "start": lead.span.start, "end": lead.span.end}


def _item(i: Item) -> dict[str, Any]:
    return {
        "key": i.key, "kind": i.kind, "priority": i.priority, "headings": list(i.headings),
        "number": i.number, "text": _frag(i.text), "description": _frag(i.description), "leads": [_lead_ref(x) for x in i.leads],
        "lead_cell": _frag(i.lead_cell), "partners": [_lead_ref(x) for x in i.partners],
        "timescale": _frag(i.timescale), "due": i.due, "measures": [_frag(m) for m in i.measures],
        "status": _frag(i.status), "rag": i.rag, "progress": _frag(i.progress),
        "codes": [{"code": c.code, "printed": c.printed, "repaired": c.repaired, "location": c.span.location}
                  for c in i.codes],
        "location": i.span.location,
    }
