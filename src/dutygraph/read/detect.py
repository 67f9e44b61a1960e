"""Which layout and lead convention a document uses, and why (items, records → a choice)."""

from __future__ import annotations

from dutygraph.read import layout
from dutygraph.read.columns import header_name, is_header_row, label_column
from dutygraph.read.formats import PARAGRAPH_FORMATS
from dutygraph.read.inline import trailing_units
from dutygraph.read.items import Item
from dutygraph.read.records import Statement, TableDocument


def is_header(cells: tuple[str, ...] | list[str]) -> bool:
    """A header row: its cells name a task table's columns (columns.is_header_row), or it
    heads an indicators table that prints no 序号 (指标名称 … 预期目标)."""
    names = {header_name(cell) for cell in cells}
    return is_header_row(cells) or (
        is_indicator_header(cells)
        and any(layout.INDICATOR_COLUMNS.get(name) == "expected" for name in names))


def is_indicator_header(cells: tuple[str, ...] | list[str]) -> bool:
    """The header of an expected-indicators table: it has a 指标名称 (指标 …) cell."""
    return any(header_name(cell) in layout.INDICATOR_NAME_HEADERS for cell in cells)


def item_text(item: Item) -> str | None:
    """The text of a line, or of a row whose filled cells all say one thing (a merged row)."""
    if item.cells is None:
        return item.text.strip()
    values = {cell.strip() for cell in item.cells if cell.strip()}
    return values.pop() if item.grid and len(values) == 1 else None


def detect_layout(items: list[Item], given: str | None) -> tuple[str, str]:
    """The layout (layout.LAYOUTS) and the reason: given, a header row, labelled lines or
    bracketed labels, whichever comes first; a table when none is found."""
    if given is not None:
        return given, "given with --layout"
    for item in items:
        if item.cells is not None and is_header(item.cells):
            where = item.place.described()
            return layout.TABLE, f"a header row ({_cells(item)}) at {where}"
        text = item_text(item) or ""
        if task_label_line(text):
            return layout.LABELLED, f"a labelled line ({text}) at {item.place.described()}"
        if bracketed_labels(text) or (layout.NUMBERED_PARAGRAPH.match(text)
                                      and trailing_units(text)):  # 1. 任务。[牵头单位：…]
            where = item.place.described()
            return layout.BRACKETED, f"a task ending in bracketed labels at {where}"
    return layout.TABLE, "no header row, labelled line or bracketed label found"


def task_label_line(text: str) -> bool:
    """A line such as 牵头责任单位：区发改局 or 牵头负责领导：王一."""
    match = layout.LABELLED_LINE.match(text)
    return bool(match) and label_column(match["label"]) in layout.JOINED_COLUMNS


def bracketed_labels(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """"任务。[牵头单位：A；责任单位：B]" → ("任务。", [(牵头单位, A), (责任单位, B)]), or None
    when the text does not end in brackets that name units."""
    match = layout.BRACKETED_TAIL.match(text)
    if not match:
        return None
    pairs: list[tuple[str, str]] = []
    for group in layout.LABEL_SEPARATORS.split(match["labels"]):
        label, colon, value = _label(group)
        if colon and label_column(header_name(label)):
            pairs.append((header_name(label), value.strip()))
        elif pairs and group.strip():
            pairs[-1] = (pairs[-1][0], pairs[-1][1] + "、" + group.strip())
        elif group.strip():
            return None
    if not any(label_column(label) in layout.UNIT_COLUMNS for label, _ in pairs):
        return None
    return match["text"], pairs


def _label(group: str) -> tuple[str, str, str]:
    parts = layout.LABEL_COLON.split(group, maxsplit=1)
    return (parts[0], ":", parts[1]) if len(parts) == 2 else (group, "", "")


def _cells(item: Item) -> str:
    return " / ".join(cell.strip() for cell in item.cells or () if cell.strip())


# The reason given when the document states no rule and marks nothing: the genre's convention.
ASSUMED_FIRST = ("assumed: the document states no lead rule, marks no unit and names no lead "
                 "column, so the first-listed unit leads (the genre's convention; "
                 "--lead-convention overrides)")


def detect_lead_convention(
    document: TableDocument, given: str | None, role_evidence: str | None
) -> tuple[str, str]:
    """The lead convention (layout.LEAD_CONVENTIONS) and the reason: given; the layout names
    the lead units (a 牵头单位 column, label or role word); a note saying the first-listed unit
    leads; a note on * or units marked *; else star, the seed's."""
    if given is not None:
        return given, "given with --lead-convention"
    if role_evidence:
        return layout.COLUMN, role_evidence
    notes = [*document.notes, *document.preamble,
             *(s for section in document.sections for s in section.statements),
             *(Statement(section.line, section.heading) for section in document.sections)]
    for note in notes:
        if layout.FIRST_LISTED_RULE.search(note.text):
            return layout.FIRST, f"the note at {_where(document, note.line)}: {note.text}"
    for note in document.notes:
        if layout.STAR_NOTE.search(note.text):
            return layout.STAR, f"the note at {_where(document, note.line)}: {note.text}"
    for task in document.tasks:
        if any(unit.lead_marked for unit in task.units):
            where = _where(document, task.line, task.table)
            return layout.STAR, f"units marked * (first in task {task.number}, {where})"
    return layout.FIRST, ASSUMED_FIRST


def _where(document: TableDocument, line: int, table: int | None = None) -> str:
    """A record's place in words; a .docx line outside a table is a paragraph."""
    if table is not None:
        return f"table {table}, row {line}"
    return f"paragraph {line}" if document.format in PARAGRAPH_FORMATS else f"line {line}"
