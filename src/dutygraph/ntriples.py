"""rdflib terms written as N-Triples text, fast: a corpus worker writes each document this way,
and the SHACL check hands the graph to Oxigraph this way.

The lines are those of rdflib's NTSerializer, character for character (tests/test_corpus.py
compares them on the seed and on literals that need escaping). rdflib's own writer took a
third of a corpus worker's time: a term's n3() checks its IRI again each time it is written,
and a line goes through a string per term. The IRIs written here were checked when they were
made (iris.check_base; ids are checked ASCII)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Literal


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
