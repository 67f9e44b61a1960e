"""The workbench in Debian's Chromium (playwright; no browser is downloaded, and no request
leaves the machine): the query page runs a catalogue query with a parameter, sorts and
downloads its table; a unit's page links on; the search box finds a leader by pinyin; the
static site opens from file:// and searches in the browser. Screenshots go to the test's
temporary folder and output/screenshots/ and must show a drawn page."""

from __future__ import annotations

import shutil
import time

import pytest

from dutygraph.serve.catalogue import catalogue_entries
from dutygraph.serve.site import write_site

from .conftest import QUERIES, REPO, launched_chromium
from .test_browser import QUIET

SHOTS = REPO / "output" / "screenshots"
# test_browser's switches, but the loopback address resolves: the test server is there.
SWITCHES = [s if not s.startswith("--host-resolver-rules") else
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1" for s in QUIET]


@pytest.fixture(scope="module")
def browser():
    yield from launched_chromium(SWITCHES)


class Tab:
    """A browser tab that may reach only the test server (or file://), with its errors and
    the requests it was refused."""

    def __init__(self, browser, allowed: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                           accept_downloads=True)
        self.allowed, self.refused, self.errors = allowed, [], []
        self.context.route("**/*", self._only_allowed)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _only_allowed(self, route):
        url = route.request.url
        if url.startswith((self.allowed, "data:")):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def shot(self, tmp_path, name: str):
        """A screenshot: saved, and checked to show a drawn page with Chinese in it."""
        path = tmp_path / name
        self.page.screenshot(path=str(path))
        assert path.stat().st_size > 30_000, name  # drawn, not blank
        assert self.page.evaluate(
            "document.fonts.check('16px \"Noto Sans CJK SC\"', '区发改局')")
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / name)


def _until(page, expression: str, timeout: float = 60) -> None:
    """Wait until EXPRESSION is true in PAGE. Polled from here: playwright's wait_for_function
    evaluates its predicate with eval, which the pages' Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        time.sleep(0.05)


@pytest.fixture
def tab(browser, served):
    opened = Tab(browser, served.url)
    yield opened
    opened.context.close()


def test_query_page_runs_a_catalogue_query_with_a_parameter(tab, served, tmp_path):
    page = tab.page
    page.goto(served.url + "query")
    _until(page, "window.dutygraph && window.dutygraph.ready")
    page.get_by_role("button", name="search_tasks.rq").click()
    page.fill("#parameter-fields input[name=text]", "数安港")
    page.click("#parameters button[type=submit]")
    _until(page, "window.dutygraph.responses >= 1")
    rows = page.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    assert "数安港" in rows.nth(0).inner_text()
    # Sorted by line, descending, with a click on its header (twice: ascending first).
    header = page.locator(".yasr table.dataTable thead th", has_text="line")
    header.click()
    header.click()
    assert rows.nth(0).locator("td").nth(0).inner_text() == "132"
    with page.expect_download() as download:
        page.locator(".yasr .yasr_downloadIcon").click()
    text = download.value.path().read_text(encoding="utf-8")
    # issue 22's document, district and year after the query's own columns
    assert text.splitlines()[0] == '"line","leader","number","task","document","district","year"'
    assert "数安港" in text
    tab.shot(tmp_path, "workbench-query.png")
    assert tab.errors == []
    assert tab.refused == []


def test_query_page_draws_a_chart_offline(tab, served, seed_store, tmp_path):
    """YASR's chart plugin needs Google Charts from a CDN; the page's own (static/chart.js)
    draws the answer's first numeric column as bars, labelled by its first other column."""
    from dutygraph.ask.query import read_query, run_query

    expected = run_query(seed_store, read_query(QUERIES / "unit_load.rq")).records()
    page = tab.page
    page.goto(served.url + "query")
    _until(page, "window.dutygraph && window.dutygraph.ready")
    page.get_by_role("button", name="unit_load.rq").click()
    page.locator(".yasqe_queryButton").click()
    _until(page, "window.dutygraph.responses >= 1")
    page.locator(".yasr .select_chart").click()
    chart = page.locator(".yasr svg.dutygraph-chart")
    chart.wait_for()
    assert chart.locator("rect").count() == min(len(expected), 60)
    labels = chart.locator("text[text-anchor=end]").evaluate_all(
        "texts => texts.map(t => t.textContent)")
    assert labels[0] == expected[0]["unit"]
    values = chart.locator("rect").evaluate_all("bars => bars.map(b => b.getAttribute('width'))")
    assert float(values[0]) == max(float(v) for v in values) > 0  # the busiest leads
    assert chart.locator("text").first.text_content().startswith("?lead_tasks / ?unit")
    tab.shot(tmp_path, "workbench-chart.png")
    assert tab.errors == []
    assert tab.refused == []


def test_unit_page_links_on_to_its_leader(tab, served, tmp_path):
    page = tab.page
    page.goto(served.url + "ouhai/unit/development-reform-bureau")
    assert page.locator("#lead-tasks").inner_text() == "11"
    assert page.locator("svg.bars g.bar").count() == 90
    tab.shot(tmp_path, "workbench-unit.png")
    page.locator("#tasks-lead h3 a", has_text="林仕德").click()
    page.wait_for_url("**/ouhai/person/lin-shi-de-014c8b")
    assert page.locator("h1").inner_text().startswith("林仕德")
    page.locator("td a", has_text="全区生产总值增长").first.click()
    page.wait_for_url("**/doc/ouhai-2024/task-02-01")
    assert page.locator("h1").inner_text().startswith("全区生产总值增长 6.5%左右")
    assert tab.errors == []
    assert tab.refused == []


def test_search_box_finds_a_leader_by_pinyin(tab, served, tmp_path):
    page = tab.page
    page.goto(served.url)
    page.fill("form.search input[name=q]", "lin shide")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/search?q=lin+shide")
    result = page.locator("ul.results li.leader a")
    assert result.inner_text() == "林仕德"
    tab.shot(tmp_path, "workbench-search.png")
    result.click()
    page.wait_for_url("**/ouhai/person/lin-shi-de-014c8b")
    assert tab.errors == []


def test_static_site_opens_from_file_and_searches(browser, seed_store, tmp_path):
    folder = tmp_path / "site"
    write_site(seed_store, folder, base="https://w3id.org/dutygraph/id/",
               catalogue=catalogue_entries(QUERIES))
    tab = Tab(browser, "file://")
    try:
        page = tab.page
        page.goto((folder / "index.html").as_uri())
        page.fill("form.search input[name=q]", "发改")
        page.press("form.search input[name=q]", "Enter")
        page.wait_for_url("**/search.html?q=*")
        result = page.locator("#results li.unit a", has_text="区发改局")
        result.click()
        page.wait_for_url("**/ouhai/unit/development-reform-bureau.html")
        assert page.locator("#lead-tasks").inner_text() == "11"
        page.locator("#tasks-lead h3 a", has_text="林仕德").click()
        page.wait_for_url("**/ouhai/person/lin-shi-de-014c8b.html")
        tab.shot(tmp_path, "workbench-site-leader.png")
        page.goto((folder / "query.html").as_uri())
        _until(page, "window.dutygraph && window.dutygraph.ready")
        assert page.locator("#no-endpoint").is_visible()
        assert tab.errors == []
        assert tab.refused == []
    finally:
        tab.context.close()


def test_served_picture_finds_filters_and_ranks(tab, served, seed_store, tmp_path):
    """/picture is dutygraph viz's page, tools and all: the find box focuses a unit, a filter
    hides what picture.network.select leaves out, the ranking comes first with 区发改局."""
    from dutygraph.picture.network import collaboration, select

    page = tab.page
    page.goto(served.url + "picture?view=collaboration")
    _until(page, "window.dutygraph && window.dutygraph.stable")
    page.fill("#find", "发改")
    page.press("#find", "Enter")
    assert page.evaluate("nodes.get(window.dutygraph.focused).label") == "区发改局"
    page.fill("#filter-min", "2")
    expected = select(collaboration(seed_store), min_shared=2)
    assert page.evaluate("window.dutygraph.visible") == len(expected.units)
    assert page.locator("#rank-list li .name").first.inner_text() == "区发改局"
    tab.shot(tmp_path, "workbench-picture.png")
    assert tab.errors == []
    assert tab.refused == []
