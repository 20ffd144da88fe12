"""The ``plangraph`` command: the only package that prints, exits or imports click.

- :mod:`~plangraph.cli.app`: the command group and ``main``, where errors become exit codes;
- :mod:`~plangraph.cli.options`: options several commands share;
- :mod:`~plangraph.cli.reading`: ``extract`` and ``build``;
- :mod:`~plangraph.cli.querying`: ``query``, ``push`` and ``validate``;
- :mod:`~plangraph.cli.publishing`: ``viz``, ``audit`` and ``docs``;
- :mod:`~plangraph.cli.layouts`: ``layout init`` and ``layout check``;
- :mod:`~plangraph.cli.serving`: ``serve``.
"""

from __future__ import annotations

from plangraph.cli import layouts, publishing, querying, reading, serving  # noqa: F401  (each registers its commands)
from plangraph.cli.app import INTERNAL_ERROR, cli, main

__all__ = ["INTERNAL_ERROR", "cli", "main"]
