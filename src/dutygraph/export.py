"""Write a graph in every standard RDF format, and as tables for Excel (graph → files).

Every writer is deterministic: the same graph gives the same bytes on every run, so a build
stays byte-identical and the checksums in the dataset description stay true.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from dutygraph.errors import DutygraphError
from dutygraph.namespaces import DG, PROV, RDF, SKOS

CONTEXT_FILE = Path(__file__).resolve().parents[2] / "ontology" / "context.jsonld"
# Where the context is published; the JSON-LD files carry a copy inline, so that they expand
# offline, and name this address in their description.
CONTEXT_URL = "https://w3id.org/dutygraph/context.jsonld"


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
_RDFLIB_NAMES = {"ttl": "turtle", "trig": "trig"}


class ExportError(DutygraphError):
    """The graph cannot be written as asked (exit 2)."""


def serialize(graph: Graph, fmt: str, *, graph_name: str | None = None) -> bytes:
    """The graph as bytes in an RDF format (ttl, nt, jsonld, trig, xml)."""
    if fmt == "nt":
        return _ntriples(graph).encode("utf-8")
    if fmt == "jsonld":
        return jsonld_text(graph).encode("utf-8")
    if fmt == "trig":
        return _trig(graph, graph_name or default_graph_name(graph))
    if fmt == "xml":
        return _rdfxml(graph)
    if fmt in _RDFLIB_NAMES:
        return sorted_copy(graph).serialize(format=_RDFLIB_NAMES[fmt], encoding="utf-8")
    raise ExportError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")


def sorted_copy(graph: Graph) -> Graph:
    """A copy whose triples went in sorted: writers that follow insertion order are stable."""
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(graph, key=lambda t: tuple(term.n3() for term in t)):
        copy.add(triple)
    return copy


def default_graph_name(graph: Graph) -> str:
    """The name of the graph in TriG: its document's IRI + /graph, or a fixed fallback."""
    documents = sorted(graph.subjects(RDF.type, DG.Document))
    if documents:
        return f"{documents[0]}/graph"
    return "https://w3id.org/dutygraph/id/graph"


def _ntriples(graph: Graph) -> str:
    lines = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


def _rdfxml(graph: Graph) -> bytes:
    """RDF/XML by Oxigraph from the sorted N-Triples: rdflib's writer orders subjects by hash.
    Oxigraph writes language tags in lower case (zh-latn-pinyin), as RDF 1.1 allows."""
    import pyoxigraph as ox

    triples = ox.parse(_ntriples(graph).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    used = {str(p) for p in graph.predicates()} | {str(o) for o in graph.objects(None, RDF.type)}
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces()
                if prefix and prefix != "xml" and any(term.startswith(namespace) for term in used)}
    return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=prefixes)


def _trig(graph: Graph, name: str) -> bytes:
    dataset = Dataset()
    for prefix, namespace in graph.namespaces():
        dataset.bind(prefix, namespace, override=True, replace=True)
    named = dataset.graph(URIRef(name))
    for triple in sorted(graph, key=lambda t: tuple(term.n3() for term in t)):
        named.add(triple)
    return dataset.serialize(format="trig", encoding="utf-8")


def load_context() -> dict:
    """The published JSON-LD context (ontology/context.jsonld), the value of its @context."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def jsonld_text(graph: Graph) -> str:
    """The graph as compacted JSON-LD with the published context inline (short names, native
    numbers and booleans, Chinese text as plain strings)."""
    from pyld import jsonld

    context = load_context()
    compacted = jsonld.compact(expanded_jsonld(graph), {"@context": context},
                               {"documentLoader": _no_remote_documents})
    compacted["@context"] = context
    return json.dumps(compacted, ensure_ascii=False, indent=2) + "\n"


def expanded_jsonld(graph: Graph) -> list[dict]:
    """The graph as expanded JSON-LD node objects, sorted: what pyld's from_rdf gives with
    native types, built directly because pyld parses N-Quads slowly (about 2 s on the seed)."""
    nodes: dict[str, dict] = {}
    for subject, predicate, obj in graph:
        node = nodes.setdefault(_node_id(subject), {"@id": _node_id(subject)})
        if predicate == RDF.type and not isinstance(obj, Literal):
            node.setdefault("@type", []).append(_node_id(obj))
        else:
            node.setdefault(str(predicate), []).append(_jsonld_value(obj))
    for node in nodes.values():
        for values in node.values():
            if isinstance(values, list):
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return [nodes[key] for key in sorted(nodes)]


def _node_id(term) -> str:
    return str(term) if isinstance(term, URIRef) else f"_:{term}"


def _jsonld_value(term) -> dict:
    if not isinstance(term, Literal):
        return {"@id": _node_id(term)}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    datatype = term.datatype
    if datatype == XSD.boolean and str(term) in ("true", "false"):
        return {"@value": str(term) == "true"}
    if datatype == XSD.integer and str(term).lstrip("-").isdigit():
        return {"@value": int(str(term))}
    if datatype is None or datatype == XSD.string:
        return {"@value": str(term)}
    return {"@value": str(term), "@type": str(datatype)}


def _no_remote_documents(url, options=None):
    raise ExportError(f"JSON-LD asked to load {url}; dutygraph works offline")


# ---- Tables for Excel users -------------------------------------------------------------

# Sheet → columns as (header, key). Headers in Chinese with the English key, so that a clerk
# and a script both read them.
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
        ("目标 target", "iri"),
    ]),
}
ROLE_WORDS = {DG.lead: "牵头 lead", DG.coResponsible: "配合 co"}


def table_rows(graph: Graph) -> dict[str, tuple[list[str], list[list]]]:
    """Each sheet's header and rows, in the order printed: tasks, assignments, targets."""
    tasks = sorted(graph.subjects(RDF.type, DG.Task), key=lambda t: (_order(graph, t), str(t)))
    rows = {"tasks": [], "assignments": [], "targets": []}
    target_keys: set[URIRef] = set()
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
            cells = {**base, "iri": str(target)}
            for predicate, obj in graph.predicate_objects(target):
                if predicate != RDF.type:
                    target_keys.add(predicate)
                    cells[str(predicate)] = _join(cells.get(str(predicate)), _plain(graph, obj))
            rows["targets"].append(cells)
    return {sheet: _table(sheet, rows[sheet], graph, sorted(target_keys)) for sheet in SHEETS}


def _table(sheet: str, records: list[dict], graph: Graph, extra: list[URIRef]):
    columns = list(SHEETS[sheet][1])
    if sheet == "targets":
        # Targets are described by whatever properties their builder gives them: one column each.
        columns += [(_short(graph, p), str(p)) for p in extra]
    header = [title for title, _ in columns]
    return header, [[record.get(key, "") for _, key in columns] for record in records]


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
        "role": ROLE_WORDS.get(role, str(role or "")),
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


def _plain(graph: Graph, term) -> str:
    if isinstance(term, Literal):
        return str(term)
    return _zh_label(graph, term) if (term, SKOS.prefLabel, None) in graph else _short(graph, term)


def _short(graph: Graph, term) -> str:
    try:
        return graph.namespace_manager.normalizeUri(term)
    except Exception:
        return str(term)


def _join(old, new: str) -> str:
    return f"{old}; {new}" if old else new


def write_csv(graph: Graph) -> dict[str, bytes]:
    """One CSV per sheet (tasks.csv, assignments.csv, targets.csv), UTF-8 with a byte-order
    mark so that Excel shows the Chinese right."""
    files = {}
    for sheet, (header, rows) in table_rows(graph).items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        files[f"{sheet}.csv"] = ("\ufeff" + out.getvalue()).encode("utf-8")
    return files


# A fixed time for the workbook's properties and zip entries: the file must not change with
# the clock (the dataset description carries its checksum).
FIXED_TIME = datetime(2000, 1, 1)
_W3CDTF = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")


def write_xlsx(graph: Graph) -> bytes:
    """A workbook with one sheet each for tasks, assignments and targets: header row frozen,
    autofilter on, columns wide enough to read."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "dutygraph"
    book.properties.created = book.properties.modified = FIXED_TIME
    for sheet, (header, rows) in table_rows(graph).items():
        worksheet = book.create_sheet(SHEETS[sheet][0])
        worksheet.append(header)
        for row in rows:
            worksheet.append(row)
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        worksheet.freeze_panes = "A2"
        worksheet.auto_filter.ref = worksheet.dimensions
        for index, title in enumerate(header, start=1):
            letter = worksheet.cell(row=1, column=index).column_letter
            wide = title.startswith(("工作内容", "牵头单位", "配合单位", "IRI"))
            worksheet.column_dimensions[letter].width = 60 if wide else 14
            if wide:
                for cell in worksheet[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return _fixed_zip_times(out.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry dated FIXED_TIME (openpyxl stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" on save
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + _W3CDTF, content)
            target.writestr(fixed, content)
    return out.getvalue()


def export(graph: Graph, fmt: str) -> dict[str, bytes]:
    """The files of one format, by file name relative to the output: graph.ttl, or
    tasks.csv and its siblings for csv."""
    if fmt == "csv":
        return write_csv(graph)
    if fmt == "xlsx":
        return {"graph.xlsx": write_xlsx(graph)}
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    return {"graph" + FORMATS[fmt].suffix: serialize(graph, fmt)}
