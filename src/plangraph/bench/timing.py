"""Measure each stage of plangraph at 1, 10, 100, 300 plans: wall time, peak memory, triples.

Peak memory is the high-water mark of this process (``VmHWM``, reset before each stage
through ``/proc/self/clear_refs``; it counts Oxigraph's memory as well as Python's) or, when
a stage runs in several processes, the largest sum of the proportional resident memory
(``Pss``: a page shared by forked processes counts once) of this process and its
descendants, sampled every quarter second. The floor is the time Oxigraph alone takes to parse
and load the same graph from N-Quads; every stage is also given as a ratio to it, which
reads the same on any machine.

Stages run as ``plangraph build`` runs them: read, map and TriG in one process here
(build does them in its worker processes, and loads the store while they work), validation
in one process per processor, the store loaded from the TriG, the views and audit from the
store (each named query whole, and its first page of 100 rows as ``plangraph query --limit 100``
asks for it); then the whole ``plangraph build`` as a new process, start-up included, the
median of a few runs. Beside the load floor, a scan that joins nothing gives what handing over a
query's answer costs per value, the least any query of that answer's size can take.
"""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef

__all__ = ["FIRST_PAGE", "PAGE", "Row", "first_page", "measure", "run_size"]


@dataclass
class Row:
    plans: int
    stage: str
    triples: int
    seconds: float
    peak_mb: float
    floor_ratio: float | None = None
    answer_rows: int | None = None  # a query's answer: how many rows, of how many columns
    answer_columns: int | None = None
    runs: list[float] | None = None  # the times a median was taken of, where they are shown
    nodes: int | None = None  # a view drawn in a browser: its nodes and lines, and the nodes it drew at first
    edges: int | None = None
    drawn_nodes: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _status_kb(pid: int | str, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _peak_mb() -> float:
    kb = _status_kb("self", "VmHWM:")
    if kb:
        return kb / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pss_kb(pid: int) -> int:
    """The proportional resident memory of ``pid`` (pages shared with other processes, such
    as a forked worker's pages still shared with its parent, divided among them), in KiB."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return _status_kb(pid, "VmRSS:")


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants (Linux), in KiB: the sum of their
    proportional set sizes, so that memory shared by forked processes counts once."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _pss_kb(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return total


class _TreeSampler:
    """The largest resident memory of a process tree, sampled in a thread.

    Not too often: the kernel walks every page of a process to answer for its proportional
    set size, and holds the process's memory map meanwhile, so frequent sampling slows the
    very build it measures.
    """

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.pid, self.every, self.peak_kb = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.pid))
            self._stop.wait(self.every)

    def __enter__(self) -> _TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def measure(rows: list[Row], plans: int, stage: str, triples: int = 0,
            sample: bool = True) -> Iterator[Row]:
    """Time the body; append a Row (its ``triples`` may be set inside the body). ``sample``:
    sample the memory of this process and its workers (False where the body measures its own)."""
    gc.collect()
    _reset_peak()
    row = Row(plans, stage, triples, 0.0, 0.0)
    with _TreeSampler(os.getpid()) if sample else nullcontext() as sampler:
        start = time.perf_counter()
        yield row
        row.seconds = time.perf_counter() - start
    row.peak_mb = max(_peak_mb(), sampler.peak_kb / 1024 if sampler else 0.0)
    rows.append(row)


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


SCAN_ROWS = 25_000  # rows of the scan that measures what handing over an answer costs
SCAN_PER = 100_000  # the scan's time is given per this many values
SCAN_STAGE = f"floor: oxigraph answer, per {SCAN_PER:,} values (median)"


PAGE = 100  # rows of a listing's first page
FIRST_PAGE = f", first page of {PAGE} rows"


def first_page(query: Any, store: Any) -> list[dict[str, Any]]:
    """The first ``PAGE`` rows of ``query``'s answer, asked for as ``plangraph query NAME --limit``
    asks (:func:`plangraph.sparql.paging.read_page`)."""
    from plangraph.sparql.engine import OxigraphEngine
    from plangraph.sparql.paging import read_page

    return read_page(OxigraphEngine(store), query, {}, PAGE).rows


# plan graphs for the validation workers: set before the pool forks, read by index in a
# worker (a forked worker shares the parent's memory; nothing is pickled but the index)
_PLAN_GRAPHS: list[tuple[Any, Any]] = []


def _validate_one(index: int) -> int:
    from plangraph.validate import validate_triples

    plan, triples = _PLAN_GRAPHS[index]
    return len(validate_triples(triples, plan).results)


def _validate_all(count: int) -> int:
    from plangraph.pipeline.pool import default_jobs, pool_map, worker_pool
    from plangraph.validate import load_shapes

    load_shapes()
    # The workers fork from this process, which holds every plan's triples (a build's workers
    # fork before anything is read): frozen, those objects are left alone by the workers'
    # garbage collector, which would otherwise walk millions of them again and again.
    gc.freeze()
    try:
        with worker_pool(default_jobs(), count) as pool:
            return sum(pool_map(pool, _validate_one, range(count)))
    finally:
        gc.unfreeze()


def run_size(n: int, *, seed: int = 0, rdflib_max: int = 10, repeat: int = 5, builds: int = 3,
             draw: Callable[[int, list[tuple[str, Path]], int], list[Row]] | None = None,
             progress: Callable[[str], None] | None = None) -> list[Row]:
    """Every stage for ``n`` generated plans; the full build run ``builds`` times (its median,
    and the largest peak memory of the runs); with ``draw`` (:func:`plangraph.bench.draw.time_pages`
    given the plans, the view pages and the triples), the pages of the first build drawn in a browser."""
    import pyoxigraph

    from rdflib import Dataset

    from plangraph.bench.synth import write_plans
    from plangraph.pipeline.plans import map_one, plan_labels, read_all, services_graph, trig_of
    from plangraph.publish.audit import audit_to_html, collect_audit
    from plangraph.publish.viz import VIEW_NAMES, facts_of, make_view, render
    from plangraph.rdf.vocab import NAMESPACES
    from plangraph.sparql import list_queries, run_query
    from plangraph.store import StoreLoader, open_store, to_nquads, trig_prefixes

    def say(message: str) -> None:
        if progress:
            progress(f"{n} plans: {message}")

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
        folder = Path(tmp)
        say("generating")
        write_plans(n, folder / "plans", seed=seed, delivery=True)
        paths = sorted((folder / "plans").glob("*.txt"))
        say("reading")
        with measure(rows, n, "read (1 process)"):
            pairs = read_all(paths)
        say("mapping")
        with measure(rows, n, "map (1 process)") as row:
            labels = plan_labels(pairs)
            graphs = [map_one(pair, labels) for pair in pairs]
            graphs.append(services_graph())
            row.triples = sum(len(triples) for _, triples in graphs)
        triples = row.triples
        say("N-Quads")
        nquads_path = folder / "graph.nq"
        with measure(rows, n, "N-Quads (1 process)", triples):
            with nquads_path.open("wb") as handle:
                for plan, plan_triples in graphs:
                    handle.write(to_nquads(plan_triples, plan))
        say("floor: Oxigraph parse and load of the N-Quads")
        nquads = nquads_path.read_bytes()
        with measure(rows, n, "floor: oxigraph load", triples):
            floor_store = pyoxigraph.Store()
            floor_store.bulk_load(input=nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        floor = rows[-1].seconds
        del floor_store, nquads
        say("validating")
        _PLAN_GRAPHS[:] = graphs[:-1]
        try:
            with measure(rows, n, "validate (all processors)", triples):
                _validate_all(len(_PLAN_GRAPHS))
        finally:
            _PLAN_GRAPHS.clear()
        say("TriG")
        head = trig_prefixes(dict(NAMESPACES))
        with measure(rows, n, "TriG (1 process)", triples):
            blocks = [(trig_of(plan, plan_triples), len(plan_triples)) for plan, plan_triples in graphs]
        del graphs
        say("loading the store")
        with measure(rows, n, "store load (from TriG, on disk)", triples):
            # as the build feeds it: plan by plan, saying about how much is still to come
            with StoreLoader(folder / "store", pyoxigraph.RdfFormat.TRIG, head=head) as loader:
                left = triples
                for block, quads in blocks:
                    left -= quads
                    loader.add(block, quads, remaining=left)
                loader.close()
        # rdflib reads the graph as `plangraph query --graph` would: the TriG the build writes
        ds = Dataset().parse(data=b"".join([head, *(b for b, _ in blocks)]), format="trig") \
            if n <= rdflib_max else None
        del pairs, blocks
        store = open_store(folder / "store")
        # the queries and pages are timed as in a process of their own (plangraph query,
        # viz, audit): what this one still holds is kept out of the cycle collector's walks
        gc.collect()
        gc.freeze()
        # the least a query can take to hand over its answer: a scan, which joins nothing,
        # its values made into rdflib terms as a named query's are
        scan = f"SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} LIMIT {SCAN_ROWS}"
        values = 4 * len(run_query(scan, store=store).rows)
        seconds = _median_seconds(lambda: run_query(scan, store=store), repeat)
        rows.append(Row(n, SCAN_STAGE, triples, seconds * SCAN_PER / max(values, 1), _peak_mb()))
        for query in list_queries():
            say(f"query {query.name}")
            # a query with parameters lists everything without them; with them, the answer
            # for one organisation (or pair): the first of its own full answer
            runs: list[tuple[str, dict[str, Any]]] = [("", {})]
            if query.parameters:
                first = run_query(query, store=store).rows[:1]
                chosen = {k: v for k, v in (first[0] if first else {}).items()
                          if k in query.parameters and isinstance(v, URIRef)}
                if chosen:
                    runs.append((" for one " + ", ".join(sorted(chosen)), chosen))
            for label, params in runs:
                answer = run_query(query, store=store, params=params)
                seconds = _median_seconds(lambda: run_query(query, store=store, params=params), repeat)
                rows.append(Row(n, f"query {query.name}{label} (oxigraph, median)", triples, seconds, _peak_mb(),
                                answer_rows=len(answer.rows), answer_columns=len(answer.columns)))
                if not params:
                    seconds = _median_seconds(lambda: first_page(query, store), repeat)
                    rows.append(Row(n, f"query {query.name}{FIRST_PAGE} (oxigraph, median)", triples, seconds,
                                    _peak_mb(), answer_rows=min(PAGE, len(answer.rows)),
                                    answer_columns=len(answer.columns)))
                if ds is not None:
                    seconds = _median_seconds(lambda: run_query(query, dataset=ds, params=params),
                                              max(1, repeat // 2))
                    rows.append(Row(n, f"query {query.name}{label} (rdflib, median)", triples, seconds,
                                    _peak_mb()))
        for name in VIEW_NAMES:
            say(f"view {name}")
            with measure(rows, n, f"view {name} (html)", triples):
                render(make_view(name, facts_of(store=store)), "html")
        say("evidence audit")
        with measure(rows, n, "evidence audit (html)", triples):
            audit_to_html(collect_audit(store=store))
        gc.unfreeze()
        del store, ds
        # the build's own processes, not this one (which still holds what the stages above kept)
        build_runs: list[float] = []
        build_peak_mb = 0.0
        for k in range(1, builds + 1):
            say(f"full build ({k} of {builds})")
            gc.collect()
            start = time.perf_counter()
            # a new folder each time: a build into the last one's would find its outputs in place
            build_peak_mb = max(build_peak_mb, _run_build(paths, folder / f"build-{k}"))
            build_runs.append(time.perf_counter() - start)
        rows.append(Row(n, "build (end to end, new process)", triples, statistics.median(build_runs),
                        build_peak_mb, runs=build_runs))
        if draw is not None and build_runs:
            say("views drawn in Chromium")
            rows.extend(draw(n, [(v, folder / "build-1" / f"{v}.html") for v in VIEW_NAMES], triples))
    for r in rows:
        r.floor_ratio = r.seconds / floor if floor > 0 else None
    return rows


def _run_build(paths: list[Path], out: Path) -> float:
    """``plangraph build`` in a new process, as a user runs it; the peak memory (MB) of that
    process and its workers."""
    command = [sys.executable, "-m", "plangraph", "build", *map(str, paths), "--out", str(out)]
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        with _TreeSampler(process.pid) as sampler:
            returncode = process.wait()
        if returncode != 0:
            err.seek(0)
            raise RuntimeError(f"plangraph build failed ({returncode}): {err.read()[-2000:].decode(errors='replace')}")
    return sampler.peak_kb / 1024


def seeds_build_seconds(repeat: int = 5) -> tuple[list[float], float]:
    """``plangraph build`` of the bundled seeds in a new process, ``repeat`` times: the
    times, and the peak memory (MB) of this process and the build's processes."""
    from plangraph.resources import seeds

    times, peak = [], 0.0
    with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
        for k in range(repeat):  # each into a new folder: cold, as a first build is
            start = time.perf_counter()
            peak = max(peak, _run_build(list(seeds()), Path(tmp) / f"build-{k}"))
            times.append(time.perf_counter() - start)
    return times, peak
