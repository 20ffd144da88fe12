"""Loading a new store while the graph that fills it is still being made."""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph

from plangraph.errors import PlangraphError
from plangraph.store.local import check_store_target, open_store

__all__ = ["StoreLoader"]


class StoreLoader:
    """Bulk-loads into a new on-disk Oxigraph store at ``path`` the RDF blocks given to
    ``add`` (each plan's TriG, say), while they come: a thread of its own loads them a chunk
    at a time (Oxigraph releases the GIL), so the load overlaps the work that makes the data.

    Why chunks, and why they shrink towards the end: Oxigraph's bulk loader indexes quads a
    million at a time, and the last batch only once its input ends; fed everything in one
    load, it still had up to a million quads (ten seconds here) to index after the last plan
    was mapped. A chunk goes to the loader once it holds ``batch`` quads, or as many as are
    still to come (``remaining``): the chunks halve as the end nears, and what is left to
    load after the last block is small. Each chunk starts with ``head`` (TriG's prefixes).

    ``close()`` returns the number of quads loaded (the sum of those given to ``add``), the
    store flushed, compacted (``_optimize``) and closed; an error of the load is raised
    there, or by the next ``add``.
    Use as a context manager; leaving it by an exception stops the load and leaves a store
    to delete.

    With ``base``, the new store starts as a copy of the store at ``base`` less its named
    graphs ``drop``, and the blocks given are added to it: a rebuild loads only the plans
    that changed.
    """

    def __init__(self, path: Path, fmt: pyoxigraph.RdfFormat, head: bytes = b"",
                 batch: int = 1_000_000, *, base: Path | None = None, drop: Sequence[str] = ()) -> None:
        check_store_target(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self.fmt, self.head, self.batch = path, fmt, head, batch
        self.base, self.drop = base, tuple(drop)
        self._dir = Path(tempfile.mkdtemp(prefix=".load.", dir=path.parent))
        self._errors: list[BaseException] = []
        self._blocks: list[bytes] = []
        self._buffered = 0
        self._count = 0
        self._chunks = 0
        # at most two chunks wait on disk: memory and disk stay bounded if the load lags
        self._queue: queue.Queue[Path | None] = queue.Queue(maxsize=2)
        self._thread = threading.Thread(target=self._run, name="plangraph-store-load", daemon=True)
        self._thread.start()

    def add(self, block: bytes, quads: int, remaining: int | None = None) -> None:
        """Load ``block``, which holds ``quads`` quads; ``remaining``: about how many quads
        are still to come after it (None: not known)."""
        self._raise_load_error()
        self._blocks.append(block)
        self._buffered += quads
        self._count += quads
        if self._buffered >= self.batch or (remaining is not None and self._buffered >= remaining):
            self._send()

    def _send(self) -> None:
        if not self._blocks:
            return
        self._chunks += 1
        chunk = self._dir / f"chunk-{self._chunks}"
        with chunk.open("wb") as handle:
            handle.write(self.head)
            handle.writelines(self._blocks)
        self._blocks, self._buffered = [], 0
        self._queue.put(chunk)

    def _run(self) -> None:
        store = None
        ended = False  # whether the queue's end (None) has been taken
        try:
            if self.base is not None:
                # a copy of the base (hard links: instant), less the graphs to drop
                open_store(self.base).backup(str(self.path))
                store = pyoxigraph.Store(str(self.path))
                for graph in self.drop:
                    store.remove_graph(pyoxigraph.NamedNode(graph))
            else:
                store = pyoxigraph.Store(str(self.path))
                store.clear()
            while (chunk := self._queue.get()) is not None:
                if not self._errors:
                    try:
                        self._load(store, chunk)
                    except BaseException as err:  # reported by add() or close()
                        # without its traceback, whose frames would keep the store open
                        self._errors.append(err.with_traceback(None))
                chunk.unlink(missing_ok=True)
            ended = True
            if not self._errors:
                store.flush()
                self._optimize(store)
        except BaseException as err:  # the store could not be opened, flushed or compacted
            self._errors.append(err.with_traceback(None))
            while not ended and self._queue.get() is not None:  # let add() and close() report it
                pass
        finally:
            del store  # closes the database and releases its lock

    def _load(self, store: pyoxigraph.Store, chunk: Path) -> None:
        store.bulk_load(path=str(chunk), format=self.fmt)

    def _optimize(self, store: pyoxigraph.Store) -> None:
        # Each chunk's bulk load leaves files of its own in every index. A store opened
        # read-only (as plangraph query, viz, audit and the build's pages open it) never
        # compacts them and would look every key up in each chunk's files, so the loader
        # compacts once, after the last chunk.
        store.optimize()

    def _raise_load_error(self) -> None:
        if self._errors:
            err = self._errors[0]
            raise PlangraphError(f"{self.path}: the store could not be loaded ({err})") from err

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        shutil.rmtree(self._dir, ignore_errors=True)

    def close(self) -> int:
        try:
            self._send()
        finally:
            self._stop()
        self._raise_load_error()
        return self._count

    def __enter__(self) -> StoreLoader:
        return self

    def __exit__(self, kind: object, err: object, tb: object) -> None:
        if kind is not None:
            self._blocks = []
            self._stop()
