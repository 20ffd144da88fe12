"""Options that several commands share, each declared once (as a decorator)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

__all__ = ["debug_option", "given", "reading_options", "remember_debug", "store_option"]

F = TypeVar("F", bound=Callable[..., Any])


def remember_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--debug`` given anywhere on the command line shows tracebacks (``main`` reads it)."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = ctx.obj.get("debug", False) or value


def debug_option(command: F) -> F:
    """``--debug``: show the full traceback of an error instead of its one-line message."""
    return click.option("--debug", is_flag=True, expose_value=False, callback=remember_debug,
                        help="Show the full traceback of an error.")(command)


def reading_options(command: F) -> F:
    """``--layout``, ``--encoding`` and ``--sheet``: how to read the plans (extract, build)."""
    command = click.option("--sheet", default=None, metavar="NAME",
                           help="The sheet of an Excel workbook to read (default: the one holding a plan "
                                "table).")(command)
    command = click.option("--encoding", default=None, metavar="NAME",
                           help="The encoding of a text file (default: UTF-8, or UTF-16 with a byte-order "
                                "mark, else Windows-1252 with a note).")(command)
    return click.option("--layout", metavar="NAME|FILE.yaml", default=None,
                        help="Read with this layout (a bundled one by name: action-plan, review-table, "
                             "kent-priorities-actions; or a layout file) instead of "
                             "detecting it from the header row.")(command)


def store_option(help: str = "The Oxigraph store that plangraph build wrote.") -> Callable[[F], F]:
    """``--store DIR``, the store ``plangraph build`` wrote (default ``build/store``), given to the
    command as ``store_dir``."""
    return click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("build/store"), show_default=True, help=help)


def given(ctx: click.Context, name: str) -> bool:
    """Whether the user gave option ``name`` (rather than its default)."""
    return ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
