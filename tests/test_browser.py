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

from .conftest import REPO, require_tool

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
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=QUIET)
        yield browser
        browser.close()


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
