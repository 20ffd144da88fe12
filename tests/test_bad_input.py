"""Bad input gives a one-line error naming the file, the line and what was expected.

The issue: "Bad input — an empty file, a binary file, a file in another encoding, a
table with a missing column, an unknown layout — gives a one-line error naming the
file, the line and what was expected, and a non-zero exit; a traceback only with
--debug."

Every bad input is built in ``tmp_path`` from the real seeds (or from scratch), so the
line each error should name is known from how the file was made.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from plangraph.cli import main
from plangraph.errors import ReadError

REPO = Path(__file__).resolve().parent.parent
ACTION_PLAN = REPO / "seeds" / "nottingham-cypp-2016-2020-action-plan.txt"
REVIEW = REPO / "seeds" / "nottinghamshire-cyp-plan-review-2018.txt"
PLANGRAPH = Path(sys.executable).parent / "plangraph"

UPDATE_HEADER = "End of Year Update on Actions from 2016-2017"


def _seed_lines(path: Path) -> list[str]:
    # split("\n") keeps line numbers exact: element k is line k + 1.
    return path.read_text(encoding="utf-8").split("\n")


def _first_line_with(lines: list[str], predicate: Callable[[str], bool]) -> int:
    """1-based number of the first line for which ``predicate`` holds."""
    return next(k for k, line in enumerate(lines, start=1) if predicate(line))


# -- builders: each writes a bad file into a folder and returns (path, line to report) --


@dataclass(frozen=True)
class Bad:
    path: Path
    line: int | None  # the line the error must name; None: no line is meaningful
    says: tuple[str, ...] = ()  # further words the message must hold (case-insensitive)


def _empty(tmp: Path) -> Bad:
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return Bad(path, None, ("empty",))


def _whitespace_only(tmp: Path) -> Bad:
    path = tmp / "blank.txt"
    path.write_bytes(b"  \n\t\n\r\n   \n")
    return Bad(path, None, ("empty",))


def _fake_pdf(tmp: Path) -> Bad:
    # The first NUL byte stands on line 5; nothing before it is invalid UTF-8.
    path = tmp / "plan.pdf.txt"
    path.write_bytes(
        b"%PDF-1.7\n1 0 obj\n<< /Length 64 /Filter /FlateDecode >>\nstream\n"
        b"x\x9c\x00\x01\x02\x03binary\x00\x00\nendstream\nendobj\n"
    )
    return Bad(path, 5, ("binary",))


def _undecodable(tmp: Path) -> Bad:
    # Byte 0x81 on line 8 is neither UTF-8 nor Windows-1252 (which leaves 0x81 unassigned):
    # the text cannot be read without being told its encoding.
    lines = _seed_lines(ACTION_PLAN)
    data = "\n".join(lines).encode("utf-8").split(b"\n")
    data[7] = data[7] + b" \x81\x81"
    path = tmp / "undecodable.txt"
    path.write_bytes(b"\n".join(data))
    return Bad(path, 8, ("UTF-8", "Windows-1252", "--encoding"))


def _action_plan_without_update_column(tmp: Path) -> Bad:
    # Drop the third column ("End of Year Update ...") from every header and row.
    lines = _seed_lines(ACTION_PLAN)
    out = []
    for line in lines:
        cells = line.split("\t")
        if len(cells) == 4:
            del cells[2]
        out.append("\t".join(cells))
    first_header = _first_line_with(lines, lambda s: UPDATE_HEADER in s)
    assert first_header == 7 and UPDATE_HEADER not in "\n".join(out)
    path = tmp / "no-update-column.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return Bad(path, first_header, ("End of Year Update",))


def _action_plan_header_without_update(tmp: Path) -> Bad:
    # Only the header rows lose the column; the data rows still have four cells.
    lines = _seed_lines(ACTION_PLAN)
    out = [
        line.replace(f"\t{UPDATE_HEADER}", "") if UPDATE_HEADER in line else line for line in lines
    ]
    path = tmp / "header-without-update.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return Bad(path, _first_line_with(lines, lambda s: UPDATE_HEADER in s), ("End of Year Update",))


def _review_without_source_column(tmp: Path) -> Bad:
    # Drop the "Evidence source" column (the third) from the review table.
    lines = _seed_lines(REVIEW)
    out = []
    for line in lines:
        cells = line.split("\t")
        if len(cells) == 4:
            del cells[2]
        out.append("\t".join(cells))
    header = _first_line_with(lines, lambda s: "Evidence source" in s and "Key activities" in s)
    path = tmp / "no-source-column.txt"
    path.write_text("\n".join(out), encoding="utf-8")
    return Bad(path, header, ("Evidence source",))


def _row_missing_a_cell(tmp: Path) -> Bad:
    # Line 8, the first data row, loses its lead-organisation cell: 3 cells, not 4.
    lines = _seed_lines(ACTION_PLAN)
    target = 8
    cells = lines[target - 1].split("\t")
    assert len(cells) == 4 and cells[0].startswith("1a:")
    lines[target - 1] = "\t".join(cells[:3])
    path = tmp / "short-row.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return Bad(path, target, ("4",))


def _row_with_extra_cell(tmp: Path) -> Bad:
    # Line 14 (a data row) gets a fifth cell.
    lines = _seed_lines(ACTION_PLAN)
    target = 14
    cells = lines[target - 1].split("\t")
    assert len(cells) == 4 and cells[1].startswith("iv)")
    lines[target - 1] = lines[target - 1] + "\tstray text"
    path = tmp / "long-row.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return Bad(path, target, ("4",))


def _review_row_missing_a_cell(tmp: Path) -> Bad:
    lines = _seed_lines(REVIEW)
    target = _first_line_with(lines, lambda s: s.startswith("2\t"))
    cells = lines[target - 1].split("\t")
    assert len(cells) == 4
    lines[target - 1] = "\t".join(cells[:2] + cells[3:])
    path = tmp / "review-short-row.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return Bad(path, target, ("4",))


def _prose(tmp: Path) -> Bad:
    path = tmp / "minutes.txt"
    path.write_text(
        "Minutes of the Westshire Children's Partnership\n"
        "\n"
        "The board met on 3 May 2019. Members discussed the plan and agreed to meet again.\n"
        "No table was presented at the meeting.\n",
        encoding="utf-8",
    )
    return Bad(path, None, ("layout",))


def _missing(tmp: Path) -> Bad:
    return Bad(tmp / "no-such-plan.txt", None)


def _folder(tmp: Path) -> Bad:
    path = tmp / "a-folder.txt"
    path.mkdir()
    return Bad(path, None)


BUILDERS = {
    "empty": _empty,
    "whitespace-only": _whitespace_only,
    "fake-pdf-nul-bytes": _fake_pdf,
    "neither-utf8-nor-cp1252": _undecodable,
    "action-plan-missing-update-column": _action_plan_without_update_column,
    "action-plan-header-missing-update": _action_plan_header_without_update,
    "review-missing-source-column": _review_without_source_column,
    "row-missing-a-cell": _row_missing_a_cell,
    "row-with-extra-cell": _row_with_extra_cell,
    "review-row-missing-a-cell": _review_row_missing_a_cell,
    "prose-unknown-layout": _prose,
    "nonexistent-path": _missing,
    "folder-not-file": _folder,
}


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_bad_input_gives_one_line_error(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = BUILDERS[kind](tmp_path)
    code, out, err = _run(capsys, ["extract", str(bad.path)])

    assert code == 3, f"exit code {code} for {kind}; stderr: {err!r}"
    assert out == "", f"nothing should be printed on stdout; got {out[:200]!r}"
    assert err.endswith("\n")
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {err!r}"
    message = lines[0]
    assert "Traceback" not in err
    assert message.startswith("plangraph: error: "), message
    assert str(bad.path) in message, f"the message does not name the file: {message!r}"
    if bad.line is not None:
        assert f"{bad.path}:{bad.line}:" in message, (
            f"the message does not name line {bad.line}: {message!r}"
        )
    assert "expected" in message, f"the message does not say what was expected: {message!r}"
    for word in bad.says:
        assert word.lower() in message.lower(), f"{word!r} not in {message!r}"


@pytest.mark.parametrize("where", ["before-command", "after-files"])
@pytest.mark.parametrize("kind", ["empty", "neither-utf8-nor-cp1252", "action-plan-missing-update-column"])
def test_debug_lets_the_error_propagate(kind: str, where: str, tmp_path: Path) -> None:
    bad = BUILDERS[kind](tmp_path)
    argv = (["--debug", "extract", str(bad.path)] if where == "before-command"
            else ["extract", str(bad.path), "--debug"])
    with pytest.raises(ReadError) as info:
        main(argv)
    assert str(bad.path) in str(info.value)
    if bad.line is not None:
        assert info.value.line == bad.line


def test_console_script_traceback_only_with_debug(tmp_path: Path) -> None:
    bad = _action_plan_without_update_column(tmp_path)
    plain = subprocess.run([str(PLANGRAPH), "extract", str(bad.path)],
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert plain.returncode == 3, plain.stderr
    assert plain.stdout == ""
    assert "Traceback" not in plain.stderr
    assert len(plain.stderr.splitlines()) == 1, plain.stderr
    assert f"{bad.path}:{bad.line}:" in plain.stderr
    assert "expected" in plain.stderr

    debug = subprocess.run([str(PLANGRAPH), "--debug", "extract", str(bad.path)],
                           capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert debug.returncode != 0
    assert "Traceback (most recent call last)" in debug.stderr, debug.stderr
    assert "ReadError" in debug.stderr
    assert str(bad.path) in debug.stderr


@pytest.mark.parametrize(
    "argv, word",
    [
        (["extract", "--layout", "nonsense"], "nonsense"),
        (["extract", "--format", "xml"], "xml"),
        (["extract", "--no-such-option"], "--no-such-option"),
        (["no-such-command"], "no-such-command"),
    ],
)
def test_usage_error_exits_2(argv: list[str], word: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, argv)
    assert code == 2, f"exit code {code}; stderr {err!r}"
    assert word in err
    assert "Traceback" not in err
    assert out == ""


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_bad_second_file_writes_nothing_to_out(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _empty(tmp_path)
    out_file = tmp_path / "out" / "result.txt"
    out_file.parent.mkdir()
    out_file.write_text("old content\n", encoding="utf-8")
    code, out, err = _run(
        capsys, ["extract", str(ACTION_PLAN), str(bad.path), "--format", fmt, "--out", str(out_file)]
    )
    assert code == 3, err
    assert str(bad.path) in err and len(err.splitlines()) == 1
    assert out_file.read_text(encoding="utf-8") == "old content\n"
    # no temporary file is left beside it either
    assert sorted(p.name for p in out_file.parent.iterdir()) == ["result.txt"]
    assert out == ""


def test_bad_second_file_creates_no_out_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _fake_pdf(tmp_path)
    out_file = tmp_path / "result.json"
    code, _, err = _run(capsys, ["extract", str(REVIEW), str(bad.path), "--format", "json",
                                 "--out", str(out_file)])
    assert code == 3, err
    assert not out_file.exists()


def test_forced_review_layout_on_action_plan_is_a_read_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Line 7 is the first tab-separated row of the action plan: its header, which is not
    # a review-table row (no activity number in its first cell).
    lines = _seed_lines(ACTION_PLAN)
    first_table_line = _first_line_with(lines, lambda s: "\t" in s)
    assert first_table_line == 7
    code, out, err = _run(capsys, ["extract", str(ACTION_PLAN), "--layout", "review-table"])
    assert code == 3, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert f"{ACTION_PLAN}:{first_table_line}:" in err
    assert "expected" in err


def test_forced_action_plan_layout_on_review_is_a_read_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = _seed_lines(REVIEW)
    first_table_line = _first_line_with(lines, lambda s: "\t" in s)
    code, out, err = _run(capsys, ["extract", str(REVIEW), "--layout", "action-plan"])
    assert code == 3, err
    assert out == ""
    assert len(err.splitlines()) == 1, err
    assert f"{REVIEW}:{first_table_line}:" in err
    assert "expected" in err


@pytest.mark.parametrize(("manifest", "line", "problem"), [
    ('{"plans": [\n', 2, "is not valid JSON (Expecting value at column 1)"),
    ('{"plans": {"file": "plan.txt"}}', None, "holds no list of plans"),
    ("[1, 2]", None, "holds no list of plans"),
    ('{"plans": [{"file": "plan.txt", "slug": 3}]}', None, "plan 1 is not an object of text fields with a 'file'"),
    ('{"plans": [{"slug": "a"}]}', None, "plan 1 is not an object of text fields with a 'file'"),
])
def test_a_malformed_manifest_is_named_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    manifest: str, line: int | None, problem: str) -> None:
    """A manifest.json that is not the documented form stopped plangraph with an internal error
    (issue 17)."""
    plan = tmp_path / ACTION_PLAN.name
    plan.write_bytes(ACTION_PLAN.read_bytes())
    (tmp_path / "manifest.json").write_text(manifest, encoding="utf-8")
    for command in (["extract", str(plan)], ["build", str(plan), "--out", str(tmp_path / "out")]):
        assert main(command) == 3
        err = capsys.readouterr().err
        where = f"{tmp_path / 'manifest.json'}" + (f":{line}" if line else "")
        assert err.startswith(f"plangraph: error: {where}: {problem}") and err.count("\n") == 1, err
    assert not (tmp_path / "out").exists()
