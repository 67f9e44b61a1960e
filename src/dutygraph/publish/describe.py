"""Describe a built graph for data catalogues: DCAT (what, who, where, when, which files) and
VoID statistics (graph + written files → dataset.ttl).

Everything in the description comes from the graph, its metadata and the files' bytes, never
from the clock, so the build stays byte-identical from run to run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from pypinyin import lazy_pinyin
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, FOAF, VOID, XSD

from dutygraph.publish.export import FORMATS
from dutygraph.rdf.namespaces import DCTERMS, DG, ONTOLOGY_IRI, PROV, RDF, RDFS, SKOS
from dutygraph.read.meta import DocumentMeta

SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA = "http://www.iana.org/assignments/media-types/"
EU = "http://publications.europa.eu/resource/authority/"
ONTOLOGY = URIRef(ONTOLOGY_IRI)
DESCRIPTION_FILE = "dataset.ttl"

# The licence of the published graph. The source is a government's official document, which
# PRC Copyright Law art. 5 leaves outside copyright; the graph adds no creative work, so it is
# dedicated to the public domain (CC0). A catalogue that needs another licence passes its own.
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
RIGHTS = {
    "en": "The source is an official document of a people's government, which Article 5 of the "
          "Copyright Law of the PRC leaves outside copyright; the graph is dedicated to the "
          "public domain (CC0 1.0).",
    "zh": "源文件为人民政府的正式公文，依《中华人民共和国著作权法》第五条不适用该法保护；本图谱以"
          " CC0 1.0 放弃权利，归入公有领域。",
}
KEYWORDS = {
    "zh": ("政府工作报告", "重点工作", "责任分解", "责任单位", "知识图谱"),
    "en": ("government work report", "key tasks", "responsibility breakdown",
           "responsible units", "knowledge graph"),
}
DISTRICT_WORDS = {"区": "District", "县": "County", "市": "City", "镇": "Town"}


@dataclass(frozen=True)
class GraphStatistics:
    """VoID's counts of a graph: triples, entities (distinct IRI subjects), classes (distinct
    objects of rdf:type) and properties (distinct predicates)."""

    triples: int
    entities: int
    classes: int
    properties: int


def statistics(graph: Graph) -> GraphStatistics:
    """Count what VoID counts."""
    return GraphStatistics(
        triples=len(graph),
        entities=len({s for s in graph.subjects() if isinstance(s, URIRef)}),
        classes=len(set(graph.objects(None, RDF.type))),
        properties=len(set(graph.predicates())),
    )


def describe(graph: Graph, meta: DocumentMeta, files: dict[str, bytes], *,
             license: URIRef = CC0, download_base: str | None = None) -> Graph:
    """The DCAT and VoID description of GRAPH, with one distribution per file in FILES
    (name → bytes; the format is told by the suffix)."""
    document = _document(graph)
    dataset = URIRef(f"{document}/dataset")
    base = download_base or f"{document}/"
    out = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF),
                              ("void", VOID), ("spdx", SPDX), ("prov", PROV), ("skos", SKOS),
                              ("xsd", XSD), ("rdfs", RDFS)):
        out.bind(prefix, namespace)
    add_dataset(out, dataset, document, meta, graph, license)
    add_statistics(out, dataset, graph)
    for name in sorted(files):
        add_distribution(out, dataset, name, files[name], base + name, license)
    return out


def add_dataset(out: Graph, dataset: URIRef, document: URIRef, meta: DocumentMeta,
                graph: Graph, license: URIRef) -> None:
    """Title, description, publisher, place, period, licence, issue date, theme, keywords."""
    tasks = len(set(graph.subjects(RDF.type, DG.Task)))
    units = len(set(graph.subjects(RDF.type, DG.Unit)))
    title = meta.title or str(graph.value(document, DCTERMS.title) or meta.id)
    district_en = english_place(meta.district)
    year = f"{meta.year} " if meta.year else ""
    out.add((dataset, RDF.type, DCAT.Dataset))
    out.add((dataset, RDF.type, VOID.Dataset))
    out.add((dataset, DCTERMS.identifier, Literal(meta.id)))
    out.add((dataset, DCTERMS.title, Literal(f"{meta.district}{title}（知识图谱）", lang="zh")))
    out.add((dataset, DCTERMS.title, Literal(
        f"{district_en + ': ' if district_en else ''}key tasks of the {year}government work "
        "report by responsible unit (knowledge graph)", lang="en")))
    out.add((dataset, DCTERMS.description, Literal(
        f"{meta.district}《{title}》的 RDF 知识图谱：{tasks} 项重点工作按原文保留序号、内容和行号，"
        f"每项工作的责任单位（共 {units} 个）及其角色（牵头或配合）、所属分组和牵头领导。",
        lang="zh")))
    out.add((dataset, DCTERMS.description, Literal(
        f"The {tasks} key tasks of {district_en or 'a government'}'s {year}government work "
        f"report as an RDF graph: each task's number, text and source line as published, its "
        f"responsible units ({units} in all) with their roles (lead or co-responsible), its "
        "section and leading official.", lang="en")))
    for lang, words in KEYWORDS.items():
        for word in words:
            out.add((dataset, DCAT.keyword, Literal(word, lang=lang)))
    _add_concept(out, dataset, DCAT.theme, URIRef(EU + "data-theme/GOVE"),
                 "Government and public sector")
    _add_typed(out, dataset, DCTERMS.language, URIRef(EU + "language/ZHO"),
               DCTERMS.LinguisticSystem)
    _add_typed(out, dataset, DCTERMS.conformsTo, ONTOLOGY, DCTERMS.Standard)
    out.add((dataset, PROV.wasDerivedFrom, document))
    if meta.year:
        out.add((dataset, DCTERMS.issued, Literal(str(meta.year), datatype=XSD.gYear)))
        add_period(out, dataset, meta.year)
    if meta.district:
        add_place_and_publisher(out, dataset, document, meta)
    add_license(out, dataset, license)


def add_period(out: Graph, dataset: URIRef, year: int) -> None:
    """The year the work report plans, as a dcterms:PeriodOfTime."""
    period = URIRef(f"{dataset}/period")
    out.add((dataset, DCTERMS.temporal, period))
    out.add((period, RDF.type, DCTERMS.PeriodOfTime))
    out.add((period, DCAT.startDate, Literal(f"{year}-01-01", datatype=XSD.date)))
    out.add((period, DCAT.endDate, Literal(f"{year}-12-31", datatype=XSD.date)))


def add_place_and_publisher(out: Graph, dataset: URIRef, document: URIRef,
                            meta: DocumentMeta) -> None:
    """The district as the place covered, and its people's government as the publisher."""
    government = URIRef(f"{_base(document, meta)}{meta.government_id}")
    place = URIRef(f"{government}/area")
    district_en = english_place(meta.district)
    out.add((dataset, DCTERMS.spatial, place))
    out.add((place, RDF.type, DCTERMS.Location))
    out.add((place, SKOS.prefLabel, Literal(meta.district, lang="zh")))
    if district_en:
        out.add((place, SKOS.prefLabel, Literal(district_en, lang="en")))
    publisher = URIRef(f"{government}/government")
    out.add((dataset, DCTERMS.publisher, publisher))
    out.add((publisher, RDF.type, FOAF.Agent))
    out.add((publisher, RDF.type, FOAF.Organization))
    out.add((publisher, FOAF.name, Literal(f"{meta.district}人民政府", lang="zh")))
    if district_en:
        out.add((publisher, FOAF.name, Literal(f"{district_en} People's Government", lang="en")))
    _add_concept(out, publisher, DCTERMS.type,
                 URIRef("http://purl.org/adms/publishertype/LocalAuthority"), "Local Authority")


def add_license(out: Graph, subject: URIRef, license: URIRef) -> None:
    """The licence, typed as DCAT-AP asks, and the rights statement that explains it."""
    out.add((subject, DCTERMS.license, license))
    out.add((license, RDF.type, DCTERMS.LicenseDocument))
    if license == CC0:
        out.add((license, RDFS.label, Literal("CC0 1.0 Universal", lang="en")))
        _add_concept(out, license, DCTERMS.type,
                     URIRef("http://purl.org/adms/licencetype/PublicDomain"), "Public domain")
        rights = URIRef(f"{subject}/rights")
        out.add((subject, DCTERMS.rights, rights))
        out.add((rights, RDF.type, DCTERMS.RightsStatement))
        for lang, text in RIGHTS.items():
            out.add((rights, RDFS.label, Literal(text, lang=lang)))


def add_statistics(out: Graph, dataset: URIRef, graph: Graph) -> None:
    """VoID: how many triples, entities, classes and properties; which vocabularies."""
    stats = statistics(graph)
    for predicate, value in ((VOID.triples, stats.triples), (VOID.entities, stats.entities),
                             (VOID.classes, stats.classes), (VOID.properties, stats.properties)):
        out.add((dataset, predicate, Literal(value)))
    for namespace in sorted({_namespace(p) for p in graph.predicates()}):
        out.add((dataset, VOID.vocabulary, URIRef(namespace)))


def add_distribution(out: Graph, dataset: URIRef, name: str, data: bytes, url: str,
                     license: URIRef) -> URIRef:
    """One file: where to get it, its media type and file type, byte size and sha256."""
    fmt = next(f for f in FORMATS.values() if name.endswith(f.suffix))
    node = URIRef(f"{dataset}/distribution/{name}")
    out.add((dataset, DCAT.distribution, node))
    out.add((node, RDF.type, DCAT.Distribution))
    out.add((node, DCTERMS.title, Literal(f"{name} ({fmt.label})", lang="en")))
    out.add((node, DCTERMS.description, Literal(
        f"The dataset as {fmt.label}" + (", one sheet each for tasks, assignments and targets"
                                         if fmt.name in ("xlsx", "csv") else ""), lang="en")))
    out.add((node, DCAT.accessURL, URIRef(url)))
    out.add((node, DCAT.downloadURL, URIRef(url)))
    _add_typed(out, node, DCAT.mediaType, URIRef(IANA + fmt.media_type), DCTERMS.MediaType)
    _add_typed(out, node, DCTERMS.format, URIRef(EU + "file-type/" + fmt.file_type),
               DCTERMS.MediaTypeOrExtent)
    # DCAT 3 ranges byteSize over xsd:nonNegativeInteger, but the DCAT-AP 3.0.0 shapes ask
    # for xsd:decimal: a decimal satisfies both readings.
    out.add((node, DCAT.byteSize, Literal(str(len(data)), datatype=XSD.decimal)))
    checksum = BNode(f"checksum-{hashlib.sha256(name.encode()).hexdigest()[:16]}")
    out.add((node, SPDX.checksum, checksum))
    out.add((checksum, RDF.type, SPDX.Checksum))
    out.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    out.add((checksum, SPDX.checksumValue,
             Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)))
    out.add((node, DCTERMS.license, license))
    if fmt.name in ("ttl", "nt", "jsonld", "trig", "xml"):
        out.add((dataset, VOID.dataDump, URIRef(url)))
    return node


def english_place(district: str) -> str:
    """瓯海区 → Ouhai District: the pinyin of the name and the English of its last character."""
    if not district:
        return ""
    kind = DISTRICT_WORDS.get(district[-1], "")
    name = district[:-1] if kind else district
    syllables = [s for s in lazy_pinyin(name, errors="ignore") if s.isascii() and s.isalpha()]
    if not syllables:
        return ""
    return " ".join(part for part in ("".join(syllables).capitalize(), kind) if part)


def _add_concept(out: Graph, subject, predicate, concept: URIRef, label: str) -> None:
    """A value from a controlled vocabulary (EU, ADMS), with the type and label DCAT-AP asks
    for, since the description must validate offline without the vocabulary itself."""
    _add_typed(out, subject, predicate, concept, SKOS.Concept)
    out.add((concept, SKOS.prefLabel, Literal(label, lang="en")))


def _add_typed(out: Graph, subject, predicate, value: URIRef, cls: URIRef) -> None:
    out.add((subject, predicate, value))
    out.add((value, RDF.type, cls))


def _document(graph: Graph) -> URIRef:
    documents = sorted(graph.subjects(RDF.type, DG.Document))
    if len(documents) != 1:
        from dutygraph.errors import DutygraphError

        raise DutygraphError(f"the graph holds {len(documents)} dg:Document nodes; a dataset "
                             "description needs exactly one")
    return documents[0]


def _base(document: URIRef, meta: DocumentMeta) -> str:
    """The base IRI the document's IRI was minted under ({base}doc/{id})."""
    suffix = f"doc/{meta.id}"
    text = str(document)
    return text[: -len(suffix)] if text.endswith(suffix) else text.rsplit("/", 1)[0] + "/"


def _namespace(iri) -> str:
    text = str(iri)
    cut = max(text.rfind("#"), text.rfind("/"))
    return text[: cut + 1]
