"""A shared Virtuoso endpoint gives the same answers as the local graph, Chinese byte for byte."""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager

import pytest
from click.testing import CliRunner

from dutygraph.ask.endpoint import remote_query
from dutygraph.ask.query import read_query, required_parameters, run_query
from dutygraph.cli.main import cli

from .conftest import QUERIES, require_tool
from .virtuoso import Virtuoso

GRAPH_IRI = "https://example.org/graphs/ouhai-2024"
# A value for each parameter a catalogue query declares, chosen to give rows.
PARAMS = {"text": "数安港", "unit": "区人社局"}


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, seed_turtle):
    require_tool("virtuoso-t")
    require_tool("isql-vt")
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso")).start()
    try:
        env = {"DUTYGRAPH_ENDPOINT_USER": server.user,
               "DUTYGRAPH_ENDPOINT_PASSWORD": server.password}
        result = CliRunner(env=env).invoke(cli, [
            "push", str(seed_turtle), "--endpoint", server.store_url, "--graph-iri", GRAPH_IRI])
        assert result.exit_code == 0, result.output
        assert server.password not in result.output
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_remote_answer_equals_local_answer(virtuoso, seed_store, query):
    text = read_query(query)
    params = {name: PARAMS[name] for name in required_parameters(text)}
    local = run_query(seed_store, text, str(query), params)
    remote = remote_query(virtuoso.endpoint, text, str(query), params, GRAPH_IRI)
    assert remote.columns == local.columns
    assert remote.rows == local.rows


def test_chinese_text_is_byte_for_byte(virtuoso, seed_store):
    text = read_query(QUERIES / "tasks.rq")
    local = run_query(seed_store, text)
    remote = remote_query(virtuoso.endpoint, text, graph_iri=GRAPH_IRI)
    local_bytes = [str(v).encode("utf-8") for row in local.rows for v in row]
    remote_bytes = [str(v).encode("utf-8") for row in remote.rows for v in row]
    assert remote_bytes == local_bytes


def test_strlen_counts_characters_not_bytes(virtuoso):
    # Virtuoso has counted UTF-8 bytes in string functions in some set-ups: 刘云峰 is 3.
    query = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
             "SELECT ?n WHERE { ?p skos:prefLabel ?l . FILTER (STR(?l) = \"刘云峰\") "
             "BIND (STRLEN(?l) AS ?n) }")
    assert remote_query(virtuoso.endpoint, query, graph_iri=GRAPH_IRI).rows == ((3,),)


def test_hostile_parameter_is_plain_text_remotely(virtuoso):
    text = read_query(QUERIES / "search_tasks.rq")
    hostile = {"text": 'x" } ; DROP ALL ; #'}
    assert remote_query(virtuoso.endpoint, text, params=hostile, graph_iri=GRAPH_IRI).rows == ()
    assert len(remote_query(virtuoso.endpoint, read_query(QUERIES / "tasks.rq"),
                            graph_iri=GRAPH_IRI).rows) == 127


def test_query_command_reads_an_endpoint(virtuoso):
    result = CliRunner().invoke(cli, [
        "query", str(QUERIES / "search_tasks.rq"), "--endpoint", virtuoso.endpoint,
        "--graph-iri", GRAPH_IRI, "--param", "text=数安港", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("50,林照光,11,中国（温州）数安港")


def test_push_with_a_wrong_password_is_refused(virtuoso, seed_turtle):
    env = {"DUTYGRAPH_ENDPOINT_USER": "dba", "DUTYGRAPH_ENDPOINT_PASSWORD": "wrong"}
    result = CliRunner(env=env).invoke(cli, [
        "push", str(seed_turtle), "--endpoint", virtuoso.store_url, "--graph-iri", GRAPH_IRI])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {virtuoso.store_url}: the server answered 401")
    assert "wrong" not in result.stderr


def test_push_without_credentials_says_how_to_give_them(seed_turtle):
    env = {"DUTYGRAPH_ENDPOINT_USER": "", "DUTYGRAPH_ENDPOINT_PASSWORD": ""}
    result = CliRunner(env=env).invoke(cli, [
        "push", str(seed_turtle), "--endpoint", "http://127.0.0.1:9/x", "--graph-iri", GRAPH_IRI])
    assert result.exit_code == 2
    assert "DUTYGRAPH_ENDPOINT_USER and DUTYGRAPH_ENDPOINT_PASSWORD" in result.stderr


class _CutAnswer:
    """An endpoint that answers as Virtuoso does when it cuts an answer at ResultSetMaxRows:
    status 200, the first rows, and the header X-SPARQL-MaxRows (seen from Debian's 7.2 with
    ResultSetMaxRows = 5: 5 of the seed's 127 tasks, the header '5'; with LIMIT 3, no header)."""

    def __init__(self, headers: dict[str, str]):
        import http.server
        import json
        import threading

        body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
            {"s": {"type": "uri", "value": f"urn:t{i}"}} for i in range(5)]}}).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_port}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_an_answer_the_server_cut_short_is_an_error_not_a_table():
    from dutygraph.ask.endpoint import EndpointError

    server = _CutAnswer({"X-SPARQL-MaxRows": "5"})
    try:
        with pytest.raises(EndpointError, match=r"sent 5 rows, its ResultSetMaxRows limit"):
            remote_query(server.endpoint, "SELECT ?s WHERE { ?s ?p ?o }")
    finally:
        server.server.shutdown()
    whole = _CutAnswer({})
    try:
        assert len(remote_query(whole.endpoint, "SELECT ?s WHERE { ?s ?p ?o }").rows) == 5
    finally:
        whole.server.shutdown()


def test_an_answer_stopped_at_the_server_time_limit_is_an_error():
    from dutygraph.ask.endpoint import EndpointError

    server = _CutAnswer({"X-SQL-State": "S1TAT", "X-SQL-Message": "RC...: Returning incomplete "
                         "results, query interrupted by result timeout."})
    try:
        with pytest.raises(EndpointError, match=r"stopped the query \(X-SQL-State S1TAT"):
            remote_query(server.endpoint, "SELECT ?s WHERE { ?s ?p ?o }")
    finally:
        server.server.shutdown()


@contextmanager
def _one_connection(reply: bytes):
    """An endpoint URL whose server reads one request, sends REPLY (raw bytes, maybe none)
    and closes the connection."""
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        connection, _ = listener.accept()
        connection.recv(65536)
        connection.sendall(reply)
        # Half-closed, then drained: closing with the request unread would reset the
        # connection instead, another error than the one under test.
        connection.shutdown(socket.SHUT_WR)
        while connection.recv(65536):
            pass
        connection.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    finally:
        listener.close()


def test_an_endpoint_that_hangs_up_is_named_in_the_error():
    """A server that takes the connection and closes it unanswered (a proxy's idle cut, a
    crashed server): the error names the endpoint, as a refused connection's does."""
    from dutygraph.ask.endpoint import EndpointError

    with _one_connection(b"") as endpoint, pytest.raises(EndpointError,
                                                         match=rf"^{endpoint}: no answer"):
        remote_query(endpoint, "SELECT ?s WHERE { ?s ?p ?o }")


def test_an_answer_cut_where_no_length_was_announced_is_named_in_the_error():
    """An HTTP/1.0 answer ends where the server closes: closed midway, the JSON is cut."""
    from dutygraph.ask.endpoint import EndpointError

    cut = (b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n"
           b'{"head": {"vars": ["s"]}, "results": {"bindings": [')
    with _one_connection(cut) as endpoint, pytest.raises(
            EndpointError, match=rf"^{endpoint}: the answer is not whole"):
        remote_query(endpoint, "SELECT ?s WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("reply", [
    b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>Welcome</body></html>",
    b'HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n{"results": {}}',
], ids=["an HTML page", "JSON of another shape"])
def test_an_answer_that_is_no_sparql_json_is_named_as_such(reply):
    """A wrong address (a web page) or a server of another kind: the error says the answer is
    not SPARQL results, not that the query is not a SELECT."""
    from dutygraph.ask.endpoint import EndpointError

    with _one_connection(reply) as endpoint, pytest.raises(
            EndpointError, match=rf"^{endpoint}: the answer is not SPARQL results in JSON"):
        remote_query(endpoint, "SELECT ?s WHERE { ?s ?p ?o }")


def test_a_query_that_is_no_select_is_refused_before_the_server_is_asked():
    from dutygraph.errors import InputError

    with pytest.raises(InputError, match="only SELECT queries give a table"):
        remote_query("http://127.0.0.1:9/sparql", "ASK { ?s ?p ?o }", "ask.rq")


def test_a_virtuoso_function_goes_to_the_server_and_an_ask_it_hides_is_refused():
    """Queries dutygraph's engine could not run (Virtuoso's bif: functions, DEFINE pragmas)
    are left to the server; if what it sends back is an ASK's answer, the query is named."""
    from dutygraph.errors import InputError

    ok = (b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n"
          b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", '
          b'"value": "urn:t1"}}]}}')
    bif = ("PREFIX bif: <http://www.openlinksw.com/schemas/bif#>\n"
           'SELECT ?s WHERE { ?s ?p ?o FILTER (bif:contains(?o, "x")) }')
    with _one_connection(ok) as endpoint:
        assert remote_query(endpoint, bif).rows == (("urn:t1",),)
    boolean = (b"HTTP/1.0 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n"
               b'{"head": {}, "boolean": true}')
    with _one_connection(boolean) as endpoint, pytest.raises(InputError, match="only SELECT"):
        remote_query(endpoint, 'DEFINE input:inference "urn:rules" ASK { ?s ?p ?o }', "ask.rq")
