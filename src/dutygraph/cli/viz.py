"""The viz and centrality commands: pictures and numbers of who works with whom.

Thin clients of dutygraph.picture.pages and dutygraph.picture.network; pyvis and networkx
are imported only when a command runs, so the rest of the command line stays quick.
"""

from __future__ import annotations

import click

_FILTERS = (
    click.option("--leader", help="Count only the tasks in this leader's charge (e.g. 林仕德)."),
    click.option("--min-shared", type=click.IntRange(min=1), default=1, show_default=True,
                 help="Keep ties of at least this many shared tasks (units left without one "
                      "are dropped); in a task view, units on at least this many of its tasks."),
    click.option("--unit-type", "unit_types", multiple=True,
                 help="Keep units of this type: bureau, townOrSubdistrict, taskForce, centre … "
                      "or its Chinese name (政府部门 …). Repeat for several."),
    click.option("--top", type=click.IntRange(min=1),
                 help="Keep the N units with the most collaboration (weighted degree); in the "
                      "leader and task views, the N units on the most tasks."),
)


def _with_filters(command):
    """Add the filter options shared by viz and centrality."""
    for option in reversed(_FILTERS):
        command = option(command)
    return command


@click.command()
@click.argument("graph_file", type=click.Path())
@click.option("--view", default="collaboration", show_default=True,
              help="collaboration (units, weighted by shared tasks), leaders (leaders and "
                   "units), unit:NAME or leader:NAME (their tasks, units and roles).")
@_with_filters
@click.option("--colour-by", "--color-by", "colour_by", type=click.Choice(["type", "leader"]),
              default="type", show_default=True,
              help="Collaboration view: colour units by type or by the leader they work under "
                   "most.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write; it opens offline (everything is embedded).")
def viz(graph_file, view, leader, min_shared, unit_types, top, colour_by, output):
    """Draw who works with whom in GRAPH_FILE (a graph file, a corpus's TriG or N-Quads, or
    the folder of a store that build --store wrote) as one self-contained HTML page.

    Example: dutygraph viz output/graph.ttl --view unit:区发改局 -o output/fgj.html
    """
    from dutygraph.ask.graphs import open_graph
    from dutygraph.cli.common import user_errors
    from dutygraph.picture.pages import view_network, write_html

    with user_errors():
        net = view_network(open_graph(graph_file), view, leader=leader, min_shared=min_shared,
                           unit_types=unit_types, top=top, colour_by=colour_by)
        path = write_html(net, output)
    if getattr(net, "note", ""):
        click.echo(f"Note: {net.note}", err=True)
    click.echo(f"Wrote {path}: {net.num_nodes()} nodes, {net.num_edges()} edges.", err=True)


@click.command()
@click.argument("graph_file", type=click.Path())
@_with_filters
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output (CSV gets a byte-order mark).")
def centrality(graph_file, leader, min_shared, unit_types, top, fmt, output):
    """Degree, weighted degree and betweenness of each unit in the collaboration network.

    Degree counts the units a unit shares tasks with; weighted degree adds up the tasks shared;
    betweenness (0 to 1) says how often it lies on the shortest paths between other units,
    strong ties counting as short.
    """
    from dutygraph.ask.graphs import open_graph
    from dutygraph.ask.query import format_result
    from dutygraph.cli.common import emit, user_errors
    from dutygraph.picture.network import centrality as centrality_table
    from dutygraph.picture.network import collaboration, select
    from dutygraph.picture.pages import unit_type_keys

    with user_errors():
        collab = collaboration(open_graph(graph_file), leader=leader)
        # --top cuts the table after counting: cut first, every unit's figures would change.
        collab = select(collab, min_shared=min_shared, unit_types=unit_type_keys(unit_types))
        text = format_result(centrality_table(collab, top=top), fmt)
    emit(text, output, bom=fmt == "csv")
