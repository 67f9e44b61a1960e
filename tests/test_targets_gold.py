"""The extractor scored against the hand-annotated gold file of the seed table.

tests/gold/ouhai-2024-targets.tsv was written by reading each of the 127 tasks, not by running
the extractor. A target matches when its line, normalised value, unit and comparator match a
gold row (each gold row matches at most once); qualitative targets are scored apart, by line.
"""

from __future__ import annotations

import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from dutygraph.read.reader import read_table
from dutygraph.read.targets import extract_targets

from .conftest import SEED

GOLD = Path(__file__).parent / "gold" / "ouhai-2024-targets.tsv"
THRESHOLD = 0.95


def read_gold() -> tuple[Counter, Counter]:
    """(line, value, unit, comparator) of the quantitative gold targets; lines of the others."""
    rows = [line for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    quantitative, qualitative = Counter(), Counter()
    for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["value"]:
            quantitative[(int(row["line"]), Decimal(row["value"]), row["unit"],
                          row["comparator"])] += 1
        else:
            qualitative[int(row["line"])] += 1
    return quantitative, qualitative


def extracted() -> tuple[Counter, Counter]:
    """The same, from the extractor run on the seed's task texts."""
    quantitative, qualitative = Counter(), Counter()
    for section in read_table(SEED).sections:
        for row in section.tasks:
            for target in extract_targets(row.text):
                if target.qualitative:
                    qualitative[row.line] += 1
                else:
                    quantitative[(row.line, target.value, target.unit or target.qudt,
                                  target.comparator)] += 1
    return quantitative, qualitative


def score(gold: Counter, found: Counter) -> tuple[float, float]:
    """Precision and recall of FOUND against GOLD (multisets)."""
    hits = sum((gold & found).values())
    return hits / max(sum(found.values()), 1), hits / max(sum(gold.values()), 1)


@pytest.fixture(scope="module")
def scores():
    gold, gold_qualitative = read_gold()
    found, found_qualitative = extracted()
    return {
        "quantitative": (*score(gold, found), sum(gold.values()), gold - found, found - gold),
        "qualitative": (*score(gold_qualitative, found_qualitative),
                        sum(gold_qualitative.values()), gold_qualitative - found_qualitative,
                        found_qualitative - gold_qualitative),
    }


def report(name: str, figures) -> str:
    precision, recall, count, missed, extra = figures
    return (f"{name} targets on the seed ({count} in gold): precision {precision:.3f}, "
            f"recall {recall:.3f}; missed {sorted(missed.elements())}; "
            f"extra {sorted(extra.elements())}")


def test_gold_covers_the_seed():
    gold, qualitative = read_gold()
    assert sum(gold.values()) == 103
    assert sum(qualitative.values()) == 12


def test_precision_and_recall_of_value_unit_and_comparator(scores):
    message = report("quantitative", scores["quantitative"])
    print(message)
    precision, recall, *_ = scores["quantitative"]
    assert precision >= THRESHOLD and recall >= THRESHOLD, message


def test_qualitative_targets_are_found(scores):
    message = report("qualitative", scores["qualitative"])
    print(message)
    precision, recall, *_ = scores["qualitative"]
    assert precision >= THRESHOLD and recall >= THRESHOLD, message
