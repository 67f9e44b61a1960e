"""The workbench as a Starlette application: the SPARQL endpoint, the query page, the search and
a page for every entity at the path of its IRI after the base (…/id/ouhai/unit/x is /ouhai/unit/x).

    app = create_app(Workbench("output/graph.ttl"))
    uvicorn.run(app, host="127.0.0.1", port=7878)

Pages come by content negotiation: HTML for a browser, Turtle or JSON-LD for a machine (Accept,
or ?format=ttl|jsonld). Entity pages and the search are asked of the graph in this process
(a thread per request, their queries our own and bounded); the endpoint's queries go to
worker processes with a time limit (dutygraph.serve.worker).
"""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dutygraph.ask.graphs import open_graph
from dutygraph.rdf.iris import check_base
from dutygraph.rdf.namespaces import DEFAULT_BASE
from dutygraph.serve import pages
from dutygraph.serve.catalogue import catalogue_entries, default_catalogue, starter_query
from dutygraph.serve.protocol import ProtocolError, negotiate, parse_accept, read_request
from dutygraph.serve.render import Links, all_prefixes, render
from dutygraph.serve.worker import MAX_BYTES, TIMEOUT_SECONDS, Answer, QueryPool

STATIC = Path(__file__).parent / "static"
MAX_BODY_BYTES = 1024 * 1024  # a query sent larger than this is refused
PAGE_TYPES = ["text/html", "text/turtle", "application/ld+json", "application/n-triples"]
PAGE_FORMATS = {"html": "text/html", "ttl": "text/turtle", "turtle": "text/turtle",
                "jsonld": "application/ld+json", "json": "application/ld+json",
                "nt": "application/n-triples"}
# Served to every page: no framing by other sites, no guessing of types, and no script from
# anywhere but here (YASGUI needs inline styles and eval-free scripts only).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' "
                               "'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'",
}


class Workbench:
    """What the server serves: a graph file, corpus file or store folder; its base IRI; the
    pool of query workers; the catalogue of the query page."""

    def __init__(self, source: str | Path, *, base: str | None = None,
                 timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES, workers: int = 1,
                 catalogue: str | Path | None = None):
        self.source = Path(source)
        self.store = open_graph(self.source)
        self.base = check_base(base or pages.detect_base(self.store, DEFAULT_BASE))
        folder = Path(catalogue) if catalogue else default_catalogue()
        self.catalogue = catalogue_entries(folder) if folder else []
        self.pool = QueryPool(self.source, workers, timeout, max_bytes)

    def close(self) -> None:
        """Stop the query workers."""
        self.pool.close()


def create_app(workbench: Workbench, *, cors: bool = False, root: str = "/") -> Starlette:
    """The application over WORKBENCH; CORS lets pages of other sites ask the endpoint."""
    middleware = []
    if cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"],
                                     allow_methods=["GET", "POST"], allow_headers=["*"]))
    app = Starlette(routes=[
        Route("/", _home, methods=["GET"]),
        Route("/sparql", _sparql, methods=["GET", "POST"]),
        Route("/query", _query_page, methods=["GET"]),
        Route("/search", _search, methods=["GET"]),
        Route("/picture", _picture, methods=["GET"]),
        Route("/prefixes.json", _prefixes, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Route("/{path:path}", _entity, methods=["GET"]),
    ], middleware=middleware)
    app.state.workbench = workbench
    app.state.links = Links(workbench.base, root)
    return app


def _html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status, headers=SECURITY_HEADERS)


def _error_page(request: Request, status: int, heading: str, message: str) -> HTMLResponse:
    return _html(render("error.html", request.app.state.links, status=status, heading=heading,
                        message=message, title=heading), status)


async def _home(request: Request) -> Response:
    workbench = request.app.state.workbench
    documents = await run_in_threadpool(pages.documents, workbench.store)
    links = request.app.state.links
    return _html(render("home.html", links, documents=documents, endpoint=links.page("sparql")))


async def _sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol endpoint (queries only)."""
    if request.method == "GET" and "query" not in request.query_params:
        if negotiate(parse_accept(request.headers.get("accept", "")), ["text/html"]) \
                and "text/html" in request.headers.get("accept", ""):
            return RedirectResponse(request.app.state.links.page("query"), 303)
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        return _answer(Answer.error(413, f"the request is larger than {MAX_BODY_BYTES} bytes"))
    try:
        query = read_request(request.method, request.headers.get("content-type", ""),
                             request.url.query, body, request.headers.get("accept", "*/*"))
    except ProtocolError as error:
        return _answer(Answer.error(error.status, error.message))
    answer = await run_in_threadpool(request.app.state.workbench.pool.ask, query)
    return _answer(answer)


def _answer(answer: Answer) -> Response:
    return Response(answer.body, answer.status, media_type=answer.media_type,
                    headers={"Vary": "Accept", "X-Content-Type-Options": "nosniff"})


async def _query_page(request: Request) -> Response:
    links = request.app.state.links
    return _html(render("query.html", links, title="查询 Query", endpoint=links.page("sparql"),
                        catalogue=request.app.state.workbench.catalogue,
                        starter=starter_query()))


async def _prefixes(request: Request) -> Response:
    """The prefixes the query editor completes (in prefix.cc's form: prefix → namespace)."""
    return JSONResponse(all_prefixes())


async def _search(request: Request) -> Response:
    phrase = request.query_params.get("q", "")
    results = await run_in_threadpool(pages.search, request.app.state.workbench.store, phrase)
    return _html(render("search.html", request.app.state.links, q=phrase.strip(),
                        results=results))


async def _picture(request: Request) -> Response:
    """A collaboration picture (dutygraph viz's page) of ?view=collaboration, leaders,
    unit:NAME or leader:NAME. Its page holds its scripts inline (it opens offline as a file),
    so it is sent without the pages' script policy; its text is escaped by its template."""
    from dutygraph.errors import DutygraphError
    from dutygraph.picture.pages import network_html, view_network

    view = request.query_params.get("view", "collaboration")
    try:
        net = await run_in_threadpool(view_network, request.app.state.workbench.store, view)
    except DutygraphError as error:
        return _error_page(request, 404, "未找到 Not found", str(error))
    html = await run_in_threadpool(network_html, net)
    return HTMLResponse(html, headers={"X-Content-Type-Options": "nosniff",
                                       "Referrer-Policy": "no-referrer"})


async def _entity(request: Request) -> Response:
    """The page of the entity whose IRI is the base and this path."""
    workbench, links = request.app.state.workbench, request.app.state.links
    iri = workbench.base + request.path_params["path"]
    wanted = _page_type(request)
    if wanted is None:
        return PlainTextResponse("ask for one of " + ", ".join(PAGE_TYPES), 406)
    if wanted != "text/html":
        graph = await run_in_threadpool(pages.entity_graph, workbench.store, iri)
        if len(graph) == 0:
            return PlainTextResponse(f"nothing is known of <{iri}>", 404)
        return Response(_graph_bytes(graph, wanted), media_type=_with_charset(wanted),
                        headers={"Vary": "Accept", "X-Content-Type-Options": "nosniff"})
    page = await run_in_threadpool(pages.entity_page, workbench.store, iri)
    if page is None:
        return _error_page(request, 404, "未找到 Not found",
                           f"图中没有 <{iri}> 的任何陈述。 The graph says nothing of it.")
    response = _html(render(f"{page.kind}.html", links, page=page))
    response.headers["Vary"] = "Accept"
    return response


def _page_type(request: Request) -> str | None:
    fmt = request.query_params.get("format")
    if fmt:
        return PAGE_FORMATS.get(fmt.lower())
    return negotiate(parse_accept(request.headers.get("accept", "*/*")), PAGE_TYPES)


def _graph_bytes(graph, media_type: str) -> bytes:
    from dutygraph.publish.export import serialize

    fmt = {"text/turtle": "ttl", "application/ld+json": "jsonld",
           "application/n-triples": "nt"}[media_type]
    return serialize(graph, fmt)


def _with_charset(media_type: str) -> str:
    return f"{media_type}; charset=utf-8"
