"""Pictures: the Network's nodes and edges before any HTML, the page it makes, the command."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from dutygraph.cli.main import cli
from dutygraph.picture.network import ViewError
from dutygraph.picture.pages import UNIT_TYPES, iframe_html, network_html, view_network
from dutygraph.rdf.namespaces import DG, SKOS

from .conftest import REPO


@pytest.fixture(scope="module")
def collab_net(seed_store):
    return view_network(seed_store, "collaboration")


def _node(net, label):
    return next(node for node in net.nodes if node["label"] == label)


def test_collaboration_network_has_every_unit_and_pair(collab_net):
    assert (collab_net.num_nodes(), collab_net.num_edges()) == (90, 553)
    assert len({node["id"] for node in collab_net.nodes}) == 90


def test_a_units_node_says_its_counts_and_partners_in_chinese(collab_net):
    node = _node(collab_net, "区发改局")
    assert node["title"].startswith("区发改局（政府部门）\n重点工作 18 项：牵头 11 项，配合 7 项")
    assert "协作单位 43 个，共同承担最多：" in node["title"]
    assert "分管领导：林仕德" in node["title"]
    assert node["color"]["background"] == UNIT_TYPES["bureau"][1]


def test_size_follows_tasks_and_border_follows_lead_share(collab_net):
    by_tasks = sorted(collab_net.nodes, key=lambda n: n["tasks"])
    assert [n["size"] for n in by_tasks] == sorted(n["size"] for n in by_tasks)
    never_leads = [n for n in collab_net.nodes if n["lead_tasks"] == 0]
    assert never_leads and all(n["shapeProperties"]["borderDashes"] for n in never_leads)
    assert _node(collab_net, "区发改局")["borderWidth"] > never_leads[0]["borderWidth"]


def test_edge_width_and_pull_grow_with_tasks_shared(collab_net):
    by_weight = sorted(collab_net.edges, key=lambda e: e["weight"])
    assert [e["width"] for e in by_weight] == sorted(e["width"] for e in by_weight)
    assert [e["length"] for e in by_weight] == sorted((e["length"] for e in by_weight),
                                                      reverse=True)


def test_physics_settles_then_stops(collab_net):
    physics = collab_net.options["physics"]
    assert physics["stabilization"]["enabled"] and physics["stabilization"]["iterations"] >= 100


def test_nodes_come_placed_each_component_apart(seed_store):
    """Python lays the picture out (picture.layout) and the page only polishes it: every
    node has a place, no two share one, and the components do not overlap."""
    net = view_network(seed_store, "collaboration", min_shared=3)
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in net.nodes)
    assert len({(n["x"], n["y"]) for n in net.nodes}) == len(net.nodes)
    import networkx as nx

    graph = nx.Graph((e["from"], e["to"]) for e in net.edges)
    at = {n["id"]: (n["x"], n["y"]) for n in net.nodes}
    boxes = []
    for part in nx.connected_components(graph):
        xs, ys = [at[i][0] for i in part], [at[i][1] for i in part]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    assert len(boxes) > 1
    for n, a in enumerate(boxes):
        for b in boxes[n + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1], (a, b)


def test_fewer_physics_steps_for_bigger_pictures():
    from dutygraph.picture.layout import stabilization_iterations

    steps = [stabilization_iterations(n, 8 * n) for n in (20, 90, 500, 1500)]
    assert steps == sorted(steps, reverse=True) and steps[0] == 600 and steps[-1] == 15


def test_colour_by_leader_has_a_legend_of_leaders(seed_store):
    net = view_network(seed_store, "collaboration", colour_by="leader")
    heading, items = net.legend[0]
    assert heading == "主要分管领导（节点颜色）"
    assert "林仕德" in [label for label, _, _ in items]


def test_filters_reach_the_picture(seed_store):
    net = view_network(seed_store, "collaboration", leader="林仕德", min_shared=2,
                       unit_types=["政府部门"], top=8)
    assert 0 < net.num_nodes() <= 8
    assert all(node["type"] == "bureau" for node in net.nodes)
    assert all(edge["weight"] >= 2 for edge in net.edges)


def test_leaders_view_has_two_kinds_of_node(seed_store):
    net = view_network(seed_store, "leaders")
    kinds = {}
    for node in net.nodes:
        kinds[node["kind"]] = kinds.get(node["kind"], 0) + 1
    assert kinds == {"leader": 10, "unit": 89}
    assert net.num_edges() == 182
    assert _node(net, "林仕德")["shape"] == "box"


def test_unit_view_shows_tasks_units_and_roles(seed_store):
    net = view_network(seed_store, "unit:区发改局")
    tasks = [n for n in net.nodes if n["kind"] == "task"]
    assert len(tasks) == 18
    assert tasks[0]["label"].startswith("二-1\n全区生产总值")
    roles = {e["role"] for e in net.edges}
    assert roles == {"lead", "co"}
    assert all(e["dashes"] == (e["role"] == "co") for e in net.edges)


def test_leader_view_of_tasks(seed_store):
    net = view_network(seed_store, "leader:林仕德")
    assert sum(1 for n in net.nodes if n["kind"] == "task") == 17
    assert _node(net, "林仕德")["kind"] == "leader"


@pytest.mark.parametrize(("view", "message"), [
    ("units", "unknown view 'units': use one of collaboration | leaders | unit:NAME | leader:NAME"),
    ("unit:发改局", "no unit named '发改局' in the graph: did you mean 区发改局?"),
])
def test_bad_views_are_refused(seed_store, view, message):
    with pytest.raises(ViewError, match=re.escape(message)):
        view_network(seed_store, view)


def test_unit_type_names_are_the_ontologys():
    ontology = Graph().parse(REPO / "ontology" / "dutygraph.ttl")
    for key, (name, _) in UNIT_TYPES.items():
        if key:
            assert Literal(name, lang="zh") in set(ontology.objects(DG[key], SKOS.prefLabel))
    declared = {str(c).split("#")[1] for c in ontology.objects(DG.unitTypes, SKOS.hasTopConcept)}
    assert declared == set(UNIT_TYPES) - {""}


def test_the_page_embeds_everything_and_fetches_nothing(collab_net):
    html = network_html(collab_net)
    assert "vis-network" in html and "区发改局" in html
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap|@import|url\((?!\"?data:)", html)
    assert "Noto Sans CJK SC" in html and "Microsoft YaHei" in html
    assert "单位类型（节点颜色）" in html  # the legend


def test_the_notebook_gets_an_iframe(collab_net):
    assert iframe_html(collab_net).startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')


def test_pyvis_show_in_a_notebook_writes_the_self_contained_page(collab_net, tmp_path,
                                                                 monkeypatch):
    """pyvis's documented call, net.show(NAME, notebook=True), writes dutygraph's page (no
    CDN) and gives an iframe pointing at it; it raised AttributeError (no pyvis template)."""
    monkeypatch.chdir(tmp_path)
    shown = collab_net.show("picture.html", notebook=True)
    page = (tmp_path / "picture.html").read_text(encoding="utf-8")
    assert page == network_html(collab_net)
    assert shown._repr_html_().startswith('<iframe src="picture.html"')
    collab_net.write_html("again.html")
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == page


def test_viz_command_writes_the_page(seed_turtle, tmp_path):
    out = tmp_path / "fgj.html"
    result = CliRunner().invoke(cli, ["viz", str(seed_turtle), "--view", "unit:区发改局",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "区发改局的重点工作" in out.read_text(encoding="utf-8")


def test_viz_command_refuses_an_unknown_unit_type(seed_turtle, tmp_path):
    result = CliRunner().invoke(cli, ["viz", str(seed_turtle), "--unit-type", "局",
                                      "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown unit type '局': use one of bureau (政府部门)")
    assert not (tmp_path / "x.html").exists()


def test_the_head_of_government_has_no_task_and_the_page_and_stderr_say_why(seed_turtle,
                                                                             tmp_path):
    """刘云峰's section says only 总负责: his view has no task, and says so rather than
    showing an empty page as if something had failed."""
    out = tmp_path / "liu.html"
    result = CliRunner().invoke(cli, ["viz", str(seed_turtle), "--view", "leader:刘云峰",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert ("Note: 刘云峰 holds overall responsibility for ouhai-2024 (总负责) and has no task "
            "of their own; sections: 一、刘云峰区长牵头重点工作 (总负责。)") in result.stderr
    page = out.read_text(encoding="utf-8")
    assert ("刘云峰对 2024年政府工作报告重点工作责任分解 负总责，没有本人分管的具体重点工作。"
            "所在分组：一、刘云峰区长牵头重点工作（总负责。）") in page


def test_unknown_names_are_suggested_in_chinese_not_as_iri_slugs(seed_store):
    """A name in letters is matched against ids and pinyin too, but offered as the Chinese
    name (not finance-bureau)."""
    with pytest.raises(ViewError) as caught:
        view_network(seed_store, "unit:finance")
    assert str(caught.value) == ("no unit named 'finance' in the graph: did you mean 区财政局, "
                                 "区金融工作服务中心, 区委改革办?")


def _lab(colour: str) -> tuple[float, float, float]:
    """CIELAB of #rrggbb (sRGB, D65)."""
    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(int(colour[i:i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _distance(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def test_leader_colours_are_far_from_the_unit_types_and_each_other():
    """A leader's colour is never read as a unit type's (CIE76 ΔE ≥ 20: clearly another
    colour), nor as another leader's."""
    from dutygraph.picture.pages import LEADER_COLOURS, NO_LEADER_COLOUR

    types = [colour for _, colour in UNIT_TYPES.values()] + [NO_LEADER_COLOUR]
    for colour in LEADER_COLOURS:
        assert min(_distance(colour, t) for t in types) >= 20, colour
        assert min(_distance(colour, o) for o in LEADER_COLOURS if o != colour) >= 20, colour


def test_the_page_carries_what_its_tools_need(seed_store):
    """Each unit node knows its type and its leaders' numbers; each tie its tasks shared
    under each leader; the ranking holds every unit with dutygraph centrality's figures."""
    from dutygraph.picture.network import centrality, collaboration

    net = view_network(seed_store, "collaboration")
    tools = net.tools
    names = dict(tools["leaders"])
    fgj = _node(net, "区发改局")
    leaders = {names[tools["leaders"][tools["leaderIndex"].index(int(k))][0]]: n
               for k, n in fgj["leaders"].items()}
    whole = collaboration(seed_store)
    assert leaders == {whole.leaders[i].name: n for i, n in whole.unit_leaders(fgj["id"])}
    assert leaders["林仕德"] == 12
    assert all(sum(e.get("by_leader", {}).values()) <= e["weight"] for e in net.edges)
    assert any(e.get("by_leader") for e in net.edges)
    table = {row[0]: row for row in centrality(whole).rows}
    assert len(tools["ranking"]) == len(table) == 90
    for _, name, degree, weighted, betweenness, lead in tools["ranking"]:
        assert (degree, weighted, betweenness, lead) == (table[name][4], table[name][5],
                                                           table[name][6], table[name][3])
    assert tools["ranking"][0][1] == "区发改局"
