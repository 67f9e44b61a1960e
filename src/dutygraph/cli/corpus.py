"""`dutygraph build` with several sources: a corpus (thin, like cli.py, over dutygraph.corpus)."""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import click


def is_corpus(sources: tuple[str, ...], store: str | None) -> bool:
    """Whether the build's SOURCES make a corpus: several, a folder, a glob, or --store."""
    if store or len(sources) > 1:
        return True
    return Path(sources[0]).is_dir() or glob.has_magic(sources[0])


def _relabel(bar, label: str) -> None:
    """The bar says what the build does now (on a terminal in place; in a log on a new line)."""
    bar.label = label
    bar.render_progress()


# What the build does once every document is read (Ctrl-C then waits: background.ctrl_c_held).
_STORING = "Storing and linking recurring tasks (Ctrl-C waits until it is done)"


def _written(corpus, output_dir, store) -> list:
    """write_corpus; Ctrl-C while it writes says what is left (each file is whole or absent),
    and once every file is written it is ignored (the build is done: only its report is left)."""
    from dutygraph.cli import done_with_ctrl_c
    from dutygraph.corpus import Stopped, write_corpus

    try:
        written = write_corpus(corpus, output_dir)
        done_with_ctrl_c()  # inside the try: a Ctrl-C just before is still said as above
        return written
    except KeyboardInterrupt:
        held = f"the store {store} holds this build, whole; " if store else ""
        raise Stopped(f"stopped by Ctrl-C while writing the files: {held}the files in "
                      f"{output_dir} are those written before, each whole") from None


def build_corpus_command(sources, output_dir, *, units, meta, base, validate, store,
                         keep_going, jobs, **build_options) -> None:
    """Build a corpus with a progress bar on stderr, write it, and say what was skipped."""
    from dutygraph.cli.common import user_errors
    from dutygraph.corpus import build_corpus, expand_sources

    if meta:
        raise click.UsageError("--meta names one document's metadata: with several sources "
                               "each document is read with its own sidecar")
    with user_errors():
        paths = expand_sources(sources)
        with click.progressbar(length=len(paths), label="Building", file=sys.stderr,
                               show_pos=True) as bar:
            corpus = build_corpus(paths, store=store, jobs=jobs, keep_going=keep_going,
                                  validate=validate, base=base, units=units,
                                  on_document=lambda _: bar.update(1),
                                  on_linking=lambda: _relabel(bar, _STORING),
                                  **build_options)
        written = _written(corpus, output_dir, store)
        quads = len(corpus.dataset)
        earlier = corpus.dataset.earlier
        corpus.dataset.close()
    built = corpus.built
    click.echo(f"Built {len(built)} of {len(corpus.documents)} documents: "
               f"{sum(d.tasks for d in built)} tasks, {quads} quads; linked "
               f"{corpus.recurrences} recurring task pairs.", err=True)
    if store:
        kept = ("; it held earlier builds: the documents built again replaced their old "
                "selves, the others stay, and the files hold them all") if earlier else ""
        click.echo(f"Stored the dataset in {store} (Oxigraph){kept}", err=True)
    for path in written:
        click.echo(f"Wrote {path}", err=True)
    for skipped in corpus.skipped:
        click.echo(f"Error: skipped {skipped.error}", err=True)
    if corpus.skipped:
        # The others are written, but a script must learn that the corpus is incomplete.
        raise SystemExit(2)

