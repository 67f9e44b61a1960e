"""Write a graph in every standard RDF format, and as tables for Excel (graph → files).

Every writer is deterministic: the same graph gives the same bytes on every run, so a build
stays byte-identical and the checksums in the dataset description stay true.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property

import pyoxigraph as ox
from rdflib import Graph, Literal

from dutygraph import ontology
from dutygraph.errors import DutygraphError
from dutygraph.rdf.graph import ROLE_IRIS
from dutygraph.rdf.namespaces import DEFAULT_BASE, DG, PROV, RDF, SKOS
from dutygraph.rdf.ntriples import ntriples
from dutygraph.rdf.targets import COMPARATOR_IRIS, QUDT

CONTEXT_FILE = ontology.DIRECTORY / "context.jsonld"
# Where the context is published; the JSON-LD files carry a copy inline, so that they expand
# offline, and name this address in their description.


@dataclass(frozen=True)
class Format:
    """One way of writing the graph: file suffix, media type, EU file-type code."""

    name: str
    suffix: str
    media_type: str
    file_type: str  # http://publications.europa.eu/resource/authority/file-type/…
    label: str


# The one table of formats: the CLI's choices, the build's files and the DCAT distributions.
FORMATS = {
    f.name: f for f in (
        Format("ttl", ".ttl", "text/turtle", "RDF_TURTLE", "Turtle"),
        Format("nt", ".nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples"),
        Format("jsonld", ".jsonld", "application/ld+json", "JSON_LD", "JSON-LD"),
        Format("trig", ".trig", "application/trig", "RDF_TRIG", "TriG"),
        Format("xml", ".rdf", "application/rdf+xml", "RDF_XML", "RDF/XML"),
        Format("xlsx", ".xlsx",
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "XLSX", "Excel workbook"),
        Format("csv", ".csv", "text/csv", "CSV", "CSV"),
    )
}
RDF_FORMATS = ("ttl", "nt", "jsonld", "trig", "xml")
# Written by Oxigraph (see _by_oxigraph); N-Triples and JSON-LD by rdflib.
_OXIGRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
                     "xml": ox.RdfFormat.RDF_XML}


class ExportError(DutygraphError):
    """The graph cannot be written as asked (exit 2)."""


def serialize(graph: Graph, fmt: str, *, graph_name: str | None = None,
              written: SortedTriples | None = None) -> bytes:
    """The graph as bytes in an RDF format (ttl, nt, jsonld, trig, xml). WRITTEN, the graph's
    SortedTriples when the caller has them already, saves writing them again."""
    if fmt == "jsonld":
        return jsonld_text(graph).encode("utf-8")
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    written = written or SortedTriples(graph)
    if fmt == "nt":
        written.triples  # checks every term (N-Triples is the text itself)  # noqa: B018
        return written.text.encode("utf-8")
    if fmt == "trig":
        graph_name = graph_name or default_graph_name(graph)
    return _by_oxigraph(written, fmt, graph_name)


def default_graph_name(graph: Graph) -> str:
    """The name of the graph in TriG: its document's IRI + /graph, or a fixed fallback."""
    documents = sorted(graph.subjects(RDF.type, DG.Document))
    if documents:
        return f"{documents[0]}/graph"
    return DEFAULT_BASE + "graph"


class SortedTriples:
    """A graph written once as N-Triples, one line per triple, sorted (the same bytes for the
    same graph), and what the other writers take from that text: its triples as Oxigraph
    parses them, and the graph's prefixes its IRIs use."""

    def __init__(self, graph: Graph):
        # Split on LF alone: splitlines() would also cut a literal at U+2028, U+0085 or a form
        # feed, which N-Triples writers leave unescaped. (dutygraph.rdf.ntriples writes rdflib's
        # lines in a third of the time.)
        lines = ntriples(graph).split("\n")
        self.text = "".join(line + "\n" for line in sorted(set(lines)) if line.strip())
        self._bindings = list(graph.namespaces())

    @cached_property
    def triples(self) -> list:
        """The triples as Oxigraph reads them; ExportError for a term RDF does not allow (a
        graph read from elsewhere: rdflib reads an IRI with a space, and writes it)."""
        try:
            return list(ox.parse(self.text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as error:
            lines = self.text.split("\n")
            line = lines[error.lineno - 1] if 0 < (error.lineno or 0) <= len(lines) else ""
            reason = str(error.msg).rsplit(": ", 1)[-1]
            raise ExportError(f"the graph holds a term RDF does not allow ({reason}), so it "
                              f"cannot be written: {line[:200]}") from None

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """The graph's bound prefixes (rdflib binds dozens) that some IRI here starts with:
        found in the text, every IRI there being written <…>."""
        namespaces = {str(namespace): prefix for prefix, namespace in self._bindings
                      if prefix and prefix != "xml"}
        used = sorted(namespace for namespace in namespaces if f"<{namespace}" in self.text)
        return {namespaces[namespace]: namespace for namespace in used}


def _by_oxigraph(written: SortedTriples, fmt: str, graph_name: str | None) -> bytes:
    """Turtle, TriG or RDF/XML written by Oxigraph from the sorted N-Triples: stable bytes, and
    some 100 times faster than rdflib's writers (0.1–0.15 s for one document's Turtle or TriG;
    rdflib's RDF/XML also orders subjects by hash). Oxigraph writes language tags in lower
    case (zh-latn-pinyin), as RDF 1.1 allows."""
    triples = written.triples
    if fmt == "trig":
        name = ox.NamedNode(graph_name)
        triples = [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]
    return ox.serialize(triples, format=_OXIGRAPH_FORMATS[fmt], prefixes=written.prefixes)


def load_context() -> dict:
    """The published JSON-LD context (ontology/context.jsonld), the value of its @context."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def jsonld_text(graph: Graph) -> str:
    """The graph as compacted JSON-LD with the published context inline (short names, native
    numbers and booleans, Chinese text as plain strings). rdflib compacts as it writes (0.05 s
    on the seed; pyld's compaction took 0.3 s); the nodes and their values are then sorted, so
    the same graph gives the same bytes."""
    context = load_context()
    written = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    written.pop("@context", None)
    nodes = [_sorted_node(node) for node in written.pop("@graph", [written] if written else [])]
    nodes.sort(key=lambda node: (str(node.get("id", "")), _json_key(node)))
    return json.dumps({"@context": context, "@graph": nodes}, ensure_ascii=False, indent=2) + "\n"


def _sorted_node(value):
    """The value with every list sorted, at any depth (language maps hold lists too), and each
    object's keys in order, id and type first."""
    if isinstance(value, list):
        return sorted((_sorted_node(item) for item in value), key=_json_key)
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: (key not in ("id", "type"), key != "id", key))
        return {key: _sorted_node(value[key]) for key in keys}
    return value


def _json_key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# ---- Tables for Excel users -------------------------------------------------------------

# Sheet → columns as (header, key). Headers in Chinese with the English key, so that a clerk
# and a script both read them. Values use the words of the query catalogue (roles lead and co,
# comparators at_least … approx: queries/README.md), one vocabulary for Excel, CSV and the
# notebooks; numbers are numbers. The IRI, where a sheet has one, comes last.
SHEETS = {
    "tasks": ("重点工作", [
        ("行号 line", "line"), ("分组 section", "section"), ("牵头领导 leader", "leader"),
        ("序号 number", "number"), ("工作内容 text", "text"), ("牵头单位 lead units", "leads"),
        ("配合单位 co-responsible units", "co"), ("备注 remark", "remark"), ("IRI", "iri"),
    ]),
    "assignments": ("责任分工", [
        ("行号 line", "line"), ("分组 section", "section"), ("序号 number", "number"),
        ("位置 position", "position"), ("责任单位 unit", "unit"),
        ("原文名称 as written", "as_written"), ("角色 role", "role"),
        ("标注* marked", "marked"), ("单位标识 unit id", "unit_id"),
    ]),
    "targets": ("目标", [
        ("行号 line", "line"), ("分组 section", "section"), ("序号 number", "number"),
        ("指标 indicator", "indicator"), ("目标值 value", "value"), ("单位 unit", "unit"),
        ("比较 comparator", "comparator"), ("限定 qualifier", "qualifier"),
        ("原文 span", "span"), ("印刷数字 as printed", "as_printed"),
        ("数量级 magnitude", "magnitude"), ("计量单位 qudt unit", "qudt_unit"),
        ("定性 qualitative", "qualitative"), ("IRI", "iri"),
    ]),
}
# The words for the ontology's roles and comparators: the inverse of the tables the graph
# is written with, so the two cannot drift apart.
ROLE_WORDS = {iri: word for word, iri in ROLE_IRIS.items()}
COMPARATOR_WORDS = {iri: word for word, iri in COMPARATOR_IRIS.items()}
# A target's properties → its sheet's keys (values as _value reads them).
TARGET_KEYS = {
    DG.indicator: "indicator", DG.value: "value", DG.unitWord: "unit_word",
    DG.comparator: "comparator", DG.qualifier: "qualifier", DG.span: "span",
    DG.numberAsPrinted: "as_printed", DG.magnitude: "magnitude", QUDT.unit: "qudt_unit",
    DG.qualitative: "qualitative",
}


def table_rows(graph: Graph) -> dict[str, tuple[list[str], list[list]]]:
    """Each sheet's header and rows, in the order printed: tasks, assignments, targets."""
    tasks = sorted(graph.subjects(RDF.type, DG.Task), key=lambda t: (_order(graph, t), str(t)))
    rows = {"tasks": [], "assignments": [], "targets": []}
    for task in tasks:
        base = _task_cells(graph, task)
        assignments = sorted(graph.objects(task, PROV.qualifiedAttribution),
                             key=lambda a: (_order(graph, a, DG.position), str(a)))
        units = [(graph.value(a, PROV.hadRole), _zh_label(graph, graph.value(a, PROV.agent)))
                 for a in assignments]
        rows["tasks"].append({
            **base, "leader": _leader(graph, task), "text": str(graph.value(task, DG.text) or ""),
            "leads": "、".join(name for role, name in units if role == DG.lead),
            "co": "、".join(name for role, name in units if role == DG.coResponsible),
            "remark": str(graph.value(task, DG.remark) or ""), "iri": str(task),
        })
        for assignment in assignments:
            rows["assignments"].append({**base, **_assignment_cells(graph, assignment)})
        for target in sorted(graph.objects(task, DG.hasTarget)):
            rows["targets"].append({**base, **_target_cells(graph, target)})
    return {sheet: _table(sheet, rows[sheet]) for sheet in SHEETS}


def _table(sheet: str, records: list[dict]):
    columns = SHEETS[sheet][1]
    header = [title for title, _ in columns]
    return header, [[record.get(key) for _, key in columns] for record in records]


def _target_cells(graph: Graph, target) -> dict:
    """A target's cells: numbers as numbers, the comparator as the queries name it, the unit
    as targets.rq gives it (the word printed, else the QUDT unit's local name)."""
    cells = {"iri": str(target)}
    for predicate, obj in graph.predicate_objects(target):
        key = TARGET_KEYS.get(predicate)
        if key is None:
            continue
        if key == "comparator":
            value = COMPARATOR_WORDS.get(obj, _short(graph, obj))
        elif key == "qudt_unit":
            value = str(obj).rsplit("/", 1)[-1]
        else:
            value = _value(obj)
        cells[key] = value if key not in cells else f"{cells[key]}; {value}"
    cells["unit"] = cells.pop("unit_word", None) or cells.get("qudt_unit")
    return cells


def _value(term):
    """A literal as a cell: numbers and booleans as such (decimals as floats, which is what a
    spreadsheet holds), text as text."""
    from decimal import Decimal

    value = term.toPython() if isinstance(term, Literal) else str(term)
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, (int, float, bool)) else str(value)


def _task_cells(graph: Graph, task) -> dict:
    section = graph.value(task, DG.section)
    return {
        "line": _int(graph, task), "number": _int(graph, task, DG.number),
        "section": str(graph.value(section, DG.sectionNumeral) or "") if section else "",
    }


def _assignment_cells(graph: Graph, assignment) -> dict:
    unit = graph.value(assignment, PROV.agent)
    role = graph.value(assignment, PROV.hadRole)
    marked = graph.value(assignment, DG.leadMarked)
    return {
        "position": _int(graph, assignment, DG.position), "unit": _zh_label(graph, unit),
        "as_written": str(graph.value(assignment, DG.nameAsWritten) or ""),
        "role": ROLE_WORDS.get(role, _short(graph, role) if role is not None else None),
        "marked": "*" if marked is not None and marked.toPython() is True else "",
        "unit_id": str(unit).rsplit("/", 1)[-1] if unit is not None else "",
    }


def _leader(graph: Graph, task) -> str:
    section = graph.value(task, DG.section)
    leader = graph.value(section, DG.leader) if section is not None else None
    return _zh_label(graph, leader) if leader is not None else ""


def _zh_label(graph: Graph, node) -> str:
    if node is None:
        return ""
    labels = {label.language: str(label) for label in graph.objects(node, SKOS.prefLabel)}
    return labels.get("zh") or next(iter(labels.values()), str(node))


def _int(graph: Graph, node, predicate=DG.sourceLine):
    value = graph.value(node, predicate)
    try:
        return int(value) if value is not None else ""
    except ValueError:
        return str(value)


def _order(graph: Graph, node, predicate=DG.sourceLine) -> int:
    """A sort key from an integer property; nodes without one come first."""
    value = _int(graph, node, predicate)
    return value if isinstance(value, int) else 0


def _short(graph: Graph, term) -> str:
    try:
        return graph.namespace_manager.normalizeUri(term)
    except Exception:
        return str(term)


def write_csv(graph: Graph, *, raw: bool = False) -> dict[str, bytes]:
    """One CSV per sheet (tasks.csv, assignments.csv, targets.csv), UTF-8 with a byte-order
    mark so that Excel shows the Chinese right, and a text that Excel would run as a formula
    made inert with a leading ' (ask.query.spreadsheet_cell), unless RAW."""
    from dutygraph.ask.query import spreadsheet_cell

    files = {}
    for sheet, (header, rows) in table_rows(graph).items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows if raw else ([spreadsheet_cell(v) for v in row] for row in rows))
        files[f"{sheet}.csv"] = ("\ufeff" + out.getvalue()).encode("utf-8")
    return files


# A fixed time for the workbook's properties: the file must not change with the clock (the
# dataset description carries its checksum). XlsxWriter dates every zip entry 1980-01-01.
FIXED_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
# Column widths (in characters) by key; other columns get NARROW. Columns this wide or wider
# hold texts that run long, and wrap.
WIDTHS = {"text": 60, "leads": 36, "co": 48, "remark": 24, "iri": 48, "leader": 12,
          "unit": 22, "as_written": 22, "unit_id": 30, "indicator": 24, "span": 40,
          "as_printed": 12, "qudt_unit": 14, "comparator": 12, "qualifier": 14}
NARROW = 10
WRAPPED = 20


def write_xlsx(graph: Graph) -> bytes:
    """A workbook with one sheet each for tasks, assignments and targets: header row frozen,
    autofilter on, every column wide enough to read, long texts wrapped. Written by
    XlsxWriter (a fifth of openpyxl's time, imports included)."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"author": "dutygraph", "created": FIXED_TIME})
    bold = book.add_format({"bold": True})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    for sheet, (header, rows) in table_rows(graph).items():
        worksheet = book.add_worksheet(SHEETS[sheet][0])
        worksheet.write_row(0, 0, header, bold)
        for index, row in enumerate(rows, start=1):
            worksheet.write_row(index, 0, row)
        worksheet.freeze_panes(1, 0)
        worksheet.autofilter(0, 0, len(rows), len(header) - 1)
        for column, (_, key) in enumerate(SHEETS[sheet][1]):
            width = WIDTHS.get(key, NARROW)
            worksheet.set_column(column, column, width, wrapped if width >= WRAPPED else None)
    book.close()
    return out.getvalue()


def export(graph: Graph, fmt: str, *, written: SortedTriples | None = None,
           raw_csv: bool = False) -> dict[str, bytes]:
    """The files of one format, by file name relative to the output: graph.ttl, or
    tasks.csv and its siblings for csv (RAW_CSV: see write_csv). WRITTEN as for serialize."""
    if fmt == "csv":
        return write_csv(graph, raw=raw_csv)
    if fmt == "xlsx":
        return {"graph.xlsx": write_xlsx(graph)}
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return {"graph" + FORMATS[fmt].suffix: serialize(graph, fmt, written=written)}
