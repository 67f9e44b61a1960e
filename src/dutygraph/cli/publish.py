"""The publishing commands: `dutygraph validate` and `dutygraph export` (thin, like cli.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dutygraph.cli.common import emit, user_errors

EXPORT_FORMATS = ("ttl", "nt", "jsonld", "trig", "xml", "xlsx", "csv")


@click.command()
@click.argument("graph_file", type=click.Path())
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the report.")
@click.option("--jobs", type=click.IntRange(min=1),
              help="Corpus: documents checked at once (default: one per core).")
@click.option("--reason", is_flag=True,
              help="Also run the OWL reasoner HermiT (owlready2, Java) on the ontology and "
                   "the graph: is it consistent, is any class unsatisfiable? A corpus is "
                   "reasoned one document at a time, with a progress bar.")
def validate(graph_file, lang, jobs, reason):
    """Check GRAPH_FILE against the SHACL shapes (ontology/shapes.ttl, warnings in
    ontology/shapes-warnings.ttl) and print what is wrong, task by task with its source line.
    A corpus (TriG, N-Quads, or the folder of a store that build --store wrote) is checked
    one document at a time, with a progress bar, each finding after its document's id.

    With --reason, HermiT then says whether the graph is consistent with the ontology
    (ontology/dutygraph.ttl), and names what breaks it where it is not.

    Exit 0 when it conforms (warnings allowed), 1 on violations (or, with --reason, an
    inconsistency or an unsatisfiable class), 2 when the file cannot be read.
    """
    from dutygraph.ask.store import DATASET_SUFFIXES
    from dutygraph.check.shacl import ValidationFailed, validate_file

    with user_errors():
        report = None
        if Path(graph_file).is_dir() or Path(graph_file).suffix in DATASET_SUFFIXES:
            report = _validate_corpus(graph_file, jobs)
        if report is None:  # one graph, or a dataset that holds no dutygraph document
            report = validate_file(graph_file)
        click.echo(report.to_text(lang), nl=False)
        reasoned = _reason(graph_file, lang) if reason else []
        if not report.conforms:
            raise ValidationFailed(report, graph_file)
        wrong = [r.name for r in reasoned if not r.ok]
        if wrong:
            from dutygraph.check.reason import ReasoningFailed

            raise ReasoningFailed(f"HermiT found {len(wrong)} of {len(reasoned)} graphs "
                                  f"inconsistent with the ontology: {', '.join(wrong)}")


def _reason(graph_file: str, lang: str) -> list:
    """HermiT's findings on the graph, or on each document of a corpus (a progress bar on
    stderr), printed as they come."""
    from dutygraph.check.reason import corpus_size, reason_file

    with click.progressbar(length=corpus_size(graph_file), label="Reasoning",
                           file=sys.stderr, show_pos=True) as bar:
        def done(reasoning):
            bar.update(1)
            click.echo(reasoning.text(lang))

        return reason_file(graph_file, on_document=done)


def _validate_corpus(path: str, jobs: int | None):
    """The report of each document of the corpus at PATH, with a progress bar; None when it
    holds no dutygraph document."""
    from dutygraph.check.corpus import open_corpus, validate_documents

    store, graphs = open_corpus(path)
    if not graphs:
        return None
    with click.progressbar(length=len(graphs), label="Checking", file=sys.stderr,
                           show_pos=True) as bar:
        return validate_documents(store, graphs, jobs=jobs, on_document=lambda _: bar.update(1))


@click.command()
@click.argument("graph_file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="ttl, nt, jsonld (with the published @context), trig, xml (RDF/XML), "
                   "xlsx (one sheet each for tasks, assignments, targets) or csv (one file each).")
@click.option("-o", "--output", type=click.Path(),
              help="The file to write (for csv: the folder for tasks.csv, assignments.csv and "
                   "targets.csv). RDF formats go to standard output without it.")
@click.option("--raw-csv", is_flag=True,
              help="csv: write every value as it is, for programs. By default a text that a "
                   "spreadsheet would run as a formula (beginning with = + - @, a tab or a "
                   "carriage return) gets a leading ' (numbers stay numbers).")
def export(graph_file, fmt, output, raw_csv):
    """Write the graph in GRAPH_FILE in another format, for triple stores, web developers or
    Excel. Every RDF format parses back to the same graph. A corpus (TriG, N-Quads, or the
    folder of a store that build --store wrote) is written as the union of its graphs."""
    from dutygraph.ask.graphs import open_rdflib_graph
    from dutygraph.errors import InputError
    from dutygraph.publish.export import export as export_graph
    from dutygraph.publish.files import write_files_atomically

    with user_errors():
        graph = open_rdflib_graph(graph_file)
        files = export_graph(graph, fmt, raw_csv=raw_csv)
        if output is None:
            if fmt in ("xlsx", "csv"):
                raise InputError(graph_file, None, f"--format {fmt} writes files: give -o "
                                 + ("FOLDER" if fmt == "csv" else "FILE.xlsx"))
            emit(next(iter(files.values())).decode("utf-8"), None, bom=False)
            return
        if fmt == "csv":
            written = write_files_atomically(Path(output), files)
        else:
            path = Path(output)
            written = write_files_atomically(path.parent, {path.name: next(iter(files.values()))})
    for path in written:
        click.echo(f"Wrote {path}", err=True)
