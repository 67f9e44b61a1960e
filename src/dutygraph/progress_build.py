"""A year's story: a plan and its progress reports built together into one graph (plan +
reports → one graph, a build report that says per period how the tasks went).

`dutygraph build plan.docx q1.docx q3.xlsx -o out` comes here when one of its sources is a
progress report: its sidecar says "kind": "progress", its title names progress (推进情况,
完成情况, 督查通报 …) or its header row has a progress column (进展情况, 完成状态, 完成进度).
The plan is built as `dutygraph build plan.docx` builds it; each report is read, checked to
be of the plan's year and government, linked task by task, and its statements added.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from dutygraph.build import BuildResult, build, publication_files, write_build
from dutygraph.check.shacl import validate_graph
from dutygraph.errors import InputError
from dutygraph.publish.progress_report import progress_json, progress_markdown, summarise
from dutygraph.rdf.iris import IriMinter
from dutygraph.rdf.layouts import indicator_target_text
from dutygraph.rdf.namespaces import DEFAULT_BASE, DG, RDF
from dutygraph.rdf.progress import PlanContext, add_progress
from dutygraph.read import layout as plan_layout
from dutygraph.read.meta import DocumentMeta, load_meta, meta_from_text, sidecar_path
from dutygraph.read.progress import ProgressDocument, is_progress_report, read_progress_items
from dutygraph.read.progress_links import (
    Link,
    check_overrides,
    link_items,
    load_overrides,
    measured_targets,
)
from dutygraph.read.reader import source_items
from dutygraph.read.records import TableDocument
from dutygraph.read.targets import extract_targets
from dutygraph.read.units import UnitTable


@dataclass
class ReportOutcome:
    """One progress report as built: its records, id, links and measured targets."""

    document: ProgressDocument
    meta: DocumentMeta
    links: list[Link]
    measured: list[list[int | None]]
    node: URIRef


@dataclass
class YearResult:
    """The plan's build with its reports' statements added, and each report's outcome."""

    plan: BuildResult
    reports: list[ReportOutcome]


def progress_sources(sources) -> list[str]:
    """Which of SOURCES are progress reports (empty: a plan or a corpus, built as before)."""
    return [str(source) for source in sources
            if Path(source).is_file() and _why_progress(Path(source))]


def _why_progress(path: Path) -> str:
    meta = _sidecar(path)
    if meta is not None and meta.kind == "plan":
        return ""
    return is_progress_report(source_items(path), meta)


def _sidecar(path: Path) -> DocumentMeta | None:
    sidecar = sidecar_path(path)
    return load_meta(sidecar) if sidecar.exists() else None


def build_year(sources, *, units=None, base: str = DEFAULT_BASE, validate: bool = True,
               links=None, layout: str | None = None,
               lead_convention: str | None = None) -> YearResult:
    """Build the one plan among SOURCES and add every progress report's statements to its
    graph; nothing is written. LINKS is a clerk's override CSV (report, place, task).
    InputError for a report whose period or year cannot be read, or of another year or
    government than the plan's."""
    reports = progress_sources(sources)
    plans = [str(s) for s in sources if str(s) not in reports]
    if len(plans) != 1:
        raise InputError(reports[0], None, f"progress reports are built with their plan: give "
                         f"exactly one plan beside them, not {len(plans)} ({', '.join(plans)})")
    result = build(plans[0], units=units, base=base, validate=False, layout=layout,
                   lead_convention=lead_convention)
    plan = result.document  # read once, by the build
    context, table = _context(result, base)
    overrides = load_overrides(links) if links else {}
    outcomes = [_add_report(Path(path), plan, result, (context, table), base, overrides, links)
                for path in reports]
    result.report.triples = len(result.graph)
    if validate:
        result.validation = validate_graph(result.graph)
    return YearResult(result, outcomes)


def _context(result: BuildResult, base: str):
    """Where the plan's tasks, targets and units are in its graph (its unit table: the one
    the build resolved the plan's names with)."""
    meta, table = result.meta, result.units
    minter = IriMinter(base, meta.government_id, meta.id)

    def unit_node(name: str) -> URIRef | None:
        node = minter.unit(table.resolve(name))
        return node if (node, RDF.type, DG.Unit) in result.graph else None

    def target_node(task, index: int) -> URIRef:
        return URIRef(f"{minter.task(*task)}-target-{index + 1:02d}")

    return PlanContext(minter, meta.year or 0, unit_node, target_node), table


def plan_targets(plan: TableDocument) -> dict[tuple[int, int], list]:
    """Each task's targets, read as the plan's graph reads them (rdf/graph.py add_task)."""
    return {(section.position, row.number): extract_targets(
        indicator_target_text(row) if section.kind == plan_layout.INDICATORS else row.text)
        for section in plan.sections for row in section.tasks}


def _add_report(path: Path, plan: TableDocument, result: BuildResult,
                context: tuple[PlanContext, UnitTable], base: str, overrides,
                links_path) -> ReportOutcome:
    """Read, check, link and add one report."""
    context, table = context
    sidecar = _sidecar(path)
    document = read_progress_items(source_items(path), sidecar)
    meta = sidecar or meta_from_text(path, document.title, document.sha256)
    _check_same_plan(path, document, meta, result.meta)
    mine = overrides.get(path.name, {})
    if mine:
        check_overrides(links_path, mine, plan, {str(item.place) for item in document.items})
    links = link_items(document.items, plan, overrides=mine,
                       unit_key=lambda name: table.resolve(name).id)
    targets = plan_targets(plan)
    measured = [measured_targets(item.figures, targets[link.task]) if link.task else
                [None] * len(item.figures) for item, link in zip(document.items, links,
                                                                 strict=True)]
    minter = IriMinter(base, result.meta.government_id, meta.id)
    node = add_progress(result.graph, document, minter, links, measured, context)
    return ReportOutcome(document, meta, links, measured, node)


def _check_same_plan(path: Path, document: ProgressDocument, meta: DocumentMeta,
                     plan: DocumentMeta) -> None:
    """A report of another year or government than the plan's is refused at its title."""
    if plan.year and document.year != plan.year:
        raise InputError(path, document.title_line, f"this progress report covers "
                         f"{document.year}, and the dataset has no plan of {document.year}: "
                         f"the plan given ({plan.id}) is of {plan.year}; build the report "
                         f"with its own year's plan")
    if meta.government_id != "local" and meta.government_id != plan.government_id:
        raise InputError(path, None, f"this progress report is of the government "
                         f"{meta.government_id!r}, the plan of {plan.government_id!r}")
    if meta.id == plan.id:
        raise InputError(path, None, f"the report's id {meta.id!r} is the plan's: give it "
                         "another in its sidecar")


def year_files(year: YearResult) -> dict[str, bytes]:
    """The plan build's files, with every report's progress in the build report."""
    files = publication_files(year.plan)
    summaries = [summarise(o.document, o.meta.id, o.links, o.measured) for o in year.reports]
    files["build-report.md"] += progress_markdown(summaries).encode("utf-8")
    files["build-report.json"] = progress_json(files["build-report.json"], summaries)
    return files


def build_year_and_write(sources, outdir, **options) -> tuple[YearResult, list[Path]]:
    """build_year, then write every file at once (none if the graph breaks a shape)."""
    year = build_year(sources, **options)
    return year, write_build(year.plan, outdir, year_files(year))
