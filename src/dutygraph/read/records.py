"""The records a table is read into: plain data, each with the source line it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class UnitMention:
    """One unit in a task's 责任单位 cell, as written."""

    name: str  # as written, without the * mark, stray spaces or full stops
    lead_marked: bool  # a * was printed before it
    position: int  # 1-based order in the cell
    role: str | None = None  # "lead" or "co" where the layout says so (column, label, role word)


@dataclass(frozen=True)
class TaskRow:
    """One numbered row of the table."""

    line: int
    number: int  # 序号 as printed: never renumbered
    text: str  # 重点工作 exactly as printed
    units: tuple[UnitMention, ...]
    remark: str = ""  # 备注
    deadline: str = ""  # 完成时限 as written: 全年, 6月底前, 2024年12月
    leaders: tuple[str, ...] = ()  # names in a 牵头领导 column or label, where the row has one
    table: int | None = None  # .docx table or .xlsx sheet (1-based); line is then its row
    # A row of an expected-indicators table (text is then the indicator's name), as printed:
    expected: str = ""  # 预期目标: 6左右, 5.5, 与经济增长基本同步
    measure_unit: str = ""  # 单位: %, 亿元
    attribute: str = ""  # 属性: 预期性 or 约束性
    # Cells of columns no kind fits (考核指标, 区本级任务数, 进展情况): (header, cell) as printed.
    notes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Reading:
    """What one non-empty line or row of the source was read as (layout.READINGS)."""

    place: object  # items.Place: line, paragraph, or table and row
    kind: str
    text: str


@dataclass(frozen=True)
class Statement:
    """A line printed under a section outside any table row, such as 总负责。"""

    line: int
    text: str


@dataclass
class Section:
    """A group of tasks under one leading official; ``leader`` is None where none is named."""

    line: int
    position: int  # 1-based order in the document: numerals repeat, positions do not
    numeral: str  # as printed, e.g. 十一
    heading: str  # the whole header line as printed
    label: str  # the heading without numeral and suffix, e.g. 区委部门
    leader: str | None = None  # the one leader the heading names (dg:leader)
    leader_titles: tuple[str, ...] = ()
    # Every leader the heading names: its leader, or several after a label (一、扩大有效投资
    # （牵头领导：张三、李四）), each in charge of every task of the section.
    leaders: tuple[str, ...] = ()
    table: int | None = None  # as TaskRow.table
    kind: str = "tasks"  # tasks, or indicators: a table of expected indicators (layout.INDICATORS)
    statements: list[Statement] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)


@dataclass
class TableDocument:
    """A whole task-breakdown table as read from its source file."""

    path: str
    encoding: str
    sha256: str
    title: str = ""
    title_line: int | None = None
    preamble: list[Statement] = field(default_factory=list)  # lines before the title
    notes: list[Statement] = field(default_factory=list)  # 注：… lines
    sections: list[Section] = field(default_factory=list)
    warnings: list[Statement] = field(default_factory=list)  # line + what looks wrong
    format: str = "txt"  # txt (also .tsv), docx or xlsx
    layout: str = "table"  # table, labelled or bracketed: see docs/layouts.md
    lead_convention: str = "star"  # star, first, column or all-co (layout.LEAD_CONVENTIONS)
    lead_assumed: bool = False  # the document says nothing: first-listed, assumed
    detected: dict[str, str] = field(default_factory=dict)  # layout / lead convention → why
    readings: list[Reading] = field(default_factory=list)  # every non-empty line, read as

    @property
    def tasks(self) -> list[TaskRow]:
        """Every task row in document order."""
        return [task for section in self.sections for task in section.tasks]
