"""The published layout's vocabulary, declared once: the reader's only source of words."""

from __future__ import annotations

import re

# Header cells and labels → the record field they fill, by the words they contain: every
# county words its headers a little differently (重点工作任务, 工作任务及目标, 2024年目标任务,
# 具体任务 …), so a header is read by meaning. The classes are tried in this order, the more
# specific first: 牵头领导 names a leader (领导 before 牵头), 牵头单位 the lead units, 工作时限 a
# deadline (时限 before 工作). Spaces and line breaks inside a cell are ignored (目  标  任  务).
# A header no class fits keeps its cells as notes on the task (EXTRA), with a warning.
COLUMN_WORDS = (
    ("number", ("序号", "编号")),
    ("leaders", ("领导",)),
    ("progress", ("进展", "完成情况", "进度情况", "推进情况")),
    ("co_units", ("配合", "协同", "协办", "协助", "参与", "其他责任")),
    ("lead_units", ("牵头", "主责", "主要责任", "主办")),
    ("units", ("单位", "部门", "分工")),
    ("deadline", ("时限", "时间", "节点", "期限", "进度", "日期")),
    ("remark", ("备注", "说明")),
    ("section", ("类别", "板块", "类型", "领域")),
    ("text", ("任务", "工作", "目标", "事项", "内容", "措施", "举措", "项目")),
)
# Headers that contain a class's word but say something else: 区本级任务数 (a figure), 责任人
# (an official of the unit, not the leader), 考核指标, 资金来源. Their cells are notes.
EXTRA_HEADER_WORDS = ("任务数", "责任人", "联系人", "指标", "资金", "来源", "金额", "投资")
EXTRA = "extra:"  # a column no class fits: EXTRA + the header as printed
# Columns whose cells are kept as notes on the task, labelled with the header as printed.
NOTE_COLUMNS = ("progress",)
# A header cell is short: a longer cell is a task's text, not a header.
HEADER_CELL_MAX = 12
NOT_IN_HEADERS = "、，,。；;：:%"  # a cell with these is a row's, not a header's
REQUIRED_COLUMNS = ("number", "text", "units")
DEFAULT_COLUMNS = ("number", "text", "units", "remark")
COLUMN_NAMES_ZH = {"number": "序号", "text": "重点工作", "units": "责任单位", "remark": "备注",
                   "lead_units": "牵头单位", "co_units": "配合单位", "leaders": "牵头领导",
                   "deadline": "完成时限", "section": "类别"}
UNIT_COLUMNS = ("units", "lead_units", "co_units")
# Columns a header may print twice (one merged cell over two): their cells are joined.
JOINED_COLUMNS = (*UNIT_COLUMNS, "leaders")
# An expected-indicators table (主要预期指标) beside the key tasks (layout 6): its header names
# an indicator and an expected value; its rows are tasks of a section of their own (kind
# "indicators"), their cells kept as printed. Units, 序号 and 备注 read as in a task table.
INDICATOR_COLUMNS = {
    "序号": "number", "备注": "remark", "责任单位": "units", "牵头单位": "lead_units",
    "牵头责任单位": "lead_units", "主要责任单位": "lead_units", "配合单位": "co_units",
    "协同单位": "co_units", "协同责任单位": "co_units", "参与单位": "co_units",
    "指标名称": "text",
    "指标": "text",
    "主要指标": "text",
    "指标内容": "text",
    "预期目标": "expected",
    "目标值": "expected",
    "年度目标": "expected",
    "预期目标值": "expected",
    "目标": "expected",
    "单位": "measure_unit",
    "计量单位": "measure_unit",
    "属性": "attribute",
    "指标属性": "attribute",
}
INDICATOR_NAME_HEADERS = tuple(n for n, c in INDICATOR_COLUMNS.items() if c == "text")
INDICATOR_COLUMN_NAMES_ZH = {**COLUMN_NAMES_ZH, "text": "指标名称", "measure_unit": "单位",
                             "expected": "预期目标", "attribute": "属性"}
TASKS, INDICATORS = "tasks", "indicators"  # Section.kind
INDICATOR_SECTION_LABEL = "主要预期指标"  # an indicators table printed under no heading
# （续表）: a table continued after a page break, not a new table's title.
CONTINUED_TABLE = re.compile(r"^[（(]?\s*续表\s*[0-9０-９]*\s*[）)]?$")
# A line that titles a table (表2 重点工作任务, 附表1 …) or names the key tasks: after an
# indicators table that printed no rows, such a line before a task header is that table's
# title; any other line there (（本年度指标另行下达）) is said of the empty indicators table.
TASK_TABLE_TITLE = re.compile(r"^附?表\s*[0-9０-９一二三四五六七八九十]+|重点工作|任务")
# Where the unit column's word goes in the expected value, for the target reader: after the
# first number and its magnitude (6左右 + % → 6%左右), as the same words in a task would print.
EXPECTED_NUMBER = re.compile(r"^(?P<number>.*?\d+(?:\.\d+)?[十百千万亿]*)(?P<rest>.*)$")
# Where a table or a label group names lead units, its 责任单位 means the co-responsible ones
# ([牵头单位：区卫健局；责任单位：区财政局]); where a 协同单位 column stands beside 责任单位,
# 责任单位 is the lead column.

# A section header: a Chinese numeral, 、, then e.g. 林仕德常委、常务副区长牵头重点工作.
SECTION_HEADER = re.compile(
    r"^(?P<numeral>[一二三四五六七八九十百零〇两]+)\s*[、．.]\s*(?P<body>\S.*)$"
)
CHINESE_DIGITS = "零一二三四五六七八九十"
# A count after a section's heading: 一、吴文斌县长牵头重点工作（共3项）.
SECTION_COUNT = re.compile(r"\s*[（(]\s*共\s*[0-9０-９]+\s*[项条个]\s*[）)]\s*$")
SECTION_SUFFIXES = ("重点工作", "重点任务", "工作", "任务")
# "…副区长牵头" (主抓, 分管): the words before name the leader.
LEADER_MARKERS = ("牵头", "负责", "主抓", "分管", "领衔")

# Titles that follow a leader's name, longest first where one ends another.
LEADER_TITLES = (
    "常务副区长", "常务副县长", "常务副市长", "常务副镇长",
    "副区长", "副县长", "副市长", "副镇长", "副乡长", "副州长", "副省长", "副旗长",
    "区长", "县长", "市长", "镇长", "乡长", "州长", "省长", "旗长",
    "区委常委", "县委常委", "市委常委", "常委",
    "副书记", "书记", "副主任", "主任", "副主席", "主席",
    "副秘书长", "秘书长", "副部长", "部长", "党组成员", "党组副书记", "副组长", "组长",
    "副院长", "院长", "副检察长", "检察长", "局长", "政委", "巡视员", "调研员",
)
LEADER_NAME_LENGTHS = (2, 3, 4)  # Han names: 张昶, 林仕德, 欧阳明德
TITLE_SEPARATORS = re.compile(r"[、，,/]")

HEADER_FIRST_CELL = "序号"
NOTE_PREFIX = re.compile(r"^注\s*[：:]")
# Site chrome and metadata that may hold a title word: a breadcrumb (首页 > … > 重点工作), a
# labelled field (标题：…), a sentence.
NOT_A_TITLE = re.compile(r"[>＞：:]|。$")
ATTACHMENT_LINE = re.compile(r"^附件\s*[0-9０-９]*$")
TITLE_WORDS = ("责任分解", "分工", "责任清单", "重点工作", "任务分解", "任务清单", "工作清单",
               "工作事项", "分解表", "分解方案")

# Units in a cell: split on these, except inside brackets (区委组织部（人才办）).
UNIT_SEPARATORS = "、，,；;\n"
CLAUSE_BREAKS = "，,；;"  # between clauses of a units cell: X牵头，Y、Z配合
UNIT_LIST_SEPARATOR = "、"  # a clause of several units: Y、Z配合 (one unit: 团市委配合落实)
OPEN_BRACKETS = "（(〔［[【"
CLOSE_BRACKETS = "）)〕］]】"
LEAD_MARKS = "*＊★☆"  # before or after a unit: *区发改局, 区政府办公室*
# Stripped from both ends of a unit as written: spaces (ASCII, full-width, no-break) and
# the full stops and semicolons that end a cell.
UNIT_TRIM = " \t\u3000\u00a0。．.；;"

# A statement under a leader's section that puts them in charge of the whole document.
OVERALL_WORDS = ("总负责", "全面负责", "负总责")

# Lead conventions: how a document says which units lead (--lead-convention).
STAR, FIRST, COLUMN, ALL_CO = "star", "first", "column", "all-co"
LEAD_CONVENTIONS = (STAR, FIRST, COLUMN, ALL_CO)
# --lead-convention's choices → the convention; first and column are the older names.
LEAD_CONVENTION_NAMES = {"star": STAR, "first-listed": FIRST, "all-co": ALL_CO,
                         "columns": COLUMN, "first": FIRST, "column": COLUMN}
STAR_NOTE = re.compile(r"[*＊★☆].{0,8}牵头")

# Layouts (--layout): rows of a table; numbered paragraphs with labelled lines; numbered
# paragraphs ending in bracketed labels.
TABLE, LABELLED, BRACKETED = "table", "labelled", "bracketed"
LAYOUTS = (TABLE, LABELLED, BRACKETED)
# A numbered paragraph: 1. 1、 1． (1) （1） and (一) （一）, which may also head a subsection
# (read as one when it names no units).
NUMBERED_PARAGRAPH = re.compile(
    r"^(?:(?P<number>[0-9０-９]+)\s*[*＊]?\s*[.．、](?![0-9０-９])"
    r"|[（(]\s*(?P<bracketed>[0-9０-９]+|[一二三四五六七八九十]+)\s*[）)]\s*[、.．]?)"
    r"\s*(?P<text>\S.*)$")
# A subheading: (一) / （一） then words, printed under a 一、 heading or as the top level.
SUB_HEADER = re.compile(r"^[（(]\s*(?P<numeral>[一二三四五六七八九十]+)\s*[）)]\s*(?P<body>\S.*)$")
LABELLED_LINE = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,8})\s*[：:]\s*(?P<value>.*)$")
BRACKETED_TAIL = re.compile(
    r"^(?P<text>.*?)\s*[\[［【(（](?P<labels>[^\[\]［］【】()（）]*[：:][^\[\]［］【】]*)"
    r"[\]］】)）]\s*[。.]?$"
)
LABEL_SEPARATORS = re.compile(r"[；;]")
LABEL_COLON = re.compile(r"[：:]")

# A role clause in brackets after a task's text (（X牵头，Y、Z配合）, （X等按职责分工负责）): the
# words that end it and the role they give its units; None: the document's rule decides
# (first listed leads), as for a 责任单位 label. Longest first where one ends another.
CLAUSE_ROLE_WORDS = (
    ("按职责分工负责", None), ("按职责分别负责", None), ("分别负责", None), ("共同负责", None),
    ("牵头负责", "lead"), ("牵头落实", "lead"), ("牵头", "lead"),
    ("配合落实", "co"), ("协助落实", "co"), ("参与落实", "co"), ("配合", "co"), ("协同", "co"),
    ("参与", "co"), ("协助", "co"), ("负责落实", None), ("负责", None),
)
# A clause of time in the same brackets: 年内持续推进, 2024年底前完成, 长期坚持.
DEADLINE_CLAUSE = re.compile(r"(年|月|季度|持续|长期|底前|年内|前完成)")
# A lead rule stated by meaning: a sentence that puts the first-listed unit in the lead
# (列第一位的为牵头单位, 首位单位为牵头单位, 排在第一位, 第一个为牵头单位, 牵头或汇总单位).
FIRST_LISTED_RULE = re.compile(
    r"(第[一1]位|首位|第一个|排名第一|排第一|列第一|居首|第一家).{0,14}(牵头|汇总)"
    r"|牵头.{0,10}(第[一1]位|首位|排名第一)")
# The rule glued to a unit cell in brackets: 县发改局（首位单位为牵头单位，下同）.
GLUED_RULE = re.compile(
    r"[（(【\[][^（()）【】\[\]]*?(第[一1]位|首位|第一个|排名第一|列第一|排第一)"
    r"[^（()）【】\[\]]*?(牵头|汇总)[^（()）【】\[\]]*[）)】\]]")

# Collective names that contain a separator and are one unit, never split. Declared here as
# data: add the next one seen rather than a rule that would also join real lists.
COLLECTIVE_UNITS = (
    "各县、市、区政府",
    "各区、县（市）政府（管委会）",
    "各县、市、区人民政府",
    "各县、市、区",
    "各乡、镇、街道",
    "各镇、街道",
)
# Dropped from the end of a unit as written: 区财政局等，各镇街 lists 区财政局 "and others".
UNIT_TAIL_WORDS = ("等相关部门", "等相关单位", "等有关部门", "等有关单位", "等单位", "等部门", "等")
# A space between two Chinese characters inside a unit name is left by PDF line wrapping
# (区发改 局); it is joined. Task text is kept exactly as printed.
WRAPPED_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")

# What a non-empty line or row of the source can be read as (the build report's accounting,
# `dutygraph inspect`): a line no reading fits inside the tasks is NOT_UNDERSTOOD.
READINGS = ("title", "preamble", "header", "section", "task", "units", "cell", "note",
            "statement", "rule")
NOT_UNDERSTOOD = "not understood"
