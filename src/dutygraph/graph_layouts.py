"""What the other layouts add to a task: its place in a table and its deadline."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from dutygraph.deadlines import deadline_date
from dutygraph.namespaces import DG, XSD


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

