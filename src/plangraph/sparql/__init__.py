"""Named SPARQL queries (``queries/*.rq``): load, run on Oxigraph or rdflib, write results.

A query runs over the union of the plan graphs, on the on-disk Oxigraph store or on an
rdflib Dataset in memory; both give the same rows, as rdflib terms. Results are written as
the W3C SPARQL 1.1 Query Results CSV, TSV and JSON formats, or as rows of strings for a table.

Parameters are RDF terms bound to variables of the query's SELECT clause by the engine's own
binding API (Oxigraph's ``substitutions``, rdflib's ``initBindings``); a value is never
spliced into query text, so no value can change what a query does.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Union

import pyoxigraph
from rdflib import XSD, BNode, Dataset, Literal, URIRef
from rdflib.query import ResultRow

from plangraph.errors import ReadError, UsageError
from plangraph.resources import asset_dir

__all__ = ["Query", "QueryResult", "Term", "Params", "list_queries", "load_query", "parse_query",
           "query_variables", "check_params", "parse_term", "parse_params", "run_query",
           "select_strings", "solutions_to_result", "to_oxigraph",
           "result_to_csv", "result_to_tsv", "result_to_json", "result_to_table", "ID", "PG"]

Term = Union[URIRef, Literal, BNode]
Params = Mapping[str, Term]
OxTerm = Union[pyoxigraph.NamedNode, pyoxigraph.BlankNode, pyoxigraph.Literal, pyoxigraph.Triple]
ID = "https://w3id.org/plangraph/id/"
PG = "https://w3id.org/plangraph/def/core#"
_SHORT = ((ID, "id:"), (PG, "pg:"))
_OX_POSITION = re.compile(r"error at (\d+):(\d+)")
_XSD_STRING = str(XSD.string)
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Values that name an IRI rather than a string: <…>, or an absolute IRI of a common scheme.
_IRI_SCHEMES = ("http://", "https://", "urn:", "mailto:", "file:")


@dataclass(frozen=True)
class Query:
    """A SPARQL query and where it came from (for error messages)."""

    name: str
    text: str
    path: Path | None = None

    @property
    def source(self) -> str:
        return str(self.path) if self.path else self.name

    @property
    def parameters(self) -> list[str]:
        """The variables the opening comment names under ``Parameters:`` (``?organisation``)."""
        names: list[str] = []
        inside = False
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            body = line[1:].strip()
            if body.startswith("Parameters:"):
                inside = True
            elif inside and not line[1:].startswith("  "):  # the next unindented heading
                break
            if inside:
                names += [n for n in re.findall(r"\?(\w+)", body) if n not in names]
        return names

    @property
    def summary(self) -> str:
        """The first comment line without ``# NAME:``: the question the query answers."""
        for line in self.text.splitlines():
            if line.startswith("#"):
                first = line.lstrip("#").strip()
                prefix = f"{self.name}:"
                return first[len(prefix):].strip() if first.startswith(prefix) else first
            if line.strip():
                break
        return ""


@dataclass(frozen=True)
class QueryResult:
    """The variables of a SELECT query, in order, and one dict per solution (None: unbound)."""

    columns: list[str]
    rows: list[dict[str, Term | None]]


def list_queries() -> list[Query]:
    """The bundled named queries, sorted by name."""
    return [_read(path, path.stem) for path in sorted(asset_dir("queries").glob("*.rq"))]


def load_query(name_or_path: str | Path) -> Query:
    """A named query (``who-leads-what``) or a query file (``mine.rq``)."""
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or text.endswith(".rq") or "/" in text or "\\" in text:
        path = Path(name_or_path)
        if not path.is_file():
            raise ReadError(str(path), None, "no such query file (expected a SPARQL .rq file)")
        return _read(path, path.stem)
    path = asset_dir("queries") / f"{text}.rq"
    if not path.is_file():
        names = ", ".join(q.name for q in list_queries())
        raise UsageError(f"no named query {text!r} (expected one of: {names}; or a path to a .rq file)")
    return _read(path, text)


def _read(path: Path, name: str) -> Query:
    try:
        return Query(name=name, text=path.read_text(encoding="utf-8"), path=path)
    except (OSError, UnicodeDecodeError) as err:
        raise ReadError(str(path), None, f"cannot read the query ({err})") from err


def parse_query(query: Query | str) -> Any:
    """Parse the query with rdflib; raise ReadError at its line if it is not SPARQL 1.1.

    Returns rdflib's prepared query, which ``run_query`` evaluates without parsing again.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    q = _as_query(query)
    try:
        return prepareQuery(q.text)
    except ParseException as err:
        near = err.line.strip()
        raise ReadError(q.source, err.lineno, f"SPARQL syntax error at column {err.col} "
                        f"({err.msg}) in {_one_line(near, 80)!r}") from err
    except Exception as err:  # rdflib raises plain exceptions for some bad queries (unknown prefix)
        raise ReadError(q.source, _prefix_line(q.text, str(err)), f"SPARQL error: {_one_line(err)}") from err


def _prefix_line(text: str, message: str) -> int | None:
    """The first line that uses the undeclared prefix rdflib complains of (it gives no line)."""
    unknown = re.search(r"Unknown namespace prefix : (\w*)", message)
    if unknown is None:
        return None
    use = re.compile(rf"(?<![\w?$]){re.escape(unknown.group(1))}:")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.lstrip().startswith("#") and use.search(line):
            return number
    return None


def query_variables(query: Query | str) -> list[str]:
    """The variables of the query's SELECT clause, in order (empty for ASK and CONSTRUCT)."""
    prepared = parse_query(query)
    return [str(v) for v in prepared.algebra.get("PV") or []]


def check_params(query: Query | str, params: Params) -> None:
    """Raise a UsageError unless every parameter names a variable of the SELECT clause.

    A misspelt name would otherwise bind nothing on rdflib or a remote endpoint and silently
    return every row. (The embedded Oxigraph store refuses it by itself; ``run_query`` then
    calls this for the message.)
    """
    if not params:
        return
    q = _as_query(query)
    known = query_variables(q)
    unknown = [name for name in params if name not in known]
    if unknown:
        documented = q.parameters
        hint = (f"its parameters: {', '.join(documented)}" if documented
                else f"it has no parameters; its SELECT variables: {', '.join(known) or 'none'}")
        raise UsageError(f"{q.source}: no variable ?{unknown[0]} to bind in the query's SELECT "
                         f"clause ({hint})")


def parse_term(value: str) -> Term:
    """The RDF term a ``--param`` value stands for.

    ``<IRI>`` and absolute ``http(s)://``, ``urn:``, ``mailto:`` and ``file:`` IRIs are IRIs;
    ``id:…`` and ``pg:…`` are plangraph's short forms (as its tables print them); anything else
    is a plain string literal, exactly as given (quotes, braces and ``#`` included).

    Examples
    --------
    >>> parse_term("id:organisation/nottingham-city-ccg")
    rdflib.term.URIRef('https://w3id.org/plangraph/id/organisation/nottingham-city-ccg')
    >>> parse_term('CCG" } ; DROP ALL ; {')
    rdflib.term.Literal('CCG" } ; DROP ALL ; {')
    """
    iri: str | None = None
    if value.startswith("<") and value.endswith(">") and len(value) > 2:
        iri = value[1:-1]
    elif value.startswith(("id:", "pg:")):
        iri = (ID if value.startswith("id:") else PG) + value[3:]
    elif value.startswith(_IRI_SCHEMES):
        iri = value
    if iri is None:
        return Literal(value)
    try:
        pyoxigraph.NamedNode(iri)  # Oxigraph checks RFC 3987; rdflib accepts almost anything
    except ValueError as err:
        raise UsageError(f"parameter value {value!r} is not a valid IRI ({err}); write a string "
                         "without <...> or a scheme to match it as text") from err
    return URIRef(iri)


def parse_params(pairs: Iterable[str]) -> dict[str, Term]:
    """``["organisation=id:organisation/x", ...]`` -> ``{"organisation": URIRef(...)}``."""
    params: dict[str, Term] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _PARAM_NAME.fullmatch(name):
            raise UsageError(f"--param {pair!r}: expected NAME=VALUE, NAME being a variable of the "
                             "query without its '?' (e.g. --param organisation=id:organisation/x)")
        if name in params:
            raise UsageError(f"--param {name} is given twice (expected one value per parameter)")
        params[name] = parse_term(value)
    return params


def run_query(query: Query | str, *, store: pyoxigraph.Store | None = None,
              dataset: Dataset | None = None, params: Params | None = None) -> QueryResult:
    """Run a SELECT query over the union of the graphs of ``store`` or ``dataset``.

    ``params`` binds variables of the SELECT clause to RDF terms through the engine's binding
    API, never by editing the query text.

    Examples
    --------
    >>> from rdflib import URIRef
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    >>> run_query("SELECT ?o WHERE { ?s ?p ?o }", dataset=ds).rows
    [{'o': rdflib.term.Literal('o')}]
    """
    q = _as_query(query)
    if (store is None) == (dataset is None):
        raise TypeError("run_query needs exactly one of store= or dataset=")
    if store is not None:
        # Oxigraph refuses to bind a variable its SELECT clause lacks; rdflib's parse, which
        # check_params needs, would cost more than the query (60-130 ms for the largest)
        return _run_oxigraph(q, store, params or {})
    assert dataset is not None
    check_params(q, params or {})
    return _run_rdflib(q, dataset, params or {})


def _as_query(query: Query | str) -> Query:
    return query if isinstance(query, Query) else Query(name="<query>", text=query)


def _one_line(err: BaseException | str, limit: int = 300) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_oxigraph(term: Term) -> OxTerm:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return pyoxigraph.NamedNode(str(term))
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(str(term.datatype)))
    return pyoxigraph.Literal(str(term))


def _run_oxigraph(q: Query, store: pyoxigraph.Store, params: Params) -> QueryResult:
    substitutions: dict[pyoxigraph.Variable, OxTerm] = {
        pyoxigraph.Variable(name): to_oxigraph(term) for name, term in params.items()}
    try:
        solutions = store.query(q.text, use_default_graph_as_union=True,
                                substitutions=substitutions or None)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            raise ReadError(q.source, None, "not a SELECT query (expected SELECT; ASK, CONSTRUCT "
                            "and DESCRIBE give no table)")
        return solutions_to_result(solutions)
    except SyntaxError as err:
        # Oxigraph often reports the end of the query; rdflib's parser points at the line at fault.
        try:
            parse_query(q)
        except ReadError as better:
            if better.line is not None:
                raise better from err
        where = _OX_POSITION.search(str(err))
        line = int(where.group(1)) if where else None
        raise ReadError(q.source, line, f"SPARQL syntax error: {_one_line(err, 160)}") from err
    except (OSError, RuntimeError) as err:  # RuntimeError: Oxigraph's evaluation errors
        if params and "in its SELECT projection" in str(err):
            check_params(q, params)  # says which parameter, and the query's own
        raise ReadError(q.source, None, f"the query failed on the store ({_one_line(err)})") from err


def select_strings(store: pyoxigraph.Store, text: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """A SELECT query's columns and rows on ``store`` (over the union of its graphs), each value
    a plain string: an IRI's text, a literal's lexical form (None: unbound).

    For code that reads values rather than terms (the views): it skips making rdflib terms,
    which for a result of a hundred thousand values costs more than the query.
    """
    solutions = store.query(text, use_default_graph_as_union=True)
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        raise TypeError("select_strings needs a SELECT query")
    columns = [v.value for v in solutions.variables]
    return columns, [tuple(None if term is None else term.value for term in s) for s in solutions]


def solutions_to_result(solutions: pyoxigraph.QuerySolutions) -> QueryResult:
    """Oxigraph's solutions (from a store or parsed from an endpoint's answer) as rdflib rows.

    A term that comes back in many rows (a plan, an organisation, a label) is converted once:
    making rdflib terms, not running the query, is most of the cost of a result of thousands
    of rows.
    """
    columns = [v.value for v in solutions.variables]
    convert = _OxigraphTerms()
    return QueryResult(columns, [dict(zip(columns, map(convert, s))) for s in solutions])


def _run_rdflib(q: Query, ds: Dataset, params: Params) -> QueryResult:
    prepared = parse_query(q)
    # A view of the same store whose default graph is the union of the named graphs.
    union = Dataset(store=ds.store, default_union=True)
    try:
        with _rdflib_hash_joins():  # rdflib evaluates lazily: the rows are read inside
            result = union.query(prepared, initBindings=dict(params))
            if result.type != "SELECT" or result.vars is None:
                raise ReadError(q.source, None, "not a SELECT query (expected SELECT; ASK, "
                                "CONSTRUCT and DESCRIBE give no table)")
            columns = [str(v) for v in result.vars]
            rows = []
            for row in result:
                assert isinstance(row, ResultRow)  # a SELECT result yields ResultRows
                rows.append({c: _from_rdflib(row[i]) for i, c in enumerate(columns)})
    except ReadError:
        raise
    except Exception as err:  # rdflib's evaluator raises many kinds; name the query, not a bug
        raise ReadError(q.source, None, f"the query failed in rdflib ({type(err).__name__}: "
                        f"{_one_line(err)})") from err
    return QueryResult(columns, rows)


_HASH_JOINS = "plangraph-hash-joins"


@contextmanager
def _rdflib_hash_joins() -> Iterator[None]:
    """While inside, rdflib joins by hashing where it would compare every pair of solutions.

    rdflib evaluates a join lazily (the second part once for each solution of the first, with
    its bindings) only when neither part holds a join; otherwise, and for MINUS, it compares
    every solution of one side with every solution of the other. It evaluates an OPTIONAL
    subquery once for each solution of the group, too. The named queries join subqueries so that
    Oxigraph can hash them, and on the two seed plans rdflib's loops took minutes. These
    functions give rdflib's own rows in its own order, comparing a solution only with those that
    agree with it on the variables the other side always binds; an OPTIONAL subquery is
    evaluated once, on its own, as SPARQL evaluates a subquery. They are registered as rdflib
    custom evaluation functions for the query only.
    """
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS[_HASH_JOINS] = _evaluate_by_hashing
    try:
        yield
    finally:
        CUSTOM_EVALS.pop(_HASH_JOINS, None)


def _evaluate_by_hashing(ctx: Any, part: Any) -> Iterator[Any]:
    """rdflib's evaluation of a join, an OPTIONAL subquery or a MINUS, by hashing."""
    from rdflib.plugins.sparql.evaluate import evalPart
    from rdflib.plugins.sparql.operators import TrueFilter

    if part.name == "Join" and not part.lazy:
        return hash_join(evalPart(ctx, part.p1), set(evalPart(ctx, part.p2)))
    if part.name == "LeftJoin" and part.p2.name == "ToMultiSet" and part.expr is TrueFilter:
        return _hash_left_join(evalPart(ctx, part.p1), list(evalPart(ctx, part.p2)))
    if part.name == "Minus":
        return _hash_minus(evalPart(ctx, part.p1), set(evalPart(ctx, part.p2)))
    raise NotImplementedError  # rdflib's own evaluation


class _Buckets:
    """The solutions of one side of a join, found by the variables all of them bind.

    For a solution of the other side, ``candidates`` gives those that agree with it on the
    variables both bind among those (any other one disagrees on one of them, so is not
    compatible), in their order; all of them where it binds none.
    """

    def __init__(self, solutions: list[Any]) -> None:
        self.solutions = solutions
        self.shared = (sorted(set.intersection(*(set(s._d) for s in solutions)), key=str)
                       if solutions else [])
        self.indexes: dict[tuple[Any, ...], dict[tuple[Any, ...], list[Any]]] = {}

    def candidates(self, solution: Any) -> list[Any]:
        bound = solution._d
        keys = tuple(k for k in self.shared if k in bound)
        if not keys:
            return self.solutions
        index = self.indexes.get(keys)
        if index is None:
            index = self.indexes[keys] = defaultdict(list)
            for s in self.solutions:
                index[tuple(s._d[k] for k in keys)].append(s)
        return index.get(tuple(bound[k] for k in keys), [])


def hash_join(left: Iterable[Any], right: Iterable[Any]) -> Iterator[Any]:
    """rdflib's ``_join(left, right)``: the compatible pairs, merged, in the order of its
    nested loop."""
    buckets = _Buckets(list(right))
    for solution in left:
        for r in buckets.candidates(solution):
            if solution.compatible(r):
                yield solution.merge(r)


def _hash_left_join(left: Iterable[Any], right: list[Any]) -> Iterator[Any]:
    """SPARQL's LeftJoin with no filter: each left solution merged with every compatible right
    one, or alone where none is."""
    buckets = _Buckets(right)
    for solution in left:
        matched = False
        for r in buckets.candidates(solution):
            if solution.compatible(r):
                matched = True
                yield r.merge(solution)
        if not matched:
            yield solution


def _hash_minus(left: Iterable[Any], right: Iterable[Any]) -> Iterator[Any]:
    """rdflib's ``_minus(left, right)``: the left solutions that no right solution sharing a
    variable with them is compatible with."""
    buckets = _Buckets(list(right))
    for solution in left:
        if all(not solution.compatible(r) or solution.disjointDomain(r)
               for r in buckets.candidates(solution)):
            yield solution


def _plain(value: str, datatype: str | None, language: str | None) -> Literal:
    if language:
        return Literal(value, lang=language)
    # RDF 1.1: a plain literal is an xsd:string; rdflib keeps them apart, so normalise.
    if datatype is None or datatype == str(XSD.string):
        return Literal(value)
    if datatype.startswith(str(XSD)):
        value, datatype = _canonical(value, datatype)
    return Literal(value, datatype=URIRef(datatype))


@lru_cache(maxsize=4096)
def _canonical(value: str, datatype: str) -> tuple[str, str]:
    """The form Oxigraph stores an XSD literal in ("23.0" decimal -> "23", "007" -> "7").

    rdflib keeps the lexical form it was given, Oxigraph its canonical form: without this the
    same value would print differently, and rows compare unequal, depending on the engine.
    """
    store = pyoxigraph.Store()  # in memory: storing is what canonicalises
    node = pyoxigraph.NamedNode("urn:x")
    store.add(pyoxigraph.Quad(node, node, pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(datatype))))
    stored = next(iter(store)).object
    assert isinstance(stored, pyoxigraph.Literal)
    return stored.value, stored.datatype.value


def _from_oxigraph(term: Any) -> Term | None:
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language is None:
            datatype = term.datatype.value
            if datatype == _XSD_STRING:
                # a plain string: Literal's normalisation would only copy it again
                return Literal(term.value, normalize=False)
            return _plain(term.value, datatype, None)
        return _plain(term.value, None, term.language)
    raise TypeError(f"unsupported term in a query result: {term!r}")


class _OxigraphTerms(dict[Any, Any]):
    """Oxigraph term -> rdflib term, each distinct term converted once (``convert(term)``)."""

    def __call__(self, term: Any) -> Term | None:
        if term is None:
            return None
        try:
            return self[term]  # type: ignore[no-any-return]
        except KeyError:
            converted = self[term] = _from_oxigraph(term)
            return converted


def _from_rdflib(term: Any) -> Term | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        return _plain(str(term), str(term.datatype) if term.datatype else None, term.language)
    if isinstance(term, (URIRef, BNode)):
        return term
    raise TypeError(f"unsupported term in a query result: {term!r}")


# -- writers ------------------------------------------------------------------------

def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def result_to_csv(result: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results CSV format (header of names, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([_csv_value(row.get(c)) for c in result.columns])
    return out.getvalue()


def _tsv_value(term: Term | None) -> str:
    if term is None:
        return ""
    # Oxigraph writes each term in N-Triples syntax, escaping tabs and line breaks as TSV needs.
    return str(to_oxigraph(term))


def result_to_tsv(result: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results TSV format (``?name`` header, terms in SPARQL syntax)."""
    lines = ["\t".join(f"?{c}" for c in result.columns)]
    lines += ["\t".join(_tsv_value(row.get(c)) for c in result.columns) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value: dict[str, str] = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value


def result_to_json(result: QueryResult) -> str:
    """The W3C SPARQL 1.1 Query Results JSON format; unbound variables are left out."""
    bindings = [{c: _json_term(t) for c in result.columns if (t := row.get(c)) is not None}
                for row in result.rows]
    data = {"head": {"vars": result.columns}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_PLAN_PART = re.compile(r"^https://w3id\.org/plangraph/id/plan/([^/]+)(?:/[a-z]+/(.+))?$")


def _short(term: Term | None) -> str:
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        # A plan's own nodes read best as the plan's slug, or the key within it
        # ("1", "1a", "1a/iv"): the table sits beside the plan's printed notation.
        match = _PLAN_PART.match(text)
        if match:
            return match.group(2) or match.group(1)
        for namespace, prefix in _SHORT:
            if text.startswith(namespace):
                return prefix + text[len(namespace):]
    return text


def result_to_table(result: QueryResult) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of strings for reading: a column ``X`` with a ``XLabel`` column shows
    the label (or the IRI when there is none) and the label column is dropped; plangraph IRIs
    are shortened to ``id:`` and ``pg:``."""
    labelled = {c: f"{c}Label" for c in result.columns if f"{c}Label" in result.columns}
    shown = [c for c in result.columns if c not in labelled.values()]
    rows = []
    for row in result.rows:
        cells = []
        for c in shown:
            label = row.get(labelled[c]) if c in labelled else None
            cells.append(str(label) if label is not None else _short(row.get(c)))
        rows.append(cells)
    return shown, rows
