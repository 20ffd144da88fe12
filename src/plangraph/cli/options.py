"""Options that several commands share, each declared once (as a decorator)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

__all__ = ["debug_option", "given", "remember_debug", "store_option"]

F = TypeVar("F", bound=Callable[..., Any])


def remember_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--debug`` given anywhere on the command line shows tracebacks (``main`` reads it)."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = ctx.obj.get("debug", False) or value


def debug_option(command: F) -> F:
    """``--debug``: show the full traceback of an error instead of its one-line message."""
    return click.option("--debug", is_flag=True, expose_value=False, callback=remember_debug,
                        help="Show the full traceback of an error.")(command)


def store_option(help: str = "The Oxigraph store that plangraph build wrote.") -> Callable[[F], F]:
    """``--store DIR``, the store ``plangraph build`` wrote (default ``build/store``), given to the
    command as ``store_dir``."""
    return click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("build/store"), show_default=True, help=help)


def given(ctx: click.Context, name: str) -> bool:
    """Whether the user gave option ``name`` (rather than its default)."""
    return ctx.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
