"""The evidence audit: which claims of each plan cite a source, and where they stand.

Built from the graph through SPARQL (on the embedded store or an rdflib Dataset), written
as one self-contained HTML page (no script, no network) or as CSV. Document text is
untrusted: every piece of it is escaped.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import pyoxigraph
from rdflib import Dataset

from plangraph.errors import ReadError
from plangraph.sparql import run_query, select_strings

__all__ = ["AuditClaim", "PlanAudit", "QUESTIONS", "collect_audit", "audit_to_html", "audit_to_csv"]

# The audit's questions, each small enough to join in Python: per plan, its title; per claim, its
# words and place, what it is about, its sources, its agencies and its figures; per item a claim
# is about, its number, title and priority. Each property is read by a subquery of its own,
# which Oxigraph evaluates once and joins by hashing (looking each claim up in turn grows with
# the number of claims times the plans), and labels are looked up once per plan and node.
_PREFIXES = """
PREFIX pg:   <https://w3id.org/plangraph/def/core#>
PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa:   <http://www.w3.org/ns/oa#>
"""
_PLANS = _PREFIXES + """
SELECT ?plan ?planLabel WHERE { GRAPH ?plan { ?plan a pg:Plan ; skos:prefLabel ?planLabel } }
"""
_CLAIMS = _PREFIXES + """
SELECT ?plan ?claim ?text ?file ?line ?start ?location
WHERE {
  { SELECT ?plan WHERE { GRAPH ?plan { ?plan a pg:Plan } } }
  { SELECT ?plan ?claim WHERE { GRAPH ?plan { ?claim a pg:Claim } } }
  { SELECT ?plan ?claim ?text WHERE { GRAPH ?plan { ?claim rdf:value ?text } } }
  { SELECT ?plan ?claim ?anchor WHERE { GRAPH ?plan { ?claim prov:wasDerivedFrom ?anchor } } }
  { SELECT ?plan ?anchor ?line WHERE { GRAPH ?plan { ?anchor pg:lineStart ?line } } }
  { SELECT ?plan ?anchor ?location WHERE { GRAPH ?plan { ?anchor pg:location ?location } } }
  { SELECT ?plan ?anchor ?document WHERE { GRAPH ?plan { ?anchor oa:hasSource ?document } } }
  { SELECT ?plan ?document ?file WHERE { GRAPH ?plan { ?document pg:fileName ?file } } }
  { SELECT ?plan ?anchor ?position WHERE { GRAPH ?plan { ?anchor oa:hasSelector ?position } } }
  { SELECT ?plan ?position ?start WHERE { GRAPH ?plan { ?position oa:start ?start } } }
}
"""
_ABOUT = _PREFIXES + """
SELECT ?claim ?item
WHERE {
  { SELECT ?plan ?claim WHERE { GRAPH ?plan { ?claim a pg:Claim } } }
  { SELECT ?plan ?claim ?item WHERE { GRAPH ?plan { ?claim pg:about ?item } } }
}
"""
_ITEMS = _PREFIXES + """
SELECT ?plan ?item ?itemLabel ?itemNotation ?priorityNotation ?priorityLabel
WHERE {
  { SELECT DISTINCT ?plan ?item WHERE { GRAPH ?plan { ?claim pg:about ?item } } }
  OPTIONAL { SELECT ?plan ?item ?itemLabel WHERE { GRAPH ?plan { ?item skos:prefLabel ?itemLabel } } }
  OPTIONAL { SELECT ?plan ?item ?itemNotation WHERE { GRAPH ?plan { ?item skos:notation ?itemNotation } } }
  OPTIONAL {
    SELECT ?plan ?item ?priorityNotation ?priorityLabel
    WHERE {
      { SELECT ?plan ?item ?priority WHERE { GRAPH ?plan { ?item pg:priority ?priority } } }
      {
        SELECT ?plan ?priority ?priorityNotation ?priorityLabel
        WHERE {
          { SELECT DISTINCT ?plan ?priority WHERE { GRAPH ?plan { ?under pg:priority ?priority } } }
          OPTIONAL { GRAPH ?plan { ?priority skos:notation ?priorityNotation } }
          OPTIONAL { GRAPH ?plan { ?priority skos:prefLabel ?priorityLabel } }
        }
      }
    }
  }
}
"""
_SOURCES = _PREFIXES + """
SELECT ?claim ?sourceLabel
WHERE {
  { SELECT ?plan ?claim WHERE { GRAPH ?plan { ?claim a pg:Claim } } }
  { SELECT ?plan ?claim ?source WHERE { GRAPH ?plan { ?claim prov:hadPrimarySource ?source } } }
  OPTIONAL {
    SELECT ?plan ?source ?sourceLabel
    WHERE {
      { SELECT DISTINCT ?plan ?source WHERE { GRAPH ?plan { ?citing prov:hadPrimarySource ?source } } }
      { SELECT ?plan ?source ?sourceLabel WHERE { GRAPH ?plan { ?source skos:prefLabel ?sourceLabel } } }
    }
  }
}
"""
_AGENTS = _PREFIXES + """
SELECT ?claim ?agentLabel
WHERE {
  { SELECT ?plan ?claim WHERE { GRAPH ?plan { ?claim a pg:Claim } } }
  { SELECT ?plan ?claim ?agent WHERE { GRAPH ?plan { ?claim prov:wasAttributedTo ?agent } } }
  {
    SELECT ?plan ?agent ?agentLabel
    WHERE {
      { SELECT DISTINCT ?plan ?agent WHERE { GRAPH ?plan { ?attributed prov:wasAttributedTo ?agent } } }
      { SELECT ?plan ?agent ?agentLabel WHERE { GRAPH ?plan { ?agent skos:prefLabel ?agentLabel } } }
    }
  }
}
"""
_FIGURES = _PREFIXES + """
SELECT ?claim ?figure ?figureLabel ?area ?comparatorLabel ?comparatorArea
WHERE {
  { SELECT ?plan ?claim WHERE { GRAPH ?plan { ?claim a pg:Claim } } }
  { SELECT ?plan ?claim ?figure WHERE { GRAPH ?plan { ?claim pg:observation ?figure } } }
  { SELECT ?plan ?figure ?figureLabel WHERE { GRAPH ?plan { ?figure rdfs:label ?figureLabel } } }
  OPTIONAL { SELECT ?plan ?figure ?area WHERE { GRAPH ?plan { ?figure pg:areaAsPrinted ?area } } }
  OPTIONAL {
    SELECT ?plan ?figure ?comparatorLabel ?comparatorArea
    WHERE {
      { SELECT ?plan ?figure ?comparator WHERE { GRAPH ?plan { ?figure pg:comparator ?comparator } } }
      { SELECT ?plan ?comparator ?comparatorLabel WHERE { GRAPH ?plan { ?comparator rdfs:label ?comparatorLabel } } }
      OPTIONAL { SELECT ?plan ?comparator ?comparatorArea WHERE { GRAPH ?plan { ?comparator pg:areaAsPrinted ?comparatorArea } } }
    }
  }
}
"""


# Every question the audit asks; each joins within one plan's named graph (GRAPH ?plan), so
# its rows are the union of its rows on each plan's graph alone (plangraph.publish.pages asks them so).
QUESTIONS = (_PLANS, _CLAIMS, _ITEMS, _ABOUT, _SOURCES, _AGENTS, _FIGURES)


@dataclass
class AuditClaim:
    claim: str
    text: str
    location: str
    line: int
    start: int
    item: str
    item_label: str
    priority: str
    priority_label: str
    sources: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    @property
    def cited(self) -> bool:
        return bool(self.sources)


@dataclass
class PlanAudit:
    plan: str
    title: str
    file: str
    claims: list[AuditClaim]
    top_sources: list[tuple[str, int]]

    @property
    def cited(self) -> int:
        return sum(c.cited for c in self.claims)

    @property
    def figures_unsourced(self) -> list[AuditClaim]:
        return [c for c in self.claims if c.figures and not c.cited]

    def by_priority(self) -> list[tuple[str, str, list[AuditClaim]]]:
        groups: dict[tuple[str, str], list[AuditClaim]] = defaultdict(list)
        for c in self.claims:
            groups[(c.priority, c.priority_label)].append(c)
        return [(p, label, groups[(p, label)]) for p, label in groups]


Row = dict[str, str | None]


def _s(row: Row, key: str) -> str:
    value = row.get(key)
    return "" if value is None else value


Ask = Callable[[str], tuple[list[str], list[tuple[str | None, ...]]]]


def _asker(store: pyoxigraph.Store | None, dataset: Dataset | None, ask: Ask | None) -> Callable[[str], list[Row]]:
    """SPARQL text -> rows of plain strings (an IRI's text, a literal's lexical form), on
    Oxigraph without making rdflib terms (at regional scale that costs more than the queries),
    on rdflib through ``run_query``, or through ``ask`` (its columns and rows, as
    ``queries.select_strings`` gives them)."""
    if ask is not None and store is None and dataset is None:
        def asked(text: str) -> list[Row]:
            columns, rows = ask(text)
            return [dict(zip(columns, row)) for row in rows]
        return asked
    if store is not None and dataset is None and ask is None:
        def on_store(text: str) -> list[Row]:
            try:
                columns, rows = select_strings(store, text)
            except (OSError, RuntimeError) as err:  # RuntimeError: Oxigraph's evaluation errors
                raise ReadError("evidence audit", None, f"the query failed on the store ({err})") from err
            return [dict(zip(columns, row)) for row in rows]
        return on_store

    if dataset is None or store is not None or ask is not None:
        raise TypeError("collect_audit needs exactly one of store=, dataset= or ask=")

    def on_dataset(text: str) -> list[Row]:
        return [{k: None if v is None else str(v) for k, v in row.items()}
                for row in run_query(text, store=store, dataset=dataset).rows]
    return on_dataset


def collect_audit(*, store: pyoxigraph.Store | None = None, dataset: Dataset | None = None,
                  ask: Ask | None = None) -> list[PlanAudit]:
    """Gather, per plan, its claims with their sources, agencies, figures and lines, from the
    graph in ``store`` or ``dataset``, or from the rows ``ask`` gives for each of ``QUESTIONS``.

    The audit is the same whatever order the rows come in.
    """
    run = _asker(store, dataset, ask)
    titles: dict[str, str] = {}
    for row in sorted(run(_PLANS), key=lambda r: (_s(r, "plan"), _s(r, "planLabel"))):
        titles.setdefault(_s(row, "plan"), _s(row, "planLabel"))
    claims: dict[str, AuditClaim] = {}
    plans: dict[str, tuple[str, str]] = {}
    claim_plan: dict[str, str] = {}
    for row in sorted(run(_CLAIMS), key=lambda r: (_s(r, "claim"), int(_s(r, "start") or 0), int(_s(r, "line") or 0),
                                                   _s(r, "file"), _s(r, "plan"), _s(r, "text"))):
        key, plan = _s(row, "claim"), _s(row, "plan")
        if key in claims or plan not in titles:
            continue  # the first of its places; a plan without a title has no audit
        file, line = _s(row, "file"), int(_s(row, "line") or 0)
        plans[plan] = (titles[plan], file)
        claim_plan[key] = plan
        claims[key] = AuditClaim(claim=key, text=_s(row, "text"), location=_s(row, "location") or f"{file}:{line}", line=line,
                                 start=int(_s(row, "start") or 0), item="", item_label="the whole plan",
                                 priority="", priority_label="Whole plan")
    # what each claim is about: (item, its number, its title), and the item's priority
    item_info: dict[tuple[str, str], list[tuple[str, str, str, str]]] = defaultdict(list)
    for row in run(_ITEMS):
        item_info[(_s(row, "plan"), _s(row, "item"))].append(
            (_s(row, "itemNotation"), _s(row, "itemLabel"), _s(row, "priorityNotation"), _s(row, "priorityLabel")))
    about: dict[str, set[tuple[str, str, str, str, str]]] = defaultdict(set)
    for row in run(_ABOUT):
        key = _s(row, "claim")
        if key in claims:
            item = _s(row, "item")
            about[key].update((item, *info) for info in item_info.get((claim_plan[key], item), [("", "", "", "")]))
    for row in run(_SOURCES):
        claim = claims.get(_s(row, "claim"))
        label = _s(row, "sourceLabel")
        if claim is not None and label not in claim.sources:
            claim.sources.append(label)
    for row in run(_AGENTS):
        claim = claims.get(_s(row, "claim"))
        if claim is not None and _s(row, "agentLabel") not in claim.agents:
            claim.agents.append(_s(row, "agentLabel"))
    for row in sorted(run(_FIGURES), key=lambda r: tuple(_s(r, k) for k in (
            "figure", "figureLabel", "area", "comparatorLabel", "comparatorArea", "claim"))):
        claim = claims.get(_s(row, "claim"))
        if claim is not None:
            shown = _s(row, "figureLabel") + (f" ({_s(row, 'area')})" if row.get("area") else "")
            if row.get("comparatorLabel"):
                where = f" ({_s(row, 'comparatorArea')})" if row.get("comparatorArea") else ""
                shown += f" vs {_s(row, 'comparatorLabel')}{where}"
            claim.figures.append(shown)
    by_plan: dict[str, list[AuditClaim]] = defaultdict(list)
    for key, claim in claims.items():  # engines return rows in different orders
        claim.sources.sort()
        claim.agents.sort()
        items = sorted(about[key])
        if items:
            _, notation, label, priority, priority_label = items[0]
            claim.item, claim.item_label = notation, label or "the whole plan"
            claim.priority, claim.priority_label = priority, priority_label or "Whole plan"
        if len({(item, notation, label) for item, notation, label, _, _ in items}) > 1:
            named = sorted({(item, notation, label) for item, notation, label, _, _ in items})
            claim.item = ", ".join(n for _, n, _ in named)
            claim.item_label = "; ".join(label for _, _, label in named)
        by_plan[claim_plan[key]].append(claim)
    audits = []
    for plan, (title, file) in sorted(plans.items(), key=lambda kv: (kv[1][1], kv[0])):
        mine = sorted(by_plan[plan], key=lambda c: (c.start, c.claim))
        usage = Counter(s for c in mine for s in c.sources)
        audits.append(PlanAudit(plan, title, file, mine, usage.most_common(10)))
    return audits


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "–"


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
header{background:#1d3557;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85}main{padding:8px 28px 40px;max-width:1200px}
section.plan{background:#fff;border:1px solid #d9dde3;border-radius:6px;margin:22px 0;padding:6px 22px 18px}
h2{font-size:19px;margin:14px 0 4px}h3{font-size:16px;margin:20px 0 6px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.card{border:1px solid #d9dde3;border-radius:6px;padding:10px 14px;min-width:150px;background:#fbfcfd}
.card b{display:block;font-size:24px}.card.bad b{color:#b00020}.card.good b{color:#1b7f3b}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}th,td{border-bottom:1px solid #e3e6ea;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f5;font-size:13px}td.n{text-align:right;white-space:nowrap}
.loc{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:nowrap;color:#444}
.none{color:#b00020;font-weight:600}.fig{display:inline-block;margin:1px 0;background:#fff3cd;border-radius:3px;padding:0 3px}
table.fixed{table-layout:fixed}table.fixed col.claim{width:44%}table.fixed col.figs{width:22%}
table.fixed col.about{width:20%}table.fixed col.where{width:14%}.loc{white-space:normal;word-break:break-all}
details{margin:6px 0}summary{cursor:pointer;font-weight:600}.muted{color:#666}
"""


def audit_to_html(audits: list[PlanAudit]) -> str:
    """The audit as one self-contained HTML page (inline style, no script, no network)."""
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>Evidence audit — plangraph</title>", f"<style>{_CSS}</style></head><body>",
           "<header><h1>Evidence audit</h1><p>Which claims of each plan cite a source, and where "
           "each claim stands in the document.</p></header><main>"]
    for a in audits:
        total, cited = len(a.claims), a.cited
        unsourced_figs = a.figures_unsourced
        out.append(f'<section class="plan"><h2>{escape(a.title)}</h2>'
                   f'<p class="muted">{escape(a.file)}</p><div class="cards">'
                   f'<div class="card"><b>{total}</b>claims</div>'
                   f'<div class="card {"good" if cited == total else "bad"}"><b>{cited}</b>cite a source ({_pct(cited, total)})</div>'
                   f'<div class="card {"bad" if total - cited else "good"}"><b>{total - cited}</b>cite no source</div>'
                   f'<div class="card {"bad" if unsourced_figs else "good"}"><b>{len(unsourced_figs)}</b>figures with no source</div>'
                   "</div>")
        out.append("<h3>Claims that state a figure but cite no source</h3>")
        if unsourced_figs:
            out.append('<table class="fixed"><colgroup><col class="claim"><col class="figs">'
                       '<col class="about"><col class="where"></colgroup>'
                       "<tr><th>Claim</th><th>Figures</th><th>About</th><th>Where</th></tr>")
            for c in unsourced_figs:
                figs = "<br>".join(f'<span class="fig">{escape(f)}</span>' for f in c.figures)
                out.append(f"<tr><td>{escape(c.text)}</td><td>{figs}</td>"
                           f"<td>{escape(_about(c))}</td><td class=loc>{escape(c.location)}</td></tr>")
            out.append("</table>")
        else:
            out.append("<p>None: every claim with a figure cites a source.</p>")
        out.append("<h3>By priority</h3><table><tr><th>Priority</th><th>Claims</th>"
                   "<th>Cite a source</th><th>Share</th></tr>")
        for notation, label, group in a.by_priority():
            n_cited = sum(c.cited for c in group)
            name = f"{notation}. {label}" if notation else label
            out.append(f"<tr><td>{escape(name)}</td><td class=n>{len(group)}</td>"
                       f"<td class=n>{n_cited}</td><td class=n>{_pct(n_cited, len(group))}</td></tr>")
        out.append("</table><h3>Sources most relied on</h3>")
        if a.top_sources:
            out.append("<table><tr><th>Source</th><th>Claims</th></tr>")
            for source, count in a.top_sources:
                out.append(f"<tr><td>{escape(source)}</td><td class=n>{count}</td></tr>")
            out.append("</table>")
        else:
            out.append('<p class="none">This plan cites no source for any claim.</p>')
        out.append("<h3>Every claim</h3>")
        for notation, label, group in a.by_priority():
            name = f"Priority {notation}. {label}" if notation else label
            out.append(f"<details><summary>{escape(name)} — {len(group)} claims, "
                       f"{sum(c.cited for c in group)} cite a source</summary>"
                       '<table class="fixed"><colgroup><col class="claim"><col class="figs">'
                       '<col class="about"><col class="where"></colgroup>'
                       "<tr><th>Claim</th><th>Sources</th><th>Reported by</th><th>Where</th></tr>")
            for c in group:
                sources = ("<br>".join(escape(s) for s in c.sources) if c.sources
                           else '<span class="none">no source</span>')
                out.append(f"<tr><td>{escape(c.text)}<div class=muted>{escape(_about(c))}</div></td>"
                           f"<td>{sources}</td><td>{escape(', '.join(c.agents))}</td>"
                           f"<td class=loc>{escape(c.location)}</td></tr>")
            out.append("</table></details>")
        out.append("</section>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _about(c: AuditClaim) -> str:
    return f"{c.item}) {c.item_label}" if c.item else c.item_label


def audit_to_csv(audits: list[PlanAudit]) -> str:
    """One row per claim: plan, priority, item, claim, location, figures, sources, agencies."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["plan", "file", "priority", "item", "itemLabel", "claim", "location",
                     "figures", "citesASource", "sources", "reportedBy"])
    for a in audits:
        for c in a.claims:
            writer.writerow([a.title, a.file, c.priority, c.item, c.item_label, c.text, c.location,
                             "; ".join(c.figures), "yes" if c.cited else "no", "; ".join(c.sources),
                             "; ".join(c.agents)])
    return buffer.getvalue()
