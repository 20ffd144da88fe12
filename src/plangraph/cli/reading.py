"""``plangraph extract`` and ``plangraph build``: read plans, show what was read, build the graph."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from plangraph.cli.app import cli
from plangraph.cli.options import debug_option, reading_options
from plangraph.files import write_text_atomic
from plangraph.ingest import plan_files, read_plan
from plangraph.resources import seeds

__all__ = ["build", "extract"]


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="table: for reading; json: every record with its lines and offsets.")
@reading_options
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (atomically) instead of standard output.")
@debug_option
def extract(files: tuple[Path, ...], fmt: str, layout: str | None, encoding: str | None,
            sheet: str | None, out: Path | None) -> None:
    """Print the records read from plan FILES (default: the bundled seed plans).

    Check what plangraph read before trusting the graph: every priority, outcome,
    measure, activity, lead and evidence source, with the lines it came from, and notes
    on what the reader found doubtful (text cut at a column edge, a lost outcome label).
    """
    from plangraph.model.serialise import extraction_to_dict

    paths = plan_files(list(files)) or seeds()
    extractions = [read_plan(path, layout, encoding=encoding, sheet=sheet) for path in paths]
    if fmt == "json":
        data = {"documents": [extraction_to_dict(ex) for ex in extractions]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if out:
            write_text_atomic(out, text)
        else:
            click.echo(text, nl=False)
        return
    from rich.console import Console

    from plangraph.cli.tables import extraction_to_tables

    if out:
        console = Console(record=True, width=160, file=open(os.devnull, "w", encoding="utf-8"))
    else:
        console = Console(width=None if sys.stdout.isatty() else 160, highlight=False)
    for ex in extractions:
        for renderable in extraction_to_tables(ex):
            console.print(renderable)
        console.print()
    if out:
        write_text_atomic(out, console.export_text())


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder for graph.trig, validation.txt/json and store/.")
@reading_options
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that read, map and validate plans at once (default: one per processor).")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Read, map and validate every plan anew, and load the store whole (by default a "
                   "rebuild redoes only the plans that changed, kept in OUT/.plangraph/cache/).")
@debug_option
def build(files: tuple[Path, ...], out: Path, layout: str | None, encoding: str | None,
          sheet: str | None, jobs: int | None, no_cache: bool) -> None:
    """Build the knowledge graph of plan FILES (default: the bundled seed plans).

    Reads every plan, maps it to RDF (one named graph per plan), validates it with the
    SHACL shapes and writes OUT/graph.trig, OUT/validation.txt, OUT/validation.json and
    the embedded store OUT/store/. A rebuild redoes only the plans that changed. Exits 0 when
    built, even if validation found problems (the report says so); 3 when an input cannot be
    read, leaving OUT as it was.
    """
    from plangraph.pipeline import build as run_build
    from plangraph.validate import report_to_text

    paths = plan_files(list(files)) or seeds()
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.markup import escape
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("building", total=None)
            result = run_build(paths, out, layout=layout, jobs=jobs, encoding=encoding, sheet=sheet,
                               cache=not no_cache, progress=lambda msg: bar.update(task, description=escape(msg)))
    else:
        result = run_build(paths, out, layout=layout, jobs=jobs, encoding=encoding, sheet=sheet,
                           cache=not no_cache)
    first = report_to_text(result.report).splitlines()[0]
    if result.up_to_date:
        click.echo(f"Up to date: {result.documents} plans, {result.quads} quads in {result.out}/ (nothing "
                   "changed since it was built; --no-cache builds it anew)")
    else:
        again = result.documents - result.read
        kept = f" ({result.read} read anew, {again} as before)" if again else ""
        click.echo(f"Built {result.documents} plans{kept}, {result.quads} quads -> {result.out}/graph.trig, "
                   f"{result.out}/store/")
    click.echo(f"Validation: {first} (full report: {result.out}/validation.txt)")
