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


def test_the_report_says_where_a_number_is_missing_and_each_sections_range(seed_build):
    """九's 序号 jump from 3 (line 178) to 5 (line 179): the report gives the place, not only
    the number; each section's numbers run from its first to its last."""
    report = seed_build.report
    nine = next(s for s in report.sections if s.numeral == "九")
    assert nine.number_range == "1–12"
    assert nine.gaps == ["序号 4 not printed: between 序号 3 (line 178) and 序号 5 (line 179)"]
    assert next(s for s in report.sections if s.numeral == "一").number_range == ""
    text = report.to_markdown()
    assert "序号 4 not printed: between 序号 3 (line 178) and 序号 5 (line 179)" in text
    assert "| 173 | 九、金剑欣副区长牵头 | 1–12 | 序号 4 not printed: between" in text
    assert json.loads(report.to_json())["sections"][8]["number_range"] == "1–12"


def test_the_report_flags_a_section_numeral_used_twice(seed_build):
    """The seed prints 十一 twice (林国锋, line 200; 区委部门, line 207)."""
    report = seed_build.report
    assert report.numerals_used_twice == ["十一: lines 200 (十一、林国锋主任牵头), "
                                          "207 (十一、区委部门)"]
    assert "- 十一: lines 200 (十一、林国锋主任牵头), 207 (十一、区委部门)" in report.to_markdown()
