"""dutygraph validate --reason: HermiT (owlready2) on the ontology and a document's graph, in
plain words; a corpus one document at a time, with a progress bar."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal

from dutygraph.check.reason import reason_graph
from dutygraph.cli.main import cli
from dutygraph.rdf.namespaces import DG, RDF

from .conftest import REPO, require_tool


@pytest.fixture(scope="module")
def java():
    return require_tool("java")


def test_the_seed_is_consistent_with_the_ontology(java, seed_turtle):
    result = CliRunner().invoke(cli, ["validate", str(seed_turtle), "--reason", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"{seed_turtle}: consistent with the ontology, no class unsatisfiable (HermiT" \
        in result.stdout


def test_an_inconsistent_graph_is_named_with_what_breaks_it(java, seed_build):
    """A task that is also a section (disjoint classes) and has two numbers (functional):
    HermiT says inconsistent, and the report names the task and both causes."""
    graph = seed_build.graph + Graph()  # a copy: the seed's build is shared
    task = next(t for t in graph.subjects(DG.number, Literal(5))
                if "task-02-05" in str(t))
    graph.add((task, RDF.type, DG.Section))
    graph.add((task, DG.number, Literal(6)))
    reasoning = reason_graph(graph, "broken")
    assert not reasoning.consistent and not reasoning.ok
    text = reasoning.text("en").splitlines()
    assert text[0].startswith("broken: inconsistent with the ontology: no world fits both")
    assert "  task 二-5 (line 17) is a dg:Section and a dg:Task, which the ontology declares " \
           "disjoint" in text
    assert "  task 二-5 (line 17) has 2 values of dg:number (5, 6); the ontology allows one" \
        in text
    assert reasoning.text("zh").startswith("broken：与本体不一致")


def test_a_corpus_is_reasoned_document_by_document_with_a_progress_bar(java, tmp_path):
    from dutygraph.corpus import build_corpus, write_corpus

    sources = [REPO / "tests" / "corpus" / "ouhai-2023-key-tasks.txt",
               REPO / "tests" / "corpus" / "ouhai-2025-key-tasks.txt"]
    write_corpus(build_corpus(sources, jobs=1), tmp_path, formats=("trig",))
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "corpus.trig"), "--reason",
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if "HermiT" in line]
    assert [line.split(":")[0] for line in lines] == ["ouhai-2023", "ouhai-2025"]
    assert "Reasoning" in result.stderr
