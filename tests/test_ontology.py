"""The ontology (ontology/dutygraph.ttl): its agreed terms, bilingual labels, OWL 2 DL, HermiT."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import owlready2
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

import dutygraph

from .conftest import require_tool

ONTOLOGY_FILE = Path(__file__).resolve().parents[1] / "ontology" / "dutygraph.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/dutygraph/ontology")
DG = Namespace(str(ONTOLOGY_IRI) + "#")
VANN = Namespace("http://purl.org/vocab/vann/")
MIT_LICENSE = URIRef("https://opensource.org/licenses/MIT")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # rdflib's XSD warns when pytest probes it
LANGUAGES = {"en", "zh"}

# The agreed term list: the builder and the queries are written against these exact names.
CLASSES = {
    "Document", "Section", "Leader", "Task", "Unit", "UnlistedUnit", "Target", "Role",
    "Assignment", "UnitType", "LeadRule", "Comparator", "IndicatorTask", "IndicatorSection",
    "Recurrence", "ProgressReport", "ReportingPeriod", "ReportLine", "ProgressStatement",
    "ProgressObservation", "ProgressStatus", "LinkMethod",
}
OBJECT_PROPERTIES = {
    "section", "document", "leader", "inChargeOf", "overallResponsibilityFor", "responsibleFor",
    "leads", "coResponsibleFor", "leadRule", "hasTarget", "comparator", "earlierTask",
    "laterTask", "reportsOn", "period", "reportsOnTask", "status", "linkMethod",
    "hasObservation", "measuresTarget",
}
DATATYPE_PROPERTIES = {
    "number", "text", "remark", "sourceLine", "position", "nameAsWritten", "leadMarked",
    "sectionNumeral", "heading", "leaderTitle", "statement", "district", "year", "sha256",
    "sourceEncoding", "span", "indicator", "numberAsPrinted", "magnitude", "value", "unitWord",
    "qualifier", "qualitative", "deadline", "deadlineDate", "sourceTable", "sourceRow",
    "expectedValueAsPrinted", "measureUnitAsPrinted", "indicatorAttribute", "textSimilarity",
    "note", "leadConventionAssumed",
    "progressText", "statusAsWritten", "statusSource", "taskTextAsReported", "unitAsReported",
    "linkScore", "linkEvidence", "periodStart", "periodEnd", "periodLabel", "elapsedShare",
    "reportLine", "reportTable", "observedValue", "observedUnitWord", "observedSpan",
    "observedIndicator", "shareOfPlan",
}
ROLE_NOTATIONS = {"lead": "lead", "coResponsible": "co"}
UNIT_TYPES = {
    "bureau", "townOrSubdistrict", "taskForce", "stateOwnedGroup", "partyDepartment",
    "massOrganisation", "centre", "court", "collective", "adminCommittee", "otherBody",
}
LEAD_RULES = {"starMarked", "soleUnit", "noLeadMarked", "firstListed", "leadColumn", "noUnits"}
COMPARATOR_NOTATIONS = {"atLeast": "at_least", "moreThan": "more_than", "atMost": "at_most",
                        "approximately": "approx", "exactly": "exact"}
# concept scheme → (class of its concepts, local names of its concepts)
PROGRESS_STATUSES = {"completed": "completed", "basicallyCompleted": "basicallyCompleted",
                     "aheadOfSchedule": "aheadOfSchedule", "onSchedule": "onSchedule",
                     "behind": "behind", "notStarted": "notStarted"}
LINK_METHODS = {"byOverride": "override", "bySectionNumber": "number",
                "byTextSimilarity": "text"}
SCHEMES = {
    "roles": ("Role", set(ROLE_NOTATIONS)),
    "unitTypes": ("UnitType", UNIT_TYPES),
    "leadRules": ("LeadRule", LEAD_RULES),
    "comparators": ("Comparator", set(COMPARATOR_NOTATIONS)),
    "progressStatuses": ("ProgressStatus", set(PROGRESS_STATUSES)),
    "linkMethods": ("LinkMethod", set(LINK_METHODS)),
}
ALL_TERMS = (
    CLASSES | OBJECT_PROPERTIES | DATATYPE_PROPERTIES | set(SCHEMES)
    | set(ROLE_NOTATIONS) | UNIT_TYPES | LEAD_RULES | set(COMPARATOR_NOTATIONS)
    | set(PROGRESS_STATUSES) | set(LINK_METHODS)
)

# Pairs of classes that must be declared disjoint (directly or in an owl:AllDisjointClasses).
DISJOINT_PAIRS = [
    ("Leader", "Unit"), ("Task", "Section"), ("Task", "Document"), ("Section", "Document"),
    ("Assignment", "Task"), ("Assignment", "Unit"),
]

# The datatypes an OWL 2 DL ontology may use (OWL 2 Structural Specification, section 4).
OWL2_DATATYPE_MAP = {RDFS.Literal, RDF.PlainLiteral, RDF.XMLLiteral, OWL.real, OWL.rational} | {
    XSD[name] for name in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger "
        "long int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float "
        "string normalizedString token language Name NCName NMTOKEN boolean hexBinary "
        "base64Binary anyURI dateTime dateTimeStamp"
    ).split()
}
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
BUILT_IN = (str(RDF), str(RDFS), str(OWL), str(XSD))

PREFIXES = """\
@prefix dg: <https://w3id.org/dutygraph/ontology#> .
@prefix ex: <https://w3id.org/dutygraph/id/test/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Axioms of the real PROV-O, FOAF, ORG and SKOS about the terms the ontology aligns with, so
# HermiT checks the alignment against them without owl:imports (no network).
EXTERNAL_AXIOMS = PREFIXES + """
prov:Activity a owl:Class . prov:InstantaneousEvent a owl:Class . prov:Agent a owl:Class .
prov:Influence a owl:Class . prov:AgentInfluence a owl:Class . prov:Association a owl:Class .
prov:Entity owl:disjointWith prov:Activity , prov:InstantaneousEvent .
prov:Agent owl:disjointWith prov:InstantaneousEvent .
prov:Plan rdfs:subClassOf prov:Entity .
prov:Person rdfs:subClassOf prov:Agent .
prov:Organization rdfs:subClassOf prov:Agent .
prov:AgentInfluence rdfs:subClassOf prov:Influence .
prov:Attribution rdfs:subClassOf prov:AgentInfluence .
prov:Association rdfs:subClassOf prov:AgentInfluence .
prov:wasDerivedFrom rdfs:domain prov:Entity ; rdfs:range prov:Entity .
prov:qualifiedAttribution rdfs:domain prov:Entity ; rdfs:range prov:Attribution .
prov:agent rdfs:domain prov:AgentInfluence ; rdfs:range prov:Agent .
prov:hadRole rdfs:range prov:Role ; rdfs:domain prov:Influence ,
    [ a owl:Class ; owl:unionOf ( prov:Association prov:InstantaneousEvent ) ] .
prov:wasAttributedTo rdfs:domain prov:Entity ; rdfs:range prov:Agent ;
    owl:propertyChainAxiom ( prov:qualifiedAttribution prov:agent ) .

foaf:Agent a owl:Class . foaf:Organization a owl:Class . foaf:Project a owl:Class .
foaf:Person rdfs:subClassOf foaf:Agent ; owl:disjointWith foaf:Organization , foaf:Project .
foaf:Organization rdfs:subClassOf foaf:Agent ; owl:disjointWith foaf:Document .
foaf:Document owl:disjointWith foaf:Project .

org:Organization rdfs:subClassOf foaf:Agent ; owl:equivalentClass foaf:Organization .
org:Role rdfs:subClassOf skos:Concept .
org:classification rdfs:domain org:Organization ; rdfs:range skos:Concept .

skos:ConceptScheme owl:disjointWith skos:Concept .
skos:inScheme rdfs:range skos:ConceptScheme .
skos:hasTopConcept rdfs:domain skos:ConceptScheme ; rdfs:range skos:Concept .
skos:topConceptOf rdfs:subPropertyOf skos:inScheme ; owl:inverseOf skos:hasTopConcept .
"""

# A small graph in the shape src/dutygraph/rdf/graph.py writes: one document, a section with a
# leader who is in overall charge, a section without one, a task with a lead and an unlisted
# co-responsible unit.
SAMPLE_DATA = PREFIXES + """
ex:doc a dg:Document ;
    dcterms:identifier "test-2024" ; dcterms:title "某区2024年政府工作报告重点工作责任分解"@zh ;
    dg:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    dg:sourceEncoding "utf-8" ; dg:district "某区"@zh ; dg:year "2024"^^xsd:gYear ;
    dcterms:source "https://example.org/key-tasks.html" ; skos:note "注：带*的为牵头单位。"@zh .
ex:s1 a dg:Section ;
    dg:document ex:doc ; dg:position 1 ; dg:sectionNumeral "一" ;
    dg:heading "一、张三区长牵头重点工作"@zh ; skos:prefLabel "一、张三区长牵头重点工作"@zh ;
    dg:sourceLine 3 ; dg:statement "总负责。"@zh ; dg:leader ex:zhang-san ;
    dg:leaderTitle "区长"@zh .
ex:s2 a dg:Section ;
    dg:document ex:doc ; dg:position 2 ; dg:sectionNumeral "二" ;
    dg:heading "二、区委部门重点工作"@zh ; dg:sourceLine 5 .
ex:zhang-san a dg:Leader ;
    skos:prefLabel "张三"@zh ; skos:altLabel "Zhang San"@zh-Latn-pinyin ;
    dg:overallResponsibilityFor ex:doc ; dg:inChargeOf ex:t1 .
ex:t1 a dg:Task ;
    dg:section ex:s1 ; dg:number 1 ; dg:text "推进营商环境改革。"@zh ; dg:remark "年底前"@zh ;
    dg:sourceLine 4 ; prov:wasDerivedFrom ex:doc ; dg:leadRule dg:starMarked ;
    prov:qualifiedAttribution ex:t1-1 , ex:t1-2 .
ex:t1-1 a dg:Assignment ;
    prov:agent ex:fgj ; prov:hadRole dg:lead ; dg:position 1 ;
    dg:nameAsWritten "区发改局"@zh ; dg:leadMarked true ; dg:sourceLine 4 .
ex:t1-2 a dg:Assignment ;
    prov:agent ex:unlisted-0a1b2c3d4e ; prov:hadRole dg:coResponsible ; dg:position 2 ;
    dg:nameAsWritten "某某中心"@zh ; dg:leadMarked false ; dg:sourceLine 4 .
ex:fgj a dg:Unit ;
    dcterms:identifier "fgj" ; skos:prefLabel "区发改局"@zh , "Development and Reform Bureau"@en ;
    skos:altLabel "发改局"@zh ; org:classification dg:bureau ; dg:leads ex:t1 ;
    skos:editorialNote "Merged with 发改局."@en .
ex:unlisted-0a1b2c3d4e a dg:Unit , dg:UnlistedUnit ;
    dcterms:identifier "unlisted-0a1b2c3d4e" ; skos:prefLabel "某某中心"@zh ;
    dg:coResponsibleFor ex:t1 .
"""

# Small graphs that contradict the ontology (with the external axioms): HermiT must say so.
CONTRADICTIONS = {
    "leader-is-a-unit": "ex:x a dg:Leader , dg:Unit .",
    "task-is-a-section": "ex:x a dg:Task , dg:Section .",
    "task-is-a-prov-activity": "ex:x a dg:Task , prov:Activity .",
    "assignment-with-two-roles": (
        "ex:a a dg:Assignment ; prov:agent ex:u ; prov:hadRole dg:lead , dg:coResponsible ."
    ),
    "task-number-not-an-integer": 'ex:t a dg:Task ; dg:number "一" .',
    "two-numbers-for-one-task": "ex:t a dg:Task ; dg:number 1 , 2 .",
}

# OWL API's OWL 2 DL profile checker (it ships inside owlready2's HermiT.jar), run as a
# single-file Java program.
DL_PROFILE_CHECK = textwrap.dedent("""\
    import java.io.File;
    import org.semanticweb.owlapi.apibinding.OWLManager;
    import org.semanticweb.owlapi.model.OWLOntology;
    import org.semanticweb.owlapi.profiles.OWL2DLProfile;
    import org.semanticweb.owlapi.profiles.OWLProfileReport;
    import org.semanticweb.owlapi.profiles.OWLProfileViolation;

    public class DLProfileCheck {
        public static void main(String[] args) throws Exception {
            OWLOntology ontology = OWLManager.createOWLOntologyManager()
                .loadOntologyFromOntologyDocument(new File(args[0]));
            OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
            for (OWLProfileViolation violation : report.getViolations()) {
                System.out.println(violation);
            }
            System.exit(report.isInProfile() ? 0 : 1);
        }
    }
    """)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def java() -> str:
    return require_tool("java")


def is_built_in(node) -> bool:
    """An RDF, RDFS, OWL or XSD term (str.startswith: rdflib's own takes one prefix only)."""
    return isinstance(node, URIRef) and str(node).startswith(BUILT_IN)


def dg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(DG))}


def local_names(graph: Graph, rdf_type: URIRef) -> set[str]:
    return {s.removeprefix(str(DG)) for s in graph.subjects(RDF.type, rdf_type) if s in DG}


def languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


def list_items(graph: Graph, predicate: URIRef) -> list:
    return [item for node in graph.objects(None, predicate) for item in Collection(graph, node)]


def reason(directory: Path, *graphs: Graph, ignore_unsupported_datatypes: bool = False):
    """Run HermiT (through owlready2, which reads N-Triples, not Turtle) on the graphs' union."""
    union = Graph()
    for graph in graphs:
        union += graph
    path = directory / "reasoned.nt"
    union.serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    owlready2.sync_reasoner(
        world, infer_property_values=False, debug=0,
        ignore_unsupported_datatypes=ignore_unsupported_datatypes,
    )
    return world


# --- Turtle ---------------------------------------------------------------------------------

def test_turtle_parses_in_rapper_with_the_same_triple_count(ontology):
    rapper = require_tool("rapper")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(ONTOLOGY_FILE)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"returned {len(ontology)} triples" in done.stderr


# --- The header -----------------------------------------------------------------------------

def test_header_has_titles_description_version_licence_and_prefix(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert languages(ontology, ONTOLOGY_IRI, DCTERMS.title) >= LANGUAGES
    assert languages(ontology, ONTOLOGY_IRI, DCTERMS.description) >= LANGUAGES
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal(dutygraph.__version__)
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == MIT_LICENSE
    assert ontology.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix) == Literal("dg")
    assert str(ontology.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(DG)


def test_nothing_is_imported(ontology):
    assert not list(ontology.triples((None, OWL.imports, None)))


# --- The agreed terms, exactly ---------------------------------------------------------------

def test_the_terms_are_exactly_the_agreed_ones(ontology):
    assert {t.removeprefix(str(DG)) for t in dg_terms(ontology)} == ALL_TERMS


def test_classes(ontology):
    assert local_names(ontology, OWL.Class) == CLASSES


def test_object_properties(ontology):
    assert local_names(ontology, OWL.ObjectProperty) == OBJECT_PROPERTIES


def test_datatype_properties(ontology):
    assert local_names(ontology, OWL.DatatypeProperty) == DATATYPE_PROPERTIES


def test_roles_and_their_notations(ontology):
    assert local_names(ontology, DG.Role) == set(ROLE_NOTATIONS)
    for name, notation in ROLE_NOTATIONS.items():
        assert list(ontology.objects(DG[name], SKOS.notation)) == [Literal(notation)]


def test_unit_types(ontology):
    assert local_names(ontology, DG.UnitType) == UNIT_TYPES


def test_lead_rules(ontology):
    assert local_names(ontology, DG.LeadRule) == LEAD_RULES


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_each_scheme_holds_exactly_its_concepts(ontology, scheme):
    class_name, members = SCHEMES[scheme]
    node = DG[scheme]
    assert (node, RDF.type, SKOS.ConceptScheme) in ontology
    assert {s.removeprefix(str(DG)) for s in ontology.subjects(SKOS.inScheme, node)} == members
    assert {o.removeprefix(str(DG)) for o in ontology.objects(node, SKOS.hasTopConcept)} == members
    for name in members:
        concept = DG[name]
        assert {DG[class_name], SKOS.Concept, OWL.NamedIndividual} <= set(
            ontology.objects(concept, RDF.type)), name
        assert languages(ontology, concept, SKOS.prefLabel) >= LANGUAGES, name


def test_the_concepts_of_a_scheme_are_declared_different(ontology):
    groups = [set(Collection(ontology, o)) for o in ontology.objects(None, OWL.distinctMembers)]
    for _, members in SCHEMES.values():
        assert {DG[name] for name in members} in groups


# --- Documentation of every term -------------------------------------------------------------

def test_every_term_has_labels_and_definitions_in_english_and_chinese(ontology):
    missing = [
        f"{term.removeprefix(str(DG))}: {predicate.n3(ontology.namespace_manager)}@{language}"
        for term in sorted(dg_terms(ontology))
        for predicate in (RDFS.label, SKOS.definition)
        for language in sorted(LANGUAGES - languages(ontology, term, predicate))
    ]
    assert not missing


def test_every_term_is_defined_by_the_ontology(ontology):
    terms = dg_terms(ontology)
    assert {t for t in terms if (t, RDFS.isDefinedBy, ONTOLOGY_IRI) not in ontology} == set()


def test_no_two_terms_share_a_label(ontology):
    seen: dict[tuple[str, str | None], URIRef] = {}
    for term in sorted(dg_terms(ontology)):
        for label in ontology.objects(term, RDFS.label):
            key = (str(label), label.language)
            assert key not in seen, f"{term} and {seen[key]} are both labelled {key}"
            seen[key] = term


def test_every_property_has_a_domain_and_a_range(ontology):
    for name in sorted(OBJECT_PROPERTIES | DATATYPE_PROPERTIES):
        assert ontology.value(DG[name], RDFS.domain) is not None, name
        assert ontology.value(DG[name], RDFS.range) is not None, name


@pytest.mark.parametrize(("child", "parents"), [
    ("Document", {"prov:Entity", "foaf:Document"}),
    ("Section", {"prov:Entity"}),
    ("Leader", {"prov:Person", "foaf:Person"}),
    ("Task", {"prov:Plan"}),
    ("Unit", {"org:Organization"}),
    ("UnlistedUnit", {"dg:Unit"}),
    ("Target", {"prov:Entity"}),
    ("Role", {"prov:Role", "org:Role"}),
    ("Assignment", {"prov:Attribution"}),
    ("UnitType", {"skos:Concept"}),
    ("LeadRule", {"skos:Concept"}),
])
def test_classes_are_aligned_with_w3c_vocabularies(ontology, child, parents):
    stated = {o.n3(ontology.namespace_manager) for o in ontology.objects(DG[child], RDFS.subClassOf)
              if isinstance(o, URIRef)}
    assert parents <= stated


@pytest.mark.parametrize(("first", "second"), DISJOINT_PAIRS)
def test_classes_are_disjoint(ontology, first, second):
    pair = {DG[first], DG[second]}
    in_all_disjoint = any(pair <= set(group) for group in
                          (Collection(ontology, o) for o in ontology.objects(None, OWL.members)))
    direct = (DG[first], OWL.disjointWith, DG[second]) in ontology or \
        (DG[second], OWL.disjointWith, DG[first]) in ontology
    assert in_all_disjoint or direct


# --- OWL 2 DL typing, checked in Python -----------------------------------------------------

def test_every_property_used_is_declared_with_exactly_one_kind(ontology):
    predicates = {p for p in ontology.predicates() if not is_built_in(p)}
    predicates |= set(ontology.subjects(RDF.type, OWL.AnnotationProperty))
    kinds = {p: {k for k in PROPERTY_KINDS if (p, RDF.type, k) in ontology} for p in predicates}
    assert {p: k for p, k in kinds.items() if len(k) != 1} == {}


def test_every_class_used_is_declared_a_class(ontology):
    used = set(ontology.objects(None, RDFS.subClassOf)) | set(ontology.objects(None, OWL.onClass))
    used |= set(list_items(ontology, OWL.unionOf)) | set(list_items(ontology, OWL.members))
    used |= {o for o in ontology.objects(None, RDF.type) if not is_built_in(o)}
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        used |= set(ontology.objects(prop, RDFS.domain)) | set(ontology.objects(prop, RDFS.range))
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        used |= set(ontology.objects(prop, RDFS.domain))
    undeclared = {c for c in used
                  if not isinstance(c, BNode) and (c, RDF.type, OWL.Class) not in ontology}
    assert undeclared == set()


def test_sub_properties_are_of_the_same_kind_as_their_parents(ontology):
    for child, parent in ontology.subject_objects(RDFS.subPropertyOf):
        assert {k for k in PROPERTY_KINDS if (child, RDF.type, k) in ontology} == \
            {k for k in PROPERTY_KINDS if (parent, RDF.type, k) in ontology}, (child, parent)


def test_datatype_ranges_are_in_the_owl2_datatype_map(ontology):
    ranges = {p: ontology.value(p, RDFS.range)
              for p in ontology.subjects(RDF.type, OWL.DatatypeProperty)}
    assert {p: r for p, r in ranges.items() if r not in OWL2_DATATYPE_MAP} == {}


def test_ontology_is_in_the_owl2_dl_profile(ontology, java, tmp_path):
    """OWL API's profile checker, run as a Java source file: skipped where Java has no compiler."""
    if shutil.which("javac") is None:
        pytest.skip("running a Java source file needs a JDK (javac); the Java runtime alone "
                    "cannot run OWL API's OWL 2 DL profile checker")
    program = tmp_path / "DLProfileCheck.java"
    program.write_text(DL_PROFILE_CHECK, encoding="utf-8")
    path = tmp_path / "ontology.nt"
    ontology.serialize(path, format="nt", encoding="utf-8")
    hermit_jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    done = subprocess.run([java, "-cp", str(hermit_jar), str(program), str(path)],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


# --- HermiT ----------------------------------------------------------------------------------

def test_hermit_finds_the_ontology_consistent(ontology, java, tmp_path):
    world = reason(tmp_path, ontology)
    assert list(world.inconsistent_classes()) == []


def test_hermit_finds_it_consistent_with_prov_foaf_org_skos_and_sample_data(
        ontology, java, tmp_path):
    external = Graph().parse(data=EXTERNAL_AXIOMS, format="turtle")
    sample = Graph().parse(data=SAMPLE_DATA, format="turtle")
    # The builder writes dg:year as xsd:gYear, which is outside the OWL 2 datatype map.
    world = reason(tmp_path, ontology, external, sample, ignore_unsupported_datatypes=True)
    assert list(world.inconsistent_classes()) == []


@pytest.mark.parametrize("case", sorted(CONTRADICTIONS))
def test_hermit_rejects_a_contradiction(ontology, java, tmp_path, case):
    external = Graph().parse(data=EXTERNAL_AXIOMS, format="turtle")
    wrong = Graph().parse(data=PREFIXES + CONTRADICTIONS[case], format="turtle")
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        reason(tmp_path, ontology, external, wrong)
