"""Check a graph against the project's SHACL shapes and say what is wrong, by task and line.

The shapes are ontology/shapes.ttl (violations) and ontology/shapes-warnings.ttl (warnings).
A finding names its focus node as a reader knows it, e.g. "task 二-5 (line 17)", never as a
bare IRI.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS, SH

from dutygraph import ontology
from dutygraph.ask.graphs import open_rdflib_graph
from dutygraph.errors import EXIT_VALIDATION_FAILED, DutygraphError
from dutygraph.rdf.namespaces import DCTERMS, DG, PROV, RDF, SHAPES_IRI, SKOS

ONTOLOGY_DIR = ontology.DIRECTORY
SHAPES_FILES = (ONTOLOGY_DIR / "shapes.ttl", ONTOLOGY_DIR / "shapes-warnings.ttl")
LANGUAGES = ("zh", "en")
VIOLATION, WARNING = "violation", "warning"
_SEVERITIES = {SH.Violation: VIOLATION, SH.Warning: WARNING, SH.Info: WARNING}

# The words of the report in each language: the one place to translate.
WORDS = {
    "en": {
        VIOLATION: "violation", WARNING: "warning",
        "summary": "{violations} violations, {warnings} warnings",
        "conforms": "The graph conforms to the shapes",
        "line": "line {line}", "task": "task {section}-{number}",
        "assignment": "{task}, unit {position} ({name})", "section": "section {numeral}",
        "unit": "unit {name}", "leader": "leader {name}", "document": "document {id}",
        "place": "{what} ({line})", "first_named": "first named on line {line}",
        "colon": ": ", "stop": ".", "no_task": "no task",
    },
    "zh": {
        VIOLATION: "违规", WARNING: "警告",
        "summary": "{violations} 项违规，{warnings} 项警告",
        "conforms": "该图符合全部约束",
        "line": "第 {line} 行", "task": "重点工作 {section}-{number}",
        "assignment": "{task}的第 {position} 个责任单位（{name}）", "section": "分组 {numeral}",
        "unit": "责任单位 {name}", "leader": "牵头领导 {name}", "document": "文件 {id}",
        "place": "{what}（{line}）", "first_named": "首见于第 {line} 行",
        "colon": "：", "stop": "。", "no_task": "无所属工作",
    },
}


class ValidationFailed(DutygraphError):
    """The graph breaks a shape: exit code 1, and the report says where."""

    exit_code = EXIT_VALIDATION_FAILED

    def __init__(self, report: ValidationReport, origin: str = "the graph", *,
                 listed: int = 0, hint: str = ""):
        self.report = report
        violations = report.violations
        lines = [f"  {finding.text('en')}" for finding in violations[:listed]]
        if len(violations) > listed > 0:
            lines.append(f"  … and {len(violations) - listed} more")
        super().__init__("\n".join([f"{origin} has {len(violations)} SHACL violations{hint}",
                                    *lines]))


@dataclass(frozen=True)
class Finding:
    """One result of the shapes, with its focus node already put in words."""

    severity: str  # VIOLATION or WARNING
    focus: str  # the focus node's IRI
    line: int | None  # the source line of the focus node, when it has one
    where: dict[str, str]  # language → "task 二-5 (line 17)"
    message: dict[str, str]  # language → what is wrong
    path: str = ""  # the property, as a short name (dg:text)
    shape: str = ""
    document: str = ""  # in a corpus, the document's id (ouhai-2024)

    def text(self, lang: str = "en") -> str:
        """One line: 'task 二-5 (line 17): a task needs … [dg:text]', after 'ouhai-2024: ' in
        a corpus."""
        where = self.where.get(lang) or self.where["en"]
        if self.document:
            where = f"{self.document}{WORDS[lang]['colon']}{where}"
        message = self.message.get(lang) or self.message.get("en") or next(
            iter(self.message.values()), "")
        path = f" [{self.path}]" if self.path else ""
        return f"{where}{WORDS[lang]['colon']}{message}{path}"


@dataclass
class ValidationReport:
    """What the shapes found: violations stop a build, warnings do not."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == VIOLATION]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def conforms(self) -> bool:
        """True when there are no violations (warnings allowed)."""
        return not self.violations

    def summary(self, lang: str = "en") -> str:
        """'2 violations, 13 warnings'."""
        return WORDS[lang]["summary"].format(violations=len(self.violations),
                                             warnings=len(self.warnings))

    def to_text(self, lang: str = "en") -> str:
        """The readable report: a summary line, then one line per finding."""
        words = WORDS[lang]
        head = words["conforms"] if not self.findings else self.summary(lang)
        lines = [head + words["stop"]]
        lines += [f"{words[f.severity]}{words['colon']}{f.text(lang)}" for f in self.findings]
        return "\n".join(lines) + "\n"


def shapes_graph() -> Graph:
    """The violation and warning shapes, as one graph (their shapes have distinct names)."""
    graph = Graph()
    for path in SHAPES_FILES:
        graph.parse(path, format="turtle")
    return graph


def validate_graph(graph: Graph) -> ValidationReport:
    """Run the shapes over GRAPH (no inference: the shapes need none) and read the results."""
    import pyshacl

    shapes, patterns = _loaded_shapes()
    # inplace: without it pySHACL copies the data graph first (a tenth of the time), in case
    # inference or SHACL rules write to it; the shapes have no sh:rule and there is no
    # inference, so nothing is written (tests/test_shapes.py checks the graph is unchanged).
    # The shapes graph it is given, it does write to (two RDFS/OWL triples): a copy each time.
    with _each_query_parsed_once():
        _, results, _ = pyshacl.validate(
            graph, shacl_graph=shapes_as_run(shapes, graph),
            inference="none", advanced=True, allow_warnings=True, inplace=True,
        )
    describer = FocusDescriber(graph)
    findings = [_finding(results, result, describer, patterns, shapes)
                for result in results.subjects(RDF.type, SH.ValidationResult)]
    findings.sort(key=lambda f: (f.severity != VIOLATION, f.line or 0, f.focus, f.path,
                                 f.message.get("en", "")))
    return ValidationReport(findings)


@contextlib.contextmanager
def _each_query_parsed_once():
    """Within the block, rdflib parses a SPARQL text once and reuses the parsed query.

    pySHACL hands rdflib a SPARQL constraint's text again for every focus node it checks, and
    rdflib parses it every time (10–30 ms, most of a constraint's cost). A parsed query is
    what rdflib's prepareQuery makes for running again with other bindings, so reusing it
    changes no answer; only the parsing is skipped."""
    from rdflib.plugins.sparql import processor

    original = processor.SPARQLProcessor.query
    parsed = {}

    def query(self, text, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(text, str):
            key = (text, base, tuple(sorted((initNs or {}).items())))
            if key not in parsed:
                parsed[key] = processor.translateQuery(processor.parseQuery(text), base, initNs)
            text = parsed[key]
        return original(self, text, initBindings, initNs, base, DEBUG)

    processor.SPARQLProcessor.query = query
    try:
        yield
    finally:
        processor.SPARQLProcessor.query = original


def shapes_as_run(shapes: Graph, data: Graph) -> Graph:
    """A copy of SHAPES that finds the same results in DATA as SHAPES, faster: SPARQL targets
    resolved first (sparql_targets_resolved), then property shapes targeted themselves
    (property_shapes_targeted), which then covers the shapes with resolved targets too."""
    return property_shapes_targeted(sparql_targets_resolved(_copy(shapes), data),
                                    in_place=True)


def _copy(graph: Graph) -> Graph:
    """GRAPH's triples and prefixes (pySHACL writes paths with them in its own messages)."""
    copied = Graph()
    for prefix, namespace in graph.namespaces():
        copied.bind(prefix, namespace, replace=True)
    for triple in graph:
        copied.add(triple)
    return copied


# The targets a node shape can hand on to its property shapes: SHACL core's, evaluated
# without SPARQL. A SPARQL target stays on its node shape, where pySHACL runs it once.
_CORE_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_CLASSES = (RDFS.Class, OWL.Class)


def property_shapes_targeted(shapes: Graph, *, in_place: bool = False) -> Graph:
    """A copy of SHAPES that finds the same results in half the time: each property shape of
    a node shape with core targets gets those targets itself, and is no longer the node
    shape's sh:property.

    By SHACL's definition the two say the same: a focus node of N conforms to N's sh:property
    P when it conforms to P, and P's results are reported as P's, with P's severity, whether
    P is reached through N or through its own targets. pySHACL makes them costly to say the
    nested way: it builds every constraint of P again for each focus node of N, one node at a
    time (371 assignments × 7 property shapes on the seed), where a targeted P is built once
    for all of them. Measured on the seed: 0.75 s → 0.37 s. Left as they are: a property
    shape shared by several shapes, node shapes that are also classes (implicit targets) or
    deactivated, and node shapes with a SPARQL target (sh:target; its focus nodes would not
    reach the property shapes). tests/test_shapes.py checks both forms give the same results
    on every graph it validates. With in_place, SHAPES itself is changed and returned."""
    moves = []  # (node shape, its property shape, the targets it hands on)
    for node in set(shapes.subjects(SH.property, None)):
        targets = [(p, o) for p, o in shapes.predicate_objects(node) if p in _CORE_TARGETS]
        if (not targets or any((node, RDF.type, c) in shapes for c in _CLASSES)
                or (node, SH.deactivated, None) in shapes or (node, SH.target, None) in shapes):
            continue
        moves += [(node, prop, targets) for prop in shapes.objects(node, SH.property)
                  if len(set(shapes.subjects(None, prop))) == 1]  # not used elsewhere too
    targeted = shapes if in_place else _copy(shapes)
    for node, prop, targets in moves:
        targeted.remove((node, SH.property, prop))
        for predicate, target in targets:
            targeted.add((prop, predicate, target))
    return targeted


def sparql_targets_resolved(shapes: Graph, data: Graph) -> Graph:
    """SHAPES (changed in place, and returned) with each SPARQL target replaced by the nodes
    it selects in DATA, as sh:targetNode: by SHACL's definition the same focus nodes, so the
    same results, found by Oxigraph's SPARQL engine instead of rdflib's. The seed's two SPARQL
    targets took rdflib 0.10 s of the check's 0.30 s; Oxigraph takes ~0.02 s with the copy of
    the data. A target that selects anything other than IRIs (blank nodes would be renamed
    on the way) stays for pySHACL to run, as does one whose query Oxigraph cannot run, and all
    of them if Oxigraph refuses a term of DATA (rdflib reads some that RDF does not allow).
    tests/test_shapes.py checks the results are the same as the authored shapes' on every
    graph it validates."""
    import pyoxigraph as ox

    from dutygraph.rdf.ntriples import ntriples

    targets = [(shape, target) for shape, target in shapes.subject_objects(SH.target)
               if (target, RDF.type, SH.SPARQLTarget) in shapes]
    if not targets:
        return shapes
    store = ox.Store()
    try:
        store.load(input=ntriples(data).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError):  # a graph from elsewhere, with terms Oxigraph refuses
        return shapes
    for shape, target in targets:
        query = _sparql_prefixes(shapes, target, data) + str(shapes.value(target, SH.select))
        try:
            nodes = [solution["this"] for solution in store.query(query)]
        except (SyntaxError, ValueError):  # pySHACL runs it with rdflib, or says what is wrong
            continue
        if not all(isinstance(node, ox.NamedNode) for node in nodes):
            continue
        shapes.remove((shape, SH.target, target))
        for node in nodes:
            shapes.add((shape, SH.targetNode, URIRef(node.value)))
    return shapes


def _sparql_prefixes(shapes: Graph, node, data: Graph) -> str:
    """The PREFIX lines the query of NODE is run with: the declarations its sh:prefixes point
    to (SHACL 5.2.1), and before them the prefixes DATA binds, which rdflib, and so pySHACL,
    also lets a query use (a declared prefix wins: it comes later)."""
    prefixes = {str(prefix): str(namespace) for prefix, namespace in data.namespaces()}
    for source in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefixes.pop(str(shapes.value(declaration, SH.prefix)), None)
            prefixes[str(shapes.value(declaration, SH.prefix))] = str(
                shapes.value(declaration, SH.namespace))
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in prefixes.items())


@functools.cache
def _loaded_shapes() -> tuple[Graph, list[tuple[re.Pattern, str]]]:
    """The shapes as written and their messages' patterns, read once a process: a corpus
    worker validates hundreds of documents. Never given to pySHACL itself (it writes to the
    shapes graph it gets): property_shapes_targeted copies them for it."""
    shapes = shapes_graph()
    return shapes, _message_languages(shapes)


def validate_file(path: str | Path) -> ValidationReport:
    """Read a graph file (Turtle, N-Triples, JSON-LD, TriG, RDF/XML) and validate it."""
    return validate_graph(open_rdflib_graph(path))


def _finding(results: Graph, result, describer: FocusDescriber, patterns,
             shapes: Graph) -> Finding:
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    messages: dict[str, str] = {}
    for message in results.objects(result, SH.resultMessage):
        messages.setdefault(_language(message, patterns), str(message))
    return Finding(
        severity=_SEVERITIES.get(results.value(result, SH.resultSeverity), VIOLATION),
        focus=str(focus),
        line=describer.line(focus),
        where={lang: describer.describe(focus, lang) for lang in LANGUAGES},
        message=messages,
        path=describer.short(path) if isinstance(path, URIRef) else "",
        shape=_shape_name(results.value(result, SH.sourceShape), shapes),
    )


def _shape_name(shape, shapes: Graph) -> str:
    """dgsh:TaskShape: the node shape a result comes from, also for its property shapes."""
    parent = shapes.value(predicate=SH.property, object=shape)
    shape = parent if parent is not None else shape
    if not isinstance(shape, URIRef):
        return ""
    return str(shape).replace(SHAPES_IRI, "dgsh:")


def _message_languages(shapes: Graph) -> list[tuple[re.Pattern, str]]:
    """Each sh:message template of the shapes as a pattern, with its language tag.

    pySHACL drops the language tag of a SPARQL constraint's message when it fills in its
    {?variables}; matching the text against the templates tells the languages apart again.
    """
    patterns = []
    for message in shapes.objects(None, SH.message):
        if isinstance(message, Literal) and message.language:
            parts = re.split(r"\{[?$]\w+\}", str(message))
            pattern = re.compile(".*?".join(re.escape(part) for part in parts), re.DOTALL)
            patterns.append((pattern, message.language.split("-")[0]))
    return patterns


def _language(message, patterns: list[tuple[re.Pattern, str]]) -> str:
    """The language of a result message: its tag, else that of the template it fills in."""
    if isinstance(message, Literal) and message.language:
        return message.language.split("-")[0]
    for pattern, lang in patterns:
        if pattern.fullmatch(str(message)):
            return lang
    return "en"


class FocusDescriber:
    """Puts a node of the data graph in words a reader of the table knows."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def line(self, node) -> int | None:
        """The source line of a task, section or assignment; a unit's first mention."""
        value = self.graph.value(node, DG.sourceLine)
        if value is None and (node, RDF.type, DG.Unit) in self.graph:
            lines = [self.graph.value(a, DG.sourceLine)
                     for a in self.graph.subjects(PROV.agent, node)]
            lines = [int(v) for v in lines if v is not None]
            return min(lines) if lines else None
        if value is None and (node, RDF.type, DG.Leader) in self.graph:
            lines = [self.graph.value(section, DG.sourceLine)
                     for section in self.graph.subjects(DG.leader, node)]
            lines = [int(v) for v in lines if v is not None]
            return min(lines) if lines else None
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None

    def describe(self, node, lang: str) -> str:
        """'task 二-5 (line 17)' or '重点工作 二-5（第 17 行）'; the IRI when nothing better."""
        words = WORDS[lang]
        what = self._what(node, lang) or str(node)
        line = self.line(node)
        task = self.graph.value(predicate=PROV.qualifiedAttribution, object=node)
        if line is None or task is not None:  # an assignment's task already says the line
            return what
        key = "first_named" if self._is(node, DG.Unit) else "line"
        return words["place"].format(what=what, line=words[key].format(line=line))

    def _what(self, node, lang: str) -> str:
        words, g = WORDS[lang], self.graph
        if self._is(node, DG.Task) or g.value(node, DG.number) is not None:
            return self._task(node, lang)
        if self._is(node, DG.Assignment):
            task = g.value(predicate=PROV.qualifiedAttribution, object=node)
            return words["assignment"].format(
                task=self.describe(task, lang) if task is not None else words["no_task"],
                position=g.value(node, DG.position) or "?",
                name=g.value(node, DG.nameAsWritten) or "?")
        if self._is(node, DG.Section):
            return words["section"].format(numeral=g.value(node, DG.sectionNumeral) or "?")
        if self._is(node, DG.Unit):
            return words["unit"].format(name=self._label(node))
        if self._is(node, DG.Leader):
            return words["leader"].format(name=self._label(node))
        if self._is(node, DG.Document):
            return words["document"].format(id=g.value(node, DCTERMS.identifier) or node)
        return ""

    def _task(self, node, lang: str) -> str:
        section = self.graph.value(node, DG.section)
        numeral = self.graph.value(section, DG.sectionNumeral) if section is not None else None
        return WORDS[lang]["task"].format(section=numeral or "?",
                                          number=self.graph.value(node, DG.number) or "?")

    def _label(self, node) -> str:
        labels = {label.language: str(label) for label in self.graph.objects(node, SKOS.prefLabel)
                  if isinstance(label, Literal)}
        return (labels.get("zh") or next(iter(labels.values()), None)
                or str(self.graph.value(node, DCTERMS.identifier) or node.rsplit("/", 1)[-1]))

    def _is(self, node, cls) -> bool:
        return (node, RDF.type, cls) in self.graph

    def short(self, term) -> str:
        """dg:text for the IRI of dg:text; the IRI itself when no prefix fits."""
        if term is None or not isinstance(term, URIRef):
            return ""
        try:
            return self.graph.namespace_manager.normalizeUri(term)
        except Exception:
            return str(term)
