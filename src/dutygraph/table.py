"""Write a graph back as the published table (graph → records → text), losing nothing."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef

from dutygraph import layout
from dutygraph.errors import InputError
from dutygraph.namespaces import DCTERMS, DG, PROV, RDF, SKOS
from dutygraph.records import Section, Statement, TableDocument, TaskRow, UnitMention

HEADER_ROW = "\t".join(layout.COLUMN_NAMES_ZH[c] for c in layout.DEFAULT_COLUMNS)
STAR_NOTE = "注：标记*的为牵头单位"


def load_turtle(path: str | Path) -> Graph:
    """Parse a Turtle file with rdflib, naming the file on failure."""
    graph = Graph()
    try:
        graph.parse(str(path), format="turtle")
    except FileNotFoundError:
        raise InputError(path, None, "no such file") from None
    except Exception as error:  # rdflib raises several unrelated types for bad Turtle
        raise InputError(path, None, f"not valid Turtle: {error}") from None
    return graph


def records_from_graph(graph: Graph) -> TableDocument:
    """The document's sections and task rows, in printed order, as the reader gave them."""
    documents = sorted(graph.subjects(RDF.type, DG.Document))
    if len(documents) != 1:
        raise InputError("<graph>", None, f"expected one dg:Document, found {len(documents)}")
    doc = documents[0]
    result = TableDocument(path=str(doc), encoding=str(graph.value(doc, DG.sourceEncoding)),
                           sha256=str(graph.value(doc, DG.sha256)),
                           title=str(graph.value(doc, DCTERMS.title) or ""))
    sections = sorted(graph.subjects(DG.document, doc),
                      key=lambda s: graph.value(s, DG.position).toPython())
    for node in sections:
        result.sections.append(_section(graph, node))
    return result


def _section(graph: Graph, node: URIRef) -> Section:
    leader = graph.value(node, DG.leader)
    section = Section(
        line=graph.value(node, DG.sourceLine).toPython(),
        position=graph.value(node, DG.position).toPython(),
        numeral=str(graph.value(node, DG.sectionNumeral)),
        heading=str(graph.value(node, DG.heading)),
        label=str(graph.value(node, SKOS.prefLabel)),
        leader=str(_zh_label(graph, leader)) if leader is not None else None,
        statements=[Statement(0, str(s)) for s in sorted(graph.objects(node, DG.statement))],
    )
    tasks = sorted(graph.subjects(DG.section, node),
                   key=lambda t: graph.value(t, DG.sourceLine).toPython())
    section.tasks = [_task(graph, task) for task in tasks]
    return section


def _task(graph: Graph, node: URIRef) -> TaskRow:
    assignments = sorted(graph.objects(node, PROV.qualifiedAttribution),
                         key=lambda a: graph.value(a, DG.position).toPython())
    units = tuple(
        UnitMention(str(graph.value(a, DG.nameAsWritten)),
                    graph.value(a, DG.leadMarked).toPython(),
                    graph.value(a, DG.position).toPython())
        for a in assignments
    )
    return TaskRow(
        line=graph.value(node, DG.sourceLine).toPython(),
        number=graph.value(node, DG.number).toPython(),
        text=str(graph.value(node, DG.text)),
        units=units,
        remark=str(graph.value(node, DG.remark) or ""),
    )


def _zh_label(graph: Graph, node: URIRef) -> str:
    labels = [label for label in graph.objects(node, SKOS.prefLabel)
              if getattr(label, "language", None) == "zh"]
    return str(min(labels)) if labels else str(node)


def table_text(document: TableDocument) -> str:
    """The document in the published layout: title, sections, header rows, task rows."""
    lines = [document.title, ""]
    for section in document.sections:
        lines.append(section.heading)
        lines.extend(statement.text for statement in section.statements)
        if section.tasks:
            lines += ["", HEADER_ROW]
            lines.extend(task_row_text(task) for task in section.tasks)
            if any(unit.lead_marked for task in section.tasks for unit in task.units):
                lines += ["", STAR_NOTE]
        lines.append("")
    return "\n".join(lines)


def task_row_text(task: TaskRow) -> str:
    """One tab-separated row: 序号, 重点工作, 责任单位 with * marks, 备注."""
    units = "、".join(("*" if u.lead_marked else "") + u.name for u in task.units)
    return "\t".join((str(task.number), task.text, units, task.remark))
