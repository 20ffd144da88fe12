"""``plangraph serve``: a local, read-only web application over the built store (Starlette,
run by uvicorn): the plans, every named question as a form, a page for every thing, the
views and the audit, and a SPARQL 1.1 Protocol endpoint with a query editor.

- :mod:`~plangraph.publish.serve.site`: the store (reopened after a rebuild) and its build folder;
- :mod:`~plangraph.publish.serve.things`: what a thing's page shows;
- :mod:`~plangraph.publish.serve.questions`: the named questions as forms and tables;
- :mod:`~plangraph.publish.serve.protocol`: the SPARQL 1.1 Protocol;
- :mod:`~plangraph.publish.serve.app`: the routes and pages.
"""
