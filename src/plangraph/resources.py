"""Where the bundled assets (seeds, ontology, shapes, queries, reference data, the views'
files) live: every bundled file is found through this module.

In a wheel they sit inside the package under ``_assets/``; in a source checkout (and an
editable install) they are the top-level folders of the repository. Nothing is fetched
from the network.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from plangraph.errors import ReadError

__all__ = ["asset_dir", "data_file", "data_rows", "data_words", "package_file", "seeds", "seed_manifest"]

_PACKAGE = Path(__file__).resolve().parent
ASSET_NAMES = ("seeds", "ontology", "shapes", "queries", "layouts")


def asset_dir(name: str) -> Path:
    """Return the folder of bundled asset ``name`` (one of ``ASSET_NAMES``)."""
    if name not in ASSET_NAMES:
        raise ValueError(f"unknown asset folder {name!r}; expected one of {ASSET_NAMES}")
    installed = _PACKAGE / "_assets" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name


def package_file(*parts: str) -> Path:
    """A file shipped inside the package itself, e.g. ``package_file("publish", "views",
    "view.js")``: the views' queries, page template, script and style.

    >>> package_file("publish", "views", "view.js").is_file()
    True
    """
    return _PACKAGE.joinpath(*parts)


def data_file(name: str) -> Path:
    """Return the path of a reference-data file shipped in ``plangraph/data/``."""
    return _PACKAGE / "data" / name


def _data_lines(name: str) -> list[str]:
    # reference-data files carry comments ('#' lines) on where each entry comes from
    text = data_file(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_rows(name: str, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a reference-data table in ``plangraph/data/`` (header row first).

    A tab-separated file is read with no quoting, so that regular expressions stay as written.
    """
    import csv

    lines = _data_lines(name)
    if delimiter == "\t":
        return list(csv.DictReader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE))
    return list(csv.DictReader(lines, delimiter=delimiter))


def data_words(name: str) -> list[str]:
    """The words of a one-word-per-line reference-data file in ``plangraph/data/``."""
    return [line.strip() for line in _data_lines(name)]


def seeds() -> list[Path]:
    """The bundled seed plans, in the order of their manifest."""
    folder = asset_dir("seeds")
    return [folder / entry["file"] for entry in seed_manifest(folder)]


@lru_cache(maxsize=None)
def _manifest(folder: Path) -> tuple[dict[str, Any], ...]:
    path = folder / "manifest.json"
    if not path.is_file():
        return ()
    shape = 'expected {"plans": [{"file": "plan.txt", "slug": "...", "title": "...", ...}, ...]}'
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise ReadError(str(path), None, "is not UTF-8 text (expected a JSON manifest)") from err
    except json.JSONDecodeError as err:
        raise ReadError(str(path), err.lineno, f"is not valid JSON ({err.msg} at column {err.colno})") from err
    entries = data.get("plans", []) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ReadError(str(path), None, f"holds no list of plans ({shape})")
    for k, entry in enumerate(entries, start=1):
        # every field is text: the file's name, its slug, title, publisher, area, period, ...
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) \
                or not all(isinstance(v, str) for v in entry.values()):
            raise ReadError(str(path), None, f"plan {k} is not an object of text fields with a 'file' ({shape})")
    return tuple(dict(e) for e in entries)


def seed_manifest(folder: Path | None = None) -> tuple[dict[str, Any], ...]:
    """Entries of ``manifest.json`` in ``folder`` (default: the bundled seeds)."""
    return _manifest((folder or asset_dir("seeds")).resolve())


def manifest_entry(path: Path) -> dict[str, Any] | None:
    """The manifest entry that describes ``path``, if a manifest sits beside it."""
    for entry in seed_manifest(path.resolve().parent):
        if entry.get("file") == path.name:
            return entry
    return None
