"""The build's DCAT/VoID description (dataset.ttl): it validates against the vendored DCAT-AP
3.0.0 shapes, its counts match the graph, and its sizes and checksums match the files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, FOAF, VOID, XSD

from dutygraph.build import write_build
from dutygraph.publish.describe import SPDX, english_place, statistics
from dutygraph.rdf.namespaces import DCTERMS, RDF, SKOS

from .conftest import REPO, SEED

DCAT_AP = REPO / "ontology" / "vendor" / "dcat-ap-3.0.0"
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def built(seed_build, tmp_path_factory) -> Path:
    """The seed build written to a folder."""
    outdir = tmp_path_factory.mktemp("built")
    write_build(seed_build, outdir)
    return outdir


@pytest.fixture(scope="module")
def description(built) -> Graph:
    return Graph().parse(built / "dataset.ttl", format="turtle")


def _dataset(description: Graph) -> URIRef:
    [dataset] = description.subjects(RDF.type, DCAT.Dataset)
    return dataset


def _dcat_ap(description: Graph, *files: str):
    import pyshacl

    shapes = Graph()
    for name in files:
        shapes.parse(DCAT_AP / name, format="turtle")
    return pyshacl.validate(description, shacl_graph=shapes, inference="none")


def test_description_conforms_to_the_dcat_ap_shapes_and_ranges(description):
    conforms, _, text = _dcat_ap(description, "shapes.ttl", "range.ttl")
    assert conforms, text


def test_only_unknowable_recommendations_are_missing(description):
    """Recommended but not known from the source: a contact point, a bounding box or centroid,
    a planned availability."""
    from rdflib.namespace import SH

    _, results, _ = _dcat_ap(description, "shapes_recommended.ttl")
    missing = {str(path).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
               for path in results.objects(None, SH.resultPath)}
    assert missing <= {"contactPoint", "bbox", "centroid", "availability"}, missing


def test_void_statistics_match_the_graph(description, built):
    graph = Graph().parse(built / "graph.ttl", format="turtle")
    stats = statistics(graph)
    dataset = _dataset(description)
    for predicate, expected in ((VOID.triples, len(graph)), (VOID.entities, stats.entities),
                                (VOID.classes, stats.classes),
                                (VOID.properties, stats.properties)):
        assert description.value(dataset, predicate) == Literal(expected), predicate
    assert stats.classes == len(set(graph.objects(None, RDF.type)))
    assert stats.properties == len(set(graph.predicates()))


def test_each_written_format_is_a_distribution_with_true_size_and_checksum(description, built):
    dataset = _dataset(description)
    distributions = list(description.objects(dataset, DCAT.distribution))
    names = set()
    for node in distributions:
        url = description.value(node, DCAT.downloadURL)
        name = str(url).rsplit("/", 1)[-1]
        names.add(name)
        data = (built / name).read_bytes()
        assert int(description.value(node, DCAT.byteSize).toPython()) == len(data)
        checksum = description.value(node, SPDX.checksum)
        assert description.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(description.value(checksum, SPDX.checksumValue)) == hashlib.sha256(
            data).hexdigest()
        assert description.value(node, DCAT.mediaType) is not None
        assert description.value(node, DCTERMS.format) is not None
    assert names == {"graph.ttl", "graph.nt", "graph.jsonld", "graph.trig", "graph.rdf",
                     "graph.xlsx"}


def test_media_types_are_the_registered_ones(description):
    media = {str(m).split("media-types/", 1)[1] for m in description.objects(None, DCAT.mediaType)}
    assert {"text/turtle", "application/n-triples", "application/ld+json", "application/trig",
            "application/rdf+xml"} <= media


def test_title_description_place_period_licence_issued_publisher(description):
    dataset = _dataset(description)
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {value.language for value in description.objects(dataset, predicate)} == {
            "zh", "en"}
    place = description.value(dataset, DCTERMS.spatial)
    assert Literal("瓯海区", lang="zh") in set(description.objects(place, SKOS.prefLabel))
    period = description.value(dataset, DCTERMS.temporal)
    assert description.value(period, DCAT.startDate) == Literal("2024-01-01", datatype=XSD.date)
    assert description.value(period, DCAT.endDate) == Literal("2024-12-31", datatype=XSD.date)
    assert description.value(dataset, DCTERMS.issued) == Literal("2024", datatype=XSD.gYear)
    assert description.value(dataset, DCTERMS.license) is not None
    publisher = description.value(dataset, DCTERMS.publisher)
    assert Literal("瓯海区人民政府", lang="zh") in set(description.objects(publisher, FOAF.name))


def test_english_place_names():
    assert english_place("瓯海区") == "Ouhai District"
    assert english_place("") == ""


def _build_all(outdir, hash_seed) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    subprocess.run([sys.executable, "-m", "dutygraph", "build", str(SEED), "-o", str(outdir)],
                   check=True, env=env, capture_output=True)
    return {path.name: path.read_bytes() for path in sorted(outdir.iterdir())}


def test_every_written_file_is_byte_identical_across_runs(tmp_path):
    first, second = _build_all(tmp_path / "a", 1), _build_all(tmp_path / "b", 2)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
