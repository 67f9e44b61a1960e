"""Tables as people copy them from a web page, made rows again (items → items).

A table copied from a government site reaches a text file in one of three shapes: one cell
per line (with a blank line between cells, an empty cell an extra pair of blank lines, or no
blank lines at all), a row per line with its cells between `|` (and a `|---|` rule under the
header), or a row per line with its cells apart by full-width spaces or runs of spaces. Each
is read back into rows of cells from its header row on (`columns.is_header_row`), so that the
reader sees the table it would see in a tab-separated file. Lines before the header (site
chrome, metadata in pipes) stay lines. Every line a row is made of is named in `joined`:
line → the line of the row it went into, for the build report's accounting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dutygraph.read import layout
from dutygraph.read.columns import column_of, header_name, is_header_row
from dutygraph.read.items import Item

PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
SPACED_CELLS = re.compile("\u3000+|[ \u00a0]{2,}|\t")
ROW_NUMBER = re.compile(r"^[0-9０-９]+\s*[*＊★]?$")


@dataclass
class Unflattened:
    """The items with copied tables made rows again, and which line went into which row."""

    items: list[Item]
    joined: dict[int, int] = field(default_factory=dict)  # line → the row's line
    rules: list[int] = field(default_factory=list)  # |---| lines under a header


def unflatten(items: list[Item]) -> Unflattened:
    """Rows again for the tables of a text file copied from a web page."""
    result = Unflattened([])
    index = 0
    while index < len(items):
        item = items[index]
        if item.cells is not None or item.grid:
            result.items.append(item)
            index += 1
            continue
        consumed = _vertical_table(items, index, result) or _row_table(items, index, result)
        if not consumed:
            result.items.append(item)
            consumed = 1
        index += consumed
    return result


def _split(text: str) -> list[str] | None:
    """A line's cells between pipes or apart by wide spaces, or None if it has one cell."""
    if text.count("|") >= 2:
        cells = [cell.strip() for cell in text.strip().strip("|").split("|")]
    else:
        cells = [cell.strip() for cell in SPACED_CELLS.split(text.strip())]
    return cells if len(cells) >= 2 else None


def _row_table(items: list[Item], start: int, result: Unflattened) -> int:
    """A header line split by pipes or wide spaces, and the row lines after it: how many
    lines were read (0 when the line at START heads no table)."""
    header = _split(items[start].text)
    if header is None or not is_header_row(header):
        return 0
    width = len(header)
    result.items.append(Item(items[start].place, "\t".join(header), tuple(header)))
    index = start + 1
    while index < len(items) and items[index].cells is None:
        text = items[index].text
        if PIPE_RULE.match(text):
            result.rules.append(items[index].place.line)
        elif not text.strip():
            pass
        elif cells := _split(text):
            if len(cells) > width + 1:
                break
            result.items.append(Item(items[index].place, "\t".join(cells), tuple(cells)))
        elif is_heading(text):
            result.items.append(items[index])  # 一、… between the rows: a line of its own
        else:
            break
        index += 1
    return index - start


def is_heading(text: str) -> bool:
    """A heading printed between a table's rows: 一、加快发展…, （二）培育…."""
    text = text.strip()
    return bool(layout.SECTION_HEADER.match(text) or layout.SUB_HEADER.match(text))


def _vertical_table(items: list[Item], start: int, result: Unflattened) -> int:
    """A header printed one cell per line from a 序号 line, and the rows after it, each from
    a line holding only its number: how many lines were read (0 when none starts here)."""
    if column_of(items[start].text) != "number" or len(header_name(items[start].text)) > 4:
        return 0
    blocks = _blocks(items, start)
    header, at = _vertical_header(blocks)
    if len(header) < 3 or not is_header_row([text for text, _, _ in header]):
        return 0
    width = len(header)
    place = items[start].place
    result.items.append(Item(place, "\t".join(t for t, _, _ in header),
                             tuple(t for t, _, _ in header)))
    for _, _, lines in header:
        result.joined.update(dict.fromkeys(lines, place.line))
    last = header[-1][2][-1]
    while at < len(blocks):
        if _heading_before_row(blocks, at):  # 一、… between the rows: a line of its own
            result.items.append(items[_index_of(items, blocks[at][2][0])])
            last, at = blocks[at][2][-1], at + 1
            continue
        if not ROW_NUMBER.match(blocks[at][0]):
            break
        cells, lines, at = _vertical_row(blocks, at, width)
        row_place = _place(items, lines[0])
        result.items.append(Item(row_place, "\t".join(cells), tuple(cells)))
        result.joined.update(dict.fromkeys(lines, row_place.line))
        last = lines[-1]
    return _index_of(items, last) - start + 1


def _heading_before_row(blocks, at: int) -> bool:
    """A heading on one line, with a row's number after it (else the table ends there)."""
    text, _, lines = blocks[at]
    return len(lines) == 1 and is_heading(text) and at + 1 < len(blocks) and \
        bool(ROW_NUMBER.match(blocks[at + 1][0]))


def _blocks(items: list[Item], start: int) -> list[tuple[str, int, list[int]]]:
    """From START on: (text, blank lines before it, its lines) of each run of non-blank lines
    where cells are apart by blank lines; of each line where no blank line parts them."""
    spaced = start + 1 < len(items) and not items[start + 1].text.strip()
    blocks: list[tuple[str, int, list[int]]] = []
    blanks, current, lines = 0, [], []
    for item in items[start:]:
        if item.cells is not None:
            break
        text = item.text.strip()
        if not text:
            if current:
                blocks.append(("".join(current), blanks, lines))
                current, lines, blanks = [], [], 0
            blanks += 1
            continue
        if not spaced:
            blocks.append((text, blanks, [item.place.line]))
            blanks = 0
            continue
        current.append(text)
        lines.append(item.place.line)
    if current:
        blocks.append(("".join(current), blanks, lines))
    return blocks


def _vertical_header(blocks) -> tuple[list, int]:
    """The header's cells (short words up to the first row number); two words no column fits
    that follow each other are one header broken over two lines (区本级 / 任务数)."""
    header: list = []
    at = 0
    while at < len(blocks) and not ROW_NUMBER.match(blocks[at][0]) and \
            not _heading_before_row(blocks, at):
        text, blanks, lines = blocks[at]
        if len(header_name(text)) > layout.HEADER_CELL_MAX:
            return [], at
        if header and column_of(text) is None and column_of(header[-1][0]) is None:
            previous = header.pop()
            text, blanks, lines = previous[0] + text, previous[1], previous[2] + lines
        header.append((text, blanks, lines))
        at += 1
    return header, at


def _vertical_row(blocks, at: int, width: int) -> tuple[list[str], list[int], int]:
    """One row from its number block: WIDTH cells, an empty cell where two more blank lines
    than one part the cells around it."""
    cells, lines = [blocks[at][0]], list(blocks[at][2])
    at += 1
    while at < len(blocks) and len(cells) < width:
        text, blanks, block_lines = blocks[at]
        if ROW_NUMBER.match(text) or is_heading(text) or layout.NOTE_PREFIX.match(text):
            break
        cells.extend([""] * min(max(0, (blanks - 1) // 2), width - len(cells) - 1))
        cells.append(text)
        lines.extend(block_lines)
        at += 1
    return cells + [""] * (width - len(cells)), lines, at


def _place(items: list[Item], line: int):
    return items[_index_of(items, line)].place


def _index_of(items: list[Item], line: int) -> int:
    """The index of the item printed on LINE (a text file's items are its lines, in order)."""
    return line - items[0].place.line
