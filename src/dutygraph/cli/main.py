"""The dutygraph command: a thin layer over the package.

Exit codes: 0 done, 1 validation failed, 2 bad input, 130 stopped by Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import sys

import click

from dutygraph import __version__
from dutygraph.cli.common import (
    ask_credentials,
    checked_base,
    emit,
    parse_params,
    stop_now,
    user_errors,
)
from dutygraph.errors import EXIT_STOPPED
from dutygraph.limits import SOURCE_BYTES, TASKS
from dutygraph.rdf.namespaces import DEFAULT_BASE


def limit_option(limit):
    """An option that sets LIMIT (dutygraph.limits) for this command and the processes it
    starts: it is passed on in the environment, which worker processes inherit."""
    def set_limit(context, parameter, value):
        if value is not None:
            os.environ[limit.variable] = str(value)

    return click.option(limit.option, type=click.IntRange(min=1), metavar="N",
                        expose_value=False, callback=set_limit,
                        help=f"Refuse a document of more than N {limit.what.split(' in ')[0]} "
                             f"(default {limit.default:,}; also {limit.variable}).")


class _Commands(click.Group):
    """The command group: Ctrl-C during any command ends it with one line and exit 130 (the
    shell's code for SIGINT), not click's "Aborted!" and 1, which the README gives to a
    failed validation."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("Error: stopped by Ctrl-C", err=True)
            stop_now()
            ctx.exit(EXIT_STOPPED)


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="dutygraph")
def cli():
    """Turn government task-breakdown tables (重点工作责任分解) into an RDF graph and ask it
    coordination questions."""


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output-dir", default="output", show_default=True,
              type=click.Path(file_okay=False), help="Folder for graph.ttl and the build report.")
@click.option("--units", type=click.Path(dir_okay=False),
              help="Unit table (CSV). Default: the one the metadata sidecar names.")
@click.option("--meta", type=click.Path(dir_okay=False),
              help="Metadata JSON. Default: SOURCE's sidecar, e.g. x.meta.json beside x.txt.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, callback=checked_base,
              help="Base IRI of the data; must end with / or #.")
@click.option("--no-validate", is_flag=True,
              help="Write the graph without checking it against the SHACL shapes (a graph "
                   "with violations is otherwise refused, exit 1).")
@click.option("--store", type=click.Path(file_okay=False),
              help="Corpus: keep the dataset in an Oxigraph store in this folder (default: "
                   "in memory); query, viz and the notebook magic read the folder as a graph. "
                   "A store built before keeps its other documents; a document built again "
                   "replaces its old self. A build that fails while reading leaves the store "
                   "as it was (see the README).")
@click.option("--keep-going/--fail-fast", default=True, show_default=True,
              help="Corpus: skip a bad document, write the others and exit 2, or stop at "
                   "the first one and write nothing.")
@click.option("--jobs", type=click.IntRange(min=1),
              help="Corpus: documents read at once (default: one per core).")
@click.option("--layout", type=click.Choice(["table", "labelled", "bracketed"]),
              help="How the tasks are printed (default: detected; see docs/layouts.md).")
@click.option("--lead-convention",
              type=click.Choice(["star", "first-listed", "all-co", "columns", "first", "column"]),
              help="How the lead units are marked: * (star), listed first (first-listed), "
                   "not at all (all-co: several unmarked units are all co-responsible) or "
                   "in their own column, label or role word (columns); first and column are "
                   "the older names. Default: detected from the notes, header row, labels "
                   "and marks; where the document says nothing, first-listed is assumed; "
                   "the build report says which and why.")
@click.option("--strict", is_flag=True,
              help="Refuse (exit 2, nothing written) a document with a line inside its tasks "
                   "that could not be placed; by default such a line is a warning in the "
                   "build report.")
@click.option("--links", type=click.Path(dir_okay=False),
              help="With progress reports: a CSV (report,place,task) fixing the task an item "
                   "of a report reports on (task as 02-05, or empty for none); see "
                   "docs/progress.md.")
@limit_option(TASKS)
@limit_option(SOURCE_BYTES)
def build(sources, output_dir, units, meta, base, no_validate, store, keep_going, jobs,
          layout, lead_convention, strict, links):
    """Build the graph of the table in SOURCE and write it to OUTPUT_DIR/graph.ttl.

    Nothing is written unless the whole table reads: bad input exits 2 with
    'Error: FILE:LINE: what is wrong'.

    Several SOURCES (files, folders, globs such as 'data/*.txt') make a corpus: each document
    in its own named graph, written as corpus.trig, corpus.nq and corpus.ttl with a corpus
    report; a bad document is reported and skipped unless --fail-fast.

    A plan with its progress reports (dutygraph build plan.docx q1.docx q3.xlsx) builds one
    graph: the plan, and each report's statements linked to its tasks; the build report
    says per period how many tasks reported and their statuses (docs/progress.md).
    """
    from dutygraph.build import build_and_write
    from dutygraph.cli.corpus import build_corpus_command, is_corpus
    from dutygraph.cli.progress import build_year_command, is_year_build

    with user_errors():
        year = is_year_build(sources, store)
    if year:
        build_year_command(sources, output_dir, units=units, base=base,
                           validate=not no_validate, links=links, layout=layout,
                           lead_convention=lead_convention)
        return
    if links:
        raise click.UsageError("--links fixes the links of progress reports: give a plan "
                               "and its reports")

    if is_corpus(sources, store):
        build_corpus_command(sources, output_dir, units=units, meta=meta, base=base,
                             validate=not no_validate, store=store, keep_going=keep_going,
                             jobs=jobs, layout=layout, lead_convention=lead_convention)
        return
    source = sources[0]
    with user_errors():
        result, written = build_and_write(source, output_dir, units=units, meta=meta,
                                          base=base, validate=not no_validate, layout=layout,
                                          lead_convention=lead_convention, strict=strict)
    report = result.report
    click.echo(f"Read {report.source} ({report.encoding}): {report.tasks} tasks, "
               f"{report.assignments} assignments, {report.units} units.", err=True)
    click.echo(f"Layout {report.layout}: {report.detected['layout']}. Lead convention "
               f"{report.lead_convention}: {report.detected['lead convention']}.", err=True)
    if report.unlisted_units:
        click.echo(f"Warning: {len(report.unlisted_units)} unit names are not in the unit table "
                   f"({report.unit_table}); kept as written, listed in the build report.", err=True)
    if report.tasks_without_marked_lead:
        click.echo(f"Warning: {len(report.tasks_without_marked_lead)} tasks have several units "
                   "and no *; see the build report.", err=True)
    if result.validation is not None:
        click.echo(f"Validated against the SHACL shapes: {result.validation.summary()}.", err=True)
    for path in written:
        click.echo(f"Wrote {path}", err=True)
    global _NOTHING_LEFT_TO_CLOSE
    _NOTHING_LEFT_TO_CLOSE = True  # the files are closed; no store, no server (see main)


@cli.command()
@click.argument("query_file", type=click.Path(dir_okay=False))
@click.option("--graph", "graph_file", type=click.Path(),
              help="The graph to ask (Turtle or N-Triples; a corpus as TriG, N-Quads or the "
                   "folder of its Oxigraph store).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, exists=True),
              help="Ask the Oxigraph store that `build --store` wrote in this folder.")
@click.option("--endpoint", help="Ask this SPARQL endpoint instead of a local graph.")
@click.option("--graph-iri", help="With --endpoint: the named graph to ask (default: all).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter, bound as a plain string (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output (CSV gets a byte-order mark "
                   "so that Excel reads the Chinese right).")
@click.option("--raw-csv", is_flag=True,
              help="CSV for programs: every value as it is. By default a text that a "
                   "spreadsheet would run as a formula (beginning with = + - @, a tab or a "
                   "carriage return) gets a leading ' (numbers stay numbers).")
def query(query_file, graph_file, store_dir, endpoint, graph_iri, params, fmt, output,
          raw_csv):
    """Run the SPARQL SELECT query in QUERY_FILE over a graph or an endpoint.

    Example: dutygraph query queries/unit_portfolio.rq --graph output/graph.ttl
    --param unit=区发改局
    """
    from dutygraph.ask.graphs import open_graph
    from dutygraph.ask.query import format_result, read_query, run_query

    graph_file = graph_file or store_dir
    if (graph_file is None) == (endpoint is None):
        raise click.UsageError("give either --graph GRAPH.ttl or --endpoint URL")
    with user_errors():
        bound = parse_params(params)
        text = read_query(query_file)
        if endpoint:
            from dutygraph.ask.endpoint import remote_query

            result = remote_query(endpoint, text, query_file, bound, graph_iri)
        else:
            result = run_query(open_graph(graph_file), text, query_file, bound)
    emit(format_result(result, fmt, raw_csv=raw_csv), output, bom=fmt == "csv")


@cli.command()
@click.argument("graph_file", type=click.Path(dir_okay=False))
@click.option("--endpoint", required=True,
              help="The server's Graph Store Protocol URL, e.g. Virtuoso's "
                   "http://HOST:8890/sparql-graph-crud-auth")
@click.option("--graph-iri", required=True, help="The named graph to replace with GRAPH_FILE.")
def push(graph_file, endpoint, graph_iri):
    """Load GRAPH_FILE into a SPARQL server's named graph (SPARQL 1.1 Graph Store Protocol).

    The user and password come from DUTYGRAPH_ENDPOINT_USER and DUTYGRAPH_ENDPOINT_PASSWORD,
    or are asked for; they are never taken from the command line nor written to any log.
    """
    from dutygraph.ask.endpoint import credentials
    from dutygraph.ask.endpoint import push as push_graph

    with user_errors():
        user, password = credentials(ask_credentials if sys.stdin.isatty() else None)
        status = push_graph(graph_file, endpoint, graph_iri, user, password)
    click.echo(f"Pushed {graph_file} to <{graph_iri}> at {endpoint} (HTTP {status}).", err=True)


@cli.command()
@click.argument("graph_file", type=click.Path())
@click.option("--document", metavar="ID",
              help="Of a corpus (TriG, N-Quads or the folder of build --store), the document "
                   "to write: its id, as in the corpus report.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output.")
def table(graph_file, document, output):
    """Write the table of GRAPH_FILE (a build's graph.ttl, or one document of a corpus) back
    in the published layout (tab-separated)."""
    from dutygraph.ask.graphs import open_document
    from dutygraph.publish.table import records_from_graph, table_text

    with user_errors():
        text = table_text(records_from_graph(open_document(graph_file, document)))
    emit(text, output, bom=False)


# Set by a command that has written and closed everything it writes, and holds no store or
# server open: the process may then end without tearing the interpreter down.
_NOTHING_LEFT_TO_CLOSE = False


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--layout", type=click.Choice(["table", "labelled", "bracketed"]),
              help="How the tasks are printed (default: detected).")
@click.option("--lead-convention",
              type=click.Choice(["star", "first-listed", "all-co", "columns", "first", "column"]),
              help="How the lead units are marked (default: detected).")
def inspect(source, layout, lead_convention):
    """Print SOURCE as the reader sees it: the layout and lead rule it detected and why,
    then one line per non-empty source line: its place, what it was read as (title,
    preamble, header, section, task, units, cell, note, statement, rule, or 'not
    understood') and its text. Run it when a document reads wrong."""
    from dutygraph.read.reader import read_table

    with user_errors():
        document = read_table(source, layout_name=layout, lead_convention=lead_convention)
    click.echo(f"# {source}: {len(document.tasks)} tasks in {len(document.sections)} sections")
    click.echo(f"# layout {document.layout}: {document.detected['layout']}")
    click.echo(f"# lead rule {document.lead_convention}: {document.detected['lead convention']}")
    for reading in document.readings:
        click.echo(f"{reading.place!s:>6}  {reading.kind:<14}  {reading.text}")


def main() -> None:
    """Entry point of the dutygraph command.

    After a one-document build the interpreter's teardown alone (freeing the pinyin
    dictionaries, rdflib's and pySHACL's modules) takes 0.2 s of the command's 1 s, so the
    process ends there with os._exit, its output flushed. Any other command ends as usual."""
    from dutygraph.cli import _stop_quietly, done_with_ctrl_c

    if signal.getsignal(signal.SIGINT) is _stop_quietly:  # set while starting: see cli/__init__
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        cli(prog_name="dutygraph")
    except SystemExit as done:
        done_with_ctrl_c()  # the command has said all it will: its teardown is not stopped
        if done.code in (0, None) and _NOTHING_LEFT_TO_CLOSE:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except OSError:  # a reader that went away (| head): nothing more to say to it
                pass
            os._exit(0)
        raise


from dutygraph.cli.viz import centrality, viz  # noqa: E402

cli.add_command(viz)
cli.add_command(centrality)

from dutygraph.cli.publish import export, validate  # noqa: E402

cli.add_command(validate)
cli.add_command(export)

from dutygraph.cli.load import load  # noqa: E402

cli.add_command(load)

from dutygraph.cli.serve import serve, site  # noqa: E402

cli.add_command(serve)
cli.add_command(site)
