"""What the other layouts add to a task: its place in a table, its deadline, and the cells of
an expected-indicators row."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from dutygraph.rdf.namespaces import DG, RDF, XSD
from dutygraph.read import layout
from dutygraph.read.deadlines import deadline_date
from dutygraph.read.records import TaskRow


def add_table_place(graph: Graph, node: URIRef, table: int | None, row: int) -> None:
    """For a .docx or .xlsx source: the table (or sheet) and row the node is printed on."""
    if table is not None:
        graph.add((node, DG.sourceTable, Literal(table)))
        graph.add((node, DG.sourceRow, Literal(row)))


def add_deadline(graph: Graph, node: URIRef, written: str, year: int | None) -> None:
    """The deadline as written and, where the words give one, its last day."""
    if not written:
        return
    graph.add((node, DG.deadline, Literal(written, lang="zh")))
    day = deadline_date(written, year)
    if day is not None:
        graph.add((node, DG.deadlineDate, Literal(day.isoformat(), datatype=XSD.date)))



def add_indicator_cells(graph: Graph, node: URIRef, row: TaskRow) -> None:
    """A row of an expected-indicators table: an indicator task, its cells as printed."""
    graph.add((node, RDF.type, DG.IndicatorTask))
    graph.add((node, DG.expectedValueAsPrinted, Literal(row.expected, lang="zh")))
    if row.measure_unit:
        graph.add((node, DG.measureUnitAsPrinted, Literal(row.measure_unit)))
    if row.attribute:
        graph.add((node, DG.indicatorAttribute, Literal(row.attribute, lang="zh")))


def indicator_target_text(row: TaskRow) -> str:
    """The words the target reader reads in an indicators row: the indicator's name, then
    its expected value with the unit column's word after the number, as a task would print
    them (地区生产总值增长 / % / 6左右 → 地区生产总值增长6%左右)."""
    expected = row.expected
    match = layout.EXPECTED_NUMBER.match(expected)
    if row.measure_unit and row.measure_unit not in expected and match:
        expected = match["number"] + row.measure_unit + match["rest"]
    return row.text + expected
