"""Network views of the knowledge graph: made from SPARQL rows, laid out in Python, drawn as
self-contained HTML (vis-network from pyvis), PNG (matplotlib) or GEXF (Gephi).

``plangraph.publish.viz`` is the public face; the pieces are ``facts`` (the queries), ``graphs``
(the four views: ``who_leads_what``, ``partnerships``, ``across_plans``, ``evidence``, built
with ``nodes``), ``layout``, ``html`` (with ``template.html``, ``view.js`` and ``view-*.js``, ``view.css``)
and ``static`` (PNG and GEXF).
"""

from __future__ import annotations

from plangraph.publish.views.model import View

__all__ = ["View"]
