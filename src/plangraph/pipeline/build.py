"""``plangraph build``: read every plan, map, validate, write the outputs, load the store.

Every document is read before anything is written. The outputs are written into a
staging folder as the plans are mapped and validated, and moved into place all at once
when all of them are complete (:class:`plangraph.store.folder.BuildFolder`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from plangraph.pipeline.outputs import FOLDERS, OUTPUTS
from plangraph.ingest.layouts import resolve_layout
from plangraph.pipeline.plans import (ReadOptions, PlanBuilt, Progress, build_plan, merge_reports, plan_labels,
                                      read_plan, services_block)
from plangraph.pipeline.pool import default_jobs, pool_map, worker_pool

if TYPE_CHECKING:
    from plangraph.validate import ValidationReport

__all__ = ["BuildResult", "OUTPUTS", "build"]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    documents: int
    quads: int
    report: ValidationReport


def build(paths: Sequence[Path], out: Path, *, layout: str | None = None,
          progress: Progress | None = None, jobs: int | None = None,
          encoding: str | None = None, sheet: str | None = None) -> BuildResult:
    """Build the graph of ``paths`` into ``out`` (see the module docstring).

    Plans are read, mapped and validated in ``jobs`` processes (default: one per
    processor), where Oxigraph writes each plan's TriG; this process appends it to
    graph.trig and hands it to a ``StoreLoader``, which bulk-loads the store in chunks
    meanwhile. The views and the audit are then drawn from the store
    (:mod:`plangraph.publish.pages`).
    """
    import pyoxigraph

    from plangraph.rdf.vocab import NAMESPACES
    from plangraph.store import StoreLoader, trig_prefixes
    from plangraph.store.folder import BuildFolder
    from plangraph.validate import load_shapes, report_to_dict, report_to_text

    def step(message: str) -> None:
        if progress:
            progress(message)

    paths = list(paths)
    total = len(paths)
    if layout is not None:
        resolve_layout(layout)  # a layout file that cannot be read stops the build before it starts
    options = ReadOptions(layout, encoding, sheet)
    jobs = jobs or default_jobs()
    # parsed and imported once, before the workers fork (each would otherwise do it again)
    load_shapes()
    import pyshacl  # noqa: F401
    folder = BuildFolder(out)
    files = [name for name in OUTPUTS if name not in FOLDERS]
    with folder.building(files, FOLDERS), folder.staging() as staging, worker_pool(jobs, total) as pool:
        pairs = []
        for k, pair in enumerate(pool_map(pool, partial(read_plan, options=options), paths), start=1):
            step(f"reading the plans: {k}/{total}")
            pairs.append(pair)
        labels = plan_labels(pairs)
        reports: list[PlanBuilt] = []
        # each plan's TriG goes into graph.trig and, as it comes, into the store's loader
        head = trig_prefixes(dict(NAMESPACES))
        with (staging / "graph.trig").open("wb") as trig, \
                StoreLoader(staging / "store", pyoxigraph.RdfFormat.TRIG, head=head) as loader:
            trig.write(head)
            mapped = 0
            for k, built in enumerate(pool_map(pool, partial(build_plan, labels=labels), pairs), start=1):
                step(f"mapping and validating the plans: {k}/{total}")
                trig.write(built.trig)
                mapped += built.quads
                # about as many quads to come as the plans so far had, on average
                loader.add(built.trig, built.quads, remaining=mapped * (total - k) // k)
                reports.append(built)
            block, quads = services_block()
            trig.write(block)
            loader.add(block, quads)
            step("loading the store")
            quads = loader.close()
        step("drawing the views and the evidence audit")
        _write_pages(pool, min(jobs, total), staging)
        report = merge_reports([b.report for b in sorted(reports, key=lambda b: b.graph)])
        (staging / "validation.txt").write_text(report_to_text(report), encoding="utf-8")
        (staging / "validation.json").write_text(
            json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        step("moving the outputs into place")
        folder.publish(staging, OUTPUTS)
    return BuildResult(out=out, documents=len(paths), quads=quads, report=report)


def _write_pages(pool: Executor | None, processes: int, staging: Path) -> None:
    """The views and the evidence audit, from the store just written, in the ``processes``
    processes of ``pool`` (see :mod:`plangraph.publish.pages`), which close the store again
    before the outputs move."""
    from plangraph.publish.pages import write_pages

    write_pages(staging / "store", staging, processes=processes if pool else 1, map_=partial(pool_map, pool))
