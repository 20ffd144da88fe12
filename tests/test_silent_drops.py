"""Nothing a reader recognised is dropped silently (issue 17, finding 3): table rows before the
table's header or first heading were lost with no record and no note, and validation said "All
checks passed". Each is now a note, and each note of text not read a validation warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ACTION_PLAN, REVIEW_TABLE
from plangraph.ingest import read_plan
from plangraph.pipeline import build

NOT_READ = "Text of the plan that was not read into the graph (the note says why): check it in the printed plan."


def _without_first_heading_and_header(seed: Path, tmp: Path) -> tuple[Path, list[int]]:
    """The seed with its first priority heading and its first header row deleted; and the line
    numbers (in the new file) of the table rows that then stand before any heading or header."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    heading = next(k for k, ln in enumerate(lines) if ln.startswith("Priority"))
    header = next(k for k, ln in enumerate(lines) if k > heading and "\t" in ln)
    kept = [ln for k, ln in enumerate(lines) if k not in (heading, header)]
    nxt = next(k for k, ln in enumerate(kept) if ln.startswith("Priority"))
    orphans = [k + 1 for k, ln in enumerate(kept[:nxt])
               if "\t" in ln and ln.strip() and ln != lines[header]]  # table rows (a repeated header is none)
    path = tmp / seed.name
    path.write_text("\n".join(kept), encoding="utf-8")
    return path, orphans


@pytest.mark.parametrize("seed", [REVIEW_TABLE, ACTION_PLAN], ids=["review", "action-plan"])
def test_rows_before_the_first_header_are_notes_and_warnings(seed: Path, tmp_path: Path) -> None:
    path, orphans = _without_first_heading_and_header(seed, tmp_path)
    assert len(orphans) >= 5  # the rows of the first priority's table
    ex = read_plan(path)
    notes = [n for n in ex.notes if n.code == "row-before-header"]
    assert [n.span.line_start for n in notes] == orphans
    result = build([path], tmp_path / "out", jobs=1)
    warnings = [r for r in result.report.results if r.message == NOT_READ]
    assert sorted(r.location for r in warnings) == sorted(f"{path.name}:{line}" for line in orphans)
    assert "All checks passed" not in (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8")
