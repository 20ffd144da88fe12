"""``plangraph layout init`` and ``plangraph layout check``: a layout file for a new plan."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from plangraph.cli.app import cli
from plangraph.cli.options import debug_option
from plangraph.files import write_text_atomic

__all__ = ["layout_group"]


@cli.group("layout")
def layout_group() -> None:
    """Write and check a layout file: how to read a plan whose table plangraph does not know."""


@layout_group.command("init")
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--sheet", default=None, metavar="NAME", help="The sheet of a workbook to draft from.")
@click.option("--encoding", default=None, metavar="NAME", help="The encoding of a text file.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the layout file here (atomically) instead of standard output.")
@debug_option
def init(plan: Path, sheet: str | None, encoding: str | None, out: Path | None) -> None:
    """Draft a layout file from PLAN's table header: each column with the role its header words
    name (every guess commented), to check and then give to --layout."""
    from plangraph.ingest import read_documents
    from plangraph.ingest.generic import draft

    docs = read_documents(plan, encoding=encoding, sheet=sheet)
    text = draft(docs[0], plan)
    if out:
        write_text_atomic(out, text)
        click.echo(f"Wrote {out}: check the roles, then: plangraph layout check {out} {plan}", err=True)
    else:
        click.echo(text, nl=False)


@layout_group.command("check")
@click.argument("layout", type=click.Path(path_type=Path))
@click.argument("plan", type=click.Path(path_type=Path), required=False)
@click.option("--sheet", default=None, metavar="NAME", help="The sheet of a workbook to read.")
@click.option("--encoding", default=None, metavar="NAME", help="The encoding of a text file.")
@debug_option
def check(layout: Path, plan: Path | None, sheet: str | None, encoding: str | None) -> None:
    """Check the layout file LAYOUT against the schema, and show what it reads of PLAN.

    Exits 3 (with the key at fault) when the file is not a valid layout, or when PLAN cannot
    be read with it."""
    from plangraph.cli.tables import summary
    from plangraph.ingest import read_plan
    from plangraph.ingest.layouts import load_layout

    loaded = load_layout(layout)
    kinds = ", ".join(f"{t.kind}: {t.expected}" for t in loaded.tables) or loaded.expected
    click.echo(f"{layout}: a valid layout {loaded.name!r} (reader {loaded.reader}; {kinds})")
    if plan is None:
        return
    ex = read_plan(plan, loaded, encoding=encoding, sheet=sheet)
    click.echo(summary(ex))
    for code, count in sorted(Counter(n.code for n in ex.notes).items()):
        click.echo(f"  {count} {code} note{'s' if count != 1 else ''} (plangraph extract {plan} "
                   f"--layout {layout} shows each)")
