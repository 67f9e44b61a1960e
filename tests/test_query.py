"""The query contract (file names and columns) and the query command's formats and errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from dutygraph.ask.query import run_query_file
from dutygraph.build import build
from dutygraph.cli.main import cli

from .conftest import QUERIES

CONTRACT = {
    "tasks.rq": ("line", "section", "leader", "number", "task", "document", "district", "year",
                 "task_leaders"),
    "assignments.rq": ("line", "unit", "unit_as_written", "role", "document", "district", "year"),
}


@pytest.mark.parametrize(("name", "columns"), CONTRACT.items())
def test_contract_columns_are_exactly_as_named(seed_store, name, columns):
    assert run_query_file(seed_store, QUERIES / name).columns == columns


def test_every_query_file_opens_with_its_comment_block():
    for query in QUERIES.glob("*.rq"):
        head = query.read_text(encoding="utf-8").splitlines()[:4]
        assert head[0].startswith("# title: "), query.name
        assert any(line.startswith("# question (zh): ") for line in head), query.name


def _query(seed_turtle, fmt):
    result = CliRunner().invoke(cli, ["query", str(QUERIES / "tasks.rq"), "--graph",
                                      str(seed_turtle), "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_keeps_chinese_and_numbers(seed_turtle):
    rows = json.loads(_query(seed_turtle, "json"))
    assert rows[0] == {"line": 13, "section": "二、林仕德常委、常务副区长牵头重点工作",
                       "leader": "林仕德", "number": 1, "task": "全区生产总值增长 6.5%左右。",
                       "document": "ouhai-2024", "district": "瓯海区", "year": "2024",
                       "task_leaders": "林仕德"}


def test_csv_has_header_and_all_rows(seed_turtle):
    rows = list(csv.reader(io.StringIO(_query(seed_turtle, "csv"))))
    assert rows[0] == list(CONTRACT["tasks.rq"])
    assert len(rows) == 128
    assert rows[-1][:4] == ["213", "十一、区委部门重点工作", "", "4"]


def test_table_lines_up_chinese(seed_turtle):
    lines = _query(seed_turtle, "table").splitlines()
    assert lines[0].split() == list(CONTRACT["tasks.rq"])
    assert "林仕德" in lines[2]


def test_bad_sparql_names_the_file(seed_turtle, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", str(bad), "--graph", str(seed_turtle)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}: SPARQL syntax error")


def test_bad_turtle_names_the_file(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_text("<a> <b> .\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["query", str(QUERIES / "tasks.rq"), "--graph", str(graph)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {graph}")
    assert "graph.ttl:1: not valid Turtle: Parser error at line 1" in result.stderr


def test_task_leaders_names_every_leader_in_charge_of_the_task(tmp_path):
    """tasks.rq's leader is the section's; task_leaders adds those the row names (a 牵头领导
    column or label), and every leader a heading names."""
    source, graph = tmp_path / "input.txt", tmp_path / "graph.ttl"
    source.write_text("一、扩大有效投资（牵头领导：张三、李四）\n序号\t重点工作\t牵头领导\t牵头单位\n"
                      "1\t推进甲。\t王五副区长\t区发改局\n二、王一副区长牵头重点工作\n"
                      "序号\t重点工作\t牵头领导\t牵头单位\n1\t推进乙。\t\t区财政局\n"
                      "2\t推进丙。\t赵六\t区财政局\n", encoding="utf-8")
    graph.write_bytes(build(source).graph.serialize(format="turtle", encoding="utf-8"))
    result = CliRunner().invoke(cli, ["query", str(QUERIES / "tasks.rq"), "--graph", str(graph),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [(row["leader"], row["task"], row["task_leaders"]) for row in json.loads(result.stdout)]
    assert rows == [(None, "推进甲。", "张三、李四、王五"), ("王一", "推进乙。", "王一"),
                    ("王一", "推进丙。", "王一、赵六")]
