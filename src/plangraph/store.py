"""The embedded store: an Oxigraph database on disk that ``plangraph build`` writes and
``plangraph query`` reads.

The store holds every quad of the dataset, one named graph per plan, so that queries can
run over the union of the graphs (``use_default_graph_as_union``) without loading RDF again.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
from rdflib import Dataset

from .errors import PlangraphError, ReadError

__all__ = ["write_store", "open_store", "is_store", "NO_STORE"]

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
    if path.exists() and not is_store(path) and (not path.is_dir() or any(path.iterdir())):
        raise PlangraphError(f"{path}: not writing a store here: the folder exists and is not a "
                             "plangraph store", hint="choose an empty or new folder")
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
