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

import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from dutygraph.errors import DutygraphError, InputError
from dutygraph.query import QueryResult, bind_parameters, python_value

USER_VARIABLE = "DUTYGRAPH_ENDPOINT_USER"
PASSWORD_VARIABLE = "DUTYGRAPH_ENDPOINT_PASSWORD"
TIMEOUT_SECONDS = 120


class EndpointError(DutygraphError):
    """The server refused or failed a request."""


def ascii_ntriples(graph_file: str | Path) -> bytes:
    """The graph in GRAPH_FILE as N-Triples, pure ASCII (non-ASCII as \\u escapes)."""
    from dutygraph.query import load_graph

    store = load_graph(graph_file)
    text = store.dump(format=_ntriples_format(), from_graph=_default_graph()).decode("utf-8")
    return "".join(c if ord(c) < 128 else _escape(c) for c in text).encode("ascii")


def push(graph_file: str | Path, store_url: str, graph_iri: str, user: str, password: str) -> int:
    """Replace GRAPH_IRI on the Graph Store Protocol service STORE_URL; return the HTTP status."""
    body = ascii_ntriples(graph_file)
    url = f"{store_url}{'&' if '?' in store_url else '?'}" + urllib.parse.urlencode(
        {"graph": graph_iri})
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    opener = _opener(store_url, user, password)
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:300]
        raise EndpointError(f"{store_url}: the server answered {error.code} {error.reason}: "
                            f"{detail}") from None
    except urllib.error.URLError as error:
        raise EndpointError(f"{store_url}: cannot connect: {error.reason}") from None


def remote_query(
    endpoint: str, query: str, origin: str = "<query>", params: dict[str, str] | None = None,
    graph_iri: str | None = None,
) -> QueryResult:
    """Run a SELECT query on a SPARQL endpoint; the answer has the local engine's value types."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint)
    client.setQuery(bind_parameters(query, params or {}, origin))
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(TIMEOUT_SECONDS)
    if graph_iri:
        client.addDefaultGraph(graph_iri)
    try:
        answer = client.queryAndConvert()
    except (SPARQLWrapperException, urllib.error.URLError) as error:
        raise EndpointError(f"{endpoint}: {error}") from None
    if not isinstance(answer, dict) or "results" not in answer:
        raise InputError(origin, None, "only SELECT queries give a table; this is not one")
    columns = tuple(answer["head"]["vars"])
    rows = tuple(
        tuple(_json_value(binding.get(column)) for column in columns)
        for binding in answer["results"]["bindings"]
    )
    return QueryResult(columns, rows)


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
    """A SPARQL JSON term as query.python_value would give it."""
    if term is None:
        return None
    import pyoxigraph as ox

    if term["type"] in ("literal", "typed-literal") and "datatype" in term:
        return python_value(ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"])))
    return term["value"]


def _opener(url: str, user: str, password: str) -> urllib.request.OpenerDirector:
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password)
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def _ntriples_format():
    import pyoxigraph as ox

    return ox.RdfFormat.N_TRIPLES


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _default_graph():
    import pyoxigraph as ox

    return ox.DefaultGraph()
