"""``plangraph build``: read every plan, map, validate, write the outputs, load the store.

Every document is read before anything is written. The outputs are written into a
temporary folder beside the output folder as the plans are mapped and validated, and only
moved into place, one by one, when all of them are complete: a failure never leaves a
half-written ``build/`` and never touches the previous one.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from plangraph.ingest.document import Document, read_document
from plangraph.ingest import read_text
from plangraph.model.records import Extraction
from plangraph.publish.viz import VIEW_NAMES

if TYPE_CHECKING:
    from plangraph.validate import ValidationReport

__all__ = ["BuildResult", "PlanBuilt", "build", "build_plan", "default_jobs", "merge_reports",
           "read_all", "read_plan", "OUTPUTS"]

# What build writes into its output folder (and may replace there); nothing else is touched.
OUTPUTS = ("graph.trig", "validation.txt", "validation.json", "store", "audit.html",
           *(f"{v}.html" for v in VIEW_NAMES))

Progress = Callable[[str], None]
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class BuildResult:
    out: Path
    documents: int
    quads: int
    report: ValidationReport


@dataclass(frozen=True)
class PlanBuilt:
    """One plan mapped and validated: its named graph as a TriG block, and its report."""

    graph: str
    quads: int
    trig: bytes
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


def default_jobs() -> int:
    """How many processes build uses: the processors this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def _pool(jobs: int, tasks: int) -> Iterator[Executor | None]:
    """Worker processes for ``tasks`` plans, or None when one process is enough.

    Workers are forked where the platform allows: they start in milliseconds with every
    module (and the parsed shapes) already loaded.
    """
    if jobs <= 1 or tasks <= 1:
        yield None
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=context)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _map(pool: Executor | None, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """``fn`` over ``items``, in order, in ``pool`` when there is one; the first item that
    fails raises its error."""
    if pool is None:
        return map(fn, items)
    return pool.map(fn, items)


def read_plan(path: Path, layout: str | None = None) -> tuple[Document, Extraction]:
    """Read one plan (in whichever process runs it)."""
    doc = read_document(path)
    return doc, read_text(doc, layout)


def build_plan(pair: tuple[Document, Extraction], labels: dict[str, str]) -> PlanBuilt:
    """Map and validate one plan read by ``read_plan``, in whichever process runs it.

    ``labels`` are the evidence sources' labels chosen across every plan (``source_labels``).
    """
    from plangraph.rdf.mapping import map_plan
    from plangraph.store import to_trig
    from plangraph.validate import validate_triples
    from plangraph.rdf.vocab import NAMESPACES

    doc, ex = pair
    plan, triples = map_plan(doc, ex, labels)
    report = validate_triples(triples, plan)
    return PlanBuilt(graph=str(plan), quads=len(triples), trig=to_trig(triples, plan, dict(NAMESPACES)),
                     report=report)


def merge_reports(reports: Sequence[ValidationReport]) -> ValidationReport:
    """One report for several plans' reports (as ``validate_dataset`` gives)."""
    from plangraph.validate import ValidationReport

    plans = tuple(p for r in reports for p in r.plans)
    return ValidationReport(conforms=bool(plans) and all(r.conforms for r in reports),
                            results=tuple(x for r in reports for x in r.results), plans=plans)


def build(paths: Sequence[Path], out: Path, *, layout: str | None = None,
          progress: Progress | None = None, jobs: int | None = None) -> BuildResult:
    """Build the graph of ``paths`` into ``out`` (see the module docstring).

    Plans are read, mapped and validated in ``jobs`` processes (default: one per
    processor), where Oxigraph writes each plan's TriG; the parent appends it to graph.trig
    and hands it to a ``StoreLoader``, which bulk-loads the store in chunks meanwhile. The
    views and the audit are then drawn from the store (``plangraph.publish.pages``).
    """
    import pyoxigraph

    from plangraph.rdf.mapping import SERVICES_GRAPH, check_slugs, services_triples, source_labels, source_printings
    from plangraph.store import StoreLoader, to_trig, trig_prefixes
    from plangraph.validate import load_shapes, report_to_dict, report_to_text
    from plangraph.rdf.vocab import NAMESPACES

    def step(message: str) -> None:
        if progress:
            progress(message)

    paths = list(paths)
    total = len(paths)
    # parsed and imported once, before the workers fork (each would otherwise do it again)
    load_shapes()
    import pyshacl  # noqa: F401
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        with _pool(jobs or default_jobs(), total) as pool:
            pairs = []
            for k, pair in enumerate(_map(pool, partial(read_plan, layout=layout), paths), start=1):
                step(f"reading the plans: {k}/{total}")
                pairs.append(pair)
            check_slugs(ex.plan.slug for _, ex in pairs)
            labels = source_labels(p for _, ex in pairs for p in source_printings(ex))
            reports: list[tuple[str, ValidationReport]] = []
            prefixes = dict(NAMESPACES)
            # each plan's TriG goes into graph.trig and, as it comes, into the store's loader
            head = trig_prefixes(prefixes)
            with (staging / "graph.trig").open("wb") as trig, \
                    StoreLoader(staging / "store", pyoxigraph.RdfFormat.TRIG, head=head) as loader:
                trig.write(head)
                mapped = 0
                for k, built in enumerate(_map(pool, partial(build_plan, labels=labels), pairs), start=1):
                    step(f"mapping and validating the plans: {k}/{total}")
                    trig.write(built.trig)
                    mapped += built.quads
                    # about as many quads to come as the plans so far had, on average
                    loader.add(built.trig, built.quads, remaining=mapped * (total - k) // k)
                    reports.append((built.graph, built.report))
                vocabulary = services_triples()
                block = to_trig(vocabulary, SERVICES_GRAPH, prefixes)
                trig.write(block)
                loader.add(block, len(vocabulary))
                step("loading the store")
                quads = loader.close()
            step("drawing the views and the evidence audit")
            # from the store just written, shared out among the processes
            _write_pages(pool, min(jobs or default_jobs(), total), staging)
        report = merge_reports([r for _, r in sorted(reports, key=lambda gr: gr[0])])
        (staging / "validation.txt").write_text(report_to_text(report), encoding="utf-8")
        (staging / "validation.json").write_text(
            json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        step("moving the outputs into place")
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(out=out, documents=len(paths), quads=quads, report=report)


def _write_pages(pool: Executor | None, processes: int, staging: Path) -> None:
    """The views and the evidence audit, from the store just written, in the ``processes``
    processes of ``pool`` (see ``plangraph.publish.pages``), which close the store again before the
    outputs move."""
    from plangraph.publish.pages import write_pages

    write_pages(staging / "store", staging, processes=processes if pool else 1, map_=partial(_map, pool))


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

