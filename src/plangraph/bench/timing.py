"""Measure each stage of plangraph at 1, 10, 100, 300 plans: wall time, peak memory, triples.

Peak memory is the process's resident high-water mark (``VmHWM``), reset before each stage
through ``/proc/self/clear_refs`` (Linux), so it counts Oxigraph's memory as well as
Python's. The floor is the time Oxigraph alone takes to parse and load the same graph from
N-Quads; every stage is also given as a ratio to it, which reads the same on any machine.
"""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = ["Row", "measure", "run_size"]


@dataclass
class Row:
    plans: int
    stage: str
    triples: int
    seconds: float
    peak_mb: float
    floor_ratio: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def measure(rows: list[Row], plans: int, stage: str, triples: int = 0) -> Iterator[Row]:
    """Time the body; append a Row (its ``triples`` may be set inside the body)."""
    gc.collect()
    _reset_peak()
    row = Row(plans, stage, triples, 0.0, 0.0)
    start = time.perf_counter()
    yield row
    row.seconds = time.perf_counter() - start
    row.peak_mb = _peak_mb()
    rows.append(row)


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_size(n: int, *, seed: int = 0, rdflib_max: int = 10, repeat: int = 5,
             progress: Callable[[str], None] | None = None) -> list[Row]:
    """Every stage for ``n`` generated plans."""
    import pyoxigraph

    from ..build import build, read_all
    from ..mapping import extractions_to_dataset
    from ..queries import list_queries, run_query
    from ..store import open_store, write_store
    from ..validation import validate_dataset
    from ..viz import VIEW_NAMES, facts_of, make_view, render
    from .synth import write_plans

    def say(message: str) -> None:
        if progress:
            progress(f"{n} plans: {message}")

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
        folder = Path(tmp)
        say("generating")
        write_plans(n, folder / "plans", seed=seed)
        paths = sorted((folder / "plans").glob("*.txt"))
        say("reading")
        with measure(rows, n, "read"):
            pairs = read_all(paths)
        say("mapping")
        with measure(rows, n, "map") as row:
            ds = extractions_to_dataset(pairs)
            row.triples = len(ds)
        triples = row.triples
        say("floor: Oxigraph parse and load of the N-Quads")
        nquads: bytes = ds.serialize(format="nquads", encoding="utf-8")
        with measure(rows, n, "floor: oxigraph load", triples):
            floor_store = pyoxigraph.Store()
            floor_store.bulk_load(input=nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        floor = rows[-1].seconds
        del floor_store, nquads
        say("validating")
        with measure(rows, n, "validate", triples):
            validate_dataset(ds)
        say("loading the store")
        with measure(rows, n, "store load", triples):
            write_store(ds, folder / "store")
        store = open_store(folder / "store")
        for query in list_queries():
            if query.parameters:
                continue
            say(f"query {query.name}")
            seconds = _median_seconds(lambda: run_query(query, store=store), repeat)
            rows.append(Row(n, f"query {query.name} (oxigraph, median)", triples, seconds, _peak_mb()))
            if n <= rdflib_max:
                seconds = _median_seconds(lambda: run_query(query, dataset=ds), max(1, repeat // 2))
                rows.append(Row(n, f"query {query.name} (rdflib, median)", triples, seconds, _peak_mb()))
        for name in VIEW_NAMES:
            say(f"view {name}")
            with measure(rows, n, f"view {name} (html)", triples):
                render(make_view(name, facts_of(store=store)), "html")
        del store, ds, pairs
        say("full build")
        with measure(rows, n, "build (end to end)", triples):
            build(paths, folder / "build")
    for r in rows:
        r.floor_ratio = r.seconds / floor if floor > 0 else None
    return rows
