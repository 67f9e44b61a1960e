"""The published layout's vocabulary, declared once: the reader's only source of words."""

from __future__ import annotations

import re

# Header cells and labels → the record field they fill. The seed prints 序号 / 重点工作 /
# 责任单位 / 备注; other tables split the units into 牵头单位 / 配合单位, name a leader per row
# and a deadline. Labelled lines (牵头责任单位：…) and bracketed labels ([牵头单位：…]) use the
# same words. Spaces and line breaks inside a header cell are ignored (序  号).
HEADER_COLUMNS = {
    "序号": "number",
    "重点工作": "text",
    "工作任务": "text",
    "主要任务": "text",
    "重点任务": "text",
    "责任单位": "units",
    "备注": "remark",
    "牵头单位": "lead_units",
    "牵头责任单位": "lead_units",
    "牵头部门": "lead_units",
    "主要责任单位": "lead_units",
    "配合单位": "co_units",
    "协同单位": "co_units",
    "协同责任单位": "co_units",
    "配合责任单位": "co_units",
    "参与单位": "co_units",
    "牵头领导": "leaders",
    "责任领导": "leaders",
    "牵头负责领导": "leaders",
    "分管领导": "leaders",
    "牵头区领导": "leaders",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时间节点": "deadline",
    "时限要求": "deadline",
    "类别": "section",
    "工作板块": "section",
}
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
    **{name: column for name, column in HEADER_COLUMNS.items()
       if column in ("number", "units", "lead_units", "co_units", "remark")},
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
SECTION_SUFFIXES = ("重点工作", "重点任务", "工作", "任务")
LEADER_MARKERS = ("牵头", "负责")  # "…副区长牵头": the words before name the leader

# Titles that follow a leader's name, longest first where one ends another.
LEADER_TITLES = (
    "常务副区长", "常务副县长", "常务副市长", "常务副镇长",
    "副区长", "副县长", "副市长", "副镇长", "副乡长", "副州长",
    "区长", "县长", "市长", "镇长", "乡长", "州长",
    "区委常委", "县委常委", "市委常委", "常委",
    "副书记", "书记", "副主任", "主任", "副主席", "主席",
    "副秘书长", "秘书长", "副部长", "部长", "党组成员", "党组副书记", "副组长", "组长",
    "副院长", "院长", "副检察长", "检察长", "局长", "政委", "巡视员", "调研员",
)
LEADER_NAME_LENGTHS = (2, 3, 4)  # Han names: 张昶, 林仕德, 欧阳明德
TITLE_SEPARATORS = re.compile(r"[、，,/]")

HEADER_FIRST_CELL = "序号"
NOTE_PREFIX = re.compile(r"^注\s*[：:]")
ATTACHMENT_LINE = re.compile(r"^附件\s*[0-9０-９]*$")
TITLE_WORDS = ("责任分解", "分工", "责任清单", "重点工作")

# Units in a cell: split on these, except inside brackets (区委组织部（人才办）).
UNIT_SEPARATORS = "、，,；;\n"  # a .docx cell may list one unit per paragraph
OPEN_BRACKETS = "（(〔［[【"
CLOSE_BRACKETS = "）)〕］]】"
LEAD_MARKS = "*＊"
# Stripped from both ends of a unit as written: spaces (ASCII, full-width, no-break) and
# the full stops and semicolons that end a cell.
UNIT_TRIM = " \t\u3000\u00a0。．.；;"

# A statement under a leader's section that puts them in charge of the whole document.
OVERALL_WORDS = ("总负责", "全面负责", "负总责")

# Lead conventions: how a document says which units lead (--lead-convention).
STAR, FIRST, COLUMN = "star", "first", "column"
LEAD_CONVENTIONS = (STAR, FIRST, COLUMN)
FIRST_LISTED_NOTE = re.compile(r"(列|排)?(在)?第[一1]位.{0,6}牵头|第一个?(责任)?单位为牵头")
STAR_NOTE = re.compile(r"[*＊].{0,8}牵头")

# Layouts (--layout): rows of a table; numbered paragraphs with labelled lines; numbered
# paragraphs ending in bracketed labels.
TABLE, LABELLED, BRACKETED = "table", "labelled", "bracketed"
LAYOUTS = (TABLE, LABELLED, BRACKETED)
NUMBERED_PARAGRAPH = re.compile(r"^(?P<number>[0-9０-９]+)\s*[.．、]\s*(?P<text>\S.*)$")
LABELLED_LINE = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,8})\s*[：:]\s*(?P<value>.*)$")
BRACKETED_TAIL = re.compile(
    r"^(?P<text>.*?)\s*[\[［【(（](?P<labels>[^\[\]［］【】()（）]*[：:][^\[\]［］【】]*)"
    r"[\]］】)）]\s*[。.]?$"
)
LABEL_SEPARATORS = re.compile(r"[；;]")
LABEL_COLON = re.compile(r"[：:]")

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
# A role written after a unit (团市委配合落实): the words and the role they give, longest first.
ROLE_WORDS = (
    ("牵头落实", "lead"), ("牵头负责", "lead"), ("牵头", "lead"),
    ("配合落实", "co"), ("协助落实", "co"), ("配合", "co"), ("协同", "co"), ("参与", "co"),
)
# Dropped from the end of a unit as written: 区财政局等，各镇街 lists 区财政局 "and others".
UNIT_TAIL_WORDS = ("等单位", "等部门", "等")
# A space between two Chinese characters inside a unit name is left by PDF line wrapping
# (区发改 局); it is joined. Task text is kept exactly as printed.
WRAPPED_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
