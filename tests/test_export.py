"""Every export format parses back to the same graph; Turtle, N-Triples (and RDF/XML, TriG)
pass rapper; the JSON-LD expands with pyld; the workbook is one a clerk can filter."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from dutygraph.build import build
from dutygraph.cli.main import cli
from dutygraph.errors import DutygraphError
from dutygraph.publish.export import CONTEXT_FILE, RDF_FORMATS, export, load_context, serialize
from dutygraph.rdf.namespaces import DG, RDF

from .conftest import REPO, require_tool

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

RDFLIB_PARSERS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "xml": "xml"}
RAPPER_PARSERS = {"ttl": "turtle", "nt": "ntriples", "trig": "trig", "xml": "rdfxml"}
# A document with a table of expected indicators beside its key tasks (issue 7).
INDICATORS = REPO / "tests" / "cases" / "indicators-titled" / "input.txt"


def lowercase_language_tags(graph: Graph) -> Graph:
    """The graph with language tags in lower case. RDF 1.1 Concepts 3.3: language tags compare
    case-insensitively; JSON-LD processors (pyld, rdflib) lower-case them (zh-Latn-pinyin →
    zh-latn-pinyin), and rdflib's isomorphism compares them as strings."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


def parse_back(data: bytes, fmt: str) -> Graph:
    """Parse what export wrote; TriG's one named graph is taken as the graph."""
    if fmt == "trig":
        dataset = Dataset()
        dataset.parse(data=data, format="trig")
        graph = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            graph.add((s, p, o))
        return graph
    return Graph().parse(data=data, format=RDFLIB_PARSERS[fmt])


@pytest.fixture(scope="module")
def seed_graph(seed_turtle):
    return Graph().parse(seed_turtle, format="turtle")


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_format_round_trips_isomorphic(seed_graph, fmt):
    back = parse_back(serialize(seed_graph, fmt), fmt)
    assert len(back) == len(seed_graph)
    if fmt in ("jsonld", "xml"):  # pyld and Oxigraph write language tags in lower case
        assert isomorphic(lowercase_language_tags(back), lowercase_language_tags(seed_graph))
    else:
        assert isomorphic(back, seed_graph)


@pytest.mark.parametrize("fmt", sorted(RAPPER_PARSERS))
def test_rapper_reads_the_format_with_the_same_triple_count(seed_graph, fmt, tmp_path):
    rapper = require_tool("rapper")
    path = tmp_path / f"graph.{fmt}"
    path.write_bytes(serialize(seed_graph, fmt))
    done = subprocess.run([rapper, "-i", RAPPER_PARSERS[fmt], "-c", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(re.search(r"returned (\d+) triples", done.stderr).group(1)) == len(seed_graph)


def test_jsonld_expands_with_pyld_to_the_same_graph(seed_graph):
    from pyld import jsonld

    document = json.loads(serialize(seed_graph, "jsonld"))
    nquads = jsonld.to_rdf(jsonld.expand(document), {"format": "application/n-quads"})
    back = Graph().parse(data=nquads, format="nquads")
    assert isomorphic(lowercase_language_tags(back), lowercase_language_tags(seed_graph))


def test_jsonld_uses_the_published_context_and_short_names(seed_graph):
    document = json.loads(serialize(seed_graph, "jsonld"))
    assert document["@context"] == json.loads(CONTEXT_FILE.read_text("utf-8"))["@context"]
    task = next(node for node in document["@graph"] if node.get("type") == "Task"
                and node["number"] == 5 and node["sourceLine"] == 17)
    assert task["leadRule"] in {"starMarked", "soleUnit", "noLeadMarked"}
    assert isinstance(task["text"], str) and task["text"]
    assert all(isinstance(a, str) for a in task["assignments"])
    # Every property and class of the graph has a short name: no full IRI is used as a key.
    keys = {key for node in document["@graph"] for key in node}
    assert not [key for key in keys if ":" in key], sorted(k for k in keys if ":" in k)
    types = {t for node in document["@graph"] for t in _as_list(node.get("type"))}
    assert not [t for t in types if ":" in t]


def test_jsonld_of_an_indicators_table_uses_short_names_and_expands_to_the_same_graph():
    """An indicator row is an IndicatorTask with its cells as printed under short names too
    (the seed has no indicators table)."""
    from pyld import jsonld

    graph = build(INDICATORS, validate=False).graph
    document = json.loads(serialize(graph, "jsonld"))
    keys = {key for node in document["@graph"] for key in node}
    assert not [key for key in keys if ":" in key], sorted(k for k in keys if ":" in k)
    types = {t for node in document["@graph"] for t in _as_list(node.get("type"))}
    assert not [t for t in types if ":" in t]
    row = next(node for node in document["@graph"] if "IndicatorTask" in _as_list(node.get("type"))
               and node["text"] == "地区生产总值增长")
    assert sorted(row["type"]) == ["IndicatorTask", "Task"]
    assert (row["expectedValueAsPrinted"], row["measureUnitAsPrinted"],
            row["indicatorAttribute"]) == ("6左右", "%", "预期性")
    nquads = jsonld.to_rdf(jsonld.expand(document), {"format": "application/n-quads"})
    back = Graph().parse(data=nquads, format="nquads")
    assert isomorphic(lowercase_language_tags(back), lowercase_language_tags(graph))


def test_context_names_only_declared_terms():
    from rdflib import URIRef

    context = load_context()
    prefix = context["dg"]
    used = {value if isinstance(value, str) else value["@id"] for key, value in context.items()
            if not key.startswith("@") and key not in {"dg", "dcterms", "org", "prov", "skos",
                                                       "xsd", "qudt", "id", "type"}}
    dg_terms = {term.split(":", 1)[1] for term in used if term.startswith("dg:")}
    for name in dg_terms:
        assert URIRef(prefix + name) == DG[name]


def _as_list(value):
    return value if isinstance(value, list) else [] if value is None else [value]


def test_same_graph_gives_the_same_bytes_in_every_format(seed_graph):
    copy = Graph()
    for triple in reversed(sorted(seed_graph)):
        copy.add(triple)
    for prefix, namespace in seed_graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    for fmt in (*RDF_FORMATS, "xlsx", "csv"):
        assert export(copy, fmt) == export(seed_graph, fmt), fmt


def test_workbook_has_filterable_sheets_with_chinese_intact(seed_graph):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export(seed_graph, "xlsx")["graph.xlsx"]))
    assert book.sheetnames == ["重点工作", "责任分工", "目标"]
    tasks, assignments = book["重点工作"], book["责任分工"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
    header = [cell.value for cell in tasks[1]]
    assert header[:5] == ["行号 line", "分组 section", "牵头领导 leader", "序号 number",
                          "工作内容 text"]
    task_rows = [[cell.value for cell in row] for row in tasks.iter_rows(min_row=2)]
    assert len(task_rows) == len(set(seed_graph.subjects(RDF.type, DG.Task)))
    line_17 = next(row for row in task_rows if row[0] == 17)
    assert line_17[1] == "二" and line_17[3] == 5 and "、" in line_17[5]
    assert assignments.max_row - 1 == len(set(seed_graph.subjects(RDF.type, DG.Assignment)))


def test_workbook_targets_sheet_has_a_row_per_target(seed_graph):
    from openpyxl import load_workbook

    targets = set(seed_graph.subjects(RDF.type, DG.Target))
    sheet = load_workbook(io.BytesIO(export(seed_graph, "xlsx")["graph.xlsx"]))["目标"]
    assert sheet.max_row - 1 == len(targets)


def test_workbook_bytes_do_not_carry_the_clock(seed_graph):
    archive = zipfile.ZipFile(io.BytesIO(export(seed_graph, "xlsx")["graph.xlsx"]))
    # XlsxWriter dates every entry as Excel does (1980-01-01); the properties carry a fixed day.
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = archive.read("docProps/core.xml")
    assert properties.count(b"2000-01-01T00:00:00Z") == 2, properties  # created, modified


def test_csv_files_have_a_byte_order_mark_and_the_same_rows(seed_graph):
    files = export(seed_graph, "csv")
    assert sorted(files) == ["assignments.csv", "targets.csv", "tasks.csv"]
    assert all(data.startswith(b"\xef\xbb\xbf") for data in files.values())
    assert "工作内容 text" in files["tasks.csv"].decode("utf-8-sig").splitlines()[0]


def test_export_command_writes_each_format(seed_turtle, tmp_path):
    runner = CliRunner()
    for fmt, name in (("jsonld", "g.jsonld"), ("xlsx", "g.xlsx"), ("csv", "tables")):
        result = runner.invoke(cli, ["export", str(seed_turtle), "--format", fmt,
                                     "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "tables" / "tasks.csv").exists()
    result = runner.invoke(cli, ["export", str(seed_turtle), "--format", "nt"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == len(Graph().parse(seed_turtle))


def test_export_command_needs_a_file_for_a_workbook(seed_turtle):
    result = CliRunner().invoke(cli, ["export", str(seed_turtle), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "give -o FILE.xlsx" in result.output



@pytest.mark.parametrize("fmt", ["nt", "ttl", "trig"])
def test_a_graph_file_with_an_iri_rdf_does_not_allow_is_refused_where_it_is_read(fmt, tmp_path):
    """Oxigraph, which opens every graph file, refuses <http://e/a b> at its line."""
    source = tmp_path / "bad.ttl"
    source.write_text('<http://example.org/a\\u0020b> <http://example.org/p> "x" .\n', "utf-8")
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["export", str(source), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert (f"Error: {source}:1: not valid Turtle: Parser error at line 1 between columns 1 "
            "and 30: Invalid IRI code point ' '") in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["nt", "ttl", "trig"])
def test_a_graph_with_an_iri_rdf_does_not_allow_is_refused_not_written(fmt):
    """A graph made in Python (rdflib takes <http://e/a b>) cannot be written either."""
    graph = Graph()
    graph.add((URIRef("http://example.org/a b"), URIRef("http://example.org/p"), Literal("x")))
    with pytest.raises(DutygraphError) as refused:
        export(graph, fmt)
    assert ("the graph holds a term RDF does not allow (Invalid IRI code point ' '), so "
            'it cannot be written: <http://example.org/a b> <http://example.org/p> "x" .') \
        == str(refused.value)


def test_workbook_targets_sheet_reads_like_the_others(seed_graph):
    """Headers in Chinese and English, no IRI up front, numbers as numbers, and the words the
    queries and notebooks use (approx, lead/co), not the ontology's names."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export(seed_graph, "xlsx")["graph.xlsx"]))
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        for title in header:
            assert re.fullmatch(r"[^\x00-\x7f]+.* [a-z][a-z *-]*", title) or title == "IRI", \
                (sheet.title, title)
        assert header[0] == "行号 line"
    targets = book["目标"]
    header = [cell.value for cell in targets[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in targets.iter_rows(min_row=2)]
    first = rows[0]
    assert (first["行号 line"], first["分组 section"], first["序号 number"]) == (13, "二", 1)
    assert first["目标值 value"] == 6.5 and isinstance(first["目标值 value"], float)
    assert (first["单位 unit"], first["比较 comparator"]) == ("%", "approx")
    assert first["指标 indicator"] == "全区生产总值增长"
    qualitative = [r for r in rows if r["目标值 value"] is None]
    assert len(qualitative) == 12 and all(r["比较 comparator"] is None for r in qualitative)
    cells = [c.value for sheet in book.worksheets for row in sheet.iter_rows(min_row=2)
             for c in row[:-1]]  # the IRI column, last, is the only one with IRIs
    assert not [v for v in cells if isinstance(v, str) and re.match(r"(https?:|dg:|qudt)", v)]
    assignments = book["责任分工"]
    role_column = [c.value for c in assignments[1]].index("角色 role")
    roles = {row[role_column].value for row in assignments.iter_rows(min_row=2)}
    assert roles == {"lead", "co"}


def test_every_sheet_has_set_widths_and_wraps_its_long_texts(seed_graph):
    from openpyxl import load_workbook

    def width(sheet, index):  # XlsxWriter writes alike neighbours as one <col min max>
        return next(d.width for d in sheet.column_dimensions.values()
                    if d.min <= index <= d.max and d.customWidth)

    book = load_workbook(io.BytesIO(export(seed_graph, "xlsx")["graph.xlsx"]))
    long_texts = {"重点工作": "工作内容 text", "目标": "原文 span",
                  "责任分工": "原文名称 as written"}
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        assert all(width(sheet, index) >= 10 for index in range(1, len(header) + 1))
        column = header.index(long_texts[sheet.title]) + 1
        assert sheet.cell(row=2, column=column).alignment.wrap_text, sheet.title
        assert width(sheet, column) >= 20, sheet.title
