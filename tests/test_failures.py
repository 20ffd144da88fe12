"""Ordinary failures are one line and a documented exit code, never "internal error" (issue 17,
findings 8 and 12): a full disk, a folder that cannot be written, a pipe or a device given as
a plan, a file name or a --param that is not UTF-8, a reader that stops reading, a file whose
lines end in a carriage return alone."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REVIEW_TABLE
from plangraph.cli import main
from plangraph.ingest import read_plan
from plangraph.model.serialise import extraction_to_dict

SCRIPT = str(Path(sys.executable).parent / "plangraph")


def run(*args: str, stdout: Any = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([SCRIPT, *args], stdout=stdout, stderr=subprocess.PIPE, timeout=60)


def one_line(err: bytes | str) -> str:
    text = err.decode() if isinstance(err, bytes) else err
    assert text.count("\n") == 1 and text.startswith("plangraph: error: "), text
    assert "internal error" not in text
    return text.strip()


def test_a_disk_that_fills_during_the_build(seeds_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Exit 2 or 70 before; now 74, the system's refusal in words, and the previous build kept."""
    from plangraph.store.loader import StoreLoader

    out = Path(shutil.copytree(seeds_build, tmp_path / "build"))
    before = (out / "graph.trig").read_bytes()

    def full(self: StoreLoader, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(self.path))

    monkeypatch.setattr(StoreLoader, "add", full)
    assert main(["build", str(REVIEW_TABLE), "--out", str(out)]) == 74
    err = one_line(capsys.readouterr().err)
    assert err.endswith("store: no space left on the disk. Free some space and run it again")
    assert (out / "graph.trig").read_bytes() == before
    assert not list((out / ".plangraph").glob("staging-*"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_standard_output_on_a_full_device() -> None:
    done = run("extract", str(REVIEW_TABLE), stdout=open("/dev/full", "wb"))
    assert done.returncode == 74
    assert one_line(done.stderr) == "plangraph: error: no space left on the disk. Free some space and run it again"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, where no folder can be made")
@pytest.mark.parametrize("command", [["build", str(REVIEW_TABLE), "--out", "/proc/plangraph-out"],
                                     ["extract", str(REVIEW_TABLE), "--out", "/proc/plangraph-out.txt"]])
def test_an_output_folder_that_cannot_be_made(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(command) == 74
    target = command[-1]
    assert one_line(capsys.readouterr().err) == f"plangraph: error: {target}: no such file or folder"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are made with os.mkfifo (POSIX)")
def test_a_named_pipe_given_as_a_plan_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Reading a FIFO blocked forever."""
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    done = run("extract", str(fifo))
    assert done.returncode == 3
    assert one_line(done.stderr) == (f"plangraph: error: {fifo}: not a regular file (a pipe, a device or "
                                     "a socket; expected a plan's file)")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_given_as_a_plan_is_refused() -> None:
    done = run("build", "/dev/zero", "--out", "unused")
    assert done.returncode == 3 and "/dev/zero: not a regular file" in one_line(done.stderr)


def test_a_reader_that_stops_reading_ends_the_command_quietly() -> None:
    """``plangraph extract | head -1``: no traceback, no message, 141 (as a shell reports it)."""
    proc = subprocess.Popen([SCRIPT, "extract", str(REVIEW_TABLE)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(60) == 141 and err == b""


def test_a_param_that_is_not_utf8(seeds_build: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A --param holding bytes that are not UTF-8 was an internal error (ValueError)."""
    value = os.fsdecode(b"name=Nottingham\xff")
    assert main(["query", "organisation-leads", "--store", str(seeds_build / "store"), "--param", value]) == 2
    assert one_line(capsys.readouterr().err) == ("plangraph: error: --param name='Nottingham\ufffd': the value is "
                                                 "not UTF-8 text (expected text in the terminal's UTF-8 encoding)")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="file names there are always Unicode")
def test_a_file_name_that_is_not_utf8_is_built(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A plan whose file name holds a byte that is not UTF-8 made build fail (internal error)."""
    name = os.fsdecode(b"review \xff 2018.txt")
    plan = tmp_path / name
    shutil.copyfile(REVIEW_TABLE, plan)
    assert main(["build", str(plan), "--out", str(tmp_path / "out")]) == 0
    import pyoxigraph

    from plangraph.rdf.vocab import PG

    locations = {q.object.value for q in pyoxigraph.parse(path=str(tmp_path / "out" / "graph.trig"),
                                                           format=pyoxigraph.RdfFormat.TRIG)
                 if q.predicate.value == str(PG.location)}
    assert "review \ufffd 2018.txt:3" in locations  # the first priority's line, as the user sees the name


def test_lines_ended_by_a_carriage_return_alone(tmp_path: Path) -> None:
    """A file saved with old Mac line ends was one line: the layout's error quoted the whole
    document. It reads as the same file with line feeds does, line for line."""
    text = REVIEW_TABLE.read_text(encoding="utf-8")
    assert "\r" not in text
    (tmp_path / "mac").mkdir()
    (tmp_path / "unix").mkdir()
    mac, unix = tmp_path / "mac" / REVIEW_TABLE.name, tmp_path / "unix" / REVIEW_TABLE.name
    mac.write_bytes(text.replace("\n", "\r").encode("utf-8"))
    unix.write_bytes(text.encode("utf-8"))
    read, expected = extraction_to_dict(read_plan(mac)), extraction_to_dict(read_plan(unix))
    assert read["plan"].pop("sha256") != expected["plan"].pop("sha256")  # the bytes differ
    assert len(read["priorities"]) == 4  # as the review's hand reading has them
    assert json.dumps(read) == json.dumps(expected)


def test_an_error_quoting_a_document_stays_one_short_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = "(number)\tKey activities\tEvidence source\tEvidence of achievement"
    plan = tmp_path / "wide.txt"
    plan.write_text(header + "\t" + "\t".join(f"cell {c} " + "words " * 40 for c in range(30)), encoding="utf-8")
    assert main(["extract", str(plan), "--layout", "review-table"]) == 3
    err = one_line(capsys.readouterr().err)
    assert len(err) <= 1000 + len("plangraph: error: ") and err.endswith(" …")
