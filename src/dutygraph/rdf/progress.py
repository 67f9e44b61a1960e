"""Write a progress report as RDF (progress records + links → triples): the report, its
period, one PROV statement per item derived from its line, and Data Cube observations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from rdflib import Graph, Literal, URIRef

from dutygraph.rdf.graph import zh
from dutygraph.rdf.iris import IriMinter
from dutygraph.rdf.namespaces import DCTERMS, DG, PROV, QB, RDF, XSD
from dutygraph.rdf.targets import QUDT, UNIT, decimal
from dutygraph.read.items import Place
from dutygraph.read.progress import ProgressDocument, ProgressItem
from dutygraph.read.progress_links import Link, TaskKey
from dutygraph.read.progress_text import Period

LINK_METHODS = {"override": DG.byOverride, "number": DG.bySectionNumber,
                "text": DG.byTextSimilarity}


@dataclass
class PlanContext:
    """What the progress triples point to in the plan's graph: its document, its tasks and
    their targets' nodes, and the units it describes."""

    minter: IriMinter  # the plan's
    year: int
    unit_node: Callable[[str], URIRef | None]  # a unit as written → its node, if the plan has it
    target_nodes: Callable[[TaskKey, int], URIRef]  # (task, target index from 0) → its node


def add_progress(graph: Graph, report: ProgressDocument, minter: IriMinter, links: list[Link],
                 measured: list[list[int | None]], plan: PlanContext) -> URIRef:
    """The report's triples, added to GRAPH (the plan's), with IRIs of the report's MINTER;
    MEASURED gives, per item and figure, the index of the target it measures. Its node."""
    node = minter.document_iri
    graph.bind("qb", QB)
    report_id = str(node).rsplit("/", 1)[1]
    graph.add((node, RDF.type, DG.ProgressReport))
    graph.add((node, DCTERMS.identifier, Literal(report_id)))
    if report.title:
        graph.add((node, DCTERMS.title, zh(report.title)))
    graph.add((node, DG.reportsOn, plan.minter.document_iri))
    period = add_period(graph, minter.doc_ns["period"], report.period, plan.year)
    graph.add((node, DG.period, period))
    for index, (item, link) in enumerate(zip(report.items, links, strict=True), start=1):
        statement = minter.doc_ns[f"progress-{index:03d}"]
        add_statement(graph, statement, item, link, node, period, plan, minter)
        for number, (figure, target) in enumerate(zip(item.figures, measured[index - 1],
                                                      strict=True), start=1):
            observation = URIRef(f"{statement}-observation-{number:02d}")
            graph.add((statement, DG.hasObservation, observation))
            add_observation(graph, observation, figure, node, period)
            if target is not None and link.task is not None:
                graph.add((observation, DG.measuresTarget, plan.target_nodes(link.task, target)))
    return node


def add_period(graph: Graph, node: URIRef, period: Period, year: int) -> URIRef:
    """The period: its label as printed, first and last day, and the share of the year."""
    graph.add((node, RDF.type, DG.ReportingPeriod))
    graph.add((node, DG.periodLabel, zh(period.label)))
    first = date(year, period.first_month, 1)
    last = (date(year + 1, 1, 1) if period.last_month == 12
            else date(year, period.last_month + 1, 1)) - timedelta(days=1)
    graph.add((node, DG.periodStart, Literal(first.isoformat(), datatype=XSD.date)))
    graph.add((node, DG.periodEnd, Literal(last.isoformat(), datatype=XSD.date)))
    graph.add((node, DG.elapsedShare, decimal(period.elapsed_share.quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP).normalize())))
    return node


def add_statement(graph: Graph, node: URIRef, item: ProgressItem, link: Link, report: URIRef,
                  period: URIRef, plan: PlanContext, minter: IriMinter) -> None:
    """One item: derived from its line, linked to its task where sure, attributed to its units."""
    graph.add((node, RDF.type, DG.ProgressStatement))
    graph.add((node, DCTERMS.isPartOf, report))
    graph.add((node, DG.period, period))
    graph.add((node, PROV.wasDerivedFrom, add_line(graph, item.place, report, minter)))
    if item.text:
        graph.add((node, DG.taskTextAsReported, zh(item.text)))
    if item.progress:
        graph.add((node, DG.progressText, zh(item.progress)))
    if link.task is not None:
        graph.add((node, DG.reportsOnTask, plan.minter.task(*link.task)))
        graph.add((node, DG.linkMethod, LINK_METHODS[link.method]))
    if link.score is not None:
        graph.add((node, DG.linkScore, decimal(Decimal(link.score.numerator / link.score
                                                       .denominator).quantize(
            Decimal("0.001"), rounding=ROUND_HALF_UP).normalize())))
    graph.add((node, DG.linkEvidence, Literal(link.evidence)))
    if item.status is not None:
        graph.add((node, DG.status, DG[item.status.notation]))
        graph.add((node, DG.statusAsWritten, zh(item.status.words)))
        graph.add((node, DG.statusSource, Literal(item.status.source)))
    for name in item.units:
        graph.add((node, DG.unitAsReported, zh(name)))
        unit = plan.unit_node(name)
        if unit is not None:
            graph.add((node, PROV.wasAttributedTo, unit))


def add_line(graph: Graph, place: Place, report: URIRef, minter: IriMinter) -> URIRef:
    """The report's line, paragraph or table row the statement is derived from."""
    if place.table is not None:
        node = minter.doc_ns[f"table-{place.table:02d}-row-{place.line:04d}"]
        graph.add((node, DG.reportTable, Literal(place.table)))
    else:
        node = minter.doc_ns[f"{place.kind}-{place.line:04d}"]
    graph.add((node, RDF.type, DG.ReportLine))
    graph.add((node, DCTERMS.isPartOf, report))
    graph.add((node, DG.reportLine, Literal(place.line)))
    return node


def add_observation(graph: Graph, node: URIRef, figure, report: URIRef, period: URIRef) -> None:
    """A figure as a Data Cube observation of the report's data set."""
    graph.add((node, RDF.type, DG.ProgressObservation))
    graph.add((node, RDF.type, QB.Observation))
    graph.add((node, QB.dataSet, report))
    graph.add((node, DG.period, period))
    graph.add((node, DG.observedSpan, zh(figure.span)))
    if figure.indicator:
        graph.add((node, DG.observedIndicator, zh(figure.indicator)))
    graph.add((node, DG.observedValue, decimal(figure.value)))
    if figure.unit:
        graph.add((node, DG.observedUnitWord, Literal(figure.unit)))
    if figure.qudt:
        graph.add((node, QUDT.unit, UNIT[figure.qudt]))
    graph.add((node, DG.shareOfPlan, Literal(figure.kind == "share")))
    graph.add((report, RDF.type, QB.DataSet))
