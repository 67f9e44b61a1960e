"""dutygraph site: the workbench's pages as a static site whose every internal link resolves,
with relative links (it opens from file://), Turtle and JSON-LD beside each page, a search
index, and a query page that asks the endpoint given."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from dutygraph.ask.query import run_query_file
from dutygraph.cli.main import cli
from dutygraph.serve.catalogue import catalogue_entries
from dutygraph.serve.site import write_site

from .conftest import QUERIES

BASE = "https://w3id.org/dutygraph/id/"
ENDPOINT = "http://127.0.0.1:7878/sparql"


@pytest.fixture(scope="module")
def site(seed_store, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    written = write_site(seed_store, folder, base=BASE, endpoint=ENDPOINT,
                         catalogue=catalogue_entries(QUERIES))
    assert written.pages > 700
    return folder


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _links(path: Path) -> list[str]:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links


def test_every_internal_link_resolves(site):
    checked = 0
    for page in site.rglob("*.html"):
        for link in _links(page):
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("data:", "#")):
                continue
            assert not link.startswith("/"), f"{page}: {link} is not relative"
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: {link}"
            checked += 1
    assert checked > 10_000


def test_every_unit_leader_task_and_document_has_a_page(site, seed_store):
    units = run_query_file(seed_store, QUERIES / "unit_load.rq").rows
    assert len(list((site / "ouhai" / "unit").glob("*.html"))) == len(units) == 90
    assert len(list((site / "ouhai" / "person").glob("*.html"))) == 11
    tasks = list((site / "doc" / "ouhai-2024").glob("task-??-??.html"))
    assert len(tasks) == len(run_query_file(seed_store, QUERIES / "tasks.rq").rows) == 127
    assert (site / "doc" / "ouhai-2024.html").is_file()


def test_machine_files_beside_each_page(site):
    stem = site / "ouhai" / "unit" / "development-reform-bureau"
    unit = URIRef(BASE + "ouhai/unit/development-reform-bureau")
    for suffix, fmt in ((".ttl", "turtle"), (".jsonld", "json-ld")):
        graph = Graph().parse(stem.with_suffix(suffix), format=fmt)
        assert (unit, SKOS.prefLabel, Literal("区发改局", lang="zh")) in graph
    html = stem.with_suffix(".html").read_text(encoding="utf-8")
    assert 'href="development-reform-bureau.ttl"' in html
    assert '<dd id="lead-tasks">11</dd>' in html
    assert 'href="../person/lin-shi-de-014c8b.html">林仕德</a>' in html
    assert 'href="../../static/workbench.css"' in html


def test_search_index_holds_names_pinyin_and_texts(site):
    text = (site / "static" / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(re.fullmatch(r"window\.DUTYGRAPH_SEARCH = (.*);\n", text, re.S)[1])
    by_name = {entry["name"]: entry for entry in entries}
    assert by_name["林仕德"] == {"href": "ouhai/person/lin-shi-de-014c8b.html", "kind": "leader",
                               "name": "林仕德", "texts": ["Lin Shide", "林仕德"]}
    assert by_name["区发改局"]["kind"] == "unit"
    assert sum(entry["kind"] == "task" for entry in entries) == 127


def test_query_page_asks_the_endpoint_given(site):
    html = (site / "query.html").read_text(encoding="utf-8")
    assert f'data-endpoint="{ENDPOINT}"' in html
    assert "unit_portfolio.rq" in html
    for name in ("yasgui.min.js", "yasgui.min.css", "LICENSE.txt", "yasgui.min.js.LICENSE.txt"):
        assert (site / "static" / "yasgui" / name).is_file()


def test_site_command(seed_turtle, tmp_path):
    result = CliRunner().invoke(cli, ["site", str(seed_turtle), "-o", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "Wrote 727 pages" in result.output
    html = (tmp_path / "site" / "query.html").read_text(encoding="utf-8")
    assert 'id="no-endpoint"' in html
