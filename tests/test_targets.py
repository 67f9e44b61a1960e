"""Targets: the tricky cases of issue 3, one each, and what the graph holds every Target to."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef

from dutygraph.ask.query import run_query_file
from dutygraph.rdf.namespaces import DG, RDF
from dutygraph.rdf.targets import QUDT, UNIT, add_targets
from dutygraph.read.targets import Target, chinese_value, extract_targets

from .conftest import QUERIES


def only(text: str) -> Target:
    """The one target of a text."""
    targets = extract_targets(text)
    assert len(targets) == 1, targets
    return targets[0]


def brief(target: Target) -> tuple:
    return (target.value, target.unit, target.comparator)


# --- Quantitative: (text, number as printed, magnitude, value, unit, QUDT, comparator) ------

QUANTITATIVE = {
    "area-in-wan": ("确保新增孵化面积30万平方米以上", "30", "万", "300000", "平方米", "M2",
                    "at_least"),
    "po-is-more-than": ("带动生命健康产业规模破 300 亿元", "300", "亿", "30000000000", "元",
                        "CCY_CNY", "more_than"),
    "wan-before-kilowatt": ("力争全区风电光伏发电总装机达 15 万千瓦以上", "15", "万", "150000",
                            "千瓦", "KiloW", "at_least"),
    "approximately": ("全区生产总值增长 6.5%左右。", "6.5", "", "6.5", "%", "PERCENT", "approx"),
    "pm25-ceiling": ("PM2.5平均浓度控制在26 μg/m ³ 以下。", "26", "", "26", "μg/m³",
                     "MicroGM-PER-M3", "at_most"),
    "chao-wan-ren": ("推动新增就业超万人。", "万", "", "10000", "人", None, "more_than"),
    "bai-chang": ("开展送戏下乡、文化走亲活动百场以上。", "百", "", "100", "场", None,
                  "at_least"),
    "zero-occurrence": ("力争涉众型金融风险事件零发生。", "零", "", "0", None, "NUM", "exact"),
    "twelve-in-a-row": ("切实提升“平安三率”，实现平安区十二连创。", "十二", "", "12", "连", None,
                        "exact"),
    "three-in-a-row": ("力争“大禹金鼎”三连夺。", "三", "", "3", "连", None, "exact"),
    "po-bai-yi": ("带动数字经济产业规模破百亿。", "百", "亿", "10000000000", "元", "CCY_CNY",
                  "more_than"),
    "raised-to": ("确保出口贸易总额占全国份额提升至 1.3%。", "1.3", "", "1.3", "%", "PERCENT",
                  "exact"),
    "hectare": ("新增绿地 40 公顷。", "40", "", "40", "公顷", "HA", "exact"),
    "kilometre": ("因地制宜建设提升农村公路 36 公里。", "36", "", "36", "公里", "KiloM", "exact"),
    "mu-has-no-qudt-unit": ("全年出让土地 1400 亩以上。", "1400", "", "1400", "亩", None,
                            "at_least"),
    "decimal-wan": ("确保大学生留瓯人数 1.1 万人以上。", "1.1", "万", "11000", "人", None,
                    "at_least"),
    "counter-word": ("确保新增上市企业2家。", "2", "", "2", "家", None, "exact"),
    "full-width-digits": ("新增绿地４０公顷。", "40", "", "40", "公顷", "HA", "exact"),
    "yu-is-more-than": ("引进人才300余人。", "300", "", "300", "人", None, "more_than"),
}


@pytest.mark.parametrize("case", sorted(QUANTITATIVE))
def test_quantitative_target(case):
    text, number, magnitude, value, unit, qudt, comparator = QUANTITATIVE[case]
    target = only(text)
    assert not target.qualitative
    assert (target.number, target.magnitude, target.value, target.unit, target.qudt,
            target.comparator) == (number, magnitude, Decimal(value), unit, qudt, comparator)
    assert target.span in text  # the clause as printed
    assert not set("，。、；") & set(target.span)
    assert target.qualifier is None


def test_the_span_and_indicator_are_taken_from_the_text():
    target = only("持续推动大孵化器集群“再扩容”“再提能”，确保新增孵化面积30万平方米以上，"
                  "完善孵化器梯队培育模式。")
    assert target.span == "确保新增孵化面积30万平方米以上"
    assert target.indicator == "新增孵化面积"
    assert target.factor == 10_000


def test_a_threshold_before_the_count_is_a_qualifier():
    targets = extract_targets(
        "持续加大“四雁”培育，确保10亿元以上企业2家、5亿元以上企业5家、亿元以上企业10家。")
    assert [(t.value, t.unit, t.comparator, t.qualifier, t.indicator) for t in targets] == [
        (Decimal(2), "家", "exact", "10亿元以上", "企业"),
        (Decimal(5), "家", "exact", "5亿元以上", "企业"),
        (Decimal(10), "家", "exact", "亿元以上", "企业"),
    ]


def test_yishang_binds_only_the_item_it_follows():
    targets = extract_targets("确保新认定高新技术企业 50 家、省科技型中小企业 100 家以上。")
    assert [brief(t) for t in targets] == [(Decimal(50), "家", "exact"),
                                           (Decimal(100), "家", "at_least")]


# --- Not targets -------------------------------------------------------------------------------

NOT_TARGETS = {
    "slogan-1+6+1": "稳步实施碳达峰“1+6+1”行动。",
    "mechanism-3030": "落实“3030”隐患闭环管控机制。",
    "action-1511": "大力推进中国（温州）数安港“1511”五年行动。",
    "policy-name": "迭代升级“人口发展24条”。",
    "nine-small-places": "狠抓“九小场所”“厂中厂”等系列专项整治。",
    "nine-small-places-unquoted": "狠抓九小场所专项整治。",
    "year": "精心谋划2024年青科会。",
    "ordinal": "精心办好第七届区运会。",
    "three-year-action": "深入实施安全生产治本攻坚三年行动。",
    "fifteen-minutes": "加快构建“15分钟居民亲水圈”。",
    "fifteen-minutes-unquoted": "加快构建15分钟居民亲水圈。",
    "5A-grade": "依托 5A 级婚姻登记中心资源优势。",
    "top-500": "招引落地 500 强企业。",
    "pm25-name-only": "推进PM2.5和臭氧协同治理。",
    "road-name": "做实 330 国道潘泽段、S211 省道瓯海段等项目前期。",
    "version": "迭代“1+5+16”产业政策3.0版。",
    "building-name": "投用希尔顿 339 等地标。",
    "descriptor-capacity": "温大碳研院建成千吨普鲁士白生产项目。",
    "idiom": "让“有礼”之风吹进千家万户。",
    "company-name": "推动万鑫烯碳等企业创建省级智能工厂。",
    "n-major": "聚焦高校毕业生等九大群体，启动12大领域应用场景谋划。",
    "two-pilots": "抢抓两个国家级试点机遇。",
    "zero-inside-a-name": "打造低（零）碳省级试点。",
    "phase": "启动核心区二期建设、三期拆改。",
}


@pytest.mark.parametrize("case", sorted(NOT_TARGETS))
def test_not_a_target(case):
    assert extract_targets(NOT_TARGETS[case]) == []


def test_a_number_in_a_name_leaves_the_real_target():
    targets = extract_targets(
        "稳步实施碳达峰“1+6+1”行动，打造减污降碳、低（零）碳省级试点 5 个以上。")
    assert [brief(t) for t in targets] == [(Decimal(5), "个", "at_least")]


def test_top_500_leaves_the_count():
    target = only("招引落地 500 强企业、总部企业 10 家以上。")
    assert brief(target) == (Decimal(10), "家", "at_least")


# --- Qualitative -----------------------------------------------------------------------------

QUALITATIVE = {
    "in-step": ("一般公共预算收入与经济增长基本同步。", "一般公共预算收入与经济增长"),
    "full-coverage": ("加快推进研发活动全覆盖。", "研发活动"),
    "water-class": ("确保省控断面稳定在Ⅲ类水以上。", "省控断面"),
}


@pytest.mark.parametrize("case", sorted(QUALITATIVE))
def test_qualitative_target(case):
    text, indicator = QUALITATIVE[case]
    target = only(text)
    assert target.qualitative
    assert (target.value, target.unit, target.comparator) == (None, None, None)
    assert target.indicator == indicator


def test_a_qualitative_goal_can_carry_a_qualifier():
    target = only("实现5000万元以上优质企业用地全覆盖。")
    assert target.qualitative
    assert target.qualifier == "5000万元以上"


# --- Chinese numerals ------------------------------------------------------------------------

@pytest.mark.parametrize(("numeral", "value"), [
    ("零", 0), ("三", 3), ("十", 10), ("十二", 12), ("二十五", 25), ("百", 100), ("千", 1000),
    ("万", 10_000), ("百亿", 10_000_000_000), ("两万三千", 23_000), ("一亿二千万", 120_000_000),
])
def test_chinese_numerals(numeral, value):
    assert chinese_value(numeral) == value


# --- RDF -------------------------------------------------------------------------------------

TASK = URIRef("https://example.org/id/task-1")


def test_targets_are_named_after_their_task_and_typed():
    graph = Graph()
    nodes = add_targets(graph, TASK, extract_targets("确保新增托育机构5家、托位200个。"))
    assert nodes == [URIRef(f"{TASK}-target-01"), URIRef(f"{TASK}-target-02")]
    first = nodes[0]
    assert (TASK, DG.hasTarget, first) in graph
    assert (first, RDF.type, DG.Target) in graph
    assert graph.value(first, DG.value).toPython() == Decimal(5)
    assert graph.value(first, DG.unitWord) == Literal("家")
    assert graph.value(first, DG.comparator) == DG.exactly
    assert graph.value(first, DG.qualitative) == Literal(False)


def test_a_target_with_a_qudt_unit():
    graph = Graph()
    [node] = add_targets(graph, TASK, extract_targets("带动生命健康产业规模破 300 亿元。"))
    assert graph.value(node, QUDT.unit) == UNIT.CCY_CNY
    assert graph.value(node, DG.numberAsPrinted) == Literal("300")
    assert graph.value(node, DG.magnitude).toPython() == Decimal(100_000_000)
    assert str(graph.value(node, DG.value)) == "30000000000.0"
    assert graph.value(node, DG.comparator) == DG.moreThan


def test_a_qualitative_target_has_no_number():
    graph = Graph()
    [node] = add_targets(graph, TASK, extract_targets("城乡居民收入与经济增长基本同步。"))
    assert graph.value(node, DG.qualitative) == Literal(True)
    for predicate in (DG.value, DG.unitWord, QUDT.unit, DG.comparator, DG.numberAsPrinted):
        assert graph.value(node, predicate) is None


# What every Target in the seed graph is held to (until ontology/shapes.ttl has a TargetShape).

def _targets(graph: Graph) -> list[URIRef]:
    return list(graph.subjects(RDF.type, DG.Target))


def test_the_seed_graph_has_targets(seed_build):
    assert len(_targets(seed_build.graph)) == 115


def test_every_target_has_exactly_one_task(seed_build):
    graph = seed_build.graph
    for target in _targets(graph):
        tasks = list(graph.subjects(DG.hasTarget, target))
        assert len(tasks) == 1, target
        assert (tasks[0], RDF.type, DG.Task) in graph


def test_every_quantitative_target_has_one_value_unit_and_comparator(seed_build):
    graph = seed_build.graph
    for target in _targets(graph):
        [qualitative] = graph.objects(target, DG.qualitative)
        values = list(graph.objects(target, DG.value))
        comparators = list(graph.objects(target, DG.comparator))
        words = list(graph.objects(target, DG.unitWord))
        qudt_units = list(graph.objects(target, QUDT.unit))
        assert len(list(graph.objects(target, DG.span))) == 1, target
        if qualitative.toPython():
            assert values == comparators == words == qudt_units == [], target
            continue
        assert len(values) == 1, target
        assert len(comparators) == 1, target
        # one unit: the word as printed, or where none is printed, the QUDT unit alone
        assert len(words) == 1 or (words == [] and len(qudt_units) == 1), target
        assert len(qudt_units) <= 1, target


def test_targets_query_contract(seed_store):
    result = run_query_file(seed_store, QUERIES / "targets.rq")
    # issue 22's document, district and year go after the original columns
    assert result.columns == ("line", "indicator", "value", "unit", "comparator", "qualifier",
                              "span", "document", "district", "year")
    assert len(result.rows) == 115
    assert result.rows[0] == (13, "全区生产总值增长", Decimal("6.5"), "%", "approx", None,
                              "全区生产总值增长 6.5%左右", "ouhai-2024", "瓯海区", "2024")
    assert {row[7:] for row in result.rows} == {("ouhai-2024", "瓯海区", "2024")}
    comparators = {row[4] for row in result.rows}
    assert comparators == {"at_least", "more_than", "at_most", "approx", "exact", None}
    for row in result.rows:  # a qualitative goal has none of the three
        assert (row[2] is None) == (row[4] is None) == (row[3] is None), row
    assert (52, "企业", Decimal(2), "家", "exact", "10亿元以上", "确保10亿元以上企业2家") \
        in {row[:7] for row in result.rows}
