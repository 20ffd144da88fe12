"""``plangraph layout init`` drafts a layout file from a plan's header row; ``plangraph layout
check`` validates it and shows what it reads: the three steps of reading a plan of a new layout."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from plangraph.cli import main
from plangraph.ingest import read_plan

PLANS = Path(__file__).parent / "data" / "plans"
WORKBOOK = PLANS / "wsx-smokefree-action-plan-update-2020.xlsx"
WORD = PLANS / "wsx-smokefree-action-plan-2022.docx"


def test_init_drafts_a_valid_layout_that_reads_the_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["layout", "init", str(WORD)]) == 0
    draft = capsys.readouterr().out
    data = yaml.safe_load(draft)
    assert [(c["label"], c["role"]) for c in data["tables"][0]["columns"]] == [
        ("Action", "item"), ("Description", "description"), ("What does success look like?", "measures"),
        ("Which partners are involved", "partners"), ("Status", "status"), ("Latest update", "progress")]
    assert "# from the header row at wsx-smokefree-action-plan-2022.docx table 1 row 1." in draft
    layout = tmp_path / "smokefree.yaml"
    layout.write_text(draft, encoding="utf-8")
    assert main(["layout", "check", str(layout), str(WORD)]) == 0
    out = capsys.readouterr().out
    assert f"{layout}: a valid layout 'wsx-smokefree-action-plan-2022' (reader items; action: Action | " in out
    assert ": 88 actions, 0 codes in the key, 0 notes" in out
    assert len(read_plan(WORD, str(layout)).items) == 88


def test_a_draft_says_what_it_could_not_guess_and_check_names_it(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    layout = tmp_path / "update.yaml"
    assert main(["layout", "init", str(WORKBOOK), "--out", str(layout)]) == 0
    assert f"Wrote {layout}: check the roles, then: plangraph layout check {layout} {WORKBOOK}" in capsys.readouterr().err
    draft = layout.read_text(encoding="utf-8")
    assert "# No column was recognised as the item (the action itself): give one of them role: item" in draft
    assert "{role: ignore, label: 'ap_title', header: ['^ap_title$']}  # not recognised" in draft
    # "January update" names progress too, but "progress" came first: a role names one column
    assert "{role: ignore, label: 'January update', header: ['^january update$']}  # not recognised, or its role" in draft
    assert draft.count("role: progress") == 1
    assert main(["layout", "check", str(layout), str(WORKBOOK)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{layout}: tables/0: the action table needs a column with role 'item'" in err
    # the user says which column is the item: the plan reads
    layout.write_text(draft.replace("{role: ignore, label: 'ap_title'", "{role: item, label: 'ap_title'"),
                      encoding="utf-8")
    assert main(["layout", "check", str(layout), str(WORKBOOK)]) == 0
    out = capsys.readouterr().out
    assert ": 71 actions, 0 codes in the key, " in out
    assert "column-not-read notes (plangraph extract" in out


def test_init_on_a_file_with_no_table_is_one_line_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prose = tmp_path / "letter.txt"
    prose.write_text("Dear colleagues,\n\nThank you for your work this year.\n", encoding="utf-8")
    assert main(["layout", "init", str(prose)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{prose}:1: no table row to draft a layout from" in err


def test_check_without_a_plan_validates_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    bundled = Path(__file__).parents[1] / "layouts" / "kent-priorities-actions.yaml"
    assert main(["layout", "check", str(bundled)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{bundled}: a valid layout 'kent-priorities-actions' (reader items; commitment: "
                          "What we have committed to | Led by | Timescale | Measure | Shared Outcome, indicator: ")
