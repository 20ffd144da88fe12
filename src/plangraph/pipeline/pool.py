"""Worker processes shared by every stage that runs plan by plan.

``build`` and the benchmark run their per-plan work through :func:`worker_pool` and
:func:`pool_map`, so that what the benchmark times is what a build runs.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["default_jobs", "pool_map", "worker_pool"]

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """How many processes build uses: the processors this process may run on.

    >>> default_jobs() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def worker_pool(jobs: int, tasks: int) -> Iterator[Executor | None]:
    """Worker processes for ``tasks`` plans, or None when one process is enough.

    Workers are forked where the platform allows: they start in milliseconds with every
    module (and the parsed shapes) already loaded.

    >>> with worker_pool(1, 10) as pool:
    ...     list(pool_map(pool, abs, [-1, 2]))
    [1, 2]
    """
    if jobs <= 1 or tasks <= 1:
        yield None
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=min(jobs, tasks), mp_context=context, initializer=_start_worker,
                               initargs=(os.getpid(),))
    try:
        _fork_workers(pool)
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _fork_workers(pool: ProcessPoolExecutor) -> None:
    """Start the workers now, with Ctrl-C held back until they are forked.

    A Ctrl-C that lands while a process forks is raised inside the fork hooks (the logging
    module's lock, threading's), where Python prints "Exception ignored" and drops it: the
    build went on and exited 0. Held back, it reaches this process after the fork, and each
    worker ignores it (``_start_worker``) before letting it through.
    """
    hold = getattr(signal, "pthread_sigmask", None)
    if hold is None:  # Windows: workers are spawned, not forked
        return
    held = hold(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool.submit(int).result()  # a pool that forks starts every worker at its first task
    finally:
        hold(signal.SIG_SETMASK, held)


def _start_worker(parent: int) -> None:
    # Ctrl-C reaches every process of the terminal's group: the workers leave it to the parent,
    # which stops the pool and reports it once, instead of each printing a traceback. (Forked
    # with Ctrl-C held back, by _fork_workers: ignored first, then let through.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    # a parent killed outright (kill -9, out of memory) cannot stop its workers: each stops
    # itself once its parent is gone, rather than holding the build folder's lock for minutes.
    # The parent's pid is the one it passed: read here, a parent killed before this line would
    # be the process that adopted the orphan, and the worker would wait for it forever.
    threading.Thread(target=_exit_when_orphaned, args=(parent,), name="plangraph-orphan-watch",
                     daemon=True).start()


def _exit_when_orphaned(parent: int, every: float = 0.5) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def pool_map(pool: Executor | None, fn: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """``fn`` over ``items``, in order, in ``pool`` when there is one; the first item that
    fails raises its error."""
    if pool is None:
        return map(fn, items)
    return pool.map(fn, items)
