"""Graph -> validation report: the SHACL shapes of ``shapes/`` checked plan by plan.

Each named graph that holds a ``pg:Plan`` is validated on its own by pySHACL, without
inference (the mapping asserts every ``rdf:type``), on an rdflib graph whose triples are
looked up in plain dict indexes (``_Indexes``).
Results are named for people: each focus node by its label and the ``file:line`` it was
read from, grouped by rule and message. Only Violations make a graph non-conforming;
Warnings and Infos are reported for a person to check.
"""

from __future__ import annotations

import ast
import gc
import re
import threading
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.exceptions import ParserError
from rdflib.namespace import DCTERMS, FOAF, PROV, SH, SKOS
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.stores.memory import Memory
from rdflib.store import Store
from rdflib.term import IdentifiedNode, Node

from plangraph.errors import ReadError
from plangraph.rdf.iris import ID
from plangraph.resources import asset_dir
from plangraph.rdf.vocab import NAMESPACES, OA, ORG, PG

__all__ = [
    "ValidationResult",
    "ValidationReport",
    "load_shapes",
    "read_graph",
    "plan_graphs",
    "validate_graph",
    "validate_triples",
    "validate_dataset",
    "label_of",
    "location_of",
    "summary_line",
    "report_to_text",
    "report_to_dict",
]

SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
# what a scrutiny officer reads in the report for each severity
SEVERITY_WORDS = {
    "violation": "Violation (must be fixed)",
    "warning": "Warning (please check)",
    "info": "Note (for information)",
}
NO_LOCATION = "no location"
MAX_LISTED = 20
_MAX_LABEL = 90
_LABELS = (SKOS.prefLabel, FOAF.name, RDFS.label, DCTERMS.title)
# how a node without any label is described: its kind, then its notation or key
_KINDS = {
    PG.Plan: "plan", PG.Priority: "priority", PG.Outcome: "outcome",
    PG.PerformanceMeasure: "performance measure", PG.KeyActivity: "key activity",
    PG.ProgressReport: "progress report", PG.Mention: "mention", PG.Service: "service",
    PG.Source: "evidence source", PG.SourceText: "plan text", ORG.Organization: "organisation",
    FOAF.Person: "person", OA.SpecificResource: "link to the text",
    OA.TextPositionSelector: "position in the text", OA.TextQuoteSelector: "quote of the text",
}
_FORMATS = {".trig": ("trig", "TriG"), ".nq": ("nquads", "N-Quads"), ".nquads": ("nquads", "N-Quads"),
            ".ttl": ("turtle", "Turtle"), ".turtle": ("turtle", "Turtle")}


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, named for people.

    ``severity`` is ``"violation"``, ``"warning"`` or ``"info"``; ``rule`` is the label of
    the shape; ``location`` is ``file:line`` or ``"no location"``; ``value`` and ``path``
    are ``None`` when the result has none.
    """

    severity: str
    rule: str
    message: str
    focus: str
    focus_label: str
    location: str
    value: str | None = None
    path: str | None = None
    graph: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """The results of validating every plan of a dataset.

    ``conforms`` is True when at least one plan was checked and no result is a violation.
    ``plans`` names the plans checked (``title (file)``).
    """

    conforms: bool
    results: tuple[ValidationResult, ...] = ()
    plans: tuple[str, ...] = ()

    def count(self, severity: str) -> int:
        """The number of problems (distinct rule, message and focus node) of ``severity``."""
        return sum(len(items) for (sev, _, _), items in _groups(self.results).items() if sev == severity)


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


# -- reading a graph file -------------------------------------------------------------

def read_graph(path: Path) -> Dataset:
    """Read a TriG, N-Quads or Turtle file (chosen by its suffix; TriG otherwise).

    Raises ``ReadError`` (exit code 3) naming the line of a syntax error when the parser
    gives it.
    """
    fmt, name = _FORMATS.get(path.suffix.lower(), ("trig", "TriG"))
    expected = f"expected {name}"
    if path.is_dir():
        raise ReadError(str(path), None, f"is a folder ({expected} written by plangraph build)")
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise ReadError(str(path), None, f"no such file ({expected})",
                        hint="run plangraph build first, or name the graph file") from err
    except OSError as err:
        raise ReadError(str(path), None, f"cannot read the file: {err.strerror} ({expected})") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ReadError(str(path), line, f"not UTF-8 text ({expected})") from err
    ds = Dataset()
    try:
        ds.parse(data=text, format=fmt)
    except BadSyntax as err:
        # BadSyntax counts the newlines before the error: a 0-based line number
        raise ReadError(str(path), err.lines + 1, f"bad syntax: {err._why} ({expected})") from err
    except ParserError as err:
        raise ReadError(str(path), _nquads_line(text, str(err)), f"bad syntax ({expected})") from err
    except Exception as err:  # rdflib's parsers raise several types; none is a plangraph bug
        raise ReadError(str(path), None, f"cannot parse the file: {err} ({expected})") from err
    return ds


def _nquads_line(text: str, message: str) -> int | None:
    # the N-Quads parser quotes the offending line but not its number
    quoted = re.search(r"\n('.*'|\".*\")$", message, re.DOTALL)
    if quoted is None:
        return None
    try:
        bad = ast.literal_eval(quoted.group(1))
    except (ValueError, SyntaxError):
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() == str(bad).strip():
            return number
    return None


# -- validation ----------------------------------------------------------------------

_PREPARED: dict[str, Any] = {}
_FIRST, _REST = RDF.first, RDF.rest

# s -> p -> o (and p -> o -> s, o -> s -> p): the layout of rdflib's Memory store indexes,
# whose innermost dicts map each term to 1
_Index = dict[Node, dict[Node, dict[Node, Any]]]


class _Indexes(Store):
    """One graph's triples, looked up in three plain dict indexes.

    pySHACL looks triples up tens of thousands of times per plan. rdflib's ``Memory`` store
    checks, for every triple it returns, which named graphs hold it; that bookkeeping was
    half the cost of validating a plan. This store holds one graph and nothing else.

    ``_Indexes.of(graph)`` shares the indexes of a ``Memory`` store that holds only
    ``graph`` (read-only: nothing may change them behind the ``Memory`` store's back), and
    copies the triples of any other graph.

    A copy indexes its triples by subject only (``spo``); the index by predicate (``pos``)
    is made for each predicate the first time it is looked up by predicate (pySHACL does so
    for a dozen predicates of the hundred in a plan: classes, ``sh:targetSubjectsOf``,
    inverse paths), and ``osp`` on first use.
    """

    # pySHACL wraps the data graph in an rdflib Dataset, which requires both
    context_aware = True
    graph_aware = True
    formula_aware = False
    transaction_aware = False

    def __init__(self, spo: _Index, pos: _Index | None, osp: _Index | None, size: int, *,
                 writable: bool) -> None:
        super().__init__()
        # without pos, each predicate's part of it is made on first use; osp all at once
        self._spo, self._osp_index = spo, osp
        self._pos: _Index = {} if pos is None else pos
        self._pos_complete = pos is not None
        # kept, not counted: pySHACL asks for the length of the graph (its truth value) often
        self._size = size
        self._writable = writable
        self._namespaces: dict[str, URIRef] = {}
        self._prefixes: dict[URIRef, str] = {}

    @classmethod
    def of(cls, graph: Graph, *, share: bool) -> _Indexes:
        store = graph.store
        spo, pos, osp = (getattr(store, f"_Memory__{name}", None) for name in ("spo", "pos", "osp"))
        # the store's indexes are the graph's own when the graph holds every triple of the store
        if (share and type(store) is Memory and not isinstance(graph, ConjunctiveGraph)
                and isinstance(spo, dict) and isinstance(pos, dict) and isinstance(osp, dict)
                and len(store) == len(graph)):
            return cls(spo, pos, osp, len(graph), writable=False)
        return cls.of_triples(graph.triples((None, None, None)))

    @classmethod
    def of_triples(cls, triples: Iterable[tuple[Node, Node, Node]]) -> _Indexes:
        """A writable copy of ``triples`` (duplicates counted once)."""
        spo: _Index = {}
        size = 0
        for s, p, o in triples:
            by_p = spo.get(s)
            if by_p is None:
                spo[s] = {p: {o: 1}}
            else:
                objects = by_p.get(p)
                if objects is None:
                    by_p[p] = {o: 1}
                elif o in objects:
                    continue
                else:
                    objects[o] = 1
            size += 1
        return cls(spo, None, None, size, writable=True)

    def _by_object(self, p: Node) -> dict[Node, dict[Node, Any]]:
        """``pos[p]``: the subjects of each object of ``p``."""
        by_o = self._pos.get(p)
        if by_o is None:
            if self._pos_complete:
                return {}
            # made whole before it is seen (the bundled shapes are shared between threads)
            by_o = {}
            key = p
            for s, by_p in tuple(self._spo.items()):
                objects = by_p.get(key)
                if objects is None:
                    continue
                if key is p:
                    # the graph's own term from here on: a dict matches it by identity, where
                    # an equal term from the shapes costs a call to its __eq__ every time
                    key = next(k for k in by_p if k == p)
                for o in objects:
                    by_o.setdefault(o, {})[s] = 1
            self._pos[p] = by_o
        return by_o

    @property
    def _osp(self) -> _Index:
        if self._osp_index is None:
            osp: _Index = {}
            for s, by_p in self._spo.items():
                for p, objects in by_p.items():
                    for o in objects:
                        osp.setdefault(o, {}).setdefault(s, {})[p] = 1
            self._osp_index = osp
        return self._osp_index

    def _index(self, triple: tuple[Node, Node, Node]) -> None:
        s, p, o = triple
        objects = self._spo.setdefault(s, {}).setdefault(p, {})
        if o in objects:
            return
        objects[o] = 1
        self._size += 1
        # a predicate whose part of pos is not made yet gets this triple when it is made
        if self._pos_complete or p in self._pos:
            self._pos.setdefault(p, {}).setdefault(o, {})[s] = 1
        if self._osp_index is not None:
            self._osp_index.setdefault(o, {}).setdefault(s, {})[p] = 1

    def add(self, triple: Any, context: Any = None, quoted: bool = False) -> None:
        if not self._writable:
            raise TypeError("this graph is a read-only view of another store")
        self._index(triple)

    def remove(self, triple: Any, context: Any = None) -> None:
        raise TypeError("validation does not remove triples")

    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[tuple[Any, Iterator[Graph | None]]]:
        for triple in self.match(*triple_pattern):
            yield triple, iter(())

    def match(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[tuple[Any, Any, Any]]:
        """The triples that match a pattern (``None`` matches anything)."""
        # each lookup copies the keys it iterates, so that adding triples meanwhile is safe
        if s is not None:
            by_p = self._spo.get(s)
            if not by_p:
                return
            if p is not None:
                if o is None:
                    for o2 in tuple(by_p.get(p, ())):
                        yield s, p, o2
                elif o in by_p.get(p, ()):
                    yield s, p, o
                return
            for p2, objects in tuple(by_p.items()):
                if o is None:
                    for o2 in tuple(objects):
                        yield s, p2, o2
                elif o in objects:
                    yield s, p2, o
        elif p is not None:
            by_o = self._by_object(p)
            if not by_o:
                return
            if o is not None:
                for s2 in tuple(by_o.get(o, ())):
                    yield s2, p, o
                return
            for o2, subjects in tuple(by_o.items()):
                for s2 in tuple(subjects):
                    yield s2, p, o2
        elif o is not None:
            for s2, predicates in tuple(self._osp.get(o, {}).items()):
                for p2 in tuple(predicates):
                    yield s2, p2, o
        else:
            for s2, by_p in tuple(self._spo.items()):
                for p2, objects in tuple(by_p.items()):
                    for o2 in tuple(objects):
                        yield s2, p2, o2

    def objects_of(self, s: Node, p: Node) -> tuple[Node, ...]:
        return tuple(self._spo.get(s, {}).get(p, ()))

    def subjects_of(self, p: Node, o: Node) -> tuple[Node, ...]:
        return tuple(self._by_object(p).get(o, ()))

    def __len__(self, context: Any = None) -> int:
        return self._size

    def contexts(self, triple: Any = None) -> Generator[Graph, None, None]:
        yield from ()

    def add_graph(self, graph: Graph) -> None:
        pass

    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        if override or prefix not in self._namespaces:
            self._namespaces[prefix] = namespace
            self._prefixes[namespace] = prefix

    def prefix(self, namespace: URIRef) -> str | None:
        return self._prefixes.get(namespace)

    def namespace(self, prefix: str) -> URIRef | None:
        return self._namespaces.get(prefix)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        return iter(list(self._namespaces.items()))


class _Indexed(Graph):
    """A graph on ``_Indexes``: its lookups go to the indexes directly, and its SPARQL queries
    are parsed once.

    pySHACL runs a SHACL-SPARQL constraint once per focus node, passing the query as text;
    rdflib would parse it again every time (tens of milliseconds each, most of the cost of
    checking hundreds of claims).
    """

    def __init__(self, graph: Graph | None, *, share: bool = True, indexes: _Indexes | None = None,
                 identifier: IdentifiedNode | None = None) -> None:
        if indexes is None:
            assert graph is not None
            indexes, identifier = _Indexes.of(graph, share=share), graph.identifier
        self._indexes = indexes
        super().__init__(store=self._indexes, identifier=identifier)

    @classmethod
    def of_triples(cls, triples: Iterable[tuple[Node, Node, Node]], identifier: IdentifiedNode) -> _Indexed:
        return cls(None, indexes=_Indexes.of_triples(triples), identifier=identifier)

    # the lookups pySHACL makes most, without rdflib's layers of generators in between
    def triples(self, triple: Any) -> Any:
        if isinstance(triple[1], PropertyPath):
            return super().triples(triple)
        return self._indexes.match(*triple)

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Any:
        if subject is None or predicate is None or isinstance(predicate, PropertyPath):
            return super().objects(subject, predicate, unique)
        return iter(self._indexes.objects_of(subject, predicate))

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Any:
        if predicate is None or object is None or isinstance(predicate, PropertyPath):
            return super().subjects(predicate, object, unique)
        return iter(self._indexes.subjects_of(predicate, object))

    def value(self, subject: Any = None, predicate: Any = RDF.value, object: Any = None,
              default: Any = None, any: bool = True) -> Any:
        if subject is None or predicate is None or object is not None or not any or isinstance(predicate, PropertyPath):
            return super().value(subject, predicate, object, default, any)
        found = self._indexes.objects_of(subject, predicate)
        return found[0] if found else default

    def items(self, list: Any) -> Any:
        # pySHACL reads the list of an sh:alternativePath again for every focus node; rdflib
        # reads each item with value(), making the IRIs rdf:first and rdf:rest anew each time
        chain = {list}
        while list:
            first = self._indexes.objects_of(list, _FIRST)
            if first:
                yield first[0]
            rest = self._indexes.objects_of(list, _REST)
            list = rest[0] if rest else None
            if list in chain:
                raise ValueError("List contains a recursive rdf:rest reference")
            chain.add(list)

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            from rdflib.plugins.sparql import prepareQuery

            prepared = _PREPARED.get(query_object)
            if prepared is None:
                prepared = _PREPARED[query_object] = prepareQuery(query_object)
            query_object = prepared
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=1)
def _indexed_bundled_shapes() -> Graph:
    return _Indexed(_bundled_shapes(), share=False)


def _indexed_shapes(shapes: Graph | None) -> Graph:
    # a copy, which pySHACL adds a few triples of its own to: the bundled shapes once per
    # process, shapes given by a caller (small) on every call, since they may change
    return _indexed_bundled_shapes() if shapes is None else _Indexed(shapes, share=False)


class _Silenced:
    """How many validations run without pySHACL's descriptions, and pySHACL's own method."""

    lock = threading.Lock()
    users = 0
    original: Any = None


@contextmanager
def _without_result_descriptions() -> Iterator[None]:
    """pySHACL without the text description it writes of every result.

    pySHACL describes each result in words (shape, focus node and value, each written out
    in Turtle) for its text report. plangraph reads only the report graph; and most results
    are never reported at all: those of the shapes inside ``sh:or`` and
    ``sh:qualifiedValueShape``, which pySHACL computes for every value node and throws away.
    The descriptions were a third of the time of validating a plan. While this is in force
    (in any thread), pySHACL's text reports list no results; its report graphs are unchanged.
    """
    from pyshacl.constraints.constraint_component import ConstraintComponent

    with _Silenced.lock:
        if _Silenced.users == 0:
            _Silenced.original = ConstraintComponent.make_v_result_description
            ConstraintComponent.make_v_result_description = _no_description  # type: ignore[method-assign]
        _Silenced.users += 1
    try:
        yield
    finally:
        with _Silenced.lock:
            _Silenced.users -= 1
            if _Silenced.users == 0:
                ConstraintComponent.make_v_result_description = _Silenced.original  # type: ignore[method-assign]


def _no_description(*args: Any, **kwargs: Any) -> str:
    return ""


def validate_graph(graph: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate one graph (one plan) against ``shapes`` (default: the bundled shapes).

    No inference; the graph is not changed. A graph alone in its rdflib ``Memory`` store, as
    ``plangraph build`` makes each plan's, is read in place; any other graph (one named graph
    of a dataset, a graph on another store) is copied first, which costs a few microseconds
    a triple.
    """
    with _collector_paused():
        return _validate(_Indexed(graph), shapes)


def validate_triples(triples: Iterable[tuple[Node, Node, Node]], identifier: URIRef,
                     shapes: Graph | None = None) -> ValidationReport:
    """Validate one plan's graph given as its triples (rdflib terms), named ``identifier``:
    ``validate_graph`` without building an rdflib graph first (``plangraph build``'s way)."""
    with _collector_paused():
        return _validate(_Indexed.of_triples(triples, identifier), shapes)


class _Paused:
    """How many validations run with the garbage collector paused, and whether it ran before."""

    lock = threading.Lock()
    users = 0
    was_enabled = False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while one plan is validated.

    Validating a plan makes hundreds of thousands of objects (the indexes, pySHACL's shapes,
    value sets and results), most of which live until the plan is done. The collector runs
    every few hundred new objects, and each time the older objects have grown by a quarter
    it walks every object of the process; a fifth of the time of validating a plan went to
    it, finding almost nothing to free. Paused, it frees the plan's cycles at its first run
    after the plan. (It is paused for the whole process, in any thread, while any validation
    runs.)
    """
    with _Paused.lock:
        if _Paused.users == 0:
            _Paused.was_enabled = gc.isenabled()
            gc.disable()
        _Paused.users += 1
    try:
        yield
    finally:
        with _Paused.lock:
            _Paused.users -= 1
            if _Paused.users == 0 and _Paused.was_enabled:
                gc.enable()


def _validate(data: _Indexed, shapes: Graph | None) -> ValidationReport:
    from pyshacl import validate

    shapes_graph = _indexed_shapes(shapes)
    # inplace: without inference or rules pySHACL does not change the data graph, and a
    # copy of a large graph would cost more than the validation itself. advanced: SHACL
    # Advanced Features, for the SPARQL-based target of the claims' place in the text; but
    # never for shapes with rules (sh:rule), which would add triples to the plan's graph
    advanced = (None, SH.rule, None) not in shapes_graph
    with _without_result_descriptions():
        _, report_graph, report_text = validate(
            data, shacl_graph=shapes_graph, inference="none", inplace=True,
            allow_warnings=True, advanced=advanced,
        )
    if not isinstance(report_graph, Graph):
        raise RuntimeError(f"pySHACL could not validate {data.identifier}: {report_text}")
    results = tuple(_results(_Indexed(report_graph), shapes_graph, data))
    plans = tuple(sorted(_plan_name(data, plan) for plan in data.subjects(RDF.type, PG.Plan)))
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
            path=None if path is None else _path_text(report, path),
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


def _path_text(g: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return _curie(path)
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return " | ".join(_path_text(g, p) for p in Collection(g, alternatives))
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(g, inverse)
    for repeat, mark in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        repeated = g.value(path, repeat)
        if repeated is not None:
            return _path_text(g, repeated) + mark
    if g.value(path, RDF.first) is not None:
        return "/".join(_path_text(g, p) for p in Collection(g, path))
    return str(path)


def _curie(iri: URIRef) -> str:
    for prefix, ns in NAMESPACES.items():
        if iri.startswith(ns) and prefix != "id":
            return f"{prefix}:{iri[len(ns):]}"
    return str(iri)


# -- naming nodes for people ---------------------------------------------------------

def _anchors(g: Graph, node: Node) -> list[Node]:
    if (node, RDF.type, OA.SpecificResource) in g:
        return [node]
    derived = list(g.objects(node, PROV.wasDerivedFrom))
    if derived:
        return derived
    # a selector (a position, a quote, whatever its class) by the anchors that have it
    return list(g.subjects(OA.hasSelector, node))


def location_of(g: Graph, node: Node | None) -> str:
    """``file:line`` of the earliest line ``node`` was read from, or ``"no location"``.

    A plan is located by the file it was read from; a link to the text (an anchor) by itself,
    and a selector (its position, its quote) by its anchor.
    """
    if node is None:
        return NO_LOCATION
    found: list[tuple[int, str]] = []
    for anchor in _anchors(g, node):
        line = g.value(anchor, PG.lineStart)
        for text in g.objects(anchor, OA.hasSource):
            file_name = g.value(text, PG.fileName)
            if file_name is not None and isinstance(line, Literal) and isinstance(line.toPython(), int):
                found.append((int(line.toPython()), str(file_name)))
    if found:
        line_no, first = min(found)
        return f"{first}:{line_no}"
    files = sorted(str(f) for t in g.objects(node, PG.text) for f in g.objects(t, PG.fileName))
    return files[0] if files else NO_LOCATION


def label_of(g: Graph, node: Node | None) -> str:
    """A label a person recognises ``node`` by; never only its IRI."""
    if node is None:
        return "(nothing)"
    for prop in _LABELS:
        values = sorted(str(v) for v in g.objects(node, prop) if str(v).strip())
        if values:
            return _short(values[0])
    if (node, RDF.type, OA.SpecificResource) in g or next(g.subjects(OA.hasSelector, node), None) is not None:
        # a link to the text (or one of its selectors) is named by the words it points at
        quotes = sorted(str(q) for a in _anchors(g, node) for s in g.objects(a, OA.hasSelector)
                        for q in g.objects(s, OA.exact) if str(q).strip())
        if quotes:
            return f"the words “{_short(quotes[0])}”"
    # a plan's text (the document its links point into) by the plan's title
    titles = sorted(str(t) for plan in g.subjects(PG.text, node) for t in g.objects(plan, SKOS.prefLabel))
    if titles:
        return f"the text of {_short(titles[0])}"
    return _describe(g, node)


def _describe(g: Graph, node: Node) -> str:
    kinds = [name for cls, name in _KINDS.items() if (node, RDF.type, cls) in g]
    kind = kinds[0] if kinds else "item"
    notations = sorted(str(n) for n in g.objects(node, SKOS.notation))
    if notations:
        return f"{kind} {notations[0]} (no label)"
    # the last segment of a plangraph IRI is its readable key ("jane-example", "p3-unlabelled-1")
    text = str(node)
    key = text[len(ID):].rstrip("/").rsplit("/", 1)[-1] if text.startswith(ID) else text
    return f"{kind} {key} (no label)"


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _MAX_LABEL:
        return text
    # cut at a word boundary so that the label still reads as words
    cut = text[: _MAX_LABEL].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + " …"


def _plan_name(g: Graph, plan: Node) -> str:
    where = location_of(g, plan)
    titles = sorted(str(t) for t in g.objects(plan, SKOS.prefLabel))
    label = " ".join(titles[0].split()) if titles else label_of(g, plan)
    return label if where == NO_LOCATION else f"{label} ({where})"


# -- reports -------------------------------------------------------------------------

_ORDER = {"violation": 0, "warning": 1, "info": 2}
GroupKey = tuple[str, str, str]


def _line_key(item: tuple[str, str]) -> tuple[str, int, str]:
    label, location = item
    name, _, line = location.rpartition(":")
    if line.isdigit():
        return (name, int(line), label)
    return (location, 0, label)


def _groups(results: Iterable[ValidationResult]) -> dict[GroupKey, list[tuple[str, str]]]:
    """(severity, rule, message) -> distinct (label, location) of its focus nodes, in order."""
    seen: dict[GroupKey, dict[tuple[str, str, str], tuple[str, str]]] = {}
    for r in results:
        key = (r.severity, r.rule, r.message)
        seen.setdefault(key, {})[(r.focus, r.location, r.graph or "")] = (r.focus_label, r.location)
    ordered = sorted(seen, key=lambda k: (_ORDER.get(k[0], 3), k[1], k[2]))
    return {k: sorted(seen[k].values(), key=_line_key) for k in ordered}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(report: ValidationReport) -> str:
    """The first line of the text report: did the plans pass, and if not, how many problems."""
    if not report.plans:
        return "No plan found: nothing was checked"
    violations, warnings, infos = (report.count(s) for s in ("violation", "warning", "info"))
    total = violations + warnings + infos
    if total == 0:
        return "All checks passed"
    parts = [_plural(violations, "violation"), _plural(warnings, "warning")]
    if infos:
        parts.append(_plural(infos, "note"))
    return f"{_plural(total, 'problem')} ({', '.join(parts)})"


def report_to_text(report: ValidationReport, max_listed: int = MAX_LISTED) -> str:
    """The report for people: a summary line, then one section per rule and message."""
    lines = [summary_line(report)]
    if report.plans:
        lines.append(f"Plans checked: {'; '.join(report.plans)}")
    if report.results:
        lines.append("Only violations make the plans fail; warnings point at places to check in the printed plan.")
    for (severity, rule, message), items in _groups(report.results).items():
        lines += ["", f"{SEVERITY_WORDS.get(severity, severity)} · {rule} · {_plural(len(items), 'item')}",
                  f"  {message}"]
        lines += [f"  - {label} ({location})" for label, location in items[:max_listed]]
        if len(items) > max_listed:
            lines.append(f"  … and {len(items) - max_listed} more")
    return "\n".join(lines) + "\n"


def report_to_dict(report: ValidationReport) -> dict[str, Any]:
    """The report as JSON-ready data: summary, the same groups as the text, every result."""
    groups = [
        {"severity": severity, "rule": rule, "message": message, "count": len(items),
         "items": [{"label": label, "location": location} for label, location in items]}
        for (severity, rule, message), items in _groups(report.results).items()
    ]
    return {
        "conforms": report.conforms,
        "summary": summary_line(report),
        "plans": list(report.plans),
        "counts": {s: report.count(s) for s in ("violation", "warning", "info")},
        "groups": groups,
        "results": [asdict(r) for r in sorted(report.results, key=_result_key)],
    }


def _result_key(r: ValidationResult) -> tuple[int, str, str, str, int, str, str, str, str]:
    name, line, label = _line_key((r.focus_label, r.location))
    # then by IRI, path and value: two claims with the same words on the same line keep one
    # order from build to build (pySHACL's order follows Python's hashing of the IRIs)
    return (_ORDER.get(r.severity, 3), r.rule, r.message, name, line, label, r.focus, r.path or "", r.value or "")
