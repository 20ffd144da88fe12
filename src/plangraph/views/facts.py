"""What the views know of the RDF graph: the rows of the views' SPARQL queries, indexed.

Every view is made from these rows, never from the readers' records, so a view shows
what the graph says (after resolution: one node per real organisation). The queries are
the ``queries/*.rq`` files beside this module; each runs once, when a view first needs it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Literal

from ..queries import Term

__all__ = ["Ask", "Facts", "NodeInfo", "Quote", "view_query"]

QUERIES = Path(__file__).resolve().parent / "queries"
PG = "https://w3id.org/plangraph/def/core#"
Row = dict[str, Term | None]
Ask = Callable[[str], list[Row]]  # SPARQL text -> rows

_KIND_OF_TYPE = {
    f"{PG}Plan": "plan", f"{PG}Priority": "priority", f"{PG}Outcome": "outcome",
    f"{PG}PerformanceMeasure": "measure", f"{PG}KeyActivity": "activity",
    "http://www.w3.org/ns/org#Organization": "organisation",
    "http://xmlns.com/foaf/0.1/Person": "person", f"{PG}Service": "service",
    f"{PG}Source": "source", f"{PG}ProgressReport": "report", f"{PG}Claim": "claim",
}


def view_query(name: str) -> str:
    """The text of the view query ``name`` (``queries/NAME.rq`` beside this module)."""
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def _s(term: Term | None) -> str:
    return "" if term is None else str(term)


@dataclass(frozen=True)
class Quote:
    file: str
    line_start: int
    line_end: int
    start: int
    text: str

    @property
    def where(self) -> str:
        lines = str(self.line_start) if self.line_start == self.line_end else f"{self.line_start}-{self.line_end}"
        return f"{self.file}:{lines}"


@dataclass
class NodeInfo:
    iri: str
    kind: str
    label: str
    notation: str
    plans: list[str]  # plan IRIs, in plan order


class Facts:
    """The rows a view needs, asked once each through ``ask``."""

    def __init__(self, ask: Ask) -> None:
        self._ask = ask

    def rows(self, name: str) -> list[Row]:
        return self._ask(view_query(name))

    @cached_property
    def plans(self) -> dict[str, tuple[str, str]]:
        """plan IRI -> (slug, short name such as "Nottingham 2016-2020"), in IRI order."""
        out = {}
        for row in self.rows("plans"):
            iri = _s(row["plan"])
            area, period, title = _s(row.get("area")), _s(row.get("period")), _s(row.get("title"))
            from .model import shorten

            short = f"{area} {period}".strip() if area else shorten(title or iri.rsplit("/", 1)[-1], 32)
            out[iri] = (iri.rstrip("/").rsplit("/", 1)[-1], short)
        return dict(sorted(out.items()))

    @cached_property
    def nodes(self) -> dict[str, NodeInfo]:
        order = {iri: i for i, iri in enumerate(self.plans)}
        found: dict[str, NodeInfo] = {}
        for row in self.rows("nodes"):
            iri, kind = _s(row["node"]), _KIND_OF_TYPE[_s(row["type"])]
            if kind == "organisation" and isinstance(row.get("collaboration"), Literal):
                kind = "partnership"
            info = found.get(iri)
            if info is None:
                info = found[iri] = NodeInfo(iri, kind, _s(row.get("label")), _s(row.get("notation")), [])
            elif kind == "partnership":
                info.kind = kind
            if not info.label and row.get("label") is not None:
                info.label = _s(row["label"])
            plan = _s(row["plan"])
            if plan not in info.plans:
                info.plans.append(plan)
                info.plans.sort(key=lambda p: order.get(p, len(order)))
        return found

    @cached_property
    def quotes(self) -> dict[str, list[Quote]]:
        """node IRI -> the places it was read from, in document order."""
        out: dict[str, set[Quote]] = defaultdict(set)
        for row in self.rows("anchors"):
            out[_s(row["node"])].add(Quote(_s(row["file"]), int(_s(row["lineStart"])),
                                           int(_s(row["lineEnd"])), int(_s(row["start"])),
                                           _s(row["exact"])))
        return {k: sorted(v, key=lambda q: (q.file, q.start)) for k, v in out.items()}

    def first_seen(self, iri: str) -> tuple[str, int]:
        """(file, offset) of the node's first anchor: document order for sorting."""
        quotes = self.quotes.get(iri)
        return (quotes[0].file, quotes[0].start) if quotes else ("", 0)

    @cached_property
    def parent(self) -> dict[str, str]:
        """child IRI -> parent IRI: measure -> outcome -> priority -> plan; activity -> priority."""
        return {_s(r["child"]): _s(r["parent"]) for r in self.rows("outline")}

    def plan_of(self, iri: str) -> str:
        info = self.nodes.get(iri)
        return info.plans[0] if info and info.plans else ""

    def pairs(self, name: str, *columns: str) -> list[tuple[str, ...]]:
        """The rows of view query ``name`` as tuples of strings ("" for unbound)."""
        return sorted({tuple(_s(r.get(c)) for c in columns) for r in self.rows(name)})
