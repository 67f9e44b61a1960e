"""The reader's handling of each quirk of the published layout, one small input at a time."""

from __future__ import annotations

import pytest

from dutygraph.read.reader import parse_leader, split_units
from dutygraph.read.records import UnitMention


def _fail(message):
    return AssertionError(message)


@pytest.mark.parametrize(
    ("label", "leader", "titles"),
    [
        ("刘云峰区长牵头", "刘云峰", ("区长",)),
        ("林仕德常委、常务副区长牵头", "林仕德", ("常委", "常务副区长")),
        ("张昶副区长牵头", "张昶", ("副区长",)),  # a two-character name
        ("林国锋主任牵头", "林国锋", ("主任",)),
        ("欧阳明德副县长牵头", "欧阳明德", ("副县长",)),  # a compound surname
        ("王五区委常委副区长负责", "王五", ("区委常委", "副区长")),  # titles not separated
        ("区委部门", None, ()),  # no leader named
    ],
)
def test_parse_leader_separates_name_from_titles(label, leader, titles):
    assert parse_leader(label, _fail) == (leader, titles)


def test_parse_leader_names_the_unknown_title():
    with pytest.raises(AssertionError, match=r"cannot tell the leader's name.*LEADER_TITLES"):
        parse_leader("赵六大队长牵头", _fail)


def test_split_units_on_both_separators_with_stars():
    assert split_units("*区统计局、区税务局，各镇街（开发区）") == (
        UnitMention("区统计局", True, 1),
        UnitMention("区税务局", False, 2),
        UnitMention("各镇街（开发区）", False, 3),
    )


def test_split_units_drops_stray_spaces_and_full_stops():
    assert [u.name for u in split_units("*区委政法委、 区公安分局、 区市场监管局。")] == [
        "区委政法委", "区公安分局", "区市场监管局",
    ]


def test_split_units_keeps_separators_inside_brackets():
    assert [u.name for u in split_units("各区、县（市、区）政府、区财政局")] == [
        "各区", "县（市、区）政府", "区财政局",
    ]


def test_split_units_reads_full_width_star_and_space_after_star():
    assert split_units("＊区发改局、* 区财政局") == (
        UnitMention("区发改局", True, 1), UnitMention("区财政局", True, 2),
    )


def test_split_units_of_an_empty_cell_is_empty():
    assert split_units(" 。 ") == ()
