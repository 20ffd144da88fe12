"""A real Oxigraph server for the tests: ``oxigraph serve`` from the ``oxigraph`` package (the
test extra installs it), on a free loopback port with a temporary store.

Import the fixture into a test module (``from oxigraph_server import oxigraph_server``); each
module that does gets its own server, started once and stopped when the module is done.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

HOST = "127.0.0.1"  # loopback only: the tests never listen on or talk to another address
START_TIMEOUT = 30.0


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed beside this Python (or on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise RuntimeError("the oxigraph server is not installed: pip install -e '.[test]' "
                           "installs it (PyPI package 'oxigraph')")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve``: its URLs, and a way to count what it holds."""

    process: subprocess.Popen[bytes]
    port: int
    location: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    def select(self, text: str) -> list[dict[str, str]]:
        """Run a query over HTTP without plangraph's code: the values of each binding."""
        body = urllib.parse.urlencode({"query": text}).encode()
        request = urllib.request.Request(self.query_url, data=body, headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as response:
            data = json.loads(response.read())
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]

    def quads(self) -> int:
        """Every quad on the server, in named graphs and the default graph."""
        named = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        default = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(named[0]["n"]) + int(default[0]["n"])

    def clear(self) -> None:
        request = urllib.request.Request(self.update_url, data=b"CLEAR ALL", method="POST",
                                         headers={"Content-Type": "application/sparql-update"})
        with urllib.request.urlopen(request, timeout=30):
            pass

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.query_url}?query=ASK%7B%7D", timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False


def start_server(location: Path) -> OxigraphServer:
    """Start ``oxigraph serve`` and wait until ``/query`` answers (or fail with its output)."""
    port = free_port()
    log = location.with_suffix(".log")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"{HOST}:{port}"],
            stdout=out, stderr=subprocess.STDOUT)
    server = OxigraphServer(process, port, location)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}: "
                               f"{log.read_text(errors='replace')[-2000:]}")
        if server.answers():
            return server
        time.sleep(0.1)
    stop_server(server)
    raise RuntimeError(f"oxigraph serve did not answer on {server.query_url} within {START_TIMEOUT} s")


def stop_server(server: OxigraphServer) -> None:
    """SIGTERM (the server flushes and exits cleanly), then SIGKILL if it hangs."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=15)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = start_server(tmp_path_factory.mktemp("oxigraph") / "store")
    try:
        yield server
    finally:
        stop_server(server)
