"""Text files as Windows saves them: UTF-8 with a byte-order mark, UTF-16 ("Unicode"), and
Windows-1252 (Word's "save as text"), each read to the seed's records, with a note where
plangraph guessed; ``--encoding`` names another."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plangraph.cli import main
from plangraph.ingest import read_plan
from plangraph.model.serialise import extraction_to_dict

REPO = Path(__file__).resolve().parents[1]
ACTION_PLAN = REPO / "seeds" / "nottingham-cypp-2016-2020-action-plan.txt"
REVIEW = REPO / "seeds" / "nottinghamshire-cyp-plan-review-2018.txt"


def _texts(path: Path, **kwargs: str) -> list[str]:
    ex = read_plan(path, **kwargs)  # type: ignore[arg-type]
    return [m.text.text for m in ex.measures] + [a.text.text for a in ex.activities]


def _reading_notes(path: Path, **kwargs: str) -> list[str]:
    ex = read_plan(path, **kwargs)  # type: ignore[arg-type]
    return [n.message for n in ex.notes if n.code == "reading"]


@pytest.mark.parametrize("seed", [ACTION_PLAN, REVIEW], ids=["action-plan", "review"])
def test_utf16_with_a_byte_order_mark_reads_to_the_same_records(seed: Path, tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(seed.read_text(encoding="utf-8").encode("utf-16"))
    assert _texts(path) == _texts(seed)
    assert any("UTF-16" in n for n in _reading_notes(path))


def test_utf8_with_a_byte_order_mark_reads_without_a_note(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ACTION_PLAN.read_bytes())
    assert _texts(path) == _texts(ACTION_PLAN)
    assert _reading_notes(path) == []


def test_windows_1252_is_read_with_a_note_naming_the_first_line_that_is_not_utf8(tmp_path: Path) -> None:
    lines = ACTION_PLAN.read_text(encoding="utf-8").split("\n")
    assert "England average" in lines[7]
    lines[7] = lines[7].replace("England average", "England\u2019s average", 1)
    path = tmp_path / "cp1252.txt"
    path.write_bytes("\n".join(lines).encode("cp1252"))
    ex = read_plan(path)
    assert any("England\u2019s average" in (r.update.text if r.update else "") for r in ex.rows)
    assert _texts(path) == _texts(ACTION_PLAN)
    notes = _reading_notes(path)
    assert len(notes) == 1 and "Windows-1252" in notes[0] and "line 8" in notes[0], notes


def test_the_reading_note_is_shown_by_extract_and_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(ACTION_PLAN.read_text(encoding="utf-8").replace("England average", "caf\u00e9", 1)
                     .encode("cp1252"))
    assert main(["extract", str(path), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    reading = [n for n in doc["notes"] if n["code"] == "reading"]
    assert len(reading) == 1 and reading[0]["location"] == "cp1252.txt:1"


def test_encoding_named_reads_latin1_without_a_guess(tmp_path: Path) -> None:
    text = REVIEW.read_text(encoding="utf-8").replace("Conversation with", "Conversation (r\u00e9sum\u00e9) with", 1)
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1", errors="replace"))
    ex = read_plan(path, encoding="latin-1")
    assert any("(r\u00e9sum\u00e9)" in (a.source_cell.text if a.source_cell else "") for a in ex.activities)
    assert _reading_notes(path, encoding="latin-1") == []


def test_an_unknown_encoding_name_is_one_line_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["extract", str(ACTION_PLAN), "--encoding", "klingon-8"])
    err = capsys.readouterr().err
    assert code == 3 and err.count("\n") == 1
    assert "unknown encoding 'klingon-8'" in err and str(ACTION_PLAN) in err


def test_a_wrong_encoding_named_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "utf8.txt"
    path.write_bytes(ACTION_PLAN.read_bytes())
    code = main(["extract", str(path), "--encoding", "ascii"])
    err = capsys.readouterr().err
    line = next(n for n, raw in enumerate(ACTION_PLAN.read_bytes().split(b"\n"), 1) if any(b > 127 for b in raw))
    assert code == 3 and f"{path}:{line}: the file is not ascii text" in err


def test_the_fix_is_named_as_each_caller_gives_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The reader names the setting as its Python argument; the command line as its option."""
    from plangraph.errors import ReadError

    path = tmp_path / "utf8.txt"
    path.write_bytes(ACTION_PLAN.read_bytes())
    with pytest.raises(ReadError) as raised:
        read_plan(path, encoding="ascii")
    assert str(raised.value).endswith("Name its encoding with `encoding`")
    assert main(["extract", str(path), "--encoding", "ascii"]) == 3
    assert capsys.readouterr().err.rstrip().endswith("Name its encoding with --encoding")
