"""``plangraph query``, ``plangraph push`` and ``plangraph validate``: ask, share and check the
built graph."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from plangraph.cli.app import cli
from plangraph.cli.options import debug_option, given, store_option
from plangraph.errors import ReadError, UsageError

__all__ = ["push", "query", "validate"]

# what --out FILE's extension asks for, when --format does not say
_BY_SUFFIX = {".xlsx": "xlsx", ".csv": "excel-csv", ".tsv": "tsv", ".json": "json", ".srj": "json"}


@cli.command()
@click.argument("name", metavar="[NAME|FILE.rq]", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind the query's variable ?NAME to VALUE (repeatable). <IRI>, http(s)://... and "
                   "id:... are IRIs; anything else is a string, exactly as given.")
@store_option()
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Query this TriG, N-Quads, Turtle or N-Triples file (loaded in memory) instead.")
@click.option("--endpoint", default=None, metavar="URL",
              help="Query this SPARQL 1.1 endpoint (e.g. http://127.0.0.1:7878/query) instead.")
@click.option("--auth-env", default=None, metavar="VAR",
              help="With --endpoint: the environment variable holding user:password or a token.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xlsx", "excel-csv"]),
              default=None,
              help="table (the default on a terminal), csv (the default otherwise), tsv or json: the W3C "
                   "SPARQL 1.1 query results formats, for programs; xlsx (an Excel workbook, needs --out) "
                   "or excel-csv (CSV that Excel reads right), for people: labels instead of IRIs, "
                   "readable headers. With --out, the file's extension chooses when --format is not given.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the rows to this file (atomically) instead of standard output.")
@click.option("--limit", type=click.IntRange(min=0), default=None, metavar="N",
              help="Give at most N rows (a page of a long listing).")
@click.option("--offset", type=click.IntRange(min=0), default=0, metavar="N",
              help="Skip the first N rows (with --limit: the next page starts at the last page's end).")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and stop.")
@debug_option
@click.pass_context
def query(ctx: click.Context, name: str | None, params: tuple[str, ...], store_dir: Path,
          graph_file: Path | None, endpoint: str | None, auth_env: str | None, fmt: str | None,
          out: Path | None, limit: int | None, offset: int, list_only: bool) -> None:
    """Run the named query NAME (or the SPARQL file FILE.rq) and print its rows.

    Without NAME (or with --list), list the named queries, the question each answers and its
    parameters. The query runs on the store that plangraph build wrote (default), on a graph
    file (--graph) or on a SPARQL endpoint (--endpoint), over the union of the plans' named
    graphs. Exits 2 on a usage error, 3 when the store, graph or query cannot be read, 4 when
    the endpoint cannot be reached or refuses.
    """
    from plangraph.cli.arguments import authorization_from_env, endpoint_url, parse_params
    from plangraph.sparql import list_queries, load_query, result_to_csv, result_to_json, result_to_table, result_to_tsv

    if name is None or list_only:
        for named in list_queries():
            parameters = f" (--param {', '.join(named.parameters)})" if named.parameters else ""
            click.echo(f"{named.name}: {named.summary}{parameters}")
        return
    if sum((given(ctx, "store_dir"), graph_file is not None, endpoint is not None)) > 1:
        raise UsageError("give one of --store, --graph and --endpoint (expected one place to query)")
    if auth_env and endpoint is None:
        raise UsageError("--auth-env goes with --endpoint (the store and graph files need no credentials)")
    from plangraph.sparql.engine import Engine, OxigraphEngine
    from plangraph.sparql.paging import read_page

    loaded = load_query(name)
    bindings = parse_params(params)
    engine: Engine
    if endpoint is not None:
        from plangraph.sparql.endpoint import EndpointEngine

        engine = EndpointEngine(endpoint_url(endpoint), authorization_from_env(auth_env))
    elif graph_file is not None:
        from plangraph.store import load_graph_file

        engine = OxigraphEngine(load_graph_file(graph_file))
    else:
        from plangraph.store import open_store

        engine = OxigraphEngine(open_store(store_dir))
    result = read_page(engine, loaded, bindings, limit, offset)
    from plangraph.sparql.sheets import result_to_excel_csv, write_xlsx

    if fmt is None and out is not None:
        fmt = _BY_SUFFIX.get(out.suffix.lower(), "csv")
    fmt = fmt or ("table" if sys.stdout.isatty() else "csv")
    if fmt == "xlsx":
        if out is None:
            raise UsageError("--format xlsx writes a workbook: give the file with --out FILE.xlsx")
        write_xlsx(result, out, loaded.name)
        click.echo(f"Wrote {len(result.rows)} rows to {out}", err=True)
        return
    writers = {"csv": result_to_csv, "tsv": result_to_tsv, "json": result_to_json,
               "excel-csv": result_to_excel_csv}
    if fmt in writers:
        text = writers[fmt](result)
        if out is None:
            click.echo(text, nl=False)
            return
        from plangraph.files import write_text_atomic

        write_text_atomic(out, text)
        click.echo(f"Wrote {len(result.rows)} rows to {out}", err=True)
        return
    if out is not None:
        raise UsageError("--format table is for the terminal: give --format csv, excel-csv, xlsx, tsv or "
                         "json with --out")
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    headers, rows = result_to_table(result)
    caption = f"{loaded.name}: {len(rows)} rows"
    if limit is not None or offset:
        caption = f"{loaded.name}: rows {offset + 1}–{offset + len(rows)}"
        if limit is not None and len(rows) == limit:
            caption += f" (the next page: --offset {offset + limit})"
    table = Table(caption=caption)
    for header in headers:
        table.add_column(header, overflow="fold")  # fold, not "…": a cut IRI or name misleads
    for row in rows:
        # Text, not str: document text such as "[Draft]" must not be read as rich markup.
        table.add_row(*(Text(cell) for cell in row))
    Console(width=None if sys.stdout.isatty() else 200, highlight=False).print(table)


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The SPARQL 1.1 Graph Store Protocol endpoint (e.g. http://127.0.0.1:7878/store).")
@store_option()
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Push this TriG or N-Quads file instead of the store.")
@click.option("--auth-env", default=None, metavar="VAR",
              help="The environment variable holding user:password (HTTP Basic) or a bearer token.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Give up on a request (one graph) not answered in full within SECONDS, however "
                   "slowly the server trickles its answer (default: 120; connecting must succeed "
                   "within 15 s).")
@click.option("--prune", is_flag=True,
              help="Then remove from the server the graphs of plans that the pushed store or graph does "
                   "not have; only plan graphs plangraph made (named by the plan's IRI, holding the "
                   "plan) are removed, any other graph is left alone.")
@click.option("--query-endpoint", default=None, metavar="URL",
              help="With --prune: the SPARQL query endpoint of the same server, which lists its plan "
                   "graphs (default: --endpoint with its last part, store or data, made query).")
@debug_option
@click.pass_context
def push(ctx: click.Context, endpoint: str, store_dir: Path, graph_file: Path | None,
         auth_env: str | None, timeout: float | None, prune: bool, query_endpoint: str | None) -> None:
    """Replace each plan's named graph on a shared triple store with the built graph.

    One HTTP PUT per named graph (ENDPOINT?graph=<plan IRI>), so running it again replaces
    rather than duplicates; with --prune, then one DELETE per graph of a plan no longer built.
    Credentials are read from the environment variable named by --auth-env and never printed.
    Exits 3 when the store or graph cannot be read, 4 when the server cannot be reached, refuses
    or does not answer in time (the message gives the URL, the HTTP status and the graphs
    already replaced), 130 when interrupted (the message says the same).
    """
    from plangraph.cli.app import INTERRUPTED
    from plangraph.cli.arguments import authorization_from_env, endpoint_url
    from plangraph.store.http import TIMEOUT
    from plangraph.store.push import (PushedGraph, PushInterrupted, push_store, query_url_for, remove_graphs,
                                      stale_graphs)

    if given(ctx, "store_dir") and graph_file:
        raise UsageError("give one of --store and --graph (expected one graph to push)")
    if query_endpoint is not None and not prune:
        raise UsageError("--query-endpoint goes with --prune (push itself sends graphs to --endpoint only)")
    endpoint_url(endpoint)
    query_url = endpoint_url(query_endpoint, "--query-endpoint") if query_endpoint else query_url_for(endpoint)
    if prune and query_url is None:
        raise UsageError(f"--prune needs the SPARQL query endpoint of the server at {endpoint}, which "
                         "lists its plan graphs (expected --query-endpoint URL, e.g. …/query)")
    authorization = authorization_from_env(auth_env)
    seconds = timeout or TIMEOUT
    if graph_file is not None:
        from plangraph.store import load_graph_file

        store = load_graph_file(graph_file)
    else:
        from plangraph.store import open_store

        store = open_store(store_dir)
    # listed before anything changes, so that a wrong --query-endpoint stops the push unstarted
    stale = stale_graphs(store, query_url, authorization=authorization, timeout=seconds) if prune and query_url else []

    def show_pushed(graph: PushedGraph) -> None:  # as it goes, so that a stop leaves them shown
        click.echo(f"{'created' if graph.created else 'replaced'} {graph.graph}: {graph.triples} triples")

    def show_removed(graph: str) -> None:
        click.echo(f"removed {graph}: its plan is not in this build")

    try:
        pushed = push_store(store, endpoint, authorization=authorization, timeout=seconds, on_pushed=show_pushed)
        removed = remove_graphs(endpoint, stale, authorization=authorization, timeout=seconds,
                                on_removed=show_removed)
    except PushInterrupted as stop:
        click.echo(f"plangraph: {stop.shown(lambda name: '--' + name)}", err=True)
        ctx.exit(INTERRUPTED)
    summary = f"Pushed {len(pushed)} graphs, {sum(g.triples for g in pushed)} triples -> {endpoint}"
    if prune:
        summary += f"; removed {len(removed)} graphs of plans not in this build"
    click.echo(summary)


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path), default=Path("build/graph.trig"))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: for reading; json: the same groups plus every result.")
@debug_option
@click.pass_context
def validate(ctx: click.Context, graph: Path, fmt: str) -> None:
    """Check the plans in GRAPH (TriG, N-Quads or Turtle; default build/graph.trig) with the SHACL shapes.

    Prints what is wrong, grouped by rule, each item named by its label and file:line.
    Exits 0 when every plan passes (warnings allowed), 1 when any check is violated,
    3 when GRAPH cannot be read or holds no plan.
    """
    from plangraph.store import read_graph
    from plangraph.validate import report_to_dict, report_to_text, validate_dataset

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
