"""The ``plangraph`` command. The only module that prints, exits or imports click.

Exit codes: 0 done; 2 usage error; 3 an input cannot be read; 70 internal error.
Errors are one line on stderr (``plangraph: error: file:line: problem``); ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import PlangraphError
from .extraction import extraction_to_dict, extraction_to_tables
from .files import write_text_atomic
from .readers import LAYOUTS, read_plan
from .resources import seeds

__all__ = ["main", "cli"]

INTERNAL_ERROR = 70


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plangraph")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """plangraph: turn partnership plans into a knowledge graph of plans, partners and evidence."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table: for reading; json: every record with its lines and offsets.")
@click.option("--layout", type=click.Choice(sorted(LAYOUTS)), default=None,
              help="Read with this layout instead of detecting it from the header row.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def extract(ctx: click.Context, files: tuple[Path, ...], fmt: str, layout: str | None,
            out: Path | None, debug: bool) -> None:
    """Print the records read from plan FILES (default: the bundled seed plans).

    Check what plangraph read before trusting the graph: every priority, outcome,
    measure, activity, lead and evidence source, with the lines it came from, and notes
    on what the reader found doubtful (text cut at a column edge, a lost outcome label).
    """
    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug
    paths = list(files) or seeds()
    extractions = [read_plan(path, layout) for path in paths]
    if fmt == "json":
        data = {"documents": [extraction_to_dict(ex) for ex in extractions]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if out:
            write_text_atomic(out, text)
        else:
            click.echo(text, nl=False)
        return
    from rich.console import Console

    if out:
        console = Console(record=True, width=160, file=open(_devnull(), "w", encoding="utf-8"))
    else:
        console = Console(width=None if sys.stdout.isatty() else 160, highlight=False)
    for ex in extractions:
        for renderable in extraction_to_tables(ex):
            console.print(renderable)
        console.print()
    if out:
        write_text_atomic(out, console.export_text())


def _devnull() -> str:
    import os

    return os.devnull


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (the console script exits with it)."""
    obj: dict[str, bool] = {"debug": False}
    args = sys.argv[1:] if argv is None else argv
    obj["debug"] = "--debug" in args
    try:
        cli.main(args=args, prog_name="plangraph", standalone_mode=False, obj=obj)
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
    except click.exceptions.Abort:
        click.echo("plangraph: aborted", err=True)
        return 1
    except Exception as err:  # a bug: say so in one line unless --debug
        if obj["debug"]:
            raise
        click.echo(f"plangraph: internal error: {type(err).__name__}: {err} "
                   "(run with --debug for the traceback, and please report it)", err=True)
        return INTERNAL_ERROR
    return 0


if __name__ == "__main__":
    sys.exit(main())
