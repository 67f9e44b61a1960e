"""Many documents into one dataset: files, folders and globs in, each document in its own
named graph, read on every core (sources → dataset → TriG, N-Quads, Turtle, corpus report).

The per-document work is dutygraph.build.build, unchanged, run in worker processes; each
worker hands back its document as N-Quads text, which the main process loads in batches.
What a government's documents share (its units' and leaders' names and types) goes to the
government's graph instead of each document's, so the union of all graphs repeats nothing.
Once every document is in, the tasks that recur from one year to the next are linked
(dutygraph.recurrences), in a graph of each government's.
"""

from __future__ import annotations

import functools
import glob
import json
import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rdflib import URIRef

from dutygraph.background import ctrl_c_held
from dutygraph.errors import EXIT_STOPPED, DutygraphError
from dutygraph.rdf.iris import GOVERNMENT, GOVERNMENT_GRAPH, PUBLISHER
from dutygraph.rdf.namespaces import DCTERMS, DEFAULT_BASE
from dutygraph.rdf.ntriples import term_text
from dutygraph.read.formats.sniff import SUFFIX_FORMATS

# What reader.read_table reads, by name (a folder is searched for these).
SOURCE_SUFFIXES = tuple(SUFFIX_FORMATS)
CORPUS_FILES = {"trig": "corpus.trig", "nq": "corpus.nq", "ttl": "corpus.ttl"}
REPORT_FILES = ("corpus-report.md", "corpus-report.json")


class CorpusError(DutygraphError):
    """A document of the corpus failed and the build was asked to stop (--fail-fast)."""


class Stopped(DutygraphError):
    """Ctrl-C stopped the build while it read: nothing was written, and a store is as it was
    (one this build was making is removed)."""

    exit_code = EXIT_STOPPED


class StoppedWhenStored(Stopped):
    """Ctrl-C came while the documents went into a store that was there: it was held until
    the store was whole, so the store holds this build, and nothing else was written."""


@dataclass
class DocumentOutcome:
    """What became of one source: its graph's name and counts, or why it was skipped."""

    source: str
    ok: bool
    error: str = ""
    document_id: str = ""
    graph: str = ""  # the named graph holding the document (its IRI)
    government: str = ""  # the government's IRI ({base}{government_id})
    government_graph: str = ""  # the named graph of what the government's documents share
    district: str = ""
    year: int | None = None
    tasks: int = 0
    triples: int = 0
    nquads: bytes = field(default=b"", repr=False)


@dataclass
class Corpus:
    """A built corpus: the dataset (store.OxigraphDataset or RdflibDataset), every
    document's outcome, in the order of the sources, and how many recurring task pairs the
    build linked in the districts it built."""

    dataset: object
    documents: list[DocumentOutcome]
    recurrences: int = 0

    @property
    def built(self) -> list[DocumentOutcome]:
        return [d for d in self.documents if d.ok]

    @property
    def skipped(self) -> list[DocumentOutcome]:
        return [d for d in self.documents if not d.ok]


def expand_sources(sources: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders → their tables (SOURCE_SUFFIXES), recursively; globs → what
    they match.
    Sorted within each folder or glob, each file once; InputError for one that matches nothing."""
    from dutygraph.errors import InputError

    found: dict[Path, None] = {}
    for source in sources:
        path = Path(source)
        if path.is_dir():
            matches = sorted(p for p in path.rglob("*") if _is_table(p))
        elif glob.has_magic(str(source)):
            matches = sorted(Path(p) for p in glob.glob(str(source), recursive=True)
                             if _is_table(Path(p)))
        else:
            matches = [path]  # a missing file is the build's to report, with the others
        if not matches:
            raise InputError(source, None, "no table found here (a folder is searched for "
                             + ", ".join(SOURCE_SUFFIXES) + ")")
        found.update(dict.fromkeys(matches))
    return list(found)


def _is_table(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SOURCE_SUFFIXES


def build_corpus(
    sources: Iterable[str | Path],
    *,
    backend: str = "oxigraph",
    store: str | Path | None = None,
    jobs: int | None = None,
    keep_going: bool = True,
    validate: bool = False,
    base: str = DEFAULT_BASE,
    units: str | Path | None = None,
    on_document: Callable[[DocumentOutcome], None] | None = None,
    on_linking: Callable[[], None] | None = None,
    **build_options,
) -> Corpus:
    """Build every source into one dataset, JOBS documents at a time (default: every core).

    A bad document is reported in its outcome and skipped; with keep_going=False the first
    one raises CorpusError and nothing else is built. BACKEND is oxigraph (in memory, or on
    disk in the folder STORE, which may hold earlier builds: a document built again replaces
    its old self) or rdflib. Then the tasks that recur from one year to the next are linked
    (ON_LINKING is called first) in each district built, over every document the dataset
    holds of it. Other keyword arguments go to dutygraph.build.build.

    A build that fails or is stopped (Ctrl-C) while reading leaves the folder STORE as it
    was; Ctrl-C once every document is read waits until the store is whole.
    """
    from dutygraph.ask.store import dataset as new_dataset
    from dutygraph.recurrences import link_recurrences

    paths = expand_sources(sources)
    options = {"units": units, "base": base, "validate": validate, **build_options}
    data = None
    try:
        with ctrl_c_held():  # a store opened but not yet in `data` could not be undone
            data = new_dataset(backend, store)  # (a failure inside is undone inside)
        outcomes: list[DocumentOutcome] = []
        seen: dict[str, str] = {}  # document graph → source
        for outcome in _outcomes(paths, options, jobs):
            if outcome.ok and outcome.graph in seen:
                outcome = _duplicate(outcome, seen[outcome.graph])
            if not outcome.ok and not keep_going:
                raise CorpusError(f"{outcome.error}\n(--fail-fast: stopped; nothing written. "
                                  "--keep-going skips bad documents)")
            if outcome.ok:
                seen[outcome.graph] = outcome.source
                data.add(outcome.nquads, outcome.graph, outcome.government_graph)
                outcome.nquads = b""
            outcomes.append(outcome)
            if on_document is not None:
                on_document(outcome)
        if on_linking is not None:
            on_linking()
        # The documents go in (into a store that was there, only now), the pairs are linked
        # and the store compacted: a store half through this is neither the old nor the new.
        with ctrl_c_held(), _said_if_half_stored(data):
            data.flush()
            districts = {(d.government, d.district) for d in outcomes if d.ok and d.district}
            recurrences = link_recurrences(data, districts, (d.graph for d in outcomes if d.ok))
            data.compact()
            data.mark_complete([str(path) for path in paths])  # the last step: it is whole
    except BaseException as error:
        if data is None:
            raise
        data.discard()  # a store on disk: see OxigraphDataset
        if isinstance(error, KeyboardInterrupt):
            raise _stopped(data, store) from None
        raise
    return Corpus(data, outcomes, recurrences)


def _stopped(data, store) -> Stopped:
    """What Ctrl-C left: the error that says so (README, "Many documents")."""
    if data.changed_in_place:
        return StoppedWhenStored(
            f"stopped by Ctrl-C while the documents went into the store {data.path}: the "
            "store holds this build, whole; no other file was written")
    if store is None:
        where = ""
    elif data.made_here:
        where = f"; the store {store} this build began is removed"
    else:
        where = f"; the store {store} is as it was"
    return Stopped(f"stopped by Ctrl-C while reading: nothing written{where}")


@contextmanager
def _said_if_half_stored(data):
    """An error (a full disk) while the documents go into a store that was there leaves it
    part old, part new: the error says so, and how to mend it."""
    try:
        yield
    except Exception as error:
        if not data.changed_in_place:
            raise
        raise CorpusError(f"{error}\n(the store {data.path} was being updated: it now holds "
                          "part of this build. Run the same build again to complete it.)") \
            from error


def _outcomes(paths: list[Path], options: dict, jobs: int | None):
    """Each document's outcome in the order of PATHS, built in JOBS worker processes, which
    stop at once when the build does (background.worker_pool)."""
    from dutygraph.background import worker_pool

    jobs = min(jobs or os.cpu_count() or 1, len(paths))
    if jobs <= 1:
        yield from (build_document(path, options) for path in paths)
        return
    with worker_pool(jobs) as pool:
        yield from pool.imap(functools.partial(build_document, options=options), paths)


def _duplicate(outcome: DocumentOutcome, first: str) -> DocumentOutcome:
    message = (f"{outcome.source}: the document id {outcome.document_id!r} is also that of "
               f"{first}; give each document its own id in its sidecar")
    return DocumentOutcome(outcome.source, False, message, outcome.document_id)


def build_document(path: Path, options: dict) -> DocumentOutcome:
    """Build one document (in a worker): its N-Quads, or the error that stopped it."""
    from dutygraph.build import build
    from dutygraph.rdf.iris import IriMinter

    try:
        result = build(path, indexed=False, **options)
        if result.validation is not None and not result.validation.conforms:
            from dutygraph.check.shacl import ValidationFailed

            raise ValidationFailed(result.validation, f"{path}: the graph", listed=3)
    except DutygraphError as error:
        # Say which document, also when the error names another file (its unit table).
        message = str(error)
        if not message.startswith(str(path)):
            message = f"{path}: {message}"
        return DocumentOutcome(str(path), False, message)
    meta, base = result.meta, options.get("base", DEFAULT_BASE)
    minter = IriMinter(base, meta.government_id, meta.id)
    government = GOVERNMENT.format(base=base, government_id=meta.government_id)
    shared = GOVERNMENT_GRAPH.format(base=base, government_id=meta.government_id)
    # In a corpus each document names its government, which the scope parameter government
    # of the catalogue's queries asks for (two districts may share a name).
    publisher = URIRef(PUBLISHER.format(base=base, government_id=meta.government_id))
    result.graph.add((minter.document_iri, DCTERMS.publisher, publisher))
    nquads = document_nquads(result.graph, str(minter.document_iri), shared,
                             (str(minter.unit_ns), str(minter.person_ns)))
    return DocumentOutcome(str(path), True, "", meta.id, str(minter.document_iri), government,
                           shared, meta.district, meta.year, result.report.tasks, len(result.graph),
                           nquads)


def document_nquads(triples: Iterable[tuple], document: str, shared: str,
                    shared_subjects: tuple[str, ...]) -> bytes:
    """A document's triples (rdflib terms) as N-Quads, in the order given: a triple about a
    unit or leader (a subject under SHARED_SUBJECTS) that does not point into the document
    goes to the government's graph SHARED, every other one to the document's graph DOCUMENT.
    Written by dutygraph.rdf.ntriples, not rdflib's serializer: 63 → 54 ms a synthetic document."""
    into_document, into_shared = f" <{document}> .\n", f" <{shared}> .\n"
    lines = []
    for subject, predicate, obj in triples:
        shared_triple = (str.startswith(subject, shared_subjects)
                         and not (type(obj) is URIRef and str.startswith(obj, document)))
        graph = into_shared if shared_triple else into_document
        lines.append(f"{term_text(subject)} <{predicate}> {term_text(obj)}{graph}")
    return "".join(lines).encode("utf-8")


def write_corpus(corpus: Corpus, outdir: str | Path,
                 formats: Iterable[str] = ("trig", "nq", "ttl")) -> list[Path]:
    """Write the corpus as corpus.trig, corpus.nq (named graphs) and corpus.ttl (their union)
    and the corpus report into OUTDIR; each file appears whole or not at all."""
    from dutygraph.publish.files import write_files_atomically
    from dutygraph.rdf.namespaces import PREFIXES

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    written = []
    for fmt in formats:
        target = outdir / CORPUS_FILES[fmt]
        staging = outdir / f".{target.name}.partial{target.suffix}"
        try:
            corpus.dataset.write(staging, prefixes)
            os.replace(staging, target)
        finally:  # stopped or failed (a folder of the target's name): no partial file left
            staging.unlink(missing_ok=True)
        written.append(target)
    report = corpus_report(corpus)
    written += write_files_atomically(outdir, {
        REPORT_FILES[0]: report_markdown(report).encode("utf-8"),
        REPORT_FILES[1]: (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode(),
    })
    return written


def corpus_report(corpus: Corpus) -> dict:
    """Counts per document and the skipped ones with why, as plain data."""
    rows = [{k: v for k, v in asdict(d).items() if k != "nquads"} for d in corpus.documents]
    return {"documents": len(rows), "built": len(corpus.built), "skipped": len(corpus.skipped),
            "quads": len(corpus.dataset), "recurrences": corpus.recurrences, "sources": rows}


def report_markdown(report: dict) -> str:
    """The corpus report as a Markdown page (names escaped: publish.markdown)."""
    from dutygraph.publish import markdown as md

    lines = ["# Corpus build report", "",
             f"{report['built']} of {report['documents']} documents built, "
             f"{report['skipped']} skipped; {report['quads']} quads; "
             f"{report['recurrences']} recurring task pairs linked.", "",
             "| source | document | district | year | tasks | triples |",
             "|---|---|---|---|---|---|"]
    lines += [f"| {md.text(r['source'])} | {md.text(r['document_id'])} | "
              f"{md.text(r['district'])} | {r['year'] or ''} | {r['tasks']} | {r['triples']} |"
              for r in report["sources"] if r["ok"]]
    skipped = [r for r in report["sources"] if not r["ok"]]
    if skipped:
        lines += ["", "## Skipped", ""] + [f"- {md.text(r['error'])}" for r in skipped]
    return "\n".join(lines) + "\n"
