"""Query parameters: the RDF terms a caller binds to variables of a query's SELECT clause.

A parameter is bound by the engine's own binding API (Oxigraph's ``substitutions``, rdflib's
``initBindings``, a checked ``VALUES`` clause on an endpoint); a value is never spliced into
query text, so no value can change what a query does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph
from rdflib import Literal, URIRef

from plangraph.errors import UsageError
from plangraph.rdf.iris import ID, PG
from plangraph.sparql.catalogue import Query, as_query, parse_query
from plangraph.sparql.terms import Term

__all__ = ["PARAM_NAME", "Params", "parse_term", "check_params", "query_variables"]

Params = Mapping[str, Term]
PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Values that name an IRI rather than a string: <…>, or an absolute IRI of a common scheme.
_IRI_SCHEMES = ("http://", "https://", "urn:", "mailto:", "file:")


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
    q = as_query(query)
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
