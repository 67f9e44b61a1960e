"""The SPARQL 1.1 Protocol, read-only: which query a request asks, and in which format to answer.

https://www.w3.org/TR/sparql11-protocol/ : a query comes as the `query` parameter of a GET, a
form-encoded POST, or as the body of a POST of type application/sparql-query; the dataset as
`default-graph-uri` and `named-graph-uri`. The answer's format is negotiated by the Accept
header, or chosen by a `format` (or `output`) parameter, which wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox


class ProtocolError(Exception):
    """A request the endpoint answers with an error: its HTTP status and a message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class QueryRequest:
    """One query: its text, its dataset, and the media types acceptable for the answer."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: tuple[str, ...] = field(default=("*/*",))


QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
FORM_TYPE = "application/x-www-form-urlencoded"
READ_ONLY = ("this endpoint is read-only: it answers queries (SELECT, ASK, CONSTRUCT, "
             "DESCRIBE) and refuses updates")

# Answers to SELECT and ASK, and to CONSTRUCT and DESCRIBE, by media type; the first is the
# default. Names a `format` parameter may give map to the media types below.
RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/xml": ox.RdfFormat.RDF_XML,
    "text/xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "text/n3": ox.RdfFormat.N3,
}
if hasattr(ox.RdfFormat, "JSON_LD"):  # pyoxigraph 0.5 writes JSON-LD, 0.4 does not
    GRAPH_TYPES["application/ld+json"] = ox.RdfFormat.JSON_LD
    GRAPH_TYPES["application/json"] = ox.RdfFormat.JSON_LD
FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "srj": ("application/sparql-results+json",),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "srx": ("application/sparql-results+xml",),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "ttl": ("text/turtle",),
    "n3": ("text/turtle",),
    "nt": ("application/n-triples",),
    "ntriples": ("application/n-triples",),
    "n-triples": ("application/n-triples",),
    "rdfxml": ("application/rdf+xml",),
    "rdf": ("application/rdf+xml",),
    "jsonld": ("application/ld+json",),
    "json-ld": ("application/ld+json",),
}


def read_request(method: str, content_type: str, query_string: str, body: bytes,
                 accept: str) -> QueryRequest:
    """The query a request asks, or ProtocolError (400 for a malformed request, 403 for an
    update, 415 for a body of another type)."""
    params = parse_qsl(query_string, keep_blank_values=True)
    media = content_type.split(";", 1)[0].strip().lower()
    if method == "POST":
        if media == UPDATE_TYPE:
            raise ProtocolError(403, READ_ONLY)
        if media == FORM_TYPE:
            params += parse_qsl(_decoded(body, content_type), keep_blank_values=True)
        elif media == QUERY_TYPE:
            params.append(("query", _decoded(body, content_type)))
        elif media or body:
            raise ProtocolError(415, f"a POST must be {FORM_TYPE} or {QUERY_TYPE}, not "
                                f"{media or 'untyped'}")
    names = [name for name, _ in params]
    if "update" in names:
        raise ProtocolError(403, READ_ONLY)
    queries = [value for name, value in params if name == "query"]
    if len(queries) != 1:
        raise ProtocolError(400, "give one SPARQL query, as the `query` parameter or as the "
                            f"body of a POST of type {QUERY_TYPE}")
    check_query(queries[0])
    return QueryRequest(
        queries[0],
        tuple(value for name, value in params if name == "default-graph-uri"),
        tuple(value for name, value in params if name == "named-graph-uri"),
        _accepted(params, accept),
    )


def _decoded(body: bytes, content_type: str) -> str:
    charset = re.search(r"charset=([\w-]+)", content_type, re.IGNORECASE)
    try:
        return body.decode(charset[1] if charset else "utf-8")
    except (LookupError, UnicodeDecodeError) as error:
        raise ProtocolError(400, f"the request body is not text in its charset: {error}") \
            from None


def _accepted(params: list[tuple[str, str]], accept: str) -> tuple[str, ...]:
    """Media types acceptable for the answer, best first: a `format` parameter's, or Accept's."""
    for name, value in params:
        if name in ("format", "output") and value:
            value = value.strip().lower()
            if "/" in value:
                return (value,)
            if value not in FORMAT_NAMES:
                raise ProtocolError(400, f"unknown format {value!r}; use one of "
                                    + ", ".join(FORMAT_NAMES) + " or a media type")
            return FORMAT_NAMES[value]
    return parse_accept(accept)


def parse_accept(header: str) -> tuple[str, ...]:
    """The media ranges of an Accept header, highest quality first (ties in their order);
    ranges of quality 0 are left out."""
    ranges = []
    for position, part in enumerate(header.split(",")):
        media, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranges.append((-quality, position, media.lower()))
    return tuple(media for _, _, media in sorted(ranges)) or ("*/*",)


def negotiate(accept: tuple[str, ...], offers: list[str]) -> str | None:
    """The first of OFFERS that the best acceptable media range matches, or None."""
    for wanted in accept:
        for offer in offers:
            if wanted in ("*/*", offer) or (wanted.endswith("/*")
                                            and offer.startswith(wanted[:-1])):
                return offer
    return None


def result_format(accept: tuple[str, ...], graph: bool):
    """The media type and Oxigraph format of an answer (a graph if GRAPH), or a 406."""
    table = GRAPH_TYPES if graph else RESULT_TYPES
    offers = list(table)
    chosen = negotiate(accept, offers)
    if chosen is None:
        kind = "a graph (CONSTRUCT, DESCRIBE)" if graph else "results (SELECT, ASK)"
        raise ProtocolError(406, f"this query's answer is {kind}: ask for one of "
                            + ", ".join(dict.fromkeys(offers)))
    return chosen, table[chosen]


# Words that begin an update, and SERVICE: Oxigraph would send a federated query's part to any
# address the query names, so the endpoint refuses them. Comments, strings and IRIs are left
# out before looking (a task text may say "SERVICE").
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY",
                 "WITH")
_NOT_CODE = re.compile(r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*'
                       r"'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>")
_PROLOGUE = re.compile(r"(?:\s+|PREFIX\s+[^\s:]*:\s*<>|BASE\s*<>)*([A-Za-z]+)", re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def check_query(query: str) -> None:
    """ProtocolError for an update (403) or a federated query (400); the rest is left to the
    engine's parser."""
    code = _NOT_CODE.sub(lambda m: "<>" if m[0].startswith("<") else " ", query)
    first = _PROLOGUE.match(code)
    if first and first[1].upper() in _UPDATE_WORDS:
        raise ProtocolError(403, READ_ONLY)
    if _SERVICE.search(code):
        raise ProtocolError(400, "SERVICE (federated query) is off on this endpoint: it "
                            "answers from its own graph only")
