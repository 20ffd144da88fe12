"""An rdflib graph whose triples are looked up in plain dict indexes, for pySHACL.

pySHACL looks triples up tens of thousands of times while it validates one plan, and runs
each SHACL-SPARQL constraint once per focus node. ``IndexedGraph`` answers both without
rdflib's per-triple bookkeeping of named graphs and without parsing a query twice.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from typing import Any

from rdflib import RDF, ConjunctiveGraph, Graph, URIRef
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.stores.memory import Memory
from rdflib.store import Store
from rdflib.term import IdentifiedNode, Node

__all__ = ["Indexes", "IndexedGraph"]

_PREPARED: dict[str, Any] = {}
_FIRST, _REST = RDF.first, RDF.rest

# s -> p -> o (and p -> o -> s, o -> s -> p): the layout of rdflib's Memory store indexes,
# whose innermost dicts map each term to 1
_Index = dict[Node, dict[Node, dict[Node, Any]]]


class Indexes(Store):
    """One graph's triples, looked up in three plain dict indexes.

    pySHACL looks triples up tens of thousands of times per plan. rdflib's ``Memory`` store
    checks, for every triple it returns, which named graphs hold it; that bookkeeping was
    half the cost of validating a plan. This store holds one graph and nothing else.

    ``Indexes.of(graph)`` shares the indexes of a ``Memory`` store that holds only
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
    def of(cls, graph: Graph, *, share: bool) -> Indexes:
        store = graph.store
        spo, pos, osp = (getattr(store, f"_Memory__{name}", None) for name in ("spo", "pos", "osp"))
        # the store's indexes are the graph's own when the graph holds every triple of the store
        if (share and type(store) is Memory and not isinstance(graph, ConjunctiveGraph)
                and isinstance(spo, dict) and isinstance(pos, dict) and isinstance(osp, dict)
                and len(store) == len(graph)):
            return cls(spo, pos, osp, len(graph), writable=False)
        return cls.of_triples(graph.triples((None, None, None)))

    @classmethod
    def of_triples(cls, triples: Iterable[tuple[Node, Node, Node]]) -> Indexes:
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


class IndexedGraph(Graph):
    """A graph on ``Indexes``: its lookups go to the indexes directly, and its SPARQL queries
    are parsed once.

    pySHACL runs a SHACL-SPARQL constraint once per focus node, passing the query as text;
    rdflib would parse it again every time (tens of milliseconds each, most of the cost of
    checking hundreds of claims).
    """

    def __init__(self, graph: Graph | None, *, share: bool = True, indexes: Indexes | None = None,
                 identifier: IdentifiedNode | None = None) -> None:
        if indexes is None:
            assert graph is not None
            indexes, identifier = Indexes.of(graph, share=share), graph.identifier
        self._indexes = indexes
        super().__init__(store=self._indexes, identifier=identifier)

    @classmethod
    def of_triples(cls, triples: Iterable[tuple[Node, Node, Node]],
                   identifier: IdentifiedNode) -> IndexedGraph:
        return cls(None, indexes=Indexes.of_triples(triples), identifier=identifier)

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
