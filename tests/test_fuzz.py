"""Fuzzed plans, every reader and every format (issue 17): a plan cut down, its rows deleted,
repeated, swapped, its cells blanked, replaced with any text or split, is then written as text,
CSV, TSV, Excel, Word or PDF and read. Each read either succeeds with every non-empty cell of
its table in a record or a note (no silent drop), or stops with a ReadError that names the
file; nothing else.

The suite's run is bounded (``PLANGRAPH_FUZZ_EXAMPLES`` cases per reader, 40 by default, the
same cases on every run). Maintainers run a longer, random one with::

    PLANGRAPH_FUZZ_EXAMPLES=2000 PLANGRAPH_FUZZ_RANDOM=1 .venv/bin/python -m pytest tests/test_fuzz.py -s -n0
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from conftest import ACTION_PLAN, KENT, REVIEW_TABLE, ROOT
from fuzz_support import _is_header, silent_drops
from plangraph.errors import ReadError
from plangraph.ingest import detect_layout, read
from plangraph.ingest.layouts import Layout, resolve_layout
from render_support import render_docx, render_pdf, render_xlsx

EXAMPLES = int(os.environ.get("PLANGRAPH_FUZZ_EXAMPLES", "40"))
RANDOM = os.environ.get("PLANGRAPH_FUZZ_RANDOM") == "1"
WINDOW = 24  # table rows kept after the header: small plans, so that a case takes milliseconds
FIGURES: Counter[str] = Counter()

# one base plan per reader: the action-plan and review-table readers' seeds, the items reader
# (Kent's layout file) and the generic layout (a real plan read by its header words alone)
BASES = {
    "action-plan": (ACTION_PLAN, None),
    "review-table": (REVIEW_TABLE, None),
    "items": (KENT, "kent-priorities-actions"),
    "generic": (ROOT / "tests" / "data" / "plans" / "dfe-school-workload-action-plan-2024.docx", None),
}
FORMATS = ("txt", "csv", "tsv", "xlsx", "docx", "pdf")


@lru_cache(maxsize=None)
def base_rows(reader: str) -> tuple[tuple[tuple[str, ...], ...], int]:
    """The base plan's lines as rows of cells, and the index of its header row."""
    path, layout = BASES[reader]
    doc, ex = read(path, layout)
    chosen = resolve_layout(layout) if layout else detect_layout(doc)
    header = next(k for k, line in enumerate(doc.lines) if _is_header(doc, line, chosen))
    return tuple(tuple(line.text.split("\t")) for line in doc.lines), header


# any printable text (control characters cannot be written into Excel or Word, and the text
# reader refuses them by design: tests/test_bad_input.py)
cell_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
edits = st.lists(st.tuples(st.sampled_from(["delete", "repeat", "swap", "blank", "replace", "append", "split",
                                            "insert"]),
                           st.integers(0, 10_000), st.integers(0, 10_000), cell_text), max_size=6)


def mutate(reader: str, start: int, changes: list[tuple[str, int, int, str]]) -> list[list[str]]:
    lines, header = base_rows(reader)
    body = lines[header + 1:]
    begin = start % max(1, len(body))
    rows = [list(r) for r in (*lines[:header + 1], *body[begin:begin + WINDOW])]
    for kind, i, j, text in changes:
        k = i % len(rows)
        row = rows[k]
        if kind == "delete" and len(rows) > 1:
            del rows[k]
        elif kind == "repeat":
            rows.insert(k, list(row))
        elif kind == "swap":
            m = j % len(rows)
            rows[k], rows[m] = rows[m], rows[k]
        elif kind == "blank":
            row[j % len(row)] = ""
        elif kind == "replace":
            row[j % len(row)] = text
        elif kind == "append":
            row.append(text)
        elif kind == "split":
            c = j % len(row)
            cut = len(row[c]) // 2
            row[c:c + 1] = [row[c][:cut], row[c][cut:]]
        elif kind == "insert":
            rows.insert(k, [text, *[""] * (j % 4)])
    return rows


def write(rows: list[list[str]], fmt: str, folder: Path) -> Path:
    text = folder / "plan.txt"
    text.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    if fmt == "txt":
        return text
    if fmt in ("csv", "tsv"):
        out = folder / f"plan.{fmt}"
        with out.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter="," if fmt == "csv" else "\t").writerows(rows)
        return out
    if fmt == "pdf":
        from reportlab.platypus.doctemplate import LayoutError

        try:
            return render_pdf(text, folder / "plan.pdf")
        except (ValueError, LayoutError):  # the tests' renderer cannot fit this table on a page
            reject()
    render = {"xlsx": render_xlsx, "docx": render_docx}[fmt]
    return render(text, folder / f"plan.{fmt}")


def check(reader: str, fmt: str, rows: list[list[str]]) -> None:
    _, layout_name = BASES[reader]
    with tempfile.TemporaryDirectory() as tmp:
        path = write(rows, fmt, Path(tmp))
        FIGURES["cases"] += 1
        try:
            doc, ex = read(path, layout_name)
        except ReadError as err:
            assert str(err).startswith(str(path)), f"an error that does not name the file: {err}"
            FIGURES["located errors"] += 1
            return
        layout: Layout = resolve_layout(layout_name) if layout_name else detect_layout(doc)
        drops = silent_drops(doc, ex, layout)
        FIGURES["silent drops"] += len(drops)
        FIGURES["read"] += 1
        assert not drops, f"{fmt}: cells in no record and no note: {drops[:5]}"


def _settings() -> settings:
    return settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not RANDOM,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("reader", sorted(BASES))
def test_a_fuzzed_plan_reads_whole_or_stops_with_a_located_error(reader: str) -> None:
    @_settings()
    @given(fmt=st.sampled_from(FORMATS), start=st.integers(0, 10_000), changes=edits)
    def case(fmt: str, start: int, changes: list[tuple[str, int, int, str]]) -> None:
        check(reader, fmt, mutate(reader, start, changes))

    case()


def test_the_fuzz_figures() -> None:
    """Runs after the cases (a module runs whole, in order): prints what they found."""
    print(f"\nfuzz: {FIGURES['cases']} cases, {FIGURES['read']} read, {FIGURES['located errors']} located "
          f"errors, {FIGURES['silent drops']} silent drops")
    assert FIGURES["cases"] >= 4 * min(EXAMPLES, 10) and FIGURES["silent drops"] == 0
