"""Every dg: term the code and the queries use is declared in the ontology, and back."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from dutygraph.rdf.namespaces import DG, ONTOLOGY_IRI
from dutygraph.read.units import UNIT_TYPES

from .conftest import QUERIES, REPO

ONTOLOGY = Graph().parse(REPO / "ontology" / "dutygraph.ttl", format="turtle")
DECLARED = {s for s in ONTOLOGY.subjects() if isinstance(s, URIRef) and s.startswith(DG._NS)}


def test_namespace_and_ontology_declare_the_same_terms():
    in_code = {DG[name] for name in DG.__annotations__}
    assert in_code == DECLARED


def test_misspelt_term_fails_loudly():
    with pytest.raises(AttributeError):
        DG.leadUnit  # noqa: B018


@pytest.mark.parametrize("query", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.name)
def test_query_uses_only_declared_terms(query):
    text = query.read_text(encoding="utf-8")
    assert f"PREFIX dg: <{ONTOLOGY_IRI}#>" in text
    used = {DG._NS[name] for name in re.findall(r"\bdg:([A-Za-z][A-Za-z0-9_]*)", text)}
    assert used <= DECLARED, sorted(used - DECLARED)


def test_unit_types_of_the_unit_table_are_the_ontologys():
    declared = {s for s in ONTOLOGY.subjects(RDF.type, DG.UnitType)}
    assert {DG[name] for name in UNIT_TYPES} == declared
    assert all((s, SKOS.inScheme, DG.unitTypes) in ONTOLOGY for s in declared)


INTERNAL = REPO / "src" / "dutygraph" / "rdf" / "internal-queries"


@pytest.mark.parametrize("name", sorted(p.stem for p in INTERNAL.glob("*.rq")))
def test_internal_query_uses_only_declared_terms_and_parses(name):
    """The SPARQL the code runs is checked as the catalogue is: every dg: term declared, and
    the text (its Python slots filled) a query Oxigraph parses."""
    import pyoxigraph as ox

    from dutygraph.rdf.queries import internal_query

    raw = (INTERNAL / f"{name}.rq").read_text(encoding="utf-8")
    assert not re.search(r"^PREFIX", raw, re.M)  # the loader adds them: no file spells the IRI
    assert raw.startswith("# ")  # the comment block the catalogue's queries have
    used = {DG._NS[term] for term in re.findall(r"\bdg:([A-Za-z][A-Za-z0-9_]*)", raw)}
    assert used <= DECLARED, sorted(used - DECLARED)
    text = (internal_query(name).replace("{scope}", "").replace("{class}", "dg:Unit")
            .replace("{districts}", '"瓯海区"').replace("{leader}", "<https://example.org/p>"))
    ox.Store().query(text)
