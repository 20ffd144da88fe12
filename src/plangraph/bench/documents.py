"""The benchmark's document stage: reading PDF plans, timed per page with their peak memory.

Each PDF is read by its format reader (into the grid the layouts read) in a new process, so
that its peak memory is its own and the libraries' import is not counted as reading.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

from plangraph.bench.timing import Row

__all__ = ["PDF_STAGE", "pdf_rows", "bundled_pdfs"]

PDF_STAGE = "read PDF"
_CHILD = """
import json, resource, sys, time
from pathlib import Path
from plangraph.ingest.formats import read_grids
import pdfplumber
path = Path(sys.argv[1])
with pdfplumber.open(path) as pdf:
    pages = len(pdf.pages)
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    grids = read_grids(path)
    times.append(time.perf_counter() - start)
rows = sum(1 for g in grids for line in g.lines if line.table is not None)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"pages": pages, "times": times, "rows": rows, "peak_mb": peak}))
"""


def bundled_pdfs() -> list[Path]:
    """The PDF plans among the bundled seeds."""
    from plangraph.resources import asset_dir

    return sorted(asset_dir("seeds").glob("*.pdf"))


def pdf_rows(paths: list[Path], repeat: int = 3) -> list[Row]:
    """One row per PDF: the median time to read it (``runs`` every time), its pages as ``plans``."""
    rows = []
    for path in paths:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(repeat)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"plangraph.bench: cannot read {path}: {done.stderr.strip().splitlines()[-1]}")
        data = json.loads(done.stdout)
        seconds = statistics.median(data["times"])
        pages = data["pages"]
        stage = (f"{PDF_STAGE} {path.name}: {pages} pages, {data['rows']} table rows, "
                 f"{seconds / pages:.3f} s/page")
        rows.append(Row(pages, stage, 0, seconds, data["peak_mb"], runs=data["times"]))
    return rows


def pdf_targets(rows: list[Row]) -> list[tuple[str, float, float, str]]:
    """(name, value, limit, unit): a 30-page plan reads in under 5 s, at each PDF's pace."""
    return [(f"{r.stage.split(':')[0]}, at its pace a 30-page plan", r.seconds / r.plans * 30, 5, "s")
            for r in rows if r.stage.startswith(PDF_STAGE)]
