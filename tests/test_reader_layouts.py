"""The pitfalls of the genre's cells and labels, one small input at a time."""

from __future__ import annotations

import datetime

import pytest

from dutygraph.read.cells import parse_leaders
from dutygraph.read.deadlines import deadline_date
from dutygraph.read.detect import bracketed_labels
from dutygraph.read.reader import split_units
from dutygraph.read.records import UnitMention
from dutygraph.read.roles import FIRST_LISTED, LEAD_COLUMN, NO_LEAD_MARKED, SOLE_UNIT, lead_rule


def _fail(message):
    return AssertionError(message)


@pytest.mark.parametrize(("cell", "names"), [
    ("*市发改委、各县、市、区政府", ["市发改委", "各县、市、区政府"]),
    ("各区、县（市）政府（管委会）、市财政局", ["各区、县（市）政府（管委会）", "市财政局"]),
    ("*市商务局、市市场监管局等，各县、市、区政府",
     ["市商务局", "市市场监管局", "各县、市、区政府"]),
    ("*市发 改委、市经　信局", ["市发改委", "市经信局"]),  # PDF wrapping, ASCII and full-width
    ("*市卫健委,市医保局;市民政局；市体育局", ["市卫健委", "市医保局", "市民政局", "市体育局"]),
    ("区发改局\n区财政局", ["区发改局", "区财政局"]),  # a .docx cell, one unit per paragraph
])
def test_split_units_pitfalls(cell, names):
    assert [u.name for u in split_units(cell)] == names


def test_a_collective_name_is_data_not_a_rule():
    """Only the declared collective names stay whole: a real list is still split."""
    assert [u.name for u in split_units("各区、县（市、区）政府")] == ["各区", "县（市、区）政府"]


def test_a_role_glued_to_a_unit_is_read_off_it():
    assert split_units("市教育局牵头，团市委配合落实") == (
        UnitMention("市教育局", False, 1, "lead"), UnitMention("团市委", False, 2, "co"),
    )


def test_a_column_gives_its_role_to_every_unit():
    assert [u.role for u in split_units("区财政局、区住建局", "co")] == ["co", "co"]


@pytest.mark.parametrize(("mentions", "convention", "rule"), [
    (split_units("区发改局、区财政局"), "first", FIRST_LISTED),
    (split_units("区发改局、区财政局"), "star", NO_LEAD_MARKED),
    (split_units("区发改局"), "first", SOLE_UNIT),
    (split_units("区发改局", "lead") + split_units("区财政局", "co"), "column", LEAD_COLUMN),
    (split_units("区发改局", "co"), "column", NO_LEAD_MARKED),  # only a 配合单位: no lead
])
def test_lead_rule_under_each_convention(mentions, convention, rule):
    assert lead_rule(mentions, convention) == rule


@pytest.mark.parametrize(("cell", "names"), [
    ("王一", ("王一",)),
    ("王一副区长", ("王一",)),
    ("林仕德常委、常务副区长", ("林仕德",)),  # one leader, two titles
    ("王一副区长、李二副区长", ("王一", "李二")),
    ("王 一", ("王一",)),
    ("", ()),
])
def test_parse_leaders(cell, names):
    assert parse_leaders(cell, _fail) == names


def test_parse_leaders_names_what_it_cannot_read():
    with pytest.raises(AssertionError, match="cannot tell the leader's name in '区政府办公室'"):
        parse_leaders("区政府办公室", _fail)


@pytest.mark.parametrize(("written", "day"), [
    ("全年", datetime.date(2024, 12, 31)),
    ("年底前", datetime.date(2024, 12, 31)),
    ("6月底前", datetime.date(2024, 6, 30)),
    ("２月底", datetime.date(2024, 2, 29)),  # full-width digit; a leap year
    ("2025年3月", datetime.date(2025, 3, 31)),
    ("9月30日前", datetime.date(2024, 9, 30)),
    ("第三季度", datetime.date(2024, 9, 30)),
    ("2024-12-31", datetime.date(2024, 12, 31)),  # an Excel date cell
    ("长期坚持", None),
    ("13月底前", None),
])
def test_deadline_date(written, day):
    assert deadline_date(written, 2024) == day


def test_deadline_without_a_year_has_no_date():
    assert deadline_date("6月底前", None) is None
    assert deadline_date("2024年6月", None) == datetime.date(2024, 6, 30)


@pytest.mark.parametrize("text", [
    "任务。[牵头单位：区卫健局；责任单位：区财政局]",
    "任务。[牵头单位:区卫健局;责任单位:区财政局]",
    "任务。【牵头单位：区卫健局；责任单位：区财政局】",
    "任务。（牵头单位：区卫健局；责任单位：区财政局）",
    "任务。［牵头单位：区卫健局；责任单位：区财政局］。",
])
def test_bracketed_labels_in_any_brackets_and_punctuation(text):
    labels = [("牵头单位", "区卫健局"), ("责任单位", "区财政局")]
    assert bracketed_labels(text) == ("任务。", labels)


def test_brackets_that_name_no_units_are_part_of_the_text():
    assert bracketed_labels("建设数字政府（一期）") is None
    assert bracketed_labels("任务。（说明：见附件）") is None
