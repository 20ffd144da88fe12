"""The pages ``plangraph build`` draws from the store it has just written: the four network
views and the evidence audit, shared out among processes.

Every question the pages ask (the views' queries and the audit's) joins within one plan's
named graph, ``GRAPH ?plan { ... }``, so its rows on the whole store are the union of its
rows on each named graph alone. The pages are drawn in two steps, each shared out among the
processes: every question is asked of the named graphs in turn, the graphs shared out
(``ask_part``; this is most of the work, Oxigraph's: joins over one plan's graph are cheaper
than over all of them, and a question asked of one graph need not read its ``?plan``); then
the pages are drawn from those rows, the pages shared out (``draw_share``). Asked of the
whole store instead, the views' questions would all go to one process (they share the
dearest of them, the anchors) and the audit's to the other, which would wait.

A question the rows do not answer (the progress reports, which the evidence view reads only
in a graph without claims) is asked of the store.
"""

from __future__ import annotations

import marshal
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph

from plangraph.collector import collector_paused
from plangraph.publish.viz import VIEW_NAMES

__all__ = ["PAGES", "SHARES", "Rows", "page_questions", "ask_graphs", "ask_part", "draw_share", "write_pages"]

Rows = dict[str, tuple[list[str], list[tuple[str | None, ...]]]]  # question -> its columns and rows
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], Iterable[Any]]  # map, or a process pool's map

PAGES = (*VIEW_NAMES, "audit")  # each written as folder/NAME.html
PARTS_PER_PROCESS = 8  # runs of the graphs asked per process (taken in turn as processes free up)
# The pages one process draws, when two share them: about half the work each.
SHARES = (("evidence", "partnerships"), ("who-leads-what", "across-plans", "audit"))


def page_questions() -> list[str]:
    """The text of every question the pages ask (each view's, then the audit's)."""
    from plangraph.publish.audit import QUESTIONS
    from plangraph.publish.views.facts import questions
    from plangraph.publish.views.graphs import NEEDS

    groups = [g for name in VIEW_NAMES for g in NEEDS[name][0]]
    names = [q for name in VIEW_NAMES for q in NEEDS[name][1]]
    return list(dict.fromkeys([*questions(groups, names), *QUESTIONS]))


def ask_graphs(store: pyoxigraph.Store, graphs: Sequence[str], texts: Iterable[str]) -> Rows:
    """Each of ``texts`` asked of each of the named ``graphs`` alone (the only named graph of
    the dataset it is asked of), its rows joined in the order of ``graphs``: values as strings,
    as ``queries.select_strings`` gives them.

    A question whose every ``GRAPH`` pattern names ``?plan`` has that graph as its ``?plan``:
    the column is filled in, not read from the store (each value read costs a lookup in the
    store's dictionary of strings; the plans' IRIs were a tenth of them).
    """
    from plangraph.errors import ReadError

    out: Rows = {}
    for text in texts:
        asked, at = _without_graph_column(text)
        columns: list[str] = []
        rows: list[tuple[str | None, ...]] = []
        each: list[str | None] = [*graphs] or [None]  # with no graph, once over none: the columns
        for graph in each:
            try:
                solutions = store.query(asked, use_default_graph_as_union=True,
                                        named_graphs=[pyoxigraph.NamedNode(graph)] if graph else [])
                if not isinstance(solutions, pyoxigraph.QuerySolutions):
                    raise TypeError("ask_graphs needs SELECT queries")
                columns = [v.value for v in solutions.variables]
                found = [tuple(None if term is None else term.value for term in s) for s in solutions]
            except (OSError, RuntimeError) as err:  # RuntimeError: Oxigraph's evaluation errors
                raise ReadError("page query", None, f"the query failed on the store ({err})") from err
            rows += found if at is None else [(*row[:at], graph, *row[at:]) for row in found]
        if at is not None:
            columns.insert(at, "plan")
        out[text] = (columns, rows)
    return out


_SELECT = re.compile(r"^(SELECT(?: DISTINCT)?)((?: \?\w+)+)[ \t]*$", re.MULTILINE)  # a query's own, not a subquery's
_GRAPH = re.compile(r"\bGRAPH\s+(\S+)", re.IGNORECASE)
_COMMENT = re.compile(r"^\s*#.*$", re.MULTILINE)


def _without_graph_column(text: str) -> tuple[str, int | None]:
    """``text`` without ``?plan`` among the columns it selects, and the place it had there; or
    ``text`` as it is and None, unless every GRAPH pattern names ?plan (and there is one)."""
    select = _SELECT.search(text)
    names = {m.group(1) for m in _GRAPH.finditer(_COMMENT.sub("", text))}
    if select is None or names != {"?plan"}:
        return text, None
    columns = select.group(2).split()
    if "?plan" not in columns:
        return text, None
    kept = " ".join(c for c in columns if c != "?plan")
    return f"{text[:select.start(2)]} {kept}{text[select.end(2):]}", columns.index("?plan")


def _graphs(store: pyoxigraph.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode))


def ask_part(part: int, *, parts: int, store: Path, rows: Path, kept: Path | None = None,
             keys: dict[str, str] | None = None) -> None:
    """Ask every page question of the ``part``-th of ``parts`` runs of the store's named graphs
    (in IRI order), and write the rows to ``rows/part-N`` for ``draw_share``.

    With ``kept`` (a folder) and ``keys`` (a graph's IRI -> a key that changes whenever the
    graph does), a graph's rows are kept in ``kept/KEY.rows`` and taken from there the next
    time, the graph unchanged: a rebuild asks the questions of the graphs that changed only.
    """
    from plangraph.store import open_store

    db = open_store(store)
    try:
        with collector_paused():
            graphs = _graphs(db)
            mine = graphs[len(graphs) * part // parts:len(graphs) * (part + 1) // parts]
            texts = page_questions()
            if kept is None or keys is None:
                found = ask_graphs(db, mine, texts)
            else:
                found = {}
                for graph in mine:  # joined in graph order, as ask_graphs joins them
                    _join(found, _kept_rows(db, graph, texts, kept, keys.get(graph)))
    finally:
        del db
    # marshal, not pickle: plain tuples of strings, written and read by the same Python in one
    # build, need nothing more and are much quicker to write
    (rows / f"part-{part}").write_bytes(marshal.dumps(found))


def _kept_rows(db: pyoxigraph.Store, graph: str, texts: list[str], kept: Path, key: str | None) -> Rows:
    """One graph's rows, from ``kept`` when they are there and whole, else asked (and kept)."""
    import hashlib

    path = kept / f"{key}.rows" if key else None
    if path is not None and path.is_file():
        data = path.read_bytes()
        if data[:32] == hashlib.sha256(data[32:]).digest():
            try:
                found: Rows = marshal.loads(data[32:])
                if list(found) == texts:
                    return found
            except (ValueError, EOFError, TypeError):
                pass
    found = ask_graphs(db, [graph], texts)
    if path is not None:
        body = marshal.dumps(found)
        kept.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(hashlib.sha256(body).digest() + body)
        os.replace(tmp, path)
    return found


def _join(into: Rows, found: Rows) -> None:
    for text, (columns, rows) in found.items():
        if text in into:
            into[text][1].extend(rows)
        else:
            into[text] = (columns, list(rows))


def _read_parts(rows: Path, parts: int) -> Rows:
    """The rows of every part, joined (the pages are the same whatever order rows come in)."""
    out: Rows = {}
    for part in range(parts):
        _join(out, marshal.loads((rows / f"part-{part}").read_bytes()))
    return out


class _Answers:
    """Answers questions from rows asked ahead; any other question from the store, opened (read
    only) when first needed."""

    def __init__(self, rows: Rows, store: Path) -> None:
        self.rows, self.store = rows, store
        self.db: pyoxigraph.Store | None = None
        self.asked: list[str] = []  # the questions the rows did not answer

    def __call__(self, text: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
        found = self.rows.get(text)
        if found is not None:
            return found
        from plangraph.store import open_store
        from plangraph.publish.viz import ask_store

        self.asked.append(text)
        if self.db is None:
            self.db = open_store(self.store)
        return ask_store(self.db, text)


def draw_share(pages: Sequence[str], *, parts: int, store: Path, rows: Path, folder: Path) -> list[str]:
    """Write ``folder/NAME.html`` for each of ``pages`` from the rows ``ask_part`` wrote; return
    the questions that were not among them (asked of the store)."""
    from plangraph.publish.audit import audit_to_html, collect_audit
    from plangraph.publish.views.facts import Facts
    from plangraph.publish.viz import write_html_views

    views = [p for p in pages if p in VIEW_NAMES]
    with collector_paused():
        answers = _Answers(_read_parts(rows, parts), store)
        try:
            if views:
                write_html_views(Facts(answers), folder, views)
            if "audit" in pages:
                (folder / "audit.html").write_text(audit_to_html(collect_audit(ask=answers)), encoding="utf-8")
        finally:
            answers.db = None  # closes the store, if it was opened
    return answers.asked


def write_pages(store: Path, folder: Path, *, processes: int = 1, map_: Mapper = map,
                kept: Path | None = None, keys: dict[str, str] | None = None) -> None:
    """Write every page (``PAGES``) of the graph in the Oxigraph store at ``store`` into
    ``folder``, in ``processes`` processes: ``map_`` runs a function over items, as ``map``
    does (one process) or a pool of that many processes' ``map``. The graphs are shared out in
    more parts than there are processes, so that a process that finishes early takes another.
    ``kept`` and ``keys``: each graph's rows kept for the next time (see :func:`ask_part`).

    Examples
    --------
    >>> import tempfile
    >>> import pyoxigraph
    >>> from plangraph.store import StoreLoader
    >>> folder = Path(tempfile.mkdtemp())
    >>> with StoreLoader(folder / "store", pyoxigraph.RdfFormat.TRIG) as loader:
    ...     loader.close()
    0
    >>> write_pages(folder / "store", folder)
    >>> sorted(p.name for p in folder.glob("*.html"))
    ['across-plans.html', 'audit.html', 'evidence.html', 'partnerships.html', 'who-leads-what.html']
    """
    parts = PARTS_PER_PROCESS * processes if processes > 1 else 1
    rows = Path(tempfile.mkdtemp(prefix=".pages.", dir=folder))
    try:
        list(map_(partial(ask_part, parts=parts, store=store, rows=rows, kept=kept, keys=keys), range(parts)))
        shares = SHARES if processes > 1 else (PAGES,)
        list(map_(partial(draw_share, parts=parts, store=store, rows=rows, folder=folder), shares))
    finally:
        shutil.rmtree(rows, ignore_errors=True)
