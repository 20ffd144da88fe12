"""The ``plangraph`` command. The only module that prints, exits or imports click.

Exit codes: 0 done; 1 validation found violations (validate); 2 usage error; 3 an input
cannot be read; 4 a SPARQL endpoint or graph store cannot be reached or refuses (query
--endpoint, push); 70 internal error.
Errors are one line on stderr (``plangraph: error: file:line: problem``); ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from plangraph import __version__
from plangraph.errors import PlangraphError
from plangraph.model.serialise import extraction_to_dict, extraction_to_tables
from plangraph.files import write_text_atomic
from plangraph.ingest import LAYOUTS, read_plan
from plangraph.resources import seeds

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


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder for graph.trig, validation.txt/json and store/.")
@click.option("--layout", type=click.Choice(sorted(LAYOUTS)), default=None,
              help="Read every file with this layout instead of detecting it.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes that read, map and validate plans at once (default: one per processor).")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def build(ctx: click.Context, files: tuple[Path, ...], out: Path, layout: str | None, jobs: int | None,
          debug: bool) -> None:
    """Build the knowledge graph of plan FILES (default: the bundled seed plans).

    Reads every plan, maps it to RDF (one named graph per plan), validates it with the
    SHACL shapes and writes OUT/graph.trig, OUT/validation.txt, OUT/validation.json and
    the embedded store OUT/store/. Exits 0 when built, even if validation found problems
    (the report says so); 3 when an input cannot be read, leaving OUT as it was.
    """
    from plangraph.pipeline.build import build as run_build

    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug
    paths = list(files) or seeds()
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.markup import escape
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("building", total=None)
            result = run_build(paths, out, layout=layout, jobs=jobs,
                               progress=lambda msg: bar.update(task, description=escape(msg)))
    else:
        result = run_build(paths, out, layout=layout, jobs=jobs)
    from plangraph.validate import report_to_text

    first = report_to_text(result.report).splitlines()[0]
    click.echo(f"Built {result.documents} plans, {result.quads} quads -> {result.out}/graph.trig, "
               f"{result.out}/store/")
    click.echo(f"Validation: {first} (full report: {result.out}/validation.txt)")


@cli.command()
@click.argument("name", metavar="[NAME|FILE.rq]", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind the query's variable ?NAME to VALUE (repeatable). <IRI>, http(s)://... and "
                   "id:... are IRIs; anything else is a string, exactly as given.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/store"), show_default=True,
              help="The Oxigraph store that plangraph build wrote.")
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Query this TriG, N-Quads, Turtle or N-Triples file (loaded in memory) instead.")
@click.option("--endpoint", default=None, metavar="URL",
              help="Query this SPARQL 1.1 endpoint (e.g. http://127.0.0.1:7878/query) instead.")
@click.option("--auth-env", default=None, metavar="VAR",
              help="With --endpoint: the environment variable holding user:password or a token.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default=None,
              help="table (the default on a terminal), csv (the default otherwise), tsv or json; "
                   "csv, tsv and json are the W3C SPARQL 1.1 query results formats.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and stop.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def query(ctx: click.Context, name: str | None, params: tuple[str, ...], store_dir: Path,
          graph_file: Path | None, endpoint: str | None, auth_env: str | None, fmt: str | None,
          list_only: bool, debug: bool) -> None:
    """Run the named query NAME (or the SPARQL file FILE.rq) and print its rows.

    Without NAME (or with --list), list the named queries, the question each answers and its
    parameters. The query runs on the store that plangraph build wrote (default), on a graph
    file (--graph) or on a SPARQL endpoint (--endpoint), over the union of the plans' named
    graphs. Exits 2 on a usage error, 3 when the store, graph or query cannot be read, 4 when
    the endpoint cannot be reached or refuses.
    """
    from plangraph.errors import UsageError
    from plangraph.sparql import (list_queries, load_query, parse_params, result_to_csv, result_to_json,
                          result_to_table, result_to_tsv, run_query)

    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug
    if name is None or list_only:
        for named in list_queries():
            given = f" (--param {', '.join(named.parameters)})" if named.parameters else ""
            click.echo(f"{named.name}: {named.summary}{given}")
        return
    store_given = ctx.get_parameter_source("store_dir") is not click.core.ParameterSource.DEFAULT
    if sum((store_given, graph_file is not None, endpoint is not None)) > 1:
        raise UsageError("give one of --store, --graph and --endpoint (expected one place to query)")
    if auth_env and endpoint is None:
        raise UsageError("--auth-env goes with --endpoint (the store and graph files need no credentials)")
    loaded = load_query(name)
    bindings = parse_params(params)
    if endpoint is not None:
        from plangraph.sparql.endpoint import authorization_from_env, query_endpoint

        result = query_endpoint(loaded, endpoint, params=bindings,
                                authorization=authorization_from_env(auth_env))
    elif graph_file is not None:
        from plangraph.store import load_graph_file

        result = run_query(loaded, store=load_graph_file(graph_file), params=bindings)
    else:
        from plangraph.store import open_store

        result = run_query(loaded, store=open_store(store_dir), params=bindings)
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    writers = {"csv": result_to_csv, "tsv": result_to_tsv, "json": result_to_json}
    if fmt in writers:
        click.echo(writers[fmt](result), nl=False)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    headers, rows = result_to_table(result)
    table = Table(caption=f"{loaded.name}: {len(rows)} rows")
    for header in headers:
        table.add_column(header, overflow="fold")  # fold, not "…": a cut IRI or name misleads
    for row in rows:
        # Text, not str: document text such as "[Draft]" must not be read as rich markup.
        table.add_row(*(Text(cell) for cell in row))
    Console(width=None if sys.stdout.isatty() else 200, highlight=False).print(table)


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The SPARQL 1.1 Graph Store Protocol endpoint (e.g. http://127.0.0.1:7878/store).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/store"), show_default=True,
              help="The Oxigraph store that plangraph build wrote.")
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Push this TriG or N-Quads file instead of the store.")
@click.option("--auth-env", default=None, metavar="VAR",
              help="The environment variable holding user:password (HTTP Basic) or a bearer token.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def push(ctx: click.Context, endpoint: str, store_dir: Path, graph_file: Path | None,
         auth_env: str | None, debug: bool) -> None:
    """Replace each plan's named graph on a shared triple store with the built graph.

    One HTTP PUT per named graph (ENDPOINT?graph=<plan IRI>), so running it again replaces
    rather than duplicates. Credentials are read from the environment variable named by
    --auth-env and never printed. Exits 3 when the store or graph cannot be read, 4 when the
    server cannot be reached or refuses (the message gives the URL and the HTTP status).
    """
    from plangraph.sparql.endpoint import authorization_from_env, check_url, push_store
    from plangraph.errors import UsageError

    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug
    if ctx.get_parameter_source("store_dir") is not click.core.ParameterSource.DEFAULT and graph_file:
        raise UsageError("give one of --store and --graph (expected one graph to push)")
    check_url(endpoint)
    authorization = authorization_from_env(auth_env)
    if graph_file is not None:
        from plangraph.store import load_graph_file

        store = load_graph_file(graph_file)
    else:
        from plangraph.store import open_store

        store = open_store(store_dir)
    pushed = push_store(store, endpoint, authorization=authorization)
    for graph in pushed:
        click.echo(f"{'created' if graph.created else 'replaced'} {graph.graph}: {graph.triples} triples")
    click.echo(f"Pushed {len(pushed)} graphs, {sum(g.triples for g in pushed)} triples -> {endpoint}")

@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path), default=Path("build/graph.trig"))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: for reading; json: the same groups plus every result.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def validate(ctx: click.Context, graph: Path, fmt: str, debug: bool) -> None:
    """Check the plans in GRAPH (TriG, N-Quads or Turtle; default build/graph.trig) with the SHACL shapes.

    Prints what is wrong, grouped by rule, each item named by its label and file:line.
    Exits 0 when every plan passes (warnings allowed), 1 when any check is violated,
    3 when GRAPH cannot be read or holds no plan.
    """
    from plangraph.errors import ReadError
    from plangraph.validate import read_graph, report_to_dict, report_to_text, validate_dataset

    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug
    report = validate_dataset(read_graph(graph))
    if not report.plans:
        raise ReadError(str(graph), None, "holds no plan (expected the graph that plangraph build "
                        "writes, with a pg:Plan in each plan's named graph)")
    if fmt == "json":
        click.echo(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2))
    else:
        click.echo(report_to_text(report), nl=False)
    if not report.conforms:
        ctx.exit(1)


@cli.command("docs")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build/docs"),
              show_default=True, help="Folder to write index.html into.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def docs_command(ctx: click.Context, out: Path, debug: bool) -> None:
    """Write the HTML page of the plangraph ontology to OUT/index.html.

    Every class and property with its label, definition, super-classes, domain and range
    (made with pyLODE: pip install 'plangraph[docs]'). The page needs no network to open.
    """
    from plangraph.publish.docs import write_ontology_docs

    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug
    click.echo(str(write_ontology_docs(out)))


@cli.command("viz")
@click.argument("view", type=click.Choice(["who-leads-what", "partnerships", "across-plans", "evidence"]))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: VIEW.FORMAT in the current folder).")
@click.option("--format", "fmt", type=click.Choice(["html", "png", "gexf"]), default=None,
              help="html: one page that opens with no network (the default); png: a picture for a "
                   "report; gexf: for Gephi. Default: from the --out file's extension, else html.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build/store"), show_default=True,
              help="The store that plangraph build wrote.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def viz_command(ctx: click.Context, view: str, out: Path | None, fmt: str | None, store_dir: Path,
                debug: bool) -> None:
    """Draw the network VIEW of the plans: who-leads-what, partnerships, across-plans or evidence.

    who-leads-what: officers and organisations -> measures and activities -> outcomes ->
    priorities. partnerships: organisations linked by the items they share. across-plans:
    what more than one plan names. evidence: claims -> the sources they cite, unsourced
    claims marked. plangraph build writes the four as HTML into its output folder.
    """
    from plangraph.store import open_store
    from plangraph.publish.viz import FORMATS, facts_of, make_view, write_view

    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug
    if fmt is None:
        suffix = out.suffix.lstrip(".").lower() if out else ""
        fmt = suffix if suffix in FORMATS else "html"
    target = out or Path(f"{view}.{fmt}")
    made = make_view(view, facts_of(store=open_store(store_dir)))
    write_view(made, target, fmt)
    click.echo(f"{target} ({made.graph.number_of_nodes()} nodes, {made.graph.number_of_edges()} links)")


@cli.command()
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("build") / "store", show_default=True,
              help="The store that 'plangraph build' wrote.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write FILE.html (a self-contained page) or FILE.csv; default: build/audit.html.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.pass_context
def audit(ctx: click.Context, store_dir: Path, out: Path | None, debug: bool) -> None:
    """Audit the evidence: per plan and priority, which claims cite a source.

    Claims that state a figure but cite no source come first, then the sources most relied
    on, then every claim with its lines in the document. HTML needs no network to open.
    """
    from plangraph.publish.audit import audit_to_csv, audit_to_html, collect_audit
    from plangraph.errors import UsageError
    from plangraph.store import open_store

    ctx.obj["debug"] = ctx.obj.get("debug", False) or debug
    target = out or Path("build") / "audit.html"
    if target.suffix.lower() not in (".html", ".htm", ".csv"):
        raise UsageError(f"--out {target}: expected a file ending in .html or .csv")
    audits = collect_audit(store=open_store(store_dir))
    text = audit_to_csv(audits) if target.suffix.lower() == ".csv" else audit_to_html(audits)
    write_text_atomic(target, text)
    for a in audits:
        click.echo(f"{a.file}: {len(a.claims)} claims, {a.cited} cite a source, "
                   f"{len(a.figures_unsourced)} state a figure with no source")
    click.echo(f"Wrote {target}")


def _devnull() -> str:
    import os

    return os.devnull


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code (the console script exits with it)."""
    obj: dict[str, bool] = {"debug": False}
    args = sys.argv[1:] if argv is None else argv
    obj["debug"] = "--debug" in args
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
    except click.exceptions.Abort:
        click.echo("plangraph: aborted", err=True)
        return 1
    except Exception as err:  # a bug: say so in one line unless --debug
        if obj["debug"]:
            raise
        click.echo(f"plangraph: internal error: {type(err).__name__}: {err} "
                   "(run with --debug for the traceback, and please report it)", err=True)
        return INTERNAL_ERROR
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
