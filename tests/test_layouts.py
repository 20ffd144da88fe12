"""Layout files: the bundled ones load against the schema, a user's own file reads a table
worded and ordered differently with no code, and a broken file is one line naming it."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from plangraph.cli import main
from plangraph.errors import ReadError
from plangraph.ingest import read_plan
from plangraph.ingest.layouts import bundled_layouts, load_layout

REPO = Path(__file__).resolve().parents[1]
LAYOUTS = REPO / "layouts"
REVIEW = REPO / "seeds" / "nottinghamshire-cyp-plan-review-2018.txt"
ACTION_PLAN = REPO / "seeds" / "nottingham-cypp-2016-2020-action-plan.txt"
SRC = REPO / "src" / "plangraph"


@pytest.mark.parametrize("path", sorted(LAYOUTS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_layout_is_valid_against_the_schema(path: Path) -> None:
    schema = json.loads((LAYOUTS / "layout.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert load_layout(path).name == path.stem


def test_the_bundled_layouts_are_the_seeds_layouts_and_kents() -> None:
    assert sorted(bundled_layouts()) == ["action-plan", "kent-priorities-actions", "review-table"]


def _code_strings(path: Path) -> list[str]:
    """The string literals of a module that are not docstrings (what the code matches on)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_no_seed_header_words_remain_in_python() -> None:
    # the header cells of the two seeds' tables, as the layout files match them
    words = ["performance measure", "key activit", "evidence source", "evidence of achievement",
             "lead organisation", "end of year update", "outcomes?", "priority\\s"]
    # (the readers; the model's own words, "measure" and "activity", name what is read, not where)
    found = [(str(path.relative_to(REPO)), word) for path in (SRC / "ingest").rglob("*.py")
             for text in _code_strings(path) for word in words if word in text.lower()]
    assert found == []


def _reordered_review(tmp: Path) -> Path:
    """The review seed with its columns in another order and other header words."""
    out = []
    for line in REVIEW.read_text(encoding="utf-8").split("\n"):
        cells = line.split("\t")
        if len(cells) == 4:
            number, activity, source, evidence = cells
            if activity.strip() == "Key activities":
                number, activity, source, evidence = "Ref", "What we did", "Where the evidence is", "What changed"
            cells = [activity, number, evidence, "", source]
        out.append("\t".join(cells))
    path = tmp / "reordered.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return path


REORDERED_LAYOUT = """\
name: our-review
title: Our review (what we did | ref | what changed | comments | where the evidence is)
reader: review-table
columns:
  - {role: activity, label: What we did, header: ['^what we did$']}
  - {role: number, label: Ref, header: ['^ref$']}
  - {role: evidence, label: What changed, header: ['^what changed$']}
  - {role: ignore, label: Comments, header: ['^comments$', '^$'], printed-empty: true}
  - {role: sources, label: Where the evidence is, header: ['^where the evidence is$']}
hierarchy:
  headings: '^priority\\s+(?P<notation>\\d+)\\s+(?P<title>\\S.*)$'
patterns:
  item-number: '^\\d+$'
"""


def test_a_layout_file_reads_a_reordered_renamed_table_to_the_same_records(tmp_path: Path) -> None:
    layout = tmp_path / "our-review.yaml"
    layout.write_text(REORDERED_LAYOUT, encoding="utf-8")
    ours = read_plan(_reordered_review(tmp_path), str(layout))
    seed = read_plan(REVIEW)
    assert ours.plan.layout == "our-review"
    assert [(a.key, a.text.text) for a in ours.activities] == [(a.key, a.text.text) for a in seed.activities]
    assert [[s.text for s in a.sources] for a in ours.activities] == \
        [[s.text for s in a.sources] for a in seed.activities]
    assert [a.evidence.text if a.evidence else None for a in ours.activities] == \
        [a.evidence.text if a.evidence else None for a in seed.activities]


def test_text_in_a_column_the_layout_ignores_becomes_a_note(tmp_path: Path) -> None:
    layout = tmp_path / "our-review.yaml"
    layout.write_text(REORDERED_LAYOUT, encoding="utf-8")
    path = _reordered_review(tmp_path)
    lines = path.read_text(encoding="utf-8").split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.split("\t")[1:2] == ["3"])
    cells = lines[k].split("\t")
    cells[3] = "Checked by the board in May"
    lines[k] = "\t".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    notes = [n for n in read_plan(path, str(layout)).notes if n.code == "column-not-read"]
    assert len(notes) == 1
    assert "Comments" in notes[0].message and "Checked by the board in May" in notes[0].message
    assert notes[0].span.line_start == k + 1


BROKEN = {
    "not-yaml": ("name: x\ncolumns: [\n", r"layout\.yaml:\d+: not valid YAML"),
    "unknown-role": (REORDERED_LAYOUT.replace("role: ignore", "role: owner"),
                     r"columns/3/role: 'owner' is not one of"),
    "unknown-key": (REORDERED_LAYOUT + "colour: blue\n", r"\(top level\): Additional properties .*'colour'"),
    "bad-regex": (REORDERED_LAYOUT.replace("'^ref$'", "'^ref($'"),
                  r"columns/1/header: the pattern .* is not a valid regular expression"),
    "missing-role": (REORDERED_LAYOUT.replace("role: sources", "role: ignore"),
                     r"the review-table reader needs a column with role 'sources'"),
    "role-twice": (REORDERED_LAYOUT.replace("role: evidence", "role: activity"),
                   r"the role 'activity' is given to two columns"),
    "heading-without-groups": (REORDERED_LAYOUT.replace("(?P<notation>", "("),
                               r"hierarchy/headings: the pattern needs the named groups"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_layout_file_is_one_line_naming_it_exit_3(
        kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text, pattern = BROKEN[kind]
    layout = tmp_path / "layout.yaml"
    layout.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", str(REVIEW), "--layout", str(layout), "--out", str(out), "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 3, err
    assert err.count("\n") == 1 and str(layout) in err
    assert re.search(pattern, err), err
    assert not out.exists()


def test_an_unknown_layout_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(REVIEW), "--layout", "kent"]) == 2
    err = capsys.readouterr().err
    assert "unknown layout 'kent'" in err and "action-plan, kent-priorities-actions, review-table" in err


def test_a_missing_layout_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such layout file"):
        read_plan(REVIEW, str(tmp_path / "nowhere.yaml"))


def test_a_table_no_layout_recognises_names_the_cells_it_found(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = _reordered_review(tmp_path)
    assert main(["extract", str(path)]) == 3
    err = capsys.readouterr().err
    assert "no table header row that a layout recognises" in err
    assert "What we did | Ref | What changed |  | Where the evidence is" in err
    assert "plangraph layout init reordered.txt > my-layout.yaml, then read it with --layout my-layout.yaml" in err
