"""The per-plan steps of a build: read a plan, map it, validate it, write its TriG.

Each step is one function that a worker process runs; :mod:`plangraph.pipeline.build`
composes them for ``plangraph build``, the benchmark times the same functions one by one,
and the tests make their graphs with :func:`graph_trig`, so every graph the tests query is
made as a user's is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from plangraph.ingest import read
from plangraph.ingest.document import Document
from plangraph.model.records import Extraction
from plangraph.pipeline.pool import pool_map, worker_pool

if TYPE_CHECKING:
    from rdflib import URIRef

    from plangraph.rdf.mapping import Triples
    from plangraph.validate import ValidationReport

__all__ = ["PlanBuilt", "Progress", "build_plan", "graph_trig", "labels_of", "map_one", "merge_reports",
           "plan_labels", "read_all", "read_plan", "ReadOptions", "services_block", "services_graph", "trig_of"]

Progress = Callable[[str], None]
Read = tuple[Document, Extraction]


@dataclass(frozen=True)
class PlanBuilt:
    """One plan mapped and validated: its named graph as a TriG block, and its report."""

    graph: str
    quads: int
    trig: bytes
    report: ValidationReport


@dataclass(frozen=True)
class ReadOptions:
    """How to read the plans: a layout (name or file), a text encoding, a workbook's sheet."""

    layout: str | None = None
    encoding: str | None = None
    sheet: str | None = None


def read_plan(path: Path, layout: str | None = None, options: ReadOptions | None = None) -> Read:
    """Read one plan (in whichever process runs it)."""
    options = options or ReadOptions(layout)
    return read(path, options.layout, encoding=options.encoding, sheet=options.sheet)


def read_all(paths: Sequence[Path], layout: str | None = None,
             progress: Progress | None = None, options: ReadOptions | None = None) -> list[Read]:
    """Read every plan in this process; the first that cannot be read raises its ReadError."""
    pairs = []
    for path in paths:
        if progress:
            progress(f"reading {path.name}")
        pairs.append(read_plan(path, layout, options))
    return pairs


def plan_labels(pairs: Iterable[Read]) -> dict[str, str]:
    """Check that the plans' slugs differ, and choose each evidence source's label across
    every plan (a source printed several ways is one node with one label)."""
    from plangraph.rdf.mapping import check_slugs, source_labels, source_printings

    pairs = list(pairs)
    check_slugs((ex.plan.slug, str(doc.path or doc.name)) for doc, ex in pairs)
    return source_labels(p for _, ex in pairs for p in source_printings(ex))


def labels_of(ex: Extraction, labels: dict[str, str]) -> dict[str, str]:
    """The part of ``labels`` that one plan's mapping reads: its own sources' labels."""
    from plangraph.rdf.mapping import source_printings

    return {key: labels[key] for key, _ in source_printings(ex) if key in labels}


def map_one(pair: Read, labels: dict[str, str]) -> tuple[URIRef, Triples]:
    """One plan's named graph: its IRI and its triples."""
    from plangraph.rdf.mapping import map_plan

    doc, ex = pair
    return map_plan(doc, ex, labels)


def trig_of(plan: URIRef, triples: Triples) -> bytes:
    """One named graph as a TriG block (prefixes declared once, by the file's head)."""
    from plangraph.rdf.vocab import NAMESPACES
    from plangraph.store import to_trig

    return to_trig(triples, plan, dict(NAMESPACES))


def build_plan(pair: Read, labels: dict[str, str]) -> PlanBuilt:
    """Map and validate one plan read by :func:`read_plan`, in whichever process runs it.

    ``labels`` are the evidence sources' labels chosen across every plan (:func:`plan_labels`).
    """
    from plangraph.validate import validate_triples

    plan, triples = map_one(pair, labels)
    report = validate_triples(triples, plan)
    return PlanBuilt(graph=str(plan), quads=len(triples), trig=trig_of(plan, triples), report=report)


def services_graph() -> tuple[URIRef, Triples]:
    """The services vocabulary's named graph: its IRI and its triples."""
    from plangraph.rdf.mapping import SERVICES_GRAPH, services_triples

    return SERVICES_GRAPH, services_triples()


def services_block() -> tuple[bytes, int]:
    """The services vocabulary's named graph as a TriG block, and its number of quads."""
    graph, vocabulary = services_graph()
    return trig_of(graph, vocabulary), len(vocabulary)


def merge_reports(reports: Sequence[ValidationReport]) -> ValidationReport:
    """One report for several plans' reports (as ``validate_dataset`` gives)."""
    from plangraph.validate import ValidationReport

    plans = tuple(p for r in reports for p in r.plans)
    return ValidationReport(conforms=bool(plans) and all(r.conforms for r in reports),
                            results=tuple(x for r in reports for x in r.results), plans=plans)


def graph_trig(paths: Sequence[Path], *, layout: str | None = None, jobs: int = 1) -> bytes:
    """The TriG that ``plangraph build`` writes as ``graph.trig`` for ``paths``, made by the
    same steps, without validation, the store and the pages.

    >>> import pyoxigraph
    >>> from plangraph.resources import seeds
    >>> quads = pyoxigraph.parse(graph_trig(seeds()), format=pyoxigraph.RdfFormat.TRIG)
    >>> len({quad.graph_name for quad in quads})  # three plans and the services vocabulary
    4
    """
    from plangraph.rdf.vocab import NAMESPACES
    from plangraph.store import trig_prefixes

    blocks = [trig_prefixes(dict(NAMESPACES))]
    with worker_pool(jobs, len(paths)) as pool:
        pairs = list(pool_map(pool, partial(read_plan, layout=layout), paths))
        labels = plan_labels(pairs)
        # the same TriG as build's, which validation does not change: not validated here
        blocks += [trig_of(*graph) for graph in pool_map(pool, partial(map_one, labels=labels), pairs)]
    blocks.append(services_block()[0])
    return b"".join(blocks)
