"""Answers read back from the SPARQL TSV Oxigraph writes give the values the term objects give:
every kind of term, the escapes, and the edge cases of the TSV layout."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from dutygraph.ask.query import bind_parameters, read_query, required_parameters, run_query
from dutygraph.ask.values import python_value, tsv_rows

from .conftest import QUERIES

XSD = "http://www.w3.org/2001/XMLSchema#"
# Each control character, quote and backslash, and Chinese, in one string.
AWKWARD = "a\tb\nc\rd\\e\"f'g\x01h\x0ci\x1cj\x7fk\bl中文"
EVERY_KIND = f"""
SELECT ?negative ?decimal ?double ?boolean ?awkward ?chinese ?iri ?blank ?empty ?unbound
       ?date ?int ?nan
WHERE {{
  BIND (-5 AS ?negative)
  BIND (1.50 AS ?decimal)
  BIND (1e3 AS ?double)
  BIND ("1"^^<{XSD}boolean> AS ?boolean)
  BIND ({ox.Literal(AWKWARD)!s} AS ?awkward)
  BIND ("工作"@zh AS ?chinese)
  BIND (<http://example.org/a?b=c#d> AS ?iri)
  BIND (BNODE("b") AS ?blank)
  BIND ("" AS ?empty)
  OPTIONAL {{ ?nothing ?at ?all }}
  BIND (?all AS ?unbound)
  BIND ("2024-01-31"^^<{XSD}date> AS ?date)
  BIND ("07"^^<{XSD}int> AS ?int)
  BIND ("NaN"^^<{XSD}double> AS ?nan)
}}"""


def term_by_term(store: ox.Store, query: str) -> tuple[tuple, ...]:
    """The rows as python_value converts each term object: the slow path, as the reference."""
    return tuple(tuple(python_value(term) for term in solution)
                 for solution in store.query(query, use_default_graph_as_union=True))


def test_every_kind_of_term_reads_back_as_its_value():
    [row] = run_query(ox.Store(), EVERY_KIND).rows
    negative, decimal, double, boolean, awkward, chinese, iri, blank, empty, unbound, date, \
        integer, nan = row
    assert (negative, decimal, double, boolean) == (-5, Decimal("1.5"), 1000.0, True)
    assert type(negative) is int and type(decimal) is Decimal and type(double) is float
    assert awkward == AWKWARD
    assert (chinese, iri, empty, unbound, date, integer) == (
        "工作", "http://example.org/a?b=c#d", "", None, "2024-01-31", 7)
    assert blank and isinstance(blank, str)
    assert nan != nan  # NaN, a float
    expected = term_by_term(ox.Store(), EVERY_KIND)[0]
    assert row[:7] + row[8:12] == expected[:7] + expected[8:12]  # the blank node is new each time


def test_rows_of_one_unbound_column_are_kept():
    # Each such row is an empty line in the TSV: they are rows, not the end of the answer.
    query = "SELECT ?x WHERE { VALUES ?y { 1 2 3 } OPTIONAL { ?y ?p ?x } }"
    assert run_query(ox.Store(), query).rows == ((None,), (None,), (None,))


def test_no_rows_and_no_columns():
    assert run_query(ox.Store(), "SELECT ?x WHERE { ?x ?p ?o }").rows == ()
    assert run_query(ox.Store(), "SELECT * WHERE { }").rows == ((),)


def test_a_cell_that_recurs_is_read_once_and_stays_right():
    query = f'SELECT ?v WHERE {{ VALUES ?v {{ "1" 1 "1"@zh <urn:x:1> "1"^^<{XSD}decimal> }} }}'
    assert run_query(ox.Store(), query).rows == (("1",), (1,), ("1",), ("urn:x:1",),
                                                 (Decimal(1),))


@pytest.mark.parametrize("tsv, problem", [
    (b"?x\n1", "each ending with a newline"),
    (b"", "each ending with a newline"),
    (b"?x\t?y\n1\n", "has 1 cells, not 2"),
    (b"?x\n<<( <urn:a> <urn:b> <urn:c> )>>\n", "a triple term"),
    (b'?x\n"a\\qb"\n', "not an N-Triples escape"),
])
def test_a_malformed_answer_is_an_error_not_a_wrong_value(tsv, problem):
    width = len(tsv.split(b"\n")[0].split(b"\t"))
    with pytest.raises(ValueError, match=problem):
        tsv_rows(tsv, width)


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_every_catalogue_query_reads_back_as_term_by_term(seed_store, query):
    text = read_query(query)
    params = {name: {"text": "孵化", "unit": "区发改局"}[name]
              for name in required_parameters(text)}
    assert run_query(seed_store, text, str(query), params).rows == term_by_term(
        seed_store, bind_parameters(text, params))


def test_blank_nodes_read_back_as_their_labels():
    store = ox.Store()
    store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode("urn:x:p"), ox.Literal("v")))
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    assert run_query(store, query).rows == term_by_term(store, query) == (("b1", "v"),)


def test_a_quote_in_a_datatype_iri_does_not_end_the_literal_early():
    # Only data loaded leniently can have one; the value must still be the text, not a piece
    # of the IRI.
    store = ox.Store()
    store.load(input=b'<urn:s> <urn:p> "v\\"w"^^<urn:d"t> .\n<urn:s> <urn:p> "x"^^<urn:a"^^<b> .\n',
               format=ox.RdfFormat.N_TRIPLES, lenient=True)
    query = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    assert sorted(run_query(store, query).rows) == sorted(term_by_term(store, query)) == [
        ('v"w',), ("x",)]


@pytest.mark.parametrize("datatype, lexical, value", [
    ("integer", "12", 12), ("integer", "-007", -7), ("int", "+3", 3),
    ("integer", "abc", "abc"), ("integer", "1_000", "1_000"), ("integer", " 12", " 12"),
    ("integer", "١٢", "١٢"), ("integer", "1.0", "1.0"), ("integer", "9" * 5000, "9" * 5000),
    ("decimal", "6.50", Decimal("6.50")), ("decimal", "5.", Decimal("5")), ("decimal", ".5",
     Decimal(".5")), ("decimal", "abc", "abc"), ("decimal", "1e3", "1e3"),
    ("decimal", "Infinity", "Infinity"),
    ("double", "1e3", 1000.0), ("double", "-INF", float("-inf")), ("double", "1_0", "1_0"),
    ("double", "", ""),
    ("boolean", "0", False), ("boolean", "true", True), ("boolean", "yes", "yes"),
    ("boolean", "True", "True"),
])
@pytest.mark.filterwarnings("ignore:Parsing weird boolean")  # rdflib's, making the term
def test_an_ill_typed_literal_keeps_its_text(datatype, lexical, value):
    """RDF allows "abc"^^xsd:integer and a hand-edited file may hold one: the cell shows the
    text as written (one bad value must not stop the whole answer, nor turn into a number by
    Python's looser rules), on every path to a value: Oxigraph's TSV, term by term, rdflib's
    terms, a SPARQL endpoint's JSON. So does an integer past the 4,300 digits Python's int()
    reads from text."""
    from rdflib import Literal, URIRef

    from dutygraph.ask.endpoint import _json_value
    from dutygraph.ask.store import rdflib_value

    literal = ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))
    query = f"SELECT ?x WHERE {{ BIND ({literal} AS ?x) }}"
    rows = run_query(ox.Store(), query).rows
    assert rows == term_by_term(ox.Store(), query) == ((value,),)
    assert type(rows[0][0]) is type(value)
    # As written: rdflib's parser would first rewrite "1_000" or "١٢" by Python's int().
    written = Literal(lexical, datatype=URIRef(XSD + datatype), normalize=False)
    assert rdflib_value(written) == value
    assert _json_value({"type": "literal", "value": lexical, "datatype": XSD + datatype}) == value


def test_the_query_command_shows_an_ill_typed_value_as_written(tmp_path):
    from click.testing import CliRunner

    from dutygraph.cli.main import cli

    graph = tmp_path / "hand-edited.ttl"
    graph.write_text(f'<urn:t1> <urn:count> "12"^^<{XSD}integer> .\n'
                     f'<urn:t2> <urn:count> "十二"^^<{XSD}integer> .\n', "utf-8")
    query = tmp_path / "counts.rq"
    query.write_text("SELECT ?t ?n WHERE { ?t <urn:count> ?n } ORDER BY STR(?t)", "utf-8")
    result = CliRunner().invoke(cli, ["query", str(query), "--graph", str(graph),
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip("\ufeff").splitlines() == ["t,n", "urn:t1,12", "urn:t2,十二"]
