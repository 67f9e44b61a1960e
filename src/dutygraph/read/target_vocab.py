"""The words the target extractor reads, declared once as data (see docs/targets.md).

Nothing here is taken from one table's sentences: these are the comparator words, magnitude
words, numerals and units of Chinese government work plans in general.
"""

from __future__ import annotations

# Comparator notations, as in the dg:comparators scheme and the targets.rq answers.
AT_LEAST, MORE_THAN, AT_MOST, APPROX, EXACT = "at_least", "more_than", "at_most", "approx", "exact"

# Words right before the number. 以上/以下 are inclusive (PRC Civil Code art. 1259).
COMPARATOR_BEFORE = {
    "不少于": AT_LEAST, "不低于": AT_LEAST, "至少": AT_LEAST,
    "不超过": AT_MOST, "不高于": AT_MOST, "不多于": AT_MOST, "控制在": AT_MOST,
    "超过": MORE_THAN, "突破": MORE_THAN, "超": MORE_THAN, "破": MORE_THAN,
    "大约": APPROX, "约": APPROX,
    "达到": EXACT, "达": EXACT, "提升至": EXACT, "提高到": EXACT, "提高至": EXACT,
    "扩容至": EXACT, "增至": EXACT, "增加到": EXACT, "保持在": EXACT, "稳定在": EXACT,
}
# Words right after the unit; they override a word before (达…以上 is at least).
COMPARATOR_AFTER = {
    "及以上": AT_LEAST, "以上": AT_LEAST,
    "及以下": AT_MOST, "以下": AT_MOST, "以内": AT_MOST,
    "左右": APPROX, "上下": APPROX,
}
# Words between the number and its unit: 300余人, 20多家.
COMPARATOR_BETWEEN = {"余": MORE_THAN, "多": MORE_THAN}

# Magnitude words after a number: 15 万千瓦 is 15 × 1e4 千瓦; they multiply (百亿 = 1e10).
MAGNITUDES = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
# Only these are split off a Chinese numeral as its magnitude (百亿 → 百 × 亿).
LARGE_MAGNITUDES = "万亿"

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(MAGNITUDES)

# Unit words as printed → (the unit word written to the graph, QUDT local name or None).
# QUDT (http://qudt.org/vocab/unit/) has no mu, so 亩 stays a Chinese word; yuan is QUDT's
# currency unit CCY_CNY. Counter words (个, 家 …) have no clean QUDT unit and stay as words.
UNITS = {
    "%": ("%", "PERCENT"), "％": ("%", "PERCENT"),
    "个百分点": ("个百分点", "PERCENT"),
    "千瓦时": ("千瓦时", "KiloW-HR"), "千瓦": ("千瓦", "KiloW"), "兆瓦": ("兆瓦", "MegaW"),
    "平方公里": ("平方公里", "KiloM2"), "平方米": ("平方米", "M2"), "公顷": ("公顷", "HA"),
    "亩": ("亩", None),
    "公里": ("公里", "KiloM"), "千米": ("千米", "KiloM"),
    "吨": ("吨", "TONNE"),
    "μg/m³": ("μg/m³", "MicroGM-PER-M3"), "µg/m³": ("μg/m³", "MicroGM-PER-M3"),
    "μg/m3": ("μg/m³", "MicroGM-PER-M3"), "微克/立方米": ("μg/m³", "MicroGM-PER-M3"),
    "美元": ("美元", "CCY_USD"), "元": ("元", "CCY_CNY"),
    "人次": ("人次", None), "个": ("个", None), "家": ("家", None), "条": ("条", None),
    "所": ("所", None), "场": ("场", None), "人": ("人", None), "户": ("户", None),
    "套": ("套", None), "张": ("张", None), "项": ("项", None), "座": ("座", None),
    "名": ("名", None), "处": ("处", None), "间": ("间", None), "辆": ("辆", None),
    "台": ("台", None), "栋": ("栋", None), "幢": ("幢", None), "件": ("件", None),
    "位": ("位", None), "支": ("支", None), "部": ("部", None), "例": ("例", None),
    "宗": ("宗", None), "批": ("批", None), "床": ("床", None), "只": ("只", None),
    # A streak (十二连创, 三连夺) counts the times in a row.
    "连创": ("连", None), "连夺": ("连", None), "连冠": ("连", None), "连胜": ("连", None),
    "连获": ("连", None),
}
# Units that state a target by themselves, without a comparator (a Chinese numeral needs one).
SELF_STATING_UNITS = {"连"}
# A number in 亿 printed without a unit is money in these reports (破百亿, 规模超 300 亿).
UNIT_IF_NONE = {"亿": "元"}

# 零 + these: a zero target (涉众型金融风险事件零发生, 高耗低效企业零新增).
ZERO_WORDS = ("发生", "新增", "出现", "事故", "死亡", "伤亡", "反弹", "投诉")

# Goals stated without a number: kept as qualitative targets.
QUALITATIVE_PATTERNS = (
    r"基本同步", r"同步增长", r"全覆盖", r"基本覆盖", r"全设置", r"全提升", r"全面达标",
    r"清零", r"破零", r"[ⅠⅡⅢⅣⅤ]+类(?:水质?)?(?:及)?以上",
)

# Words leading a clause that say how hard to try, not what is measured.
LEAD_VERBS = ("确保", "力争", "争取", "推动", "带动", "实现", "努力", "全力", "持续", "再", "加快",
              "推进")

# Quotation marks: a number inside them is part of a name or slogan ("1+6+1"行动, "3030"机制).
QUOTES = {"“": "”", "\"": "\"", "「": "」", "『": "』", "《": "》", "‘": "’"}
# A clause ends at these; 、 ends an item of a list (以上 binds only the item it follows).
CLAUSE_BREAKS = "，。；;！？：,、\n"
