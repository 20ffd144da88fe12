"""The embedded store on disk: an Oxigraph database that ``plangraph build`` writes and
``plangraph query``, ``viz``, ``audit`` and ``push`` open read-only."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from plangraph.errors import PlangraphError, ReadError

__all__ = ["NO_STORE", "check_store_target", "is_store", "open_store"]

NO_STORE = ("no plangraph store here (expected the store that 'plangraph build' writes under "
            "build/store; run plangraph build first)")


def is_store(path: Path) -> bool:
    """True when ``path`` looks like an Oxigraph (RocksDB) database folder."""
    return path.is_dir() and (path / "CURRENT").is_file()


def check_store_target(path: Path) -> None:
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
