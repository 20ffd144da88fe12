"""The ``plangraph`` command: extract on the bundled seeds, --out, --help, --version."""

from __future__ import annotations

import importlib.metadata
import json
import re
from pathlib import Path
from typing import Any

import pytest

import plangraph
from plangraph.cli import cli, main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ACTION_PLAN = SEEDS / "nottingham-cypp-2016-2020-action-plan.txt"
REVIEW = SEEDS / "nottinghamshire-cyp-plan-review-2018.txt"


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ``extract --format json`` of every bundled seed (Kent's PDF among them: a few seconds), run by
# two tests: its (code, stdout, stderr), run once in each process
_EXTRACT_JSON = ["extract", "--format", "json"]
_ran: dict[tuple[str, ...], tuple[int, str, str]] = {}


def _run_once(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    """``_run(capsys, argv)``, or what it gave the first time in this process (for commands that
    only read the bundled seeds and print, so that each run prints the same)."""
    if tuple(argv) not in _ran:
        _ran[tuple(argv)] = _run(capsys, argv)
    return _ran[tuple(argv)]


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))


def test_extract_json_on_bundled_seeds(capsys: pytest.CaptureFixture[str], manifest: dict[str, Any]) -> None:
    code, out, err = _run_once(capsys, _EXTRACT_JSON)
    assert code == 0, err
    assert err == ""
    data = json.loads(out)
    assert list(data) == ["documents"]
    docs = data["documents"]
    assert len(docs) == 3
    # seeds() gives the plans in the order of the manifest
    assert [d["plan"]["file"] for d in docs] == [p["file"] for p in manifest["plans"]]
    assert [d["plan"]["layout"] for d in docs] == ["review-table", "action-plan", "kent-priorities-actions"]
    by_layout = {d["plan"]["layout"]: d for d in docs}
    for entry in manifest["plans"]:
        plan = by_layout[entry["layout"]]["plan"]
        assert plan["slug"] == entry["slug"]
        assert plan["title"] == entry["title"]
    review, action, kent = by_layout["review-table"], by_layout["action-plan"], by_layout["kent-priorities-actions"]
    assert review["activities"] and "measures" not in review
    assert kent["items"] and "measures" not in kent and "activities" not in kent
    for key in ("outcomes", "measures", "rows"):
        assert action[key], key
    assert "activities" not in action
    for doc in (review, action):
        assert doc["priorities"]
    assert kent["headings"] and kent["code_key"]
    for doc in docs:
        assert isinstance(doc["notes"], list)


def test_extract_json_records_point_at_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["extract", str(ACTION_PLAN), "--format", "json"])
    assert code == 0
    (doc,) = json.loads(out)["documents"]
    text = ACTION_PLAN.read_text(encoding="utf-8")
    lines = text.split("\n")
    # The first measure of the plan is 1a i) on line 8 (see the seed).
    first = doc["measures"][0]
    assert first["outcome_code"] == "1a" and first["numeral"] == "i"
    assert first["text"]["text"] == "Percentage of women reporting smoking at time of delivery"
    assert first["text"]["lines"] == [8, 8]
    assert text[first["text"]["start"]:first["text"]["end"]] == first["text"]["text"]
    assert first["text"]["text"] in lines[7]
    officers = [m["name"] for m in first["lead"]["officers"]]
    assert officers == ["Helene Denness", "Alicia Rowley"]


def test_extract_table_shows_summaries_measures_and_officers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["extract"])
    assert code == 0, err
    # one summary line per plan: "FILE [LAYOUT] title: counts"
    assert f"{REVIEW.name} [review-table]" in out
    assert f"{ACTION_PLAN.name} [action-plan]" in out
    # a measure of the action plan (1a iv, line 14) and an officer named in its lead cells
    assert "rate of infant mortality" in out
    assert "Helene Denness" in out
    assert "Performance measures" in out
    assert out.index(f"{REVIEW.name} [review-table]") < out.index(f"{ACTION_PLAN.name} [action-plan]")


def test_extract_table_of_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["extract", str(ACTION_PLAN)])
    assert code == 0
    assert f"{ACTION_PLAN.name} [action-plan]" in out
    assert f"{REVIEW.name}" not in out


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_out_writes_what_stdout_shows(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout_text, _ = _run_once(capsys, ["extract", "--format", fmt])
    assert code == 0
    out_file = tmp_path / "sub" / f"extract.{fmt}"
    code, printed, err = _run(capsys, ["extract", "--format", fmt, "--out", str(out_file)])
    assert code == 0, err
    assert printed == ""
    written = out_file.read_text(encoding="utf-8")
    if fmt == "json":
        assert written == stdout_text
        assert json.loads(written) == json.loads(stdout_text)
    else:
        # the table is laid out the same way; compare its text line by line, ignoring
        # trailing blanks that a terminal export may add or drop
        assert [ln.rstrip() for ln in written.splitlines()] == [ln.rstrip() for ln in stdout_text.splitlines()]


def test_out_replaces_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "extract.json"
    out_file.write_text("old\n", encoding="utf-8")
    code, _, err = _run(capsys, ["extract", str(REVIEW), "--format", "json", "--out", str(out_file)])
    assert code == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert [d["plan"]["layout"] for d in data["documents"]] == ["review-table"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["extract.json"]


def test_forced_review_layout_on_action_plan_is_a_clear_read_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, ["extract", str(ACTION_PLAN), "--layout", "review-table"])
    assert code == 3, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"plangraph: error: {ACTION_PLAN}:")
    assert "expected" in err


def test_layout_named_explicitly_reads_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    code, detected, _ = _run(capsys, ["extract", str(ACTION_PLAN), "--format", "json"])
    assert code == 0
    code, forced, _ = _run(capsys, ["extract", str(ACTION_PLAN), "--format", "json", "--layout", "action-plan"])
    assert code == 0
    assert json.loads(forced) == json.loads(detected)


def test_help_lists_extract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["--help"])
    assert code == 0
    assert re.search(r"^\s+extract\b", out, re.MULTILINE), out
    assert "--version" in out and "--debug" in out


def test_extract_help_lists_its_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["extract", "--help"])
    assert code == 0
    for option in ("--format", "--layout", "--out", "--debug"):
        assert option in out
    assert "action-plan" in out and "review-table" in out


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = sorted(cli.commands)
    assert commands, "the CLI has no commands"
    missing = [
        name for name in commands
        if not re.search(rf"\bplangraph(?:\s+--?[\w-]+)*\s+{re.escape(name)}\b", readme)
    ]
    assert not missing, f"commands not mentioned in README.md: {missing}"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ["--version"])
    assert code == 0
    assert plangraph.__version__ in out
    assert importlib.metadata.version("plangraph") == plangraph.__version__
    assert re.fullmatch(rf"plangraph\b.*\b{re.escape(plangraph.__version__)}", out.strip()), out
