"""``plangraph viz``, ``plangraph audit`` and ``plangraph docs``: pages drawn from the graph."""

from __future__ import annotations

from pathlib import Path

import click

from plangraph.cli.app import cli
from plangraph.cli.options import debug_option, store_option
from plangraph.errors import UsageError
from plangraph.files import write_text_atomic

__all__ = ["audit", "docs_command", "viz_command"]


@cli.command("docs")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("build/docs"),
              show_default=True, help="Folder to write index.html into.")
@debug_option
def docs_command(out: Path) -> None:
    """Write the HTML page of the plangraph ontology to OUT/index.html.

    Every class and property with its label, definition, super-classes, domain and range
    (made with pyLODE: pip install 'plangraph[docs]'). The page needs no network to open.
    """
    from plangraph.publish.docs import write_ontology_docs

    click.echo(str(write_ontology_docs(out)))


@cli.command("viz")
@click.argument("view", type=click.Choice(["who-leads-what", "partnerships", "across-plans", "evidence"]))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: VIEW.FORMAT in the current folder).")
@click.option("--format", "fmt", type=click.Choice(["html", "png", "gexf", "graphml", "kumu.xlsx"]), default=None,
              help="html: one page that opens with no network (the default); png: a picture for a "
                   "report; gexf: for Gephi; graphml: for yEd, Cytoscape or networkx; kumu.xlsx: a "
                   "workbook for Kumu (Elements and Connections sheets). Default: from the --out file's "
                   "name, else html.")
@store_option()
@debug_option
def viz_command(view: str, out: Path | None, fmt: str | None, store_dir: Path) -> None:
    """Draw the network VIEW of the plans: who-leads-what, partnerships, across-plans or evidence.

    who-leads-what: officers and organisations -> measures and activities -> outcomes ->
    priorities. partnerships: organisations linked by the items they share. across-plans:
    what more than one plan names. evidence: claims -> the sources they cite, unsourced
    claims marked. plangraph build writes the four as HTML into its output folder.
    """
    from plangraph.publish.viz import FORMATS, facts_of, make_view, write_view
    from plangraph.store import open_store

    if fmt is None:
        name = out.name.lower() if out else ""
        fmt = next((f for f in FORMATS if name.endswith(f".{f}")), "kumu.xlsx" if name.endswith(".xlsx") else "html")
    target = out or Path(f"{view}.{fmt}")
    made = make_view(view, facts_of(store=open_store(store_dir)))
    write_view(made, target, fmt)
    click.echo(f"{target} ({made.graph.number_of_nodes()} nodes, {made.graph.number_of_edges()} links)")


@cli.command()
@store_option()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write FILE.html (a self-contained page) or FILE.csv; default: build/audit.html.")
@debug_option
def audit(store_dir: Path, out: Path | None) -> None:
    """Audit the evidence: per plan and priority, which claims cite a source.

    Claims that state a figure but cite no source come first, then the sources most relied
    on, then every claim with its lines in the document. HTML needs no network to open.
    """
    from plangraph.publish.audit import audit_to_csv, audit_to_html, collect_audit
    from plangraph.store import open_store

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
