"""The vocabularies dutygraph writes, as namespaces whose misspelt terms fail loudly."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

# The only place a project IRI is spelt: every other module takes it from here.
PROJECT_IRI = "https://w3id.org/dutygraph/"
ONTOLOGY_IRI = PROJECT_IRI + "ontology"
SHAPES_IRI = PROJECT_IRI + "shapes#"
CONTEXT_URL = PROJECT_IRI + "context.jsonld"  # the JSON-LD context graph.jsonld names
DEFAULT_BASE = PROJECT_IRI + "id/"


class DG(DefinedNamespace):
    """The dutygraph ontology (ontology/dutygraph.ttl); a test keeps the two in step."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # Classes
    Document: URIRef
    Section: URIRef
    Leader: URIRef
    Task: URIRef
    Unit: URIRef
    UnlistedUnit: URIRef
    Target: URIRef
    Role: URIRef
    Assignment: URIRef
    UnitType: URIRef
    LeadRule: URIRef

    # Object properties
    section: URIRef
    document: URIRef
    leader: URIRef
    inChargeOf: URIRef
    overallResponsibilityFor: URIRef
    responsibleFor: URIRef
    leads: URIRef
    coResponsibleFor: URIRef
    leadRule: URIRef
    hasTarget: URIRef

    # Datatype properties
    number: URIRef
    text: URIRef
    remark: URIRef
    note: URIRef
    leadConventionAssumed: URIRef
    sourceLine: URIRef
    position: URIRef
    nameAsWritten: URIRef
    leadMarked: URIRef
    sectionNumeral: URIRef
    heading: URIRef
    leaderTitle: URIRef
    statement: URIRef
    district: URIRef
    year: URIRef
    sha256: URIRef
    sourceEncoding: URIRef

    # Individuals: roles, lead rules, unit types
    roles: URIRef
    lead: URIRef
    coResponsible: URIRef
    leadRules: URIRef
    starMarked: URIRef
    soleUnit: URIRef
    noLeadMarked: URIRef
    unitTypes: URIRef
    bureau: URIRef
    townOrSubdistrict: URIRef
    taskForce: URIRef
    stateOwnedGroup: URIRef
    partyDepartment: URIRef
    massOrganisation: URIRef
    centre: URIRef
    court: URIRef
    collective: URIRef
    adminCommittee: URIRef
    otherBody: URIRef

    # Targets (issue 3): src/dutygraph/rdf/targets.py
    Comparator: URIRef
    comparator: URIRef
    span: URIRef
    indicator: URIRef
    numberAsPrinted: URIRef
    magnitude: URIRef
    value: URIRef
    unitWord: URIRef
    qualifier: URIRef
    qualitative: URIRef
    comparators: URIRef
    atLeast: URIRef
    moreThan: URIRef
    atMost: URIRef
    approximately: URIRef
    exactly: URIRef

    # Other layouts and formats (issue 7): reader.py, graph.py
    firstListed: URIRef
    leadColumn: URIRef
    noUnits: URIRef
    deadline: URIRef
    deadlineDate: URIRef
    sourceTable: URIRef
    sourceRow: URIRef
    # An expected-indicators table (issue 7, layout 6): graph.py, graph_layouts.py
    IndicatorSection: URIRef
    IndicatorTask: URIRef
    expectedValueAsPrinted: URIRef
    measureUnitAsPrinted: URIRef
    indicatorAttribute: URIRef
    # Tasks that recur from one year to the next (issue 8): recurrences.py
    Recurrence: URIRef
    earlierTask: URIRef
    laterTask: URIRef
    textSimilarity: URIRef
    # Progress against the plan (issue 24): read/progress.py, rdf/progress.py
    ProgressReport: URIRef
    ReportingPeriod: URIRef
    ReportLine: URIRef
    ProgressStatement: URIRef
    ProgressObservation: URIRef
    ProgressStatus: URIRef
    LinkMethod: URIRef
    reportsOn: URIRef
    period: URIRef
    reportsOnTask: URIRef
    status: URIRef
    linkMethod: URIRef
    hasObservation: URIRef
    measuresTarget: URIRef
    progressText: URIRef
    statusAsWritten: URIRef
    statusSource: URIRef
    taskTextAsReported: URIRef
    unitAsReported: URIRef
    linkScore: URIRef
    linkEvidence: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    periodLabel: URIRef
    elapsedShare: URIRef
    reportLine: URIRef
    reportTable: URIRef
    observedValue: URIRef
    observedUnitWord: URIRef
    observedSpan: URIRef
    observedIndicator: URIRef
    shareOfPlan: URIRef
    progressStatuses: URIRef
    completed: URIRef
    basicallyCompleted: URIRef
    aheadOfSchedule: URIRef
    onSchedule: URIRef
    behind: URIRef
    notStarted: URIRef
    linkMethods: URIRef
    byOverride: URIRef
    bySectionNumber: URIRef
    byTextSimilarity: URIRef


# W3C Data Cube: a progress report's figures are its observations (rdf/progress.py).
QB = Namespace("http://purl.org/linked-data/cube#")

# Prefixes bound in every graph dutygraph writes, so its Turtle reads the same everywhere.
PREFIXES = {
    "dg": DG._NS,
    "prov": PROV,
    "org": ORG,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
}

def ox_node(term: URIRef) -> ox.NamedNode:
    """A namespace term as pyoxigraph names it, for the code that walks a store's index."""
    return ox.NamedNode(str(term))


__all__ = ["CONTEXT_URL", "DCTERMS", "DEFAULT_BASE", "DG", "ONTOLOGY_IRI", "ORG", "OWL", "PREFIXES",
           "PROV", "QB", "RDF", "RDFS", "SHAPES_IRI", "SKOS", "XSD", "ox_node"]
