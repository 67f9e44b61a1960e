"""`dutygraph load`: a corpus into Virtuoso by its bulk loader (thin, over ask.bulkload)."""

from __future__ import annotations

import sys

import click

from dutygraph.cli.common import ask_credentials, user_errors


@click.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("--server", default="127.0.0.1:1111", show_default=True,
              help="Virtuoso's SQL address HOST:PORT (isql's, not the HTTP endpoint's).")
@click.option("--replace/--add", default=True, show_default=True,
              help="Replace each document's graph the files hold (and, in a government's "
                   "shared graph, what they say of its units and leaders), or add to them.")
@click.option("--isql", default="isql-vt", show_default=True,
              help="Virtuoso's isql program (Debian's is isql-vt).")
def load(source, server, replace, isql):
    """Bulk-load a corpus into Virtuoso: SOURCE is corpus.nq or corpus.trig (each document in
    its own graph), or a folder of .nq files, in a folder that the server's DirsAllowed lists.

    For millions of quads this is the fast path; `push` sends one graph over HTTP. Virtuoso
    reads the files itself, so SOURCE must be where the server can see it. The user and
    password come from DUTYGRAPH_ENDPOINT_USER and DUTYGRAPH_ENDPOINT_PASSWORD, or are asked
    for; the password reaches isql at its prompt, never on a command line.
    """
    from dutygraph.ask.bulkload import bulk_load
    from dutygraph.ask.endpoint import credentials

    with user_errors():
        user, password = credentials(ask_credentials if sys.stdin.isatty() else None)
        result = bulk_load(source, user, password, server, replace=replace, isql=isql)
    sent = sum(result.file_quads.values())
    rate = sent / result.seconds if result.seconds else 0
    click.echo(f"Loaded {len(result.files)} file(s) into {server}: {sent} quads in "
               f"{len(result.store_quads)} graphs, {result.seconds:.1f} s ({rate:,.0f} quads/s); "
               f"the graphs now hold {result.quads} quads.", err=True)
    if result.default_password:
        click.echo(f"Warning: {server} still has Virtuoso's default password for {user!r}: "
                   "anyone who can reach it may change the data; change it "
                   "(USER_SET_PASSWORD in isql).", err=True)
    short = {g: n for g, n in result.store_quads.items() if n < result.file_quads[g]}
    for graph, quads in short.items():
        click.echo(f"Warning: <{graph}> has {quads} quads on the server, "
                   f"{result.file_quads[graph]} in the files.", err=True)
