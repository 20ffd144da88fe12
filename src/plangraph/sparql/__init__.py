"""Named SPARQL queries (``queries/*.rq``): load, run on Oxigraph, rdflib or an endpoint, write results.

The modules, in the order they build on each other: ``catalogue`` (the named queries and
query files), ``terms`` (RDF terms between rdflib and Oxigraph), ``params`` (the terms a
caller binds to a query's variables), ``engine`` (running a SELECT query: one interface over
Oxigraph and rdflib), ``endpoint`` (the same on a SPARQL 1.1 Protocol endpoint) and
``results`` (the W3C results formats and tables). This package re-exports what code outside
it uses.
"""

from __future__ import annotations

from plangraph.sparql.catalogue import Query, list_queries, load_query
from plangraph.sparql.engine import QueryResult, run_query, select_strings
from plangraph.sparql.params import check_params, parse_term, query_variables
from plangraph.sparql.results import result_to_csv, result_to_json, result_to_table, result_to_tsv

__all__ = ["Query", "QueryResult", "list_queries", "load_query", "query_variables", "check_params",
           "parse_term", "run_query", "select_strings",
           "result_to_csv", "result_to_tsv", "result_to_json", "result_to_table"]
