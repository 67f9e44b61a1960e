"""Sections and tasks as the readers find them (headings, task values → records).

Both readers (read/table_reader.py for rows, read/paragraph_reader.py for lines) start
sections here and add their tasks here, so a task row and a numbered paragraph are checked
alike: its 序号, its text, its units and their roles, its leaders.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from dutygraph.read import layout
from dutygraph.read.cells import parse_leader, parse_leaders, renumbered, split_units
from dutygraph.read.inline import trailing_leaders
from dutygraph.read.items import Place
from dutygraph.read.read_state import ReadState
from dutygraph.read.records import Section, Statement, TaskRow


def start_section(state: ReadState, place: Place, heading: str, numeral: str,
                  body: str) -> None:
    """A section headed HEADING: its leader is named in its words (张三区长牵头重点工作),
    or its leaders after a label (扩大有效投资（牵头领导：张三、李四）)."""
    body = layout.SECTION_COUNT.sub("", body.strip())  # （共3项）, before or after the leaders
    named = trailing_leaders(body)
    body, leaders = (named[0].rstrip("。.；; "), named[1]) if named else (body, ())
    label = _strip_suffix(layout.SECTION_COUNT.sub("", body.strip()), layout.SECTION_SUFFIXES)
    if leaders:
        leader, titles = (leaders[0] if len(leaders) == 1 else None), ()
    else:
        leader, titles = parse_leader(label, lambda message: state.fail(place, message))
        leaders = (leader,) if leader else ()
    state.section = Section(
        line=place.line, position=len(state.document.sections) + 1, numeral=numeral,
        heading=heading, label=label, leader=leader, leader_titles=titles,
        leaders=leaders, table=place.table,
    )
    state.document.sections.append(state.section)
    state.numbers_seen = {}
    state.heading_leaders = ()


def implicit_section(state: ReadState, place: Place, heading: str | None = None) -> None:
    """A section the document does not print: it prints no section headers at all, or
    its tasks name their leaders row by row, or their section in a column (heading is
    then that cell)."""
    match = layout.SECTION_HEADER.match(heading or "")
    if match:
        start_section(state, place, heading, match["numeral"], match["body"])
        return
    heading_leaders = state.heading_leaders  # a subheading before it still leads its rows
    named = heading or state.document.title
    start_section(state, place, named, "", named)
    state.heading_leaders = heading_leaders


def section_leaders(state: ReadState, leaders: tuple[str, ...]) -> None:
    """A leader label on its own line right under a heading names the section's leaders
    (一、扩大有效投资 / 牵头领导：张三、李四)."""
    state.section.leaders = leaders
    state.section.leader = leaders[0] if len(leaders) == 1 else None
    state.section.leader_titles = ()


def column_names(state: ReadState) -> dict[str, str]:
    """Each column's name in messages: 重点工作 in a task table, 指标名称 in an indicators
    table."""
    if state.section is not None and state.section.kind == layout.INDICATORS:
        return layout.INDICATOR_COLUMN_NAMES_ZH
    return layout.COLUMN_NAMES_ZH


def add_task(state: ReadState, place: Place, values: dict[str, str]) -> None:
    """Check one task's values (cells or labels) and add it to the current section."""
    fail = lambda message: state.fail(place, message)  # noqa: E731
    if values.get("section") and (state.section is None
                                  or values["section"] != state.section.heading):
        implicit_section(state, place, values["section"])
    if state.section is None:  # no heading before it: the document's own section
        implicit_section(state, place)
    indicators = state.section.kind == layout.INDICATORS
    what, names = ("indicator", column_names(state)) if indicators else \
        ("task", layout.COLUMN_NAMES_ZH)
    if values.get("number", "").strip():
        number = _task_number(values["number"], fail)
    else:  # a table or list that prints no 序号: its rows in order
        number = len(state.section.tasks) + 1
    if number in state.numbers_seen:
        _numbered_again(state, place, number)
    state.numbers_seen[number] = place
    text = joined_lines(values["text"])
    if not text:
        raise fail(f"{what} {number} has an empty {names['text']} cell")
    expected = joined_lines(values.get("expected", ""))
    if indicators and not expected:
        raise fail(f"indicator {number} has an empty {names['expected']} cell")
    units = renumbered(split_units(values.get("units", "")),
                       split_units(values.get("lead_units", ""), "lead"),
                       split_units(values.get("co_units", ""), "co"))
    if not units and (not indicators
                      or any(c in state.columns for c in layout.UNIT_COLUMNS)):
        cell = "责任单位" if "units" in values else "牵头单位 or 配合单位"
        raise fail(f"{what} {number} has an empty {cell} cell")
    if any(unit.role for unit in units):
        state.note_roles(place, f"a role is written after a unit at {place.described()}")
    state.section.tasks.append(TaskRow(
        place.line, number, text, units, joined_lines(values.get("remark", "")),
        deadline=joined_lines(values.get("deadline", "")),
        leaders=_task_leaders(state, values.get("leaders", ""), fail), table=place.table,
        expected=expected, measure_unit=joined_lines(values.get("measure_unit", "")),
        attribute=joined_lines(values.get("attribute", "")),
        notes=_notes(values),
    ))


def _task_leaders(state: ReadState, cell: str, fail) -> tuple[str, ...]:
    """A task's leaders: its own (a 牵头领导 cell or label), then its subheading's."""
    return tuple(dict.fromkeys((*parse_leaders(cell, fail), *state.heading_leaders)))


def _numbered_again(state: ReadState, place: Place, number: int) -> None:
    """A number seen before in the section: the numbering restarts (under a leader or
    heading the reader did not take for one), so the rows after it go into a section of
    their own, with the same heading and leader, and a warning."""
    first = state.numbers_seen[number].described()
    state.document.warnings.append(Statement(place.line, (
        f"序号 {number} is used twice in section "
        f"{state.section.numeral or state.section.position} (first on {first}): the rows "
        f"from {place.described()} on are read as a section of their own")))
    old, heading_leaders = state.section, state.heading_leaders
    start_section(state, place, old.heading, old.numeral, old.label)
    state.section.leader, state.section.leader_titles = old.leader, old.leader_titles
    state.section.leaders, state.section.kind = old.leaders, old.kind
    state.heading_leaders = heading_leaders


def _notes(values: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The cells of columns no class fits (and of progress columns), by header as printed."""
    return tuple((column.removeprefix(layout.EXTRA), joined_lines(value))
                 for column, value in values.items()
                 if column.startswith(layout.EXTRA) and value.strip())


def joined_lines(cell: str) -> str:
    """A .docx cell's paragraphs as one text (a text file's cell has no line breaks)."""
    return "".join(part.strip() for part in cell.splitlines()) if "\n" in cell else cell.strip()


def _task_number(cell: str, fail) -> int:
    """序号 as printed: 3, ３, 3., （3）, (三), 3* (a mark on the number, not on a unit)."""
    digits = unicodedata.normalize("NFKC", cell).strip().strip("().、*★ ")
    if digits and all(char in layout.CHINESE_DIGITS for char in digits):
        return chinese_number(digits)
    if not digits.isascii() or not digits.isdigit():
        raise fail(f"序号 {cell!r} is not a number")
    return int(digits)


def chinese_number(numeral: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23 (the numerals of headings and task lists)."""
    digits = [layout.CHINESE_DIGITS.index(char) for char in numeral]
    if 10 not in digits:
        return int("".join(map(str, digits)))
    tens, _, ones = numeral.partition("十")
    return (layout.CHINESE_DIGITS.index(tens) if tens else 1) * 10 + \
        (layout.CHINESE_DIGITS.index(ones) if ones else 0)


def _strip_suffix(text: str, suffixes: Iterable[str]) -> str:
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text
