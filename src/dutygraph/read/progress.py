"""Read a progress report on a plan (推进情况, 完成情况, 督查通报) into records: its period and
one item per task it reports on (file → items → progress records; no linking, no RDF).

Two layouts, as docs/progress.md describes them: a table whose header names the task and a
progress column (进展情况), a status (完成状态) or a share (完成进度); or numbered task
paragraphs, each followed by labelled lines (进展情况：…) or by a paragraph of progress text.
Section headings (一、…) may divide either. Every item keeps its place: line, or table and row.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.read import layout
from dutygraph.read import progress_vocab as vocab
from dutygraph.read.cells import split_units
from dutygraph.read.columns import column_of, header_name
from dutygraph.read.items import Item, Place, SourceItems
from dutygraph.read.meta import YEAR_IN_TITLE, DocumentMeta
from dutygraph.read.progress_text import (
    Figure,
    Period,
    Status,
    read_figures,
    read_period,
    read_share,
    read_status,
    status_from_share,
)
from dutygraph.read.reader import source_items

TABLE, PARAGRAPHS = "table", "paragraphs"


@dataclass(frozen=True)
class ProgressItem:
    """One task as a report gives it back: what it prints, and what that says."""

    place: Place
    text: str  # the task as the report prints it (may be shortened)
    number: int | None = None  # 序号 as printed, where printed
    section: str = ""  # the heading printed above it, where any
    section_numeral: str = ""
    units: tuple[str, ...] = ()  # the units the report names, as written
    progress: str = ""  # the progress text as printed
    status_cell: str = ""  # a status column as printed
    share_cell: str = ""  # a share column as printed
    status: Status | None = None
    share: Decimal | None = None  # percent of the plan done
    figures: tuple[Figure, ...] = ()


@dataclass
class ProgressDocument:
    """A progress report as read: its period, the items it reports, and why it is one."""

    path: str
    format: str
    encoding: str
    sha256: str
    title: str = ""
    title_line: int | None = None
    year: int | None = None
    period: Period | None = None
    period_place: str = ""  # where the period was read: "line 1", "the sidecar"
    layout: str = TABLE
    recognised: str = ""  # why the build took the file for a progress report
    items: list[ProgressItem] = field(default_factory=list)


def read_progress(path: str | Path, meta: DocumentMeta | None = None) -> ProgressDocument:
    """Read the progress report at PATH (any format the plan reader reads); META is its
    sidecar, which may give the period and year it does not print. InputError where the
    period or year cannot be read, or no item is found."""
    return read_progress_items(source_items(path), meta)


def read_progress_items(source: SourceItems, meta: DocumentMeta | None = None) -> ProgressDocument:
    """Walk the items once: the title and period before the table, then the items."""
    document = ProgressDocument(source.path, source.format, source.encoding, source.sha256)
    header_at = _header_index(source.items)
    before = source.items[:header_at] if header_at is not None else _before_paragraphs(source)
    _read_heading(document, before, meta)
    if header_at is not None:
        document.layout = TABLE
        _read_table(document, source.items[header_at:])
    else:
        document.layout = PARAGRAPHS
        _read_paragraphs(document, source.items[len(before):])
    if not document.items:
        raise InputError(source.path, None, "no reported task found: a progress report needs "
                         "a header row such as 序号 重点工作 责任单位 进展情况, or numbered task "
                         "paragraphs each followed by its progress (see docs/progress.md)")
    document.items = [_interpreted(item, document.period) for item in document.items]
    return document


def is_progress_report(source: SourceItems, meta: DocumentMeta | None = None) -> str:
    """Why SOURCE is a progress report ("" if it is not): its sidecar says so, its title
    names progress (推进情况 …), or its header row has a progress column."""
    if meta is not None and meta.kind == "progress":
        return "its sidecar says \"kind\": \"progress\""
    for item in source.items[:12]:
        text = _row_text(item) or ""
        word = next((w for w in vocab.TITLE_WORDS if w in text), None)
        if word and item.cells is None:
            return f"its title names {word} ({item.place.described()})"
    header_at = _header_index(source.items)
    if header_at is not None:
        item = source.items[header_at]
        if meta is None or meta.kind != "plan":
            return f"its header row has a progress column ({item.place.described()})"
    return ""


def _header_index(items: list[Item]) -> int | None:
    """The index of the first row whose cells name a task column and a progress column."""
    for index, item in enumerate(items):
        if item.cells is None:
            continue
        fields = {progress_column(cell) for cell in item.cells}
        if "text" in fields and fields & set(vocab.PROGRESS_FIELDS):
            return index
    return None


def _before_paragraphs(source: SourceItems) -> list[Item]:
    """The items before the first section heading or numbered paragraph."""
    for index, item in enumerate(source.items):
        text = (_row_text(item) or "").strip()
        if layout.SECTION_HEADER.match(text) or layout.NUMBERED_PARAGRAPH.match(text):
            return source.items[:index]
    return source.items


def _read_heading(document: ProgressDocument, items: list[Item], meta: DocumentMeta | None):
    """Title, year and period: printed before the table, else given by the sidecar."""
    lines = [(item.place, _row_text(item).strip()) for item in items
             if _row_text(item) and _row_text(item).strip()]
    for place, text in lines:
        if any(word in text for word in vocab.TITLE_WORDS) or not document.title:
            document.title, document.title_line = text, place.line
            if any(word in text for word in vocab.TITLE_WORDS):
                break
    year = next((YEAR_IN_TITLE.search(t) for _, t in lines if YEAR_IN_TITLE.search(t)), None)
    document.year = meta.year if meta is not None and meta.year else (
        int(year.group(1)) if year else None)
    for place, text in lines:
        period = read_period(text)
        if period is not None:
            document.period, document.period_place = period, place.described()
            break
    if document.period is None and meta is not None and meta.period:
        document.period = read_period(meta.period)
        document.period_place = "the sidecar"
    where = document.title_line if document.title_line is not None else None
    if document.period is None:
        said = f" (its title: {document.title!r})" if document.title else ""
        raise InputError(document.path, where, "cannot read the period this progress report "
                         f"covers{said}: print it in the title (1—9月, 第三季度, 上半年, "
                         "截至9月底) or give it in the sidecar as \"period\": \"1—9月\"")
    if document.year is None:
        raise InputError(document.path, where, "cannot read the year this progress report "
                         "covers: print it in the title (2024年…) or give \"year\" in the sidecar")


def _read_table(document: ProgressDocument, items: list[Item]) -> None:
    """The rows after the header: section rows, repeated headers and task rows."""
    columns: tuple[str, ...] = ()
    section, numeral = "", ""
    for item in items:
        if not item.text.strip():
            continue
        if item.cells is not None and _is_progress_header(item.cells):
            columns = _header_columns(document.path, item)
            continue
        text = _row_text(item)
        heading = layout.SECTION_HEADER.match(text or "")
        if heading:
            section, numeral = text, heading["numeral"]
        elif text is None:  # a row of several cells: a task
            values = _row_values(columns, [c.strip() for c in item.cells])
            document.items.append(_item(item.place, values, section, numeral))
        # any other line (a note, a merged title row) reports no task


def _row_text(item: Item) -> str | None:
    """A line's text, or the one thing all filled cells of a row say; None for a row of
    several values."""
    if item.cells is None:
        return item.text.strip()
    values = {cell.strip() for cell in item.cells if cell.strip()}
    return values.pop() if len(values) == 1 else None


def _is_progress_header(cells: tuple[str, ...]) -> bool:
    fields = {progress_column(cell) for cell in cells}
    return "text" in fields and bool(fields & set(vocab.PROGRESS_FIELDS))


def _header_columns(path: str, item: Item) -> tuple[str, ...]:
    """The field of each header cell; a header no field fits is kept as an extra column
    (EXTRA + the header as printed), never a reason to refuse the report."""
    names = [header_name(cell) for cell in item.cells]
    while names and not names[-1]:
        names.pop()
    return tuple(progress_column(name) or layout.EXTRA + name for name in names)


def progress_column(cell: str) -> str | None:
    """The field a progress table's header cell or label names, by its words: the report's
    own (progress_vocab.PROGRESS_COLUMN_WORDS) first, then the plan's (columns.column_of)."""
    name = header_name(cell)
    if len(name) > layout.HEADER_CELL_MAX or any(c in layout.NOT_IN_HEADERS for c in name):
        return None  # a row's cell (a sentence, a list of units), not a header's
    for column, words in vocab.PROGRESS_COLUMN_WORDS:
        if any(word in name for word in words):
            return column
    return column_of(name)


def _row_values(columns: tuple[str, ...], cells: list[str]) -> dict[str, str]:
    """Cells by field; unit columns printed apart (牵头单位, 配合单位) are joined with 、."""
    values: dict[str, str] = {}
    for column, cell in zip(columns, cells, strict=False):
        key = "units" if column in layout.UNIT_COLUMNS else column
        values[key] = "、".join(v for v in (values.get(key, ""), _joined(cell)) if v)
    return values


def _joined(cell: str) -> str:
    return "".join(part.strip() for part in cell.splitlines())


def _item(place: Place, values: dict[str, str], section: str, numeral: str) -> ProgressItem:
    """A progress item from its values by field, as printed."""
    units = tuple(m.name for m in split_units(values.get("units", "")))
    return ProgressItem(
        place, values.get("text", ""), _number(values.get("number", "")), section, numeral,
        units, values.get("progress", ""), values.get("status", ""), values.get("share", ""),
    )


def _number(cell: str) -> int | None:
    digits = unicodedata.normalize("NFKC", cell).strip().rstrip(".．、")
    return int(digits) if digits.isascii() and digits.isdigit() else None


def _read_paragraphs(document: ProgressDocument, items: list[Item]) -> None:
    """Numbered task paragraphs, each followed by labelled lines (进展情况：…) or by plain
    paragraphs of progress text; section headings between them."""
    section, numeral = "", ""
    current: dict | None = None
    for item in items:
        text = (_row_text(item) or "").strip()
        if not text:
            continue
        heading = layout.SECTION_HEADER.match(text)
        numbered = layout.NUMBERED_PARAGRAPH.match(text)
        labelled = layout.LABELLED_LINE.match(text)
        if heading or numbered:
            _flush(document, current)
            current = None
            if heading:
                section, numeral = text, heading["numeral"]
            else:
                current = {"place": item.place, "number": numbered["number"],
                           "text": numbered["text"], "section": section, "numeral": numeral}
        elif current is None:
            continue  # a line between the title and the first task: said of the report
        elif labelled and progress_column(labelled["label"]) is not None:
            column = progress_column(labelled["label"])
            key = "units" if column in layout.UNIT_COLUMNS else column
            current[key] = "、".join(v for v in (current.get(key, ""), labelled["value"].strip())
                                    if v)
        else:
            current["progress"] = current.get("progress", "") + text
    _flush(document, current)


def _flush(document: ProgressDocument, current: dict | None) -> None:
    if current is None:
        return
    values = {k: v for k, v in current.items() if k not in ("place", "section", "numeral")}
    document.items.append(_item(current["place"], values, current["section"],
                                current["numeral"]))


def _interpreted(item: ProgressItem, period: Period) -> ProgressItem:
    """The item with what its cells say: status, share and figures."""
    share = read_share(item.share_cell, cell=True) if item.share_cell else None
    if share is None and item.progress:
        share = read_share(item.progress, cell=False)
    status = read_status(item.status_cell, cell=True) if item.status_cell else None
    if status is None and item.progress:
        status = read_status(item.progress, cell=False)
    if status is None and share is not None:
        status = status_from_share(share, period)
    figures = tuple(read_figures(item.progress)) if item.progress else ()
    if item.share_cell and share is not None and not any(f.kind == "share" for f in figures):
        figures += (Figure(item.share_cell, "完成进度", share, "%", "PERCENT", "share"),)
    return ProgressItem(item.place, item.text, item.number, item.section, item.section_numeral,
                        item.units, item.progress, item.status_cell, item.share_cell, status,
                        share, figures)
