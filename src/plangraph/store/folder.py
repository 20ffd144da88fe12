"""The build folder: how ``plangraph build`` publishes all its outputs at once, and how the
commands that read them never see a half-published folder.

Everything plangraph keeps for itself lives in the folder's ``.plangraph/``:

- ``build.lock``, held by a build from start to end: a second build of the same folder is
  refused at once (:class:`FolderBusy`) instead of mixing its outputs with the first's;
- ``publish.lock``, held while the outputs are swapped in and, briefly, by every command
  that opens the store (:func:`plangraph.store.open_store`): a reader sees the old outputs
  or the new, never half of each;
- ``staging-*/``, where a build writes its outputs. It sits inside the output folder, so
  they move into place by renames on the same file system, even when the folder is a mount
  point or a link to another disk;
- ``publish.json``, the list of moves of a swap under way. A build killed in the middle of
  its swap leaves it behind, and whoever next takes the publish lock finishes the moves:
  the folder then holds the new outputs, whole;
- ``outputs.json``, what plangraph put in the folder. A build replaces only those (and a
  store from an earlier plangraph, recognised by its files): never a ``store/`` it did not
  make, whatever it holds.

Staging and swap folders left by a killed build are removed by the next build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import filelock

from plangraph.errors import PlangraphError
from plangraph.files import write_text_atomic

__all__ = ["BuildFolder", "FolderBusy", "META", "reading_lock"]

META = ".plangraph"
PUBLISH_WAIT = 120.0  # seconds a reader waits for a swap (a few milliseconds, normally)

# the files of an Oxigraph (RocksDB) database folder: a store/ holding only these, beside a
# graph.trig, is a store that an earlier plangraph wrote before it kept outputs.json
_DATABASE_FILE = re.compile(r"(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+"
                            r"|\d+\.(sst|log|blob))")


_move = os.replace  # every move of a swap (a test stops one midway, as a kill would)


class FolderBusy(PlangraphError):
    """Another build is writing the same output folder."""

    exit_code = 75  # EX_TEMPFAIL: try again later


class BuildFolder:
    """The output folder ``out`` of a build (see the module docstring)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.meta = out / META
        self.journal = self.meta / "publish.json"
        self.record = self.meta / "outputs.json"

    @contextmanager
    def building(self, files: Iterable[str], folders: Iterable[str]) -> Iterator[None]:
        """Hold the folder for a build that will publish the outputs ``files`` and ``folders``:
        refuse if another build holds it; finish a swap a killed build left half done; remove
        what killed builds left; refuse what is in the way and that plangraph did not make."""
        created = not self.out.exists()
        self.meta.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(self.meta / "build.lock")
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            raise FolderBusy(f"{self.out}: another plangraph build is writing this folder",
                             hint="Wait for it to finish, or build into another folder") from None
        try:
            with self.publishing():
                pass  # finishes a swap left half done
            for stale in self.meta.iterdir():
                if stale.is_dir() and stale.name.startswith(("staging-", "trash-")):
                    shutil.rmtree(stale, ignore_errors=True)
            self.check_replaceable(files, folders)
            yield
        finally:
            lock.release()
            if created and not self.record.exists():  # a first build that failed leaves no folder
                shutil.rmtree(self.out, ignore_errors=True)

    def check_replaceable(self, files: Iterable[str], folders: Iterable[str]) -> None:
        """Refuse an output's place held by something plangraph did not make: a folder where
        a file goes, or a folder where a folder goes (unless it is a store an earlier
        plangraph wrote). A file where a file goes is replaced, as the build's help says."""
        ours = set(self._recorded())
        for name, folder in [*((f, False) for f in files), *((f, True) for f in folders)]:
            target = self.out / name
            if name in ours or not (target.exists() or target.is_symlink()):
                continue
            if not folder and not target.is_dir():
                continue
            if folder and name == "store" and target.is_dir() and _earlier_store(target):
                continue
            raise PlangraphError(f"{target}: not replacing it: plangraph did not make it",
                                 hint="Move it away, or build into another folder")

    @contextmanager
    def staging(self) -> Iterator[Path]:
        """A new, empty folder for the outputs, removed on leaving whatever happened."""
        self.meta.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="staging-", dir=self.meta))
        try:
            yield staging
        finally:
            if not self._pending(staging):  # a swap cut short is finished from it, later
                shutil.rmtree(staging, ignore_errors=True)

    def _pending(self, staging: Path) -> bool:
        try:
            return bool(json.loads(self.journal.read_text(encoding="utf-8")).get("staging") == staging.name)
        except (OSError, ValueError, AttributeError):
            return False

    def publish(self, staging: Path, names: Iterable[str], state: dict[str, Any] | None = None) -> None:
        """Move ``names`` from ``staging`` into the folder, all under the publish lock; record
        ``state`` (what the outputs were made from: :meth:`state` gives it back)."""
        trash = Path(tempfile.mkdtemp(prefix="trash-", dir=self.meta))
        with self.publishing():
            write_text_atomic(self.journal, json.dumps(
                {"staging": staging.name, "trash": trash.name, "names": list(names), "state": state}) + "\n")
            self._finish()
        shutil.rmtree(trash, ignore_errors=True)

    @contextmanager
    def publishing(self) -> Iterator[None]:
        """Hold the publish lock (waiting for it), having finished a swap left half done."""
        with filelock.FileLock(self.meta / "publish.lock", timeout=PUBLISH_WAIT):
            if self.journal.exists():
                self._finish()
            yield

    def _finish(self) -> None:
        """Carry out the moves ``publish.json`` lists; each is done once, however often this
        runs (a move already made has nothing left to move)."""
        try:
            plan = json.loads(self.journal.read_text(encoding="utf-8"))
            staging, trash = self.meta / plan["staging"], self.meta / plan["trash"]
            names = [str(n) for n in plan["names"]]
            state = plan.get("state")
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            raise PlangraphError(f"{self.journal}: the record of an unfinished build is damaged ({err})",
                                 hint="Build again into a new folder") from None
        trash.mkdir(exist_ok=True)
        for name in names:
            new, target = staging / name, self.out / name
            if not (new.exists() or new.is_symlink()):
                continue
            if new.is_dir() and (target.exists() or target.is_symlink()):
                _move(target, trash / name)
            _move(new, target)
        write_text_atomic(self.record, json.dumps(
            {"outputs": sorted(set(self._recorded()) | set(names)), "build": state}, indent=1) + "\n")
        self.journal.unlink()

    def state(self) -> dict[str, Any]:
        """What the outputs in place were made from, as the build that made them recorded it
        (empty if none did, or the record is unreadable)."""
        try:
            state = json.loads(self.record.read_text(encoding="utf-8")).get("build")
        except (OSError, ValueError, AttributeError):
            return {}
        return state if isinstance(state, dict) else {}

    def _recorded(self) -> list[str]:
        try:
            return [str(n) for n in json.loads(self.record.read_text(encoding="utf-8"))["outputs"]]
        except (OSError, ValueError, KeyError, TypeError):
            return []


@contextmanager
def reading_lock(store: Path) -> Iterator[None]:
    """Held while a command opens the store ``store``: waits for a swap under way to end
    (or finishes one a killed build left). A store outside a build folder, or in a folder
    this process may not write to, is opened without it."""
    folder = BuildFolder(store.parent)
    if not folder.meta.is_dir() or not os.access(folder.meta, os.W_OK):
        yield
        return
    try:
        with folder.publishing():
            yield
    except filelock.Timeout:
        raise FolderBusy(f"{store}: a build has been publishing into this folder for over "
                         f"{PUBLISH_WAIT:.0f} s", hint="Try again when it has finished") from None


def _earlier_store(path: Path) -> bool:
    names = [p.name for p in path.iterdir()]
    return ((path.parent / "graph.trig").is_file() and "CURRENT" in names
            and all(_DATABASE_FILE.fullmatch(n) for n in names))
