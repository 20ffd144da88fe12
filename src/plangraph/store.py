"""The embedded store: an Oxigraph database on disk that ``plangraph build`` writes and
``plangraph query`` and ``plangraph push`` read; or a graph file loaded into Oxigraph in memory.

The store holds every quad of the dataset, one named graph per plan, so that queries can
run over the union of the graphs (``use_default_graph_as_union``) without loading RDF again.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyoxigraph
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from .errors import PlangraphError, ReadError

__all__ = ["write_store", "open_store", "is_store", "load_graph_file", "to_nquads", "to_trig",
           "trig_prefixes", "StoreLoader", "NO_STORE", "GRAPH_FORMATS"]

# What --graph FILE accepts, by extension. Formats without named graphs hold one plan.
GRAPH_FORMATS = {
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
}
_PLAN = pyoxigraph.NamedNode("https://w3id.org/plangraph/def/core#Plan")
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
    """Bulk-loads into a new on-disk Oxigraph store at ``path`` what is written to it, while
    it is written: Oxigraph reads a named pipe in a thread of its own (it releases the GIL),
    so the load overlaps the work that produces the data. Where the platform has no named
    pipes the data is kept in a file and loaded on ``close``.

    ``close()`` returns the number of quads in the store, flushed and closed; an error of
    the load is raised there. Use as a context manager; leaving it by an exception stops
    the load and leaves a store to delete.
    """

    def __init__(self, path: Path, fmt: pyoxigraph.RdfFormat) -> None:
        _check_store_target(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.fmt = path, fmt
        self._dir = Path(tempfile.mkdtemp(prefix=".load.", dir=path.parent))
        self._source = self._dir / "quads"
        self._errors: list[BaseException] = []
        self._count = 0
        self._thread: threading.Thread | None = None
        if hasattr(os, "mkfifo"):
            os.mkfifo(self._source)
            self._thread = threading.Thread(target=self._load, name="plangraph-store-load", daemon=True)
            self._thread.start()
            self._handle = self._open_pipe()
        else:  # pragma: no cover - Windows
            self._handle = self._source.open("wb")

    def _load(self) -> None:
        try:
            store = pyoxigraph.Store(str(self.path))
            try:
                store.clear()
                store.bulk_load(path=str(self._source), format=self.fmt)
                store.flush()
                self._count = len(store)
            finally:
                del store  # closes the database and releases its lock
        except BaseException as err:  # reported by close()
            self._errors.append(err)

    def _open_pipe(self) -> Any:
        # opening a pipe's writing end waits for a reader: wait only while the loader lives
        while True:
            try:
                fd = os.open(self._source, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as err:
                if err.errno != errno.ENXIO:
                    raise
                assert self._thread is not None
                if not self._thread.is_alive():
                    self._raise_load_error()
                    raise
                time.sleep(0.002)
                continue
            os.set_blocking(fd, True)
            return os.fdopen(fd, "wb", buffering=1 << 20)

    def _raise_load_error(self) -> None:
        if self._errors:
            err = self._errors[0]
            raise PlangraphError(f"{self.path}: the store could not be loaded ({err})") from err

    def write(self, data: bytes) -> None:
        try:
            self._handle.write(data)
        except BrokenPipeError:
            self._finish()
            self._raise_load_error()
            raise

    def _finish(self) -> None:
        try:
            self._handle.close()
        except BrokenPipeError:
            pass
        if self._thread is not None:
            self._thread.join()
        elif not self._errors and self._source.exists():  # pragma: no cover - Windows
            self._thread = threading.Thread(target=self._load)
            self._thread.run()

    def close(self) -> int:
        self._finish()
        shutil.rmtree(self._dir, ignore_errors=True)
        self._raise_load_error()
        return self._count

    def __enter__(self) -> StoreLoader:
        return self

    def __exit__(self, kind: object, err: object, tb: object) -> None:
        if kind is not None:
            self._finish()
            shutil.rmtree(self._dir, ignore_errors=True)


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
