"""The genre as governments publish it (issue 21): headers by meaning, every lead rule, every
label and inline form, documents copied from the web; nothing refused that holds a task."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dutygraph.build import build
from dutygraph.cli.main import cli
from dutygraph.read.columns import column_of, is_header_row, label_column
from dutygraph.read.layout import NOT_UNDERSTOOD, READINGS
from dutygraph.read.reader import read_table
from dutygraph.read.roles import resolve_task
from dutygraph.read.source import read_source
from dutygraph.read.units import UnitTable


def _read(tmp_path, text: str, **options):
    source = tmp_path / "input.txt"
    source.write_text(text, encoding="utf-8")
    return read_table(source, **options)


def _roles(document) -> list[list[tuple[str, str]]]:
    """Each task's units with their roles, as the build resolves them."""
    return [[(a.mention.name, a.role) for a in
             resolve_task(task, UnitTable.empty(), document.lead_convention).assignments]
            for task in document.tasks]


@pytest.mark.parametrize(("header", "column"), [
    ("重点工作任务", "text"), ("主要工作任务", "text"), ("工作任务及目标", "text"),
    ("2024年目标任务", "text"), ("具体任务", "text"), ("目  标  任  务", "text"),
    ("工作措施", "text"), ("牵头单位", "lead_units"), ("主责单位", "lead_units"),
    ("主办单位", "lead_units"), ("主要责任单位", "lead_units"), ("配合单位", "co_units"),
    ("协同责任单位", "co_units"), ("协办单位", "co_units"), ("参与单位", "co_units"),
    ("责任单位", "units"), ("承办单位", "units"), ("责任部门", "units"),
    ("牵头领导", "leaders"), ("分管县领导", "leaders"), ("联系领导", "leaders"),
    ("完成时限", "deadline"), ("工作时限", "deadline"), ("时间节点", "deadline"),
    ("进度安排", "deadline"), ("序号", "number"), ("编号", "number"), ("备注", "remark"),
    ("说明", "remark"), ("进展情况", "progress"), ("考核指标", None), ("责任人", None),
    ("区本级任务数", None),
])
def test_a_header_cell_is_read_by_the_words_it_contains(header, column):
    assert column_of(header) == column


@pytest.mark.parametrize(("label", "column"), [
    ("牵头负责领导", "leaders"), ("分管省领导", "leaders"), ("分管副区长", "leaders"),
    ("牵头市领导", "leaders"), ("部门分工", "units"), ("协同责任单位", "co_units"),
    ("发布机构", None), ("重点工作", None),
])
def test_a_label_is_read_by_meaning(label, column):
    assert label_column(label) == column


def test_a_task_row_is_no_header_even_with_header_words_in_it():
    assert is_header_row(["重点工作任务", "责任单位", "完成时限"])
    assert not is_header_row(["单位GDP能耗下降", "%", "完成市下达任务", "约束性", "区发改局",
                              "区经信局、区统计局"])


def test_an_unknown_column_is_kept_as_a_note_and_warned_of(tmp_path):
    document = _read(tmp_path, "序号\t重点工作任务\t牵头单位\t配合单位\t考核指标\n"
                               "1\t推进城市更新。\t区住建局\t区财政局\t完成率100%\n")
    (task,) = document.tasks
    assert task.text == "推进城市更新。"
    assert task.notes == (("考核指标", "完成率100%"),)
    assert any("'考核指标' fits no kind of column" in w.text for w in document.warnings)


def test_the_note_goes_into_the_graph_with_its_header(tmp_path):
    source = tmp_path / "input.txt"
    source.write_text("序号\t重点工作\t责任单位\t考核指标\n1\t推进城市更新。\t*区住建局\t完成率100%\n",
                      encoding="utf-8")
    result = build(source)
    assert result.validation.conforms
    notes = {str(o) for o in result.graph.objects(None, result.graph.namespace_manager.expand_curie(
        "dg:note"))}
    assert notes == {"考核指标：完成率100%"}


def test_tasks_under_no_heading_go_into_the_documents_own_section(tmp_path):
    document = _read(tmp_path, "2024年某县重点工作任务分解表\n\n序号\t重点工作任务\t责任单位\n"
                               "1\t推进城市更新。\t县住建局、县财政局\n")
    (section,) = document.sections
    assert section.numeral == "" and section.heading == "2024年某县重点工作任务分解表"
    assert len(section.tasks) == 1


def test_a_document_that_says_nothing_is_read_first_listed_and_says_it_assumed(tmp_path):
    source = tmp_path / "input.txt"
    source.write_text("序号\t重点工作任务\t责任单位\n1\t推进城市更新。\t县住建局、县财政局\n",
                      encoding="utf-8")
    result = build(source)
    document = read_table(source)
    assert document.lead_convention == "first" and document.lead_assumed
    assert _roles(document) == [[("县住建局", "lead"), ("县财政局", "co")]]
    assert any("assumed" in w for w in result.report.warnings)
    assert "leadConventionAssumed" in result.graph.serialize(format="turtle")


@pytest.mark.parametrize("name", ["all-co", "star"])
def test_the_lead_convention_can_be_given(tmp_path, name):
    document = _read(tmp_path, "序号\t重点工作\t责任单位\n1\t推进城市更新。\t县住建局、县财政局\n",
                     lead_convention=name)
    assert _roles(document) == [[("县住建局", "co"), ("县财政局", "co")]]
    assert not document.lead_assumed


@pytest.mark.parametrize("rule", [
    "注：责任单位中列第一位的为牵头单位。", "注：排在第一位的为牵头单位，其余为配合单位。",
    "注：承办单位有多个的，第一个为牵头单位。", "注：首位单位为牵头单位。",
    "二、责任分解中，列第一位的责任单位为牵头单位或汇总单位。",
])
def test_a_stated_first_listed_rule_is_found_by_meaning(tmp_path, rule):
    document = _read(tmp_path, "序号\t重点工作\t责任单位\n1\t推进城市更新。\t县住建局、县财政局\n"
                               f"{rule}\n")
    assert document.lead_convention == "first" and not document.lead_assumed


def test_a_rule_glued_to_a_units_line_is_read_and_taken_off_the_unit(tmp_path):
    document = _read(tmp_path, "一、王一县长牵头重点工作\n1.推进城市更新。\n"
                               "责任单位：县发改局（首位单位为牵头单位，下同）、县财政局\n"
                               "2.建设未来社区。\n责任单位：县住建局、县民政局\n")
    assert document.lead_convention == "first"
    assert _roles(document) == [[("县发改局", "lead"), ("县财政局", "co")],
                                [("县住建局", "lead"), ("县民政局", "co")]]


@pytest.mark.parametrize(("line", "roles"), [
    ("1.推进城市更新。（县住建局牵头，县财政局、县民政局配合）",
     [("县住建局", "lead"), ("县财政局", "co"), ("县民政局", "co")]),
    ("1.推进城市更新。（县住建局负责）", [("县住建局", "lead")]),
    ("1.推进城市更新。（县住建局牵头，县财政局等按职责分工负责）",
     [("县住建局", "lead"), ("县财政局", "co")]),
    ("1.推进城市更新。（县住建局、县财政局等按职责分工负责）",
     [("县住建局", "lead"), ("县财政局", "co")]),
    ("1.推进城市更新。（分管副县长负责，县住建局牵头，县财政局配合）",
     [("县住建局", "lead"), ("县财政局", "co")]),
    ("1.推进城市更新。[牵头单位:县住建局;配合单位:县财政局,各街道(园区)]",
     [("县住建局", "lead"), ("县财政局", "co"), ("各街道(园区)", "co")]),
    ("1.推进城市更新。【牵头单位：区政府办公室（区大数据局）；配合单位：区财政局】",
     [("区政府办公室（区大数据局）", "lead"), ("区财政局", "co")]),
    ("1、推进城市更新。牵头单位：省住建厅；责任单位：省财政厅等，各市州政府。",
     [("省住建厅", "lead"), ("省财政厅", "co"), ("各市州政府", "co")]),
])
def test_units_after_the_text_in_any_bracket_or_on_the_same_line(tmp_path, line, roles):
    document = _read(tmp_path, f"一、扩大有效投资\n{line}\n")
    (task,) = document.tasks
    assert task.text == "推进城市更新。"
    assert _roles(document) == [roles]


@pytest.mark.parametrize("label", ["牵头负责领导", "分管省领导", "分管副区长", "责任领导",
                                   "联系领导"])
def test_every_leader_label_names_the_leader(tmp_path, label):
    document = _read(tmp_path, f"一、扩大有效投资\n1.推进城市更新。\n{label}：王一\n"
                               "牵头单位:区住建局\n配合单位:区财政局\n")
    (task,) = document.tasks
    assert task.leaders == ("王一",)


def test_a_numbered_paragraph_without_units_is_a_subheading_not_a_task(tmp_path):
    document = _read(tmp_path, "一、扩大内需\n（一）积极扩大有效投资。\n"
                               "1.推进城市更新。（县住建局牵头，县财政局配合）\n")
    assert [t.text for t in document.tasks] == ["推进城市更新。"]
    assert [s.text for s in document.sections[0].statements] == ["积极扩大有效投资。"]


def test_numbering_restarting_in_a_section_starts_a_section_of_its_own(tmp_path):
    document = _read(tmp_path, "一、王一副区长牵头重点工作\n序号\t重点工作\t责任单位\n"
                               "1\t甲。\t*区发改局\n1\t乙。\t*区财政局\n")
    assert [len(s.tasks) for s in document.sections] == [1, 1]
    assert document.sections[1].leader == "王一"
    assert any("序号 1 is used twice" in w.text for w in document.warnings)


def test_a_mark_on_the_row_number_is_not_a_unit_mark(tmp_path):
    document = _read(tmp_path, "一、王一副区长牵头重点工作\n序号\t重点工作\t责任单位\n"
                               "1*\t甲。\t*区发改局、区财政局\n")
    (task,) = document.tasks
    assert task.number == 1


def test_a_trailing_deng_is_no_part_of_the_name(tmp_path):
    document = _read(tmp_path, "序号\t重点工作\t牵头单位\t配合单位\n"
                               "1\t甲。\t区发改局\t区财政局等相关部门\n")
    assert [u.name for u in document.tasks[0].units] == ["区发改局", "区财政局"]


@pytest.mark.parametrize("text", [
    "索引号: | 113/2024-1 | 发布机构: | 县政府 |\n2024年重点工作任务分解表\n"
    "| 序号 | 具体任务 | 承办单位 |\n|---|---|---|\n| 1 | 推进城市更新。 | 县住建局、县财政局 |\n",
    "首页 > 政务公开\n2024年重点工作责任分解\n序号　重点工作　责任单位\n"
    "1　推进城市更新。　县住建局、县财政局\n",
    "2024年重点工作责任分解\n序号\n\n重点工作\n\n区本级\n\n任务数\n\n责任单位\n\n1\n\n"
    "推进城市更新。\n\n\n\n县住建局、县财政局\n",
    "2024年重点工作责任分解\n序号\n重点工作\n责任单位\n1\n推进城市更新。\n县住建局、县财政局\n",
])
def test_a_table_copied_from_a_web_page_is_read_as_rows(tmp_path, text):
    document = _read(tmp_path, text)
    (task,) = document.tasks
    assert (task.number, task.text) == (1, "推进城市更新。")
    assert _roles(document) == [[("县住建局", "lead"), ("县财政局", "co")]]


def test_an_empty_cell_of_a_copied_table_keeps_the_cells_after_it_in_place(tmp_path):
    document = _read(tmp_path, "序号\n\n重点工作\n\n区本级\n\n任务数\n\n责任单位\n\n"
                               "1\n\n甲。\n\n5%\n\n*区发改局\n\n2\n\n乙。\n\n\n\n区财政局*、区统计局\n")
    assert [t.notes for t in document.tasks] == [(("区本级任务数", "5%"),), ()]
    assert _roles(document) == [[("区发改局", "lead")],
                                [("区财政局", "lead"), ("区统计局", "co")]]


CASES = sorted((Path(__file__).parent / "cases").glob("*/input.txt"))


@pytest.mark.parametrize("source", CASES, ids=lambda path: path.parent.name)
def test_every_non_empty_line_of_every_case_is_accounted_for(source):
    """No line is dropped in silence: each is read as something, or 'not understood'."""
    document = read_table(source)
    lines = read_source(source).lines()
    read = {reading.place.line: reading.kind for reading in document.readings}
    non_empty = {number for number, line in enumerate(lines, start=1) if line.strip()}
    assert set(read) == non_empty
    assert set(read.values()) <= {*READINGS, NOT_UNDERSTOOD}
    assert {task.line for task in document.tasks} <= {n for n, k in read.items() if k == "task"}


def test_a_line_that_cannot_be_placed_is_a_warning_and_refused_with_strict(tmp_path):
    source = tmp_path / "input.txt"
    source.write_text("一、王一副区长牵头重点工作\n序号\t重点工作\t责任单位\n1\t甲。\t*区发改局\n"
                      "这一行不知所云\n2\t乙。\t*区财政局\n", encoding="utf-8")
    result = build(source, validate=False)
    assert {"place": "4", "read as": "not understood", "text": "这一行不知所云"} in \
        result.report.lines
    assert "- 4: 这一行不知所云" in result.report.to_markdown()
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["build", str(source), "-o", str(out), "--strict"])
    assert run.exit_code == 2
    assert run.stderr == (f"Error: {source}:4: this line could not be placed (--strict): "
                          "'这一行不知所云'; `dutygraph inspect` shows how each line reads\n")
    assert not out.exists()


@pytest.mark.parametrize(("source", "layout_name", "expected"), [
    (Path(__file__).parent.parent / "data" / "ouhai-2024-key-tasks.txt", "table",
     ("section", "一、刘云峰区长牵头重点工作")),
    (Path(__file__).parent / "cases" / "lead-columns" / "input.txt", "table",
     ("header", "序号\t重点工作\t牵头领导\t牵头单位\t配合单位\t完成时限")),
    (Path(__file__).parent / "cases" / "labelled-paragraphs" / "input.txt", "labelled",
     ("units", "牵头责任单位：区发改局")),
    (Path(__file__).parent / "cases" / "bracketed-labels" / "input.txt", "bracketed",
     ("task", "1. 加快建设实验室。[牵头单位：区科技局；责任单位：区财政局、区发改局]")),
])
def test_inspect_prints_each_line_as_the_reader_sees_it(source, layout_name, expected):
    run = CliRunner().invoke(cli, ["inspect", str(source)])
    assert run.exit_code == 0, run.output
    head, *lines = run.stdout.splitlines()[2:]
    assert head.startswith("# lead rule ")
    assert run.stdout.splitlines()[1].startswith(f"# layout {layout_name}: ")
    read = [line.split(None, 2)[1:] for line in lines]
    kind, text = expected
    assert any(line.endswith(f"  {kind:<14}  {text}") for line in lines), lines[:12]
    non_empty = sum(1 for line in read_source(source).lines() if line.strip())
    assert len(read) == non_empty


# ---- Headings printed as table rows, and the leaders headings name (issue 21, round 2) ----

TABLE_HEAD = "序号\t重点任务\t牵头单位\t配合单位\n"


@pytest.mark.parametrize("row", [
    "一、加快发展新质生产力\t\t\t", "\t一、加快发展新质生产力\t\t", "一\t加快发展新质生产力\t\t",
    "一、加快发展新质生产力",
])
def test_a_row_whose_only_text_is_a_heading_starts_a_section(tmp_path, row):
    document = _read(tmp_path, f"{TABLE_HEAD}{row}\n1\t推进甲。\t区发改局\t区财政局\n")
    (section,) = document.sections
    assert (section.numeral, section.label) == ("一", "加快发展新质生产力")
    assert [t.text for t in section.tasks] == ["推进甲。"]
    assert [r.kind for r in document.readings] == ["header", "section", "task"]


@pytest.mark.parametrize("row", ["（二）培育新兴产业\t\t\t", "\t（二）培育新兴产业\t\t",
                                 "（二）\t培育新兴产业\t\t"])
def test_a_row_whose_only_text_is_a_subheading_is_kept_under_its_section(tmp_path, row):
    document = _read(tmp_path, f"一、加快发展\n{TABLE_HEAD}1\t推进甲。\t区发改局\t区财政局\n"
                               f"{row}\n2\t推进乙。\t区经信局\t区科技局\n")
    (section,) = document.sections
    assert [t.number for t in section.tasks] == [1, 2]
    assert [s.text for s in section.statements] == ["培育新兴产业"]
    assert NOT_UNDERSTOOD not in [r.kind for r in document.readings]


def test_an_html_row_with_a_heading_in_one_cell_is_a_section_or_subheading(tmp_path):
    source = tmp_path / "input.html"
    source.write_text(
        "<table><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td></tr>"
        "<tr><td>一、加快发展</td><td></td><td></td><td></td></tr>"
        "<tr><td>1</td><td>推进甲。</td><td>区发改局</td><td>区财政局</td></tr>"
        "<tr><td></td><td>（一）培育新兴产业</td><td></td><td></td></tr>"
        "<tr><td>2</td><td>推进乙。</td><td>区经信局</td><td>区科技局</td></tr></table>",
        encoding="utf-8")
    document = read_table(source)
    (section,) = document.sections
    assert section.heading == "一、加快发展" and len(section.tasks) == 2
    assert [s.text for s in section.statements] == ["培育新兴产业"]


@pytest.mark.parametrize(("heading", "leaders"), [
    ("一、扩大有效投资（牵头领导：张三、李四）", ("张三", "李四")),
    ("一、扩大有效投资（责任领导：王五，赵六）", ("王五", "赵六")),
    ("一、扩大有效投资(分管领导:王五 赵六)", ("王五", "赵六")),
    ("一、扩大有效投资【牵头区领导：张三副区长、李四】", ("张三", "李四")),
    ("一、扩大有效投资 牵头领导：常务副区长张三，副区长李四", ("张三", "李四")),
    ("一、扩大有效投资。联系领导：张三（常务副区长）", ("张三",)),
])
def test_a_heading_names_its_leaders_after_a_label(tmp_path, heading, leaders):
    document = _read(tmp_path, f"{heading}\n1.推进甲。（区发改局牵头，区财政局配合）\n"
                               "2.推进乙。（区经信局牵头）\n")
    (section,) = document.sections
    assert section.leaders == leaders and section.label == "扩大有效投资"
    assert section.leader == (leaders[0] if len(leaders) == 1 else None)
    assert len(section.tasks) == 2


def test_every_leader_a_heading_names_is_in_charge_of_each_of_its_tasks(tmp_path):
    source = tmp_path / "input.txt"
    source.write_text("一、扩大有效投资（牵头领导：张三、李四）\n"
                      "1.推进甲。（区发改局牵头，区财政局配合）\n2.推进乙。（区经信局牵头）\n",
                      encoding="utf-8")
    result = build(source)
    assert result.validation.conforms
    rows = result.graph.query(
        "PREFIX dg: <https://w3id.org/dutygraph/ontology#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?name ?number WHERE { ?p dg:inChargeOf ?t ; skos:prefLabel ?name . "
        "?t dg:number ?number }")
    assert sorted((str(n), int(k)) for n, k in rows) == [("张三", 1), ("张三", 2),
                                                          ("李四", 1), ("李四", 2)]


def test_a_subheadings_leaders_lead_the_tasks_under_it_until_the_next_heading(tmp_path):
    document = _read(tmp_path, "一、推动工业经济（分管领导：沈卓）\n"
                               "（一）培育先进制造业（责任领导：钱启东，孙芸）\n"
                               f"{TABLE_HEAD}1\t推进甲。\t区经信局\t区科技局\n"
                               "（二）优化企业服务\t\t\t\n2\t推进乙。\t区营商办\t区财政局\n")
    (section,) = document.sections
    assert section.leaders == ("沈卓",)
    assert [t.leaders for t in section.tasks] == [("钱启东", "孙芸"), ()]


def test_a_leader_label_under_a_heading_names_the_sections_leaders(tmp_path):
    document = _read(tmp_path, "一、优化营商环境\n联系区领导：郑海波、陈墨\n1.深化改革。\n"
                               "责任单位：区行政审批局、区司法局\n")
    assert document.sections[0].leaders == ("郑海波", "陈墨")
    assert [r.kind for r in document.readings] == ["section", "section", "task", "units"]


@pytest.mark.parametrize("lines", [
    "1.推进甲。联系区领导：冯晓军、陈墨\n责任单位：区农业农村局、区财政局\n",
    "1.推进甲。（分管领导：冯晓军，陈墨）\n牵头单位：区农业农村局\n配合单位：区财政局\n",
    "1.推进甲。\n责任领导：冯晓军 陈墨\n责任单位：区农业农村局、区财政局\n",
    "1.推进甲。\n牵头领导：冯晓军副区长、陈墨\n责任单位：区农业农村局、区财政局\n",
])
def test_a_leader_label_on_a_tasks_line_or_after_it_names_its_leaders(tmp_path, lines):
    document = _read(tmp_path, f"一、推进城乡融合\n{lines}")
    (task,) = document.tasks
    assert (task.text, task.leaders) == ("推进甲。", ("冯晓军", "陈墨"))
    assert _roles(document) == [[("区农业农村局", "lead"), ("区财政局", "co")]]


@pytest.mark.parametrize(("cell", "roles"), [
    ("综合执法中队（牵头）、市场监管所", [("综合执法中队", "lead"), ("市场监管所", "co")]),
    ("区发改局（牵头），区财政局（配合）", [("区发改局", "lead"), ("区财政局", "co")]),
    ("区建设局（主责）、区财政局", [("区建设局", "lead"), ("区财政局", "co")]),
    ("区应急局(牵头单位)、区公安分局(配合单位)", [("区应急局", "lead"), ("区公安分局", "co")]),
    ("区财政局（牵头）、区发改局（协办）", [("区财政局", "lead"), ("区发改局", "co")]),
    ("区政府办公室（区大数据局）（牵头）、区财政局",
     [("区政府办公室（区大数据局）", "lead"), ("区财政局", "co")]),
    ("区政府办公室（区大数据局）、区财政局",
     [("区政府办公室（区大数据局）", "lead"), ("区财政局", "co")]),
])
def test_a_role_in_brackets_after_a_unit_is_its_role_not_its_name(tmp_path, cell, roles):
    table = _read(tmp_path, f"序号\t重点工作\t责任单位\n1\t推进甲。\t{cell}\n")
    inline = _read(tmp_path, f"一、城市治理\n1.推进甲。（责任单位：{cell}）\n")
    assert _roles(table) == _roles(inline) == [roles]


def test_the_lines_after_an_html_tables_last_row_are_the_pages_footer(tmp_path):
    """A page's lines and its table's rows are numbered apart: the signature and the site's
    footer after the table are still after its last task, not lines left unread."""
    source = tmp_path / "input.html"
    source.write_text(
        "<p>首页 &gt; 政务公开</p><h1>2025年重点工作责任分解</h1>"
        "<table><tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td></tr>"
        "<tr><td>1</td><td>推进甲。</td><td>区发改局</td><td>区财政局</td></tr></table>"
        "<p>区人民政府办公室</p><p>2025年3月5日</p><p>【打印本页】 【关闭窗口】</p>",
        encoding="utf-8")
    document = read_table(source)
    assert NOT_UNDERSTOOD not in {r.kind for r in document.readings}
    assert not [w for w in document.warnings if "outside any table row" in w.text]
    run = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path / "out"),
                                   "--strict"])
    assert run.exit_code == 0, run.output


@pytest.mark.parametrize("text", [
    "2025年重点任务分解表\t\t\t\n一、加快发展\t\t\t\n序号\t重点任务\t牵头单位\t配合单位\n"
    "1\t推进甲。\t区发改局\t区财政局\n（一）培育（分管领导：王五）\t\t\t\n2\t推进乙。\t区经信局\t区科技局\n",
    "2025年重点任务分解表\n序号\n\n重点任务\n\n牵头单位\n\n配合单位\n\n一、加快发展\n\n1\n\n推进甲。\n\n"
    "区发改局\n\n区财政局\n\n（一）培育（分管领导：王五）\n\n2\n\n推进乙。\n\n区经信局\n\n区科技局\n",
    "2025年重点任务分解表\n| 序号 | 重点任务 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
    "| 一、加快发展 | | | |\n"
    "| 1 | 推进甲。 | 区发改局 | 区财政局 |\n| （一）培育（分管领导：王五） | | | |\n"
    "| 2 | 推进乙。 | 区经信局 | 区科技局 |\n",
    "2025年重点任务分解表\n序号　重点任务　牵头单位　配合单位\n一、加快发展\n"
    "1　推进甲。　区发改局　区财政局\n"
    "（一）培育（分管领导：王五）\n2　推进乙。　区经信局　区科技局\n",
])
def test_headings_between_the_rows_of_a_copied_or_padded_table(tmp_path, text):
    document = _read(tmp_path, text)
    (section,) = document.sections
    assert (section.heading, document.title) == ("一、加快发展", "2025年重点任务分解表")
    assert [(t.text, t.leaders) for t in section.tasks] == [("推进甲。", ()),
                                                            ("推进乙。", ("王五",))]
    assert NOT_UNDERSTOOD not in {r.kind for r in document.readings}


def test_a_name_under_the_leader_column_of_a_heading_row_is_the_headings_leader(tmp_path):
    document = _read(tmp_path, "序号\t重点任务\t牵头领导\t牵头单位\t配合单位\n"
                               "一、加快发展\t\t张三、李四\t\t\n1\t推进甲。\t\t区发改局\t区财政局\n"
                               "（二）\t培育新兴产业\t王五\t\t\n2\t推进乙。\t赵六\t区经信局\t区科技局\n")
    (section,) = document.sections
    assert (section.label, section.leaders) == ("加快发展", ("张三", "李四"))
    assert [t.leaders for t in section.tasks] == [(), ("赵六", "王五")]


def test_a_topic_headings_leaders_lead_its_table_under_no_section_heading(tmp_path):
    """（一）…（分管领导：A） over a table of its own, in a document that prints no 一、: every
    row of the table, the first one too, has the topic's leader."""
    head = "序号\t工作任务\t主责单位\t协同单位\n"
    document = _read(tmp_path, "2025年重点任务清单\n（一）扩大有效需求（分管领导：张三）\n"
                               f"{head}1\t甲。\t区发改局\t区财政局\n2\t乙。\t区商务局\t区财政局\n"
                               f"（二）推动产业升级（分管领导：李四、王五）\n{head}"
                               "1\t丙。\t区经信局\t区科技局\n")
    assert [t.leaders for t in document.tasks] == [("张三",), ("张三",), ("李四", "王五")]


def test_a_count_after_a_headings_leaders_is_no_part_of_them(tmp_path):
    document = _read(tmp_path, "一、加快发展（牵头领导：张三、李四）（共1项）\n"
                               "1.推进甲。（区发改局牵头）\n")
    assert document.sections[0].leaders == ("张三", "李四")
