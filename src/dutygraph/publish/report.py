"""The build report: what was read, what was merged, what looks wrong (records → report)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from itertools import pairwise

from dutygraph.publish import markdown as md
from dutygraph.read.formats import PARAGRAPH_FORMATS
from dutygraph.read.layout import INDICATORS, NOT_UNDERSTOOD
from dutygraph.read.meta import DocumentMeta
from dutygraph.read.records import TableDocument
from dutygraph.read.roles import LEAD, NO_LEAD_MARKED, ResolvedTask


@dataclass
class SectionSummary:
    line: int
    numeral: str
    label: str
    leader: str | None
    tasks: int
    statements: list[str]
    missing_numbers: list[int]  # gaps in 序号 (of a run over 100, its two ends)
    number_range: str = ""  # "1–12": the section's first and last 序号 ("" without tasks)
    gaps: list[str] = field(default_factory=list)  # each run of missing 序号 and its place


@dataclass
class BuildReport:
    """Counts a reader can check against the source, and every doubt the build had."""

    source: str
    encoding: str
    sha256: str
    document_id: str
    title: str
    unit_table: str
    triples: int = 0
    tasks: int = 0
    assignments: int = 0
    lead_assignments: int = 0
    co_assignments: int = 0
    units: int = 0
    unlisted_units: dict[str, list[int]] = field(default_factory=dict)  # name → lines
    merged_names: dict[str, dict] = field(default_factory=dict)  # as written → unit, lines
    units_named_twice: list[str] = field(default_factory=list)  # "LINE: names → unit"
    tasks_without_marked_lead: list[int] = field(default_factory=list)  # lines
    warnings: list[str] = field(default_factory=list)  # "LINE: text"
    sections: list[SectionSummary] = field(default_factory=list)
    format: str = "txt"  # txt, docx or xlsx
    layout: str = "table"  # as read; docs/layouts.md
    lead_convention: str = "star"
    detected: dict[str, str] = field(default_factory=dict)  # "layout" / "lead convention" → why
    # "line 3: 一、2024年主要预期指标: 3 indicator rows": tables of expected indicators
    indicator_tables: list[str] = field(default_factory=list)
    # "十一: lines 200 (十一、林国锋主任牵头), 207 (十一、区委部门)": a numeral printed twice
    numerals_used_twice: list[str] = field(default_factory=list)
    # Every non-empty line (or row) of the source and what it was read as: title, preamble,
    # header, section, task, units, cell, note, statement, rule, or "not understood".
    lines: list[dict] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        return render_markdown(self)


def build_report(
    document: TableDocument, meta: DocumentMeta, tasks: list[ResolvedTask], unit_table: str
) -> BuildReport:
    """Summarise one build; triples are filled in once the graph exists."""
    assignments = [a for task in tasks for a in task.assignments]
    roles = Counter(a.role for a in assignments)
    unlisted, merged, twice = defaultdict(list), {}, []
    for task in tasks:
        for a in task.assignments:
            if not a.unit.listed:
                unlisted[a.unit.name].append(task.row.line)
            elif a.mention.name != a.unit.name:
                merged.setdefault(a.mention.name, {"unit": a.unit.name, "lines": []})
                merged[a.mention.name]["lines"].append(task.row.line)
        twice += _units_named_twice(task)
    report = BuildReport(
        source=document.path, encoding=document.encoding, sha256=document.sha256,
        document_id=meta.id, title=meta.title or document.title, unit_table=unit_table,
        tasks=len(tasks), assignments=len(assignments),
        lead_assignments=roles[LEAD], co_assignments=len(assignments) - roles[LEAD],
        units=len({a.unit.id for a in assignments}),
        unlisted_units=dict(sorted(unlisted.items(), key=lambda item: item[1][0])),
        merged_names=dict(sorted(merged.items())),
        units_named_twice=twice,
        # A row with no units at all (an indicator row of a table printed without a units
        # column) has no lead to mark: it is not one of these.
        tasks_without_marked_lead=[t.row.line for t in tasks
                                   if t.lead_rule == NO_LEAD_MARKED],
        warnings=[f"{w.line}: {w.text}" for w in document.warnings],
        format=document.format, layout=document.layout,
        lead_convention=document.lead_convention, detected=dict(document.detected),
    )
    report.lines = [{"place": str(r.place), "read as": r.kind, "text": r.text}
                    for r in document.readings]
    printed = 0  # the last 序号 of the sections so far: a section may number on from it
    for section in document.sections:
        numbers = [task.number for task in section.tasks]
        start = printed + 1 if numbers and min(numbers) > printed > 0 else 1
        missing = _missing_numbers(numbers, start)
        printed = max(numbers, default=printed)
        report.sections.append(SectionSummary(
            section.line, section.numeral, section.label,
            "、".join(section.leaders) or section.leader, len(section.tasks),
            [s.text for s in section.statements], missing,
        ))
        if section.kind == INDICATORS:
            where = (f"table {section.table}, row {section.line}" if section.table is not None
                     else f"{'paragraph' if document.format in PARAGRAPH_FORMATS else 'line'} "
                     f"{section.line}")
            unitless = "" if any(task.units for task in section.tasks) else ", no units printed"
            report.indicator_tables.append(
                f"{where}: {section.heading}: {len(section.tasks)} indicator rows{unitless}")
    _add_numbering(report, document)
    return report


_RUN_LISTED = 100  # a longer run of numbers not printed is a jump: its two ends are listed


def _missing_numbers(numbers: list[int], start: int) -> list[int]:
    """The numbers from START to the largest of NUMBERS that are not among them, in the time
    of the numbers (a 序号 of 999999999 lists two numbers, not a billion)."""
    missing, expected = [], start
    for number in sorted(set(numbers)):
        if number - expected > _RUN_LISTED:
            missing += [expected, number - 1]
        elif number > expected:
            missing += range(expected, number)
        expected = max(expected, number + 1)
    return missing


# ---- Numbering: each section's 序号 range and gaps, and section numerals printed twice ----

def _add_numbering(report: BuildReport, document: TableDocument) -> None:
    """Fill in each section's 序号 range and where its gaps are, and the numerals used twice."""
    for summary, section in zip(report.sections, document.sections, strict=True):
        numbers = sorted((task.number, task.line) for task in section.tasks)
        if numbers:
            first, last = numbers[0][0], numbers[-1][0]
            summary.number_range = f"{first}–{last}" if last != first else f"{first}"
        summary.gaps = _gaps([(0, None), *numbers])
    by_numeral = defaultdict(list)
    for section in document.sections:
        if section.numeral:
            by_numeral[section.numeral].append(section)
    report.numerals_used_twice = [
        f"{numeral}: lines " + ", ".join(f"{s.line} ({numeral}、{s.label})" for s in sections)
        for numeral, sections in by_numeral.items() if len(sections) > 1]


def _gaps(numbers: list[tuple[int, int | None]]) -> list[str]:
    """'序号 4 not printed: between 序号 3 (line 178) and 序号 5 (line 179)' for each run of
    missing numbers in NUMBERS, (序号, line) in order after a (0, None) that stands for the
    start of the section."""
    gaps = []
    for (before, before_line), (after, after_line) in pairwise(numbers):
        if after - before < 2:
            continue
        missing = f"{before + 1}" if after - before == 2 else f"{before + 1}–{after - 1}"
        place = (f"before 序号 {after} (line {after_line})" if before_line is None else
                 f"between 序号 {before} (line {before_line}) and 序号 {after} "
                 f"(line {after_line})")
        gaps.append(f"序号 {missing} not printed: {place}")
    return gaps


def _numbering_lines(report: BuildReport) -> list[str]:
    """The report's Numbering section, in Markdown."""
    lines = ["", "## Numbering", "", "| line | section | 序号 | gaps |", "|---:|---|---|---|"]
    lines += [f"| {s.line} | {md.text(_section_name(s))} | {s.number_range or '—'} "
              f"| {md.text('; '.join(s.gaps))} |" for s in report.sections]
    return lines + _listing("Section numerals printed twice",
                            [md.text(line) for line in report.numerals_used_twice])


def _units_named_twice(task: ResolvedTask) -> list[str]:
    """A row that names one unit twice (often under two names): a doubtful merge or a typo."""
    names = defaultdict(list)
    for a in task.assignments:
        names[a.unit.id].append(a)
    return [f"{task.row.line}: {'、'.join(a.mention.name for a in same)} → {same[0].unit.name}"
            for same in names.values() if len(same) > 1]


def render_markdown(report: BuildReport) -> str:
    """The report as Markdown, short enough to read at once."""
    lines = [
        f"# Build report: {md.text(report.title)}",
        "",
        f"- source: {md.code(report.source)} ({report.encoding}, sha256 `{report.sha256}`)",
        f"- document id: {md.code(report.document_id)}; unit table: "
        f"{md.code(report.unit_table)}",
        f"- {report.tasks} tasks, {report.assignments} task–unit assignments "
        f"({report.lead_assignments} lead, {report.co_assignments} co-responsible), "
        f"{report.units} units, {report.triples} triples",
        f"- format `{report.format}`; layout `{report.layout}` "
        f"({report.detected.get('layout', 'given')}); lead convention "
        f"`{report.lead_convention}` ({report.detected.get('lead convention', 'given')})",
        "",
        "## Sections",
        "",
        "| line | section | leader | tasks | notes |",
        "|---:|---|---|---:|---|",
    ]
    for s in report.sections:
        notes = [*s.statements]
        notes += s.gaps
        lines.append(f"| {s.line} | {md.text(_section_name(s))} | {md.text(s.leader or '—')} "
                     f"| {s.tasks} | {md.text('; '.join(notes))} |")
    lines += _numbering_lines(report)
    lines += _listing("Names merged into a unit of the unit table",
                      [f"{md.text(written)} → {md.text(merged['unit'])} "
                       f"(lines {_joined(merged['lines'])})"
                       for written, merged in report.merged_names.items()])
    lines += _listing("Unlisted units (kept as written; add them to the unit table)",
                      [f"{md.text(name)} (lines {_joined(found)})"
                       for name, found in report.unlisted_units.items()])
    lines += _listing("Tasks with several units and no * (all taken as co-responsible)",
                      [f"line {line}" for line in report.tasks_without_marked_lead])
    lines += _listing("Rows that name one unit twice (check the unit table's merges)",
                      [md.text(line) for line in report.units_named_twice])
    if report.indicator_tables:  # read as tasks too (dg:IndicatorTask), counted above
        lines += _listing("Tables of expected indicators",
                          [md.text(line) for line in report.indicator_tables])
    lines += _listing("Warnings", [md.text(line) for line in report.warnings])
    lines += _line_accounting(report)
    return "\n".join(lines) + "\n"


def _line_accounting(report: BuildReport) -> list[str]:
    """How many lines were read as what, and each line not understood, with its text
    (`dutygraph inspect SOURCE` shows every line)."""
    kinds = Counter(line["read as"] for line in report.lines)
    summary = ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
    return ["", "## Lines", "", f"Every non-empty line of the source was read: {summary or 'none'}."
            " `dutygraph inspect SOURCE` shows each line and what it was read as.",
            *_listing("Lines not understood", [
                f"{line['place']}: {md.text(line['text'])}" for line in report.lines
                if line["read as"] == NOT_UNDERSTOOD])[1:]]


def _section_name(section: SectionSummary) -> str:
    """三、王一副区长牵头, or the label alone where no numeral is printed (表1 主要预期指标)."""
    return f"{section.numeral}、{section.label}" if section.numeral else section.label


def _joined(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def _listing(heading: str, items: list[str]) -> list[str]:
    return ["", f"## {heading}", "", *(f"- {item}" for item in items or ["none"])]
