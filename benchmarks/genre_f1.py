"""How well the reader reads documents of the genre: task / unit / role / leader F1 per case.

    python benchmarks/genre_f1.py CASES_DIR [--verbose]

CASES_DIR holds one folder per case with `input.txt` (or `input.html`, …) and
`expected.json` (`{"tasks": [{"text", "leader": [...], "units": [{"name", "role"}]}]}`).
Each input is read as `dutygraph build` reads it (reader, roles); read tasks are matched to
expected ones by their text (difflib ratio, best pairs first, at least MATCH_RATIO). Then:

- task: matched tasks over read / expected tasks;
- unit: (task, unit name) pairs; role: (task, unit name, role) pairs;
- leader: (task, leader name) pairs.

A refused document reads no task (its error is printed). Measuring only: not a test.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.read.reader import read_table
from dutygraph.read.roles import resolve_task
from dutygraph.read.units import UnitTable

MATCH_RATIO = 0.6
MEASURES = ("task", "unit", "role", "leader")


@dataclass
class Counts:
    """True positives, read and expected, per measure."""

    hit: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    read: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))
    expected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURES, 0))

    def add(self, other: Counts) -> None:
        for measure in MEASURES:
            self.hit[measure] += other.hit[measure]
            self.read[measure] += other.read[measure]
            self.expected[measure] += other.expected[measure]

    def f1(self, measure: str) -> tuple[float, float, float]:
        hit, read, expected = self.hit[measure], self.read[measure], self.expected[measure]
        precision = hit / read if read else (1.0 if not expected else 0.0)
        recall = hit / expected if expected else (1.0 if not read else 0.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def read_tasks(source: Path) -> list[dict]:
    """The document's tasks as the build reads them, in expected.json's shape."""
    document = read_table(source)
    leaders = {id(task): section.leaders for section in document.sections
               for task in section.tasks}
    tasks = []
    for row in document.tasks:
        resolved = resolve_task(row, UnitTable.empty(), document.lead_convention)
        leader = list(dict.fromkeys((*row.leaders, *leaders[id(row)])))
        tasks.append({"text": row.text, "leader": leader,
                      "units": [{"name": a.mention.name, "role": a.role}
                                for a in resolved.assignments]})
    return tasks


def match(read: list[dict], expected: list[dict]) -> list[tuple[int, int]]:
    """Pairs (read index, expected index) of the most alike texts, each task used once."""
    scored = []
    for i, got in enumerate(read):
        for j, want in enumerate(expected):
            ratio = difflib.SequenceMatcher(None, got["text"], want["text"]).ratio()
            if ratio >= MATCH_RATIO:
                scored.append((ratio, i, j))
    pairs, used_read, used_expected = [], set(), set()
    for _ratio, i, j in sorted(scored, reverse=True):
        if i not in used_read and j not in used_expected:
            pairs.append((i, j))
            used_read.add(i)
            used_expected.add(j)
    return pairs


def _facts(task: dict) -> dict[str, set]:
    return {"unit": {u["name"] for u in task["units"]},
            "role": {(u["name"], u["role"]) for u in task["units"]},
            "leader": set(task.get("leader") or ())}


def score(read: list[dict], expected: list[dict]) -> Counts:
    """The counts of one case."""
    counts = Counts()
    counts.read["task"], counts.expected["task"] = len(read), len(expected)
    for task in read:
        for measure, facts in _facts(task).items():
            counts.read[measure] += len(facts)
    for task in expected:
        for measure, facts in _facts(task).items():
            counts.expected[measure] += len(facts)
    for i, j in match(read, expected):
        counts.hit["task"] += 1
        got, want = _facts(read[i]), _facts(expected[j])
        for measure in ("unit", "role", "leader"):
            counts.hit[measure] += len(got[measure] & want[measure])
    return counts


def case_input(case: Path) -> Path | None:
    inputs = sorted(p for p in case.glob("input.*"))
    return inputs[0] if inputs else None


def run(cases_dir: Path, verbose: bool = False) -> Counts:
    """Score every case under CASES_DIR, print a table, return the totals."""
    total = Counts()
    print(f"{'case':48} " + " ".join(f"{m:>7}" for m in MEASURES) + "  note")
    for case in sorted(p for p in cases_dir.iterdir() if (p / "expected.json").exists()):
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))["tasks"]
        source, note = case_input(case), ""
        try:
            read = read_tasks(source) if source else []
        except InputError as error:
            read, note = [], f"refused: {error}"
        counts = score(read, expected)
        total.add(counts)
        f1s = " ".join(f"{counts.f1(m)[2]:7.2f}" for m in MEASURES)
        print(f"{case.name[:48]:48} {f1s}  {note[:120]}")
        if verbose:
            _show_differences(read, expected)
    print()
    print(f"{'total':12} {'precision':>9} {'recall':>7} {'F1':>6}")
    for measure in MEASURES:
        precision, recall, f1 = total.f1(measure)
        print(f"{measure:12} {precision:9.3f} {recall:7.3f} {f1:6.3f}")
    return total


def _show_differences(read: list[dict], expected: list[dict]) -> None:
    """Each matched task whose units, roles or leaders differ, and the unmatched ones."""
    pairs = match(read, expected)
    for i, j in pairs:
        got, want = _facts(read[i]), _facts(expected[j])
        for measure in ("role", "leader"):
            if got[measure] != want[measure]:
                print(f"    {measure}: {expected[j]['text'][:30]}\n      read     "
                      f"{sorted(got[measure])}\n      expected {sorted(want[measure])}")
    for i in sorted(set(range(len(read))) - {i for i, _ in pairs}):
        print(f"    read, not expected: {read[i]['text'][:60]}")
    for j in sorted(set(range(len(expected))) - {j for _, j in pairs}):
        print(f"    expected, not read: {expected[j]['text'][:60]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path, help="a folder of case folders")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="show each task whose roles or leaders differ")
    args = parser.parse_args(argv)
    run(args.cases, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
