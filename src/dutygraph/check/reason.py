"""The OWL reasoner on a document's graph (graph + ontology → consistent, or what is wrong).

`dutygraph validate --reason`: owlready2 loads ontology/dutygraph.ttl and the graph, and
HermiT (Java, shipped inside owlready2) reasons over them. It says whether any world fits
both (consistency) and which classes can have no member (unsatisfiable). HermiT says nothing
of why a graph is inconsistent, so the report then names the nodes that break what the
ontology declares in so many words: two disjoint classes, a functional property with two
values, a value outside a property's datatype. HermiT takes minutes past ~150,000 triples:
a corpus is reasoned one document at a time (each with its government's description of the
units and leaders it names), never whole.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from dutygraph import ontology
from dutygraph.errors import EXIT_VALIDATION_FAILED, DutygraphError, import_extra

ONTOLOGY_FILE = ontology.DIRECTORY / "dutygraph.ttl"

WORDS = {
    "en": {
        "ok": "{name}: consistent with the ontology, no class unsatisfiable (HermiT, {s:.1f} s)",
        "inconsistent": "{name}: inconsistent with the ontology: no world fits both "
                        "(HermiT, {s:.1f} s)",
        "unsatisfiable": "{name}: the class {cls} can have no member: the ontology "
                         "contradicts itself there",
        "disjoint": "  {node} is a {first} and a {second}, which the ontology declares "
                    "disjoint",
        "functional": "  {node} has {count} values of {prop} ({values}); the ontology "
                      "allows one",
        "datatype": "  {node} has {prop} {value!r}, not an {datatype} as the ontology says",
        "unknown": "  (HermiT says no more. Look for a node of two disjoint classes, a "
                   "property with more values than the ontology allows, a value of another "
                   "datatype.)",
    },
    "zh": {
        "ok": "{name}：与本体一致，无不可满足的类（HermiT，{s:.1f} 秒）",
        "inconsistent": "{name}：与本体不一致，二者不能同时成立（HermiT，{s:.1f} 秒）",
        "unsatisfiable": "{name}：类 {cls} 不可能有成员：本体在此自相矛盾",
        "disjoint": "  {node} 同时属于 {first} 和 {second}，本体声明二者不相交",
        "functional": "  {node} 的 {prop} 有 {count} 个值（{values}），本体只允许一个",
        "datatype": "  {node} 的 {prop} 为 {value!r}，本体要求 {datatype}",
        "unknown": "  （HermiT 未给出原因。请检查：属于两个不相交类的节点、取值多于本体允许的"
                   "属性、数据类型不符的值。）",
    },
}


class ReasoningFailed(DutygraphError):
    """HermiT found a graph inconsistent with the ontology, or a class unsatisfiable."""

    exit_code = EXIT_VALIDATION_FAILED


@dataclass
class Reasoning:
    """What HermiT said of one graph, and the nodes that break the ontology's declarations."""

    name: str  # the document's id, or the file
    consistent: bool
    seconds: float
    unsatisfiable: list[str] = field(default_factory=list)  # dg:X
    suspects: list[tuple[str, dict]] = field(default_factory=list)  # (kind, words' fields)

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def text(self, lang: str = "en") -> str:
        """The finding in plain words, one line or a few."""
        words = WORDS[lang]
        if self.ok:
            return words["ok"].format(name=self.name, s=self.seconds)
        lines = [words["unsatisfiable"].format(name=self.name, cls=cls)
                 for cls in self.unsatisfiable]
        if not self.consistent:
            lines.append(words["inconsistent"].format(name=self.name, s=self.seconds))
            lines += [words[kind].format(**fields) for kind, fields in self.suspects]
            if not self.suspects:
                lines.append(words["unknown"])
        return "\n".join(lines)


def reason_graph(graph: Graph, name: str) -> Reasoning:
    """Run HermiT on GRAPH with the ontology; NAME says which graph in the report."""
    owlready2 = import_extra("owlready2", "reason", "dutygraph validate --reason")
    model = Graph().parse(ONTOLOGY_FILE, format="turtle")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dutygraph-reason-") as folder:
        path = Path(folder) / "graph.nt"  # owlready2 reads N-Triples, not Turtle
        (model + graph).serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load()
        try:
            # xsd:gYear (dg:year) is outside OWL 2's datatype map: HermiT would refuse it.
            owlready2.sync_reasoner(world, infer_property_values=False, debug=0,
                                    ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError:
            return Reasoning(name, False, time.perf_counter() - started,
                             suspects=suspects(model, graph))
        except (OSError, owlready2.OwlReadyJavaError) as error:
            raise DutygraphError(f"the reasoner could not run Java ({error}): install a Java "
                                 "runtime (Debian: default-jre-headless, as "
                                 "scripts/install-system-deps.sh does)") from None
        unsatisfiable = sorted(_short(graph, URIRef(cls.iri))
                               for cls in world.inconsistent_classes())
    return Reasoning(name, True, time.perf_counter() - started, unsatisfiable)


def suspects(model: Graph, data: Graph) -> list[tuple[str, dict]]:
    """The nodes of DATA that break what MODEL declares: disjoint classes, functional
    properties, datatype ranges (as WORDS' kinds and fields)."""
    from dutygraph.check.shacl import FocusDescriber

    describe = FocusDescriber(data)
    found = []
    for node, first, second in _disjoint_members(model, data):
        found.append(("disjoint", {"node": describe.describe(node, "en"),
                                   "first": _short(model, first),
                                   "second": _short(model, second)}))
    for prop in sorted(model.subjects(RDF.type, OWL.FunctionalProperty)):
        for node in sorted(set(data.subjects(prop, None))):
            values = sorted({str(v) for v in data.objects(node, prop)})
            if len(values) > 1:
                found.append(("functional", {"node": describe.describe(node, "en"),
                                             "prop": _short(model, prop), "count": len(values),
                                             "values": ", ".join(values)}))
    for prop, datatype in sorted(model.subject_objects(RDFS.range)):
        if not str(datatype).startswith(str(XSD)) or datatype == RDFS.Literal:
            continue
        for node, value in sorted(data.subject_objects(prop)):
            if isinstance(value, Literal) and not _fits(value, datatype):
                found.append(("datatype", {"node": describe.describe(node, "en"),
                                           "prop": _short(model, prop), "value": str(value),
                                           "datatype": _short(model, datatype)}))
    return found


def _disjoint_members(model: Graph, data: Graph):
    """(node, class, class) for each node of DATA whose types (with their superclasses in
    MODEL) include two classes MODEL declares disjoint."""
    from rdflib.collection import Collection

    pairs = set(model.subject_objects(OWL.disjointWith))
    for group in model.subjects(RDF.type, OWL.AllDisjointClasses):
        members = [m for lst in model.objects(group, OWL.members) for m in Collection(model, lst)]
        pairs |= {(a, b) for i, a in enumerate(members) for b in members[i + 1:]}
    for node in sorted(set(data.subjects(RDF.type, None))):
        classes = {c for t in data.objects(node, RDF.type)
                   for c in model.transitive_objects(t, RDFS.subClassOf)}
        for first, second in sorted(pairs):
            if first in classes and second in classes:
                yield node, first, second


def _fits(value: Literal, datatype: URIRef) -> bool:
    """Whether VALUE is a well-formed literal of DATATYPE (the integers being decimals too)."""
    if value.datatype == datatype:
        return value.ill_typed is not True
    integers = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger}
    if datatype == XSD.decimal and value.datatype in integers:
        return True
    if datatype == XSD.string and value.datatype is None:
        return True
    return datatype in (RDF.langString,) and value.language is not None


def _short(graph: Graph, term) -> str:
    """dg:Leader for the IRI of dg:Leader, where a prefix fits."""
    try:
        return graph.namespace_manager.normalizeUri(term)
    except Exception:
        return str(term)


def reason_file(path: str | Path, on_document=None) -> list[Reasoning]:
    """Reason over the graph at PATH, or over each document of a corpus (TriG, N-Quads, a
    store folder) with what its government's graph says of its units and leaders, one after
    the other; ON_DOCUMENT(reasoning) after each."""
    from dutygraph.ask.graphs import document_store, is_corpus, open_graph, rdflib_graph
    from dutygraph.ask.store import document_graphs

    store = open_graph(path)
    graphs = document_graphs(store) if is_corpus(path) else {}
    if not graphs:
        graphs = {str(path): None}
    found = []
    for name, graph in graphs.items():
        one = rdflib_graph(store if graph is None else document_store(store, graph))
        found.append(reason_graph(one, name))
        if on_document is not None:
            on_document(found[-1])
    return found


def corpus_size(path: str | Path) -> int:
    """How many graphs reason_file reasons over at PATH (for a progress bar)."""
    from dutygraph.ask.graphs import is_corpus, open_graph
    from dutygraph.ask.store import document_graphs

    return max(len(document_graphs(open_graph(path))), 1) if is_corpus(path) else 1
