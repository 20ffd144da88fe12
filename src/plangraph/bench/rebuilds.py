"""The benchmark's rebuild stage: ``plangraph build`` as a user runs it (a new process), cold
(an empty output folder), again with nothing changed, and again with one plan changed; for
synthetic text plans and for PDF plans (copies of the bundled PDF seeds, each its own plan).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from plangraph.bench.timing import Row, _run_build

__all__ = ["COLD", "ONE_CHANGED", "UNCHANGED", "rebuild_rows", "rebuild_table", "rebuild_targets"]

COLD = "rebuild stage: cold build (empty output folder)"
UNCHANGED = "rebuild stage: build again, nothing changed"
ONE_CHANGED = "rebuild stage: build again, one plan changed"
# (plans, stage prefix, target in seconds) as the issue sets them
_TARGETS = ((300, "text", COLD, 40), (300, "text", UNCHANGED, 5), (300, "text", ONE_CHANGED, 15),
            (100, "PDF", UNCHANGED, 10))


def _timed(paths: list[Path], out: Path) -> tuple[float, float]:
    start = time.perf_counter()
    peak = _run_build(paths, out)
    return time.perf_counter() - start, peak


def _rows(kind: str, n: int, paths: list[Path], change: Callable[[Path], None], folder: Path) -> list[Row]:
    out = folder / "build"
    rows = []
    for stage in (COLD, UNCHANGED, ONE_CHANGED):
        if stage == ONE_CHANGED:
            change(paths[len(paths) // 2])
        seconds, peak = _timed(paths, out)
        rows.append(Row(n, f"{stage} [{kind}]", 0, seconds, peak))
    return rows


def _edit_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Lead", "Lead ", 1) if "Lead" in text else text + "\n", encoding="utf-8")


def _edit_pdf(path: Path) -> None:
    with path.open("ab") as handle:  # bytes after the end of the file: a new file, read the same
        handle.write(b"\n% changed\n")


def rebuild_rows(sizes: list[int], pdf_sizes: list[int], *, seed: int = 0,
                 progress: Callable[[str], None] | None = None) -> list[Row]:
    """The three builds at each of ``sizes`` synthetic text plans and ``pdf_sizes`` PDF plans."""
    from plangraph.bench.documents import bundled_pdfs
    from plangraph.bench.synth import write_plans

    rows: list[Row] = []
    for n in sizes:
        if progress:
            progress(f"rebuilds: {n} text plans ...")
        with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
            write_plans(n, Path(tmp) / "plans", seed=seed, delivery=True)
            paths = sorted((Path(tmp) / "plans").glob("*.txt"))
            rows += _rows("text", n, paths, _edit_text, Path(tmp))
    pdfs = bundled_pdfs()
    for n in pdf_sizes if pdfs else []:
        if progress:
            progress(f"rebuilds: {n} PDF plans ...")
        with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
            folder = Path(tmp) / "plans"
            folder.mkdir()
            paths = []
            for k in range(n):  # each copy a file of its own (its bytes differ after the end)
                path = Path(shutil.copyfile(pdfs[k % len(pdfs)], folder / f"plan-{k:03d}.pdf"))
                with path.open("ab") as handle:
                    handle.write(f"\n% copy {k}\n".encode())
                paths.append(path)
            rows += _rows("PDF", n, paths, _edit_pdf, Path(tmp))
    return rows


def rebuild_targets(rows: list[Row]) -> list[tuple[str, float, float, str]]:
    """(name, value, limit, unit) for each target the rows measure."""
    found: list[tuple[str, float, float, str]] = []
    for plans, kind, stage, limit in _TARGETS:
        for r in rows:
            if r.plans == plans and r.stage == f"{stage} [{kind}]":
                found.append((f"{plans} {kind} plans, {stage.split(': ', 1)[1]}", r.seconds, limit, "s"))
    return found


def rebuild_table(rows: list[Row]) -> str:
    lines = [f"{'plans':>5}  {'stage':<66} {'seconds':>9} {'peak MB':>8}"]
    lines += [f"{r.plans:>5}  {r.stage:<66} {r.seconds:>9.2f} {r.peak_mb:>8.0f}" for r in rows]
    return "\n".join(lines)
