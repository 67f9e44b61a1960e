"""The genre's layouts in each format they are published in (.txt, .docx, .xlsx).

Each golden case under tests/cases is also written as a .docx and, where the layout is a
table, an .xlsx (tests/office_files.py, from the case's own input.txt); each must build the
case's expected graph except for where things are printed (line, table, row) and the bytes'
digest. Every case, in every format, must round-trip through `dutygraph table`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from dutygraph.build import build
from dutygraph.cli.main import cli
from dutygraph.errors import InputError
from dutygraph.publish.table import table_text
from dutygraph.rdf.namespaces import DG
from dutygraph.read.reader import read_table
from dutygraph.read.roles import resolve_task
from dutygraph.read.units import UnitTable

from .office_files import write_docx, write_xlsx

CASES = Path(__file__).parent / "cases"
BASE = "https://example.org/id/"
# Where a thing is printed and which bytes it came from differ between formats; the rest not.
PLACE_PREDICATES = {DG.sourceLine, DG.sourceTable, DG.sourceRow, DG.sha256, DG.sourceEncoding}
PARAGRAPH_CASES = {"labelled-paragraphs", "bracketed-labels", "labelled-gb18030-crlf",
                   "bracketed-bom-crlf"}
# Tables as copied from a web page into a text file (one cell per line, pipes, wide spaces):
# a text file's shape, which a Word or Excel table never has.
WEB_COPY_CASES = {"genre-d03-longwan-cell-per-line-trailing-star",
                  "genre-d30-cell-per-line-no-blank-star", "genre-d31-pipes-metadata-and-table",
                  "genre-d32-flattened-rows-fullwidth-space"}
WRITERS = {"docx": write_docx, "xlsx": write_xlsx}
# The cases written as text (the others are in a format of their own: tests/test_formats.py).
TEXT_CASES = sorted(case for case in CASES.iterdir() if (case / "input.txt").exists())
FORMAT_CASES = [
    (case.name, fmt) for case in TEXT_CASES for fmt in WRITERS
    if not (fmt == "xlsx" and case.name in PARAGRAPH_CASES) and case.name not in WEB_COPY_CASES
]


def _office_file(case: str, fmt: str, tmp_path: Path) -> Path:
    """The case's input.txt written as input.docx or input.xlsx (same name: same IRIs)."""
    return WRITERS[fmt](CASES / case / "input.txt", tmp_path / f"input.{fmt}")


def _units(case: str) -> Path | None:
    units = CASES / case / "units.csv"
    return units if units.exists() else None


def _without_places(graph: Graph) -> Graph:
    kept = Graph()
    for triple in graph:
        if triple[1] not in PLACE_PREDICATES:
            kept.add(triple)
    return kept


@pytest.mark.parametrize(("case", "fmt"), FORMAT_CASES, ids=lambda v: v)
def test_office_file_builds_the_same_graph_as_its_text(case, fmt, tmp_path):
    source = _office_file(case, fmt, tmp_path)
    actual = _without_places(build(source, units=_units(case), base=BASE).graph)
    expected = _without_places(Graph().parse(CASES / case / "expected.ttl", format="turtle"))
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        pytest.fail("only in the build:\n" + only_actual.serialize(format="nt")
                    + "only in expected.ttl:\n" + only_expected.serialize(format="nt"))


def _resolved(document, units: UnitTable) -> list[tuple]:
    """What a task says, whatever its layout: number, text, units with their roles,
    deadline, every leader in charge of it (its row's and its section's: the graph says who
    is in charge of a task, not where the name was printed), an indicator's cells, and its
    section's heading, leader and kind."""
    rows = []
    for section in document.sections:
        for task in section.tasks:
            resolved = resolve_task(task, units, document.lead_convention)
            rows.append((
                section.heading, section.leader, section.kind, task.number, task.text,
                task.remark,
                tuple((a.mention.name, a.mention.lead_marked, a.role)
                      for a in resolved.assignments),
                task.deadline, tuple(sorted({*task.leaders, *section.leaders})),
                task.expected, task.measure_unit, task.attribute,
            ))
    return rows


@pytest.mark.parametrize(("case", "fmt"), [(c.name, "txt") for c in TEXT_CASES]
                         + FORMAT_CASES, ids=lambda v: v)
def test_every_case_round_trips_through_dutygraph_table(case, fmt, tmp_path):
    source = CASES / case / "input.txt" if fmt == "txt" else _office_file(case, fmt, tmp_path)
    graph_file, table_file = tmp_path / "graph.ttl", tmp_path / "table.txt"
    graph_file.write_bytes(build(source, units=_units(case), validate=False)
                           .graph.serialize(format="turtle", encoding="utf-8"))
    result = CliRunner().invoke(cli, ["table", str(graph_file), "-o", str(table_file)])
    assert result.exit_code == 0, result.output
    units = UnitTable.empty()
    assert _resolved(read_table(table_file), units) == _resolved(read_table(source), units)


def test_table_of_the_records_reads_back_without_the_graph(tmp_path):
    """table_text of a column layout prints 牵头单位 / 配合单位 / 牵头领导 / 完成时限 again."""
    document = read_table(CASES / "lead-columns" / "input.txt")
    text = table_text(document)
    # No 类别 column: the one section is the document's, which prints none (its heading is
    # the title, and reading back gives it the title again).
    assert "序号\t重点工作\t牵头单位\t配合单位\t牵头领导\t完成时限\t备注" in text
    assert text.count(document.title) == 1
    (tmp_path / "again.txt").write_text(text, encoding="utf-8")
    again = read_table(tmp_path / "again.txt")
    units = UnitTable.empty()
    assert [row[3:] for row in _resolved(again, units)] == \
        [row[3:] for row in _resolved(document, units)]


UNTITLED_TABLES = """\
2024年某区政府工作报告重点工作责任分解

序号\t指标名称\t单位\t预期目标\t责任单位
1\t地区生产总值增长\t%\t6左右\t*区发改局、区统计局

序号\t重点工作\t责任单位\t备注
1\t推进城市更新。\t*区住建局、区自然资源分局\t
"""

CATEGORY_COLUMN = """\
2024年某区政府工作报告重点工作责任清单

序号\t重点工作\t责任单位\t类别
1\t推进重大项目。\t*区发改局、区财政局\t经济发展
2\t办好民生实事。\t*区民政局\t民生保障
"""


def _written_back(text: str, tmp_path) -> tuple[str, list[tuple]]:
    """TEXT read, written back by table_text; the text written, and whether both read alike."""
    (tmp_path / "source.txt").write_text(text, encoding="utf-8")
    document = read_table(tmp_path / "source.txt")
    back = table_text(document)
    (tmp_path / "back.txt").write_text(back, encoding="utf-8")
    units = UnitTable.empty()
    assert _resolved(read_table(tmp_path / "back.txt"), units) == _resolved(document, units)
    return back, document.sections


def test_untitled_tables_are_written_back_without_the_title_twice(tmp_path):
    """An indicators table and a task table printed without titles: the task table's section
    takes the document's title as its heading, and table prints that title once, with no
    类别 column (it used to print it again above the task table and in every row)."""
    back, sections = _written_back(UNTITLED_TABLES, tmp_path)
    assert sections[1].heading == "2024年某区政府工作报告重点工作责任分解"
    assert back.count("2024年某区政府工作报告重点工作责任分解") == 1
    assert "序号\t重点工作\t责任单位\t备注" in back


def test_sections_named_in_a_category_column_are_written_in_it(tmp_path):
    back, sections = _written_back(CATEGORY_COLUMN, tmp_path)
    assert [s.heading for s in sections] == ["经济发展", "民生保障"]
    assert "序号\t重点工作\t责任单位\t类别\t牵头领导\t备注" in back
    assert "\n1\t推进重大项目。\t*区发改局、区财政局\t经济发展\t\t\n" in back


# --- Where things are printed in a .docx and an .xlsx ----------------------------------------

MERGED_LEADERS = """\
2024年某区政府工作报告重点工作责任清单

序号\t重点工作\t牵头领导\t牵头单位\t配合单位\t完成时限
1\t扩大有效投资。\t王一副区长\t区发改局\t区财政局\t全年
2\t优化营商环境。\t^\t区市场监管局\t\t6月底前
3\t办好民生实事。\t^\t区民政局\t区残联\t
4\t建设未来社区。\t李二副区长\t区住建局\t\t2024年12月
"""


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_leader_written_once_for_several_rows_leads_each(fmt, tmp_path):
    """Vertically merged cells: the leader (or section) printed once stands for each row."""
    document = read_table(WRITERS[fmt](MERGED_LEADERS, tmp_path / f"merged.{fmt}"))
    assert [task.leaders for task in document.tasks] == [("王一",)] * 3 + [("李二",)]
    assert [task.deadline for task in document.tasks] == ["全年", "6月底前", "", "2024年12月"]


@pytest.mark.parametrize(("fmt", "rows"), [("docx", [2, 3, 4, 5]), ("xlsx", [4, 5, 6, 7])])
def test_tasks_carry_their_table_and_row(fmt, rows, tmp_path):
    result = build(WRITERS[fmt](MERGED_LEADERS, tmp_path / f"merged.{fmt}"), base=BASE)
    graph = result.graph
    tasks = sorted(graph.subjects(DG.number, None), key=lambda t: graph.value(t, DG.number))
    assert [graph.value(t, DG.sourceTable).toPython() for t in tasks] == [1] * 4
    assert [graph.value(t, DG.sourceRow).toPython() for t in tasks] == rows
    assert [graph.value(t, DG.sourceLine).toPython() for t in tasks] == rows
    assert result.report.format == fmt


SECTION_COLUMN = """\
2024年某区政府工作报告重点工作责任清单

类别\t序号\t重点工作\t牵头单位\t配合单位
一、扩大有效投资\t1\t推进重大项目。\t区发改局\t区财政局
^\t2\t盘活存量资产。\t区国资办\t
二、保障改善民生\t1\t办好民生实事。\t区民政局\t
"""


def test_a_section_written_once_in_a_merged_column_starts_a_section(tmp_path):
    document = read_table(write_xlsx(SECTION_COLUMN, tmp_path / "sections.xlsx"))
    assert [(s.numeral, s.heading, [t.number for t in s.tasks]) for s in document.sections] == [
        ("一", "一、扩大有效投资", [1, 2]), ("二", "二、保障改善民生", [1]),
    ]


TWO_ROW_HEADER = """\
2024年某区政府工作报告重点工作责任清单

序号\t重点工作\t责任单位\t责任单位\t完成时限
^\t^\t牵头单位\t配合单位\t^
1\t扩大有效投资。\t区发改局\t区财政局\t全年
"""


def test_a_header_printed_over_two_rows_reads_its_lower_row(tmp_path):
    """Excel headers often merge 责任单位 over 牵头单位 / 配合单位: the lower row decides."""
    sheet = tmp_path / "two-rows.xlsx"
    document = read_table(write_xlsx(TWO_ROW_HEADER, sheet))
    (task,) = document.tasks
    assert [(u.name, u.role) for u in task.units] == [("区发改局", "lead"), ("区财政局", "co")]
    assert task.deadline == "全年"


def test_two_cells_under_one_units_header_are_both_read(tmp_path):
    source = tmp_path / "twice.txt"
    source.write_text("一、王一副区长牵头重点工作\n序号\t重点工作\t责任单位\t责任单位\n"
                      "1\t一项任务。\t*区发改局\t区财政局\n", encoding="utf-8")
    assert [u.name for u in read_table(source).tasks[0].units] == ["区发改局", "区财政局"]


@pytest.mark.parametrize(("spec", "text"), [
    ("一、科技创新\n1. 加快建设\n实验室。\n牵头责任单位：区科技局\n", "加快建设实验室。"),
    ("一、科技创新\n1. 加快建设实验室。\n[牵头单位：区科技局；责任单位：区财政局]\n",
     "加快建设实验室。"),
])
def test_a_task_wrapped_onto_the_next_line_is_one_task(spec, text, tmp_path):
    source = tmp_path / "wrapped.txt"
    source.write_text(spec, encoding="utf-8")
    (task,) = read_table(source).tasks
    assert (task.text, task.units[0].name, task.units[0].role) == (text, "区科技局", "lead")


# --- Bad office files name the table and row -------------------------------------------------

BAD_TABLES = {
    "missing-units": ("一、王一副区长牵头重点工作\n\n序号\t重点工作\t责任单位\t备注\n"
                      "1\t有单位。\t区发改局\t\n2\t没有单位。\t\t\n",
                      "task 2 has an empty 责任单位 cell"),
    "lone-number": ("一、王一副区长牵头重点工作\n\n序号\t重点工作\t责任单位\t备注\n"
                    "1\t有单位。\t区发改局\t\n2\t\t\t\n",
                    "task 2 has an empty 重点工作 cell"),
}


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("name", sorted(BAD_TABLES))
def test_bad_row_of_an_office_file_is_named_by_table_and_row(fmt, name, tmp_path):
    spec, message = BAD_TABLES[name]
    source = WRITERS[fmt](spec, tmp_path / f"bad.{fmt}")
    outdir = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(outdir)])
    row = {"docx": 3, "xlsx": 5}[fmt]
    assert result.exit_code == 2
    assert result.stderr == f"Error: {source}:table 1, row {row}: {message}\n"
    assert not outdir.exists()


def test_bad_paragraph_of_a_docx_is_named_by_its_number(tmp_path):
    spec = ("一、扩大有效投资\n1. 推进重大项目建设。\n牵头负责领导：区政府办公室主任助理\n"
            "牵头责任单位：区发改局\n")
    source = write_docx(spec, tmp_path / "labelled.docx")
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {source}:paragraph 2: cannot tell the leader's "
                                    "name in '区政府办公室主任助理'")


@pytest.mark.parametrize(("name", "data", "message"), [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
     "a damaged Office 97–2003 (OLE2) file"),
    ("broken.docx", b"not a zip", "not a readable .docx file"),
    ("broken.xlsx", b"not a zip", "not a readable .xlsx file"),
])
def test_files_that_are_not_office_files_are_refused(name, data, message, tmp_path):
    source = tmp_path / name
    source.write_bytes(data)
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {source}: {message}")


# --- Detection, overrides and the report ------------------------------------------------------

@pytest.mark.parametrize(("case", "layout", "convention", "why"), [
    ("roles", "table", "star", "units marked * (first in task 3, line 6)"),
    ("units-merged-and-unlisted", "table", "star", "units marked * (first in task 1, line 4)"),
    ("layout-quirks", "table", "star", "the note at line 18: 注：标记*的为牵头单位"),
    ("first-listed", "table", "first", "the note at line 14: 注：列第一位的责任单位为牵头单位。"),
    ("lead-columns", "table", "column",
     "the header row at line 3 has the columns 牵头单位、配合单位"),
    ("labelled-paragraphs", "labelled", "column", "labels name the lead units"),
    ("bracketed-labels", "bracketed", "column", "labels name the lead units"),
    ("unit-pitfalls", "table", "column", "a role is written after a unit at line 8"),
])
def test_layout_and_lead_convention_are_detected_and_reported(case, layout, convention, why):
    report = build(CASES / case / "input.txt", units=_units(case), validate=False).report
    assert (report.layout, report.lead_convention) == (layout, convention)
    assert report.detected["lead convention"].startswith(why)
    assert f"layout `{layout}`" in report.to_markdown()


def test_lead_convention_given_on_the_command_line_wins(tmp_path):
    source = CASES / "roles" / "input.txt"
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path),
                                      "--lead-convention", "first"])
    assert result.exit_code == 0, result.output
    assert "Lead convention first: given with --lead-convention." in result.stderr
    report = (tmp_path / "build-report.md").read_text(encoding="utf-8")
    assert "lead convention `first` (given with --lead-convention)" in report
    graph = Graph().parse(tmp_path / "graph.ttl")
    assert set(graph.objects(None, DG.leadRule)) == {DG.soleUnit, DG.firstListed, DG.starMarked}


def test_layout_given_on_the_command_line_wins(tmp_path):
    source = tmp_path / "plain.txt"
    source.write_text("一、王一副区长牵头重点工作\n1. 一项任务。\n责任单位：区发改局\n",
                      encoding="utf-8")
    assert build(source, validate=False).report.layout == "labelled"
    with pytest.raises(InputError, match=r"no task found, reading the layout table \(given "
                       r"with --layout\)"):
        build(source, layout="table", validate=False)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser
def test_line_breaks_inside_an_excel_cell_are_read_and_every_format_parses(tmp_path):
    """A cell with U+2028 (a line separator Excel and Word keep) is read with LF in its place;
    the graph's N-Triples keep one line per triple, and every format parses back."""
    import openpyxl
    from rdflib import Graph

    from dutygraph.build import build, write_build

    spec = "一、王一副区长牵头重点工作\n序号\t重点工作\t责任单位\t备注\n1\tTEXT\tUNITS\t\n"
    path = write_xlsx(spec, tmp_path / "breaks.xlsx")
    book = openpyxl.load_workbook(path)
    cells = {cell.value: cell for row in book.active.iter_rows() for cell in row}
    cells["TEXT"].value = "推进城市\u2028更新。"  # the spec's lines would split at U+2028
    cells["UNITS"].value = "*区发改局\u2029区财政局"
    book.save(path)
    result = build(path)
    [task] = read_table(path).tasks
    assert task.text == "推进城市更新。"  # as any line break within a text cell is read
    assert [unit.name for unit in task.units] == ["区发改局", "区财政局"]
    write_build(result, tmp_path / "out")
    for name, fmt in (("graph.ttl", "turtle"), ("graph.nt", "nt"), ("graph.rdf", "xml"),
                      ("graph.jsonld", "json-ld")):
        assert len(Graph().parse(tmp_path / "out" / name, format=fmt)) == len(result.graph)
