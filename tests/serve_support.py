"""``plangraph serve`` in a process of its own, on a free loopback port, for the tests.

>>> # with serving(store) as url: ... urllib.request.urlopen(url + "sparql?query=...")
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["start", "serving"]


def start(store: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    """Start ``plangraph serve --port 0`` on ``store``; the process and the address it serves."""
    process = subprocess.Popen([sys.executable, "-m", "plangraph", "serve", "--store", str(store), "--port", "0", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    line = process.stderr.readline()
    found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
    if not found:
        process.kill()
        raise AssertionError(f"plangraph serve did not start: {line}{process.stderr.read()}")
    return process, found.group(1)


@contextmanager
def serving(store: Path) -> Iterator[str]:
    """The address of a server on ``store``, stopped (by Ctrl-C) when the block ends."""
    process, url = start(store)
    try:
        yield url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
