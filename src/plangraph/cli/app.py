"""The ``plangraph`` command group and ``main``: the one place where an error becomes a
message and an exit code.

Exit codes: 0 done; 1 validation found violations (validate); 2 usage error; 3 an input
cannot be read; 4 a SPARQL endpoint or graph store cannot be reached or refuses (query
--endpoint, push); 70 internal error (a bug); 74 the system refused to read or write a
file (disk full, read-only or not permitted); 75 another build is writing the same output
folder; 130 interrupted (Ctrl-C); 141 the output was closed by its reader (``| head``).
Errors are one line on stderr (``plangraph: error: file:line: problem``); ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import errno
import os
import re
import sys

import click

from plangraph import __version__
from plangraph.cli.options import remember_debug
from plangraph.errors import PlangraphError

__all__ = ["FILE_ERROR", "INTERNAL_ERROR", "INTERRUPTED", "cli", "main"]

INTERNAL_ERROR = 70
FILE_ERROR = 74  # sysexits' EX_IOERR
INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C (128 + SIGINT)
PIPE_CLOSED = 141  # 128 + SIGPIPE, as a shell reports a writer whose reader went away
LONGEST = 1000  # characters of an error line: a message quoting a document says enough by then

# what the system's refusals mean to someone running plangraph, and what to do
_FILE_PROBLEMS = {
    errno.ENOSPC: "no space left on the disk. Free some space and run it again",
    errno.EDQUOT: "the disk quota is used up. Free some space and run it again",
    errno.EROFS: "the file system is read-only. Write somewhere else (e.g. --out)",
    errno.EACCES: "not permitted. Write somewhere you may, or ask for access",
    errno.EPERM: "not permitted. Write somewhere you may, or ask for access",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "is a folder, not a file",
    errno.ENAMETOOLONG: "the name is too long for the file system",
}


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
        click.echo(f"plangraph: error: {_one_line(err.shown(lambda name: '--' + name))}", err=True)
        return err.exit_code
    except BrokenPipeError:
        # the reader of standard output stopped reading: nothing more to say, to anyone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return PIPE_CLOSED
    except SystemExit as exc:
        # rich, finding its reader gone, points standard output at the null device and exits 1
        # (which would say "violations found")
        if _stdout_is_null():
            return PIPE_CLOSED
        raise
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except (click.exceptions.Abort, KeyboardInterrupt):
        # Ctrl-C: what was being written is left unpublished (builds stage their outputs)
        click.echo("plangraph: interrupted", err=True)
        return INTERRUPTED
    except OSError as err:  # the system refused a file operation: a full disk, a read-only folder
        if obj["debug"]:
            raise
        click.echo(f"plangraph: error: {_one_line(_file_problem(err))}", err=True)
        return FILE_ERROR
    except Exception as err:  # a bug: say so in one line unless --debug
        if obj["debug"]:
            raise
        click.echo(f"plangraph: internal error: {type(err).__name__}: {_one_line(str(err))} "
                   "(run with --debug for the traceback, and please report it)", err=True)
        return INTERNAL_ERROR
    return code if isinstance(code, int) else 0


def _stdout_is_null() -> bool:
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.stat(os.devnull))
    except (OSError, ValueError):
        return False


def _file_problem(err: OSError) -> str:
    """``err`` as the one line a user reads: the file, then what the system said and what to do.

    >>> _file_problem(OSError(errno.ENOSPC, "No space left on device", "build/graph.trig"))
    'build/graph.trig: no space left on the disk. Free some space and run it again'
    """
    problem = _FILE_PROBLEMS.get(err.errno or 0) or (err.strerror or type(err).__name__).lower()
    name = err.filename if err.filename is not None else None
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    return f"{name}: {problem}" if name else problem


_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")


def _one_line(message: str) -> str:
    """``message`` on one line and at most ``LONGEST`` characters.

    >>> _one_line("a\\nb  |  c")
    'a b  |  c'
    >>> len(_one_line("x" * 5000)) == LONGEST
    True
    """
    text = _BREAKS.sub(" ", message[:4 * LONGEST])
    text = text.encode("utf-8", "replace").decode("utf-8")  # no lone surrogate reaches the terminal
    return text if len(text) <= LONGEST else text[:LONGEST - 2] + " …"
