"""Write a graph back as the published table (graph → records → text), losing nothing."""

from __future__ import annotations

import re

from rdflib import Graph, URIRef

from dutygraph.errors import InputError
from dutygraph.rdf.namespaces import DCTERMS, DG, PROV, RDF, SKOS
from dutygraph.read import layout
from dutygraph.read.records import Section, Statement, TableDocument, TaskRow, UnitMention
from dutygraph.read.roles import LEAD, lead_rule, role_of

LINE_BREAKS = re.compile(r"\r\n|\r|\n")
HEADER_ROW = "\t".join(layout.COLUMN_NAMES_ZH[c] for c in layout.DEFAULT_COLUMNS)
STAR_NOTE = "注：标记*的为牵头单位"
LEADER_LABEL = layout.COLUMN_NAMES_ZH["leaders"]  # a section's leader its heading does not name
FIRST_NOTE = "注：列第一位的责任单位为牵头单位"
# Lead rules whose document convention the table must print again to be read the same way.
CONVENTION_OF_RULE = {"firstListed": layout.FIRST, "leadColumn": layout.COLUMN}
ROLES_OF_IRIS = {DG.lead: "lead", DG.coResponsible: "co"}


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
    rules = {str(rule).removeprefix(str(DG)) for rule in graph.objects(None, DG.leadRule)}
    conventions = {CONVENTION_OF_RULE[rule] for rule in rules if rule in CONVENTION_OF_RULE}
    result.lead_convention = min(conventions) if conventions else layout.STAR
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
        table=_integer(graph, node, DG.sourceTable),
    )
    tasks = sorted(graph.subjects(DG.section, node),
                   key=lambda t: (_integer(graph, t, DG.sourceTable) or 0,
                                  graph.value(t, DG.sourceLine).toPython()))
    section.tasks = [_task(graph, task, leader) for task in tasks]
    # A graph built before dg:IndicatorSection says it only through the section's rows.
    if (node, RDF.type, DG.IndicatorSection) in graph or \
            any((task, RDF.type, DG.IndicatorTask) in graph for task in tasks):
        section.kind = layout.INDICATORS
    return section


def _integer(graph: Graph, node: URIRef, predicate: URIRef) -> int | None:
    value = graph.value(node, predicate)
    return None if value is None else value.toPython()


def _task(graph: Graph, node: URIRef, section_leader: URIRef | None) -> TaskRow:
    assignments = sorted(graph.objects(node, PROV.qualifiedAttribution),
                         key=lambda a: graph.value(a, DG.position).toPython())
    # Roles named by the layout, or none led (all co-responsible): kept, so that reading the
    # table back does not let the first-listed unit lead.
    by_layout = graph.value(node, DG.leadRule) in (DG.leadColumn, DG.noLeadMarked)
    units = tuple(
        UnitMention(str(graph.value(a, DG.nameAsWritten)),
                    graph.value(a, DG.leadMarked).toPython(),
                    graph.value(a, DG.position).toPython(),
                    ROLES_OF_IRIS[graph.value(a, PROV.hadRole)] if by_layout else None)
        for a in assignments
    )
    leaders = sorted(_zh_label(graph, person) for person in graph.subjects(DG.inChargeOf, node)
                     if person != section_leader)
    return TaskRow(
        line=graph.value(node, DG.sourceLine).toPython(),
        number=graph.value(node, DG.number).toPython(),
        text=str(graph.value(node, DG.text)),
        units=units,
        remark=str(graph.value(node, DG.remark) or ""),
        deadline=str(graph.value(node, DG.deadline) or ""),
        leaders=tuple(leaders),
        table=_integer(graph, node, DG.sourceTable),
        expected=str(graph.value(node, DG.expectedValueAsPrinted) or ""),
        measure_unit=str(graph.value(node, DG.measureUnitAsPrinted) or ""),
        attribute=str(graph.value(node, DG.indicatorAttribute) or ""),
        notes=tuple(tuple(str(note).split("：", 1)) for note in
                    sorted(graph.objects(node, DG.note)) if "：" in str(note)),
    )


def _zh_label(graph: Graph, node: URIRef) -> str:
    labels = [label for label in graph.objects(node, SKOS.prefLabel)
              if getattr(label, "language", None) == "zh"]
    return str(min(labels)) if labels else str(node)


def table_text(document: TableDocument) -> str:
    """The document in the published layout: title, sections, header rows, task rows. A
    document in another layout comes back as a table with the columns its records need
    (牵头单位 / 配合单位, 牵头领导, 完成时限, 类别), read back into the same records."""
    task_columns = table_columns(document)
    lines = [_one_line(document.title), ""]
    if document.lead_convention == layout.FIRST:
        lines += [FIRST_NOTE, ""]
    for section, printed in zip(document.sections, _printed_headings(document), strict=True):
        if printed:
            lines.append(_one_line(section.heading))  # or a table's title (表1 主要预期指标)
            if section.leader and section.leader not in section.heading:
                lines.append(f"{LEADER_LABEL}：{section.leader}")  # was a label under it
        lines.extend(_one_line(statement.text) for statement in section.statements)
        if section.tasks or section.kind == layout.INDICATORS:  # an empty one: its header
            columns, names = (
                (indicator_columns(section, document.lead_convention),
                 layout.INDICATOR_COLUMN_NAMES_ZH)
                if section.kind == layout.INDICATORS else (task_columns, layout.COLUMN_NAMES_ZH))
            if lines[-1]:
                lines.append("")  # one blank line before the header, printed heading or not
            lines.append("\t".join(names.get(c, c.removeprefix(layout.EXTRA)) for c in columns))
            lines.extend(task_row_text(task, columns, section, document.lead_convention)
                         for task in section.tasks)
            if any(unit.lead_marked for task in section.tasks for unit in task.units):
                lines += ["", STAR_NOTE]
        lines.append("")
    return "\n".join(lines)


def _printed_headings(document: TableDocument) -> list[bool]:
    """Whether each section's heading is printed on a line of its own: a numbered section's,
    and the title of an indicators table or of the task table after one (a header alone
    would not tell where it begins). Not the document's title, which a section the document
    does not print took as its heading (sections.implicit_section): read back, it takes it
    again, and the title is not printed twice."""
    printed, previous = [], None
    for section in document.sections:
        titled = layout.INDICATORS in (section.kind, previous.kind if previous else None)
        printed.append(bool(section.numeral) or (titled and section.heading != document.title))
        previous = section
    return printed


def _headings_by_column(document: TableDocument) -> bool:
    """Whether a task section's heading can only be printed in its rows (a 类别 column): one
    neither numbered, nor printed as a title, nor the document's title (a section the
    document does not print, which reading gives the title again)."""
    return any(section.kind != layout.INDICATORS and not printed
               and section.heading != document.title
               for section, printed in zip(document.sections, _printed_headings(document),
                                           strict=True))


def indicator_columns(section: Section, convention: str) -> tuple[str, ...]:
    """An indicators table's columns: 序号, 指标名称, and of 单位, 预期目标, 属性, its units
    and 备注 those its rows fill."""
    tasks = section.tasks
    units = () if not any(task.units for task in tasks) else (
        ("lead_units", "co_units") if convention == layout.COLUMN else ("units",))
    return ("number", "text",
            *(("measure_unit",) if any(task.measure_unit for task in tasks) else ()),
            "expected",
            *(("attribute",) if any(task.attribute for task in tasks) else ()),
            *units,
            *(("remark",) if any(task.remark for task in tasks) else ()))


def table_columns(document: TableDocument) -> tuple[str, ...]:
    """The columns the task tables' records need; the seed's four where they suffice."""
    sections = [s for s in document.sections if s.kind != layout.INDICATORS]
    tasks = [task for section in sections for task in section.tasks]
    by_column = _headings_by_column(document)
    units = (("lead_units", "co_units") if document.lead_convention == layout.COLUMN
             else ("units",))
    optional = [name for name, needed in (
        ("section", by_column),
        ("leaders", by_column or any(task.leaders for task in tasks)),
        ("deadline", any(task.deadline for task in tasks)),
    ) if needed]
    extras = [f"{layout.EXTRA}{header}" for header in
              dict.fromkeys(header for task in tasks for header, _ in task.notes)]
    return ("number", "text", *units, *optional, "remark", *extras)


def task_row_text(task: TaskRow, columns: tuple[str, ...] = layout.DEFAULT_COLUMNS,
                  section: Section | None = None, convention: str = layout.STAR) -> str:
    """One tab-separated row: 序号, 重点工作, 责任单位 with * marks (or 牵头单位 and 配合单位,
    each unit where its role puts it), and whichever of 类别, 牵头领导, 完成时限 the table
    has; 备注."""
    rule = lead_rule(task.units, convention)
    leads = [role_of(u, rule) == LEAD for u in task.units]
    values = {
        "number": str(task.number), "text": task.text, "remark": task.remark,
        "units": _units_text(task.units),
        "lead_units": _units_text(u for u, lead in zip(task.units, leads, strict=True) if lead),
        "co_units": _units_text(u for u, lead in zip(task.units, leads, strict=True)
                                if not lead),
        "section": section.heading if section is not None and not section.numeral else "",
        "leaders": "、".join(task.leaders), "deadline": task.deadline,
        "expected": task.expected, "measure_unit": task.measure_unit,
        "attribute": task.attribute,
        **{f"{layout.EXTRA}{header}": cell for header, cell in task.notes},
    }
    return "\t".join(_one_cell(values.get(column, "")) for column in columns)


def _one_cell(text: str) -> str:
    """TEXT as one cell of a tab-separated line: a tab in it (a graph from elsewhere, or
    built before the readers made it a space) would end the cell, so it is a space."""
    return _one_line(text.replace("\t", " "))


def _one_line(text: str) -> str:
    """TEXT on one line: a line break in it is written as U+2028 (LINE SEPARATOR), which
    the reader reads back as the line break it was, within the line (read.items)."""
    return LINE_BREAKS.sub("\u2028", text)


def _units_text(units) -> str:
    return "、".join(("*" if u.lead_marked else "") + u.name for u in units)
