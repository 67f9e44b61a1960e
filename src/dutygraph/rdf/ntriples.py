"""rdflib terms written as N-Triples text, and read back, fast: a corpus worker writes each
document this way, the SHACL check hands the graph to Oxigraph this way, and a corpus's check
reads each document back this way.

The lines are those of rdflib's NTSerializer, character for character (tests/test_corpus.py
compares them on the seed and on literals that need escaping). rdflib's own writer took a
third of a corpus worker's time: a term's n3() checks its IRI again each time it is written,
and a line goes through a string per term. The IRIs written here were checked when they were
made (iris.check_base; ids are checked ASCII)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef

from dutygraph.rdf.namespaces import PREFIXES

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def term_text(term) -> str:
    """An IRI, blank node or literal as N-Triples writes it."""
    # f-strings throughout: rdflib's URIRef + str makes a URIRef, checked as an IRI. Types
    # compared with `is`: isinstance goes through rdflib's abstract base classes.
    kind = type(term)
    if kind is Literal:
        text = str.replace(str.replace(str.replace(str.replace(
            term, "\\", "\\\\"), "\n", "\\n"), '"', '\\"'), "\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype:
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return f"_:{term}" if kind is BNode else f"<{term}>"


def ntriples(triples: Iterable[tuple]) -> str:
    """TRIPLES (rdflib terms) as N-Triples, in the order given."""
    return "".join(f"{term_text(s)} <{p}> {term_text(o)} .\n" for s, p, o in triples)


def read_ntriples(data: bytes) -> Graph:
    """N-Triples DATA, as Oxigraph writes them, as an rdflib Graph with dutygraph's prefixes
    bound, parsed by Oxigraph: the graph rdflib's own parser gives (a test compares them on
    the seed), in a third of the time (0.08 against 0.20 s for the seed's 6,114 triples), which
    a corpus's check pays once a document. From other writers it may differ where Oxigraph
    normalises: "x"^^xsd:string is read as "x", language tags in lower case, and blank nodes
    keep their labels."""
    import pyoxigraph as ox

    terms: dict = {}

    def term(node):
        found = terms.get(node)
        if found is None:
            kind = type(node)
            if kind is ox.NamedNode:
                found = URIRef(node.value)
            elif kind is ox.Literal:
                datatype = node.datatype.value
                found = (Literal(node.value, lang=node.language) if node.language
                         else Literal(node.value) if datatype == _XSD_STRING
                         else Literal(node.value, datatype=URIRef(datatype)))
            else:
                found = BNode(node.value)
            terms[node] = found
        return found

    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.addN((term(t.subject), term(t.predicate), term(t.object), graph)
               for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    return graph
