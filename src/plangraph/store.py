"""The embedded store: an Oxigraph database on disk that ``plangraph build`` writes and
``plangraph query`` and ``plangraph push`` read; or a graph file loaded into Oxigraph in memory.

The store holds every quad of the dataset, one named graph per plan, so that queries can
run over the union of the graphs (``use_default_graph_as_union``) without loading RDF again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from .errors import PlangraphError, ReadError

__all__ = ["write_store", "open_store", "is_store", "load_graph_file", "load_nquads", "to_nquads",
           "dump_trig", "NO_STORE", "GRAPH_FORMATS"]

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


def to_nquads(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef) -> bytes:
    """``triples`` (rdflib terms) in the named graph ``graph``, as N-Quads.

    Every term goes through Oxigraph's own constructors, which check IRIs and literals, and
    Oxigraph writes the file: rdflib's N-Quads serializer took seconds per hundred thousand
    quads. Blank nodes are refused: the mapping mints an IRI for everything.

    >>> from rdflib import Literal
    >>> to_nquads([(URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"', lang="en"))], URIRef("urn:g"))
    b'<urn:s> <urn:p> "say \\"hi\\""@en <urn:g> .\n'
    """
    named: dict[str, pyoxigraph.NamedNode] = {}

    def iri(term: Node) -> pyoxigraph.NamedNode:
        node = named.get(term)
        if node is None:
            if not isinstance(term, URIRef):
                raise ValueError(f"not an IRI: {term!r} (the graph must hold no blank nodes)")
            node = named[term] = pyoxigraph.NamedNode(term)
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
    quads = [pyoxigraph.Quad(iri(s), iri(p), value(o), g) for s, p, o in triples]
    return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS) or b""


def load_nquads(source: Path, path: Path) -> int:
    """Bulk-load the N-Quads file ``source`` into a new Oxigraph store at ``path``; return the
    quad count. The store is flushed and closed on return."""
    _check_store_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store(str(path))
    try:
        store.clear()
        store.bulk_load(path=str(source), format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        count = len(store)
    finally:
        del store
    return count


def dump_trig(path: Path, target: Path, prefixes: dict[str, str]) -> None:
    """Write every quad of the store at ``path`` to ``target`` as TriG, graph by graph.

    Oxigraph writes the quads in the order of its indexes, so the same graph gives the same
    file.
    """
    store = open_store(path)
    try:
        store.dump(str(target), pyoxigraph.RdfFormat.TRIG, prefixes=prefixes)
    finally:
        del store


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
