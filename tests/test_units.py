"""The reviewed unit table: every seed name is known, merges are real, look-alikes stay apart."""

from __future__ import annotations

import pytest

from dutygraph.errors import InputError
from dutygraph.read.units import UnitTable

from .conftest import REPO

UNITS = UnitTable.load(REPO / "data" / "units.csv")


def test_seed_has_no_unlisted_units_and_90_bodies(seed_build):
    assert seed_build.report.unlisted_units == {}
    assert seed_build.report.units == 90


@pytest.mark.parametrize(("written", "canonical"), [
    ("区人力社保局", "区人社局"),
    ("区市场监督管理局", "区市场监管局"),
    ("区交通局", "区交通运输局"),
    ("区综合执法局", "区综合行政执法局"),
    ("市高教建设中心", "市高教新区建设中心"),
    ("瓯海新城集团", "瓯海新城建设集团"),
    ("中国（瓯海）数安港专班", "中国（温州）数安港专班"),
    ("区委组织部（人才办）", "区委组织部"),
    ("区 委组织部(人才办)", "区委组织部"),  # spaces and half-width brackets still match
])
def test_one_body_under_several_names(written, canonical):
    assert UNITS.resolve(written).name == canonical


@pytest.mark.parametrize(("a", "b"), [
    ("市高教新区发展中心", "市高教新区建设中心"),
    ("区侨联", "区侨办"),
    ("各镇街", "各镇街（开发区）"),
])
def test_look_alikes_stay_apart(a, b):
    assert UNITS.resolve(a).id != UNITS.resolve(b).id


def test_unknown_name_is_kept_as_written_with_a_stable_id():
    unit = UNITS.resolve("区新设局")
    assert (unit.name, unit.listed) == ("区新设局", False)
    assert unit.id == UNITS.resolve("区新设局").id
    assert unit.id.startswith("unlisted-") and unit.id.isascii()


HEADER = "id,name,aliases,type,name_en,merge_note\n"


@pytest.mark.parametrize(("rows", "message"), [
    ("a,区甲局,,bureau,,\nb,区乙局,区甲局,bureau,,\n",
     "units.csv:3: the name '区甲局' is already on line 2"),
    ("a,区甲局,,agency,,\n", "units.csv:2: unknown type 'agency'"),
    ("Bad_Id,区甲局,,bureau,,\n", "units.csv:2: the id 'Bad_Id' is not lowercase ASCII"),
    ("a,区甲局,,bureau\n", "units.csv:2: expected 6 columns, found 4"),
    ("a,区甲局,,bureau,,\na,区乙局,,bureau,,\n", "units.csv:3: the id 'a' is used twice"),
])
def test_bad_unit_table_names_file_and_line(tmp_path, rows, message):
    path = tmp_path / "units.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        UnitTable.load(path)
    assert str(raised.value).startswith(f"{tmp_path}/{message}")
