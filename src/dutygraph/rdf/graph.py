"""Write a read and resolved table as RDF (records → graph)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from dutygraph.rdf.iris import IriMinter, pinyin_name
from dutygraph.rdf.layouts import (
    add_deadline,
    add_indicator_cells,
    add_table_place,
    indicator_target_text,
)
from dutygraph.rdf.namespaces import DCTERMS, DG, ORG, PREFIXES, PROV, RDF, SKOS, XSD
from dutygraph.rdf.targets import add_targets
from dutygraph.read import layout
from dutygraph.read.meta import DocumentMeta
from dutygraph.read.records import Section, TableDocument
from dutygraph.read.roles import LEAD, ResolvedTask
from dutygraph.read.targets import extract_targets
from dutygraph.read.units import Unit

ROLE_IRIS = {LEAD: DG.lead, "co": DG.coResponsible}
ZH = "zh"


def zh(text: str) -> Literal:
    return Literal(text, lang=ZH)


class TripleSet:
    """A document's triples without rdflib's indexes: each once, in the order written. It has
    what the writers here use of a Graph (add, bind) and can be counted, iterated and written
    as N-Triples (dutygraph.rdf.ntriples), not queried: indexed() makes the Graph for that. A
    corpus build collects a document this way in less than half the time, and writes its
    triples in the order they were made, the same in every run (a Graph's order is that of
    Python's string hashes, which change from one process to the next)."""

    def __init__(self):
        self._triples: dict[tuple, None] = {}
        self._prefixes: dict[str, str] = {}

    def add(self, triple: tuple) -> None:
        self._triples[triple] = None

    def bind(self, prefix: str, namespace, *args, **kwargs) -> None:
        """Kept for indexed(): N-Triples has no prefixes."""
        self._prefixes[prefix] = namespace

    def indexed(self) -> Graph:
        """The same triples and prefixes in an rdflib Graph, to query or validate."""
        graph = Graph()
        for prefix, namespace in self._prefixes.items():
            graph.bind(prefix, namespace)
        graph.addN((s, p, o, graph) for s, p, o in self._triples)
        return graph

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self):
        return iter(self._triples)


def document_graph(
    document: TableDocument, meta: DocumentMeta, tasks: list[ResolvedTask], minter: IriMinter,
    *, indexed: bool = True,
) -> Graph | TripleSet:
    """The whole graph of one document: document, sections, leaders, tasks, units; an rdflib
    Graph, or with indexed=False a TripleSet of the same triples."""
    graph = Graph() if indexed else TripleSet()
    for prefix, namespace in {**PREFIXES, **minter.prefixes()}.items():
        graph.bind(prefix, namespace)
    add_document(graph, document, meta, minter)
    by_place = {(task.row.table, task.row.line): task for task in tasks}  # .docx: table, row
    for section in document.sections:
        add_section(graph, section, minter)
        for row in section.tasks:
            add_task(graph, section, by_place[row.table, row.line], minter, year=meta.year)
    for unit in {a.unit.id: a.unit for task in tasks for a in task.assignments}.values():
        add_unit(graph, unit, minter)
    return graph


def add_document(graph: Graph, document: TableDocument, meta: DocumentMeta, minter: IriMinter):
    """The source document, with what identifies its exact bytes."""
    doc = minter.document_iri
    graph.add((doc, RDF.type, DG.Document))
    graph.add((doc, DCTERMS.identifier, Literal(meta.id)))
    if meta.title or document.title:
        graph.add((doc, DCTERMS.title, zh(meta.title or document.title)))
    graph.add((doc, DG.sha256, Literal(document.sha256)))
    graph.add((doc, DG.sourceEncoding, Literal(document.encoding)))
    if meta.district:
        graph.add((doc, DG.district, zh(meta.district)))
    if meta.year:
        graph.add((doc, DG.year, Literal(str(meta.year), datatype=XSD.gYear)))
    if meta.source:
        graph.add((doc, DCTERMS.source, Literal(meta.source)))
    for note in document.notes:
        graph.add((doc, SKOS.note, zh(note.text)))
    if document.lead_assumed:  # the document said nothing: the genre's convention, assumed
        graph.add((doc, DG.leadConventionAssumed, Literal(True)))


def add_section(graph: Graph, section: Section, minter: IriMinter) -> None:
    """A section, its leader, and the statements printed under it (总负责。)."""
    node = minter.section(section.position)
    graph.add((node, RDF.type, DG.Section))
    if section.kind == layout.INDICATORS:  # said of the section: its table may print no rows
        graph.add((node, RDF.type, DG.IndicatorSection))
    graph.add((node, DG.document, minter.document_iri))
    graph.add((node, DG.position, Literal(section.position)))
    graph.add((node, DG.sectionNumeral, Literal(section.numeral)))
    graph.add((node, DG.heading, zh(section.heading)))
    graph.add((node, SKOS.prefLabel, zh(section.label)))
    graph.add((node, DG.sourceLine, Literal(section.line)))
    add_table_place(graph, node, section.table, section.line)
    for statement in section.statements:
        graph.add((node, DG.statement, zh(statement.text)))
    if section.leader is None:
        return
    leader = add_leader(graph, section.leader, minter)
    graph.add((node, DG.leader, leader))
    for title in section.leader_titles:
        graph.add((node, DG.leaderTitle, zh(title)))
    if any(word in s.text for s in section.statements for word in layout.OVERALL_WORDS):
        graph.add((leader, DG.overallResponsibilityFor, minter.document_iri))


def add_leader(graph: Graph, name: str, minter: IriMinter) -> URIRef:
    """A leader with their name, and its pinyin where the name has one."""
    leader = minter.person(name)
    graph.add((leader, RDF.type, DG.Leader))
    graph.add((leader, SKOS.prefLabel, zh(name)))
    romanised = pinyin_name(name)
    if romanised:
        # In lower case, as Oxigraph (the corpus store, and the writer of graph.ttl) keeps every
        # tag: the same literal in every store and file (RDF 1.1: tags compare case-blind).
        graph.add((leader, SKOS.altLabel, Literal(romanised, lang="zh-latn-pinyin")))
    return leader


def add_task(graph: Graph, section: Section, task: ResolvedTask, minter: IriMinter,
             year: int | None = None) -> None:
    """A task, traceable to its line, with one qualified assignment per unit; YEAR dates
    a deadline such as 6月底前."""
    row = task.row
    node = minter.task(section.position, row.number)
    graph.add((node, RDF.type, DG.Task))
    graph.add((node, DG.section, minter.section(section.position)))
    graph.add((node, DG.number, Literal(row.number)))
    graph.add((node, DG.text, zh(row.text)))
    graph.add((node, DG.sourceLine, Literal(row.line)))
    graph.add((node, PROV.wasDerivedFrom, minter.document_iri))
    graph.add((node, DG.leadRule, DG[task.lead_rule]))
    if row.remark:
        graph.add((node, DG.remark, zh(row.remark)))
    for header, cell in row.notes:  # a column no kind fits: its header as printed, its cell
        graph.add((node, DG.note, zh(f"{header}：{cell}")))
    if section.kind == layout.INDICATORS:  # a dg:Task too: every query counts it as one
        add_indicator_cells(graph, node, row)
        add_targets(graph, node, extract_targets(indicator_target_text(row)))
    else:
        add_targets(graph, node, extract_targets(row.text))
    add_table_place(graph, node, row.table, row.line)
    add_deadline(graph, node, row.deadline, year)
    for name in row.leaders:  # a 牵头领导 column or label puts its leaders in charge of the row
        graph.add((add_leader(graph, name, minter), DG.inChargeOf, node))
    for name in section.leaders:  # the section's leader, or every leader its heading names
        graph.add((add_leader(graph, name, minter), DG.inChargeOf, node))
    for assignment in task.assignments:
        mention, unit = assignment.mention, minter.unit(assignment.unit)
        qualified = minter.assignment(section.position, row.number, mention.position)
        graph.add((node, PROV.qualifiedAttribution, qualified))
        graph.add((qualified, RDF.type, DG.Assignment))
        graph.add((qualified, PROV.agent, unit))
        graph.add((qualified, PROV.hadRole, ROLE_IRIS[assignment.role]))
        graph.add((qualified, DG.position, Literal(mention.position)))
        graph.add((qualified, DG.nameAsWritten, zh(mention.name)))
        graph.add((qualified, DG.leadMarked, Literal(mention.lead_marked)))
        graph.add((qualified, DG.sourceLine, Literal(row.line)))
        shortcut = DG.leads if assignment.role == LEAD else DG.coResponsibleFor
        graph.add((unit, shortcut, node))


def add_unit(graph: Graph, unit: Unit, minter: IriMinter) -> URIRef:
    """A unit with its names and type; an unlisted one is typed so and kept as written."""
    node = minter.unit(unit)
    graph.add((node, RDF.type, DG.Unit))
    graph.add((node, DCTERMS.identifier, Literal(unit.id)))
    graph.add((node, SKOS.prefLabel, zh(unit.name)))
    if not unit.listed:
        graph.add((node, RDF.type, DG.UnlistedUnit))
    if unit.type:
        graph.add((node, ORG.classification, DG[unit.type]))
    if unit.name_en:
        graph.add((node, SKOS.prefLabel, Literal(unit.name_en, lang="en")))
    for alias in unit.aliases:
        graph.add((node, SKOS.altLabel, zh(alias)))
    if unit.merge_note:
        graph.add((node, SKOS.editorialNote, Literal(unit.merge_note, lang="en")))
    return node
