"""The serve and site commands: the workbench in the browser (dutygraph.serve).

Thin clients of dutygraph.serve; Starlette, uvicorn and Jinja2 (the `serve` extra) are imported
only when a command runs, so the rest of the command line neither needs nor waits for them.
"""

from __future__ import annotations

import click

from dutygraph.cli.common import user_errors
from dutygraph.errors import import_extra
from dutygraph.rdf.namespaces import DEFAULT_BASE


def _require_serve_extra(purpose: str) -> None:
    """MissingPart (exit 2) naming the serve extra, unless its packages are installed."""
    for module in ("starlette", "uvicorn", "jinja2"):
        import_extra(module, "serve", purpose)


@click.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; 127.0.0.1 answers this machine only. 0.0.0.0 "
                   "answers the network: the endpoint has no login.")
@click.option("--base", help="The base IRI of the graph's entities, whose pages the server "
                             "serves at their paths after it (default: read from the graph's "
                             f"documents, else {DEFAULT_BASE}).")
@click.option("--cors", is_flag=True,
              help="Let pages of other sites ask the endpoint (Access-Control-Allow-Origin: *); "
                   "off by default. A static site's query page on another host needs it.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped and answered with 503.")
@click.option("--max-answer-mb", type=click.FloatRange(min=0.001), default=64.0,
              show_default=True, help="The largest answer the endpoint sends; a larger one is "
                                      "refused with 400.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that run the endpoint's queries, each holding the graph.")
@click.option("--queries", "catalogue", type=click.Path(exists=True, file_okay=False),
              help="The folder of the query page's catalogue (default: queries/ of this "
                   "checkout or of the current folder).")
def serve(source, port, host, base, cors, timeout, max_answer_mb, workers, catalogue):
    """Serve SOURCE (a graph file, a corpus's TriG or N-Quads, or a store folder) in the
    browser: a read-only SPARQL endpoint at /sparql, a query page at /query, a search, and a
    page for every unit, leader, task, target and document at the path of its IRI.

    Example: dutygraph serve output/graph.ttl, then open http://127.0.0.1:7878/
    """
    with user_errors():
        _require_serve_extra("dutygraph serve")
        import uvicorn

        from dutygraph.serve.app import Workbench, create_app

        workbench = Workbench(source, base=base, timeout=timeout, workers=workers,
                              max_bytes=int(max_answer_mb * 1024 * 1024), catalogue=catalogue)
    try:
        click.echo(f"Serving {source} (base {workbench.base}) at http://{host}:{port}/ ; "
                   f"SPARQL at http://{host}:{port}/sparql . Ctrl-C stops.", err=True)
        uvicorn.run(create_app(workbench, cors=cors), host=host, port=port, log_level="warning")
    finally:
        workbench.close()


@click.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="The folder to write the site into (made if missing; files of the same "
                   "names are replaced).")
@click.option("--base", help="The base IRI of the graph's entities: each under it gets a page "
                             "at its path after it (default: read from the graph's documents).")
@click.option("--endpoint", default="",
              help="The SPARQL endpoint the query page asks (e.g. a `dutygraph serve --cors` "
                   "or a shared Virtuoso); without it the page asks for one.")
@click.option("--queries", "catalogue", type=click.Path(exists=True, file_okay=False),
              help="The folder of the query page's catalogue (default: queries/ of this "
                   "checkout or of the current folder).")
def site(source, output, base, endpoint, catalogue):
    """Write the pages of SOURCE (a graph file, a corpus's TriG or N-Quads, or a store folder)
    as a static site: a page for every entity under the base, with its Turtle and JSON-LD, a
    search that runs in the browser, and the query page. It opens from file:// and any web
    server can host it.

    Example: dutygraph site output/graph.ttl -o output/site --endpoint http://127.0.0.1:7878/sparql
    """
    with user_errors():
        _require_serve_extra("dutygraph site")
        from pathlib import Path

        from dutygraph.ask.graphs import open_graph
        from dutygraph.rdf.iris import check_base
        from dutygraph.serve import pages
        from dutygraph.serve.catalogue import catalogue_entries, default_catalogue
        from dutygraph.serve.site import write_site

        store = open_graph(source)
        base = check_base(base or pages.detect_base(store, DEFAULT_BASE))
        folder = Path(catalogue) if catalogue else default_catalogue()
        written = write_site(store, output, base=base, endpoint=endpoint,
                             catalogue=catalogue_entries(folder) if folder else [])
    click.echo(f"Wrote {written.pages} pages into {written.folder}; open "
               f"{(written.folder / 'index.html').resolve().as_uri()}", err=True)
