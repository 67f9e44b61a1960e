"""Read a task-breakdown table in the published layout into records (text → records).

The layout: title lines; sections headed "二、林仕德常委、常务副区长牵头重点工作"; in each, a
tab-separated table whose header row (序号 重点工作 责任单位 备注) is repeated at page
breaks; notes such as "注：标记*的为牵头单位". Every record keeps its source line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from dutygraph import layout
from dutygraph.errors import InputError
from dutygraph.records import Section, Statement, TableDocument, TaskRow, UnitMention
from dutygraph.source import SourceText, read_source


def read_table(path: str | Path) -> TableDocument:
    """Read the table at PATH into a TableDocument, or raise InputError at the bad line."""
    return parse_lines(read_source(path))


def parse_lines(source: SourceText) -> TableDocument:
    """Walk the source's lines once, filling the document's sections and tasks."""
    document = TableDocument(str(source.path), source.encoding, source.sha256)
    reader = _LineReader(document)
    for number, raw in enumerate(source.lines(), start=1):
        reader.feed(number, raw)
    reader.finish()
    return document


class _LineReader:
    """The reader's state between lines: the current section and column layout."""

    def __init__(self, document: TableDocument):
        self.document = document
        self.section: Section | None = None
        self.columns: tuple[str, ...] = layout.DEFAULT_COLUMNS
        self.in_table = False
        self.numbers_seen: dict[int, int] = {}  # 序号 → line, in the current section

    def feed(self, line: int, raw: str) -> None:
        """Read one line of the source."""
        if not raw.strip():
            return
        if "\t" in raw:
            self._table_line(line, raw.split("\t"))
        else:
            self._text_line(line, raw.strip())

    def finish(self) -> None:
        """Check what can only be checked at the end."""
        if not self.document.sections:
            raise InputError(
                self.document.path, None,
                "no section header found (a line such as '一、张三区长牵头重点工作')",
            )

    def _fail(self, line: int, message: str) -> InputError:
        return InputError(self.document.path, line, message)

    # Lines without tabs: titles, section headers, notes, statements.
    def _text_line(self, line: int, text: str) -> None:
        match = layout.SECTION_HEADER.match(text)
        if match:
            self._start_section(line, text, match["numeral"], match["body"])
        elif layout.NOTE_PREFIX.match(text):
            self.document.notes.append(Statement(line, text))
        elif self.section is None:
            self._preamble_line(line, text)
        elif _looks_like_task_row(text):
            raise self._fail(
                line, f"this looks like a task row but its columns are not tab-separated: {text!r}"
            )
        else:
            if self.section.tasks:
                self.document.warnings.append(Statement(
                    line, f"text outside any table row, kept as a statement of its section: {text}"
                ))
            self.section.statements.append(Statement(line, text))

    def _preamble_line(self, line: int, text: str) -> None:
        doc = self.document
        if not doc.title and not layout.ATTACHMENT_LINE.match(text) and (
            any(word in text for word in layout.TITLE_WORDS)
        ):
            doc.title, doc.title_line = text, line
        else:
            doc.preamble.append(Statement(line, text))

    def _start_section(self, line: int, heading: str, numeral: str, body: str) -> None:
        label = _strip_suffix(body.strip(), layout.SECTION_SUFFIXES)
        leader, titles = parse_leader(label, lambda message: self._fail(line, message))
        self.section = Section(
            line=line, position=len(self.document.sections) + 1, numeral=numeral,
            heading=heading, label=label, leader=leader, leader_titles=titles,
        )
        self.document.sections.append(self.section)
        self.in_table = False
        self.numbers_seen = {}

    # Lines with tabs: header rows and task rows.
    def _table_line(self, line: int, raw_cells: list[str]) -> None:
        cells = [cell.strip() for cell in raw_cells]
        if cells[0] == layout.HEADER_FIRST_CELL:
            self.columns = _header_columns(cells, lambda message: self._fail(line, message))
            self.in_table = True
            return
        if self.section is None:
            raise self._fail(line, "a task row comes before any section header")
        self.section.tasks.append(self._task_row(line, cells))

    def _task_row(self, line: int, cells: list[str]) -> TaskRow:
        while len(cells) > len(self.columns) and not cells[-1]:
            cells.pop()  # trailing empty cells are only tabs
        if len(cells) > len(self.columns):
            raise self._fail(line, f"the row has {len(cells)} columns, the header only "
                             f"{len(self.columns)}: {cells[len(self.columns)]!r} is extra")
        values = dict(zip(self.columns, cells, strict=False))
        missing = [c for c in layout.REQUIRED_COLUMNS if c not in values]
        if missing:
            names = "、".join(layout.COLUMN_NAMES_ZH[c] for c in missing)
            raise self._fail(line, f"the task row has {len(cells)} columns; missing {names}")
        number = _task_number(values["number"], lambda message: self._fail(line, message))
        if number in self.numbers_seen:
            raise self._fail(line, f"序号 {number} is used twice in section "
                             f"{self.section.numeral} (first on line {self.numbers_seen[number]})")
        self.numbers_seen[number] = line
        if not values["text"]:
            raise self._fail(line, f"task {number} has an empty 重点工作 cell")
        units = split_units(values["units"])
        if not units:
            raise self._fail(line, f"task {number} has an empty 责任单位 cell")
        return TaskRow(line, number, values["text"], units, values.get("remark", ""))


def parse_leader(label: str, fail) -> tuple[str | None, tuple[str, ...]]:
    """Split "林仕德常委、常务副区长牵头" into ("林仕德", ("常委", "常务副区长"))."""
    for marker in layout.LEADER_MARKERS:
        if label.endswith(marker):
            named = label[: -len(marker)].strip()
            break
    else:
        return None, ()  # e.g. 区委部门: a section without a leader
    first, *rest = [part.strip() for part in layout.TITLE_SEPARATORS.split(named)]
    for length in layout.LEADER_NAME_LENGTHS:
        titles = _segment_titles(first[length:])
        if titles:
            more = [_segment_titles(part) for part in rest]
            if all(more):
                return first[:length], tuple(titles) + tuple(t for m in more for t in m)
            break
    raise fail(
        f"cannot tell the leader's name from their titles in {label!r}; the known titles "
        "are listed in dutygraph/layout.py (LEADER_TITLES)"
    )


def _segment_titles(text: str) -> list[str] | None:
    """Cut TEXT into known titles ("常委常务副区长" → two), or None if it cannot be."""
    if not text:
        return None
    for title in layout.LEADER_TITLES:
        if text.startswith(title):
            rest = text[len(title):]
            if not rest:
                return [title]
            tail = _segment_titles(rest)
            if tail:
                return [title, *tail]
    return None


def split_units(cell: str) -> tuple[UnitMention, ...]:
    """Split a 责任单位 cell on 、 and ， (never inside brackets) into unit mentions."""
    mentions = []
    for piece in _split_outside_brackets(cell, layout.UNIT_SEPARATORS):
        name = piece.strip(layout.UNIT_TRIM)
        lead = name[:1] in layout.LEAD_MARKS
        name = name.lstrip(layout.LEAD_MARKS).strip(layout.UNIT_TRIM)
        if name:
            mentions.append(UnitMention(name, lead, len(mentions) + 1))
    return tuple(mentions)


def _split_outside_brackets(text: str, separators: str) -> Iterable[str]:
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in layout.OPEN_BRACKETS:
            depth += 1
        elif char in layout.CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            yield text[start:index]
            start = index + 1
    yield text[start:]


def _header_columns(cells: list[str], fail) -> tuple[str, ...]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    unknown = [cell for cell in cells if cell not in layout.HEADER_COLUMNS]
    if unknown:
        raise fail(f"unknown column {unknown[0]!r} in the header row; known columns: "
                   + "、".join(layout.HEADER_COLUMNS))
    columns = tuple(layout.HEADER_COLUMNS[cell] for cell in cells)
    missing = [c for c in layout.REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise fail("the header row lacks " + "、".join(layout.COLUMN_NAMES_ZH[c] for c in missing))
    return columns


def _task_number(cell: str, fail) -> int:
    digits = unicodedata.normalize("NFKC", cell)  # full-width ３ reads as 3
    if not digits.isascii() or not digits.isdigit():
        raise fail(f"序号 {cell!r} is not a number")
    return int(digits)


def _looks_like_task_row(text: str) -> bool:
    head = unicodedata.normalize("NFKC", text.split(maxsplit=1)[0])
    return head.isascii() and head.isdigit() and len(text.split(maxsplit=1)) == 2


def _strip_suffix(text: str, suffixes: Iterable[str]) -> str:
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text

