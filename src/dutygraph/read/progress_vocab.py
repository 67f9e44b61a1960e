"""The words a progress report is read with, declared once as data (see docs/progress.md).

Nothing here is one report's sentence: these are the status words, period phrases, column
names and share phrases that supervision offices (督查室) print in the genre's 推进情况 /
完成情况 / 督查通报 tables, as docs/progress.md records them.
"""

from __future__ import annotations

# Statuses, as the notations of the dg:progressStatuses scheme (ontology/dutygraph.ttl).
COMPLETED, BASICALLY_COMPLETED, AHEAD = "completed", "basicallyCompleted", "aheadOfSchedule"
ON_SCHEDULE, BEHIND, NOT_STARTED = "onSchedule", "behind", "notStarted"
STATUSES = (COMPLETED, BASICALLY_COMPLETED, AHEAD, ON_SCHEDULE, BEHIND, NOT_STARTED)

# The words of each status. 序时 (序时进度) is the share of the year gone by: a task on 序时
# has done at least that share of its work.
STATUS_WORDS = {
    COMPLETED: ("已完成", "完成", "全面完成", "提前完成", "全部完成", "已全部完成", "超额完成",
                "已完工", "完工", "已竣工", "已办结", "已落实", "已建成"),
    BASICALLY_COMPLETED: ("基本完成", "基本完工", "基本落实", "基本建成"),
    AHEAD: ("超序时推进", "超序时进度", "超序时", "超进度", "快于序时", "提前推进"),
    ON_SCHEDULE: ("序时推进", "按序时推进", "按时序推进", "按计划推进", "正常推进", "有序推进",
                  "稳步推进", "按序时", "达到序时进度", "达序时进度", "达序时", "达进度",
                  "符合序时进度", "进展顺利", "推进中", "正在推进", "按期推进"),
    BEHIND: ("滞后", "进度滞后", "滞后序时", "滞后于序时", "未达序时", "未达到序时进度",
             "未达序时进度", "慢于序时", "慢序时", "欠进度", "进展缓慢", "推进缓慢", "未完成",
             "落后于序时", "进度落后"),
    NOT_STARTED: ("未启动", "尚未启动", "暂未启动", "未开工", "尚未开工", "暂未开工", "未开展",
                  "尚未开展"),
}
# A positive word right after one of these says the opposite: 未按序时推进, 尚未完成.
NEGATIONS = ("尚未", "未能", "没有", "未")
NEGATED_STATUS = BEHIND
POSITIVE = (COMPLETED, BASICALLY_COMPLETED, AHEAD, ON_SCHEDULE)
# Where a text says several, the first of these wins: a task with any part behind is behind
# to the office that follows it (一期已完成，二期进度滞后 → behind). A task partly begun
# (3家已建成，其余2家尚未开工) is behind, not "not started": MIXED_NOT_STARTED.
STATUS_PRECEDENCE = (BEHIND, NOT_STARTED, ON_SCHEDULE, AHEAD, BASICALLY_COMPLETED, COMPLETED)
MIXED_NOT_STARTED = BEHIND
# So is a task whose rest is not begun: 其余2家尚未开工 says part of it is under way.
REST_WORDS = ("其余", "剩余", "另有", "部分")
# In a progress text (not a status cell) a word states the status only where it ends its
# clause, perhaps with these after it: 已完成年度任务 does, 已完成投资12.3亿元 does not.
STATUS_TAIL = r"(?:年度|全年|阶段性|阶段|既定|目标|计划|工作|建设|序时|进度|任务|推进|于|中|了)*"

# A share of the plan stated by a percentage alone: at or above 100 the work is done; at or
# above the share of the period in the year (序时进度: 9 of 12 months → 75%) it is on schedule.
DONE_SHARE = 100

# Periods. Chinese month and quarter numerals are read with targets.chinese_value.
MONTH = r"(?P<{name}>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
PERIOD_PATTERNS = (
    # (regex, first month, last month): a month group named first/last overrides the numbers.
    (r"前(?P<quarters>[一二三1-3])(?:个)?季度", 1, None),
    (r"第?(?P<quarter>[一二三四1-4])季度", None, None),
    (r"[一1]\s*季度", 1, 3),
    (r"上半年", 1, 6),
    (r"下半年", 7, 12),
    (r"全年|年底|年末|年终", 1, 12),
    (MONTH.format(name="first") + r"\s*[—\-－–~～至到]\s*" + MONTH.format(name="last")
     + r"\s*月份?", None, None),
    (r"截[至止]\s*(?:20\d\d\s*年\s*)?" + MONTH.format(name="last") + r"\s*月[底末]?",
     1, None),
)

# Header cells of a progress table → the field they fill, by the words they contain (the more
# specific class first), as the plan reader classifies its own (read/layout.py COLUMN_WORDS,
# which a header none of these fits falls back to: task text, units, leader, progress text).
PROGRESS_COLUMN_WORDS = (
    ("share", ("完成率", "完成比例", "完成进度", "进度(%)", "%")),
    ("status", ("状态", "评价", "是否完成")),
    ("problems", ("问题", "困难")),
    ("next_steps", ("下一步", "下步")),
)
PROGRESS_FIELDS = ("progress", "status", "share")  # a header with one of these is a report's

# A document is a progress report where its title (or a line before its table) holds one
# of these, or its header a progress column, or its sidecar says "kind": "progress".
TITLE_WORDS = ("推进情况", "进展情况", "完成情况", "落实情况", "督查通报", "进度通报", "执行情况")

# Share phrases: 占年度计划的82%, 为年计划的44%, 完成年度目标的63.88%, 完成率82%.
PLAN_WORDS = ("年度计划", "全年计划", "年计划", "年度目标任务", "年度目标", "全年目标",
              "年度任务", "全年任务", "目标任务", "计划")
SHARE_VERBS = ("占", "为", "完成", "达到", "达")
SHARE_NOUNS = ("投资完成率", "完成率", "完成进度", "完成比例", "执行率", "进度")
SHARE_LINKS = ("为", "达到", "达", "是")
