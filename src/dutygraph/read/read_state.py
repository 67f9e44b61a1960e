"""What the table reader and the paragraph reader share between items (items → state).

One ReadState per document: the document being filled, the section and table being read,
the numbered paragraph still open, and what each line was read as. The two readers
(read/table_reader.py, read/paragraph_reader.py) and the section builder (read/sections.py)
change it; read/reader.py feeds them the items in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dutygraph.errors import InputError
from dutygraph.read import layout
from dutygraph.read.items import Place
from dutygraph.read.records import Reading, Section, TableDocument


class PendingTask:
    """A numbered paragraph whose labelled lines are still being read."""

    def __init__(self, place: Place, number: str, text: str):
        self.place, self.number, self.text = place, number, text
        self.raw = text
        self.labels: list[tuple[str, str]] = []
        self.closed = False  # a line that is none of its labels came after them


@dataclass
class ReadState:
    """The reader's state between items: the current section, table and column layout."""

    document: TableDocument
    section: Section | None = None
    columns: tuple[str, ...] = layout.DEFAULT_COLUMNS
    in_table: bool = False
    table: int | None = None  # the .docx table or .xlsx sheet being read
    numbers_seen: dict[int, Place] = field(default_factory=dict)  # 序号 → place, in the section
    pending: PendingTask | None = None  # a numbered paragraph and its labels
    role_evidence: str | None = None  # why the layout names the lead units
    titles: dict[Place, str] = field(default_factory=dict)  # lines before a header → its kind
    header_place: Place | None = None  # the header row just read
    paragraphs: bool = True  # numbered paragraphs are read (not with --layout table)
    readings: list[Reading] = field(default_factory=list)  # each line or row read as, in order
    unplaced: set[int] = field(default_factory=set)  # lines inside the tasks not placed
    subheadings: set[Place] = field(default_factory=set)  # numbered paragraphs naming no units
    # The leaders a subheading names ((一)推动工业经济提质增效（分管领导：张三）): in charge of
    # every task under it, until the next heading.
    heading_leaders: tuple[str, ...] = ()

    def fail(self, place: Place, message: str) -> InputError:
        """The error to raise at PLACE: its line, or its table and row."""
        return InputError(self.document.path, place.line if place.kind == "line" else place,
                          message)

    def note_roles(self, place: Place, why: str) -> None:
        """Say why the layout names the lead units (the first reason found stands)."""
        self.role_evidence = self.role_evidence or why
