"""The build report: counts to check against the source, and every doubt the build had."""

from __future__ import annotations

import json
from pathlib import Path

from dutygraph.build import build

CASES = Path(__file__).parent / "cases"


def test_seed_report_counts_and_gaps(seed_build):
    report = seed_build.report
    assert (report.tasks, report.assignments, report.lead_assignments) == (127, 371, 141)
    gaps = {s.numeral + s.label: s.missing_numbers for s in report.sections if s.missing_numbers}
    assert gaps == {"九金剑欣副区长牵头": [4]}
    assert [s.statements for s in report.sections if s.statements] == [["总负责。"]]
    assert report.merged_names["区人力社保局"] == {"unit": "区人社局", "lines": [77, 210]}
    assert report.units_named_twice == []


def test_report_flags_a_row_naming_one_unit_twice():
    case = CASES / "units-merged-and-unlisted"
    report = build(case / "input.txt", units=case / "units.csv").report
    assert report.units_named_twice == ["4: 区人社局、区人力社保局 → 区人力社保局"]
    assert report.unlisted_units == {"区新设局": [5]}
    assert "- 4: 区人社局、区人力社保局 → 区人力社保局" in report.to_markdown()


def test_report_flags_tasks_without_a_marked_lead():
    report = build(CASES / "roles" / "input.txt").report
    assert report.tasks_without_marked_lead == [5]
    assert json.loads(report.to_json())["tasks_without_marked_lead"] == [5]
