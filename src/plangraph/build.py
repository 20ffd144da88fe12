"""``plangraph build``: read every plan, map, validate, write the outputs, load the store.

Nothing is written until every document has been read, mapped and validated; the
outputs are then written to a temporary folder beside the output folder and moved into
place one by one, so a failure never leaves a half-written ``build/``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset

from .document import Document, read_document
from .mapping import extractions_to_dataset
from .readers import read_text
from .records import Extraction
from .viz import VIEW_NAMES

if TYPE_CHECKING:
    from .validation import ValidationReport

__all__ = ["BuildResult", "build", "read_all", "OUTPUTS"]

# What build writes into its output folder (and may replace there); nothing else is touched.
OUTPUTS = ("graph.trig", "validation.txt", "validation.json", "store", "audit.html",
           *(f"{v}.html" for v in VIEW_NAMES))

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    documents: int
    quads: int
    report: ValidationReport


def read_all(paths: Sequence[Path], layout: str | None = None,
             progress: Progress | None = None) -> list[tuple[Document, Extraction]]:
    """Read every document; the first that cannot be read raises its ReadError."""
    pairs = []
    for path in paths:
        if progress:
            progress(f"reading {path.name}")
        doc = read_document(path)
        pairs.append((doc, read_text(doc, layout)))
    return pairs


def dataset_to_trig(ds: Dataset, path: Path) -> None:
    """Write ``ds`` as TriG through Oxigraph's serializer (rdflib's took seconds on the seeds).

    Quads are sorted first, so that the same graph gives the same file.
    """
    import pyoxigraph

    from .vocab import NAMESPACES

    data: bytes = ds.serialize(format="nquads", encoding="utf-8")
    lines = sorted(set(data.splitlines(keepends=True)))
    quads = pyoxigraph.parse(input=b"".join(lines), format=pyoxigraph.RdfFormat.N_QUADS)
    pyoxigraph.serialize(quads, str(path), pyoxigraph.RdfFormat.TRIG, prefixes=dict(NAMESPACES))


def build(paths: Sequence[Path], out: Path, *, layout: str | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Build the graph of ``paths`` into ``out`` (see the module docstring)."""
    from .store import write_store
    from .validation import report_to_dict, report_to_text, validate_dataset

    def step(message: str) -> None:
        if progress:
            progress(message)

    pairs = read_all(paths, layout, progress)
    step("mapping to RDF")
    ds = extractions_to_dataset(pairs)
    step("validating")
    report = validate_dataset(ds)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        step("writing graph.trig")
        dataset_to_trig(ds, staging / "graph.trig")
        (staging / "validation.txt").write_text(report_to_text(report), encoding="utf-8")
        (staging / "validation.json").write_text(
            json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        step("loading the store")
        quads = write_store(ds, staging / "store")
        step("drawing the views")
        _write_views(staging)
        step("writing the evidence audit")
        _write_audit(staging)
        step("moving the outputs into place")
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out=out, documents=len(pairs), quads=quads, report=report)


def _write_views(staging: Path) -> None:
    """The HTML views, made from the store just written (Oxigraph answers the views' queries
    in milliseconds), which is closed again before the outputs move."""
    from .store import open_store
    from .viz import facts_of, write_html_views

    store = open_store(staging / "store")
    try:
        write_html_views(facts_of(store=store), staging)
    finally:
        del store


def _write_audit(staging: Path) -> None:
    """The evidence audit page, from the store just written."""
    from .audit import audit_to_html, collect_audit
    from .store import open_store

    store = open_store(staging / "store")
    try:
        html = audit_to_html(collect_audit(store=store))
    finally:
        del store
    (staging / "audit.html").write_text(html, encoding="utf-8")


def _swap(staging: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        new = staging / name
        target = out / name
        if new.is_dir():
            old = None
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{name}.old.", dir=out))
                os.replace(target, old / name)
            os.replace(new, target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(new, target)

