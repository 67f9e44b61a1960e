"""Write a task's targets as RDF (target records → triples)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, Namespace, URIRef

from dutygraph.rdf.namespaces import DG, RDF, XSD
from dutygraph.read import target_vocab as vocab
from dutygraph.read.targets import Target

QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")

COMPARATOR_IRIS = {
    vocab.AT_LEAST: DG.atLeast,
    vocab.MORE_THAN: DG.moreThan,
    vocab.AT_MOST: DG.atMost,
    vocab.APPROX: DG.approximately,
    vocab.EXACT: DG.exactly,
}


def add_targets(graph: Graph, task_node: URIRef, targets: Iterable[Target]) -> list[URIRef]:
    """One dg:Target per target, named after its task (<task>-target-01), linked to it."""
    nodes = []
    for index, target in enumerate(targets, start=1):
        node = URIRef(f"{task_node}-target-{index:02d}")
        graph.add((task_node, DG.hasTarget, node))
        add_target(graph, node, target)
        nodes.append(node)
    if nodes:
        graph.bind("qudt", QUDT)
        graph.bind("qudt-unit", UNIT)
    return nodes


def add_target(graph: Graph, node: URIRef, target: Target) -> None:
    """A target's clause and indicator; its number, unit and comparator if quantitative."""
    graph.add((node, RDF.type, DG.Target))
    graph.add((node, DG.span, Literal(target.span, lang="zh")))
    if target.indicator:
        graph.add((node, DG.indicator, Literal(target.indicator, lang="zh")))
    graph.add((node, DG.qualitative, Literal(target.qualitative)))
    if target.qualifier:
        graph.add((node, DG.qualifier, Literal(target.qualifier, lang="zh")))
    if target.qualitative:
        return
    graph.add((node, DG.numberAsPrinted, Literal(target.number)))
    graph.add((node, DG.magnitude, decimal(target.factor)))
    graph.add((node, DG.value, decimal(target.value)))
    if target.unit:
        graph.add((node, DG.unitWord, Literal(target.unit)))
    if target.qudt:
        graph.add((node, QUDT.unit, UNIT[target.qudt]))
    graph.add((node, DG.comparator, COMPARATOR_IRIS[target.comparator]))


def decimal(number: Decimal | int) -> Literal:
    """An xsd:decimal in canonical form (6.0, 30000000000.0), so Turtle reads back the same."""
    text = format(Decimal(number), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)
