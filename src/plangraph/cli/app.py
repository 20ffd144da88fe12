"""The ``plangraph`` command group and ``main``: the one place where an error becomes a
message and an exit code.

Exit codes: 0 done; 1 validation found violations (validate); 2 usage error; 3 an input
cannot be read; 4 a SPARQL endpoint or graph store cannot be reached or refuses (query
--endpoint, push); 70 internal error (a bug); 130 interrupted (Ctrl-C).
Errors are one line on stderr (``plangraph: error: file:line: problem``); ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import sys

import click

from plangraph import __version__
from plangraph.cli.options import remember_debug
from plangraph.errors import PlangraphError

__all__ = ["INTERNAL_ERROR", "INTERRUPTED", "cli", "main"]

INTERNAL_ERROR = 70
INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C (128 + SIGINT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plangraph")
@click.option("--debug", is_flag=True, expose_value=False, callback=remember_debug,
              help="Show the full traceback of an error.")
def cli() -> None:
    """plangraph: turn partnership plans into a knowledge graph of plans, partners and evidence."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (the console script exits with it)."""
    args = sys.argv[1:] if argv is None else argv
    obj: dict[str, bool] = {"debug": "--debug" in args}
    try:
        # without standalone mode click returns the code of ctx.exit(n) instead of raising
        code = cli.main(args=args, prog_name="plangraph", standalone_mode=False, obj=obj)
    except PlangraphError as err:
        if obj["debug"]:
            raise
        click.echo(f"plangraph: error: {err}", err=True)
        return err.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        # Ctrl-C: what was being written is left unpublished (builds stage their outputs)
        click.echo("plangraph: interrupted", err=True)
        return INTERRUPTED
    except Exception as err:  # a bug: say so in one line unless --debug
        if obj["debug"]:
            raise
        click.echo(f"plangraph: internal error: {type(err).__name__}: {err} "
                   "(run with --debug for the traceback, and please report it)", err=True)
        return INTERNAL_ERROR
    return code if isinstance(code, int) else 0
