"""Read a task-breakdown table, in any of the genre's layouts, into records (items → records).

The seed's layout: title lines; sections headed "二、林仕德常委、常务副区长牵头重点工作"; in each,
a tab-separated table whose header row (序号 重点工作 责任单位 备注) is repeated at page
breaks; notes such as "注：标记*的为牵头单位". Other tables name their columns otherwise
(牵头单位 / 配合单位 / 牵头领导 / 完成时限), or print each task as a numbered paragraph with
labelled lines (牵头责任单位：…) or bracketed labels ([牵头单位：…]); see docs/layouts.md.
Every format (.txt, .docx, .xlsx, .html, .pdf, .xls, .doc …) is first read into the same items
(dutygraph.read.formats), and every record keeps its place: line, or table and row.

Here the items are fed in order: rows to read/table_reader.py, lines to
read/paragraph_reader.py, which share one read/read_state.py and start sections and add
tasks through read/sections.py; then the document says which lead convention it follows.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from functools import partial
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.read import layout
from dutygraph.read.cells import parse_leader, split_units
from dutygraph.read.detect import (
    ASSUMED_FIRST,
    detect_layout,
    detect_lead_convention,
    is_header,
    is_indicator_header,
    item_text,
)
from dutygraph.read.formats.docx import read_docx_items
from dutygraph.read.formats.html import read_html_items
from dutygraph.read.formats.legacy import read_converted
from dutygraph.read.formats.pdf import read_pdf_items
from dutygraph.read.formats.sniff import detect_format, seekable
from dutygraph.read.formats.text import read_text_items
from dutygraph.read.formats.xls import read_et_items, read_xls_items
from dutygraph.read.formats.xlsx import read_xlsx_items
from dutygraph.read.items import Item, Place, SourceItems, checked
from dutygraph.read.paragraph_reader import ParagraphReader
from dutygraph.read.read_state import ReadState
from dutygraph.read.records import Reading, Statement, TableDocument
from dutygraph.read.source import SourceText
from dutygraph.read.table_reader import TableReader
from dutygraph.read.webcopy import unflatten

__all__ = ["parse_leader", "read_table", "split_units"]

# Format (as dutygraph.read.formats.sniff tells it from the file's bytes, else its name) →
# its reader. Word 97–2003, WPS Writer and OpenDocument files go through LibreOffice.
FORMAT_READERS = {
    "txt": read_text_items, "docx": read_docx_items, "xlsx": read_xlsx_items,
    "html": read_html_items, "pdf": read_pdf_items, "xls": read_xls_items, "et": read_et_items,
    "doc": partial(read_converted, fmt="doc"), "wps": partial(read_converted, fmt="wps"),
    "odt": partial(read_converted, fmt="odt"), "ods": partial(read_converted, fmt="ods"),
}


def read_table(
    path: str | Path, *, layout_name: str | None = None, lead_convention: str | None = None
) -> TableDocument:
    """Read the table at PATH (any format of FORMAT_READERS) into a TableDocument, or raise
    InputError at the bad line or row. LAYOUT_NAME and LEAD_CONVENTION override detection."""
    return read_items(source_items(path), layout_name=layout_name,
                      lead_convention=lead_convention)


def source_items(path: str | Path) -> SourceItems:
    """The file's lines and rows, read by the reader of its format (told by its content)."""
    with seekable(path) as readable:
        source = FORMAT_READERS[detect_format(readable)](readable)
    return checked(dataclasses.replace(source, path=str(path)))


def parse_lines(source: SourceText) -> TableDocument:
    """Read an already decoded text file."""
    items = [Item(Place(number), raw, tuple(raw.split("\t")) if "\t" in raw else None)
             for number, raw in enumerate(source.lines(), start=1)]
    return read_items(SourceItems(str(source.path), "txt", source.encoding, source.sha256,
                                  items))


def read_items(
    source: SourceItems, *, layout_name: str | None = None, lead_convention: str | None = None
) -> TableDocument:
    """Walk the items once, filling the document's sections and tasks; then say which lead
    convention the document follows."""
    _check_choice(source.path, "layout", layout_name, layout.LAYOUTS)
    _check_choice(source.path, "lead convention", lead_convention,
                  tuple(layout.LEAD_CONVENTION_NAMES))
    lead_convention = layout.LEAD_CONVENTION_NAMES.get(lead_convention, lead_convention)
    document = TableDocument(source.path, source.encoding, source.sha256, format=source.format)
    original = source.items
    copied = unflatten(source.items) if source.format == "txt" else None
    if copied is not None:  # a table copied from a web page: its rows again
        source = replace(source, items=copied.items)
    document.layout, document.detected["layout"] = detect_layout(source.items, layout_name)
    reader = _LineReader(document)
    state = reader.state
    state.paragraphs = layout_name != layout.TABLE
    state.titles = _titles_before_headers(source.items)
    for item in source.items:
        reader.feed(item)
    reader.finish()
    _footer_is_no_task_text(document, state)
    document.readings = accounted(state.readings, state.unplaced, state.subheadings,
                                  copied, original)
    document.lead_convention, document.detected["lead convention"] = detect_lead_convention(
        document, lead_convention, state.role_evidence)
    if document.detected["lead convention"] == ASSUMED_FIRST:
        document.lead_assumed = True
        document.warnings.append(Statement(0, "lead rule " + ASSUMED_FIRST))
    return document


def _titles_before_headers(items: list[Item]) -> dict[Place, str]:
    """Lines of text printed right before a header row, by place → the kind of table the
    header starts (layout.TASKS or layout.INDICATORS): a table's title such as 表1 主要预期指标."""
    titles, previous = {}, None
    for item in items:
        if not item.text.strip():
            continue
        if item.cells is not None and is_header(item.cells):
            if previous is not None:
                titles[previous] = (layout.INDICATORS if is_indicator_header(item.cells)
                                    else layout.TASKS)
            previous = None
            continue
        text = item_text(item)
        plain = text is not None and not layout.SECTION_HEADER.match(text) and \
            not layout.NOTE_PREFIX.match(text)
        previous = item.place if plain else None
    return titles


def _check_choice(path: str, what: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise InputError(path, None, f"unknown {what} {value!r}; known: {', '.join(choices)}")


class _LineReader:
    """Feeds each item to the table reader or the paragraph reader, and says what it became."""

    def __init__(self, document: TableDocument):
        self.state = ReadState(document)
        self.paragraphs = ParagraphReader(self.state)
        self.tables = TableReader(self.state, self.paragraphs)

    def feed(self, item: Item) -> None:
        """Read one line or row of the source, and say what it was read as."""
        state = self.state
        if not item.text.strip():
            return
        if item.place.table != state.table:
            state.table, state.in_table = item.place.table, False
        text = item_text(item) if item.grid or state.in_table else _lone_value(item)
        before = self._counts()
        heading = self.tables.heading(item.cells) if item.cells is not None else None
        if heading is not None:
            self.tables.heading_row(item.place, heading)
        elif item.cells is None or (text is not None and
                                    self.tables.reads_as_text(text, item.cells)):
            self.paragraphs.text_line(item.place, text)
        else:
            self.tables.row(item.place, list(item.cells))
        state.readings.append(Reading(item.place, self._read_as(item.place, before),
                                      item.text.strip()))

    def _counts(self) -> tuple:
        state, doc = self.state, self.state.document
        pending = state.pending
        return (len(doc.sections), sum(len(s.tasks) for s in doc.sections), len(doc.notes),
                len(doc.preamble), sum(len(s.statements) for s in doc.sections),
                id(pending), len(pending.labels) if pending else 0, id(state.columns),
                state.section.leaders if state.section else ())

    def _read_as(self, place: Place, before: tuple) -> str:
        """What the line or row just fed became (layout.READINGS), from what it changed."""
        sections, tasks, notes, preamble, statements, pending, labels, columns, leaders = before
        after, state = self._counts(), self.state
        if after[1] > tasks and state.document.tasks[-1].line == place.line:
            return "task"
        if state.pending is not None and state.pending.place == place:
            return "task"
        if after[7] != columns or state.header_place == place:
            return "header"
        if after[0] > sections or (after[0] == sections and after[8] != leaders):
            return "section"  # a heading, or a label naming its leaders on the next line
        if state.document.title_line == place.line and place.kind != "row":
            return "title"
        if after[2] > notes:
            return "note"
        if after[6] > labels or (state.pending is not None and id(state.pending) == pending):
            return "units" if after[6] > labels else "task"
        if after[3] > preamble:
            return "preamble"
        if after[4] > statements:
            return "statement"
        return layout.NOT_UNDERSTOOD

    def finish(self) -> None:
        """Check what can only be checked at the end."""
        self.paragraphs.flush_pending()
        document = self.state.document
        if not document.tasks:
            raise InputError(
                document.path, None,
                f"no task found, reading the layout {document.layout} "
                f"({document.detected['layout']}); a table needs a header row such as "
                "序号 重点工作 责任单位 (see docs/layouts.md, or try --layout)",
            )


def _lone_value(item: Item) -> str | None:
    """The text of a line, or of a tab-separated line before any table that holds one value
    (a title or heading padded with tabs by a spreadsheet: 2025年重点任务分解表\t\t\t)."""
    if item.cells is None:
        return item.text.strip()
    values = {cell.strip() for cell in item.cells if cell.strip()}
    return values.pop() if len(values) == 1 else None


def _footer_is_no_task_text(document: TableDocument, state: ReadState) -> None:
    """Lines after the last task (a signature, 【关闭窗口】, 主办：…) are the page's footer, not
    text inside the tasks: kept as statements, neither warned of nor 'not understood'. After
    means fed after it: a page's lines and its table's rows are numbered apart."""
    tasks = {(task.table, task.line) for task in document.tasks}
    last = max((index for index, reading in enumerate(state.readings)
                if (reading.place.table, reading.place.line) in tasks), default=None)
    if last is None:
        return
    footer = {reading.place.line for reading in state.readings[last + 1:]
              if reading.place.kind != "row" and reading.place.line in state.unplaced}
    state.unplaced -= footer
    document.warnings[:] = [w for w in document.warnings
                            if not (w.line in footer and "outside any table row" in w.text)]


def accounted(readings: list[Reading], unplaced: set[int], subheadings: set[Place],
              copied, items: list[Item]) -> list[Reading]:
    """Every non-empty line or row and what it became: a numbered paragraph that named no
    units is a statement (or not understood, where warned); the lines a copied table's row
    was made of are cells of it; a |---| rule under a header is one."""
    joined, rules = (copied.joined, copied.rules) if copied else ({}, [])
    texts = {item.place.line: item.text.strip() for item in items if item.place.kind == "line"}
    result = []
    for reading in readings:
        line = reading.place.line if reading.place.kind != "row" else None
        if line in unplaced:
            reading = replace(reading, kind=layout.NOT_UNDERSTOOD)
        elif reading.place in subheadings:
            reading = replace(reading, kind="statement")
        result.append(reading)
        for other in sorted(n for n, row in joined.items() if row == line and n != line):
            result.append(Reading(Place(other), "cell", texts.get(other, "")))
    result += [Reading(Place(line), "rule", texts.get(line, "")) for line in rules]
    return sorted(result, key=lambda r: (r.place.table or 0, r.place.line))
