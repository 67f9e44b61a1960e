"""A shared SPARQL server: push a graph over the Graph Store Protocol, ask it catalogue queries.

Tested against Virtuoso 7 (Debian's virtuoso-opensource). Its pitfalls with Chinese text, and
how they are avoided here:
- the pushed graph is sent as N-Triples with every non-ASCII character written as a \\u escape,
  so the server's guess at the request's charset cannot garble a label;
- parameter values are bound as \\u-escaped string literals (query.sparql_string) for the same
  reason in query text;
- answers are read as SPARQL JSON, which is UTF-8 by definition.
"""

from __future__ import annotations

import http.client
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import warnings
from pathlib import Path

import pyoxigraph as ox

from dutygraph.ask.graphs import open_graph
from dutygraph.ask.query import QueryResult, ascii_escaped, bind_parameters
from dutygraph.ask.values import typed_value
from dutygraph.errors import DutygraphError, InputError, import_extra

USER_VARIABLE = "DUTYGRAPH_ENDPOINT_USER"
PASSWORD_VARIABLE = "DUTYGRAPH_ENDPOINT_PASSWORD"
TIMEOUT_SECONDS = 120


class EndpointError(DutygraphError):
    """The server refused or failed a request."""


def ascii_ntriples(graph_file: str | Path) -> bytes:
    """The graph in GRAPH_FILE as N-Triples, pure ASCII (non-ASCII as \\u escapes)."""
    store = open_graph(graph_file)
    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8")
    return ascii_escaped(text).encode("ascii")


def push(graph_file: str | Path, store_url: str, graph_iri: str, user: str, password: str) -> int:
    """Replace GRAPH_IRI on the Graph Store Protocol service STORE_URL; return the HTTP status.

    A body-less GET first learns the server's authentication scheme and checks the
    credentials. Only then is the graph sent, with the credentials up front: a server that
    answers a large unauthenticated PUT with 401 may close the connection mid-upload.
    """
    requests = import_extra("requests", "endpoint", "pushing to a SPARQL server")
    body = ascii_ntriples(graph_file)
    params = {"graph": graph_iri}
    with requests.Session() as session:
        try:
            session.auth = _authenticate(session, store_url, params, user, password)
            response = session.put(store_url, params=params, data=body,
                                   headers={"Content-Type": "application/n-triples"},
                                   timeout=TIMEOUT_SECONDS)
        except requests.RequestException as error:
            raise EndpointError(f"{store_url}: cannot connect: {error}") from None
    _raise_for_status(store_url, response)
    return response.status_code


def _authenticate(session, store_url: str, params: dict, user: str, password: str):
    """The auth object that the server's challenge asks for, checked by a GET."""
    from requests.auth import HTTPBasicAuth, HTTPDigestAuth

    challenge = session.get(store_url, params=params, timeout=TIMEOUT_SECONDS)
    scheme = challenge.headers.get("WWW-Authenticate", "").split(" ", 1)[0].lower()
    auth = HTTPDigestAuth(user, password) if scheme == "digest" else HTTPBasicAuth(user, password)
    probe = session.get(store_url, params=params, auth=auth, timeout=TIMEOUT_SECONDS)
    if probe.status_code in (401, 403):
        _raise_for_status(store_url, probe)
    return auth


def _raise_for_status(url: str, response) -> None:
    if response.status_code >= 400:
        detail = " ".join(response.text.split())[:300]
        raise EndpointError(f"{url}: the server answered {response.status_code} "
                            f"{response.reason}: {detail}")


# Virtuoso cuts an answer at ResultSetMaxRows rows without an error, and says so only in
# this response header, also when the answer has exactly that many rows (checked against
# Debian's virtuoso-opensource 7.2). A query stopped at MaxQueryExecutionTime ("anytime"
# answer) comes back with status 200 too, and the second header (S1TAT).
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"
SQL_STATE_HEADER = "X-SQL-State"


def remote_query(
    endpoint: str, query: str, origin: str = "<query>", params: dict[str, str] | None = None,
    graph_iri: str | None = None,
) -> QueryResult:
    """Run a SELECT query on a SPARQL endpoint; the answer has the local engine's value types."""
    wrapper = import_extra("SPARQLWrapper", "endpoint", "asking a SPARQL endpoint")
    JSON, POST, SPARQLWrapper = wrapper.JSON, wrapper.POST, wrapper.SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    bound = bind_parameters(query, params or {}, origin)
    if not _is_select(bound):  # refused before the server is asked, as locally
        raise InputError(origin, None, "only SELECT queries give a table; this is not one")
    client = SPARQLWrapper(endpoint)
    client.setQuery(bound)
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(TIMEOUT_SECONDS)
    if graph_iri:
        client.addDefaultGraph(graph_iri)
    try:
        response = client.query()
        with warnings.catch_warnings():  # a page of another type: said below, with its type
            warnings.simplefilter("ignore", RuntimeWarning)
            answer = response.convert()
    except (SPARQLWrapperException, urllib.error.URLError) as error:
        raise EndpointError(f"{endpoint}: {error}") from None
    except (OSError, http.client.HTTPException) as error:  # closed mid-answer, timed out
        raise EndpointError(f"{endpoint}: no answer: {str(error) or type(error).__name__}") \
            from None
    except ValueError as error:  # cut short where no length was announced: not whole JSON
        raise EndpointError(f"{endpoint}: the answer is not whole SPARQL JSON ({error}); the "
                            "server may have closed the connection midway") from None
    headers = response.info()  # SPARQLWrapper lower-cases the names
    if headers.get(SQL_STATE_HEADER.lower()):
        raise EndpointError(
            f"{endpoint}: the server stopped the query ({SQL_STATE_HEADER} "
            f"{headers[SQL_STATE_HEADER.lower()]}: {headers.get('x-sql-message', '')}) and sent "
            "what it had found so far: the answer is incomplete. Ask a narrower question, or "
            "ask its administrator to raise MaxQueryExecutionTime in virtuoso.ini.")
    cut_at = headers.get(MAX_ROWS_HEADER.lower())
    if cut_at:
        raise EndpointError(
            f"{endpoint}: the server sent {cut_at} rows, its ResultSetMaxRows limit (said in "
            f"its {MAX_ROWS_HEADER} header): the answer may be cut short there. Ask its "
            "administrator to raise ResultSetMaxRows in virtuoso.ini, or ask for pages of "
            f"fewer than {cut_at} rows with LIMIT and OFFSET.")
    if isinstance(answer, dict) and "boolean" in answer:  # an ASK the prologue hid
        raise InputError(origin, None, "only SELECT queries give a table; this is not one")
    try:
        columns = tuple(answer["head"]["vars"])
        rows = tuple(
            tuple(_json_value(binding.get(column)) for column in columns)
            for binding in answer["results"]["bindings"]
        )
    except (KeyError, TypeError, AttributeError):  # an HTML page, JSON of another shape
        raise EndpointError(
            f"{endpoint}: the answer is not SPARQL results in JSON (it came as "
            f"{headers.get('content-type', 'no Content-Type')}): is this the SPARQL "
            "endpoint's address?") from None
    return QueryResult(columns, rows)


def _is_select(query: str) -> bool:
    """Whether QUERY is a SELECT query: the first word after its prologue (comments, PREFIX
    and BASE declarations). Another first word (a Virtuoso DEFINE) is left to the server.
    Not SPARQLWrapper's guess, which took a catalogue query for an ASK by a word in its
    comments; not Oxigraph's parser, which refuses Virtuoso's functions and takes seconds to
    plan a query of thousands of UNIONs."""
    form = _QUERY_FORM.match(query)
    return form is None or form[1].upper() not in ("ASK", "CONSTRUCT", "DESCRIBE")


_QUERY_FORM = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
                         r"([A-Za-z]+)", re.IGNORECASE)


def credentials(prompt=None) -> tuple[str, str]:
    """User and password from the environment, else from PROMPT (never from the command line)."""
    user = os.environ.get(USER_VARIABLE)
    password = os.environ.get(PASSWORD_VARIABLE)
    if user and password:
        return user, password
    if prompt is None:
        raise EndpointError(f"set {USER_VARIABLE} and {PASSWORD_VARIABLE} to push to a server")
    return prompt(user)


def _json_value(term: dict | None):
    """A SPARQL JSON term as values.python_value would give it."""
    if term is None:
        return None
    if term["type"] in ("literal", "typed-literal") and "datatype" in term:
        return typed_value(term["value"], term["datatype"])
    return term["value"]
