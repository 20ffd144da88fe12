"""The benchmark's draw stage: each view page of a build opened in headless Chromium, timed from
the start of its navigation until its first drawing is on screen.

``plangraph build`` writes the pages of ``--draw-sizes`` synthetic plans (a new process, as a
user runs it); each page is opened at 1280x800 in a new browser context, with no network,
``repeat`` times, and the median kept. "Drawn" is what the page's script (``view.js``) records
in ``window.plangraphDrawn``: the frame after vis-network's first drawing, when the browser has
painted the canvas (painting, not drawing, took most of the 8 s the partnerships view of 300
plans once took).

Playwright is a test dependency, not plangraph's: it is imported here only when the stage runs,
and where it or Chromium is missing the stage says why and is skipped.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plangraph.bench.timing import Row, _TreeSampler, _run_build

__all__ = ["CHROMIUM", "DRAW_TARGET", "draw_missing", "draw_rows", "draw_stage", "draw_table", "draw_targets",
           "time_pages"]

CHROMIUM = os.environ.get("PLANGRAPH_CHROMIUM", "/usr/bin/chromium")
# As root, Chromium needs --no-sandbox; the rest keep it from reaching Google's services at start
# (update checks, sync, field trials), which would only add noise to the times.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-domain-reliability",
        "--metrics-recording-only", "--no-default-browser-check", "--disable-breakpad"]
VIEWPORT = {"width": 1280, "height": 800}
DRAW_TARGET = (300, 2.0)  # plans, seconds: each view drawn in under 2 s at 300 plans
TIMEOUT_MS = 300_000
_STAGE = "draw {view} (Chromium)"


def stage_name(view: str) -> str:
    return _STAGE.format(view=view)


def draw_missing() -> str | None:
    """Why the draw stage cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set PLANGRAPH_CHROMIUM)"
    return None


def _open_once(browser: Any, path: Path) -> tuple[float, int, int, int]:
    """Seconds from navigation until drawn, and the view's nodes, its lines and the nodes drawn."""
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function("window.plangraphDrawn", timeout=TIMEOUT_MS, polling=20)
        drawn_ms, nodes, edges, shown = page.evaluate(
            "[window.plangraphDrawn, window.plangraph.data.nodes.length, window.plangraph.data.edges.length,"
            " window.plangraph.shown.length]")
        return drawn_ms / 1000, int(nodes), int(edges), int(shown)
    finally:
        context.close()


def time_pages(pages: list[tuple[str, Path]], plans: int, *, repeat: int = 3, triples: int = 0,
               browser: Any = None) -> list[Row]:
    """Open each ``(view, page)`` ``repeat`` times in headless Chromium (``browser``, a Playwright
    browser, or one started here); a Row per view (the median; ``peak_mb``: the largest memory of
    this process and the browser's while it drew)."""
    if browser is not None:
        return _time_pages(browser, pages, plans, repeat, triples)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        started = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            return _time_pages(started, pages, plans, repeat, triples)
        finally:
            started.close()


def _time_pages(browser: Any, pages: list[tuple[str, Path]], plans: int, repeat: int, triples: int) -> list[Row]:
    rows = []
    for view, path in pages:
        runs: list[float] = []
        with _TreeSampler(os.getpid()) as sampler:
            for _ in range(repeat):
                seconds, nodes, edges, shown = _open_once(browser, path)
                runs.append(round(seconds, 3))
        rows.append(Row(plans, stage_name(view), triples, statistics.median(runs), sampler.peak_kb / 1024,
                        runs=runs, nodes=nodes, edges=edges, drawn_nodes=shown))
    return rows


def draw_rows(sizes: list[int], *, seed: int = 0, repeat: int = 3,
              progress: Callable[[str], None] | None = None) -> list[Row]:
    """Build ``sizes`` synthetic plans each (``plangraph build``) and time their view pages."""
    from plangraph.bench.synth import write_plans
    from plangraph.publish.viz import VIEW_NAMES

    rows: list[Row] = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="plangraph-bench-") as tmp:
            if progress:
                progress(f"draw: {n} plans: generating and building ...")
            write_plans(n, Path(tmp) / "plans", seed=seed, delivery=True)
            out = Path(tmp) / "build"
            _run_build(sorted((Path(tmp) / "plans").glob("*.txt")), out)
            if progress:
                progress(f"draw: {n} plans: opening each view in Chromium ...")
            rows += time_pages([(v, out / f"{v}.html") for v in VIEW_NAMES], n, repeat=repeat)
    return rows


def draw_table(rows: list[Row]) -> str:
    lines = [f"{'plans':>5}  {'view':<16} {'nodes':>7} {'edges':>7} {'drawn':>7} {'seconds':>8}  runs"]
    for r in rows:
        view = r.stage.split(" ")[1]
        lines.append(f"{r.plans:>5}  {view:<16} {r.nodes or 0:>7} {r.edges or 0:>7} {r.drawn_nodes or 0:>7} "
                     f"{r.seconds:>8.2f}  {', '.join(f'{t:.2f}' for t in r.runs or [])}")
    return "\n".join(lines)


def draw_targets(rows: list[Row]) -> list[str]:
    """"met/MISSED  <view> drawn in Chromium at 300 plans: X s (target < 2 s)" for each view timed
    at 300 plans; without them, the times at the largest size timed, judged against nothing."""
    drawn = [r for r in rows if r.stage.startswith("draw ")]
    if not drawn:
        return []
    plans, limit = DRAW_TARGET
    at = plans if any(r.plans == plans for r in drawn) else max(r.plans for r in drawn)
    lines = []
    for r in (r for r in drawn if r.plans == at):
        view = r.stage.split(" ")[1]
        if at == plans:
            verdict = "met" if r.seconds < limit else "MISSED"
            lines.append(f"{verdict:>6}  {view} drawn in Chromium at {at} plans: {r.seconds:.2f} s "
                         f"(target < {limit:g} s)")
        else:
            lines.append(f"{'-':>6}  {view} drawn in Chromium at {at} plans: {r.seconds:.2f} s "
                         f"(the target, < {limit:g} s, is at {plans} plans)")
    return lines


def draw_stage(sizes: list[int], *, seed: int = 0, repeat: int = 3,
               progress: Callable[[str], None] | None = None) -> tuple[list[Row], list[str]]:
    """The stage run alone: its rows and the lines to print (a table and the targets), or no rows
    and one line saying why the stage was skipped."""
    missing = draw_missing()
    if missing:
        return [], [f"draw stage skipped: {missing}"]
    rows = draw_rows(sizes, seed=seed, repeat=repeat, progress=progress)
    return rows, [draw_table(rows), "", "Targets (views drawn in Chromium):", *draw_targets(rows)]
