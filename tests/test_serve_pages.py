"""The workbench's pages: a unit's, leader's, task's and document's page show what the catalogue
queries count; pages come as HTML, Turtle or JSON-LD by content negotiation; the search finds
by name, pinyin and text; every text is escaped; --base sets where the pages live."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from rdflib import Graph, Literal, URIRef, compare
from rdflib.namespace import SKOS
from starlette.testclient import TestClient

from dutygraph.ask.query import run_query_file
from dutygraph.build import build
from dutygraph.serve import pages
from dutygraph.serve.app import Workbench, create_app

from .conftest import QUERIES, REPO, SEED

BASE = "https://w3id.org/dutygraph/id/"
FGJ = BASE + "ouhai/unit/development-reform-bureau"
LIN = BASE + "ouhai/person/lin-shi-de-014c8b"
TASK = BASE + "doc/ouhai-2024/task-02-01"
DOCUMENT = BASE + "doc/ouhai-2024"
EVIL = "<script>alert(1)</script>"
EVIL_EN = '"><img src=x onerror=alert(2)>'


@pytest.fixture(scope="module")
def workbench(seed_turtle):
    bench = Workbench(seed_turtle, catalogue=QUERIES)
    yield bench
    bench.close()


@pytest.fixture(scope="module")
def client(workbench):
    with TestClient(create_app(workbench)) as client:
        yield client


def _path(iri: str) -> str:
    return "/" + iri[len(BASE):]


def _unit_iris(store) -> dict[str, str]:
    rows = store.query("PREFIX dg: <https://w3id.org/dutygraph/ontology#> "
                       "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                       "SELECT ?u ?l WHERE { ?u a dg:Unit ; skos:prefLabel ?l "
                       "FILTER (lang(?l) = 'zh') }", use_default_graph_as_union=True)
    return {row["l"].value: row["u"].value for row in rows}


def _document_iris(store) -> dict[str, str]:
    """Each document's IRI, by its id (unit_load.rq's document column)."""
    rows = store.query("PREFIX dg: <https://w3id.org/dutygraph/ontology#> "
                       "PREFIX dcterms: <http://purl.org/dc/terms/> "
                       "SELECT ?d ?id WHERE { ?d a dg:Document ; dcterms:identifier ?id }",
                       use_default_graph_as_union=True)
    return {row["id"].value: row["d"].value for row in rows}


def test_every_unit_page_counts_as_unit_load(seed_store):
    units = _unit_iris(seed_store)
    load = run_query_file(seed_store, QUERIES / "unit_load.rq").records()
    assert len(load) == 90
    for row in load:
        counts = pages.entity_page(seed_store, units[row["unit"]]).data["counts"]
        assert (counts["lead_tasks"], counts["co_tasks"], counts["leaders"]) == (
            row["lead_tasks"], row["co_tasks"], row["leaders"]), row["unit"]


@pytest.mark.parametrize("unit", ["区发改局", "区人社局", "区经信局", "区财政局"])
def test_unit_page_tasks_and_targets_as_unit_portfolio(seed_store, client, unit):
    portfolio = run_query_file(seed_store, QUERIES / "unit_portfolio.rq", {"unit": unit}).rows
    page = pages.entity_page(seed_store, _unit_iris(seed_store)[unit])
    tasks = {(row[0], row[3]) for row in portfolio}  # line, role
    assert page.data["counts"]["task_rows"] == len(tasks)
    assert page.data["counts"]["targets"] == sum(1 for row in portfolio if row[5])
    assert sorted((t["line"], t["role"]) for t in page.data["tasks"]) == sorted(tasks)
    html = client.get(_path(page.iri)).text
    assert f'<dd id="targets">{page.data["counts"]["targets"]}</dd>' in html


def test_the_unit_page_of_fgj_shows_its_counts(client):
    response = client.get(_path(FGJ))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<h1>区发改局 <span class=\"en\">Ouhai District Development and Reform Bureau</span>" \
        in html
    for name, value in (("lead-tasks", 11), ("co-tasks", 7), ("leaders", 5), ("targets", 14),
                        ("partners", 43)):
        assert f'<dd id="{name}">{value}</dd>' in html
    assert "排第 2 位" in html  # 区经信局 has more tasks in all
    assert html.count('<g class="bar') == 90
    assert html.count('<g class="bar mark">') == 1
    assert f'href="{_path(LIN)}">林仕德</a>' in html


def test_leader_page_as_leader_units(seed_store, client):
    page = pages.entity_page(seed_store, LIN)
    assert (page.name, page.english) == ("林仕德", "Lin Shide")
    rows = [r for r in run_query_file(seed_store, QUERIES / "leader_units.rq").records()
            if r["leader"] == "林仕德"]
    units = {u["name"]: u for u in page.data["units"]}
    assert len(units) == len(rows) == page.data["counts"]["units"]
    for row in rows:
        assert units[row["unit"]]["lead_tasks"] == row["lead_tasks"], row
        assert units[row["unit"]]["lead_tasks"] + units[row["unit"]]["co_tasks"] == \
            row["tasks"], row
    tasks = [r for r in run_query_file(seed_store, QUERIES / "tasks.rq").records()
             if r["leader"] == "林仕德"]
    assert page.data["counts"]["tasks"] == len(tasks) == 17
    html = client.get(_path(LIN)).text
    assert '<dd id="tasks">17</dd>' in html
    assert "常务副区长" in html


def test_task_page_as_assignments(seed_store, client):
    rows = [r for r in run_query_file(seed_store, QUERIES / "assignments.rq").records()
            if r["line"] == 13]
    page = pages.entity_page(seed_store, TASK)
    assert [(u["name"], u["as_written"], u["role"]) for u in page.data["units"]] == [
        (r["unit"], r["unit_as_written"], r["role"]) for r in rows]
    assert page.data["task"]["leader_name"] == "林仕德"
    assert [t["span"] for t in page.data["targets"]] == ["全区生产总值增长 6.5%左右"]
    html = client.get(_path(TASK)).text
    assert "全区生产总值增长 6.5%左右。" in html
    assert f'href="{_path(FGJ)}">区发改局</a>' in html


def test_document_page_lists_every_task(client, seed_store):
    page = pages.entity_page(seed_store, DOCUMENT)
    assert page.data["counts"]["tasks"] == 127
    assert len(page.data["load"]["units"]) == 90
    html = client.get(_path(DOCUMENT)).text
    assert html.count('href="/doc/ouhai-2024/task-') == 127


def test_target_and_section_pages_link_back(client):
    html = client.get(_path(TASK) + "-target-01").text
    assert "全区生产总值增长 6.5%左右" in html
    assert f'href="{_path(TASK)}"' in html
    section = client.get("/doc/ouhai-2024/section-02").text
    assert "林仕德常委、常务副区长牵头" in section


def test_home_page_lists_the_document(client):
    html = client.get("/").text
    assert 'href="/doc/ouhai-2024">2024年政府工作报告重点工作责任分解</a>' in html


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt")])
def test_pages_for_machines_by_accept(client, accept, fmt):
    response = client.get(_path(FGJ), headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    assert response.headers["vary"] == "Accept"
    graph = Graph().parse(data=response.text, format=fmt)
    assert (URIRef(FGJ), SKOS.prefLabel, Literal("区发改局", lang="zh")) in graph
    assert len(list(graph.objects(URIRef(FGJ), None))) > 18


def test_the_same_graph_in_turtle_and_json_ld(client):
    turtle = Graph().parse(data=client.get(_path(TASK) + "?format=ttl").text, format="turtle")
    jsonld = Graph().parse(data=client.get(_path(TASK) + "?format=jsonld").text,
                           format="json-ld")
    assert compare.isomorphic(turtle, jsonld)
    # The task's parts come with it: its eight assignments and its target.
    assert len(set(turtle.subjects())) >= 10


def test_browser_accept_gets_html(client):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get(_path(FGJ), headers={"Accept": accept}).headers[
        "content-type"].startswith("text/html")


def test_unknown_entity_is_404(client):
    response = client.get("/ouhai/unit/no-such-unit")
    assert response.status_code == 404
    assert "没有" in response.text
    assert client.get("/ouhai/unit/no-such-unit?format=ttl").status_code == 404


@pytest.mark.parametrize(("phrase", "kind", "name"), [
    ("发改", "unit", "区发改局"),
    ("Development and Reform", "unit", "区发改局"),
    ("林仕德", "leader", "林仕德"),
    ("仕德", "leader", "林仕德"),
    ("linshide", "leader", "林仕德"),
    ("Lin Shide", "leader", "林仕德"),
    ("lin-shi-de", "leader", "林仕德"),
    ("SHIDE", "leader", "林仕德"),
])
def test_search_finds_units_and_leaders(client, phrase, kind, name):
    html = client.get("/search", params={"q": phrase}).text
    assert re.search(rf'<li class="{kind}">.*>{name}</a>', html), html


def test_search_finds_tasks_by_text_as_search_tasks(client, seed_store):
    rows = run_query_file(seed_store, QUERIES / "search_tasks.rq", {"text": "数安港"}).rows
    results = pages.search(seed_store, "数安港")
    assert sorted(r["name"] for r in results if r["kind"] == "task") == \
        sorted(row[3] for row in rows)
    html = client.get("/search", params={"q": "数安港"}).text
    assert html.count('<li class="task">') == len(rows) == 2


def test_empty_search_shows_the_help(client):
    html = client.get("/search", params={"q": "  "}).text
    assert "输入单位" in html
    assert '<ul class="results">' not in html


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def _local_links(html: str) -> set[str]:
    parser = _Links()
    parser.feed(html)
    return {link for link in parser.links if link.startswith("/")}


@pytest.mark.parametrize("path", ["/", _path(FGJ), _path(LIN), _path(TASK), "/query",
                                  "/search?q=林"])
def test_every_link_of_a_page_resolves(client, path):
    links = _local_links(client.get(path).text)
    assert len(links) > 3
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.fixture(scope="module")
def evil_graph(seed_turtle, tmp_path_factory):
    """The seed, and a unit named <script>… (and <img …> in English) that leads task 二-1,
    in a graph file."""
    path = tmp_path_factory.mktemp("evil") / "graph.ttl"
    evil_en = EVIL_EN.replace('"', '\\"')
    path.write_text(seed_turtle.read_text(encoding="utf-8") + f"""
<{BASE}ouhai/unit/evil> a <https://w3id.org/dutygraph/ontology#Unit> ;
    <http://www.w3.org/2004/02/skos/core#prefLabel> "{EVIL}"@zh, "{evil_en}"@en ;
    <https://w3id.org/dutygraph/ontology#leads> <{TASK}> .
<{TASK}> <https://w3id.org/dutygraph/ontology#remark> "{EVIL}" ;
    <http://www.w3.org/ns/prov#qualifiedAttribution> <{TASK}-unit-99> .
<{TASK}-unit-99> <http://www.w3.org/ns/prov#agent> <{BASE}ouhai/unit/evil> ;
    <http://www.w3.org/ns/prov#hadRole> <https://w3id.org/dutygraph/ontology#lead> ;
    <https://w3id.org/dutygraph/ontology#nameAsWritten> "{EVIL}"@zh ;
    <https://w3id.org/dutygraph/ontology#position> 99 .
""", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def evil_client(evil_graph, tmp_path_factory):
    catalogue = tmp_path_factory.mktemp("catalogue")
    (catalogue / "README.md").write_text("x")
    (catalogue / "evil.rq").write_text(f"# title: </script>{EVIL}\n# question (zh): {EVIL}\n"
                                       "SELECT * WHERE { ?s ?p ?o } LIMIT 1\n")
    bench = Workbench(evil_graph, catalogue=catalogue)
    with TestClient(create_app(bench)) as client:
        yield client
    bench.close()


@pytest.mark.parametrize("path", ["/ouhai/unit/evil", _path(TASK), _path(LIN), _path(DOCUMENT),
                                  "/search?q=script", "/search?q=" + EVIL, "/query",
                                  _path(FGJ)])
def test_every_page_escapes_text(evil_client, path):
    html = evil_client.get(path).text
    assert "alert(" in html  # the text is there …
    assert "<script>alert" not in html  # … but never as markup
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "\\u003cscript\\u003e" in html


def test_base_of_the_graph_sets_where_the_pages_live(tmp_path):
    base = "https://data.example.gov.cn/id/"
    path = tmp_path / "graph.ttl"
    path.write_bytes(build(SEED, base=base).graph.serialize(format="turtle", encoding="utf-8"))
    bench = Workbench(path)
    try:
        assert bench.base == base
        with TestClient(create_app(bench)) as client:
            html = client.get("/ouhai/unit/development-reform-bureau").text
            assert "<code>https://data.example.gov.cn/id/ouhai/unit/" in html
            assert f'href="{_path(LIN)}">林仕德</a>' in html
    finally:
        bench.close()


def test_unit_page_links_to_its_collaboration_picture(client):
    html = client.get(_path(FGJ)).text
    assert 'href="/picture?view=unit%3A%E5%8C%BA%E5%8F%91%E6%94%B9%E5%B1%80"' in html
    picture = client.get("/picture", params={"view": "unit:区发改局"})
    assert picture.status_code == 200
    assert "区发改局" in picture.text
    assert client.get("/picture", params={"view": "unit:没有这个单位"}).status_code == 404


def test_leader_and_task_pages_name_the_document_by_its_title(client):
    title = "瓯海区 2024 2024年政府工作报告重点工作责任分解"
    assert f'href="/doc/ouhai-2024">{title}</a>' in client.get(_path(LIN)).text
    assert f'href="/doc/ouhai-2024">{title}</a>' in client.get(_path(TASK)).text


def test_a_corpus_store_is_served_with_unit_load_counts(tmp_path):
    from click.testing import CliRunner

    from dutygraph.cli.main import cli

    corpus = REPO / "tests" / "corpus"
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["build", str(corpus / "ouhai-2023-key-tasks.txt"),
                                      str(SEED), str(corpus / "ouhai-2025-key-tasks.txt"),
                                      "-o", str(tmp_path / "out"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    bench = Workbench(store)
    try:
        units, documents = _unit_iris(bench.store), _document_iris(bench.store)
        rows = list(run_query_file(bench.store, QUERIES / "unit_load.rq").records())
        unit_pages = {row["unit"]: pages.entity_page(bench.store, units[row["unit"]])
                      for row in rows}
        # unit_load.rq counts per document (issue 22): each row is the unit's load in one
        # year, as its page shows it in that year's load chart and among that year's tasks
        for row in rows:
            page, document = unit_pages[row["unit"]], documents[row["document"]]
            load = next(load for load in page.data["loads"] if load["document"] == document)
            mine = next(unit for unit in load["units"] if unit["unit"] == units[row["unit"]])
            tasks = [task for task in page.data["tasks"] if task["document"] == document]
            leaders = {leader for task in tasks for leader, _ in task["leaders"]}
            assert (mine["lead_tasks"], mine["co_tasks"], len(leaders)) == (
                row["lead_tasks"], row["co_tasks"], row["leaders"]), row
        # and the page's counts over every year are the sums of the unit's rows
        for unit, page in unit_pages.items():
            counts = page.data["counts"]
            assert (counts["lead_tasks"], counts["co_tasks"]) == (
                sum(row["lead_tasks"] for row in rows if row["unit"] == unit),
                sum(row["co_tasks"] for row in rows if row["unit"] == unit)), unit
        with TestClient(create_app(bench)) as client:
            html = client.get(_path(FGJ)).text
            assert '<dd id="lead-tasks">16</dd>' in html
            assert html.count('<svg class="bars"') == 3  # one chart per year
            assert client.get("/doc/ouhai-2023").status_code == 200
    finally:
        bench.close()
