"""The store: an Oxigraph database on disk that ``plangraph build`` writes and the other
commands read, a graph file loaded into Oxigraph in memory, and a shared triple store that
``plangraph push`` fills.

The store holds every quad of the dataset, one named graph per plan, so that queries can
run over the union of the graphs (``use_default_graph_as_union``) without loading RDF again.

- :mod:`~plangraph.store.local`: the store on disk, opened read-only;
- :mod:`~plangraph.store.loader`: ``StoreLoader``, which bulk-loads it as the graph is made;
- :mod:`~plangraph.store.terms`: rdflib triples written as N-Quads and TriG by Oxigraph;
- :mod:`~plangraph.store.graphfile`: graph files by extension, read into rdflib or Oxigraph;
- :mod:`~plangraph.store.http` and :mod:`~plangraph.store.push`: a shared store over HTTP.
"""

from __future__ import annotations

from plangraph.store.graphfile import GRAPH_FORMATS, load_graph_file, read_graph
from plangraph.store.loader import StoreLoader
from plangraph.store.local import NO_STORE, is_store, open_store
from plangraph.store.terms import to_nquads, to_trig, trig_prefixes

__all__ = ["GRAPH_FORMATS", "NO_STORE", "StoreLoader", "is_store", "load_graph_file", "open_store",
           "read_graph", "to_nquads", "to_trig", "trig_prefixes"]
