"""The seed table (Ouhai 2024): counts and rows checked by hand against the published text."""

from __future__ import annotations

import hashlib
from collections import Counter

from rdflib import Literal

from dutygraph.ask.query import run_query_file
from dutygraph.rdf.namespaces import DG, PROV, SKOS

from .conftest import QUERIES, SEED

# Tasks per leader, counted on the printed table (section 九 has no row 4: 11 rows, not 12).
TASKS_PER_LEADER = {
    "林仕德": 17, "林照光": 27, "吴雪梅": 24, "杜潘祚": 13, "寿宇飞": 15, "张杰尔": 1,
    "张昶": 8, "金剑欣": 11, "胡宋孝": 4, "林国锋": 3, None: 4,  # 区委部门: no leader (unbound)
}


def _rows(store, name):
    return run_query_file(store, QUERIES / name).records()


def _units(store, line):
    return [(r["unit_as_written"], r["role"]) for r in _rows(store, "assignments.rq")
            if r["line"] == line]


def test_seed_has_127_tasks_per_leader_as_printed(seed_store):
    tasks = _rows(seed_store, "tasks.rq")
    assert len(tasks) == 127
    assert Counter(row["leader"] for row in tasks) == TASKS_PER_LEADER


def test_seed_assignments_lead_and_co_counts(seed_store):
    # 371 unit mentions; 99 carry *, and 42 tasks name one unmarked unit, which leads.
    roles = Counter(row["role"] for row in _rows(seed_store, "assignments.rq"))
    assert roles == {"lead": 141, "co": 230}


def test_overall_responsibility_of_the_district_head(seed_build):
    graph = seed_build.graph
    (leader,) = graph.subjects(SKOS.prefLabel, Literal("刘云峰", lang="zh"))
    (document,) = graph.objects(leader, DG.overallResponsibilityFor)
    assert graph.value(document, DG.district) == Literal("瓯海区", lang="zh")
    assert list(graph.objects(leader, DG.inChargeOf)) == []
    (section,) = graph.subjects(DG.leader, leader)
    assert graph.value(section, DG.statement) == Literal("总负责。", lang="zh")
    assert graph.value(section, DG.sourceLine).toPython() == 7


def test_numbering_gap_is_kept_and_numeral_eleven_names_two_sections(seed_store):
    tasks = _rows(seed_store, "tasks.rq")
    assert [r["number"] for r in tasks if r["leader"] == "金剑欣"] == [1, 2, 3, *range(5, 13)]
    eleven = {r["section"]: r["leader"] for r in tasks if r["section"].startswith("十一、")}
    assert eleven == {"十一、林国锋主任牵头重点工作": "林国锋", "十一、区委部门重点工作": None}


def test_task_with_eight_units_and_one_star(seed_store):
    assert _units(seed_store, 13) == [
        ("区发改局", "lead"), ("区经信局", "co"), ("区住建局", "co"), ("区商务局", "co"),
        ("区农业农村局", "co"), ("区交通运输局", "co"), ("区金融工作服务中心", "co"),
        ("瓯海邮政管理局", "co"),
    ]


def test_units_split_on_full_width_comma(seed_store):
    units = _units(seed_store, 31)  # "…区税务局，各镇街（开发区）"
    assert len(units) == 11
    assert units[0] == ("区统计局", "lead")
    assert units[-2:] == [("区税务局", "co"), ("各镇街（开发区）", "co")]


def test_stray_spaces_and_full_stops_are_not_part_of_names(seed_store):
    assert _units(seed_store, 212) == [
        ("区委政法委", "lead"), ("区公安分局", "co"), ("区市场监管局", "co"),
        ("区应急管理局", "co"), ("区生态环境分局", "co"),
    ]
    assert _units(seed_store, 83)[-1] == ("泽雅镇", "co")  # "…、泽雅镇。"


def test_sole_unmarked_unit_leads(seed_store):
    assert _units(seed_store, 27) == [("区发改局", "lead")]
    assert _units(seed_store, 155) == [("区公安分局", "lead")]


def test_every_task_traces_to_its_document_and_line(seed_build):
    graph = seed_build.graph
    (document,) = graph.subjects(DG.sha256, None)
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert str(graph.value(document, DG.sha256)) == digest
    source_lines = SEED.read_text(encoding="utf-8").splitlines()
    tasks = list(graph.subjects(DG.number, None))
    assert len(tasks) == 127
    for task in tasks:
        assert graph.value(task, PROV.wasDerivedFrom) == document
        line = graph.value(task, DG.sourceLine).toPython()
        number, text = source_lines[line - 1].split("\t")[:2]
        assert int(number) == graph.value(task, DG.number).toPython()
        assert text == str(graph.value(task, DG.text))
