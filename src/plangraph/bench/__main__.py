"""``python -m plangraph.bench``: time every stage at 1, 10, 100 and 300 plans.

Prints a table and, with ``--json FILE``, writes one object per (plans, stage):
``plans``, ``stage``, ``triples``, ``seconds``, ``peak_mb`` (and ``floor_ratio``).
"""

from __future__ import annotations

import argparse
import json
import sys

from .timing import Row, run_size


def _table(rows: list[Row]) -> str:
    lines = [f"{'plans':>5}  {'stage':<56} {'triples':>10} {'seconds':>9} {'peak MB':>8} {'x floor':>8}"]
    for r in rows:
        ratio = f"{r.floor_ratio:8.1f}" if r.floor_ratio is not None else "       -"
        lines.append(f"{r.plans:>5}  {r.stage:<56} {r.triples:>10} {r.seconds:>9.3f} {r.peak_mb:>8.0f} {ratio}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m plangraph.bench", description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,300", help="numbers of plans (default 1,10,100,300)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rdflib-max", type=int, default=10,
                        help="run the queries on rdflib too up to this many plans (it is slow)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--json", dest="json_file", default=None, help="write the figures as JSON")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows: list[Row] = []
    for n in sizes:
        rows.extend(run_size(n, seed=args.seed, rdflib_max=args.rdflib_max, repeat=args.repeat,
                             progress=lambda m: print(m, file=sys.stderr, flush=True)))
        print(_table([r for r in rows if r.plans == n]), flush=True)
        print(flush=True)
    builds = {r.plans: r.seconds for r in rows if r.stage == "build (end to end)"}
    if len(builds) > 1:
        small, large = min(builds), max(builds)
        if small > 0:
            ratio = (builds[large] / large) / (builds[small] / small)
            print(f"build time per plan at {large} plans / at {small} plans: {ratio:.2f}")
    if args.json_file:
        with open(args.json_file, "w", encoding="utf-8") as handle:
            json.dump([r.as_dict() for r in rows], handle, indent=2)
            handle.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
