"""The embedded store: an Oxigraph database on disk that ``plangraph build`` writes and
``plangraph query`` and ``plangraph push`` read; or a graph file loaded into Oxigraph in memory.

The store holds every quad of the dataset, one named graph per plan, so that queries can
run over the union of the graphs (``use_default_graph_as_union``) without loading RDF again.
"""

from __future__ import annotations

import queue
import re
import shutil
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from plangraph.errors import PlangraphError, ReadError
from plangraph.rdf.iris import PG
from plangraph.store.graphfile import GRAPH_FORMATS, read_graph

__all__ = ["write_store", "open_store", "is_store", "load_graph_file", "to_nquads", "to_trig",
           "trig_prefixes", "StoreLoader", "NO_STORE", "GRAPH_FORMATS", "read_graph"]

_PLAN = pyoxigraph.NamedNode(f"{PG}Plan")
_LINE = re.compile(r"line (\d+)")
_TYPE = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

NO_STORE = ("no plangraph store here (expected the store that 'plangraph build' writes under "
            "build/store; run plangraph build first)")


def is_store(path: Path) -> bool:
    """True when ``path`` looks like an Oxigraph (RocksDB) database folder."""
    return path.is_dir() and (path / "CURRENT").is_file()


def write_store(ds: Dataset, path: Path) -> int:
    """Load every quad of ``ds`` into a new Oxigraph store at ``path``; return the quad count.

    ``path`` must not exist, be an empty folder, or hold a store (whose contents are
    replaced). The store is flushed and closed on return, so another process can open it.

    Examples
    --------
    >>> import tempfile
    >>> from rdflib import Literal, URIRef
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    >>> write_store(ds, Path(tempfile.mkdtemp()) / "store")
    1
    """
    _check_store_target(path)
    # N-Quads keeps the named graphs; one bulk load is far faster than adding quads from Python.
    data: bytes = ds.serialize(format="nquads", encoding="utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store(str(path))
    try:
        store.clear()
        store.bulk_load(input=data, format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        count = len(store)
    finally:
        # Dropping the last reference closes the database and releases its lock.
        del store
    return count


def _oxigraph_quads(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef) -> list[pyoxigraph.Quad]:
    """``triples`` (rdflib terms) as Oxigraph quads in the named graph ``graph``.

    Every term goes through Oxigraph's own constructors, which check IRIs and literals.
    Blank nodes are refused: the mapping mints an IRI for everything.
    """
    named: dict[Node, pyoxigraph.NamedNode] = {}

    def iri(term: Node) -> pyoxigraph.NamedNode:
        node = named.get(term)
        if node is None:
            if not isinstance(term, URIRef):
                raise ValueError(f"not an IRI: {term!r} (the graph must hold no blank nodes)")
            node = named[term] = pyoxigraph.NamedNode(str(term))
        return node

    def value(term: Node) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
        if isinstance(term, Literal):
            if term.language:
                return pyoxigraph.Literal(term, language=term.language)
            if term.datatype is not None:
                return pyoxigraph.Literal(term, datatype=iri(term.datatype))
            return pyoxigraph.Literal(term)
        return iri(term)

    g = iri(graph)
    return [pyoxigraph.Quad(iri(s), iri(p), value(o), g) for s, p, o in triples]


def to_nquads(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef) -> bytes:
    """``triples`` (rdflib terms) in the named graph ``graph``, as N-Quads written by Oxigraph
    (rdflib's serializers took seconds per hundred thousand quads).

    >>> from rdflib import Literal
    >>> to_nquads([(URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"', lang="en"))], URIRef("urn:g"))
    b'<urn:s> <urn:p> "say \\\\"hi\\\\""@en <urn:g> .\\n'
    """
    return pyoxigraph.serialize(_oxigraph_quads(triples, graph), format=pyoxigraph.RdfFormat.N_QUADS) or b""


def trig_prefixes(prefixes: dict[str, str]) -> bytes:
    """The ``@prefix`` lines that start a TriG file."""
    return b"".join(f"@prefix {p}: <{ns}> .\n".encode() for p, ns in prefixes.items())


def to_trig(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef, prefixes: dict[str, str]) -> bytes:
    """One named graph as a TriG block (``graph { ... }``) using ``prefixes`` but without
    declaring them: blocks are joined after one ``trig_prefixes`` header. Triples are
    grouped by subject, in the order each subject first appears.

    >>> from rdflib import Literal
    >>> to_trig([(URIRef("urn:x:s"), URIRef("urn:x:p"), Literal("o"))], URIRef("urn:g"),
    ...         {"x": "urn:x:"}).decode().splitlines()
    ['<urn:g> {', '\\tx:s x:p "o" .', '}']
    """
    order: dict[Node, list[tuple[Node, Node, Node]]] = {}
    for triple in triples:
        order.setdefault(triple[0], []).append(triple)
    grouped = [t for group in order.values() for t in group]
    data = pyoxigraph.serialize(_oxigraph_quads(grouped, graph), format=pyoxigraph.RdfFormat.TRIG,
                                prefixes=prefixes) or b""
    # Oxigraph declares the prefixes first (in an order of its own): drop those lines
    declared = set(trig_prefixes(prefixes).splitlines(keepends=True))
    lines = data.splitlines(keepends=True)
    body = 0
    while body < len(lines) and lines[body] in declared:
        body += 1
    if body != len(declared):
        raise RuntimeError("Oxigraph's TriG did not start with the prefixes given")
    return b"".join(lines[body:])


class StoreLoader:
    """Bulk-loads into a new on-disk Oxigraph store at ``path`` the RDF blocks given to
    ``add`` (each plan's TriG, say), while they come: a thread of its own loads them a chunk
    at a time (Oxigraph releases the GIL), so the load overlaps the work that makes the data.

    Why chunks, and why they shrink towards the end: Oxigraph's bulk loader indexes quads a
    million at a time, and the last batch only once its input ends; fed everything in one
    load, it still had up to a million quads (ten seconds here) to index after the last plan
    was mapped. A chunk goes to the loader once it holds ``batch`` quads, or as many as are
    still to come (``remaining``): the chunks halve as the end nears, and what is left to
    load after the last block is small. Each chunk starts with ``head`` (TriG's prefixes).

    ``close()`` returns the number of quads loaded (the sum of those given to ``add``), the
    store flushed, compacted (``_optimize``) and closed; an error of the load is raised
    there, or by the next ``add``.
    Use as a context manager; leaving it by an exception stops the load and leaves a store
    to delete.
    """

    def __init__(self, path: Path, fmt: pyoxigraph.RdfFormat, head: bytes = b"",
                 batch: int = 1_000_000) -> None:
        _check_store_target(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.fmt, self.head, self.batch = path, fmt, head, batch
        self._dir = Path(tempfile.mkdtemp(prefix=".load.", dir=path.parent))
        self._errors: list[BaseException] = []
        self._blocks: list[bytes] = []
        self._buffered = 0
        self._count = 0
        self._chunks = 0
        # at most two chunks wait on disk: memory and disk stay bounded if the load lags
        self._queue: queue.Queue[Path | None] = queue.Queue(maxsize=2)
        self._thread = threading.Thread(target=self._run, name="plangraph-store-load", daemon=True)
        self._thread.start()

    def add(self, block: bytes, quads: int, remaining: int | None = None) -> None:
        """Load ``block``, which holds ``quads`` quads; ``remaining``: about how many quads
        are still to come after it (None: not known)."""
        self._raise_load_error()
        self._blocks.append(block)
        self._buffered += quads
        self._count += quads
        if self._buffered >= self.batch or (remaining is not None and self._buffered >= remaining):
            self._send()

    def _send(self) -> None:
        if not self._blocks:
            return
        self._chunks += 1
        chunk = self._dir / f"chunk-{self._chunks}"
        with chunk.open("wb") as handle:
            handle.write(self.head)
            handle.writelines(self._blocks)
        self._blocks, self._buffered = [], 0
        self._queue.put(chunk)

    def _run(self) -> None:
        store = None
        ended = False  # whether the queue's end (None) has been taken
        try:
            store = pyoxigraph.Store(str(self.path))
            store.clear()
            while (chunk := self._queue.get()) is not None:
                if not self._errors:
                    try:
                        self._load(store, chunk)
                    except BaseException as err:  # reported by add() or close()
                        # without its traceback, whose frames would keep the store open
                        self._errors.append(err.with_traceback(None))
                chunk.unlink(missing_ok=True)
            ended = True
            if not self._errors:
                store.flush()
                self._optimize(store)
        except BaseException as err:  # the store could not be opened, flushed or compacted
            self._errors.append(err.with_traceback(None))
            while not ended and self._queue.get() is not None:  # let add() and close() report it
                pass
        finally:
            del store  # closes the database and releases its lock

    def _load(self, store: pyoxigraph.Store, chunk: Path) -> None:
        store.bulk_load(path=str(chunk), format=self.fmt)

    def _optimize(self, store: pyoxigraph.Store) -> None:
        # Each chunk's bulk load leaves files of its own in every index. A store opened
        # read-only (as plangraph query, viz, audit and the build's pages open it) never
        # compacts them, and looks a key up in each: on 300 plans, queries took 2-4 times as
        # long as on the compacted store. Compacting costs about 7 s there, and the pages,
        # drawn next, take 4 s less.
        store.optimize()

    def _raise_load_error(self) -> None:
        if self._errors:
            err = self._errors[0]
            raise PlangraphError(f"{self.path}: the store could not be loaded ({err})") from err

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        shutil.rmtree(self._dir, ignore_errors=True)

    def close(self) -> int:
        try:
            self._send()
        finally:
            self._stop()
        self._raise_load_error()
        return self._count

    def __enter__(self) -> StoreLoader:
        return self

    def __exit__(self, kind: object, err: object, tb: object) -> None:
        if kind is not None:
            self._blocks = []
            self._stop()


def _check_store_target(path: Path) -> None:
    if path.exists() and not is_store(path) and (not path.is_dir() or any(path.iterdir())):
        raise PlangraphError(f"{path}: not writing a store here: the folder exists and is not a "
                             "plangraph store", hint="choose an empty or new folder")


def open_store(path: Path, *, read_only: bool = True) -> pyoxigraph.Store:
    """Open the store at ``path`` (read-only unless asked) or raise a ReadError.

    Read-only opening never creates or changes a file and works while another process
    (a build, a server) holds the store open for writing.
    """
    if not is_store(path):
        raise ReadError(str(path), None, NO_STORE)
    try:
        return pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except OSError as err:
        raise ReadError(str(path), None, f"cannot open the store ({err})") from err


def load_graph_file(path: Path) -> pyoxigraph.Store:
    """Load a TriG, N-Quads, Turtle or N-Triples file into an in-memory Oxigraph store.

    TriG and N-Quads keep their named graphs. A Turtle or N-Triples file has none, so when it
    describes exactly one plan its triples go into that plan's named graph, as ``build`` would
    put them; the named queries (which match each plan inside its graph) then work on it.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "plan.ttl"
    >>> _ = path.write_text("<urn:p> a <https://w3id.org/plangraph/def/core#Plan> .")
    >>> [g.value for g in load_graph_file(path).named_graphs()]
    ['urn:p']
    """
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ReadError(str(path), None, "unknown graph format (expected a .trig, .nq, .ttl or .nt "
                        "file, such as the build/graph.trig that plangraph build writes)")
    if not path.is_file():
        raise ReadError(str(path), None, "no such graph file (expected build/graph.trig or "
                        "another TriG, N-Quads, Turtle or N-Triples file)")
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as err:
        line = _LINE.search(str(err))
        raise ReadError(str(path), int(line.group(1)) if line else None,
                        f"not valid {fmt.name} ({' '.join(str(err).split())})") from err
    except (OSError, ValueError) as err:
        raise ReadError(str(path), None, f"cannot read the graph ({err})") from err
    if fmt.supports_datasets:
        return store
    plans = {q.subject for q in store.quads_for_pattern(None, _TYPE, _PLAN, pyoxigraph.DefaultGraph())}
    if len(plans) == 1:
        (plan,) = plans
        if isinstance(plan, pyoxigraph.NamedNode):
            triples = list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
            store.extend(pyoxigraph.Quad(q.subject, q.predicate, q.object, plan) for q in triples)
            store.clear_graph(pyoxigraph.DefaultGraph())
    return store
