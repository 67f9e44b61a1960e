"""Who works with whom: collaboration data asked of the graph with SPARQL (graph → network).

Everything counted here is counted by SPARQL on the Oxigraph store, so a picture's nodes and
edges are the graph's own numbers. Filters that need no query (unit types, top N, a minimum
weight) are applied afterwards, in Python, by `select` and `select_leaders`.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from dutygraph.ask.query import QueryResult, run_query
from dutygraph.errors import DutygraphError, import_extra
from dutygraph.rdf.queries import internal_query

# Each query has a {scope} slot: empty, or a pattern on ?task that narrows the tasks counted
# (one leader's, one unit's); see rdf/internal-queries/network-*.rq.
UNITS_QUERY = internal_query("network-units")
PAIRS_QUERY = internal_query("network-pairs")
LEADERS_QUERY = internal_query("network-leaders")
LEADER_UNITS_QUERY = internal_query("network-leader-units")
LEADER_PAIRS_QUERY = internal_query("network-leader-pairs")
TASKS_QUERY = internal_query("network-tasks")
NAMES_QUERY = internal_query("network-names")

LEADER_SECTIONS_QUERY = internal_query("network-leader-sections")

NO_LEADER = ""  # the key of tasks whose section has no leader (区委部门)


class ViewError(DutygraphError):
    """A view or filter names something the graph does not have (bad input, exit 2)."""


@dataclass(frozen=True)
class UnitStats:
    """A unit and how many of the counted tasks it is on, and leads."""

    iri: str
    name: str
    type: str  # local name of its org:classification (dg:bureau → "bureau"), "" if none
    tasks: int
    lead_tasks: int

    @property
    def co_tasks(self) -> int:
        """Tasks it is co-responsible for (配合)."""
        return self.tasks - self.lead_tasks

    @property
    def lead_share(self) -> float:
        """The share of its tasks that it leads, 0 to 1."""
        return self.lead_tasks / self.tasks if self.tasks else 0.0


@dataclass(frozen=True)
class LeaderStats:
    """A leader and the number of counted tasks in their charge."""

    iri: str
    name: str
    tasks: int


@dataclass(frozen=True)
class Tie:
    """A weighted edge: two units sharing tasks, or a leader and a unit on their tasks."""

    source: str
    target: str
    weight: int


@dataclass
class Collaboration:
    """Units, leaders and their weighted ties, as counted on (a part of) the graph."""

    units: dict[str, UnitStats]
    ties: list[Tie]  # unit–unit, weight = tasks shared
    leaders: dict[str, LeaderStats]
    leader_ties: list[Tie]  # leader → unit, weight = the leader's tasks the unit is on
    scope: str = ""  # what the counts cover, in Chinese (e.g. 林仕德分管的工作)
    filters: dict = field(default_factory=dict)  # select()'s: min_shared, unit_types, top
    _partners: dict = field(default_factory=dict, repr=False, compare=False)

    def partners(self, iri: str) -> list[tuple[str, int]]:
        """The units IRI shares tasks with, as (IRI, tasks shared), most shared first."""
        if not self._partners:
            table = defaultdict(list)
            for tie in self.ties:
                table[tie.source].append((tie.target, tie.weight))
                table[tie.target].append((tie.source, tie.weight))
            for rows in table.values():
                rows.sort(key=lambda row: (-row[1], self.units[row[0]].name))
            self._partners.update(table)
        return self._partners.get(iri, [])

    def weighted_degree(self, iri: str) -> int:
        """The sum of the weights of a unit's ties."""
        return sum(weight for _, weight in self.partners(iri))

    def unit_leaders(self, iri: str) -> list[tuple[str, int]]:
        """The leaders whose tasks a unit is on, as (IRI, tasks), most first."""
        rows = [(t.source, t.weight) for t in self.leader_ties if t.target == iri]
        return sorted(rows, key=lambda row: (-row[1], self.leaders[row[0]].name))

    def main_leader(self, iri: str) -> str:
        """The leader a unit is on most tasks under, or NO_LEADER; ties go to the busier one."""
        rows = self.unit_leaders(iri)
        return rows[0][0] if rows else NO_LEADER


def collaboration(store: ox.Store, *, leader: str | None = None) -> Collaboration:
    """Units, leaders and ties counted on the whole graph, or on the tasks of one leader."""
    scope = ""
    label = "全部重点工作"
    if leader is not None:
        iri = find_leader(store, leader)
        scope = f"<{iri}> dg:inChargeOf ?task ."
        label = f"{leader}分管的重点工作"
    units = {
        row["unit"]: UnitStats(row["unit"], row["name"], row["type"], row["tasks"],
                               row["lead_tasks"])
        for row in _ask(store, UNITS_QUERY, scope)
    }
    ties = [Tie(r["unit1"], r["unit2"], r["shared"]) for r in _ask(store, PAIRS_QUERY, scope)]
    leaders = {
        row["leader"]: LeaderStats(row["leader"], row["name"], row["tasks"])
        for row in _ask(store, LEADERS_QUERY, scope)
    }
    leader_ties = [Tie(r["leader"], r["unit"], r["tasks"])
                   for r in _ask(store, LEADER_UNITS_QUERY, scope)]
    return Collaboration(units, ties, leaders, leader_ties, label)


def select(
    collab: Collaboration,
    *,
    min_shared: int = 1,
    unit_types: tuple[str, ...] | list[str] = (),
    top: int | None = None,
) -> Collaboration:
    """Keep units of the given types, then the top N by weighted degree, then ties ≥ min_shared.

    With min_shared above 1, units left with no tie are left out too (they would only float).
    """
    keep = _of_types(collab, unit_types)
    ties = [t for t in collab.ties if t.source in keep and t.target in keep]
    if top is not None:
        keep = set(_most_collaborating(replace(collab, ties=ties, _partners={}), keep)[:top])
        ties = [t for t in ties if t.source in keep and t.target in keep]
    ties = [t for t in ties if t.weight >= min_shared]
    if min_shared > 1:
        keep = {i for t in ties for i in (t.source, t.target)}
    result = _restricted(collab, keep, ties)
    result.filters = {"min_shared": min_shared, "unit_types": tuple(unit_types), "top": top}
    return result


def _most_collaborating(collab: Collaboration, units) -> list[str]:
    """UNITS by weighted degree in COLLAB, then by tasks, then by name."""
    return sorted(units, key=lambda i: (-collab.weighted_degree(i), -collab.units[i].tasks,
                                        collab.units[i].name))


def select_leaders(
    collab: Collaboration,
    *,
    min_shared: int = 1,
    unit_types: tuple[str, ...] | list[str] = (),
    top: int | None = None,
) -> Collaboration:
    """For the leader view: units of the given types, the top N by tasks, leader ties ≥ min_shared.

    Units on no leader's tasks (the 区委部门 section has no leader) have no edge here and are
    left out.
    """
    keep = _of_types(collab, unit_types)
    leader_ties = [t for t in collab.leader_ties if t.target in keep and t.weight >= min_shared]
    keep = {t.target for t in leader_ties}
    if top is not None:
        ranked = sorted(keep, key=lambda i: (-collab.units[i].tasks, collab.units[i].name))
        keep = set(ranked[:top])
        leader_ties = [t for t in leader_ties if t.target in keep]
    ties = [t for t in collab.ties if t.source in keep and t.target in keep]
    result = _restricted(collab, keep, ties)
    result.leader_ties = leader_ties
    result.leaders = {i: s for i, s in collab.leaders.items()
                      if any(t.source == i for t in leader_ties)}
    result.filters = {"min_shared": min_shared, "unit_types": tuple(unit_types), "top": top}
    return result


def _of_types(collab: Collaboration, unit_types) -> set[str]:
    """The IRIs of the units whose type is one of UNIT_TYPES (all units if none given)."""
    if not unit_types:
        return set(collab.units)
    return {i for i, unit in collab.units.items() if unit.type in set(unit_types)}


def _restricted(collab: Collaboration, keep: set[str], ties: list[Tie]) -> Collaboration:
    """A copy of COLLAB with only the units in KEEP and the given ties."""
    units = {i: u for i, u in collab.units.items() if i in keep}
    leader_ties = [t for t in collab.leader_ties if t.target in keep]
    return replace(collab, units=units, ties=ties, leader_ties=leader_ties, _partners={})


@dataclass(frozen=True)
class TaskRow:
    """One task of a task view, with its units in the order written and their roles."""

    iri: str
    line: int
    heading: str
    numeral: str
    number: int
    text: str
    leader: str  # IRI, or NO_LEADER
    units: tuple[tuple[str, str], ...]  # (unit IRI, "lead" | "co")


@dataclass
class TaskView:
    """The tasks of one unit or one leader, their units (counted on the whole graph) and roles."""

    title: str
    focus: str  # the IRI of the unit or leader the view is about
    tasks: list[TaskRow]
    units: dict[str, UnitStats]
    leaders: dict[str, LeaderStats]
    note: str = ""  # why a view has no task, in Chinese ("" when it has tasks)
    note_en: str = ""  # the same, in English, for the command line


def task_view(store: ox.Store, *, unit: str | None = None, leader: str | None = None,
              within_leader: str | None = None) -> TaskView:
    """The tasks of UNIT, or of LEADER; WITHIN_LEADER narrows a unit's tasks to one leader's."""
    if (unit is None) == (leader is None):
        raise ValueError("give exactly one of unit= or leader=")
    if unit is not None:
        focus = find_unit(store, unit)
        scope = f"?task prov:qualifiedAttribution/prov:agent <{focus}> ."
        title = f"{unit}的重点工作"
        if within_leader is not None:
            scope += f" <{find_leader(store, within_leader)}> dg:inChargeOf ?task ."
            title = f"{unit}在{within_leader}分管下的重点工作"
    else:
        focus = find_leader(store, leader)
        scope = f"<{focus}> dg:inChargeOf ?task ."
        title = f"{leader}分管的重点工作"
    tasks: dict[str, dict] = {}
    for row in _ask(store, TASKS_QUERY, scope):
        task = tasks.setdefault(row["task"], {**row, "units": []})
        task["units"].append((row["unit"], row["role"]))
    rows = [TaskRow(t["task"], t["line"], t["heading"], t["numeral"], t["number"], t["text"],
                    t["leader"] or NO_LEADER, tuple(t["units"])) for t in tasks.values()]
    whole = collaboration(store)
    view = TaskView(title, focus, rows, whole.units, whole.leaders)
    if leader is not None and not rows:
        view.note, view.note_en = _no_task_note(store, focus, leader)
    return view


def _no_task_note(store: ox.Store, iri: str, name: str) -> tuple[str, str]:
    """Why leader NAME has no task: overall responsibility (总负责), and the sections they head."""
    rows = _ask(store, LEADER_SECTIONS_QUERY.replace("{leader}", f"<{iri}>"), "")
    sections_zh = "；".join(r["heading"] + (f"（{r['statement']}）" if r["statement"] else "")
                           for r in rows)
    sections_en = "; ".join(r["heading"] + (f" ({r['statement']})" if r["statement"] else "")
                            for r in rows)
    titles = list(dict.fromkeys(r["title"] for r in rows if r["title"]))
    ids = list(dict.fromkeys(r["document"] for r in rows if r["document"]))
    if titles:
        zh = f"{name}对 {'、'.join(titles)} 负总责，没有本人分管的具体重点工作。"
        en = (f"{name} holds overall responsibility for {', '.join(ids)} (总负责) and has no "
              "task of their own")
    else:
        zh = f"{name}没有分管的重点工作。"
        en = f"{name} has no task in their charge"
    if rows:
        zh += f"所在分组：{sections_zh}"
        en += f"; sections: {sections_en}"
    return zh, en


def find_unit(store: ox.Store, name: str) -> str:
    """The IRI of the unit called NAME (its name, another name, or its id in data/units.csv)."""
    return _find(store, "dg:Unit", name, "unit", "区发改局")


def find_leader(store: ox.Store, name: str) -> str:
    """The IRI of the leader called NAME (in Chinese or pinyin)."""
    return _find(store, "dg:Leader", name, "leader", "林仕德")


def _find(store: ox.Store, cls: str, name: str, kind: str, example: str) -> str:
    """Look NAME up among the labels of things of class CLS; a miss suggests near names."""
    rows = run_query(store, NAMES_QUERY.replace("{class}", cls)).records()
    names = {row["name"]: row["thing"] for row in rows}
    if name in names:
        return names[name]
    chinese = {row["name"]: row["zh"] for row in rows}
    near = difflib.get_close_matches(name, list(names), n=6, cutoff=0.4)
    near = list(dict.fromkeys(chinese[n] for n in near))[:3]  # ids and pinyin → Chinese names
    hint = f"did you mean {', '.join(near)}?" if near else f"names look like {example}"
    raise ViewError(f"no {kind} named {name!r} in the graph: {hint}")


def centrality(collab: Collaboration, *, top: int | None = None) -> QueryResult:
    """Degree, weighted degree and betweenness of each unit in the collaboration network.

    Betweenness treats a tie's length as 1/weight: units that share many tasks are close, so
    the shortest paths run along strong ties. It is normalised (0 to 1). TOP keeps the rows of
    the N units with the highest weighted degree, their figures counted on the whole network
    (cutting the network first would change every unit's degree and betweenness).
    """
    table = measures(collab)
    keep = None if top is None else set(_most_collaborating(collab, collab.units)[:top])
    rows = [(unit.name, unit.type, unit.tasks, unit.lead_tasks, *table[iri])
            for iri, unit in collab.units.items() if keep is None or iri in keep]
    rows.sort(key=lambda row: (-row[6], -row[5], row[0]))
    columns = ("unit", "type", "tasks", "lead_tasks", "degree", "weighted_degree", "betweenness")
    return QueryResult(columns, tuple(rows))


def measures(collab: Collaboration) -> dict[str, tuple[int, int, float]]:
    """Each unit's (degree, weighted degree, betweenness rounded to 4 places), by IRI."""
    nx = import_extra("networkx", "pictures", "centrality")

    graph = nx.Graph()
    graph.add_nodes_from(collab.units)
    for tie in collab.ties:
        graph.add_edge(tie.source, tie.target, weight=tie.weight, length=1 / tie.weight)
    betweenness = nx.betweenness_centrality(graph, weight="length", normalized=True)
    return {iri: (graph.degree(iri), collab.weighted_degree(iri), round(betweenness[iri], 4))
            for iri in collab.units}


def leader_shares(store: ox.Store, *, leader: str | None = None) -> dict:
    """For each tie (unit1, unit2): the tasks shared under each leader, {leader IRI: tasks}."""
    scope = "" if leader is None else f"<{find_leader(store, leader)}> dg:inChargeOf ?task ."
    shares: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in _ask(store, LEADER_PAIRS_QUERY, scope):
        shares[row["unit1"], row["unit2"]][row["leader"]] = row["shared"]
    return dict(shares)


def _ask(store: ox.Store, query: str, scope: str) -> list[dict]:
    """Run QUERY with its {scope} slot filled, as dicts."""
    return run_query(store, query.replace("{scope}", scope)).records()
