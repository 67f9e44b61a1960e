"""The data a picture's tools work on in the browser: find, filters, ranking (Network → data).

The page filters by unit type, leader and tasks shared without asking the graph again, so the
nodes and edges carry what the filters test: a unit node its type and the leaders whose tasks
it is on, a tie the tasks its two units share under each leader (the weight the tie has when
only that leader's tasks are counted, as `dutygraph viz --leader` counts them). Leaders are
numbered (an index into the leaders list) to keep a page of 1,500 units small.

The ranking (degree, weighted degree, betweenness, lead count) is computed here, once, on the
whole network the picture is cut from (before any filter), as `dutygraph centrality` computes
it, and embedded as a table.
"""

from __future__ import annotations

from dutygraph.picture.network import Collaboration, measures

# The measures the ranking panel offers, in the order of its menu: key → (column, Chinese).
RANKINGS = {
    "degree": "协作单位数（度）",
    "weighted_degree": "共同承担项数（加权度）",
    "betweenness": "中介中心度",
    "lead_tasks": "牵头项数",
}
RANKING_COLUMNS = ("id", "name", "degree", "weighted_degree", "betweenness", "lead_tasks")


def attach_tools(net, whole: Collaboration, shares: dict, types: list, kind: str):
    """Give NET's nodes and edges what the filters test, and NET.tools the page's data."""
    leaders = sorted(whole.leaders.values(), key=lambda s: (-s.tasks, s.name))
    index = {s.iri: n for n, s in enumerate(leaders)}
    on = _leaders_of_units(whole, index)
    for node in net.nodes:
        if node.get("kind") == "unit":
            node["leaders"] = on.get(node["id"], {})
        elif node.get("kind") == "leader":
            node["leader"] = index.get(node["id"], -1)
        elif node.get("kind") == "task":  # its leader's IRI, as _task_node gives it
            node["leader"] = index.get(node.get("leader", ""), -1)
    for edge in net.edges:
        share = shares.get((edge["from"], edge["to"])) or shares.get((edge["to"], edge["from"]))
        if share:
            edge["by_leader"] = {str(index[i]): n for i, n in share.items() if i in index}
    net.tools = {
        "kind": kind,
        "types": types,
        "leaders": [[s.iri, s.name] for s in leaders if _drawn_leader(net, s.iri, index)],
        "leaderIndex": [index[s.iri] for s in leaders if _drawn_leader(net, s.iri, index)],
        "maxWeight": _max_weight(net, kind),
        "rankings": list(RANKINGS.items()),
        "ranking": ranking_rows(whole),
        "scope": whole.scope,
    }
    return net


def ranking_rows(whole: Collaboration) -> list[list]:
    """Every unit of WHOLE with its measures, as RANKING_COLUMNS, busiest first."""
    table = measures(whole)
    rows = [[iri, unit.name, *table[iri], unit.lead_tasks] for iri, unit in whole.units.items()]
    rows.sort(key=lambda row: (-row[2], -row[3], row[1]))
    return rows


def _leaders_of_units(whole: Collaboration, index: dict) -> dict[str, dict[str, int]]:
    """For each unit, {leader number: the leader's tasks it is on}."""
    on: dict[str, dict[str, int]] = {}
    for tie in whole.leader_ties:
        if tie.source in index:
            on.setdefault(tie.target, {})[str(index[tie.source])] = tie.weight
    return on


def _drawn_leader(net, iri: str, index: dict) -> bool:
    """Whether a leader has a node or a unit node on their tasks, so filtering by them shows
    something."""
    key = str(index[iri])
    return any(node["id"] == iri or key in node.get("leaders", {}) or
               (node.get("kind") == "task" and node.get("leader") == index[iri])
               for node in net.nodes)


def _max_weight(net, kind: str) -> int:
    """The top of the minimum-shared-tasks filter: the heaviest tie, or in a task view the
    most of its tasks one unit is on."""
    if kind == "tasks":
        on: dict[str, int] = {}
        for edge in net.edges:
            if "role" in edge:
                on[edge["to"]] = on.get(edge["to"], 0) + 1
        return max(on.values(), default=0)
    return max((edge.get("weight", 0) for edge in net.edges), default=0)
