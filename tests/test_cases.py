"""Golden graphs: each folder under tests/cases is one quirk (input.txt → expected.ttl), or
one format (input.html, input.pdf, input.xls, input.doc … → expected.ttl).

A new quirk is a new folder, not a new test. To write expected.ttl for a new folder, run
``DUTYGRAPH_WRITE_CASES=1 pytest tests/test_cases.py`` and then read the file line by line
before committing it: the golden file is only as right as that reading.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from dutygraph.build import build

CASES = Path(__file__).parent / "cases"
BASE = "https://example.org/id/"


def case_input(case: Path) -> Path:
    """The case's source: input.txt, or input.html, input.pdf, input.xls … in that format."""
    sources = [path for path in case.glob("input.*") if not path.name.endswith(".meta.json")]
    assert len(sources) == 1, f"{case} needs exactly one input.* file, not {sources}"
    return sources[0]


def _build(case: Path) -> Graph:
    units = case / "units.csv"
    return build(case_input(case), units=units if units.exists() else None, base=BASE).graph


@pytest.mark.parametrize("case", sorted(CASES.iterdir()), ids=lambda path: path.name)
def test_case_builds_its_expected_graph(case):
    actual = _build(case)
    expected_path = case / "expected.ttl"
    if os.environ.get("DUTYGRAPH_WRITE_CASES") and not expected_path.exists():
        expected_path.write_bytes(actual.serialize(format="turtle", encoding="utf-8"))
    expected = Graph().parse(expected_path, format="turtle")
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        pytest.fail(
            "graph differs from expected.ttl\nonly in the build:\n"
            + only_actual.serialize(format="nt") + "only in expected.ttl:\n"
            + only_expected.serialize(format="nt")
        )
