"""``python -m plangraph.bench``: time every stage at 1, 10, 100 and 300 plans.

Prints a table per size, then the performance targets (met or missed) and, with ``--json
FILE``, writes one object per (plans, stage): ``plans``, ``stage``, ``triples``,
``seconds``, ``peak_mb`` (and ``floor_ratio``; for a query, ``answer_rows`` and
``answer_columns``; for a build, the ``runs`` its median was taken of).

With ``--readers``, only the readers stage (:mod:`plangraph.bench.readers`): the text seeds
grown ×1, ×10 and ×100 and with one cell grown to 10 KB and 100 KB, read and analysed, a
table of seconds per MB and whether each stays flat; ``--json`` then writes one object per
grown plan.

With ``--rebuilds``, only the rebuild stage (:mod:`plangraph.bench.rebuilds`): ``plangraph
build`` in a new process, cold, again with nothing changed and again with one plan changed, at
``--rebuild-sizes`` synthetic text plans and ``--pdf-plans`` PDF plans.

With ``--draw``, only the draw stage (:mod:`plangraph.bench.draw`): the view pages of
``--draw-sizes`` synthetic plans opened in headless Chromium at 1280x800, timed from navigation
until drawn. The full run times the pages of each size's first build the same way, unless
``--no-draw``; where Playwright or Chromium is missing, it says the stage was skipped and why.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from plangraph.resources import seeds
from plangraph.bench.documents import bundled_pdfs, pdf_rows, pdf_targets
from plangraph.bench.draw import draw_missing, draw_stage, draw_targets, time_pages
from plangraph.bench.readers import reader_rows, reader_table, reader_targets
from plangraph.bench.timing import FIRST_PAGE, SCAN_PER, SCAN_STAGE, Row, run_size, seeds_build_seconds

BUILD = "build (end to end, new process)"
SEEDS = "seeds: plangraph build (new process, median)"


def _table(rows: list[Row]) -> str:
    lines = [f"{'plans':>5}  {'stage':<56} {'triples':>10} {'seconds':>9} {'peak MB':>8} {'x floor':>8}"]
    for r in rows:
        ratio = f"{r.floor_ratio:8.1f}" if r.floor_ratio is not None else "       -"
        lines.append(f"{r.plans:>5}  {r.stage:<56} {r.triples:>10} {r.seconds:>9.3f} {r.peak_mb:>8.0f} {ratio}")
    return "\n".join(lines)


def targets(rows: list[Row]) -> list[str]:
    """The performance targets, each with the figure measured and whether it is met."""
    lines = []

    def check(name: str, value: float, limit: float, unit: str, why: str = "") -> None:
        verdict = "met" if value < limit else "MISSED"
        lines.append(f"{verdict:>6}  {name}: {value:.{3 if unit == 's' and value < 1 else 1}f} {unit} "
                     f"(target < {limit:g} {unit}){why if verdict == 'MISSED' else ''}")

    for name, value, limit, unit in pdf_targets(rows):
        check(name, value, limit, unit)
    lines += draw_targets(rows)
    for r in rows:
        if r.stage == SEEDS:
            check("seeds, plangraph build end to end", r.seconds, 3, "s")
    sizes = sorted({r.plans for r in rows if r.stage == BUILD})
    if not sizes:
        return lines
    large = sizes[-1]
    at = {r.stage: r for r in rows if r.plans == large}
    if BUILD in at:
        runs = at[BUILD].runs or []
        median = f" (median of {len(runs)}: {', '.join(f'{t:.1f}' for t in runs)} s)" if len(runs) > 1 else ""
        check(f"{large} plans, full build{median}", at[BUILD].seconds, 40, "s")
        ratio = at[BUILD].floor_ratio
        if ratio is not None:
            check(f"{large} plans, full build / Oxigraph floor", ratio, 20, "x")
    validate = next((r for s, r in at.items() if s.startswith("validate")), None)
    if validate is not None:
        check(f"{large} plans, validation", validate.seconds, 10, "s")
    scan = at.get(SCAN_STAGE)
    for stage, r in at.items():
        if stage.startswith("query ") and "(oxigraph" in stage:
            # a listing's first page at once; the whole of it, even region-wide, in well under a second
            limit = 50 if FIRST_PAGE in stage else 300
            check(f"{large} plans, {stage}", r.seconds * 1000, limit, "ms", _answer_floor(r, scan))
    if BUILD in at:
        # the build's processes; the stages measured one by one keep the whole region in
        # this process to time each stage apart, which a build never does
        check(f"{large} plans, peak memory of plangraph build (all its processes)", at[BUILD].peak_mb, 2000, "MB")
    builds = {r.plans: r.seconds for r in rows if r.stage == BUILD}
    base = min((p for p in builds if p >= 10), default=min(builds))
    if large != base:
        per_plan = (builds[large] / large) / (builds[base] / base)
        check(f"build time per plan at {large} plans / at {base} plans", per_plan, 1.2, "x")
    return lines


def _answer_floor(query: Row, scan: Row | None) -> str:
    """What handing over the query's answer alone costs, at the scan's cost per value."""
    if scan is None or query.answer_rows is None or query.answer_columns is None:
        return ""
    values = query.answer_rows * query.answer_columns
    floor_ms = values * scan.seconds / SCAN_PER * 1000
    rows = f"{query.answer_rows:,} row{'' if query.answer_rows == 1 else 's'}"
    return (f"; its answer, {rows} of {query.answer_columns} columns, "
            f"takes {floor_ms:.0f} ms to hand over alone")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plangraph.bench", description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,300", help="numbers of plans (default 1,10,100,300)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rdflib-max", type=int, default=10,
                        help="run the queries on rdflib too up to this many plans (it is slow)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query and of the seeds build (median)")
    parser.add_argument("--builds", type=int, default=3,
                        help="runs of the full build at each size (median; the targets are medians)")
    parser.add_argument("--json", dest="json_file", default=None, help="write the figures as JSON")
    parser.add_argument("--pdf", action="append", default=None, metavar="FILE",
                        help="time reading this PDF plan (repeatable; default: the bundled PDF seeds)")
    parser.add_argument("--readers", action="store_true",
                        help="only time the readers on the text seeds grown ×1, ×10, ×100 and with one cell "
                             "grown to 10 KB and 100 KB, per MB")
    parser.add_argument("--rebuilds", action="store_true",
                        help="only time builds again: cold, nothing changed, one plan changed")
    parser.add_argument("--rebuild-sizes", default="10,100,300", help="text plans for --rebuilds (default 10,100,300)")
    parser.add_argument("--pdf-plans", default="10,100", help="PDF plans for --rebuilds (default 10,100)")
    parser.add_argument("--draw", action="store_true",
                        help="only time each view page drawn in headless Chromium (needs playwright)")
    parser.add_argument("--draw-sizes", default="10,100,300", help="synthetic plans for --draw (default 10,100,300)")
    parser.add_argument("--no-draw", action="store_true", help="leave the pages out of the full run")
    args = parser.parse_args(argv)
    if args.draw:
        return _draw([int(s) for s in args.draw_sizes.split(",") if s.strip()], args.seed, min(args.repeat, 3),
                     args.json_file)
    if args.readers:
        return _readers(args.repeat, args.json_file)
    if args.rebuilds:
        return _rebuilds([int(s) for s in args.rebuild_sizes.split(",") if s.strip()],
                         [int(s) for s in args.pdf_plans.split(",") if s.strip()], args.seed, args.json_file)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows: list[Row] = []
    pdfs = [Path(p) for p in args.pdf] if args.pdf else bundled_pdfs()
    if pdfs:
        print("PDF plans: reading each in a new process ...", file=sys.stderr, flush=True)
        rows.extend(pdf_rows(pdfs, repeat=args.repeat))
        print(f"{'pages':>5}  {'stage':<78} {'seconds':>9} {'peak MB':>8}")
        for r in rows:
            print(f"{r.plans:>5}  {r.stage:<78} {r.seconds:>9.3f} {r.peak_mb:>8.0f}")
        print(flush=True)
    print("seeds: plangraph build in a new process ...", file=sys.stderr, flush=True)
    runs, peak = seeds_build_seconds(args.repeat)
    rows.append(Row(len(seeds()), SEEDS, 0, statistics.median(runs), peak, runs=runs))
    print(f"seeds: plangraph build end to end (new process), median of {len(runs)}: "
          f"{statistics.median(runs):.2f} s (runs: {', '.join(f'{t:.2f}' for t in runs)})\n", flush=True)
    cannot_draw = "the full run leaves them out (--no-draw)" if args.no_draw else draw_missing()
    if cannot_draw:
        print(f"draw stage skipped: {cannot_draw}\n", flush=True)

    def draw(plans: int, pages: list[tuple[str, Path]], triples: int) -> list[Row]:
        return time_pages(pages, plans, repeat=min(args.repeat, 3), triples=triples)

    for n in sizes:
        rows.extend(run_size(n, seed=args.seed, rdflib_max=args.rdflib_max, repeat=args.repeat, builds=args.builds,
                             draw=None if cannot_draw else draw,
                             progress=lambda m: print(m, file=sys.stderr, flush=True)))
        print(_table([r for r in rows if r.plans == n and r.stage != SEEDS]), flush=True)
        print(flush=True)
    print("Targets (build, validation and query times, memory, scaling):")
    print("\n".join(targets(rows)), flush=True)
    if args.json_file:
        with open(args.json_file, "w", encoding="utf-8") as handle:
            json.dump([r.as_dict() for r in rows], handle, indent=2)
            handle.write("\n")
    return 0


def _readers(repeat: int, json_file: str | None) -> int:
    """The readers stage alone: its table, then its targets."""
    print("readers: each seed grown, read and its text analysed ...", file=sys.stderr, flush=True)
    rows = reader_rows(repeat=min(repeat, 5), progress=lambda m: print(m, file=sys.stderr, flush=True))
    print(reader_table(rows), flush=True)
    print()
    print("Targets (readers linear in their input):")
    for name, value, limit, unit in reader_targets(rows):
        verdict = "met" if value <= limit else "MISSED"
        print(f"{verdict:>6}  {name}: {value:.2f} {unit} (target ≤ {limit:.2f} {unit})", flush=True)
    _write_json(rows, json_file)
    return 0


def _rebuilds(sizes: list[int], pdf_sizes: list[int], seed: int, json_file: str | None) -> int:
    """The rebuild stage alone: its table, then its targets."""
    from plangraph.bench.rebuilds import rebuild_rows, rebuild_table, rebuild_targets

    rows = rebuild_rows(sizes, pdf_sizes, seed=seed, progress=lambda m: print(m, file=sys.stderr, flush=True))
    print(rebuild_table(rows), flush=True)
    print()
    print("Targets (rebuilds):")
    for name, value, limit, unit in rebuild_targets(rows):
        verdict = "met" if value < limit else "MISSED"
        print(f"{verdict:>6}  {name}: {value:.1f} {unit} (target < {limit:g} {unit})", flush=True)
    _write_json(rows, json_file)
    return 0


def _draw(sizes: list[int], seed: int, repeat: int, json_file: str | None) -> int:
    """The draw stage alone: its table, then its targets (1 when it cannot run here)."""
    rows, lines = draw_stage(sizes, seed=seed, repeat=repeat, progress=lambda m: print(m, file=sys.stderr, flush=True))
    print("\n".join(lines), flush=True)
    _write_json(rows, json_file)
    return 0 if rows else 1


def _write_json(rows: Sequence[Any], json_file: str | None) -> None:
    """With ``--json FILE``, one object per row of a stage run alone."""
    if json_file:
        with open(json_file, "w", encoding="utf-8") as handle:
            json.dump([r.as_dict() for r in rows], handle, indent=2, ensure_ascii=False)
            handle.write("\n")


if __name__ == "__main__":
    sys.exit(main())
