"""Rows of a table: header rows, task rows, and rows that print a heading (a row → columns,
sections and tasks).

A header row's cells name its columns by meaning (read/columns.py); a header may go on over
a second row (责任单位 over 牵头单位 / 配合单位). A row whose only text is a heading (一、…,
（二）…, in any column or merged across them) is a section or subheading, read as the line
it would be (read/paragraph_reader.py). Every other row after a header is a task.
"""

from __future__ import annotations

import unicodedata

from dutygraph.read import layout
from dutygraph.read.columns import column_of, header_name, is_header_continuation
from dutygraph.read.detect import is_header, is_indicator_header
from dutygraph.read.items import Place
from dutygraph.read.paragraph_reader import LEADERS_LABEL, ParagraphReader
from dutygraph.read.read_state import ReadState
from dutygraph.read.records import Statement
from dutygraph.read.sections import add_task, column_names, implicit_section


class TableReader:
    """Reads the rows of a document's tables (and lines with tabs in a text file)."""

    def __init__(self, state: ReadState, paragraphs: ParagraphReader):
        self.state, self.paragraphs = state, paragraphs

    def heading(self, cells: tuple[str, ...]) -> str | None:
        """The heading a row inside a table prints (_heading_of_row), else None."""
        state = self.state
        return _heading_of_row(cells, state.columns) if state.in_table else None

    def heading_row(self, place: Place, text: str) -> None:
        """A table row whose only text is a heading (一、…, （二）…), in any column: a section,
        or a subheading of the section, with the leaders it names."""
        if layout.SECTION_HEADER.match(text):
            self.paragraphs.text_line(place, text)
            return
        match = layout.SUB_HEADER.match(text)
        self.paragraphs.subheading(place, match["numeral"], match["body"])

    def reads_as_text(self, text: str, cells: tuple[str, ...]) -> bool:
        """A row of a real table with one value: a title or note before the header row, or,
        after it, a section, a note or a statement merged across the table's columns. A lone
        value in one cell of a task table is read as a (bad) task row, never skipped."""
        if not self.state.in_table or layout.SECTION_HEADER.match(text) or \
                layout.NOTE_PREFIX.match(text):
            return True
        width = max(len(self.state.columns), 2)
        return len(cells) >= width and all(cell.strip() == text for cell in cells[:width])

    # Lines with tabs, and table rows: header rows and task rows.
    def row(self, place: Place, raw_cells: list[str]) -> None:
        """Read one row: a header row, the lower row of a header, or a task row."""
        state = self.state
        self.paragraphs.pending_heading_leaders()
        cells = [cell.strip() for cell in raw_cells]
        if is_header(cells):
            kind = layout.INDICATORS if is_indicator_header(cells) else layout.TASKS
            state.columns = self._header_columns(place, cells, kind)
            state.header_place = place
            self._enter_table(place, kind)
            state.in_table = True
            return
        if state.header_place is not None and is_header_continuation(cells):
            self._header_continued(place, cells)
            return
        state.header_place = None
        self._task_row(place, cells)

    def _header_continued(self, place: Place, cells: list[str]) -> None:
        """The lower row of a two-row header: its cells name the columns under the merged
        cell above (责任单位 over 牵头单位 / 配合单位)."""
        state = self.state
        upper = list(state.columns) + [""] * (len(cells) - len(state.columns))
        lower = [column_of(cell) if cell else upper[i] for i, cell in enumerate(cells)]
        while lower and not lower[-1]:
            lower.pop()
        state.columns = tuple(column or upper[i] for i, column in enumerate(lower))
        if "lead_units" in state.columns or "co_units" in state.columns:
            state.note_roles(place, f"the header rows at {place.described()} name "
                             "lead and co-responsible unit columns")
        state.header_place = None

    def _enter_table(self, place: Place, kind: str) -> None:
        """The section a header row's table fills: an indicators table is a section of its
        own (the empty one it is printed under, else a new one), and a task table after it
        starts another, even when the indicators table printed no rows; but a leader's section
        (一、张三区长牵头重点工作) whose indicators table printed none stays theirs, for its
        tasks. A header repeated at a page break keeps the section."""
        state, section = self.state, self.state.section
        if kind == layout.INDICATORS:
            if section is None or (section.tasks and section.kind != layout.INDICATORS):
                implicit_section(state, place, layout.INDICATOR_SECTION_LABEL)
            state.section.kind = kind
        elif section is not None and section.kind == layout.INDICATORS:
            if section.tasks or section.leader is None:
                implicit_section(state, place)
            state.section.kind = kind

    def _header_columns(self, place: Place, cells: list[str], kind: str) -> tuple[str, ...]:
        """Each header cell's column, by meaning (columns.column_of); a cell no class fits,
        or a second task text or deadline column, keeps its cells as notes (warned)."""
        names = [header_name(cell) for cell in cells]
        while names and not names[-1]:
            names.pop()
        columns: list[str] = []
        for name in names:
            columns.append(self._column(place, name, kind, columns))
        if "co_units" in columns and "units" in columns and "lead_units" not in columns:
            columns[columns.index("units")] = "lead_units"  # 责任单位 beside 协同单位 leads
        if kind == layout.INDICATORS:
            self._check_indicator_columns(place, columns)
            return tuple(columns)  # its units, where it names any, as in a task table
        if "text" not in columns:
            raise self.state.fail(place,
                                  "the header row lacks " + layout.COLUMN_NAMES_ZH["text"])
        if "lead_units" in columns or "co_units" in columns:
            named = "、".join(n for n, c in zip(names, columns, strict=True)
                             if c in ("lead_units", "co_units"))
            self.state.note_roles(place, f"the header row at {place.described()} has the "
                                  f"columns {named}")
        return tuple(columns)

    def _column(self, place: Place, name: str, kind: str, before: list[str]) -> str:
        """One header cell's column; an empty cell under a merged one repeats the column
        before it where that may repeat (two cells under 责任单位)."""
        if kind == layout.INDICATORS and name in layout.INDICATOR_COLUMNS:
            return layout.INDICATOR_COLUMNS[name]
        column = column_of(name) if name else (before[-1] if before else None)
        if column in layout.NOTE_COLUMNS:
            return layout.EXTRA + name  # 进展情况: kept as a note, as printed
        if column in before and column not in layout.JOINED_COLUMNS:
            column = None  # a second 工作举措 beside 重点工作: a note, not the task's text
        if column is None or (kind == layout.INDICATORS and column in ("text", "leaders")):
            if name:
                self.state.document.warnings.append(Statement(place.line, (
                    f"the column {name!r} fits no kind of column (task, units, leader, "
                    f"deadline, note): its cells are kept as notes on the tasks ({place})"
                    if place.kind != "line" else
                    f"the column {name!r} fits no kind of column (task, units, leader, "
                    "deadline, note): its cells are kept as notes on the tasks")))
            return layout.EXTRA + (name or "")
        return column

    def _check_indicator_columns(self, place: Place, columns: list[str]) -> None:
        """An indicators header needs an expected-value column; 序号 and units are optional."""
        if "expected" not in columns:
            words = "、".join(n for n, c in layout.INDICATOR_COLUMNS.items() if c == "expected")
            raise self.state.fail(place, "the header row of an indicators table lacks 预期目标 "
                                  f"(an expected-value column: {words})")
        if "lead_units" in columns or "co_units" in columns:
            self.state.note_roles(place, f"the header row at {place.described()} has lead "
                                  "and co-responsible unit columns")

    def _task_row(self, place: Place, cells: list[str]) -> None:
        state, columns = self.state, self.state.columns
        while len(cells) > len(columns) and not cells[-1]:
            cells.pop()  # trailing empty cells are only tabs
        if len(cells) > len(columns):
            raise state.fail(place, f"the row has {len(cells)} columns, the header only "
                             f"{len(columns)}: {cells[len(columns)]!r} is extra")
        values = _row_values(columns, cells)
        missing = [c for c in columns
                   if c in ("number", "text", "expected", *layout.UNIT_COLUMNS)
                   and c not in values]
        if missing:
            names = "、".join(column_names(state)[c] for c in missing)
            raise state.fail(place, f"the task row has {len(cells)} columns; missing {names}")
        add_task(state, place, values)


def _heading_of_row(cells: tuple[str, ...], columns: tuple[str, ...]) -> str | None:
    """The heading a table row prints, else None: its only text reads as one (一、加快发展
    新质生产力 under 序号, （二）… merged across the columns), or a numeral in words under 序号
    and words under the task's column, nothing else (一 | 加快发展新质生产力 | | ). A name
    under the leader column beside it is the heading's leader (as 一、…（牵头领导：张三））."""
    filled = [(columns[i] if i < len(columns) else None, cell.strip())
              for i, cell in enumerate(cells) if cell.strip()]
    values = {value for column, value in filled if column != "leaders"}
    leaders = [value for column, value in filled if column == "leaders" and value not in values]
    text = next(iter(values)) if len(values) == 1 else None
    if text is None and len(values) == 2:  # the numeral under 序号, the words under the task
        number, words = (next((v for c, v in filled if c == column), "")
                         for column in ("number", "text"))
        numeral = unicodedata.normalize("NFKC", number).strip("().、 ")
        if words and numeral and all(char in layout.CHINESE_DIGITS for char in numeral):
            text = (f"（{numeral}）" if number[:1] in layout.OPEN_BRACKETS
                    else f"{numeral}、") + words
    if not text or not (layout.SECTION_HEADER.match(text) or layout.SUB_HEADER.match(text)):
        return None
    return text + (f"（{LEADERS_LABEL}：{'、'.join(leaders)}）" if leaders else "")


def _row_values(columns: tuple[str, ...], cells: list[str]) -> dict[str, str]:
    """Cells by column; a unit or leader column printed twice (under one merged header cell)
    gives both cells, joined with 、."""
    values: dict[str, str] = {}
    for column, cell in zip(columns, cells, strict=False):
        values[column] = "、".join(v for v in (values.get(column, ""), cell) if v)
    return values
