"""A table of expected indicators beside the key tasks (issue 7, layout 6), in every format.

The golden graphs are tests/cases/indicators-and-tasks and indicators-titled (their .docx
and .xlsx forms and round trips run in tests/test_layouts.py); these tests pin exact values:
counts, one row's target and units, what the report says, and what the catalogue sees.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from dutygraph.ask.graphs import open_graph
from dutygraph.ask.query import run_query_file
from dutygraph.build import build
from dutygraph.cli.main import cli
from dutygraph.rdf.layouts import indicator_target_text
from dutygraph.rdf.namespaces import DG, PROV, RDF, SKOS
from dutygraph.read.reader import read_table
from dutygraph.read.records import TaskRow

from .conftest import QUERIES
from .office_files import write_docx, write_xlsx

CASE = Path(__file__).parent / "cases" / "indicators-and-tasks" / "input.txt"
TITLED = Path(__file__).parent / "cases" / "indicators-titled" / "input.txt"
UNITLESS = Path(__file__).parent / "cases" / "indicators-without-units" / "input.txt"
WRITERS = {"txt": lambda spec, path: spec, "docx": write_docx, "xlsx": write_xlsx}
# Where the indicators table is printed in each format (the section's first place).
PLACES = {"txt": "line 3", "docx": "paragraph 2", "xlsx": "table 1, row 3"}


def _source(fmt: str, tmp_path: Path) -> Path:
    return WRITERS[fmt](CASE, tmp_path / f"input.{fmt}")


def _units(graph, task, role):
    return sorted(str(graph.value(graph.value(a, PROV.agent), SKOS.prefLabel))
                  for a in graph.objects(task, PROV.qualifiedAttribution)
                  if graph.value(a, PROV.hadRole) == role)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_indicator_rows_are_tasks_with_their_cells_target_and_units(fmt, tmp_path):
    result = build(_source(fmt, tmp_path), base="https://example.org/id/")
    graph = result.graph
    assert result.validation.conforms
    assert (result.report.tasks, len(set(graph.subjects(RDF.type, DG.IndicatorTask)))) == (5, 3)
    (gdp,) = [t for t in graph.subjects(RDF.type, DG.IndicatorTask)
              if str(graph.value(t, DG.text)) == "地区生产总值增长"]
    assert (gdp, RDF.type, DG.Task) in graph
    assert (str(graph.value(gdp, DG.expectedValueAsPrinted)),
            str(graph.value(gdp, DG.measureUnitAsPrinted))) == ("6左右", "%")
    target = graph.value(gdp, DG.hasTarget)
    assert graph.value(target, DG.value).toPython() == Decimal("6")
    assert str(graph.value(target, DG.unitWord)) == "%"
    assert graph.value(target, DG.comparator) == DG.approximately
    assert _units(graph, gdp, DG.lead) == ["区发改局"]
    assert _units(graph, gdp, DG.coResponsible) == ["区统计局"]
    assert result.report.indicator_tables == [
        f"{PLACES[fmt]}: 一、2024年主要预期指标: 3 indicator rows"]


def test_a_qualitative_expected_value_gives_a_qualitative_target():
    graph = build(CASE, validate=False).graph
    (row,) = [t for t in graph.subjects(RDF.type, DG.IndicatorTask)
              if str(graph.value(t, DG.expectedValueAsPrinted)) == "与经济增长基本同步"]
    target = graph.value(row, DG.hasTarget)
    assert graph.value(target, DG.qualitative).toPython() is True
    assert graph.value(target, DG.value) is None


def test_the_catalogue_counts_indicator_rows_as_tasks(tmp_path):
    """unit_load.rq, unchanged, counts 区统计局's two indicator rows (co-responsible)."""
    graph_file = tmp_path / "graph.ttl"
    graph_file.write_bytes(build(CASE, validate=False).graph.serialize(format="turtle",
                                                                       encoding="utf-8"))
    answer = run_query_file(open_graph(graph_file), QUERIES / "unit_load.rq").records()
    loads = {row["unit"]: (row["lead_tasks"], row["co_tasks"]) for row in answer}
    assert loads["区统计局"] == (0, 2)
    assert loads["区人力社保局"] == (2, 0)  # one indicator row, one key task


def test_report_lists_the_indicators_table():
    report = build(TITLED, validate=False).report
    assert report.indicator_tables == ["line 3: 表1 主要预期指标: 3 indicator rows"]
    assert "## Tables of expected indicators\n\n- line 3: 表1 主要预期指标" in report.to_markdown()


def test_an_indicators_table_without_units_builds_and_is_written(tmp_path):
    """The genre often prints indicators with no 责任单位 column: the rows are tasks without
    units (dgsh:TaskShape allows it of a dg:IndicatorTask alone), and the build writes them."""
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(UNITLESS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Validated against the SHACL shapes: 0 violations, 0 warnings." in result.output
    assert "several units and no *" not in result.output  # no unit at all is not that
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    rows = sorted(graph.subjects(RDF.type, DG.IndicatorTask), key=str)
    assert [(str(graph.value(t, DG.text)), str(graph.value(t, DG.expectedValueAsPrinted)),
             graph.value(t, PROV.qualifiedAttribution)) for t in rows] == [
        ("地区生产总值增长", "6左右", None), ("一般公共预算收入", "40以上", None),
        ("单位GDP能耗下降", "完成市下达任务", None)]
    assert len(set(graph.subjects(RDF.type, DG.Task))) == 5
    report = json.loads((out / "build-report.json").read_text("utf-8"))
    assert report["indicator_tables"] == [
        "line 3: 一、2024年主要预期指标: 3 indicator rows, no units printed"]
    assert report["tasks_without_marked_lead"] == []


def test_report_sections_table_prints_a_section_without_numeral_as_titled():
    """Regression: a titled table (no 一、) was printed as "、表1 主要预期指标"."""
    markdown = build(TITLED, validate=False).report.to_markdown()
    assert "| 3 | 表1 主要预期指标 | — | 3 |" in markdown
    assert "| 9 | 表2 重点工作 | — | 2 |" in markdown
    assert "| 、" not in markdown
    numbered = build(CASE, validate=False).report.to_markdown()
    assert "| 3 | 一、2024年主要预期指标 | — | 3 |" in numbered


def test_sections_of_a_titled_document_take_their_titles():
    document = read_table(TITLED)
    assert [(s.kind, s.heading, s.leader, len(s.tasks)) for s in document.sections] == [
        ("indicators", "表1 主要预期指标", None, 3), ("tasks", "表2 重点工作任务", None, 2)]
    assert document.title == "2024年某区政府工作报告重点工作任务分工"
    assert [t.number for t in document.sections[0].tasks] == [1, 2, 3]  # no 序号 printed
    assert document.sections[0].tasks[2].attribute == "约束性"


def _read(tmp_path: Path, text: str):
    source = tmp_path / "table.txt"
    source.write_text(text, encoding="utf-8")
    return read_table(source)


def test_an_indicators_table_under_no_heading_is_labelled_so(tmp_path):
    document = _read(tmp_path, "2024年某区政府工作报告重点工作责任分解\n"
                     "序号\t指标\t目标值\n1\t地区生产总值增长\t6%左右\n"
                     "二、王一副区长牵头重点工作\n序号\t重点工作\t责任单位\n1\t一项任务。\t区发改局\n")
    assert [(s.kind, s.heading, s.label) for s in document.sections] == [
        ("indicators", "主要预期指标", "主要预期指标"),
        ("tasks", "二、王一副区长牵头重点工作", "王一副区长牵头")]
    assert document.sections[0].tasks[0].units == ()  # it printed no units column


def test_an_indicators_header_repeated_at_a_page_break_keeps_its_section(tmp_path):
    header = "序号\t指标名称\t预期目标\t责任单位\n"
    document = _read(tmp_path, "一、主要预期指标\n" + header + "1\t甲指标\t5%\t区发改局\n"
                     + header + "2\t乙指标\t6%\t区财政局\n")
    assert [(s.kind, [t.number for t in s.tasks]) for s in document.sections] == [
        ("indicators", [1, 2])]


def test_an_empty_indicators_table_keeps_the_next_tables_title_and_tasks_apart(tmp_path):
    """An indicators table printed with its header and no rows is a section of its own: the
    task table's title after it is that table's heading, not a statement of the indicators
    table, and its tasks are not filed under 表1 (they were, before)."""
    document = _read(tmp_path, "2024年某区政府工作报告重点工作任务分工\n\n表1 主要预期指标\n"
                     "指标名称\t计量单位\t年度目标\t属性\t牵头单位\t配合单位\n\n"
                     "表2 重点工作任务\n序号\t重点工作\t牵头单位\t配合单位\t完成时限\n"
                     "1\t推进城市更新。\t区住建局\t区自然资源分局\t年底前\n")
    assert [(s.kind, s.heading, [t.number for t in s.tasks], s.statements)
            for s in document.sections] == [
        ("indicators", "表1 主要预期指标", [], []), ("tasks", "表2 重点工作任务", [1], [])]
    # Untitled, a task table after an empty indicators table is a section of its own too.
    document = _read(tmp_path, "一、主要预期指标\n序号\t指标名称\t预期目标\n"
                     "序号\t重点工作\t责任单位\n1\t一项任务。\t区发改局\n")
    assert [(s.kind, len(s.tasks)) for s in document.sections] == [
        ("indicators", 0), ("tasks", 1)]


INDICATOR_HEADER, TASK_HEADER = "序号\t指标名称\t预期目标\t责任单位\n", "序号\t重点工作\t责任单位\n"


def test_after_an_empty_indicators_table_only_a_title_heads_the_task_table(tmp_path):
    """A line that is no table's title (a note on the missing indicators) stays a statement
    of the empty indicators table; the task table after it is a section of its own."""
    document = _read(tmp_path, "2024年某区政府工作报告重点工作任务分工\n一、主要预期指标\n"
                     + INDICATOR_HEADER + "（本年度指标另行下达）\n" + TASK_HEADER
                     + "1\t推进城市更新。\t*区住建局、区自然资源分局\n")
    assert [(s.kind, s.heading, len(s.tasks), [t.text for t in s.statements])
            for s in document.sections] == [
        ("indicators", "一、主要预期指标", 0, ["（本年度指标另行下达）"]),
        ("tasks", "2024年某区政府工作报告重点工作任务分工", 1, [])]


def test_an_empty_indicators_table_ends_at_the_next_indicators_tables_title(tmp_path):
    document = _read(tmp_path, "表1 主要经济指标\n" + INDICATOR_HEADER + "表2 主要社会指标\n"
                     + INDICATOR_HEADER + "1\t城镇新增就业\t5000人\t区人社局\n"
                     + "表3 重点工作任务\n" + TASK_HEADER + "1\t推进城市更新。\t*区住建局\n")
    assert [(s.kind, s.heading, len(s.tasks)) for s in document.sections] == [
        ("indicators", "表1 主要经济指标", 0), ("indicators", "表2 主要社会指标", 1),
        ("tasks", "表3 重点工作任务", 1)]


def test_a_leaders_section_keeps_its_tasks_after_an_empty_indicators_table(tmp_path):
    document = _read(tmp_path, "一、张三区长牵头重点工作\n" + INDICATOR_HEADER + TASK_HEADER
                     + "1\t推进城市更新。\t*区住建局\n")
    assert [(s.kind, s.heading, s.leader, len(s.tasks)) for s in document.sections] == [
        ("tasks", "一、张三区长牵头重点工作", "张三", 1)]


def test_an_indicators_table_continued_after_a_page_break_stays_one(tmp_path):
    """（续表） before the repeated header continues the table: it is no new table's title
    (it made a second indicators section headed （续表）); kept as a statement, with a warning,
    as in a task table."""
    document = _read(tmp_path, "一、主要预期指标\n" + INDICATOR_HEADER
                     + "1\t新增城镇就业\t5000人\t区人社局\n（续表）\n" + INDICATOR_HEADER
                     + "2\t地区生产总值增长\t6%左右\t区发改局\n")
    assert [(s.kind, s.heading, [t.number for t in s.tasks], [t.text for t in s.statements])
            for s in document.sections] == [
        ("indicators", "一、主要预期指标", [1, 2], ["（续表）"])]
    # (Its sole units lead whatever the rule: the one the document did not state is assumed.)
    assert [w.text for w in document.warnings if not w.text.startswith("lead rule assumed")] \
        == ["text outside any table row, kept as a statement of its section: （续表）"]


def test_an_empty_indicators_table_is_said_in_the_graph_and_written_back(tmp_path):
    """dg:IndicatorSection says what the rows cannot when there are none: the graph of
    tests/cases/indicators-empty writes back as both tables, titles and header rows, and
    reads back as the same sections."""
    case = Path(__file__).parent / "cases" / "indicators-empty" / "input.txt"
    graph = build(case, validate=False).graph
    assert len(set(graph.subjects(RDF.type, DG.IndicatorSection))) == 1
    graph_file, table_file = tmp_path / "graph.ttl", tmp_path / "table.txt"
    graph_file.write_bytes(graph.serialize(format="turtle", encoding="utf-8"))
    result = CliRunner().invoke(cli, ["table", str(graph_file), "-o", str(table_file)])
    assert result.exit_code == 0, result.output
    assert "表1 主要预期指标\n\n序号\t指标名称\t预期目标\n" in table_file.read_text("utf-8")
    sections = [[(s.kind, s.heading, len(s.tasks)) for s in read_table(path).sections]
                for path in (case, table_file)]
    assert sections[0] == sections[1] == [
        ("indicators", "表1 主要预期指标", 0), ("tasks", "表2 重点工作任务", 2)]


@pytest.mark.parametrize(("row", "message"), [
    ("1\t甲指标\t\t区发改局", ":3: indicator 1 has an empty 预期目标 cell"),
    ("1\t甲指标\t5%\t", ":3: indicator 1 has an empty 责任单位 cell"),
    ("1\t甲指标", ":3: the task row has 2 columns; missing 预期目标、责任单位"),
])
def test_a_bad_indicator_row_is_refused_at_its_line(row, message, tmp_path):
    source = tmp_path / "bad.txt"
    source.write_text(f"一、主要预期指标\n序号\t指标名称\t预期目标\t责任单位\n{row}\n",
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {source}{message}\n"


@pytest.mark.parametrize(("name", "unit", "expected", "text"), [
    ("地区生产总值增长", "%", "6左右", "地区生产总值增长6%左右"),
    ("一般公共预算收入", "亿元", "40以上", "一般公共预算收入40亿元以上"),
    ("研发投入强度", "%", "2.8%", "研发投入强度2.8%"),  # the unit printed twice: once
    ("居民收入增长", "%", "与经济增长基本同步", "居民收入增长与经济增长基本同步"),
    ("城镇新增就业", "", "5000人", "城镇新增就业5000人"),
])
def test_the_target_reader_reads_an_indicator_as_a_task_would_print_it(name, unit, expected,
                                                                        text):
    row = TaskRow(1, 1, name, (), expected=expected, measure_unit=unit)
    assert indicator_target_text(row) == text
