"""The build folder (issue 17, findings 1, 2, 4 and 9): a build publishes all its outputs at
once, on any file system, never removes what it did not make, runs one at a time, and
leaves nothing behind when it is killed; readers never see a half-swapped folder."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REVIEW_TABLE
from plangraph.cli import main
from plangraph.pipeline import build
from plangraph.pipeline.outputs import FOLDERS, OUTPUTS
from plangraph.store import open_store
from plangraph.store import folder as build_folder
from plangraph.store.folder import META, BuildFolder

FILES = [n for n in OUTPUTS if n not in FOLDERS]


def digest(folder: Path) -> dict[str, str]:
    """Every file's hash, but the build's own record and locks and the store's database files
    (whose names and contents depend on when they were written)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and META not in p.parts and "store" not in p.relative_to(folder).parts}


def graphs(store: Path) -> set[str]:
    return {g.value for g in open_store(store).named_graphs()}


@pytest.fixture(scope="module")
def review_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review table built alone: what the folders below must hold after a build of it."""
    out = tmp_path_factory.mktemp("review") / "build"
    build([REVIEW_TABLE], out, jobs=1)
    return out


@pytest.fixture
def previous(seeds_build: Path, tmp_path: Path) -> Path:
    """A copy of the seeds' build: the previous build of a folder that is built again."""
    return Path(shutil.copytree(seeds_build, tmp_path / "build"))


@pytest.fixture
def other_file_system(tmp_path: Path) -> Iterator[Path]:
    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system (/dev/shm) to put the output folder on")
    folder = Path(tempfile.mkdtemp(dir=shm))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_build_into_a_link_to_another_file_system(seeds_build: Path, review_only: Path, tmp_path: Path,
                                                    other_file_system: Path) -> None:
    """Finding 1: the outputs were staged beside the folder and moved with a rename, which
    fails across file systems ("Invalid cross-device link") after the whole build."""
    shutil.copytree(seeds_build, other_file_system, dirs_exist_ok=True)  # a build to replace there
    out = tmp_path / "out"
    out.symlink_to(other_file_system, target_is_directory=True)
    assert main(["build", str(REVIEW_TABLE), "--out", str(out)]) == 0
    assert digest(other_file_system) == digest(review_only)
    assert graphs(other_file_system / "store") == graphs(review_only / "store")


def test_a_store_folder_plangraph_did_not_make_is_kept_and_the_build_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 2: build deleted an existing OUT/store that was not its own, files and all."""
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "store" / "notes.docx").write_bytes(b"my own notes")
    assert main(["build", str(REVIEW_TABLE), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"plangraph: error: {out / 'store'}: not replacing it: plangraph did not make it. "
                   "Move it away, or build into another folder\n")
    assert (out / "store" / "notes.docx").read_bytes() == b"my own notes"
    assert sorted(p.name for p in out.iterdir()) == [META, "store"]


def test_a_folder_where_a_file_goes_is_kept_and_the_build_refused(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    (out / "audit.html").mkdir(parents=True)
    (out / "audit.html" / "draft.txt").write_text("mine", encoding="utf-8")
    assert main(["build", str(REVIEW_TABLE), "--out", str(out)]) == 2
    assert "audit.html: not replacing it: plangraph did not make it" in capsys.readouterr().err
    assert (out / "audit.html" / "draft.txt").read_text(encoding="utf-8") == "mine"


def test_a_store_an_earlier_plangraph_wrote_is_replaced(previous: Path, review_only: Path) -> None:
    """Folders built before plangraph kept its record (outputs.json) are still rebuilt."""
    shutil.rmtree(previous / META)
    assert main(["build", str(REVIEW_TABLE), "--out", str(previous)]) == 0
    assert digest(previous) == digest(review_only)
    assert graphs(previous / "store") == graphs(review_only / "store")


def test_a_second_build_of_the_same_folder_is_refused(previous: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Finding 4: two builds whose swaps overlapped both exited 0 and left a mixed folder."""
    before = digest(previous)
    with BuildFolder(previous).building(FILES, FOLDERS):
        assert main(["build", str(REVIEW_TABLE), "--out", str(previous)]) == 75
    assert capsys.readouterr().err == (f"plangraph: error: {previous}: another plangraph build is writing "
                                       "this folder. Wait for it to finish, or build into another folder\n")
    assert digest(previous) == before


class Killed(BaseException):
    """Stands for a kill: nothing after it runs but the ``finally`` blocks."""


def test_a_swap_cut_short_is_finished_by_the_next_reader(previous: Path, review_only: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 4: a kill inside the swap left no store once, and a new store beside old pages
    once. Now the next command that opens the store (or the next build) finishes the swap."""
    moves = []
    replace = os.replace

    def killed_on_the_fourth_move(src: str | Path, dst: str | Path) -> None:
        moves.append(Path(dst).name)
        if len(moves) == 4:
            raise Killed
        replace(src, dst)

    monkeypatch.setattr(build_folder, "_move", killed_on_the_fourth_move)
    with pytest.raises(Killed):
        build([REVIEW_TABLE], previous, jobs=1)
    monkeypatch.undo()
    assert moves[:3] == ["graph.trig", "validation.txt", "validation.json"]
    half = digest(previous)
    assert half["graph.trig"] == digest(review_only)["graph.trig"] and half != digest(review_only)
    assert graphs(previous / "store") == graphs(review_only / "store")  # opening it finished the swap
    assert digest(previous) == digest(review_only)
    build([REVIEW_TABLE], previous, jobs=1)  # the next build clears what the killed one left
    assert [p.name for p in (previous / META).iterdir() if p.is_dir()] == ["cache"]


def test_a_reader_waits_for_a_swap_under_way(previous: Path, seeds_build: Path) -> None:
    """Finding 4: a query during a rebuild failed now and then ("RuntimeError: Corruption"),
    having opened the store in the middle of its swap."""
    opened = threading.Event()
    results: list[set[str]] = []

    def query() -> None:
        results.append(graphs(previous / "store"))
        opened.set()

    with BuildFolder(previous).publishing():
        reader = threading.Thread(target=query)
        reader.start()
        assert not opened.wait(0.5)  # held back while the outputs are being swapped
    reader.join(30)
    assert opened.is_set() and results == [graphs(seeds_build / "store")]


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the worker processes in /proc (Linux)")
def test_a_killed_build_leaves_no_workers_and_the_next_build_cleans_up(previous: Path, tmp_path: Path) -> None:
    """Finding 9: a build killed outright left its staging folder and its worker processes
    (alive 12 minutes later)."""
    from plangraph.bench.synth import write_plans

    write_plans(8, tmp_path / "plans", seed=1)
    before = digest(previous)
    proc = subprocess.Popen([str(Path(sys.executable).parent / "plangraph"), "build", "--jobs", "2",
                             *map(str, sorted((tmp_path / "plans").glob("*.txt"))), "--out", str(previous)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2 and list((previous / META).glob("staging-*")):
            break
        time.sleep(0.05)
    assert proc.poll() is None and len(workers) >= 2, "the build ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(map(_alive, workers)):
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]
    assert digest(previous) == before
    assert list((previous / META).glob("staging-*"))  # left by the kill
    assert main(["build", str(REVIEW_TABLE), "--out", str(previous)]) == 0
    assert [p.name for p in (previous / META).iterdir() if p.is_dir()] == ["cache"]


def test_outputs_keep_the_folders_usual_permissions(review_only: Path) -> None:
    """Files written through a temporary file were readable by their owner only (0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    for name in ("validation.txt", "audit.html", "graph.trig"):
        assert (review_only / name).stat().st_mode & 0o777 == 0o666 & ~mask, name
