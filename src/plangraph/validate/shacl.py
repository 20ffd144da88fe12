"""The SHACL run: the bundled shapes of ``shapes/`` checked by pySHACL, plan by plan.

Each named graph that holds a ``pg:Plan`` is validated on its own, without inference (the
mapping asserts every ``rdf:type``), on an ``IndexedGraph``. Only Violations make a graph
non-conforming; Warnings and Infos are reported for a person to check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from plangraph._compat.pyshacl import without_result_descriptions
from plangraph.collector import collector_paused
from plangraph.rdf.vocab import PG
from plangraph.resources import asset_dir
from plangraph.validate.indexed import IndexedGraph
from plangraph.validate.labels import label_of, location_of, path_text, plan_name
from plangraph.validate.report import ValidationReport, ValidationResult

__all__ = ["SEVERITIES", "load_shapes", "plan_graphs", "validate_graph", "validate_triples", "validate_dataset"]

SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


# -- shapes --------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _bundled_shapes() -> Graph:
    shapes = Graph()
    for path in sorted(asset_dir("shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


def load_shapes() -> Graph:
    """The bundled SHACL shapes (every ``shapes/*.ttl``), parsed once per process.

    The graph is shared: copy it before changing it. Calling this before worker processes
    fork also prepares the indexed copy of the shapes that ``validate_graph`` uses.
    """
    _indexed_bundled_shapes()
    return _bundled_shapes()


@lru_cache(maxsize=1)
def _indexed_bundled_shapes() -> Graph:
    return IndexedGraph(_bundled_shapes(), share=False)


def _indexed_shapes(shapes: Graph | None) -> Graph:
    # a copy, which pySHACL adds a few triples of its own to: the bundled shapes once per
    # process, shapes given by a caller (small) on every call, since they may change
    return _indexed_bundled_shapes() if shapes is None else IndexedGraph(shapes, share=False)


# -- validation ----------------------------------------------------------------------

def validate_graph(graph: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate one graph (one plan) against ``shapes`` (default: the bundled shapes).

    No inference; the graph is not changed. A graph alone in its rdflib ``Memory`` store, as
    ``plangraph build`` makes each plan's, is read in place; any other graph (one named graph
    of a dataset, a graph on another store) is copied first, which costs a few microseconds
    a triple.
    """
    with collector_paused():
        return _validate(IndexedGraph(graph), shapes)


def validate_triples(triples: Iterable[tuple[Node, Node, Node]], identifier: URIRef,
                     shapes: Graph | None = None) -> ValidationReport:
    """Validate one plan's graph given as its triples (rdflib terms), named ``identifier``:
    ``validate_graph`` without building an rdflib graph first (``plangraph build``'s way)."""
    with collector_paused():
        return _validate(IndexedGraph.of_triples(triples, identifier), shapes)


def _validate(data: IndexedGraph, shapes: Graph | None) -> ValidationReport:
    from pyshacl import validate

    shapes_graph = _indexed_shapes(shapes)
    # inplace: without inference or rules pySHACL does not change the data graph, and a
    # copy of a large graph would cost more than the validation itself. advanced: SHACL
    # Advanced Features, for the SPARQL-based target of the claims' place in the text; but
    # never for shapes with rules (sh:rule), which would add triples to the plan's graph
    advanced = (None, SH.rule, None) not in shapes_graph
    with without_result_descriptions():
        _, report_graph, report_text = validate(
            data, shacl_graph=shapes_graph, inference="none", inplace=True,
            allow_warnings=True, advanced=advanced,
        )
    if not isinstance(report_graph, Graph):
        raise RuntimeError(f"pySHACL could not validate {data.identifier}: {report_text}")
    results = tuple(_results(IndexedGraph(report_graph), shapes_graph, data))
    plans = tuple(sorted(plan_name(data, plan) for plan in data.subjects(RDF.type, PG.Plan)))
    conforms = bool(plans) and not any(r.severity == "violation" for r in results)
    return ValidationReport(conforms=conforms, results=results, plans=plans)


def plan_graphs(ds: Dataset) -> list[Graph]:
    """The graphs of ``ds`` (named or default) that hold a ``pg:Plan``, by name."""
    found = [g for g in ds.graphs() if (None, RDF.type, PG.Plan) in g]
    return sorted(found, key=lambda g: str(g.identifier))


def validate_dataset(ds: Dataset, shapes: Graph | None = None) -> ValidationReport:
    """Validate each plan's graph of ``ds`` on its own and gather the results.

    ``conforms`` is False when no graph holds a plan: nothing was checked.
    """
    results: list[ValidationResult] = []
    plans: list[str] = []
    conforms = True
    for graph in plan_graphs(ds):
        report = validate_graph(graph, shapes)
        results.extend(report.results)
        plans.extend(report.plans)
        conforms = conforms and report.conforms
    return ValidationReport(conforms=conforms and bool(plans), results=tuple(results), plans=tuple(plans))


def _results(report: Graph, shapes: Graph, data: Graph) -> Iterator[ValidationResult]:
    graph = str(data.identifier) if isinstance(data.identifier, URIRef) else None
    rules: dict[Node | None, str] = {}
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        shape = report.value(r, SH.sourceShape)
        level = report.value(r, SH.resultSeverity)
        severity = SEVERITIES.get(level, "violation") if isinstance(level, URIRef) else "violation"
        messages = sorted(str(m) for m in report.objects(r, SH.resultMessage))
        value = report.value(r, SH.value)
        path = report.value(r, SH.resultPath)
        if shape not in rules:
            rules[shape] = _rule_name(shapes, shape)
        yield ValidationResult(
            severity=severity,
            rule=rules[shape],
            message=messages[0] if messages else "This item does not have the shape the plan graph requires.",
            focus=str(focus),
            focus_label=label_of(data, focus),
            location=location_of(data, focus),
            value=None if value is None else str(value),
            path=None if path is None else path_text(report, path),
            graph=graph,
        )


def _rule_name(shapes: Graph, shape: Node | None) -> str:
    if shape is None:
        return "Unnamed rule"
    # a property shape is named by the node shape it belongs to
    for candidate in (shape, *shapes.subjects(SH.property, shape)):
        name = shapes.value(candidate, RDFS.label) or shapes.value(candidate, SH.name)
        if name is not None:
            return str(name)
    return "Unnamed rule"
