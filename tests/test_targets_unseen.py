"""Targets in sentences the extractor's rules were not written from (other reports' wording).

The seed's gold measures the rules on the text they were developed on; these sentences,
written in the genre's usual wording but absent from the seed, guard against rules that only
fit the seed.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from dutygraph.read.targets import extract_targets

CASES = [
    ("全年新增城镇就业1.2万人以上，城镇调查失业率控制在5.5%以内。",
     [("12000", "人", "at_least"), ("5.5", "%", "at_most")]),
    ("完成固定资产投资增长8%，新建5G基站600个。",
     [("8", "%", "exact"), ("600", "个", "exact")]),
    ("力争社会消费品零售总额突破500亿元，外贸出口额达到120亿美元。",
     [("50000000000", "元", "more_than"), ("12000000000", "美元", "exact")]),
    ("新建改建农村公路50公里，改造农村危房不少于300户。",
     [("50", "公里", "exact"), ("300", "户", "at_least")]),
    ("森林覆盖率保持在60%以上。", [("60", "%", "at_least")]),
    ("培育国家级专精特新企业3家、省级50家。", [("3", "家", "exact"), ("50", "家", "exact")]),
    ("举办第三届数字经济大会，实施“百千万”工程。", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_unseen_sentence(text, expected):
    found = [(t.value, t.unit, t.comparator) for t in extract_targets(text) if not t.qualitative]
    assert found == [(Decimal(v), u, c) for v, u, c in expected]
