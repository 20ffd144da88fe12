"""What a build keeps for the next one: each plan's reading, and its mapping and validation,
in the output folder's ``.plangraph/cache/``, so that a rebuild redoes only the plans that
changed.

An entry's key is a digest of all that its value depends on:

- a plan's reading: the file's bytes and name, its entry in a ``manifest.json`` beside it, the
  layout asked for (a layout file by its content), the encoding and the sheet;
- its mapping and validation: its reading's key, and the labels of the evidence sources it
  cites (chosen across every plan of the build);
- both: plangraph itself (:func:`code_digest`: its version, its code, its reference data,
  layouts, shapes and ontology), so that no entry outlives a change of what made it.

An entry is its value pickled, after the SHA-256 of the pickle: an entry whose digest does
not match (a disk error, a write cut short, an edit), or that cannot be loaded, is removed and
made again, never used. The cache is the folder owner's, as the outputs are.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from plangraph import __version__
from plangraph.resources import ASSET_NAMES, asset_dir, manifest_entry

__all__ = ["Cache", "code_digest", "digest", "read_key"]

_PACKAGE = Path(__file__).resolve().parent.parent
_MADE_OF = (".py", ".csv", ".tsv", ".txt", ".rq", ".json", ".yaml", ".ttl", ".js", ".css", ".html", ".j2")


def digest(*parts: object) -> str:
    """One SHA-256 of ``parts`` (strings, bytes, or anything JSON writes the same each time).

    >>> digest("a", b"b", {"c": 1}) == digest("a", b"b", {"c": 1}) != digest("a", b"b", {"c": 2})
    True
    """
    h = hashlib.sha256()
    for part in parts:
        # (file names may hold bytes that are not UTF-8, kept as lone surrogates)
        data = part if isinstance(part, bytes) else json.dumps(part, sort_keys=True).encode()
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """plangraph as it stands: its version, the Python that runs it, and every file of its
    code, reference data and bundled assets (but the seeds, which are plans like any other)."""
    h = hashlib.sha256(f"{__version__} {sys.version_info[:2]} {pickle.HIGHEST_PROTOCOL}".encode())
    folders = [_PACKAGE, *(asset_dir(n) for n in ASSET_NAMES if n != "seeds")]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.suffix in _MADE_OF and path.is_file() and "seeds" not in path.parts:
                h.update(str(path.relative_to(folder)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def read_key(path: Path, layout: str | None, encoding: str | None, sheet: str | None) -> str | None:
    """The key of ``path``'s reading with these options, or None if the file cannot be read
    (then it is read, and its error reported, as without a cache)."""
    try:
        data = path.read_bytes() if path.is_file() else None
        spec: object = layout
        if layout is not None and layout.endswith((".yaml", ".yml")):
            spec = Path(layout).read_bytes()
        entry = manifest_entry(path)
    except (OSError, ValueError):
        return None
    if data is None:
        return None
    return digest("read", code_digest(), hashlib.sha256(data).digest(), path.name, entry or {}, spec,
                  encoding, sheet)


class Cache:
    """The entries kept in ``folder`` (see the module docstring); with ``folder`` None, or
    ``use`` false (``build --no-cache``), nothing is found, but what is made is still kept."""

    def __init__(self, folder: Path, *, use: bool = True) -> None:
        self.folder = folder
        self.use = use
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        """The value kept under ``key``, or None (counted as a miss)."""
        self.used.add(key)
        value = self._load(key) if self.use else None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def _load(self, key: str) -> Any | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        body = data[32:]
        if data[:32] != hashlib.sha256(body).digest():
            path.unlink(missing_ok=True)
            return None
        try:
            return pickle.loads(body)
        except Exception:  # an entry made by code that has changed in a way its key did not see
            path.unlink(missing_ok=True)
            return None

    def put(self, key: str, value: Any) -> None:
        """Keep ``value`` under ``key`` (written whole or not at all)."""
        self.used.add(key)
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(hashlib.sha256(body).digest() + body)
            os.replace(tmp, self._path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def keep_only(self, keys: Iterable[str] | None = None) -> None:
        """Remove every entry but ``keys`` (default: those this build used), so that the cache
        holds one build's worth, not every build's."""
        keep = set(self.used if keys is None else keys)
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.is_file() and (path.stem not in keep or path.suffix != ".pickle"):
                path.unlink(missing_ok=True)
