"""The serve and site commands: the workbench in the browser (dutygraph.serve).

Thin clients of dutygraph.serve; Starlette, uvicorn and Jinja2 (the `serve` extra) are imported
only when a command runs, so the rest of the command line neither needs nor waits for them.
"""

from __future__ import annotations

import click

from dutygraph.errors import DutygraphError


class MissingExtra(DutygraphError):
    """A command needs packages of an extra that is not installed (exit 2)."""


def _require_serve_extra() -> None:
    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as error:
        raise MissingExtra(f"{error.name} is not installed: pip install 'dutygraph[serve]' "
                           "(make does it)") from None


@click.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; 127.0.0.1 answers this machine only. 0.0.0.0 "
                   "answers the network: the endpoint has no login.")
@click.option("--base", help="The base IRI of the graph's entities, whose pages the server "
                             "serves at their paths after it (default: read from the graph's "
                             "documents, else https://w3id.org/dutygraph/id/).")
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
    from dutygraph.cli.common import user_errors

    with user_errors():
        _require_serve_extra()
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
