"""The embedded store on disk: an Oxigraph database that ``plangraph build`` writes and
``plangraph query``, ``viz``, ``audit`` and ``push`` open read-only."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from plangraph.errors import PlangraphError, ReadError
from plangraph.store.folder import reading_lock

__all__ = ["NO_STORE", "check_store_target", "is_store", "open_store"]

NO_STORE = ("no plangraph store here (expected the store that 'plangraph build' writes under "
            "build/store; run plangraph build first)")


def is_store(path: Path) -> bool:
    """True when ``path`` looks like an Oxigraph (RocksDB) database folder."""
    return path.is_dir() and (path / "CURRENT").is_file()


def check_store_target(path: Path) -> None:
    if path.exists() and not is_store(path) and (not path.is_dir() or any(path.iterdir())):
        raise PlangraphError(f"{path}: not writing a store here: the folder exists and is not a "
                             "plangraph store", hint="Choose an empty or new folder")


def open_store(path: Path, *, read_only: bool = True) -> pyoxigraph.Store:
    """Open the store at ``path`` (read-only unless asked) or raise a ReadError.

    Read-only opening never creates or changes a file of the store and works while another
    process (a build, a server) holds the store open for writing; in a build folder, it waits
    for a build's swap of the outputs under way (:func:`plangraph.store.folder.reading_lock`).
    """
    if not is_store(path):
        raise ReadError(str(path), None, NO_STORE)
    try:
        if not read_only:
            return pyoxigraph.Store(str(path))
        # opened, the store keeps reading the files it opened, even once a build replaces them
        with reading_lock(path):
            return pyoxigraph.Store.read_only(str(path))
    except OSError as err:
        raise ReadError(str(path), None, f"cannot open the store ({err})") from err
