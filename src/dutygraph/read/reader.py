"""Read a task-breakdown table, in any of the genre's layouts, into records (items → records).

The seed's layout: title lines; sections headed "二、林仕德常委、常务副区长牵头重点工作"; in each,
a tab-separated table whose header row (序号 重点工作 责任单位 备注) is repeated at page
breaks; notes such as "注：标记*的为牵头单位". Other tables name their columns otherwise
(牵头单位 / 配合单位 / 牵头领导 / 完成时限), or print each task as a numbered paragraph with
labelled lines (牵头责任单位：…) or bracketed labels ([牵头单位：…]); see docs/layouts.md.
Every format (.txt, .docx, .xlsx, .html, .pdf, .xls, .doc …) is first read into the same items
(dutygraph.read.formats), and every record keeps its place: line, or table and row.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.read import layout
from dutygraph.read.cells import (
    label_fields,
    leader_names,
    parse_leader,
    parse_leaders,
    renumbered,
    split_units,
    without_glued_rule,
)
from dutygraph.read.columns import column_of, header_name, is_header_continuation, label_column
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
from dutygraph.read.inline import trailing_leaders, trailing_units
from dutygraph.read.items import Item, Place, SourceItems, checked
from dutygraph.read.records import Reading, Section, Statement, TableDocument, TaskRow
from dutygraph.read.source import SourceText
from dutygraph.read.webcopy import unflatten

__all__ = ["parse_leader", "read_table", "split_units"]

LEADERS_LABEL = "牵头领导"  # the label a leader read from brackets is filed under

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
    reader.paragraphs = layout_name != layout.TABLE
    reader.headed = any(layout.SECTION_HEADER.match(item_text(item) or "")
                        for item in source.items)
    reader.titles = _titles_before_headers(source.items)
    for item in source.items:
        reader.feed(item)
    reader.finish()
    _footer_is_no_task_text(document, reader)
    document.readings = accounted(reader.readings, reader.unplaced, reader.subheadings,
                                  copied, original)
    document.lead_convention, document.detected["lead convention"] = detect_lead_convention(
        document, lead_convention, reader.role_evidence)
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
    """The reader's state between items: the current section, table and column layout."""

    def __init__(self, document: TableDocument):
        self.document = document
        self.section: Section | None = None
        self.columns: tuple[str, ...] = layout.DEFAULT_COLUMNS
        self.in_table = False
        self.table: int | None = None  # the .docx table or .xlsx sheet being read
        self.numbers_seen: dict[int, Place] = {}  # 序号 → place, in the current section
        self.pending: _PendingTask | None = None  # a numbered paragraph and its labels
        self.role_evidence: str | None = None  # why the layout names the lead units
        self.headed = True  # the document prints section headers (else it is one section)
        self.titles: dict[Place, str] = {}  # lines right before a header row → table kind
        self.header_place: Place | None = None  # the header row just read
        self.paragraphs = True  # numbered paragraphs are read (not with --layout table)
        self.readings: list[Reading] = []  # what each line or row was read as, in order
        self.unplaced: set[int] = set()  # lines inside the tasks that could not be placed
        self.subheadings: set[Place] = set()  # numbered paragraphs that name no units
        # The leaders a subheading names ((一)推动工业经济提质增效（分管领导：张三）): in charge
        # of every task under it, until the next heading.
        self.heading_leaders: tuple[str, ...] = ()

    def feed(self, item: Item) -> None:
        """Read one line or row of the source, and say what it was read as."""
        if not item.text.strip():
            return
        if item.place.table != self.table:
            self.table, self.in_table = item.place.table, False
        text = item_text(item)
        before = self._counts()
        heading = _heading_row(item.cells, self.columns) \
            if item.cells is not None and self.in_table else None
        if heading is not None:
            self._heading_row(item.place, heading)
        elif item.cells is None or (text is not None and self._reads_as_text(text, item.cells)):
            self._text_line(item.place, text)
        else:
            self._table_line(item.place, list(item.cells))
        self.readings.append(Reading(item.place, self._read_as(item.place, before),
                                     item.text.strip()))

    def _counts(self) -> tuple:
        doc = self.document
        pending = self.pending
        return (len(doc.sections), sum(len(s.tasks) for s in doc.sections), len(doc.notes),
                len(doc.preamble), sum(len(s.statements) for s in doc.sections),
                id(pending), len(pending.labels) if pending else 0, id(self.columns),
                self.section.leaders if self.section else ())

    def _read_as(self, place: Place, before: tuple) -> str:
        """What the line or row just fed became (layout.READINGS), from what it changed."""
        sections, tasks, notes, preamble, statements, pending, labels, columns, leaders = before
        after = self._counts()
        if after[1] > tasks and self.document.tasks[-1].line == place.line:
            return "task"
        if self.pending is not None and self.pending.place == place:
            return "task"
        if after[7] != columns or self.header_place == place:
            return "header"
        if after[0] > sections or (after[0] == sections and after[8] != leaders):
            return "section"  # a heading, or a label naming its leaders on the next line
        if self.document.title_line == place.line and place.kind != "row":
            return "title"
        if after[2] > notes:
            return "note"
        if after[6] > labels or (self.pending is not None and id(self.pending) == pending):
            return "units" if after[6] > labels else "task"
        if after[3] > preamble:
            return "preamble"
        if after[4] > statements:
            return "statement"
        return layout.NOT_UNDERSTOOD

    def finish(self) -> None:
        """Check what can only be checked at the end."""
        self._flush_pending()
        if not self.document.tasks:
            raise InputError(
                self.document.path, None,
                f"no task found, reading the layout {self.document.layout} "
                f"({self.document.detected['layout']}); a table needs a header row such as "
                "序号 重点工作 责任单位 (see docs/layouts.md, or try --layout)",
            )

    def _reads_as_text(self, text: str, cells: tuple[str, ...]) -> bool:
        """A row of a real table with one value: a title or note before the header row, or,
        after it, a section, a note or a statement merged across the table's columns. A lone
        value in one cell of a task table is read as a (bad) task row, never skipped."""
        if not self.in_table or layout.SECTION_HEADER.match(text) or \
                layout.NOTE_PREFIX.match(text):
            return True
        width = max(len(self.columns), 2)
        return len(cells) >= width and all(cell.strip() == text for cell in cells[:width])

    def _fail(self, place: Place, message: str) -> InputError:
        return InputError(self.document.path, place.line if place.kind == "line" else place,
                          message)

    # Lines without tabs: titles, section headers, notes, statements, numbered paragraphs.
    def _text_line(self, place: Place, text: str) -> None:
        match = layout.SECTION_HEADER.match(text)
        if match:
            self._flush_pending()
            self._start_section(place, text, match["numeral"], match["body"])
        elif layout.NOTE_PREFIX.match(text):
            self.document.notes.append(Statement(place.line, text))
        elif self.paragraphs and self._paragraph_line(place, text):
            return
        elif self._table_title(place, text):
            return
        elif self.section is None:
            self._preamble_line(place, text)
        elif _looks_like_task_row(text):
            raise self._fail(
                place, f"this looks like a task row but its columns are not tab-separated: {text!r}"
            )
        else:
            if self.section.tasks:
                self.unplaced.add(place.line)
                self.document.warnings.append(Statement(
                    place.line, f"text outside any table row, kept as a statement of its "
                    f"section ({place}): {text}"
                    if place.kind != "line" else
                    f"text outside any table row, kept as a statement of its section: {text}"
                ))
            self.section.statements.append(Statement(place.line, text))

    def _preamble_line(self, place: Place, text: str) -> None:
        doc = self.document
        if self._is_title(text):
            doc.title, doc.title_line = text, place.line
        else:
            doc.preamble.append(Statement(place.line, text))

    def _is_title(self, text: str) -> bool:
        """The document's title: the first line before any section that names the genre."""
        return self.section is None and not self.document.title and \
            not layout.ATTACHMENT_LINE.match(text) and not layout.NOT_A_TITLE.search(text) and \
            any(word in text for word in layout.TITLE_WORDS)

    def _table_title(self, place: Place, text: str) -> bool:
        """A title line that starts a section of its own (表1 主要预期指标): right before an
        indicators header, outside an empty section or after an indicators table; or before
        a task header that ends an indicators table (one that printed no rows only if the
        line reads as a title). （续表） is never one: it continues the table before it."""
        kind, section = self.titles.get(place), self.section
        if kind is None or self._is_title(text) or layout.CONTINUED_TABLE.match(text):
            return False
        # An indicators table that printed no rows still ends at the next table's title: 表2 …
        # was read as a statement of 表1, and its rows filed under 表1. (A section is of that
        # kind only once its header row is read: its title line is right before the header.)
        empty_indicators = section is not None and section.kind == layout.INDICATORS and \
            not section.tasks
        if kind == layout.INDICATORS:
            starts = section is None or bool(section.tasks) or empty_indicators
        else:
            starts = section is not None and section.kind == layout.INDICATORS and (
                bool(section.tasks) or
                (empty_indicators and bool(layout.TASK_TABLE_TITLE.search(text))))
        if starts:
            self._implicit_section(place, text)
            self.section.kind = kind
            return True
        return False

    def _start_section(self, place: Place, heading: str, numeral: str, body: str) -> None:
        """A section headed HEADING: its leader is named in its words (张三区长牵头重点工作),
        or its leaders after a label (扩大有效投资（牵头领导：张三、李四）)."""
        named = trailing_leaders(body.strip())
        body, leaders = (named[0].rstrip("。.；; "), named[1]) if named else (body, ())
        label = _strip_suffix(layout.SECTION_COUNT.sub("", body.strip()), layout.SECTION_SUFFIXES)
        if leaders:
            leader, titles = (leaders[0] if len(leaders) == 1 else None), ()
        else:
            leader, titles = parse_leader(label, lambda message: self._fail(place, message))
            leaders = (leader,) if leader else ()
        self.section = Section(
            line=place.line, position=len(self.document.sections) + 1, numeral=numeral,
            heading=heading, label=label, leader=leader, leader_titles=titles,
            leaders=leaders, table=place.table,
        )
        self.document.sections.append(self.section)
        self.numbers_seen = {}
        self.heading_leaders = ()

    def _heading_row(self, place: Place, text: str) -> None:
        """A table row whose only text is a heading (一、…, （二）…), in any column: a section,
        or a subheading of the section, with the leaders it names."""
        if layout.SECTION_HEADER.match(text):
            self._text_line(place, text)
            return
        match = layout.SUB_HEADER.match(text)
        self._flush_pending()
        self.pending = _PendingTask(place, match["numeral"], match["body"])
        self._close_brackets()
        self._pending_heading_leaders()

    def _pending_heading_leaders(self) -> None:
        """A subheading still open when a table row comes heads the rows: its leaders (or
        none) lead them. (It is kept as a statement once the next line ends it.)"""
        if self.pending is not None:
            leaders = self._subheading_leaders(self.pending)
            self.heading_leaders = self.heading_leaders if leaders is None else leaders

    def _section_leaders(self, leaders: tuple[str, ...]) -> None:
        """A leader label on its own line right under a heading names the section's leaders
        (一、扩大有效投资 / 牵头领导：张三、李四)."""
        self.section.leaders = leaders
        self.section.leader = leaders[0] if len(leaders) == 1 else None
        self.section.leader_titles = ()

    def _implicit_section(self, place: Place, heading: str | None = None) -> None:
        """A section the document does not print: it prints no section headers at all, or
        its tasks name their leaders row by row, or their section in a column (heading is
        then that cell)."""
        match = layout.SECTION_HEADER.match(heading or "")
        if match:
            self._start_section(place, heading, match["numeral"], match["body"])
        else:
            named = heading or self.document.title
            self._start_section(place, named, "", named)

    # Numbered paragraphs: labelled lines or bracketed labels (layouts 4 and 5).
    def _paragraph_line(self, place: Place, text: str) -> bool:
        """Read TEXT as a numbered task or one of its labelled lines; False if it is neither."""
        numbered = layout.NUMBERED_PARAGRAPH.match(text)
        if numbered:
            self._flush_pending()
            number = numbered["number"] or numbered["bracketed"]
            self.pending = _PendingTask(place, number, numbered["text"])
            self._close_brackets()
            return True
        labelled = layout.LABELLED_LINE.match(text)
        if self.pending is not None and self.pending.closed:
            self._flush_pending()  # a line between a task's labels and this one ended it
        if labelled and label_column(labelled["label"]):
            if self.pending is None:
                return self._leaders_under_heading(labelled["label"], labelled["value"])
            self.pending.labels.append((labelled["label"], labelled["value"].strip()))
            return True
        if self.pending is not None and not self.pending.labels and (
                not _ends_sentence(self.pending.text) or text[:1] in layout.OPEN_BRACKETS):
            self.pending.text += text  # a task's text wrapped onto the next line, before labels
            self._close_brackets()
            return True
        if self.pending is not None and self.pending.labels:
            self.pending.closed = True  # 【关闭窗口】 after the labels: no label after it is its
        return False

    def _leaders_under_heading(self, label: str, value: str) -> bool:
        """A leader label right under a section's heading, before its tasks, names the
        section's leaders; any other label with no task before it is not read (发布时间：…)."""
        section = self.section
        if section is None or section.tasks or section.leaders or \
                label_column(label) != "leaders":
            return False
        leaders = leader_names(value)
        if leaders:
            self._section_leaders(leaders)
        return bool(leaders)

    def _close_brackets(self) -> None:
        """A numbered task is complete once its text ends in units: bracketed labels or role
        words, or labels on the same line. A leader label there (（分管领导：张三）) is one of
        its labels, and the units may follow on the next lines."""
        found = trailing_units(self.pending.text)
        if found:
            self.pending.text, self.pending.labels = found
            self._flush_pending()
            return
        leaders = trailing_leaders(self.pending.text)
        if leaders:
            self.pending.text = leaders[0]
            self.pending.labels.append((LEADERS_LABEL, "、".join(leaders[1])))

    def _flush_pending(self) -> None:
        """The numbered paragraph read so far becomes a task; one that names no units is a
        subheading (（一）积极扩大有效投资。), kept as a statement of its section."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        pairs = [(label, self._without_rule(pending.place, value))
                 for label, value in pending.labels]
        fields = label_fields(pairs)
        if not any(fields.get(column) for column in layout.UNIT_COLUMNS):
            self._unitless_paragraph(pending)
            return
        if "lead_units" in fields or "co_units" in fields:
            self._note_roles(pending.place, "labels name the lead units "
                             f"({', '.join(label for label, _ in pending.labels)})")
        self._add_task(pending.place, {"number": pending.number, "text": pending.text,
                                       **fields})

    def _unitless_paragraph(self, pending: _PendingTask) -> None:
        """A numbered paragraph with no units: a subheading (with the leaders it names), or
        a task the reader cannot place (warned, so that no line goes unread in silence)."""
        text = pending.raw
        self.subheadings.add(pending.place)
        leaders = self._subheading_leaders(pending)
        if leaders is not None:
            self.heading_leaders = leaders
        elif pending.labels or (pending.number.isdigit() and self.section is not None):
            self.unplaced.add(pending.place.line)
            self.document.warnings.append(Statement(
                pending.place.line, f"task {pending.number} names no units (a line such as "
                f"牵头单位：… or a bracket such as （X牵头）): kept as a statement: {text}"))
        if self.section is None:
            self.document.preamble.append(Statement(pending.place.line, text))
        else:
            self.section.statements.append(Statement(pending.place.line, text))

    def _subheading_leaders(self, pending: _PendingTask) -> tuple[str, ...] | None:
        """The leaders a subheading ((一) …, numbered in words) names in its text or its
        labels, () when it names none; None when the paragraph is no subheading (a task
        numbered 1. whose units are missing) or labels other than a leader's follow it."""
        if not all(char in layout.CHINESE_DIGITS for char in pending.number):
            return None
        if any(label_column(label) != "leaders" for label, _ in pending.labels):
            return None
        named = trailing_leaders(pending.raw)
        names = [*(named[1] if named else ()),
                 *(name for _, value in pending.labels for name in leader_names(value) or ())]
        return tuple(dict.fromkeys(names))

    def _without_rule(self, place: Place, value: str) -> str:
        """A units value without a lead rule glued to it; the rule becomes a note."""
        value, rule = without_glued_rule(value)
        if rule:
            self.document.notes.append(Statement(place.line, rule))
        return value

    # Lines with tabs, and table rows: header rows and task rows.
    def _table_line(self, place: Place, raw_cells: list[str]) -> None:
        self._pending_heading_leaders()
        cells = [cell.strip() for cell in raw_cells]
        if is_header(cells):
            kind = layout.INDICATORS if is_indicator_header(cells) else layout.TASKS
            self.columns = self._header_columns(place, cells, kind)
            self.header_place = place
            self._enter_table(place, kind)
            self.in_table = True
            return
        if self.header_place is not None and is_header_continuation(cells):
            self._header_continued(place, cells)
            return
        self.header_place = None
        self._task_row(place, cells)

    def _header_continued(self, place: Place, cells: list[str]) -> None:
        """The lower row of a two-row header: its cells name the columns under the merged
        cell above (责任单位 over 牵头单位 / 配合单位)."""
        upper = list(self.columns) + [""] * (len(cells) - len(self.columns))
        lower = [column_of(cell) if cell else upper[i] for i, cell in enumerate(cells)]
        while lower and not lower[-1]:
            lower.pop()
        self.columns = tuple(column or upper[i] for i, column in enumerate(lower))
        if "lead_units" in self.columns or "co_units" in self.columns:
            self._note_roles(place, f"the header rows at {place.described()} name "
                             "lead and co-responsible unit columns")
        self.header_place = None

    def _enter_table(self, place: Place, kind: str) -> None:
        """The section a header row's table fills: an indicators table is a section of its
        own (the empty one it is printed under, else a new one), and a task table after it
        starts another, even when the indicators table printed no rows; but a leader's section
        (一、张三区长牵头重点工作) whose indicators table printed none stays theirs, for its
        tasks. A header repeated at a page break keeps the section."""
        section = self.section
        if kind == layout.INDICATORS:
            if section is None or (section.tasks and section.kind != layout.INDICATORS):
                self._implicit_section(place, layout.INDICATOR_SECTION_LABEL)
            self.section.kind = kind
        elif section is not None and section.kind == layout.INDICATORS:
            if section.tasks or section.leader is None:
                self._implicit_section(place)
            self.section.kind = kind

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
            raise self._fail(place, "the header row lacks " + layout.COLUMN_NAMES_ZH["text"])
        if "lead_units" in columns or "co_units" in columns:
            named = "、".join(n for n, c in zip(names, columns, strict=True)
                             if c in ("lead_units", "co_units"))
            self._note_roles(place, f"the header row at {place.described()} has the columns "
                             f"{named}")
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
                self.document.warnings.append(Statement(place.line, (
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
            raise self._fail(place, "the header row of an indicators table lacks 预期目标 (an "
                             f"expected-value column: {words})")
        if "lead_units" in columns or "co_units" in columns:
            self._note_roles(place, f"the header row at {place.described()} has lead and "
                             "co-responsible unit columns")

    def _task_row(self, place: Place, cells: list[str]) -> None:
        while len(cells) > len(self.columns) and not cells[-1]:
            cells.pop()  # trailing empty cells are only tabs
        if len(cells) > len(self.columns):
            raise self._fail(place, f"the row has {len(cells)} columns, the header only "
                             f"{len(self.columns)}: {cells[len(self.columns)]!r} is extra")
        values = _row_values(self.columns, cells)
        missing = [c for c in self.columns
                   if c in ("number", "text", "expected", *layout.UNIT_COLUMNS)
                   and c not in values]
        if missing:
            names = "、".join(self._column_names()[c] for c in missing)
            raise self._fail(place, f"the task row has {len(cells)} columns; missing {names}")
        self._add_task(place, values)

    def _column_names(self) -> dict[str, str]:
        """Each column's name in messages: 重点工作 in a task table, 指标名称 in an indicators
        table."""
        if self.section is not None and self.section.kind == layout.INDICATORS:
            return layout.INDICATOR_COLUMN_NAMES_ZH
        return layout.COLUMN_NAMES_ZH

    def _add_task(self, place: Place, values: dict[str, str]) -> None:
        """Check one task's values (cells or labels) and add it to the current section."""
        fail = lambda message: self._fail(place, message)  # noqa: E731
        if values.get("section") and (self.section is None
                                      or values["section"] != self.section.heading):
            self._implicit_section(place, values["section"])
        if self.section is None:  # no heading before it: the document's own section
            self._implicit_section(place)
        indicators = self.section.kind == layout.INDICATORS
        what, names = ("indicator", self._column_names()) if indicators else \
            ("task", layout.COLUMN_NAMES_ZH)
        if values.get("number", "").strip():
            number = _task_number(values["number"], fail)
        else:  # a table or list that prints no 序号: its rows in order
            number = len(self.section.tasks) + 1
        if number in self.numbers_seen:
            self._numbered_again(place, number)
        self.numbers_seen[number] = place
        text = _joined_lines(values["text"])
        if not text:
            raise fail(f"{what} {number} has an empty {names['text']} cell")
        expected = _joined_lines(values.get("expected", ""))
        if indicators and not expected:
            raise fail(f"indicator {number} has an empty {names['expected']} cell")
        units = renumbered(split_units(values.get("units", "")),
                           split_units(values.get("lead_units", ""), "lead"),
                           split_units(values.get("co_units", ""), "co"))
        if not units and (not indicators
                          or any(c in self.columns for c in layout.UNIT_COLUMNS)):
            cell = "责任单位" if "units" in values else "牵头单位 or 配合单位"
            raise fail(f"{what} {number} has an empty {cell} cell")
        if any(unit.role for unit in units):
            self._note_roles(place, f"a role is written after a unit at {place.described()}")
        self.section.tasks.append(TaskRow(
            place.line, number, text, units, _joined_lines(values.get("remark", "")),
            deadline=_joined_lines(values.get("deadline", "")),
            leaders=self._task_leaders(values.get("leaders", ""), fail), table=place.table,
            expected=expected, measure_unit=_joined_lines(values.get("measure_unit", "")),
            attribute=_joined_lines(values.get("attribute", "")),
            notes=_notes(values),
        ))

    def _task_leaders(self, cell: str, fail) -> tuple[str, ...]:
        """A task's leaders: its own (a 牵头领导 cell or label), then its subheading's."""
        return tuple(dict.fromkeys((*parse_leaders(cell, fail), *self.heading_leaders)))

    def _numbered_again(self, place: Place, number: int) -> None:
        """A number seen before in the section: the numbering restarts (under a leader or
        heading the reader did not take for one), so the rows after it go into a section of
        their own, with the same heading and leader, and a warning."""
        first = self.numbers_seen[number].described()
        self.document.warnings.append(Statement(place.line, (
            f"序号 {number} is used twice in section "
            f"{self.section.numeral or self.section.position} (first on {first}): the rows "
            f"from {place.described()} on are read as a section of their own")))
        old, heading_leaders = self.section, self.heading_leaders
        self._start_section(place, old.heading, old.numeral, old.label)
        self.section.leader, self.section.leader_titles = old.leader, old.leader_titles
        self.section.leaders, self.section.kind = old.leaders, old.kind
        self.heading_leaders = heading_leaders

    def _note_roles(self, place: Place, why: str) -> None:
        self.role_evidence = self.role_evidence or why


def _heading_row(cells: tuple[str, ...], columns: tuple[str, ...]) -> str | None:
    """The heading a table row prints, else None: its only text reads as one (一、加快发展
    新质生产力 under 序号, （二）… merged across the columns), or a numeral in words under 序号
    and words under the task's column, nothing else (一 | 加快发展新质生产力 | | )."""
    values = {cell.strip() for cell in cells if cell.strip()}
    text = values.pop() if len(values) == 1 else None
    if text is None and "number" in columns and "text" in columns:
        number, words = (cells[columns.index(c)].strip() if columns.index(c) < len(cells)
                         else "" for c in ("number", "text"))
        if len(values) == 2 and number and words:  # values still holds both: nothing else
            numeral = unicodedata.normalize("NFKC", number).strip("().、 ")
            if numeral and all(char in layout.CHINESE_DIGITS for char in numeral):
                text = (f"（{numeral}）" if number[:1] in layout.OPEN_BRACKETS
                        else f"{numeral}、") + words
    if text and (layout.SECTION_HEADER.match(text) or layout.SUB_HEADER.match(text)):
        return text
    return None


def _footer_is_no_task_text(document: TableDocument, reader: _LineReader) -> None:
    """Lines after the last task (a signature, 【关闭窗口】, 主办：…) are the page's footer, not
    text inside the tasks: kept as statements, neither warned of nor 'not understood'."""
    last = max((task.line for task in document.tasks if task.table is None), default=None)
    footer = {line for line in reader.unplaced if last is not None and line > last}
    reader.unplaced -= footer
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


class _PendingTask:
    """A numbered paragraph whose labelled lines are still being read."""

    def __init__(self, place: Place, number: str, text: str):
        self.place, self.number, self.text = place, number, text
        self.raw = text
        self.labels: list[tuple[str, str]] = []
        self.closed = False  # a line that is none of its labels came after them


def _ends_sentence(text: str) -> bool:
    """A task's text that ends a sentence (。) is whole: the next line is not its wrap."""
    return text.rstrip().endswith(("。", "；", ";"))


def _row_values(columns: tuple[str, ...], cells: list[str]) -> dict[str, str]:
    """Cells by column; a unit or leader column printed twice (under one merged header cell)
    gives both cells, joined with 、."""
    values: dict[str, str] = {}
    for column, cell in zip(columns, cells, strict=False):
        values[column] = "、".join(v for v in (values.get(column, ""), cell) if v)
    return values


def _notes(values: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The cells of columns no class fits (and of progress columns), by header as printed."""
    return tuple((column.removeprefix(layout.EXTRA), _joined_lines(value))
                 for column, value in values.items()
                 if column.startswith(layout.EXTRA) and value.strip())


def _joined_lines(cell: str) -> str:
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


def _looks_like_task_row(text: str) -> bool:
    head = unicodedata.normalize("NFKC", text.split(maxsplit=1)[0])
    return head.isascii() and head.isdigit() and len(text.split(maxsplit=1)) == 2


def _strip_suffix(text: str, suffixes: Iterable[str]) -> str:
    for suffix in suffixes:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text
