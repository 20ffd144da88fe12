"""``plangraph viz``: the network views of the graph, as HTML, PNG or GEXF.

Four views, each a networkx graph made from the RDF graph through SPARQL:
``who-leads-what``, ``partnerships``, ``across-plans`` and ``evidence``. The HTML is one
file that opens with no network (vis-network inlined from the installed pyvis package).

Examples
--------
>>> from rdflib import Dataset
>>> view = make_view("partnerships", facts_of(dataset=Dataset()))
>>> view.graph.number_of_nodes()
0
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph
from rdflib import Dataset

from plangraph.errors import UsageError

if TYPE_CHECKING:  # networkx, jinja2 and matplotlib load only when a view is made
    from plangraph.publish.views.facts import Facts
    from plangraph.publish.views.model import View

__all__ = ["VIEW_NAMES", "FORMATS", "facts_of", "ask_store", "make_view", "render", "write_view",
           "write_html_views"]

# the keys of plangraph.publish.views.graphs.VIEWS (a test keeps them equal); build names its outputs by them
VIEW_NAMES = ("who-leads-what", "partnerships", "across-plans", "evidence")
FORMATS = ("html", "png", "gexf", "graphml", "kumu.xlsx")


def facts_of(*, store: pyoxigraph.Store | None = None, dataset: Dataset | None = None) -> Facts:
    """What the views need of the graph in ``store`` (Oxigraph) or ``dataset`` (rdflib).

    A dataset is copied into an in-memory Oxigraph store first: rdflib's engine took
    minutes over the anchors query that Oxigraph answers in 50 ms. The views read plain
    strings (an IRI's text, a literal's lexical form), not rdflib terms: at regional scale
    making hundreds of thousands of rdflib terms would cost more than the queries.
    """
    from plangraph.publish.views.facts import Facts

    if (store is None) == (dataset is None):
        raise TypeError("facts_of needs exactly one of store= or dataset=")
    if dataset is not None:
        store = pyoxigraph.Store()
        store.bulk_load(input=dataset.serialize(format="nquads", encoding="utf-8"),
                        format=pyoxigraph.RdfFormat.N_QUADS)
    assert store is not None
    return Facts(partial(ask_store, store))


def ask_store(store: pyoxigraph.Store, text: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """The rows of a view query on ``store``: its columns, and each row's values as strings."""
    from plangraph.errors import ReadError
    from plangraph.sparql import select_strings

    try:
        return select_strings(store, text)
    except (OSError, RuntimeError) as err:  # RuntimeError: Oxigraph's evaluation errors
        raise ReadError("view query", None, f"the query failed on the store ({err})") from err


def make_view(name: str, facts: Facts) -> View:
    """The view ``name`` (one of ``VIEW_NAMES``)."""
    from plangraph.publish.views.graphs import VIEWS

    if name not in VIEWS:
        raise UsageError(f"no view {name!r} (expected one of: {', '.join(VIEW_NAMES)})")
    return VIEWS[name](facts)


def render(view: View, fmt: str) -> bytes:
    """The view as a file's bytes: ``html`` (UTF-8), ``png``, ``gexf``, ``graphml`` or ``kumu.xlsx``."""
    if fmt == "html":
        from plangraph.publish.views.html import view_to_html

        return view_to_html(view).encode("utf-8")
    if fmt == "png":
        from plangraph.publish.views.static import view_to_png

        return view_to_png(view)
    if fmt in ("gexf", "graphml", "kumu.xlsx"):
        from plangraph.publish.views.static import view_to_gexf, view_to_graphml, view_to_kumu

        return {"gexf": view_to_gexf, "graphml": view_to_graphml, "kumu.xlsx": view_to_kumu}[fmt](view)
    raise UsageError(f"no format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def write_view(view: View, path: Path, fmt: str) -> Path:
    """Write the view to ``path`` through a temporary file, so a failure leaves no half file."""
    from plangraph.files import replace_atomic

    data = render(view, fmt)
    with replace_atomic(path) as tmp:  # a view is for sharing: the mode a new file gets
        tmp.write_bytes(data)
    return path


def write_html_views(facts: Facts, folder: Path, names: Iterable[str] = VIEW_NAMES) -> list[Path]:
    """Write ``folder/NAME.html`` for each view; return the paths.

    The nodes of every group any view draws are fetched first, at once: one query for them
    all, and each view the same whichever others are made with it.
    """
    from plangraph.publish.views.graphs import NEEDS

    facts.need(*(group for name in VIEW_NAMES for group in NEEDS[name][0]))
    return [write_view(make_view(name, facts), folder / f"{name}.html", "html") for name in names]
