"""No row is ever dropped in silence: mutated tables are read whole or refused at a named row.

Hypothesis mutates a valid table (cells emptied, dropped, added, numbers broken or repeated,
units cells scribbled on with separators, marks, brackets and role words, rows merged into
text) and checks that the reader either returns a task for every row that holds anything, or
raises an InputError that names the file and a row that exists; some tables start with a
table of expected indicators. Example counts stay small: the suite runs on two cores.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dutygraph.errors import InputError
from dutygraph.read.reader import read_table

from .office_files import write_xlsx

HEADER = "序号\t重点工作\t责任单位\t备注"
COLUMN_HEADER = "序号\t重点工作\t牵头单位\t配合单位\t完成时限"
SECTIONS = ("一、王一副区长牵头重点工作", "二、李二副区长牵头重点工作")
UNITS = ("*区发改局、区财政局", "区民政局", "*区教育局、*区卫健局、区残联", "各县、市、区政府")
SCRIBBLES = ("、", "，", ",", ";", "*", "＊", "（", "）", "(", "等", "配合落实", "牵头", " ", "。",
             "\u3000", "各县、市、区政府", "区发 改局", "")
SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


INDICATOR_HEADER = "序号\t指标名称\t单位\t预期目标\t责任单位"
INDICATOR_ROWS = ("1\t地区生产总值增长\t%\t6左右\t*区发改局、区统计局",
                  "2\t一般公共预算收入\t亿元\t40以上\t区财政局",
                  "3\t居民收入增长\t%\t与经济增长基本同步\t各县、市、区政府")


def valid_rows(column_layout: bool, indicators: bool = False) -> list[str]:
    """Two sections of three task rows each; with INDICATORS, after a titled table of three
    expected indicators."""
    lines = ["2024年某区政府工作报告重点工作责任分解", ""]
    if indicators:
        lines += ["表1 主要预期指标", INDICATOR_HEADER, *INDICATOR_ROWS, ""]
    for numeral, heading in enumerate(SECTIONS):
        lines += [heading, "", COLUMN_HEADER if column_layout else HEADER]
        for number in range(1, 4):
            units = UNITS[(number + numeral) % len(UNITS)]
            if column_layout:
                lead, _, co = units.lstrip("*").partition("、")
                lines.append(f"{number}\t任务{numeral}-{number}。\t{lead}\t{co}\t全年")
            else:
                lines.append(f"{number}\t任务{numeral}-{number}。\t{units}\t")
        lines.append("")
    return lines


MUTATIONS = st.one_of(
    st.tuples(st.just("empty"), st.integers(0, 4)),
    st.tuples(st.just("drop"), st.integers(0, 4)),
    st.tuples(st.just("extra"), st.sampled_from(("", "多出来的", "\t"))),
    st.tuples(st.just("number"), st.sampled_from(("一", "1", "2", "３", "1.", "", "x1"))),
    st.tuples(st.just("scribble"), st.lists(st.sampled_from(SCRIBBLES), min_size=1, max_size=4)),
    st.tuples(st.just("untab"), st.just(None)),
    st.tuples(st.just("blank"), st.just(None)),
)


def mutate(lines: list[str], row: int, mutation: tuple) -> list[str]:
    """Apply one mutation to the ROW-th task row (counted over all task rows)."""
    rows = [i for i, line in enumerate(lines) if "\t" in line and not line.startswith("序号")]
    index = rows[row % len(rows)]
    cells = lines[index].split("\t")
    kind, arg = mutation
    if kind == "empty":
        cells[arg % len(cells)] = ""
    elif kind == "drop":
        del cells[arg % len(cells)]
    elif kind == "extra":
        cells.append(arg)
    elif kind == "number":
        cells[0] = arg
    elif kind == "scribble":
        cells[2] = "".join(arg) + cells[2] + "".join(reversed(arg))
    elif kind == "untab":
        lines[index] = " ".join(cells)
        return lines
    elif kind == "blank":
        lines.insert(index, "")
        return lines
    lines[index] = "\t".join(cells)
    return lines


def check_every_row_read_or_named(path, lines: list[str], place_of) -> None:
    """Every line holding a tab and content, other than a header, is a task; or the error
    names the file and one of the lines."""
    try:
        document = read_table(path)
    except InputError as error:
        event("refused")
        assert error.path == str(path)
        place = str(error).removeprefix(f"{path}:").split(": ", 1)[0]
        assert place in {place_of(i) for i, line in enumerate(lines) if line.strip()}, str(error)
        return
    read = {_task_place(task, place_of) for task in document.tasks}
    rows = {place_of(i) for i, line in enumerate(lines)
            if "\t" in line and line.replace("\t", "").strip() and not line.startswith("序号")}
    assert rows <= read, f"rows read neither as tasks nor refused: {sorted(rows - read)}"


def _task_place(task, place_of):
    return place_of(task.line - 1) if task.table is None else f"table {task.table}, row {task.line}"


def _text_place(index: int) -> str:
    return str(index + 1)


@SETTINGS
@given(column_layout=st.booleans(), indicators=st.booleans(),
       mutations=st.lists(st.tuples(st.integers(0, 8), MUTATIONS), min_size=1, max_size=3))
def test_mutated_text_table_is_read_whole_or_refused_at_a_row(tmp_path_factory, column_layout,
                                                              indicators, mutations):
    lines = valid_rows(column_layout, indicators)
    for row, mutation in mutations:
        lines = mutate(lines, row, mutation)
    path = tmp_path_factory.mktemp("fuzz") / "table.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    check_every_row_read_or_named(path, lines, _text_place)


@settings(SETTINGS, max_examples=30)
@given(mutations=st.lists(st.tuples(st.integers(0, 5), MUTATIONS.filter(
    lambda m: m[0] not in ("untab", "blank"))), min_size=1, max_size=2),
    indicators=st.booleans())
def test_mutated_excel_table_is_read_whole_or_refused_at_a_row(tmp_path_factory, mutations,
                                                               indicators):
    lines = valid_rows(column_layout=False, indicators=indicators)
    for row, mutation in mutations:
        lines = mutate(lines, row, mutation)
    path = write_xlsx("\n".join(lines), tmp_path_factory.mktemp("fuzz") / "table.xlsx")
    check_every_row_read_or_named(path, lines, lambda i: f"table 1, row {i + 1}")


def test_the_valid_paragraphs_read_whole(tmp_path):
    """The paragraph fuzz test's starting point reads all three tasks."""
    path = tmp_path / "paragraphs.txt"
    path.write_text("\n".join(["一、扩大有效投资"] + [line for head, labels in PARAGRAPH_TASKS
                                                   for line in (head, *labels)]),
                    encoding="utf-8")
    assert [task.number for task in read_table(path).tasks] == [1, 2, 3]


def test_the_valid_tables_read_whole(tmp_path):
    """The starting points themselves read every row (else the fuzz tests prove nothing)."""
    for column_layout in (False, True):
        for indicators in (False, True):
            lines = valid_rows(column_layout, indicators)
            path = tmp_path / f"valid-{column_layout}-{indicators}.txt"
            path.write_text("\n".join(lines), encoding="utf-8")
            expected = 9 if indicators else 6
            assert len(read_table(path).tasks) == expected
            assert len([line for line in lines if re.match(r"\d\t", line)]) == expected


PARAGRAPH_TASKS = (
    ("1. 推进重大项目建设。",
     ["牵头负责领导：王一", "牵头责任单位：区发改局", "协同责任单位：区财政局"]),
    ("2、优化营商环境。", ["牵头责任单位：区市场监管局、区政务服务局", "完成时限：6月底前"]),
    ("3．办好民生实事。[牵头单位：区民政局；责任单位：区残联]", []),
)
PARAGRAPH_MUTATIONS = st.one_of(
    st.tuples(st.just("drop-label"), st.integers(0, 2)),
    st.tuples(st.just("empty-label"), st.integers(0, 2)),
    st.tuples(st.just("number"), st.sampled_from(("一", "1", "2", "x"))),
    st.tuples(st.just("scribble"), st.lists(st.sampled_from(SCRIBBLES), min_size=1, max_size=3)),
    st.tuples(st.just("colon"), st.sampled_from((":", "：", " ： ", ""))),
)


def mutate_paragraphs(tasks: list[tuple[str, list[str]]], which: int, mutation: tuple):
    """Apply one mutation to the WHICH-th numbered task or its labelled lines."""
    head, labels = tasks[which % len(tasks)]
    labels = list(labels)
    kind, arg = mutation
    if kind == "drop-label" and labels:
        del labels[arg % len(labels)]
    elif kind == "empty-label" and labels:
        index = arg % len(labels)
        labels[index] = labels[index].split("：")[0] + "："
    elif kind == "number":
        head = arg + head[1:]
    elif kind == "scribble":
        head = head.replace("区", "".join(arg) + "区", 1)
        labels = [label.replace("区", "".join(arg) + "区", 1) for label in labels]
    elif kind == "colon":
        labels = [label.replace("：", arg, 1) for label in labels]
    tasks[which % len(tasks)] = (head, labels)
    return tasks


@SETTINGS
@given(mutations=st.lists(st.tuples(st.integers(0, 2), PARAGRAPH_MUTATIONS), max_size=3))
def test_mutated_paragraph_tasks_are_read_whole_or_refused_at_a_line(tmp_path_factory,
                                                                     mutations):
    tasks = [(head, list(labels)) for head, labels in PARAGRAPH_TASKS]
    for which, mutation in mutations:
        tasks = mutate_paragraphs(tasks, which, mutation)
    lines = ["2024年某区政府工作报告重点工作任务分解", "一、扩大有效投资"]
    for head, labels in tasks:
        lines += [head, *labels]
    path = tmp_path_factory.mktemp("fuzz") / "paragraphs.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    numbered = {str(i + 1) for i, line in enumerate(lines)
                if re.match(r"[0-9０-９]+\s*[.．、]", line)}
    try:
        document = read_table(path)
    except InputError as error:
        event("refused")
        place = str(error).removeprefix(f"{path}:").split(": ", 1)[0]
        assert place in {str(i + 1) for i in range(len(lines))}, str(error)
        return
    read = {str(task.line) for task in document.tasks}
    warned = {str(warning.line) for warning in document.warnings}
    assert numbered <= read | warned, \
        f"numbered paragraphs read neither as tasks nor refused nor warned of: {lines}"
