"""The package's house: stages import only from earlier stages, no module imports itself back
through others, and docs/architecture.md names every module that exists (and no other).

Imports placed inside functions count as much as those at the top: a cycle hidden in a
function is still a cycle.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import REPO

SRC = REPO / "src"
PACKAGE = SRC / "dutygraph"
# The stages in the order data flows through them. A module may import from its own stage and
# from earlier ones. `ask` comes before check and publish: both read graphs that ask opens.
STAGES = {
    "": 0,  # the root: errors, background, limits (used by every stage)
    "ontology": 0,  # data files as a package
    "read": 1,
    "rdf": 2,
    "ask": 3,
    "check": 4,
    "publish": 4,
    "pipelines": 5,  # build.py, corpus.py, recurrences.py: the two pipelines a reader starts from
    "picture": 6,
    "serve": 7,
    "cli": 8,
    "__main__": 9,  # python -m dutygraph: the command line
}

PIPELINES = ("build", "corpus", "recurrences", "progress_build")
ROOT_HELPERS = ("errors", "background", "limits")  # below every stage


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}


def stage_of(module: str) -> str:
    """The stage a module belongs to: its sub-package, or its own name at the top level."""
    parts = module.split(".")[1:]
    if not parts:
        return ""
    if parts[0] in PIPELINES:
        return "pipelines"
    if parts[0] in STAGES:
        return parts[0]
    return ""  # errors, background, limits: the root's own helpers


def imports_of(module: str) -> set[str]:
    """The dutygraph modules MODULE imports, anywhere in its code."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from dutygraph.read import layout` imports the module dutygraph.read.layout
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES
                     else node.module for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in MODULES and name != module)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def test_the_stages_are_the_packages_there_are():
    packages = {module.split(".")[1] for module in MODULES if module.count(".") >= 1}
    known = set(STAGES) | set(PIPELINES) | set(ROOT_HELPERS)
    assert packages <= known, packages - known


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_from_a_later_stage(module):
    here = stage_of(module)
    for imported in GRAPH[module]:
        there = stage_of(imported)
        assert STAGES[there] < STAGES[here] or there == here or there == "", \
            f"{module} ({here or 'root'}) imports {imported} ({there})"


def test_the_root_helpers_import_no_stage():
    for module in ("dutygraph", *(f"dutygraph.{name}" for name in ROOT_HELPERS)):
        assert {stage_of(m) for m in GRAPH[module]} <= {""}, (module, GRAPH[module])


def test_no_import_cycle():
    cycles = [component for component in _strongly_connected(GRAPH) if len(component) > 1]
    assert cycles == []


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the graph's strongly connected components."""
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == node:
                    break
            components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_architecture_doc_names_every_module_and_no_other():
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", doc)) - {"__init__.py"}
    named = {name for name in named if not name.startswith("tests/")}
    files = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
             if path.name != "__init__.py"}  # each package's docstring says what it holds
    assert files - named == set(), "modules docs/architecture.md does not name"
    assert named - files == set(), "modules docs/architecture.md names that do not exist"


def test_no_module_spells_a_project_iri():
    """Every project IRI comes from rdf/namespaces.py (and the ontology files)."""
    spelt = [str(path.relative_to(REPO)) for path in PACKAGE.rglob("*")
             if path.is_file() and path.suffix in (".py", ".rq", ".html", ".js")
             and path.name != "namespaces.py"
             and "w3id.org/dutygraph" in path.read_text(encoding="utf-8", errors="replace")]
    assert spelt == []
