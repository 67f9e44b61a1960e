"""Each catalogue query's answer on the seed, checked against counts made without dutygraph."""

from __future__ import annotations

from collections import defaultdict

import pytest

from dutygraph.ask.query import run_query_file

from . import seed_facts
from .conftest import QUERIES, REPO

ROWS = seed_facts.seed_rows()


def _ask(store, name, **params):
    return run_query_file(store, QUERIES / name, params).records()


def test_seed_facts_read_all_rows():
    assert len(ROWS) == 127 and sum(len(r.units) for r in ROWS) == 371


def test_unit_load(seed_store):
    answer = {r["unit"]: (r["lead_tasks"], r["co_tasks"], r["leaders"])
              for r in _ask(seed_store, "unit_load.rq")}
    assert answer == seed_facts.unit_load(ROWS)
    # By hand: 区发改局 is starred or alone on 11 rows, unstarred beside others on 7, under 5
    # leaders (林仕德, 林照光, 吴雪梅, 寿宇飞, 张昶).
    assert answer["区发改局"] == (11, 7, 5)


def test_unit_load_is_ordered_by_lead_tasks(seed_store):
    leads = [r["lead_tasks"] for r in _ask(seed_store, "unit_load.rq")]
    assert leads == sorted(leads, reverse=True)


def test_unit_pairs_each_pair_once(seed_store):
    answer = _ask(seed_store, "unit_pairs.rq")
    pairs = {frozenset((r["unit_a"], r["unit_b"])): r["shared_tasks"] for r in answer}
    assert len(pairs) == len(answer)  # no pair twice, in either order
    assert pairs == seed_facts.unit_pairs(ROWS)
    top = answer[0]
    assert (top["unit_a"], top["unit_b"], top["shared_tasks"]) == (
        "市高教新区建设中心", "西部生态新城建设中心", 8)


def test_multi_leader_units(seed_store):
    answer = _ask(seed_store, "multi_leader_units.rq")
    expected = {(leader, unit): tasks for (leader, unit), (tasks, _) in
                seed_facts.leader_units(ROWS).items()}
    per_unit = defaultdict(set)
    for leader, unit in expected:
        per_unit[unit].add(leader)
    several = {u for u, leaders in per_unit.items() if len(leaders) >= 2}
    assert {r["unit"] for r in answer} == several
    for r in answer:
        assert r["leaders"] == len(per_unit[r["unit"]])
        assert r["tasks"] == expected[r["leader"], r["unit"]]
    assert len(answer) == sum(len(per_unit[u]) for u in several)


def test_multi_lead_tasks(seed_store):
    expected = {r.line: sum(role == "lead" for _, role in r.units) for r in ROWS}
    answer = {r["line"]: r["lead_units"] for r in _ask(seed_store, "multi_lead_tasks.rq")}
    assert answer == {line: n for line, n in expected.items() if n > 1}
    assert answer[25] == 3  # *区委改革办、*区司法局、*区市场监管局


def test_task_breadth(seed_store):
    answer = _ask(seed_store, "task_breadth.rq")
    assert len(answer) == 127
    by_line = {r.line: r for r in ROWS}
    for row in answer:
        units = by_line[row["line"]].units
        assert row["units"] == len({u for u, _ in units})
        assert row["lead_units"] == len({u for u, role in units if role == "lead"})
    assert (answer[0]["line"], answer[0]["units"]) == (104, 16)  # 综合施策根治欠薪


def test_support_only_units(seed_store):
    load = seed_facts.unit_load(ROWS)
    expected = {u: co for u, (lead, co, _) in load.items() if lead == 0}
    answer = {r["unit"]: r["co_tasks"] for r in _ask(seed_store, "support_only_units.rq")}
    assert answer == expected


def test_leader_units(seed_store):
    answer = {(r["leader"], r["unit"]): (r["tasks"], r["lead_tasks"])
              for r in _ask(seed_store, "leader_units.rq")}
    assert answer == seed_facts.leader_units(ROWS)


@pytest.mark.parametrize(("text", "lines"), [
    ("数安港", [50, 132]),
    ("三年行动", [28, 66, 113]),
    ("不存在的词", []),
])
def test_search_tasks(seed_store, text, lines):
    assert [r["line"] for r in _ask(seed_store, "search_tasks.rq", text=text)] == lines
    assert lines == [r.line for r in ROWS if text in r.text]


@pytest.mark.parametrize("hostile", ['x" } ; DROP ALL ; #', "}} UNION { ?t ?p ?o }", "\\", "'"])
def test_parameter_is_plain_text(seed_store, hostile):
    assert _ask(seed_store, "search_tasks.rq", text=hostile) == []
    assert len(_ask(seed_store, "tasks.rq")) == 127  # the graph is untouched


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*-violation.rq")), ids=lambda p: p.name)
def test_violation_query_finds_nothing_in_the_seed(seed_store, query):
    assert run_query_file(seed_store, query).rows == ()


def test_violation_queries_catch_a_broken_graph(tmp_path):
    from dutygraph.ask.graphs import open_graph

    graph = tmp_path / "broken.ttl"
    graph.write_text(
        "@prefix dg: <https://w3id.org/dutygraph/ontology#> .\n"
        "<urn:t> a dg:Task ; dg:sourceLine 9 ; dg:number 1 ; dg:text \"无单位\"@zh .\n"
        "<urn:u> a dg:Unit .\n", encoding="utf-8")
    store = open_graph(graph)
    found = {q.name: len(run_query_file(store, q).rows)
             for q in sorted(QUERIES.glob("*-violation.rq"))}
    assert found == {"task-without-lead-violation.rq": 1, "task-without-units-violation.rq": 1,
                     "unit-without-zh-label-violation.rq": 1}


@pytest.mark.parametrize("name", ["区人社局", "区人力社保局"])  # canonical, or as written
def test_unit_portfolio(seed_store, name):
    answer = _ask(seed_store, "unit_portfolio.rq", unit=name)
    expected = {(r.line, role) for r in ROWS for unit, role in r.units if unit == "区人社局"}
    assert {(row["line"], row["role"]) for row in answer} == expected
    assert {row["line"] for row in answer} == {77, 99, 101, 104, 210}
    for row in answer:  # each target is a clause of its task, as printed
        assert row["target"] is None or row["target"] in row["task"]
    # 确保大学生留瓯人数 1.1 万人以上: one target, kept as printed.
    line_77 = [row["target"] for row in answer if row["line"] == 77]
    assert line_77 == ["确保大学生留瓯人数 1.1 万人以上"]
    assert [row["target"] for row in answer if row["line"] == 104] == [None]


def test_unit_portfolio_of_an_unknown_unit_is_empty(seed_store):
    assert _ask(seed_store, "unit_portfolio.rq", unit='区" } ; DROP ALL ; #') == []


def test_violation_queries_accept_indicator_rows_printed_without_units(tmp_path):
    """tests/cases/indicators-without-units: 3 indicator rows without units, 2 tasks with."""
    from dutygraph.ask.graphs import open_graph
    from dutygraph.build import build, write_build

    case = REPO / "tests" / "cases" / "indicators-without-units"
    write_build(build(case / "input.txt"), tmp_path)
    store = open_graph(tmp_path / "graph.ttl")
    assert len(_ask(store, "tasks.rq")) == 5
    for query in sorted(QUERIES.glob("*-violation.rq")):
        assert run_query_file(store, query).rows == (), query.name


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_no_catalogue_column_says_none_with_an_empty_string(seed_store, query):
    """Where there is nothing (no number, no leader, no qualifier), the cell is unbound (None in
    Python, null in JSON, NaN in a DataFrame), not "": "" is text, which dropna keeps and a sum
    joins."""
    from dutygraph.ask.query import read_query, required_parameters

    params = {name: {"text": "增长", "unit": "区人社局"}[name]
              for name in required_parameters(read_query(query))}
    result = run_query_file(seed_store, query, params)
    empty = {column for row in result.records() for column, value in row.items()
             if value == ""}
    assert not empty, f"{query.name}: '' in {sorted(empty)}"


@pytest.fixture(scope="module")
def store_without_district_or_year(tmp_path_factory):
    """A table with no sidecar: its graph says no district and no year."""
    from dutygraph.ask.graphs import open_graph
    from dutygraph.build import build, write_build

    folder = tmp_path_factory.mktemp("no-district")
    write_build(build(REPO / "tests" / "cases" / "roles" / "input.txt"), folder)
    return open_graph(folder / "graph.ttl")


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_no_district_or_year_is_unbound_not_empty(store_without_district_or_year, query):
    """The document's columns too: a graph that names no district or year leaves them
    unbound, as every other column says none."""
    from dutygraph.ask.query import read_query, required_parameters

    params = {name: {"text": "区", "unit": "区发改局"}[name]
              for name in required_parameters(read_query(query))}
    result = run_query_file(store_without_district_or_year, query, params)
    empty = {column for row in result.records() for column, value in row.items()
             if value == "" and column in ("district", "year", "unit")}
    assert not empty, f"{query.name}: '' in {sorted(empty)}"


def test_target_values_are_numbers_and_missing_where_there_is_none(seed_store):
    from decimal import Decimal

    rows = _ask(seed_store, "targets.rq")
    assert rows[0]["value"] == Decimal("6.5") and isinstance(rows[0]["value"], Decimal)
    quantitative = [r for r in rows if r["value"] is not None]
    assert len(quantitative) == 103  # the gold file's count (tests/gold/)
    assert all(isinstance(r["value"], Decimal) for r in quantitative)
    qualitative = [r for r in rows if r["value"] is None]
    assert len(qualitative) == 12
    assert all(r["unit"] is None and r["comparator"] is None for r in qualitative)


def test_the_leaderless_section_has_no_leader_not_an_empty_one(seed_store):
    rows = [r for r in _ask(seed_store, "tasks.rq") if r["line"] >= 208]
    assert rows and all(r["leader"] is None for r in rows)


def test_target_values_are_numbers_in_json_csv_and_a_dataframe(seed_turtle):
    import csv
    import io
    import json

    from click.testing import CliRunner

    from dutygraph.ask.graphs import open_graph
    from dutygraph.ask.query import label_iris
    from dutygraph.cli.main import cli
    from dutygraph.picture.notebook import result_frame

    def answer(fmt):
        result = CliRunner().invoke(cli, ["query", str(QUERIES / "targets.rq"), "--graph",
                                          str(seed_turtle), "--format", fmt])
        assert result.exit_code == 0, result.output
        return result.stdout

    records = json.loads(answer("json"))
    assert records[0]["value"] == 6.5 and records[0]["qualifier"] is None
    assert {type(r["value"]) for r in records} <= {int, float, type(None)}
    assert sum(r["value"] is None for r in records) == 12
    rows = list(csv.DictReader(io.StringIO(answer("csv"))))
    assert rows[0]["value"] == "6.5" and rows[0]["qualifier"] == ""
    store = open_graph(seed_turtle)
    frame = result_frame(label_iris(store, run_query_file(store, QUERIES / "targets.rq")))
    assert frame["value"].dtype == float
    assert len(frame.dropna(subset=["value"])) == 103
    assert frame["value"].sum() > 1e10  # a number, not the values' texts joined
