"""The published layout's vocabulary, declared once: the reader's only source of words."""

from __future__ import annotations

import re

# Header cells → the record field they fill. The seed prints 序号 / 重点工作 / 责任单位 / 备注.
HEADER_COLUMNS = {
    "序号": "number",
    "重点工作": "text",
    "工作任务": "text",
    "主要任务": "text",
    "重点任务": "text",
    "责任单位": "units",
    "备注": "remark",
}
REQUIRED_COLUMNS = ("number", "text", "units")
DEFAULT_COLUMNS = ("number", "text", "units", "remark")
COLUMN_NAMES_ZH = {"number": "序号", "text": "重点工作", "units": "责任单位", "remark": "备注"}

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
UNIT_SEPARATORS = "、，,"
OPEN_BRACKETS = "（(〔［[【"
CLOSE_BRACKETS = "）)〕］]】"
LEAD_MARKS = "*＊"
# Stripped from both ends of a unit as written: spaces (ASCII, full-width, no-break) and
# the full stops and semicolons that end a cell.
UNIT_TRIM = " \t\u3000\u00a0。．.；;"

# A statement under a leader's section that puts them in charge of the whole document.
OVERALL_WORDS = ("总负责", "全面负责", "负总责")
