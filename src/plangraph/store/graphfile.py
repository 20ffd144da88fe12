"""Graph files: which RDF format each file extension names, and reading a file into rdflib.

``plangraph validate`` reads its graph file into rdflib (``read_graph``); ``load_graph_file``
loads one into Oxigraph for ``plangraph query --graph`` and ``plangraph push --graph``. Both
go by ``GRAPH_FORMATS``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pyoxigraph
from rdflib import Dataset
from rdflib.exceptions import ParserError
from rdflib.plugins.parsers.notation3 import BadSyntax

from plangraph.errors import ReadError
from plangraph.rdf.iris import PG

__all__ = ["GRAPH_FORMATS", "load_graph_file", "read_graph"]

_PLAN = pyoxigraph.NamedNode(f"{PG}Plan")
_LINE = re.compile(r"line (\d+)")
_TYPE = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

# A graph file's format, by extension. Formats without named graphs hold one plan.
GRAPH_FORMATS = {
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
    ".nquads": pyoxigraph.RdfFormat.N_QUADS,
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".turtle": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
}
# rdflib's parser of each format. N-Triples is a subset of Turtle, and rdflib's Turtle parser,
# unlike its N-Triples parser, names the line of a syntax error.
_RDFLIB_PARSERS = {
    pyoxigraph.RdfFormat.TRIG: "trig",
    pyoxigraph.RdfFormat.N_QUADS: "nquads",
    pyoxigraph.RdfFormat.TURTLE: "turtle",
    pyoxigraph.RdfFormat.N_TRIPLES: "turtle",
}


def read_graph(path: Path) -> Dataset:
    """Read a graph file into an rdflib dataset, in the format its extension names
    (``GRAPH_FORMATS``; TriG otherwise).

    Raises ``ReadError`` (exit code 3) naming the line of a syntax error when the parser
    gives it.
    """
    rdf_format = GRAPH_FORMATS.get(path.suffix.lower(), pyoxigraph.RdfFormat.TRIG)
    fmt = _RDFLIB_PARSERS[rdf_format]
    expected = f"expected {rdf_format.name}"
    if path.is_dir():
        raise ReadError(str(path), None, f"is a folder ({expected} written by plangraph build)")
    try:
        data = path.read_bytes()
    except FileNotFoundError as err:
        raise ReadError(str(path), None, f"no such file ({expected})",
                        hint="Run plangraph build first, or name the graph file") from err
    except OSError as err:
        raise ReadError(str(path), None, f"cannot read the file: {err.strerror} ({expected})") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise ReadError(str(path), line, f"not UTF-8 text ({expected})") from err
    ds = Dataset()
    try:
        ds.parse(data=text, format=fmt)
    except BadSyntax as err:
        # BadSyntax counts the newlines before the error: a 0-based line number
        raise ReadError(str(path), err.lines + 1, f"bad syntax: {err._why} ({expected})") from err
    except ParserError as err:
        raise ReadError(str(path), _nquads_line(text, str(err)), f"bad syntax ({expected})") from err
    except Exception as err:  # rdflib's parsers raise several types; none is a plangraph bug
        raise ReadError(str(path), None, f"cannot parse the file: {err} ({expected})") from err
    return ds


def _nquads_line(text: str, message: str) -> int | None:
    # the N-Quads parser quotes the offending line but not its number
    quoted = re.search(r"\n('.*'|\".*\")$", message, re.DOTALL)
    if quoted is None:
        return None
    try:
        bad = ast.literal_eval(quoted.group(1))
    except (ValueError, SyntaxError):
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() == str(bad).strip():
            return number
    return None


def load_graph_file(path: Path) -> pyoxigraph.Store:
    """Load a TriG, N-Quads, Turtle or N-Triples file into an in-memory Oxigraph store.

    TriG and N-Quads keep their named graphs. A Turtle or N-Triples file has none, so when it
    describes exactly one plan its triples go into that plan's named graph, as ``build`` would
    put them; the named queries (which match each plan inside its graph) then work on it.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "plan.ttl"
    >>> _ = path.write_text("<urn:p> a <https://w3id.org/plangraph/def/core#Plan> .")
    >>> [g.value for g in load_graph_file(path).named_graphs()]
    ['urn:p']
    """
    fmt = GRAPH_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ReadError(str(path), None, "unknown graph format (expected a .trig, .nq, .ttl or .nt "
                        "file, such as the build/graph.trig that plangraph build writes)")
    if not path.is_file():
        raise ReadError(str(path), None, "no such graph file (expected build/graph.trig or "
                        "another TriG, N-Quads, Turtle or N-Triples file)")
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as err:
        line = _LINE.search(str(err))
        raise ReadError(str(path), int(line.group(1)) if line else None,
                        f"not valid {fmt.name} ({' '.join(str(err).split())})") from err
    except (OSError, ValueError) as err:
        raise ReadError(str(path), None, f"cannot read the graph ({err})") from err
    if fmt.supports_datasets:
        return store
    plans = {q.subject for q in store.quads_for_pattern(None, _TYPE, _PLAN, pyoxigraph.DefaultGraph())}
    if len(plans) == 1:
        (plan,) = plans
        if isinstance(plan, pyoxigraph.NamedNode):
            triples = list(store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
            store.extend(pyoxigraph.Quad(q.subject, q.predicate, q.object, plan) for q in triples)
            store.clear_graph(pyoxigraph.DefaultGraph())
    return store
