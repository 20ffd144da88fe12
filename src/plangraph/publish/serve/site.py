"""What ``plangraph serve`` serves from: the built store, opened read-only, and the build
folder around it (its pages and validation report).

The store is opened once and read by every request. When a build replaces it (the build
folder's swap puts a new ``store/`` in place), the next request opens the new one: what a
page shows is never older than the last finished build.
"""

from __future__ import annotations

import json
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph

from plangraph.errors import ReadError
from plangraph.sparql.catalogue import Query
from plangraph.sparql.engine import OxigraphEngine, QueryResult
from plangraph.sparql.params import Params
from plangraph.store.local import open_store

__all__ = ["Site", "PlanSummary", "LABEL"]

PG = "https://w3id.org/plangraph/def/core#"
ANSWERS_KEPT = 16  # whole answers kept (the questions' rows, paged and downloaded from them)
PREFIXES = """PREFIX pg:   <https://w3id.org/plangraph/def/core#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dct:  <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa:   <http://www.w3.org/ns/oa#>
"""
# The name a node is shown by: the first of these it has (organisations, posts, items: skos;
# people: foaf; plans: their title; progress reports and mentions: rdfs; anchors: where they stand).
LABEL = "(MIN(COALESCE(?{v}Pref, ?{v}Name, ?{v}Title, ?{v}Rdfs, ?{v}Printed, ?{v}Place)) AS ?{v}Label)"
LABEL_PATTERNS = """OPTIONAL {{ GRAPH ?{v}G1 {{ ?{v} skos:prefLabel ?{v}Pref }} }}
OPTIONAL {{ GRAPH ?{v}G2 {{ ?{v} foaf:name ?{v}Name }} }} OPTIONAL {{ GRAPH ?{v}G3 {{ ?{v} dct:title ?{v}Title }} }}
OPTIONAL {{ GRAPH ?{v}G4 {{ ?{v} rdfs:label ?{v}Rdfs }} }} OPTIONAL {{ GRAPH ?{v}G5 {{ ?{v} pg:printedAs ?{v}Printed }} }}
OPTIONAL {{ GRAPH ?{v}G6 {{ ?{v} pg:location ?{v}Place }} }}"""

# What the home page counts in each plan, in the order it shows them, with the words it uses.
COUNTED = (
    ("Priority", "priorities"), ("Outcome", "outcomes"), ("Heading", "headings"),
    ("PerformanceMeasure", "measures"), ("KeyActivity", "key activities"), ("Commitment", "commitments"),
    ("Action", "actions"), ("Indicator", "indicators"), ("ProgressReport", "progress reports"),
    ("Claim", "claims"), ("ReadingNote", "reading notes"),
)
_PLANS = PREFIXES + """
SELECT ?plan ?title ?file ?layout WHERE {
  GRAPH ?plan { ?plan a pg:Plan . OPTIONAL { ?plan dct:title ?title } OPTIONAL { ?plan pg:layout ?layout }
                OPTIONAL { ?plan pg:text ?text . ?text pg:fileName ?file } }
} ORDER BY ?title ?plan"""
_COUNTS = PREFIXES + """
SELECT ?plan ?type (COUNT(DISTINCT ?thing) AS ?n) WHERE {
  VALUES ?type { %s }
  GRAPH ?plan { ?thing a ?type }
} GROUP BY ?plan ?type""" % " ".join(f"pg:{name}" for name, _ in COUNTED)
_LEADS = PREFIXES + """
SELECT ?plan (COUNT(DISTINCT ?lead) AS ?n) WHERE {
  GRAPH ?plan { ?item pg:leadOrganisation|pg:leadOfficer|pg:leadPost|pg:leadTeam ?lead }
} GROUP BY ?plan"""


@dataclass
class PlanSummary:
    """A plan as the home page lists it."""

    iri: str
    title: str
    file: str
    layout: str
    counts: list[tuple[str, int]] = field(default_factory=list)  # (words, how many), none left out
    leads: int = 0


class Site:
    """The store at ``store_dir`` and its build folder, for the requests of one server."""

    def __init__(self, store_dir: Path) -> None:
        self.store_dir = store_dir
        self.folder = store_dir.parent
        self._lock = threading.Lock()
        self._store: pyoxigraph.Store | None = None
        self._opened: tuple[int, int, int] | None = None
        self._cache: dict[Any, Any] = {}
        self._answers: OrderedDict[Any, QueryResult] = OrderedDict()
        self.store()  # a store that cannot be opened is an error at start, not at the first page

    def _identity(self) -> tuple[int, int, int]:
        """Which store is in place: a build's swap puts a new folder (a new inode) there."""
        try:
            info = os.stat(self.store_dir)
            current = os.stat(self.store_dir / "CURRENT")
        except OSError:
            return (0, 0, 0)
        return (info.st_ino, info.st_dev, current.st_mtime_ns)

    def store(self) -> pyoxigraph.Store:
        """The store, opened anew when a build has replaced it since it was opened."""
        with self._lock:
            identity = self._identity()
            if self._store is None or identity != self._opened:
                self._store = open_store(self.store_dir)
                self._opened = identity
                self._cache.clear()
                self._answers.clear()
            return self._store

    def cached(self, key: Any, make: Any) -> Any:
        """``make()``, kept until the store is replaced."""
        store = self.store()
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = make(store)
        with self._lock:
            self._cache[key] = value
        return value

    def answer(self, query: Query, params: Params) -> QueryResult:
        """The whole answer of ``query`` with ``params``: the last ``ANSWERS_KEPT`` asked are
        kept until the store is replaced, so that the next page of a listing, its downloads and
        a second visit do not ask the store again."""
        store = self.store()
        key = (query, tuple(sorted(params.items())))
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        result = OxigraphEngine(store).select(query, params)
        with self._lock:
            if self._store is store:  # (not if a rebuild swapped the store in meanwhile)
                self._answers[key] = result
                while len(self._answers) > ANSWERS_KEPT:
                    self._answers.popitem(last=False)
        return result

    def values(self, text: str, **bound: pyoxigraph.NamedNode | pyoxigraph.Literal) -> Iterator[dict[str, str | None]]:
        """The rows of a SELECT query of this module (values bound by Oxigraph), as strings."""
        solutions = self.store().query(
            text, use_default_graph_as_union=True,
            substitutions={pyoxigraph.Variable(k): v for k, v in bound.items()} or None)
        assert isinstance(solutions, pyoxigraph.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            yield {n: (None if t is None else t.value) for n, t in zip(names, solution)}

    def label_of(self, iri: str) -> str | None:
        """The name ``iri`` is shown by (see ``LABEL``), or None when it has none."""
        text = PREFIXES + f"SELECT ?this {LABEL.format(v='this')} WHERE {{ {LABEL_PATTERNS.format(v='this')} }} GROUP BY ?this"
        for row in self.values(text, this=pyoxigraph.NamedNode(iri)):
            return row["thisLabel"]
        return None

    def plans(self) -> list[PlanSummary]:
        """Every plan with its counts, by title."""
        def make(_store: pyoxigraph.Store) -> list[PlanSummary]:
            plans: dict[str, PlanSummary] = {}
            for row in self.values(_PLANS):
                iri = row["plan"] or ""
                if iri not in plans:
                    plans[iri] = PlanSummary(iri, row["title"] or iri, row["file"] or "", row["layout"] or "")
            counts: dict[tuple[str, str], int] = {}
            for row in self.values(_COUNTS):
                counts[(row["plan"] or "", (row["type"] or "").removeprefix(PG))] = int(row["n"] or 0)
            for row in self.values(_LEADS):
                if row["plan"] in plans:
                    plans[row["plan"] or ""].leads = int(row["n"] or 0)
            for iri, plan in plans.items():
                plan.counts = [(words, counts[(iri, name)]) for name, words in COUNTED if counts.get((iri, name))]
            return list(plans.values())
        result: list[PlanSummary] = self.cached("plans", make)
        return result

    def validation(self) -> dict[str, Any] | None:
        """The build's validation summary (``validation.json`` beside the store), if there is one."""
        path = self.folder / "validation.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as err:
            raise ReadError(str(path), None, f"cannot read the validation report ({err})") from err
        return data if isinstance(data, dict) else None

    def page_file(self, name: str) -> Path | None:
        """A page the build drew beside the store (``who-leads-what.html``), if the store is in a
        build folder (one that ``plangraph build`` records its outputs in) and the page is there."""
        path = self.folder / name
        return path if path.is_file() and (self.folder / ".plangraph" / "outputs.json").is_file() else None
