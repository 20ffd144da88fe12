"""The web application ``plangraph serve`` runs (Starlette): the pages, the downloads and the
SPARQL endpoint, all read-only, all from the package (no request leaves the machine).

- ``/``: the plans, with their counts and the build's validation summary;
- ``/questions`` and ``/questions/NAME``: each named question as a form and a table, with
  ``.csv``, ``.xlsx`` and ``.json`` downloads and the equivalent ``plangraph query`` command;
- ``/id/...`` (plangraph's IRIs) and ``/thing?iri=...``: a page for every thing; ``/find?q=``
  finds things by a word of their name;
- ``/views/NAME``, ``/audit``, ``/validation``: the build's pages;
- ``/sparql``: the SPARQL 1.1 Protocol (GET and POST), and the query editor for a browser.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from plangraph.errors import PlangraphError
from plangraph.publish.serve import questions as asked
from plangraph.publish.serve.protocol import ProtocolError, answer_query
from plangraph.publish.serve.site import Site
from plangraph.publish.serve.things import SHOWN_LINKS, describe, find, href, short
from plangraph.publish.viz import VIEW_NAMES
from plangraph.rdf.iris import ID

__all__ = ["make_app", "PAGE_POLICY", "VIEW_POLICY"]

HERE = Path(__file__).resolve().parent
# Pages of the app load only what the app serves; the build's views carry their script inline.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
VIEW_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
               "img-src data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_DOWNLOADS = {"csv": "text/csv; charset=utf-8",
              "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              "json": "application/sparql-results+json"}


@lru_cache(maxsize=1)
def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
    env.globals.update(href=href, short=short, views=VIEW_NAMES)
    return env


def _page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _templates().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": PAGE_POLICY})


def _problem(status: int, message: str) -> HTMLResponse:
    return _page("problem.html", status=status, title="Not found" if status == 404 else "Cannot answer",
                 message=message)


def make_app(store_dir: Path, *, hosts: list[str] | None = None,
             on_ready: Callable[[], None] | None = None) -> Starlette:
    """The application over the store at ``store_dir`` (opened read-only at once: a ReadError
    when there is none), answering requests addressed to ``hosts`` only; ``on_ready`` is called
    once the server has started (and handles Ctrl-C)."""
    site = Site(store_dir)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if on_ready is not None:
            on_ready()
        yield

    def home(request: Request) -> Response:
        return _page("home.html", title="Plans", plans=site.plans(), validation=site.validation(),
                     store=str(store_dir), questions=asked.questions())

    def question_list(request: Request) -> Response:
        return _page("questions.html", title="Questions", questions=asked.questions())

    def question(request: Request) -> Response:
        name, fmt = request.path_params["name"], None
        if "." in name:
            name, fmt = name.rsplit(".", 1)
        query = asked.question(name)
        if query is None or (fmt is not None and fmt not in _DOWNLOADS):
            return _problem(404, f"no named question {name!r}")
        given = asked.params_of(query, request.query_params)
        try:
            if fmt is not None:
                return _download(query, given, fmt)
            offset = _number(request.query_params.get("offset"))
            page = asked.answer(site, query, given, offset)
        except PlangraphError as err:
            return _problem(400, str(err))
        downloads = {f: f"/questions/{query.name}.{f}" + (f"?{urlencode(given)}" if given else "")
                     for f in _DOWNLOADS}
        return _page("question.html", title=query.name, query=query, given=given, page=page,
                     choices=asked.choices(site, query), downloads=downloads,
                     command=asked.command_line(query, given, store_dir),
                     previous=_paged(request, max(0, page.offset - asked.PAGE_ROWS)) if page.offset else None,
                     next=_paged(request, page.offset + asked.PAGE_ROWS) if page.more else None)

    def _download(query: Any, given: dict[str, str], fmt: str) -> Response:
        from plangraph.sparql.results import result_to_json
        from plangraph.sparql.sheets import result_to_excel_csv, xlsx_bytes

        result = asked.whole(site, query, given)
        body: bytes
        if fmt == "xlsx":
            body = xlsx_bytes(result, query.name)
        elif fmt == "csv":
            body = result_to_excel_csv(result).encode("utf-8")
        else:
            body = result_to_json(result).encode("utf-8")
        return Response(body, media_type=_DOWNLOADS[fmt], headers={
            "Content-Disposition": f'attachment; filename="{query.name}.{fmt}"'})

    def thing(request: Request) -> Response:
        if "rest" in request.path_params:
            iri = ID + request.path_params["rest"]
        else:
            iri = request.query_params.get("iri", "")
        try:
            found = describe(site, iri, _number(request.query_params.get("offset")))
        except ValueError:
            return _problem(400, f"not an IRI: {iri!r}")
        if not found.known:
            return _problem(404, f"nothing in the graph is called {iri}")
        return _page("thing.html", title=found.label, thing=found, shown=len(found.incoming),
                     more=_paged(request, found.offset + len(found.incoming))
                     if found.offset + len(found.incoming) < found.incoming_total else None)

    def search(request: Request) -> Response:
        words = request.query_params.get("q", "")[:200]
        found = find(site, words)
        return _page("search.html", title=f"Find {words}" if words else "Find", words=words,
                     found=found[:SHOWN_LINKS], more=len(found) > SHOWN_LINKS)

    def view(request: Request) -> Response:
        name = request.path_params.get("name", "audit")
        if name not in (*VIEW_NAMES, "audit"):
            return _problem(404, f"no view {name!r} (the views: {', '.join(VIEW_NAMES)})")
        built = site.page_file(f"{name}.html")
        if built is not None:
            return FileResponse(built, media_type="text/html; charset=utf-8",
                                headers={"Content-Security-Policy": VIEW_POLICY})
        return HTMLResponse(_drawn(site, name), headers={"Content-Security-Policy": VIEW_POLICY})

    def validation(request: Request) -> Response:
        path = site.page_file("validation.txt")
        if path is None:
            return _problem(404, "this store has no validation report beside it (plangraph build writes one)")
        return _page("validation.html", title="Validation", text=path.read_text(encoding="utf-8"))

    async def sparql(request: Request) -> Response:
        fields = dict(parse_qsl(request.url.query, keep_blank_values=True))
        defaults = [v for k, v in parse_qsl(request.url.query) if k == "default-graph-uri"]
        named = [v for k, v in parse_qsl(request.url.query) if k == "named-graph-uri"]
        query: str | None = fields.get("query")
        if request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = (await request.body()).decode("utf-8", "replace")
            if kind == "application/sparql-update":
                return _refused()
            if kind == "application/sparql-query":
                query = body
            elif kind == "application/x-www-form-urlencoded":
                form = parse_qsl(body, keep_blank_values=True)
                if any(k == "update" for k, _ in form):
                    return _refused()
                query = dict(form).get("query")
                defaults += [v for k, v in form if k == "default-graph-uri"]
                named += [v for k, v in form if k == "named-graph-uri"]
            else:
                return PlainTextResponse("POST a query as application/sparql-query or as a form's "
                                         "query= field (application/x-www-form-urlencoded)\n", 415)
        elif "update" in fields:
            return _refused()
        if query is None:
            if "text/html" in request.headers.get("accept", ""):
                return _page("editor.html", title="SPARQL", questions=asked.questions())
            return PlainTextResponse("give a SPARQL query: /sparql?query=...\n", 400)
        try:
            answer = await run_in_threadpool(answer_query, site, query, request.headers.get("accept", ""),
                                             defaults, named)
        except ProtocolError as err:
            return PlainTextResponse(f"{err}\n", err.status)
        return Response(answer.body, media_type=answer.media_type)

    routes = [
        Route("/", home),
        Route("/questions", question_list),
        Route("/questions/{name}", question),
        Route("/id/{rest:path}", thing),
        Route("/thing", thing),
        Route("/find", search),
        Route("/views/{name}", view),
        Route("/audit", view, name="audit"),
        Route("/validation", validation),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=hosts or ["127.0.0.1", "localhost"])]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.site = site
    return app


def _refused() -> Response:
    return PlainTextResponse("this endpoint is read-only: updates are refused\n", 403)


def _number(text: str | None) -> int:
    try:
        return max(0, int(text or 0))
    except ValueError:
        return 0


def _paged(request: Request, offset: int) -> str:
    fields = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    return f"{request.url.path}?{urlencode([*fields, ('offset', str(offset))])}"


def _drawn(site: Site, name: str) -> str:
    """A page the build did not leave beside the store, drawn from the store (once)."""
    def make(store: Any) -> str:
        from plangraph.publish.audit import audit_to_html, collect_audit
        from plangraph.publish.views.html import view_to_html
        from plangraph.publish.viz import facts_of, make_view

        if name == "audit":
            return audit_to_html(collect_audit(store=store))
        return view_to_html(make_view(name, facts_of(store=store)))
    page: str = site.cached(("page", name), make)
    return page
