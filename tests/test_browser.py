"""Each picture opened in headless Chromium with the network cut off: what the page draws.

The browser is Debian's chromium (scripts/install-system-deps.sh), driven by playwright, which
never downloads one here. Screenshots go to the test's temporary folder and to
output/screenshots/ (ignored by git); with DUTYGRAPH_UPDATE_DOCS=1 the collaboration picture
also replaces docs/img/collaboration.png, which the README shows.
"""

from __future__ import annotations

import os
import shutil

import pytest

from dutygraph.ask.query import run_query
from dutygraph.picture.pages import view_network, write_html

from .conftest import REPO, launched_chromium

VIEWS = {
    "collaboration": "区发改局",
    "leaders": "林仕德",
    "unit:区发改局": "区发改局",
    "leader:林仕德": "林仕德",
}
# Chromium switches that keep it from calling home on its own (updates, metrics, sync …).
QUIET = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
    "--disable-sync", "--disable-extensions", "--disable-domain-reliability",
    "--metrics-recording-only", "--no-first-run", "--no-pings",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
PAIRS = """PREFIX dg: <https://w3id.org/dutygraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT (COUNT(*) AS ?pairs) WHERE {
  SELECT DISTINCT ?u1 ?u2 WHERE {
    ?t a dg:Task ; prov:qualifiedAttribution/prov:agent ?u1, ?u2 .
    FILTER (STR(?u1) < STR(?u2))
  }
}"""
UNITS = """PREFIX dg: <https://w3id.org/dutygraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT (COUNT(DISTINCT ?u) AS ?units)
WHERE { ?t a dg:Task ; prov:qualifiedAttribution/prov:agent ?u }
"""
SHOTS = REPO / "output" / "screenshots"


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium(QUIET)


class OpenedPage:
    """A page opened offline, with every request and console error it made."""

    def __init__(self, browser, path):
        self.context = browser.new_context(viewport={"width": 1600, "height": 1000},
                                           offline=True)
        self.requests, self.errors = [], []
        self.context.route("**/*", self._only_local)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.dutygraph && window.dutygraph.stable",
                                    timeout=120_000)

    def _only_local(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()

    def counts(self):
        return self.page.evaluate(
            "[network.body.data.nodes.length, network.body.data.edges.length]")

    def labels(self):
        return set(self.page.evaluate("nodes.get().map(n => n.label)"))


@pytest.fixture
def opened(browser):
    pages = []

    def open_page(path):
        pages.append(OpenedPage(browser, path))
        return pages[-1]

    yield open_page
    for page in pages:
        page.context.close()


def _file_name(view):
    return view.replace(":", "-") + ".png"


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_draws_the_graphs_nodes_and_edges_offline(seed_store, opened, tmp_path,
                                                             view):
    net = view_network(seed_store, view)
    page = opened(write_html(net, tmp_path / "page.html"))
    assert page.counts() == [net.num_nodes(), net.num_edges()]
    assert VIEWS[view] in page.labels()
    assert page.page.title() == net.heading
    assert page.errors == []
    assert page.requests == []
    shot = tmp_path / _file_name(view)
    page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 50_000  # a drawn picture, not a blank page
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, SHOTS / shot.name)
    if view == "collaboration" and os.environ.get("DUTYGRAPH_UPDATE_DOCS"):
        shutil.copy(shot, REPO / "docs" / "img" / "collaboration.png")


def test_collaboration_page_counts_equal_sparql(seed_store, opened, tmp_path):
    page = opened(write_html(view_network(seed_store), tmp_path / "page.html"))
    expected = [run_query(seed_store, UNITS).rows[0][0], run_query(seed_store, PAIRS).rows[0][0]]
    assert page.counts() == expected == [90, 553]


def test_clicking_a_unit_dims_the_units_it_does_not_work_with(seed_store, opened, tmp_path):
    page = opened(write_html(view_network(seed_store), tmp_path / "page.html"))
    point = page.page.evaluate("""() => {
        document.getElementById("legend").style.display = "none";  // nothing over the canvas
        const id = nodes.get({filter: n => n.label === "区侨联"})[0].id;
        const xy = network.canvasToDOM(network.getPositions([id])[id]);
        const box = document.getElementById("mynetwork").getBoundingClientRect();
        return [box.left + xy.x, box.top + xy.y];
    }""")
    page.page.mouse.click(*point)
    dimmed = page.page.evaluate("""() => {
        const me = nodes.get({filter: n => n.label === "区侨联"})[0].id;
        const near = new Set(network.getConnectedNodes(me).concat([me]));
        return nodes.get().map(n => [near.has(n.id), n.color.background === "#eeeeee"]);
    }""")
    assert all(is_dim != is_near for is_near, is_dim in dimmed)
    page.page.mouse.click(5, 990)  # the background: everything back
    assert page.page.evaluate("nodes.get().every(n => n.color.background !== '#eeeeee')")
    assert page.errors == []


# ---- the picture's tools: find, filters, ranking, export, labels ---------------------------


@pytest.fixture
def collab_page(seed_store, opened, tmp_path):
    """The seed's collaboration picture, opened and settled, the legend out of the way."""
    page = opened(write_html(view_network(seed_store), tmp_path / "page.html"))
    page.page.evaluate("document.getElementById('legend').style.display = 'none'")
    return page


def _unit_id(page, name):
    return page.page.evaluate("name => nodes.get({filter: n => n.label === name})[0].id", name)


def test_find_box_focuses_and_highlights_a_unit(collab_page, tmp_path):
    page = collab_page.page
    page.fill("#find", "发改")
    assert page.locator("#find-results button").all_inner_texts() == ["区发改局"]
    page.press("#find", "Enter")
    me = _unit_id(collab_page, "区发改局")
    assert page.evaluate("window.dutygraph.focused") == me
    assert page.evaluate("network.getSelectedNodes()") == [me]
    # Centred on it, and everything it does not work with dimmed.
    centre, at = page.evaluate(
        "id => [network.getViewPosition(), network.getPositions([id])[id]]", me)
    assert abs(centre["x"] - at["x"]) < 1 and abs(centre["y"] - at["y"]) < 1
    dimmed = page.evaluate("""id => {
        const near = new Set(network.getConnectedNodes(id).concat([id]));
        return nodes.get().filter(n => !near.has(n.id) && n.color.background !== '#eeeeee')
            .length;
    }""", me)
    assert dimmed == 0
    # A part of a name finds every unit holding it, busiest first.
    page.fill("#find", "街道")
    found = page.locator("#find-results button").all_inner_texts()
    assert found and all("街道" in name for name in found)
    assert collab_page.errors == []


def _visible(page):
    return page.evaluate("[window.dutygraph.visible, window.dutygraph.visibleEdges, "
                         "nodes.get({filter: n => !n.hidden}).length]")


def test_filters_leave_what_the_python_filters_leave(seed_store, collab_page, tmp_path):
    """Each filter in the page hides exactly the nodes and edges that dutygraph viz's own
    filters (picture.network.select) leave out, counted here in Python."""
    from dutygraph.picture.network import collaboration, select

    page = collab_page.page
    whole = collaboration(seed_store)
    assert _visible(page) == [90, 553, 90]

    expected = select(whole, min_shared=3)
    page.fill("#filter-min", "3")
    assert _visible(page) == [len(expected.units), len(expected.ties), len(expected.units)]
    assert 0 < len(expected.units) < 90

    page.fill("#filter-min", "1")
    for box in page.locator("#filter-types input").all():
        if box.get_attribute("value") != "bureau":
            box.uncheck()
    expected = select(whole, unit_types=["bureau"])
    assert _visible(page)[:2] == [len(expected.units), len(expected.ties)]

    for box in page.locator("#filter-types input").all():
        box.check()
    page.select_option("#filter-leader", label="林仕德")
    page.fill("#filter-min", "2")
    # The leader's tasks only, ties counted on them: as `dutygraph viz --leader 林仕德`.
    expected = select(collaboration(seed_store, leader="林仕德"), min_shared=2)
    assert _visible(page)[:2] == [len(expected.units), len(expected.ties)]
    assert 0 < len(expected.units) < 90
    count = page.inner_text("#visible-count")
    assert count.startswith(f"显示 {len(expected.units)} / 90 个节点")
    shot = tmp_path / "collaboration-filtered.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 30_000
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '区发改局')")
    assert collab_page.errors == []


def test_ranking_panel_agrees_with_the_centrality_command(seed_turtle, collab_page):
    from click.testing import CliRunner

    from dutygraph.cli.main import cli

    result = CliRunner().invoke(cli, ["centrality", str(seed_turtle), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    table = {row["unit"]: row for row in json.loads(result.output)}
    page = collab_page.page
    first = page.locator("#rank-list li").first
    assert first.locator(".name").inner_text() == "区发改局"
    assert int(first.locator(".value").inner_text()) == table["区发改局"]["degree"] == 43
    page.select_option("#rank-by", "betweenness")
    first = page.locator("#rank-list li").first
    top = max(table.values(), key=lambda row: row["betweenness"])
    assert first.locator(".name").inner_text() == top["unit"]
    assert float(first.locator(".value").inner_text()) == top["betweenness"]
    # Computed on the whole network: a filter hides units but leaves the numbers alone.
    page.fill("#filter-min", "4")
    page.select_option("#rank-by", "degree")
    assert int(page.locator("#rank-list li .value").first.inner_text()) == 43
    first.locator(".name").click()  # a name focuses its unit
    assert page.evaluate("window.dutygraph.focused") == _unit_id(collab_page, "区发改局")


def test_export_png_and_svg(collab_page, tmp_path):
    from xml.etree import ElementTree

    page = collab_page.page
    with page.expect_download() as png:
        page.click("#export-png")
    data = (tmp_path / "out.png")
    png.value.save_as(data)
    assert png.value.suggested_filename == "责任单位协作网络.png"
    assert data.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and data.stat().st_size > 50_000
    page.fill("#filter-min", "3")
    with page.expect_download() as svg:
        page.click("#export-svg")
    svg.value.save_as(tmp_path / "out.svg")
    root = ElementTree.parse(tmp_path / "out.svg").getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    visible, edges, _ = _visible(page)
    assert len(root.findall("s:circle", ns)) == visible
    assert len(root.findall("s:line", ns)) == edges
    assert "区发改局" in {"".join(t.itertext()) for t in root.findall("s:text", ns)}
    assert collab_page.errors == []


def test_only_the_larger_units_are_labelled_until_zoomed(seed_store, opened, tmp_path):
    """At the zoom the page opens at, the labels drawn are at least 11 px on screen and
    belong to the larger units; zooming in brings the others' labels."""
    page = opened(write_html(view_network(seed_store, "leaders"), tmp_path / "page.html"))
    labelled = """() => {
        const threshold = options.nodes.scaling.label.drawThreshold - 1;
        const scale = network.getScale();
        return nodes.get({filter: n => n.shape === 'dot'}).map(n =>
            [n.size, n.font.size * scale, n.font.size * scale >= threshold]);
    }"""
    dots = page.page.evaluate(labelled)
    drawn = [d for d in dots if d[2]]
    assert 8 <= len(drawn) < len(dots)
    assert all(px >= 11 for _, px, _ in drawn)
    assert min(size for size, _, _ in drawn) >= max(size for size, _, shown in dots if not shown)
    page.page.evaluate("network.moveTo({scale: network.getScale() * 3})")
    assert sum(d[2] for d in page.page.evaluate(labelled)) > len(drawn)
    assert page.errors == []


def test_names_from_the_web_stay_text(opened, tmp_path):
    """A unit named <script>… shows as text in the page, the find box, the ranking and the
    SVG, and runs nothing."""
    from dutygraph.picture.network import Collaboration, LeaderStats, Tie, UnitStats
    from dutygraph.picture.pages import add_tools, collaboration_network

    evil = "<script>window.pwned=1</script>局"
    quote = "区\"引号\"&'单位'</title>"
    units = {i: UnitStats(i, name, "bureau", 3, 1) for i, name in
             (("urn:x:1", evil), ("urn:x:2", quote), ("urn:x:3", "区发改局"))}
    ties = [Tie("urn:x:1", "urn:x:2", 2), Tie("urn:x:2", "urn:x:3", 1)]
    leaders = {"urn:x:l": LeaderStats("urn:x:l", "<b>领导</b>", 3)}
    collab = Collaboration(units, ties, leaders, [Tie("urn:x:l", "urn:x:1", 3)], "<i>范围</i>")
    net = add_tools(collaboration_network(collab), collab, {}, "collaboration")
    page = opened(write_html(net, tmp_path / "page.html"))
    assert page.page.evaluate("window.pwned") is None
    page.page.fill("#find", "script")
    assert page.page.locator("#find-results button").all_inner_texts() == [evil]
    names = page.page.locator("#rank-list .name").all_inner_texts()
    assert evil in names and quote in names
    assert "<b>领导</b>" in page.page.locator("#filter-leader option").all_inner_texts()
    assert "<i>范围</i>" in page.page.inner_text("#ranking summary")
    text = page.page.evaluate("svgText()")
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert page.page.evaluate("window.pwned") is None
    assert page.errors == []


@pytest.mark.parametrize("view, leader, min_shared", [
    ("collaboration", "林仕德", 2),
    ("collaboration", "吴雪梅", 1),
    ("leaders", "林仕德", 2),
    ("unit:区发改局", "林仕德", 1),
    ("unit:区发改局", None, 2),
    ("leader:林仕德", None, 2),
])
def test_each_views_filters_draw_what_viz_draws_with_the_options(seed_store, opened, tmp_path,
                                                                 view, leader, min_shared):
    """The page's leader and minimum filters on the whole view show as many nodes and edges
    as `dutygraph viz --view VIEW --leader L --min-shared N` draws."""
    expected = view_network(seed_store, view, leader=leader, min_shared=min_shared)
    page = opened(write_html(view_network(seed_store, view), tmp_path / "page.html"))
    if leader:
        page.page.select_option("#filter-leader", label=leader)
    page.page.fill("#filter-min", str(min_shared))
    shown = page.page.evaluate("[window.dutygraph.visible, window.dutygraph.visibleEdges]")
    assert shown == [expected.num_nodes(), expected.num_edges()]
    assert 0 < shown[0] < page.counts()[0]
    assert page.errors == []
