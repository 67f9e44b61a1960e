"""Where a picture's nodes start: laid out in Python, so the browser only polishes (nodes → x, y).

vis-network lays a graph out from random places with its physics, in the page; at 1,500
units and 12,000 ties one step of it takes 20-100 ms in Chromium, and a random start needs
hundreds. Laid out here first (networkx's Fruchterman-Reingold, one connected component at a
time, strong ties pulling harder), the page needs a few dozen steps to settle
(`stabilization_iterations`). Components are placed in rows, the largest first, each
given room by its number of nodes, so a corpus's districts sit side by side and do not
overlap.
"""

from __future__ import annotations

import math

from dutygraph.errors import import_extra

SPACING = 95  # a component of n nodes gets a disc of radius SPACING * sqrt(n), in vis units
GAP = 120  # between two components
DENSE_LIMIT = 500  # networkx lays out larger components with scipy (not a dependency)
SEED = 2024  # the same picture every time


def place(nodes: list[dict], edges: list[dict]) -> None:
    """Give each node an x and y: its component laid out, the components packed in rows."""
    if not nodes:
        return
    nx = import_extra("networkx", "pictures", "a picture")
    graph = nx.Graph()
    graph.add_nodes_from(node["id"] for node in nodes)
    for edge in edges:
        weight = edge.get("weight") or (2 if edge.get("role") == "lead" else 1)
        graph.add_edge(edge["from"], edge["to"], weight=weight)
    parts = sorted((sorted(c) for c in nx.connected_components(graph)),
                   key=lambda c: (-len(c), c[0]))
    at = {}
    width = _row_width(parts)
    x = y = row_height = 0.0
    for part in parts:
        radius = SPACING * math.sqrt(len(part))
        if x > 0 and x + 2 * radius > width:
            x, y, row_height = 0.0, y + row_height + GAP, 0.0
        for node, (px, py) in _component(nx, graph.subgraph(part), radius).items():
            at[node] = (x + radius + px, y + radius + py)
        x += 2 * radius + GAP
        row_height = max(row_height, 2 * radius)
    for node in nodes:
        node["x"], node["y"] = (round(v, 1) for v in at[node["id"]])


def _component(nx, graph, radius: float) -> dict:
    """One component's positions, within a disc of RADIUS around 0."""
    if len(graph) == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    if len(graph) >= DENSE_LIMIT:
        # A very large component: a circle, which the page's physics then untangles (slower).
        return nx.circular_layout(graph, scale=radius)
    return nx.spring_layout(graph, weight="weight", seed=SEED, iterations=60, scale=radius,
                            method="force")


def _row_width(parts: list[list]) -> float:
    """Rows about as wide as the whole is tall: the square root of the discs' total area."""
    area = sum((2 * SPACING * math.sqrt(len(p)) + GAP) ** 2 for p in parts)
    return max(math.sqrt(area) * 1.2, 2 * SPACING * math.sqrt(len(parts[0])))


def stabilization_iterations(nodes: int, edges: int) -> int:
    """Physics steps the page runs from the placed start: fewer for big pictures, whose steps
    cost more (a step costs about nodes + edges)."""
    return max(15, min(600, round(150_000 / (nodes + edges + 1))))
