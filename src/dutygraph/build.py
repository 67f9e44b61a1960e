"""The main job: a source table in, a graph and a build report out (the whole pipeline)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from dutygraph.background import in_background
from dutygraph.check.shacl import ValidationFailed, ValidationReport, validate_graph
from dutygraph.errors import InputError
from dutygraph.limits import TASKS
from dutygraph.publish.describe import DESCRIPTION_FILE, describe
from dutygraph.publish.export import SortedTriples, export, serialize
from dutygraph.publish.files import write_files_atomically
from dutygraph.publish.report import BuildReport, build_report
from dutygraph.rdf.graph import TripleSet, document_graph
from dutygraph.rdf.iris import IriMinter
from dutygraph.rdf.namespaces import DEFAULT_BASE
from dutygraph.read.layout import NOT_UNDERSTOOD
from dutygraph.read.meta import DocumentMeta, load_meta, meta_from_text, sidecar_path
from dutygraph.read.reader import read_table
from dutygraph.read.records import TableDocument
from dutygraph.read.roles import resolve_task
from dutygraph.read.units import UnitTable

GRAPH_FILE = "graph.ttl"
REPORT_FILES = ("build-report.md", "build-report.json")
# The graph in the other formats the build publishes, each described in dataset.ttl.
DISTRIBUTION_FILES = {"graph.nt": "nt", "graph.jsonld": "jsonld", "graph.trig": "trig",
                      "graph.rdf": "xml", "graph.xlsx": "xlsx"}


@dataclass
class BuildResult:
    graph: Graph | TripleSet  # a TripleSet only when built with indexed=False
    report: BuildReport
    meta: DocumentMeta
    validation: ValidationReport | None = None  # the SHACL findings; None when not validated
    document: TableDocument | None = None  # the records the graph was built from
    units: UnitTable | None = None  # the unit table their names were resolved with


def build(
    source: str | Path,
    *,
    units: str | Path | None = None,
    meta: str | Path | None = None,
    base: str = DEFAULT_BASE,
    validate: bool = True,
    layout: str | None = None,
    lead_convention: str | None = None,
    indexed: bool = True,
    strict: bool = False,
) -> BuildResult:
    """Read SOURCE and build its graph; nothing is written. Raises InputError on bad input.
    With validate, the graph is checked against ontology/shapes*.ttl (result.validation).
    LAYOUT and LEAD_CONVENTION override what the reader detects (docs/layouts.md).
    indexed=False gives result.graph as a graph.TripleSet: enough to write N-Triples (in the
    order made, the same in every run), not to query, and built in less than half the time;
    with validate, an indexed copy is checked."""
    document = read_table(source, layout_name=layout, lead_convention=lead_convention)
    TASKS.check(len(document.tasks), source)  # before the graph, the costly part
    if strict:
        refuse_not_understood(document)
    doc_meta, meta_dir = _document_meta(source, meta, document.title, document.sha256)
    unit_table = _unit_table(units, doc_meta, meta_dir)
    tasks = [resolve_task(row, unit_table, document.lead_convention) for row in document.tasks]
    minter = IriMinter(base, doc_meta.government_id, doc_meta.id)
    graph = document_graph(document, doc_meta, tasks, minter, indexed=indexed)
    report = build_report(document, doc_meta, tasks, unit_table.path)
    report.triples = len(graph)
    validation = None
    if validate:
        validation = validate_graph(graph if indexed else graph.indexed())
    return BuildResult(graph, report, doc_meta, validation, document, unit_table)


def refuse_not_understood(document) -> None:
    """--strict: a line inside the tasks that could not be placed stops the build."""
    for reading in document.readings:
        if reading.kind == NOT_UNDERSTOOD:
            place = reading.place.line if reading.place.kind == "line" else reading.place
            raise InputError(document.path, place, f"this line could not be placed (--strict): "
                             f"{reading.text!r}; `dutygraph inspect` shows how each line reads")


def build_and_write(source: str | Path, outdir: str | Path, *, validate: bool = True,
                    **options) -> tuple[BuildResult, list[Path]]:
    """build, then write_build, as `dutygraph build` does, in less time: once the graph is
    built, a forked process (the machine's other core) runs the SHACL check on it while this
    one makes the files, which are written only if the check passes. The source is read once.
    OPTIONS are build's (the graph is always indexed). Raises as build and write_build do."""
    options["indexed"] = True  # the files are written from an rdflib Graph
    result = build(source, validate=False, **options)
    if not validate:
        return result, write_build(result, outdir)
    with in_background(validate_graph, result.graph) as validation:
        files = publication_files(result)
        result.validation = validation()
    return result, write_build(result, outdir, files)


def write_build(result: BuildResult, outdir: str | Path,
                files: dict[str, bytes] | None = None) -> list[Path]:
    """Write graph.ttl, the build report, the other formats and their DCAT description into
    OUTDIR, all or nothing. Raises ValidationFailed, writing nothing, if the graph was
    validated and breaks a shape (build with validate=False to write it anyway). FILES are
    the result's publication_files when the caller has made them already."""
    if result.validation is not None and not result.validation.conforms:
        raise ValidationFailed(result.validation, f"the graph of {result.report.source}",
                               listed=20, hint="; nothing written (--no-validate writes it)")
    return write_files_atomically(Path(outdir), files or publication_files(result))


def publication_files(result: BuildResult) -> dict[str, bytes]:
    """Every file the build publishes, by name: graph.ttl, the reports, the other formats and
    dataset.ttl, which describes them (with their checksums)."""
    written = SortedTriples(result.graph)  # written once, read by every RDF writer
    files = {
        GRAPH_FILE: serialize(result.graph, "ttl", written=written),
        REPORT_FILES[0]: result.report.to_markdown().encode("utf-8"),
        REPORT_FILES[1]: result.report.to_json().encode("utf-8"),
    }
    files.update(distributions(result.graph, written))
    published = {name: files[name] for name in (GRAPH_FILE, *DISTRIBUTION_FILES)}
    description = describe(result.graph, result.meta, published)
    files[DESCRIPTION_FILE] = description.serialize(format="turtle", encoding="utf-8")
    return files


def distributions(graph: Graph, written: SortedTriples | None = None) -> dict[str, bytes]:
    """The graph in the formats published beside graph.ttl (DISTRIBUTION_FILES)."""
    written = written or SortedTriples(graph)
    return {name: export(graph, fmt, written=written)[name]
            for name, fmt in DISTRIBUTION_FILES.items()}


def _document_meta(source, meta, title: str, sha256: str) -> tuple[DocumentMeta, Path | None]:
    path = Path(meta) if meta else sidecar_path(source)
    if meta or path.exists():
        return load_meta(path), path.parent
    return meta_from_text(source, title, sha256), None


def _unit_table(units, meta: DocumentMeta, meta_dir: Path | None) -> UnitTable:
    if units:
        return UnitTable.load(units)
    if meta.units and meta_dir is not None:
        return UnitTable.load(meta_dir / meta.units)
    return UnitTable.empty()
