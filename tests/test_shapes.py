"""The SHACL shapes (ontology/shapes.ttl, shapes-warnings.ttl): the seed conforms, each shape
has a small graph that breaks it, and the report names the task and its source line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from dutygraph.build import build, write_build
from dutygraph.check.shacl import (
    ValidationFailed,
    property_shapes_targeted,
    shapes_as_run,
    shapes_graph,
    sparql_targets_resolved,
    validate_graph,
)
from dutygraph.cli.main import cli

from .conftest import SEED

PREFIXES = """\
PREFIX dg: <https://w3id.org/dutygraph/ontology#>
PREFIX ex: <https://example.org/id/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

# A valid graph in the shape src/dutygraph/rdf/graph.py writes: one document, one section with a
# leader, task 一-1 on line 4 with a lead and a co-responsible unit and one target each kind.
VALID = PREFIXES + """
ex:doc a dg:Document ; dcterms:identifier "test-2024" ; dg:sourceEncoding "utf-8" ;
    dg:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    dg:year "2024"^^xsd:gYear .
ex:s1 a dg:Section ; dg:document ex:doc ; dg:position 1 ; dg:sectionNumeral "一" ;
    dg:heading "一、张三区长牵头重点工作"@zh ; dg:sourceLine 3 ; dg:leader ex:zhang-san .
ex:zhang-san a dg:Leader ; skos:prefLabel "张三"@zh ; dg:inChargeOf ex:t1 .
ex:t1 a dg:Task ; dg:section ex:s1 ; dg:number 1 ; dg:text "新增孵化面积30万平方米以上。"@zh ;
    dg:sourceLine 4 ; prov:wasDerivedFrom ex:doc ; dg:leadRule dg:starMarked ;
    prov:qualifiedAttribution ex:t1-1 , ex:t1-2 ; dg:hasTarget ex:t1-target-01 , ex:t1-target-02 .
ex:t1-1 a dg:Assignment ; prov:agent ex:fgj ; prov:hadRole dg:lead ; dg:position 1 ;
    dg:nameAsWritten "区发改局"@zh ; dg:leadMarked true ; dg:sourceLine 4 .
ex:t1-2 a dg:Assignment ; prov:agent ex:jxj ; prov:hadRole dg:coResponsible ; dg:position 2 ;
    dg:nameAsWritten "区经信局"@zh ; dg:leadMarked false ; dg:sourceLine 4 .
ex:fgj a dg:Unit ; dcterms:identifier "fgj" ; skos:prefLabel "区发改局"@zh ; dg:leads ex:t1 .
ex:jxj a dg:Unit ; dcterms:identifier "jxj" ; skos:prefLabel "区经信局"@zh ;
    dg:coResponsibleFor ex:t1 .
ex:t1-target-01 a dg:Target ; dg:span "新增孵化面积30万平方米以上"@zh ; dg:qualitative false ;
    dg:value 300000.0 ; dg:unitWord "平方米" ; dg:comparator dg:atLeast .
ex:t1-target-02 a dg:Target ; dg:span "全覆盖"@zh ; dg:qualitative true .
ex:t1-recurs a dg:Recurrence ; dg:earlierTask ex:t0 ; dg:laterTask ex:t1 ;
    dg:textSimilarity 0.875 .
"""

# shape → (SPARQL Update that breaks it, the property the report names, or "")
BREAKERS = {
    "TaskShape-text": ("TaskShape", "DELETE WHERE { ex:t1 dg:text ?text }", "dg:text"),
    "TaskShape-number": ("TaskShape", "DELETE WHERE { ex:t1 dg:number ?n }", "dg:number"),
    "TaskShape-section": ("TaskShape", "DELETE WHERE { ex:t1 dg:section ?s }", "dg:section"),
    # Checked by sh:or (only an indicator row may have no units): the finding names no
    # property, its message does (see test_an_ordinary_task_without_units_still_violates).
    "TaskShape-units": ("TaskShape",
                        "DELETE WHERE { ex:t1 prov:qualifiedAttribution ?a . ?a ?p ?o }", ""),
    "TaskShape-assignment": ("TaskShape", "INSERT DATA { ex:t1 prov:qualifiedAttribution ex:fgj }",
                             "prov:qualifiedAttribution"),
    "TaskShape-derivation": ("TaskShape", "DELETE WHERE { ex:t1 prov:wasDerivedFrom ?d }",
                             "prov:wasDerivedFrom"),
    "TaskShape-lead-rule": ("TaskShape", "INSERT DATA { ex:t1 dg:leadRule dg:soleUnit }",
                            "dg:leadRule"),
    "TaskUnitRolesShape": ("TaskUnitRolesShape",
                           "DELETE DATA { ex:t1-2 prov:agent ex:jxj } ;"
                           "INSERT DATA { ex:t1-2 prov:agent ex:fgj }", ""),
    "AssignmentShape-agent": ("AssignmentShape",
                              "DELETE DATA { ex:t1-2 prov:agent ex:jxj } ;"
                              "INSERT DATA { ex:t1-2 prov:agent ex:zhang-san }", "prov:agent"),
    "AssignmentShape-role": ("AssignmentShape",
                             "DELETE DATA { ex:t1-1 prov:hadRole dg:lead } ;"
                             "INSERT DATA { ex:t1-1 prov:hadRole dg:starMarked }", "prov:hadRole"),
    "UnitShape": ("UnitShape", "DELETE DATA { ex:fgj skos:prefLabel \"区发改局\"@zh } ;"
                               "INSERT DATA { ex:fgj skos:prefLabel \"DRB\"@en }",
                  "skos:prefLabel"),
    "LeaderShape": ("LeaderShape", "DELETE WHERE { ex:zhang-san skos:prefLabel ?l }",
                    "skos:prefLabel"),
    "SectionShape": ("SectionShape", "DELETE WHERE { ex:s1 dg:heading ?h }", "dg:heading"),
    "DocumentShape": ("DocumentShape",
                      "DELETE WHERE { ex:doc dg:sha256 ?d } ;"
                      "INSERT DATA { ex:doc dg:sha256 \"x\" }",
                      "dg:sha256"),
    "TargetQuantityShape-comparator": ("TargetQuantityShape",
                                       "DELETE WHERE { ex:t1-target-01 dg:comparator ?c }",
                                       "dg:comparator"),
    "TargetQuantityShape-unit": ("TargetQuantityShape",
                                 "DELETE WHERE { ex:t1-target-01 dg:unitWord ?w }", ""),
    # A qualitative target given a unit word: it is not quantitative, and has no value
    # or comparator (the unit path is an alternative path: the report names no property).
    "TargetQuantityShape-qualitative": ("TargetQuantityShape",
                                        "INSERT DATA { ex:t1-target-02 dg:unitWord \"%\" }",
                                        {"dg:qualitative", "dg:value", "dg:comparator"}),
    # A qualitative target given a QUDT unit only.
    "TargetUnitShape": ("TargetUnitShape",
                        "INSERT DATA { ex:t1-target-02 qudt:unit <http://qudt.org/vocab/unit/M2> }",
                        ""),
    # Not qualitative and nothing quantitative either.
    "TargetShape-nothing": ("TargetShape",
                            "DELETE WHERE { ex:t1-target-01 dg:value ?v ; dg:comparator ?c ;"
                            " dg:unitWord ?w }", ""),
    "TargetShape-task": ("TargetShape", "DELETE DATA { ex:t1 dg:hasTarget ex:t1-target-02 }", ""),
    "RecurrenceShape-later": ("RecurrenceShape", "DELETE WHERE { ex:t1-recurs dg:laterTask ?t }",
                              "dg:laterTask"),
    "RecurrenceShape-earlier": ("RecurrenceShape",
                                "INSERT DATA { ex:t1-recurs dg:earlierTask ex:t1 }",
                                "dg:earlierTask"),
    "RecurrenceShape-above-one": ("RecurrenceShape",
                                  "DELETE WHERE { ex:t1-recurs dg:textSimilarity ?s } ;"
                                  "INSERT DATA { ex:t1-recurs dg:textSimilarity 1.5 }",
                                  "dg:textSimilarity"),
    "RecurrenceShape-similarity": ("RecurrenceShape",
                                   "DELETE WHERE { ex:t1-recurs dg:textSimilarity ?s } ;"
                                   "INSERT DATA { ex:t1-recurs dg:textSimilarity 0.4 }",
                                   "dg:textSimilarity"),
    "TargetShape-value": ("TargetShape",
                          "INSERT DATA { ex:t1-target-01 dg:value 1.0 }", "dg:value"),
}


def _graph(update: str = "") -> Graph:
    graph = Graph().parse(data=VALID, format="turtle")
    if update:
        graph.update(PREFIXES + update)
    return graph


def test_the_small_valid_graph_conforms_without_findings():
    report = validate_graph(_graph())
    assert report.conforms
    assert report.findings == []


def test_validation_leaves_the_graph_as_it_was():
    """pySHACL runs in place (no copy): the shapes must never write to the data graph."""
    from rdflib.compare import isomorphic

    graph, before = _graph(), _graph()
    validate_graph(graph)
    assert isomorphic(graph, before)


def _pyshacl_results(graph: Graph, shapes: Graph) -> set[tuple]:
    """Every result pySHACL reports, as comparable tuples (blank nodes as their properties)."""
    import pyshacl
    from rdflib.namespace import RDF, SH

    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                     advanced=True, allow_warnings=True)
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(result, SH.sourceShape)
        found.add((results.value(result, SH.focusNode), results.value(result, SH.resultPath),
                   results.value(result, SH.value), results.value(result, SH.resultSeverity),
                   results.value(result, SH.sourceConstraintComponent),
                   frozenset(results.objects(result, SH.resultMessage)),
                   _shape_key(shapes, source)))
    return found


def _shape_key(shapes: Graph, shape):
    """A named shape by its name; a blank property shape by its path and its messages."""
    if not isinstance(shape, BNode):
        return shape
    return shapes.value(shape, SH.path), frozenset(shapes.objects(shape, SH.message))


@pytest.mark.parametrize("case", ["valid", "everything broken", *sorted(BREAKERS)])
def test_the_shapes_as_run_find_what_the_authored_shapes_find(case):
    """validate_graph runs the shapes with each property shape given its node shape's targets
    (property_shapes_targeted) and each SPARQL target's nodes found by Oxigraph beforehand
    (sparql_targets_resolved), for speed: the same results, finding by finding."""
    if case == "valid":
        graph = _graph()
    elif case == "everything broken":
        graph = _graph(" ; ".join(update for _, update, _ in BREAKERS.values()))
    else:
        graph = _graph(BREAKERS[case][1])
    authored = shapes_graph()
    targeted = property_shapes_targeted(authored)
    assert set(targeted.subjects(SH.property, None)) < set(authored.subjects(SH.property, None))
    expected = _pyshacl_results(graph, authored)
    assert _pyshacl_results(graph, targeted) == expected
    resolved = shapes_as_run(authored, graph)
    assert (None, RDF.type, SH.SPARQLTarget) in authored
    assert not set(resolved.objects(None, SH.target))
    assert _pyshacl_results(graph, resolved) == expected


def test_the_shapes_as_run_find_what_the_authored_shapes_find_on_the_seed(seed_build):
    authored = shapes_graph()
    results = _pyshacl_results(seed_build.graph, authored)
    assert len(results) == len(seed_build.validation.findings) == 13
    assert _pyshacl_results(seed_build.graph, property_shapes_targeted(authored)) == results
    resolved = shapes_as_run(authored, seed_build.graph)
    assert len(set(resolved.objects(None, SH.targetNode))) == 13  # the tasks with several leads
    assert _pyshacl_results(seed_build.graph, resolved) == results


def test_a_sparql_target_that_selects_a_blank_node_is_left_to_pyshacl():
    shapes = shapes_graph()
    graph = _graph()
    blank = BNode()
    graph.add((blank, RDF.type, URIRef("https://w3id.org/dutygraph/ontology#Task")))
    resolved = sparql_targets_resolved(property_shapes_targeted(shapes), graph)
    assert len(set(resolved.objects(None, SH.target))) == 1  # TaskLeadShape's selects it
    graph.add((URIRef("https://example.org/id/t1"), URIRef("https://example.org/p"),
               URIRef("not an IRI")))  # rdflib reads it from Turtle (warning); Oxigraph: no
    assert len(set(sparql_targets_resolved(property_shapes_targeted(shapes), graph).objects(
        None, SH.target))) == 2


MIXED_TARGETS = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX ex: <https://example.org/>
ex:Shape a sh:NodeShape ;
    sh:targetClass ex:T ;
    sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE { ?this a ex:U }" ] ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ] .
"""


def test_a_shape_with_a_sparql_target_and_a_class_target_checks_both_kinds_of_node():
    """Its property shape keeps both targets' nodes; the query's prefix is bound by the data
    graph only (rdflib, and so pySHACL, lets a query use it; Oxigraph is given it)."""
    shapes = Graph().parse(data=MIXED_TARGETS, format="turtle")
    data = Graph().parse(data="PREFIX ex: <https://example.org/>\n"
                         "ex:a a ex:T . ex:b a ex:U . ex:c a ex:U ; ex:p 1 .", format="turtle")
    expected = _pyshacl_results(data, shapes)
    assert {focus for focus, *_ in expected} == {URIRef("https://example.org/a"),
                                                 URIRef("https://example.org/b")}
    as_run = shapes_as_run(shapes, data)
    assert not set(as_run.objects(None, SH.target))  # resolved by Oxigraph
    assert _pyshacl_results(data, as_run) == expected
    assert _pyshacl_results(data, property_shapes_targeted(shapes)) == expected


def test_seed_graph_conforms(seed_build):
    assert seed_build.validation is not None
    assert seed_build.validation.conforms, seed_build.validation.to_text("en")


def test_seed_warnings_are_the_tasks_with_several_starred_leads(seed_build):
    warnings = seed_build.validation.warnings
    assert warnings, "the seed has tasks with two or three units marked *"
    assert {w.shape for w in warnings} == {"dgsh:TaskLeadShape"}
    assert all(w.line and w.where["en"].startswith("task ") for w in warnings)


@pytest.mark.parametrize("case", sorted(BREAKERS))
def test_each_shape_is_broken_by_its_small_graph(case):
    shape, update, path = BREAKERS[case]
    report = validate_graph(_graph(update))
    assert not report.conforms
    assert {f.shape for f in report.violations} == {f"dgsh:{shape}"}, report.to_text("en")
    if path:
        assert {f.path for f in report.violations} == (path if isinstance(path, set) else {path})


@pytest.mark.parametrize("case", ["TaskShape-text", "TaskUnitRolesShape", "AssignmentShape-agent"])
def test_report_names_the_task_and_its_source_line(case):
    report = validate_graph(_graph(BREAKERS[case][1]))
    english, chinese = report.to_text("en"), report.to_text("zh")
    assert "task 一-1 (line 4)" in english
    assert "重点工作 一-1（第 4 行）" in chinese
    assert "https://example.org" not in english + chinese


def test_two_roles_message_names_the_unit_in_each_language():
    report = validate_graph(_graph(BREAKERS["TaskUnitRolesShape"][1]))
    assert report.violations[0].message == {
        "en": "unit 区发改局 has two roles on this task",
        "zh": "责任单位 区发改局 在该项工作中有两种角色",
    }


def test_several_leads_are_a_warning_not_a_violation():
    report = validate_graph(_graph(
        "DELETE DATA { ex:t1-2 prov:hadRole dg:coResponsible } ;"
        "INSERT DATA { ex:t1-2 prov:hadRole dg:lead }"))
    assert report.conforms
    [warning] = report.warnings
    # What is noteworthy is which units share the lead, named as written in the order printed
    # (not the no-lead warning's "no recorded reason").
    assert warning.text("en") == (
        "task 一-1 (line 4): the task has 2 lead units, 区发改局、区经信局: the lead is "
        "shared, no one unit answers for it [prov:qualifiedAttribution]")
    assert warning.message["zh"] == ("该项工作有 2 个牵头单位（区发改局、区经信局）：共同牵头，"
                                     "没有唯一的牵头责任单位")
    assert warning.shape == "dgsh:TaskLeadShape"


def test_no_lead_with_the_recorded_reason_is_no_warning():
    report = validate_graph(_graph(
        "DELETE DATA { ex:t1-1 prov:hadRole dg:lead . ex:t1 dg:leadRule dg:starMarked } ;"
        "INSERT DATA { ex:t1-1 prov:hadRole dg:coResponsible ."
        "              ex:t1 dg:leadRule dg:noLeadMarked }"))
    assert report.findings == []


def test_no_lead_without_a_reason_is_a_warning():
    report = validate_graph(_graph(
        "DELETE DATA { ex:t1-1 prov:hadRole dg:lead } ;"
        "INSERT DATA { ex:t1-1 prov:hadRole dg:coResponsible }"))
    assert report.conforms and len(report.warnings) == 1
    assert report.warnings[0].message == {
        "en": "the task has no lead unit, and no recorded reason (dg:noLeadMarked)",
        "zh": "该项工作没有牵头单位，且未记录原因（dg:noLeadMarked）"}


# An indicator row (issue 7) as src/dutygraph/rdf/layouts.py writes it, from a table of
# expected indicators printed without a 责任单位 column: no units at all.
INDICATOR_ROW = """
INSERT DATA {
    ex:t2 a dg:Task , dg:IndicatorTask ; dg:section ex:s1 ; dg:number 2 ;
        dg:text "地区生产总值增长"@zh ; dg:sourceLine 5 ; prov:wasDerivedFrom ex:doc ;
        dg:leadRule dg:noUnits ; dg:expectedValueAsPrinted "6左右"@zh ;
        dg:measureUnitAsPrinted "%" ; dg:indicatorAttribute "预期性"@zh .
}"""
UNITS_MESSAGE = ("a task needs at least one responsible unit with a role "
                 "(prov:qualifiedAttribution, a dg:Assignment); only an indicator row "
                 "(dg:IndicatorTask) may have none")


def test_an_indicator_row_without_units_conforms():
    report = validate_graph(_graph(INDICATOR_ROW))
    assert report.findings == [], report.to_text("en")


def test_an_ordinary_task_without_units_still_violates():
    report = validate_graph(_graph(INDICATOR_ROW + " ; " + BREAKERS["TaskShape-units"][1]))
    [violation] = report.violations
    assert (violation.shape, violation.where["en"]) == ("dgsh:TaskShape", "task 一-1 (line 4)")
    assert violation.message["en"] == UNITS_MESSAGE
    assert violation.message["zh"].startswith("重点工作必须至少有一个承担角色的责任单位")


def test_the_same_row_not_typed_an_indicator_row_needs_units():
    report = validate_graph(_graph(
        INDICATOR_ROW + " ; DELETE DATA { ex:t2 a dg:IndicatorTask }"))
    assert [(f.shape, f.where["en"], f.path, f.message["en"]) for f in report.violations] == [
        ("dgsh:TaskShape", "task 一-2 (line 5)", "", UNITS_MESSAGE)]


@pytest.mark.parametrize(("update", "path"), [
    ("DELETE DATA { ex:t2 dg:expectedValueAsPrinted \"6左右\"@zh }", "dg:expectedValueAsPrinted"),
    ("INSERT DATA { ex:t2 dg:measureUnitAsPrinted \"亿元\" }", "dg:measureUnitAsPrinted"),
    ("INSERT DATA { ex:t2 dg:indicatorAttribute \"binding\"@en }", "dg:indicatorAttribute"),
])
def test_an_indicator_row_keeps_its_cells_as_printed(update, path):
    report = validate_graph(_graph(INDICATOR_ROW + " ; " + update))
    assert not report.conforms
    assert {(f.shape, f.path) for f in report.violations
            if f.shape == "dgsh:IndicatorTaskShape"} == {("dgsh:IndicatorTaskShape", path)}


# ---- the command and the build ---------------------------------------------------------

def _write(tmp_path, update="", name="graph.ttl"):
    path = tmp_path / name
    path.write_bytes(_graph(update).serialize(format="turtle", encoding="utf-8"))
    return path


def test_validate_command_exits_0_on_a_conforming_graph(tmp_path):
    result = CliRunner().invoke(cli, ["validate", str(_write(tmp_path)), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("The graph conforms to the shapes.")


def test_validate_command_exits_1_and_reports_in_chinese(tmp_path):
    path = _write(tmp_path, BREAKERS["TaskShape-text"][1])
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert ("违规：重点工作 一-1（第 4 行）：重点工作必须有且只有一项中文工作内容 [dg:text]"
            in result.output)
    assert f"Error: {path} has 1 SHACL violations" in result.output


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("this is not turtle .", "1: not valid Turtle: Parser error at line 1 between columns 1 "
     "and 5: this is not a valid subject or graph name; near: this is not turtle ."),
    ('@prefix dg: <https://w3id.org/dutygraph/ontology#> .\n<http://a> dg:text "区发改局" ;\n'
     '  dg:x "刘云峰 .\n', '3: not valid Turtle: Parser error between line 3 column 8 and line '
     '4 column 1: Unexpected end of file; near: dg:x "刘云峰 .'),
])
def test_validate_command_exits_2_on_bad_input(tmp_path, content, message):
    """One line naming the file (and the line, for bad Turtle), no Python repr of bytes."""
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.output == f"Error: {path}:{'' if content else ' '}{message}\n"


def test_build_refuses_to_write_a_graph_with_violations(tmp_path):
    result = build(SEED, validate=False)
    result.graph.update(PREFIXES + "DELETE WHERE { ?task dg:number 5 ; dg:text ?text }")
    result.validation = validate_graph(result.graph)
    with pytest.raises(ValidationFailed) as caught:
        write_build(result, tmp_path / "out")
    assert caught.value.exit_code == 1
    assert "(line 17): a task needs exactly one text, in Chinese [dg:text]" in str(caught.value)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_build_command_refuses_then_writes_with_no_validate(tmp_path, monkeypatch):
    import dutygraph.build

    original = dutygraph.build.document_graph

    def broken(*args, **kwargs):
        graph = original(*args, **kwargs)
        graph.update(PREFIXES + "DELETE WHERE { ?task dg:number 5 ; dg:sourceLine ?line }")
        return graph

    monkeypatch.setattr(dutygraph.build, "document_graph", broken)
    out = tmp_path / "out"
    refused = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(out)])
    assert refused.exit_code == 1
    assert "SHACL violations; nothing written (--no-validate writes it)" in refused.output
    assert not (out / "graph.ttl").exists()
    written = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(out), "--no-validate"])
    assert written.exit_code == 0, written.output
    assert (out / "graph.ttl").exists()


def test_no_units_excuses_an_indicator_row_only(tmp_path):
    """dg:noUnits on an ordinary task with no lead is still warned about, and the violation
    query still lists it."""
    from dutygraph.ask.graphs import open_graph
    from dutygraph.ask.query import run_query_file

    from .conftest import QUERIES

    graph = _graph(
        "DELETE DATA { ex:t1-1 prov:hadRole dg:lead . ex:t1 dg:leadRule dg:starMarked ."
        "              ex:fgj dg:leads ex:t1 } ;"
        "INSERT DATA { ex:t1-1 prov:hadRole dg:coResponsible . ex:t1 dg:leadRule dg:noUnits ."
        "              ex:fgj dg:coResponsibleFor ex:t1 }")
    report = validate_graph(graph)
    assert [w.message["en"] for w in report.warnings] == [
        "the task has no lead unit, and no recorded reason (dg:noLeadMarked)"]
    path = tmp_path / "no-units.ttl"
    graph.serialize(path, format="turtle")
    rows = run_query_file(open_graph(path), QUERIES / "task-without-lead-violation.rq").rows
    assert len(rows) == 1


def test_the_shapes_read_once_stay_as_written():
    """validate_graph reads the shapes once a process: validating, broken graphs included,
    must leave them as a fresh read gives them."""
    from rdflib.compare import isomorphic

    from dutygraph.check.shacl import _loaded_shapes

    for case in ("TaskShape-text", "TargetQuantityShape-qualitative", "TaskUnitRolesShape"):
        validate_graph(_graph(BREAKERS[case][1]))
    shapes, _ = _loaded_shapes()
    assert isomorphic(shapes, shapes_graph())


def test_other_data_with_qudt_units_are_no_targets():
    """qudt:unit is QUDT's: a quantity value of other data merged into the graph is left
    alone; only dg:Target nodes answer for their QUDT unit."""
    report = validate_graph(_graph(
        "INSERT DATA { ex:q1 qudt:unit <http://qudt.org/vocab/unit/M2> ; qudt:numericValue 3.0 }"))
    assert report.findings == []
