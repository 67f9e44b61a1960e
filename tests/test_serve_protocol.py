"""dutygraph serve's SPARQL endpoint: the SPARQL 1.1 Protocol over plain HTTP and through
SPARQLWrapper, `dutygraph query --endpoint` and the notebook magic, each giving the local
answer of every catalogue query; its formats; and its refusals (updates, federated queries,
malformed queries, a query past the time limit, an answer past the size limit)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import requests
from click.testing import CliRunner
from rdflib import Graph

from dutygraph.ask.endpoint import remote_query
from dutygraph.ask.query import declared_parameters, read_query, run_query
from dutygraph.cli.main import cli
from dutygraph.serve.app import Workbench
from dutygraph.serve.protocol import parse_accept

from .conftest import QUERIES
from .serve_server import start

# A value for each parameter a catalogue query declares, chosen to give rows (as the Virtuoso
# test does).
PARAMS = {"text": "数安港", "unit": "区人社局"}
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LEADERS = ("PREFIX dg: <https://w3id.org/dutygraph/ontology#>\n"
           "CONSTRUCT { ?l a dg:Leader } WHERE { ?l a dg:Leader }")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _post(endpoint, query, **headers):
    return requests.post(endpoint, data={"query": query}, headers=headers, timeout=60)


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_endpoint_answer_equals_local_answer(served, seed_store, query):
    text = read_query(query)
    params = {name: PARAMS[name] for name in declared_parameters(text)}
    local = run_query(seed_store, text, str(query), params)
    remote = remote_query(served.endpoint, text, str(query), params)
    assert remote.columns == local.columns
    assert remote.rows == local.rows


def test_query_command_reads_the_endpoint(served, seed_store):
    result = CliRunner().invoke(cli, [
        "query", str(QUERIES / "search_tasks.rq"), "--endpoint", served.endpoint,
        "--param", "text=数安港", "--format", "csv"])
    assert result.exit_code == 0, result.output
    local = run_query(seed_store, read_query(QUERIES / "search_tasks.rq"),
                      params={"text": "数安港"})
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(local.columns)
    assert len(rows) - 1 == len(local.rows) == 2


@pytest.mark.parametrize("name", ["unit_load.rq", "unit_portfolio.rq"])
def test_notebook_magic_reads_the_endpoint_as_the_graph(served, seed_turtle, name):
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "dutygraph.picture.magic")
    shell.run_line_magic("sparql_graph", str(seed_turtle))
    line = f"{QUERIES / name} --param unit=区人社局" if name == "unit_portfolio.rq" \
        else str(QUERIES / name)
    local = shell.run_line_magic("sparql_file", line)
    remote = shell.run_line_magic("sparql_file", f"{line} --endpoint {served.endpoint}")
    assert len(remote) > 5
    assert remote.equals(local)


def test_sparqlwrapper_select_ask_and_construct(served):
    from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(served.endpoint)
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    triples = int(client.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert triples > 5000
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("literal")[0].firstChild.data \
        == str(triples)
    client.setReturnFormat(CSV)
    assert client.query().convert().decode("utf-8").split() == ["n", str(triples)]
    client.setQuery("ASK { ?u <http://www.w3.org/2004/02/skos/core#prefLabel> '区发改局'@zh }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery(LEADERS)
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 11


# Accept header → the media type of the answer and a check of its body.
SELECT_FORMATS = {
    "application/sparql-results+json":
        lambda body: json.loads(body)["results"]["bindings"][0]["n"]["value"],
    "application/sparql-results+xml":
        lambda body: ET.fromstring(body).find(".//{*}literal").text,
    "text/csv": lambda body: body.decode().split()[1],
    "text/tab-separated-values": lambda body: body.decode().split()[1].split("^^")[0].strip('"'),
}
GRAPH_FORMATS = {"text/turtle": "turtle", "application/n-triples": "nt",
                 "application/rdf+xml": "xml", "application/ld+json": "json-ld"}


@pytest.mark.parametrize("media_type", SELECT_FORMATS)
def test_select_answers_in_each_format_by_accept(served, seed_store, media_type):
    expected = str(run_query(seed_store, COUNT).rows[0][0])
    response = _post(served.endpoint, COUNT, Accept=media_type)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert SELECT_FORMATS[media_type](response.content) == expected


@pytest.mark.parametrize(("name", "media_type"), [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
    ("csv", "text/csv"), ("tsv", "text/tab-separated-values")])
def test_format_parameter_wins_over_accept(served, name, media_type):
    response = requests.get(served.endpoint, params={"query": COUNT, "format": name},
                            headers={"Accept": "text/turtle"}, timeout=60)
    assert response.headers["content-type"].split(";")[0] == media_type


@pytest.mark.parametrize("media_type", GRAPH_FORMATS)
def test_construct_answers_in_each_graph_format(served, media_type):
    response = _post(served.endpoint, LEADERS, Accept=media_type)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    graph = Graph().parse(data=response.content, format=GRAPH_FORMATS[media_type])
    assert len(graph) == 11


def test_query_as_the_body_of_a_post(served):
    response = requests.post(served.endpoint, data=COUNT.encode("utf-8"), timeout=60,
                             headers={"Content-Type": "application/sparql-query",
                                      "Accept": "text/csv"})
    assert response.status_code == 200
    assert response.text.split()[0] == "n"


def test_chinese_survives_a_get(served):
    query = ('SELECT ?u WHERE { ?u <http://www.w3.org/2004/02/skos/core#prefLabel> '
             '"区发改局"@zh }')
    response = requests.get(served.endpoint, params={"query": query}, timeout=60)
    assert response.json()["results"]["bindings"][0]["u"]["value"].endswith(
        "/unit/development-reform-bureau")


def test_describe_gives_the_entitys_statements(served):
    iri = "https://w3id.org/dutygraph/id/ouhai/person/lin-shi-de-014c8b"
    response = _post(served.endpoint, f"DESCRIBE <{iri}>", Accept="application/n-triples")
    graph = Graph().parse(data=response.content, format="nt")
    assert len(list(graph.objects(predicate=None, subject=None))) > 17


@pytest.mark.parametrize(("request_args", "status", "message"), [
    ({"data": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, "SPARQL syntax error"),
    ({"data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 403, "read-only"),
    ({"data": {"query": "# a comment\nPREFIX x: <urn:x#>\ndelete where { ?s ?p ?o }"}}, 403,
     "read-only"),
    ({"data": {"update": "DROP ALL"}}, 403, "read-only"),
    ({"data": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}, 403,
     "read-only"),
    ({"data": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}},
     400, "SERVICE"),
    ({"data": b"x", "headers": {"Content-Type": "text/plain"}}, 415, "application/sparql-query"),
    ({"data": {}}, 400, "give one SPARQL query"),
    ({"data": {"query": LEADERS}, "headers": {"Accept": "text/csv"}}, 406, "text/turtle"),
    ({"data": {"query": COUNT, "format": "yaml"}}, 400, "unknown format 'yaml'"),
])
def test_refusals_say_why(served, request_args, status, message):
    response = requests.post(served.endpoint, timeout=60, **request_args)
    assert response.status_code == status, response.text
    assert message in response.text
    assert response.headers["content-type"].startswith("text/plain")


def test_a_text_that_mentions_service_or_insert_is_not_refused(served):
    query = 'SELECT ?x WHERE { BIND ("SERVICE INSERT" AS ?x) } # SERVICE'
    assert _post(served.endpoint, query).json()["results"]["bindings"][0]["x"]["value"] \
        == "SERVICE INSERT"


def test_cors_is_off_by_default(served):
    response = requests.get(served.endpoint, params={"query": COUNT}, timeout=60,
                            headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers


def test_a_browser_asking_the_endpoint_goes_to_the_query_page(served):
    response = requests.get(served.endpoint, headers={"Accept": "text/html"}, timeout=60)
    assert response.url == served.url + "query"


def test_parse_accept_orders_by_quality():
    assert parse_accept("text/csv;q=0.5, application/json, */*;q=0.1, text/xml;q=0") == (
        "application/json", "text/csv", "*/*")


@pytest.fixture(scope="module")
def limited(seed_turtle):
    """A server with a 1 s time limit and a 20 kB answer limit, CORS on."""
    running, stop = start(Workbench(seed_turtle, timeout=1.0, max_bytes=20_000), cors=True)
    yield running
    stop()


def test_a_query_past_the_time_limit_gets_503_and_the_server_goes_on(limited):
    response = _post(limited.endpoint, SLOW)
    assert response.status_code == 503
    assert "longer than 1 s" in response.text
    after = _post(limited.endpoint, COUNT, Accept="text/csv")  # a new worker took over
    assert after.status_code == 200
    assert int(after.text.split()[1]) > 5000


def test_an_answer_past_the_size_limit_gets_400(limited):
    response = _post(limited.endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert response.status_code == 400
    assert "larger than 0.0190735 MB" in response.text
    assert "LIMIT" in response.text
    assert _post(limited.endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 5").status_code == 200


def test_cors_when_asked(limited):
    response = requests.get(limited.endpoint, params={"query": COUNT}, timeout=60,
                            headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_serve_binds_loopback_without_cors_by_default(seed_turtle):
    from dutygraph.cli.serve import serve

    params = serve.make_context("serve", [str(seed_turtle)]).params
    assert (params["host"], params["port"], params["cors"]) == ("127.0.0.1", 7878, False)
