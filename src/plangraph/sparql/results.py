"""Writing a query's rows: the W3C SPARQL 1.1 Query Results CSV, TSV and JSON formats, or rows
of strings for a table to read."""

from __future__ import annotations

import csv
import io
import json
import re

from rdflib import XSD, BNode, URIRef

from plangraph.rdf.iris import ID, PG
from plangraph.sparql.engine import QueryResult
from plangraph.sparql.terms import Term, to_oxigraph

__all__ = ["result_to_csv", "result_to_tsv", "result_to_json", "result_to_table"]

_SHORT = ((ID, "id:"), (PG, "pg:"))
_PLAN_PART = re.compile(rf"^{re.escape(ID)}plan/([^/]+)(?:/[a-z]+/(.+))?$")


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def result_to_csv(result: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results CSV format (header of names, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_csv_value(row.get(c)) for c in result.columns])
    return out.getvalue()


def _tsv_value(term: Term | None) -> str:
    if term is None:
        return ""
    # Oxigraph writes each term in N-Triples syntax, escaping tabs and line breaks as TSV needs.
    return str(to_oxigraph(term))


def result_to_tsv(result: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results TSV format (``?name`` header, terms in SPARQL syntax)."""
    lines = ["\t".join(f"?{c}" for c in result.columns)]
    lines += ["\t".join(_tsv_value(row.get(c)) for c in result.columns) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value: dict[str, str] = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value


def result_to_json(result: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results JSON format; unbound variables are left out."""
    bindings = [{c: _json_term(t) for c in result.columns if (t := row.get(c)) is not None}
                for row in result.rows]
    data = {"head": {"vars": result.columns}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _short(term: Term | None) -> str:
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        # A plan's own nodes read best as the plan's slug, or the key within it
        # ("1", "1a", "1a/iv"): the table sits beside the plan's printed notation.
        match = _PLAN_PART.match(text)
        if match:
            return match.group(2) or match.group(1)
        for namespace, prefix in _SHORT:
            if text.startswith(namespace):
                return prefix + text[len(namespace):]
    return text


def result_to_table(result: QueryResult) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of strings for reading: a column ``X`` with a ``XLabel`` column shows
    the label (or the IRI when there is none) and the label column is dropped; plangraph IRIs
    are shortened to ``id:`` and ``pg:``."""
    labelled = {c: f"{c}Label" for c in result.columns if f"{c}Label" in result.columns}
    shown = [c for c in result.columns if c not in labelled.values()]
    rows = []
    for row in result.rows:
        cells = []
        for c in shown:
            label = row.get(labelled[c]) if c in labelled else None
            cells.append(str(label) if label is not None else _short(row.get(c)))
        rows.append(cells)
    return shown, rows
