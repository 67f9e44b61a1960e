"""Collaboration data: counts equal those of the query contract, filters, metrics, errors."""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import combinations

import pytest
from click.testing import CliRunner

from dutygraph.ask.query import run_query, run_query_file
from dutygraph.cli.main import cli
from dutygraph.picture.network import (
    ViewError,
    centrality,
    collaboration,
    find_unit,
    select,
    select_leaders,
    task_view,
)

from .conftest import QUERIES

PREFIXES = """PREFIX dg: <https://w3id.org/dutygraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# The pairs of units sharing at least one task, each pair once: asked independently of the
# module's own queries (STR comparison, since `<` on IRIs gives no rows).
PAIR_COUNT = PREFIXES + """
SELECT (COUNT(*) AS ?pairs) WHERE {
  SELECT DISTINCT ?u1 ?u2 WHERE {
    ?t a dg:Task ; prov:qualifiedAttribution/prov:agent ?u1, ?u2 .
    FILTER (STR(?u1) < STR(?u2))
  }
}"""
UNIT_COUNT = PREFIXES + """
SELECT (COUNT(DISTINCT ?u) AS ?units)
WHERE { ?t a dg:Task ; prov:qualifiedAttribution/prov:agent ?u }
"""
LEADER_UNIT_COUNT = PREFIXES + """
SELECT (COUNT(*) AS ?ties) WHERE {
  SELECT DISTINCT ?l ?u WHERE { ?l dg:inChargeOf/prov:qualifiedAttribution/prov:agent ?u }
}"""


@pytest.fixture(scope="module")
def collab(seed_store):
    return collaboration(seed_store)


@pytest.fixture(scope="module")
def assignments(seed_store):
    """(line, unit name, role) of every assignment, from the contract query assignments.rq."""
    return run_query_file(seed_store, QUERIES / "assignments.rq").records()


def _names(collab, tie):
    return tuple(sorted((collab.units[tie.source].name, collab.units[tie.target].name)))


def test_seed_counts_equal_sparql(seed_store, collab):
    assert len(collab.units) == run_query(seed_store, UNIT_COUNT).rows[0][0] == 90
    assert len(collab.ties) == run_query(seed_store, PAIR_COUNT).rows[0][0] == 553
    assert len(collab.leader_ties) == run_query(seed_store, LEADER_UNIT_COUNT).rows[0][0]


def test_weights_equal_tasks_shared_in_the_assignments_table(collab, assignments):
    units_by_task = {}
    for row in assignments:
        units_by_task.setdefault(row["line"], set()).add(row["unit"])
    shared = Counter(pair for units in units_by_task.values()
                     for pair in combinations(sorted(units), 2))
    assert {_names(collab, tie): tie.weight for tie in collab.ties} == dict(shared)


def test_unit_counts_equal_the_assignments_table(collab, assignments):
    tasks = Counter(row["unit"] for row in assignments)
    leads = Counter(row["unit"] for row in assignments if row["role"] == "lead")
    assert {u.name: u.tasks for u in collab.units.values()} == dict(tasks)
    assert {u.name: u.lead_tasks for u in collab.units.values() if u.lead_tasks} == dict(leads)


def test_a_known_unit_its_type_and_partners(collab):
    fgj = next(u for u in collab.units.values() if u.name == "区发改局")
    assert (fgj.type, fgj.tasks, fgj.lead_tasks, fgj.co_tasks) == ("bureau", 18, 11, 7)
    partners = collab.partners(fgj.iri)
    assert len(partners) == 43
    assert partners == sorted(partners, key=lambda p: -p[1])
    assert collab.weighted_degree(fgj.iri) == sum(n for _, n in partners)


def test_main_leader_is_the_one_with_most_tasks(collab):
    for iri in collab.units:
        rows = collab.unit_leaders(iri)
        if rows:
            assert collab.main_leader(iri) == rows[0][0]
            assert rows[0][1] == max(n for _, n in rows)


def test_one_leaders_tasks_only(seed_store, collab):
    one = collaboration(seed_store, leader="林仕德")
    assert [s.name for s in one.leaders.values()] == ["林仕德"]
    assert next(iter(one.leaders.values())).tasks == 17
    assert set(one.units) < set(collab.units)
    whole = {(t.source, t.target): t.weight for t in collab.ties}
    assert all(t.weight <= whole[t.source, t.target] for t in one.ties)


def test_min_shared_keeps_strong_ties_and_drops_units_left_alone(collab):
    strong = select(collab, min_shared=2)
    assert len(strong.ties) == sum(1 for t in collab.ties if t.weight >= 2)
    assert set(strong.units) == {i for t in strong.ties for i in (t.source, t.target)}


def test_unit_types_and_top(collab):
    towns = select(collab, unit_types=["townOrSubdistrict"])
    assert {u.type for u in towns.units.values()} == {"townOrSubdistrict"}
    assert all(t.source in towns.units and t.target in towns.units for t in towns.ties)
    top = select(collab, top=10)
    assert len(top.units) == 10
    assert "区发改局" in {u.name for u in top.units.values()}


def test_leader_view_leaves_out_units_under_no_leader(collab):
    leaders = select_leaders(collab)
    assert len(leaders.leaders) == 10  # 刘云峰 is in overall charge and has no task of his own
    assert len(leaders.units) == 89
    assert {t.target for t in leaders.leader_ties} == set(leaders.units)


def test_task_view_of_a_unit(seed_store):
    view = task_view(seed_store, unit="区发改局")
    assert len(view.tasks) == 18
    assert all(view.focus in dict(task.units) for task in view.tasks)
    first = view.tasks[0]
    assert (first.numeral, first.number, first.text) == ("二", 1, "全区生产总值增长 6.5%左右。")
    assert dict(first.units)[view.focus] == "lead"


def test_task_view_of_a_leader(seed_store):
    view = task_view(seed_store, leader="林仕德")
    assert len(view.tasks) == 17
    assert {task.leader for task in view.tasks} == {view.focus}


def test_an_unknown_name_suggests_near_ones(seed_store):
    with pytest.raises(ViewError) as caught:
        find_unit(seed_store, "发改局")
    assert str(caught.value) == "no unit named '发改局' in the graph: did you mean 区发改局?"


def test_centrality_table(collab):
    table = centrality(collab)
    assert table.columns == ("unit", "type", "tasks", "lead_tasks", "degree",
                             "weighted_degree", "betweenness")
    rows = {row[0]: row for row in table.rows}
    assert len(rows) == 90
    assert rows["区发改局"][4:6] == (43, sum(n for _, n in collab.partners(
        next(i for i, u in collab.units.items() if u.name == "区发改局"))))
    assert all(0 <= row[6] <= 1 for row in table.rows)
    assert table.rows[0][0] == "区发改局"  # the district's bridge: most betweenness


def test_centrality_command_csv(seed_turtle):
    result = CliRunner().invoke(cli, ["centrality", str(seed_turtle), "--format", "csv",
                                      "--top", "5"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 5
    assert rows[0].keys() >= {"unit", "degree", "weighted_degree", "betweenness"}


def test_centrality_top_counts_on_the_whole_network(seed_turtle, collab):
    """--top cuts the table, not the network: 区发改局 keeps its degree of 43 and first place."""
    whole = {row[0]: row for row in centrality(collab).rows}
    result = CliRunner().invoke(cli, ["centrality", str(seed_turtle), "--format", "csv",
                                      "--top", "10"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 10
    assert rows[0]["unit"] == "区发改局"
    assert rows[0]["degree"] == "43"
    for row in rows:
        assert (int(row["degree"]), float(row["betweenness"])) == \
            (whole[row["unit"]][4], whole[row["unit"]][6])
