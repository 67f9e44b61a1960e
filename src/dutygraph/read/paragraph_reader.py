"""Lines of text: titles, section headings, notes, statements and numbered paragraphs with
their labels (a line → the document's title, preamble, sections and tasks).

A numbered paragraph (1. …, （一）…) stays open while its labelled lines are read
(牵头单位：…, 分管领导：…), or ends at once when its text ends in units ([牵头单位：X],
（X牵头，Y配合）). One that names no units is a subheading; the leaders it names lead the
tasks under it. Rows of a table are read by read/table_reader.py.
"""

from __future__ import annotations

import unicodedata

from dutygraph.read import layout
from dutygraph.read.cells import label_fields, leader_names, without_glued_rule
from dutygraph.read.columns import label_column
from dutygraph.read.inline import trailing_leaders, trailing_units
from dutygraph.read.items import Place
from dutygraph.read.read_state import PendingTask, ReadState
from dutygraph.read.records import Statement
from dutygraph.read.sections import add_task, implicit_section, section_leaders, start_section

LEADERS_LABEL = "牵头领导"  # the label a leader read from brackets is filed under


class ParagraphReader:
    """Reads the lines of a document that are not rows of a table."""

    def __init__(self, state: ReadState):
        self.state = state

    def text_line(self, place: Place, text: str) -> None:
        """Read one line of text (or a row read as one: a section merged across a table)."""
        state = self.state
        match = layout.SECTION_HEADER.match(text)
        if match:
            self.flush_pending()
            start_section(state, place, text, match["numeral"], match["body"])
        elif layout.NOTE_PREFIX.match(text):
            state.document.notes.append(Statement(place.line, text))
        elif state.paragraphs and self._paragraph_line(place, text):
            return
        elif self._table_title(place, text):
            return
        elif state.section is None:
            self._preamble_line(place, text)
        elif _looks_like_task_row(text):
            raise state.fail(
                place, f"this looks like a task row but its columns are not tab-separated: {text!r}"
            )
        else:
            self._statement(place, text)

    def _statement(self, place: Place, text: str) -> None:
        """A line said of its section; after its tasks, one the reader could not place."""
        state = self.state
        if state.section.tasks:
            state.unplaced.add(place.line)
            state.document.warnings.append(Statement(
                place.line, f"text outside any table row, kept as a statement of its "
                f"section ({place}): {text}"
                if place.kind != "line" else
                f"text outside any table row, kept as a statement of its section: {text}"
            ))
        state.section.statements.append(Statement(place.line, text))

    def _preamble_line(self, place: Place, text: str) -> None:
        doc = self.state.document
        if self.is_title(text):
            doc.title, doc.title_line = text, place.line
        else:
            doc.preamble.append(Statement(place.line, text))

    def is_title(self, text: str) -> bool:
        """The document's title: the first line before any section that names the genre."""
        return self.state.section is None and not self.state.document.title and \
            not layout.ATTACHMENT_LINE.match(text) and not layout.NOT_A_TITLE.search(text) and \
            any(word in text for word in layout.TITLE_WORDS)

    def _table_title(self, place: Place, text: str) -> bool:
        """A title line that starts a section of its own (表1 主要预期指标): right before an
        indicators header, outside an empty section or after an indicators table; or before
        a task header that ends an indicators table (one that printed no rows only if the
        line reads as a title). （续表） is never one: it continues the table before it."""
        kind, section = self.state.titles.get(place), self.state.section
        if kind is None or self.is_title(text) or layout.CONTINUED_TABLE.match(text):
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
            implicit_section(self.state, place, text)
            self.state.section.kind = kind
            return True
        return False

    # Numbered paragraphs: labelled lines or bracketed labels (layouts 4 and 5).
    def _paragraph_line(self, place: Place, text: str) -> bool:
        """Read TEXT as a numbered task or one of its labelled lines; False if it is neither."""
        state = self.state
        numbered = layout.NUMBERED_PARAGRAPH.match(text)
        if numbered:
            self.flush_pending()
            number = numbered["number"] or numbered["bracketed"]
            state.pending = PendingTask(place, number, numbered["text"])
            self._close_brackets()
            return True
        labelled = layout.LABELLED_LINE.match(text)
        if state.pending is not None and state.pending.closed:
            self.flush_pending()  # a line between a task's labels and this one ended it
        if labelled and label_column(labelled["label"]):
            if state.pending is None:
                return self._leaders_under_heading(labelled["label"], labelled["value"])
            state.pending.labels.append((labelled["label"], labelled["value"].strip()))
            return True
        if state.pending is not None and not state.pending.labels and (
                not _ends_sentence(state.pending.text) or text[:1] in layout.OPEN_BRACKETS):
            state.pending.text += text  # a task's text wrapped onto the next line, before labels
            self._close_brackets()
            return True
        if state.pending is not None and state.pending.labels:
            state.pending.closed = True  # 【关闭窗口】 after the labels: no label after it is its
        return False

    def subheading(self, place: Place, numeral: str, body: str) -> None:
        """A subheading printed as a table row (（二）… in one cell): the leaders it names lead
        the rows under it; it is kept as a statement once the next line ends it."""
        self.flush_pending()
        self.state.pending = PendingTask(place, numeral, body)
        self._close_brackets()
        self.pending_heading_leaders()

    def pending_heading_leaders(self) -> None:
        """A subheading still open when a table row comes heads the rows: its leaders (or
        none) lead them. (It is kept as a statement once the next line ends it.)"""
        state = self.state
        if state.pending is not None:
            leaders = self._subheading_leaders(state.pending)
            state.heading_leaders = state.heading_leaders if leaders is None else leaders

    def _leaders_under_heading(self, label: str, value: str) -> bool:
        """A leader label right under a section's heading, before its tasks, names the
        section's leaders; any other label with no task before it is not read (发布时间：…)."""
        section = self.state.section
        if section is None or section.tasks or section.leaders or \
                label_column(label) != "leaders":
            return False
        leaders = leader_names(value)
        if leaders:
            section_leaders(self.state, leaders)
        return bool(leaders)

    def _close_brackets(self) -> None:
        """A numbered task is complete once its text ends in units: bracketed labels or role
        words, or labels on the same line. A leader label there (（分管领导：张三）) is one of
        its labels, and the units may follow on the next lines."""
        pending = self.state.pending
        found = trailing_units(pending.text)
        if found:
            pending.text, pending.labels = found
            self.flush_pending()
            return
        leaders = trailing_leaders(pending.text)
        if leaders:
            pending.text = leaders[0]
            pending.labels.append((LEADERS_LABEL, "、".join(leaders[1])))

    def flush_pending(self) -> None:
        """The numbered paragraph read so far becomes a task; one that names no units is a
        subheading (（一）积极扩大有效投资。), kept as a statement of its section."""
        state = self.state
        pending, state.pending = state.pending, None
        if pending is None:
            return
        pairs = [(label, self._without_rule(pending.place, value))
                 for label, value in pending.labels]
        fields = label_fields(pairs)
        if not any(fields.get(column) for column in layout.UNIT_COLUMNS):
            self._unitless_paragraph(pending)
            return
        if "lead_units" in fields or "co_units" in fields:
            state.note_roles(pending.place, "labels name the lead units "
                             f"({', '.join(label for label, _ in pending.labels)})")
        add_task(state, pending.place, {"number": pending.number, "text": pending.text,
                                        **fields})

    def _unitless_paragraph(self, pending: PendingTask) -> None:
        """A numbered paragraph with no units: a subheading (with the leaders it names), or
        a task the reader cannot place (warned, so that no line goes unread in silence)."""
        state, text = self.state, pending.raw
        state.subheadings.add(pending.place)
        leaders = self._subheading_leaders(pending)
        if leaders is not None:
            state.heading_leaders = leaders
        elif pending.labels or (pending.number.isdigit() and state.section is not None):
            state.unplaced.add(pending.place.line)
            state.document.warnings.append(Statement(
                pending.place.line, f"task {pending.number} names no units (a line such as "
                f"牵头单位：… or a bracket such as （X牵头）): kept as a statement: {text}"))
        if state.section is None:
            state.document.preamble.append(Statement(pending.place.line, text))
        else:
            state.section.statements.append(Statement(pending.place.line, text))

    def _subheading_leaders(self, pending: PendingTask) -> tuple[str, ...] | None:
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
            self.state.document.notes.append(Statement(place.line, rule))
        return value


def _ends_sentence(text: str) -> bool:
    """A task's text that ends a sentence (。) is whole: the next line is not its wrap."""
    return text.rstrip().endswith(("。", "；", ";"))


def _looks_like_task_row(text: str) -> bool:
    head = unicodedata.normalize("NFKC", text.split(maxsplit=1)[0])
    return head.isascii() and head.isdigit() and len(text.split(maxsplit=1)) == 2
