"""The package is type-checked with mypy in strict mode (configured in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

from mypy import api

SRC = Path(__file__).resolve().parent.parent / "src"


def test_mypy_strict_on_src() -> None:
    stdout, stderr, status = api.run(["--config-file", str(SRC.parent / "pyproject.toml"), str(SRC)])
    assert status == 0, stdout + stderr
