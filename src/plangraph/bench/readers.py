"""The benchmark's readers stage: plans grown large, read and analysed, timed per megabyte.

From each bundled text seed it makes, in a temporary folder, the plan ×1, ×10 and ×100 (its
priorities repeated with new numbers) and the plan with one cell grown to 10 KB and to
100 KB: a cell of numerals (a progress text) and a cell of names (a lead or evidence-source
cell, its own text repeated). Each is read by the function ``plangraph extract`` uses, and
its texts are analysed as ``plangraph build`` analyses them when it maps them: the names of
organisations and services in each text, and each progress text cut into claims with each
claim's citations and figures. A reader linear in its input costs the same per megabyte at
×100 as at ×1, and a cell the same per megabyte at 100 KB as at 10 KB.
"""

from __future__ import annotations

import gc
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from plangraph.analysis.citations import find_citations
from plangraph.analysis.claims import split_claims
from plangraph.analysis.figures import find_figures
from plangraph.analysis.resolve import find_organisations
from plangraph.analysis.services import find_services
from plangraph.ingest import detect_layout, read
from plangraph.ingest.document import Document, Line, parse_document
from plangraph.ingest.layouts import Layout
from plangraph.ingest.table import match_header
from plangraph.model.records import Extraction, Fragment

__all__ = ["READERS_STAGE", "ReaderRow", "bundled_text_seeds", "grow", "grow_cell", "analyse", "reader_rows",
           "reader_targets", "reader_table"]

READERS_STAGE = "readers"
# Per reader: the column a cell of numerals grows in and the column a cell of names grows
# in (roles of the layout files), and the column whose numbers follow the priority's
# number, with the pattern that finds them ("1a:" under priority 1).
_CELLS = {"action-plan": ("update", "lead"), "review-table": ("evidence", "sources")}
_NUMBERED = {"action-plan": ("outcome", "outcome-code")}
# Numerals as plans print them (numbers, codes, roman numerals, years, percentages), in one
# sentence that never ends and no numbered list: the whole cell is one claim.
_NUMERALS = "1 2 3 10 1a 2b i ii iii iv (i) (ii) 2016 2017/18 12% 4,000 "


@dataclass(frozen=True)
class ReaderRow:
    """One plan as grown: its size, the seconds to read it and to analyse its texts."""

    plan: str  # the seed's file name
    case: str  # "×10", "numerals cell 100 KB" ...
    megabytes: float
    read_seconds: float
    analysis_seconds: float
    records: int  # what was read: measures, rows, activities and items

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.analysis_seconds

    @property
    def per_mb(self) -> float:
        return self.seconds / self.megabytes

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "stage": READERS_STAGE, "seconds": self.seconds, "seconds_per_mb": self.per_mb}


def bundled_text_seeds() -> list[Path]:
    """The bundled seed plans printed as text (tab-separated tables)."""
    from plangraph.resources import seeds

    return [p for p in seeds() if p.suffix == ".txt"]


def _layout_of(text: str, name: str) -> tuple[Document, Layout]:
    doc = parse_document(text.encode("utf-8"), name)
    return doc, detect_layout(doc)


def _heading(line: Line, layout: Layout) -> re.Match[str] | None:
    cells = [c for c in line.cells if c.text]
    return layout.headings.match(cells[0].text) if len(cells) == 1 and layout.headings else None


def _table_row(line: Line, layout: Layout) -> bool:
    return len(line.cells) == len(layout.columns) and match_header(line, layout.columns) is None


def _number(notation: str) -> int:
    """The number a priority's notation starts with ("4" of "4a"), or 0."""
    digits = re.match(r"\d+", notation)
    return int(digits.group()) if digits else 0


def grow(text: str, copies: int, name: str = "plan.txt") -> str:
    """``text`` (a plan's) with its priorities printed ``copies`` times, each copy's priority
    numbers (and the outcome codes that follow them) moved on by the largest of the plan's."""
    doc, layout = _layout_of(text, name)
    headings = [(line, m) for line in doc.lines if (m := _heading(line, layout))]
    if not headings:
        raise ValueError(f"{name}: no priority heading to repeat")
    step = max(_number(m.group("notation")) for _, m in headings)
    role, pattern = _NUMBERED.get(layout.reader, (None, None))
    numbered = layout.pattern(pattern) if pattern else None
    first = headings[0][0].start
    edits: list[tuple[int, int, int]] = []  # (start, end, number) of each number to move on
    for line in doc.lines:
        if line.start < first:
            continue
        if (m := _heading(line, layout)) is not None:
            cell = next(c for c in line.cells if c.text)
            digits = re.match(r"\d+", m.group("notation"))
            if digits:
                at = cell.start + m.start("notation")
                edits.append((at, at + digits.end(), int(digits.group())))
        elif numbered is not None and role is not None and _table_row(line, layout):
            cell = line.cells[layout.position(role)]
            found = numbered.match(cell.text)
            if found and "number" in found.groupdict():
                edits.append((cell.start + found.start("number"), cell.start + found.end("number"),
                              int(found.group("number"))))
    body = text[first:]
    pieces = [text[:first]]
    for k in range(copies):
        pos = first
        for start, end, number in edits:
            pieces += [text[pos:start], str(number + k * step)]
            pos = end
        pieces.append(text[pos:])
        if k + 1 < copies and not body.endswith("\n"):
            pieces.append("\n")
    return "".join(pieces)


def grow_cell(text: str, kind: str, size: int, name: str = "plan.txt") -> str:
    """``text`` with one cell grown to ``size`` characters: ``kind`` "numerals" (the first
    progress text, numerals added) or "names" (the first lead or source cell, its own text
    repeated after a comma)."""
    doc, layout = _layout_of(text, name)
    role = _CELLS[layout.reader][0 if kind == "numerals" else 1]
    column = layout.position(role)
    cell = next(line.cells[column] for line in doc.lines
                if _table_row(line, layout) and line.cells[column].text)
    unit = _NUMERALS if kind == "numerals" else f", {cell.text}"
    more = max(0, size - len(cell.text))
    filler = (unit * (more // len(unit) + 1))[:more].rstrip(", ")
    return text[:cell.end] + (" " if kind == "numerals" else "") + filler + text[cell.end:]


def analyse(doc: Document, ex: Extraction) -> int:
    """Run on ``ex``'s texts the analysis ``plangraph build`` runs when it maps them (the
    same functions on the same texts as ``rdf/structure.py``, ``rdf/evidence.py`` and
    ``rdf/items.py``); returns how many figures were found."""
    progress = [r.update for r in ex.rows] + [a.evidence for a in ex.activities] + [i.progress for i in ex.items]
    named: list[Fragment | None] = [m.text for m in ex.measures]
    named += [a.text for a in ex.activities] + [c.printed for a in ex.activities for c in a.sources] + progress
    for fragment in named:
        if fragment is not None:
            find_services(fragment.text)
            find_organisations(fragment.text)
    figures = 0
    for fragment in progress:
        for claim in split_claims(fragment, doc):
            find_citations(claim.fragment.text)
            figures += len(find_figures(claim.fragment.text))
    for item in ex.items:
        for part in (item.baseline, item.target):
            if part is not None:
                figures += len(find_figures(part.text))
    return figures


def _best(run: Callable[[], Any], repeat: int, budget: float = 3.0) -> tuple[float, Any]:
    """The least of up to ``repeat`` timed runs (fewer once ``budget`` seconds are spent)."""
    best, result, spent = float("inf"), None, 0.0
    for _ in range(max(1, repeat)):
        gc.collect()
        start = time.perf_counter()
        result = run()
        took = time.perf_counter() - start
        best, spent = min(best, took), spent + took
        if spent > budget:
            break
    return best, result


def _cases(seed: Path, copies: Iterable[int], cell_sizes: Iterable[int]) -> list[tuple[str, str]]:
    text = seed.read_text(encoding="utf-8")
    cases = [(f"×{n}", grow(text, n, seed.name)) for n in copies]
    for kind in ("numerals", "names"):
        cases += [(f"{kind} cell {size // 1000} KB", grow_cell(text, kind, size, seed.name)) for size in cell_sizes]
    return cases


def reader_rows(seeds: list[Path] | None = None, *, copies: Iterable[int] = (1, 10, 100),
                cell_sizes: Iterable[int] = (10_000, 100_000), repeat: int = 3,
                progress: Callable[[str], None] | None = None) -> list[ReaderRow]:
    """One row per grown plan of each seed (default: the bundled text seeds)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="plangraph-readers-") as tmp:
        for seed in seeds if seeds is not None else bundled_text_seeds():
            read(seed)  # the layouts and reference data, loaded once before timing
            for case, text in _cases(seed, copies, cell_sizes):
                if progress:
                    progress(f"readers: {seed.name} {case}")
                path = Path(tmp) / f"{seed.stem}-{re.sub(r'[^a-z0-9]+', '-', case.replace('×', 'x'))}.txt"
                path.write_text(text, encoding="utf-8")
                read_s, (doc, ex) = _best(lambda: read(path), repeat)
                analysis_s, _ = _best(lambda: analyse(doc, ex), repeat)
                records = len(ex.measures) + len(ex.rows) + len(ex.activities) + len(ex.items)
                rows.append(ReaderRow(seed.name, case, path.stat().st_size / 1e6, read_s, analysis_s, records))
    return rows


def reader_targets(rows: list[ReaderRow]) -> list[tuple[str, float, float, str]]:
    """(name, value, limit, unit): per seed, ×100 costs no more per MB than 1.5 times ×1; a
    grown cell costs no more per MB at its largest than 1.5 times at its smallest (give or
    take the timer's noise on the few milliseconds a small cell adds)."""
    out = []
    for plan in dict.fromkeys(r.plan for r in rows):
        mine = [r for r in rows if r.plan == plan]
        grown = sorted((r for r in mine if r.case.startswith("×")), key=lambda r: int(r.case[1:]))
        if len(grown) > 1:
            base, top = grown[0], grown[-1]
            out.append((f"readers linear, {plan} {top.case} (≤ 1.5× its {base.case} figure, {base.per_mb:.2f} s/MB)",
                        top.per_mb, 1.5 * base.per_mb, "s/MB"))
        for kind in ("numerals", "names"):
            cells = sorted((r for r in mine if r.case.startswith(kind)), key=lambda r: r.megabytes)
            if len(cells) > 1 and grown:
                small, large = (_cell_cost(c, grown[0]) for c in (cells[0], cells[-1]))
                out.append((f"readers linear, {plan} {cells[-1].case}, per MB of cell (≤ 1.5× at "
                            f"{cells[0].case.split()[-2]} KB, {small:.2f} s/MB, + {_NOISE:g} s/MB)", large,
                            1.5 * small + _NOISE, "s/MB"))
    return out


# What a small cell adds is a few milliseconds: its cost per MB is known to within about this.
_NOISE = 1.0


def _cell_cost(row: ReaderRow, plain: ReaderRow) -> float:
    """Seconds per MB the grown cell adds to the plan as printed."""
    return max(row.seconds - plain.seconds, 0.0) / max(row.megabytes - plain.megabytes, 1e-9)


def reader_table(rows: list[ReaderRow]) -> str:
    """The rows as a table: plan, case, size, seconds to read and to analyse, seconds per MB."""
    width = max([len(r.plan) for r in rows] + [4])
    lines = [f"{'plan':<{width}}  {'case':<22} {'MB':>7} {'records':>8} {'read s':>8} {'analyse s':>10} "
             f"{'s/MB':>7}"]
    for r in rows:
        lines.append(f"{r.plan:<{width}}  {r.case:<22} {r.megabytes:>7.3f} {r.records:>8} {r.read_seconds:>8.3f} "
                     f"{r.analysis_seconds:>10.3f} {r.per_mb:>7.2f}")
    return "\n".join(lines)
