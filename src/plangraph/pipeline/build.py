"""``plangraph build``: read every plan, map, validate, write the outputs, load the store.

Every document is read before anything is written. The outputs are written into a
staging folder as the plans are mapped and validated, and moved into place all at once
when all of them are complete (:class:`plangraph.store.folder.BuildFolder`).

A rebuild redoes only what changed (:mod:`plangraph.pipeline.cache`): a plan whose file,
options and plangraph are as before is neither read nor mapped nor validated again; the store
starts from the previous one, less the graphs that changed, which are loaded anew; and a
build whose every input is as before finds its outputs in place, and says so.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from plangraph.ingest.layouts import resolve_layout
from plangraph.pipeline.cache import Cache, code_digest, digest, read_key
from plangraph.pipeline.outputs import FOLDERS, OUTPUTS
from plangraph.pipeline.plans import (PlanBuilt, Progress, Read, ReadOptions, build_plan, labels_of,
                                      merge_reports, plan_labels, read_plan, services_block)
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
    read: int = 0  # plans read anew (the others came from the cache)
    mapped: int = 0  # plans mapped and validated anew
    up_to_date: bool = False  # every input as the outputs in place were made from: nothing done
    store: str = "loaded"  # "loaded" whole, or "updated" (the graphs that changed only)


def build(paths: Sequence[Path], out: Path, *, layout: str | None = None,
          progress: Progress | None = None, jobs: int | None = None,
          encoding: str | None = None, sheet: str | None = None, cache: bool = True) -> BuildResult:
    """Build the graph of ``paths`` into ``out`` (see the module docstring); ``cache`` False
    (``--no-cache``) reads, maps and loads everything anew.

    Plans are read, mapped and validated in ``jobs`` processes (default: one per
    processor), where Oxigraph writes each plan's TriG; this process appends it to
    graph.trig and hands it to a ``StoreLoader``, which bulk-loads the store in chunks
    meanwhile. The views and the audit are then drawn from the store
    (:mod:`plangraph.publish.pages`).
    """
    from plangraph.store.folder import BuildFolder
    from plangraph.validate import load_shapes

    def step(message: str) -> None:
        if progress:
            progress(message)

    paths = list(paths)
    if layout is not None:
        resolve_layout(layout)  # a layout file that cannot be read stops the build before it starts
    options = ReadOptions(layout, encoding, sheet)
    folder = BuildFolder(out)
    files = [name for name in OUTPUTS if name not in FOLDERS]
    with folder.building(files, FOLDERS):
        kept = Cache(folder.meta / "cache", use=cache)
        keys = [read_key(path, layout, encoding, sheet) for path in paths]
        inputs = digest("build", code_digest(), [k or str(p) for k, p in zip(keys, paths)], layout, encoding, sheet)
        before = folder.state()
        if cache and None not in keys and before.get("inputs") == inputs and _intact(out):
            report = kept.get(digest("report", inputs))
            if report is not None:
                kept.keep_only(before.get("cache", []))
                return BuildResult(out, len(paths), int(before.get("quads", 0)), report, up_to_date=True)
        jobs = jobs or default_jobs()
        # parsed and imported once, before the workers fork (each would otherwise do it again)
        load_shapes()
        import pyshacl  # noqa: F401
        with folder.staging() as staging, worker_pool(jobs, len(paths)) as pool:
            pairs = _read(paths, keys, options, kept, pool, step)
            cached, stream = _map(pairs, keys, kept, pool, step)
            built, quads, graphs, how = _write_graph(staging, pairs, cached, stream, out,
                                                     before if cache else {}, step)
            step("drawing the views and the evidence audit")
            pages = folder.meta / "cache" / "pages"
            if not cache:
                shutil.rmtree(pages, ignore_errors=True)
            page_keys = {graph: digest("page rows", sha, code_digest()) for graph, sha in graphs.items()}
            _write_pages(pool, min(jobs, len(paths)), staging, pages, page_keys)
            report = _write_validation(staging, built)
            step("moving the outputs into place")
            kept.put(digest("report", inputs), report)
            folder.publish(staging, OUTPUTS, state={"inputs": inputs, "quads": quads, "graphs": graphs,
                                                     "cache": sorted(kept.used)})
        kept.keep_only()
        _keep_only(pages, set(page_keys.values()))
    return BuildResult(out=out, documents=len(paths), quads=quads, report=report,
                       read=sum(1 for _, fresh in pairs if fresh), mapped=sum(1 for _, fresh in built if fresh),
                       store=how)


def _intact(out: Path) -> bool:
    from plangraph.store import is_store

    return all((out / name).exists() for name in OUTPUTS) and is_store(out / "store")


def _read(paths: list[Path], keys: list[str | None], options: ReadOptions, kept: Cache,
          pool: Executor | None, step: Progress) -> list[tuple[Read, bool]]:
    """Every plan's reading, from the cache or read anew (in the pool); each with whether it
    was read anew."""
    found: list[Read | None] = [kept.get(k) if k else None for k in keys]
    missing = [k for k, pair in enumerate(found) if pair is None]
    for n, (k, pair) in enumerate(zip(missing, pool_map(pool, partial(read_plan, options=options),
                                                        [paths[k] for k in missing])), start=1):
        step(f"reading the plans: {n}/{len(missing)}")
        found[k] = pair
        if keys[k]:
            kept.put(keys[k] or "", pair)
    fresh = set(missing)
    return [(pair, k in fresh) for k, pair in enumerate(found) if pair is not None]


def _map(pairs: list[tuple[Read, bool]], keys: list[str | None], kept: Cache, pool: Executor | None,
         step: Progress) -> tuple[list[PlanBuilt | None], Iterator[tuple[PlanBuilt, bool]]]:
    """Every plan mapped and validated: those the cache holds, and an iterator over all of them
    in plan order, mapping the others anew (in the pool) as it goes; each with whether it was
    made anew."""
    labels = plan_labels(pair for pair, _ in pairs)
    mapped_keys = [digest("built", key, labels_of(pair[1], labels)) if key else None
                   for (pair, _), key in zip(pairs, keys)]
    found: list[PlanBuilt | None] = [kept.get(k) if k else None for k in mapped_keys]
    missing = [k for k, b in enumerate(found) if b is None]

    def in_order() -> Iterator[tuple[PlanBuilt, bool]]:
        made = iter(pool_map(pool, partial(build_plan, labels=labels), [pairs[k][0] for k in missing]))
        done = 0
        for k, cached in enumerate(found):
            if cached is not None:
                yield cached, False
                continue
            built = next(made)
            done += 1
            step(f"mapping and validating the plans: {done}/{len(missing)}")
            if mapped_keys[k]:
                kept.put(mapped_keys[k] or "", built)
            yield built, True

    return list(found), in_order()


def _write_graph(staging: Path, pairs: list[tuple[Read, bool]], cached: list[PlanBuilt | None],
                 stream: Iterator[tuple[PlanBuilt, bool]], out: Path, before: dict[str, Any],
                 step: Progress) -> tuple[list[tuple[PlanBuilt, bool]], int, dict[str, str], str]:
    """graph.trig and the store, in ``staging``, each plan's block written as it is mapped; the
    plans built, the quads, the digest of each graph's block, and how the store was made:
    "updated" from the previous build's (``before``), when it recorded the graphs it loaded and
    fewer than half of them are to change, else "loaded"."""
    import pyoxigraph

    from plangraph.rdf.iris import mint
    from plangraph.rdf.mapping import SERVICES_GRAPH
    from plangraph.rdf.vocab import NAMESPACES
    from plangraph.store import StoreLoader, is_store, trig_prefixes

    services, services_quads = services_block()
    services_iri = str(SERVICES_GRAPH)
    loaded: dict[str, str] = before.get("graphs") or {}
    plans = [str(mint("plan", ex.plan.slug)) for (_, ex), _ in pairs]
    # the graphs of the store in place that this build changes: known before any is mapped
    same = {b.graph for b in cached if b is not None and loaded.get(b.graph) == _sha(b.trig)}
    if loaded.get(services_iri) == _sha(services):
        same.add(services_iri)
    drop = [g for g in loaded if g not in same]
    update = bool(loaded) and is_store(out / "store") and 2 * len(drop) < len(plans) + 1
    head = trig_prefixes(dict(NAMESPACES))
    built: list[tuple[PlanBuilt, bool]] = []
    graphs: dict[str, str] = {}
    quads = 0
    with (staging / "graph.trig").open("wb") as trig, \
            StoreLoader(staging / "store", pyoxigraph.RdfFormat.TRIG, head=head,
                        base=out / "store" if update else None, drop=drop if update else ()) as loader:
        trig.write(head)
        for item in stream:
            plan = item[0]
            built.append(item)
            trig.write(plan.trig)
            graphs[plan.graph] = _sha(plan.trig)
            quads += plan.quads
            if not update or plan.graph not in same:
                # about as many quads to come as the plans so far had, on average
                loader.add(plan.trig, plan.quads, remaining=quads * (len(plans) - len(built)) // len(built))
        trig.write(services)
        graphs[services_iri] = _sha(services)
        if not update or services_iri not in same:
            loader.add(services, services_quads)
        step("loading the store")
        loader.close()
    return built, quads + services_quads, graphs, "updated" if update else "loaded"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_validation(staging: Path, built: list[tuple[PlanBuilt, bool]]) -> ValidationReport:
    from plangraph.validate import report_to_dict, report_to_text

    report = merge_reports([b.report for b, _ in sorted(built, key=lambda b: b[0].graph)])
    (staging / "validation.txt").write_text(report_to_text(report), encoding="utf-8")
    (staging / "validation.json").write_text(
        json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return report


def _write_pages(pool: Executor | None, processes: int, staging: Path, kept: Path, keys: dict[str, str]) -> None:
    """The views and the evidence audit, from the store just written, in the ``processes``
    processes of ``pool`` (see :mod:`plangraph.publish.pages`), which close the store again
    before the outputs move; each graph's rows kept in ``kept`` under its key in ``keys``, so
    that a rebuild asks the pages' questions of the graphs that changed only."""
    from plangraph.publish.pages import write_pages

    write_pages(staging / "store", staging, processes=processes if pool else 1, map_=partial(pool_map, pool),
                kept=kept, keys=keys)


def _keep_only(kept: Path, keys: set[str]) -> None:
    """Remove the rows kept for graphs this build does not have."""
    if kept.is_dir():
        for path in kept.iterdir():
            if path.name.split(".")[0] not in keys:
                path.unlink(missing_ok=True)
