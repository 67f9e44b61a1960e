"""PDF files with a text layer: ruled tables as rows of cells, other text as lines (pdfplumber).

Each page is read top to bottom: the tables pdfplumber finds by their ruling lines
(``find_tables``), and the lines of text outside them. Places: a text line is numbered
through the whole document (line 1 is the first line of page 1; the page is kept beside it
for messages), a table is numbered through the document and its rows from 1. A table that
goes on at the top of the next page with as many columns is the same table, its rows
counted on. What a PDF does to text, and a reader of it must undo:

- a line wrapped at the right edge, of the page or of a cell, is one line (also over a
  page break): the break is dropped (Chinese needs no space), so a unit name or a labelled
  line split by the wrap is whole again; a break before the edge (a short line, a unit per
  line) stays;
- a row cut in two by a page break (the next page's half has no number) is one row;
- a merged cell's text stands in each cell it covers, as in an .xlsx;
- page numbers printed at the top or bottom of a page (- 3 -, 第3页 共9页) are not text.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from dutygraph.errors import InputError, import_extra
from dutygraph.read.items import Item, Place, SourceItems

LINE_TOLERANCE = 3  # points: chars whose tops differ by less are on one line
WRAP_SLACK = 1.5  # a line ending within this many character widths of the edge was wrapped
# Characters a line may not begin with (Chinese line breaking): a typesetter moves the
# character before one of them down with it, so the line above ends one character earlier.
NO_LINE_START = "、，。；：？！）】」』”’》〉％%,.;:?!)]"
PAGE_NUMBER = re.compile(
    r"^[\s\-—–_·]*(第\s*)?\d+\s*页?(\s*[/／]\s*\d+|\s*共\s*\d+\s*页)?[\s\-—–_·]*$")
# A line that starts a new item even when the line before it reached the edge: a numbered
# paragraph (1. 1、 一、 （一）) or a short label (责任单位：).
NEW_ITEM = re.compile(r"^\s*([（(]?[0-9一二三四五六七八九十]+[)）.．、]|[^，。；：:]{1,12}[：:])")
NO_TEXT_LAYER = ("the PDF has no text layer (a scanned image?); OCR it first (for example "
                 "`ocrmypdf -l chi_sim FILE.pdf OUT.pdf`) and try again")


@dataclass
class _Line:
    """A line of text outside the tables, with where it is on the page."""

    text: str
    top: float
    x0: float
    x1: float
    size: float


def read_pdf_items(path: str | Path) -> SourceItems:
    """The PDF's text lines and table rows, page by page, top to bottom."""
    pdfplumber = import_extra("pdfplumber", "office", "reading .pdf files")
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
    reader = _Reader()
    try:
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                reader.read_page(page.dedupe_chars(), number)
                page.close()  # drops the page's parsed objects: a long PDF stays small
    except InputError:
        raise
    except Exception as error:  # pdfminer raises many types on a damaged or locked file
        raise InputError(path, None, _unreadable(error)) from None
    if not reader.had_text:
        raise InputError(path, None, NO_TEXT_LAYER)
    return SourceItems(str(path), "pdf", "utf-8", hashlib.sha256(data).hexdigest(), reader.items)


def _unreadable(error: Exception) -> str:
    """Why pdfminer could not read the file, in words."""
    if "password" in type(error).__name__.lower() or "password" in str(error).lower():
        return "the PDF is password-protected; save a copy without the password and try again"
    detail = str(error).strip() or type(error).__name__
    return f"not a readable PDF file ({detail}); is it damaged or cut short?"


class _Reader:
    """Items of the pages read so far, with the numbering that runs across pages."""

    def __init__(self):
        self.items: list[Item] = []
        self.lines = 0
        self.tables = 0
        self.had_text = False
        self.open_table: tuple[int, int, int] | None = None  # number, rows, columns
        self.margins: dict[float, tuple[float, float]] = {}  # page width → left, right
        self.last_line: _Line | None = None  # the page before's last block, if a line

    def read_page(self, page, number: int) -> None:
        """Append PAGE's tables and lines in reading order."""
        self.had_text = self.had_text or bool(page.chars)
        tables = page.find_tables()
        boxes = [table.bbox for table in tables]
        outside = [c for c in page.chars if not any(_inside(c, box) for box in boxes)]
        lines = _drop_page_numbers(_text_lines(outside))
        self._update_margins(page.width, lines)
        blocks = [(line.top, 0, line) for line in self._joined(page.width, lines)] + \
                 [(table.bbox[1], 1, table) for table in tables]
        blocks.sort(key=lambda block: (block[0], block[1]))
        for index, (_, _, block) in enumerate(blocks):
            if isinstance(block, _Line):
                if index or not self._goes_on(page.width, block):
                    self.lines += 1
                    self.items.append(Item(Place(self.lines, page=number), block.text))
                self.open_table = None
            else:
                self._table(page, block, number, first=index == 0)
        self.last_line = blocks[-1][2] if blocks and isinstance(blocks[-1][2], _Line) else None

    def _goes_on(self, width: float, line: _Line) -> bool:
        """Whether LINE, first on its page, goes on from the page before's last line, which
        was wrapped at the margin (a paragraph over a page break); if so, it is joined."""
        last, (left, right) = self.last_line, self.margins.get(width, (0.0, width))
        if last is None or not wrapped(last, right, line.text) or NEW_ITEM.match(line.text) \
                or line.x0 > left + line.size / 2:
            return False
        previous = self.items[-1]
        self.items[-1] = Item(previous.place, previous.text + line.text)
        last.x1 = line.x1
        return True

    def _update_margins(self, width: float, lines: list[_Line]) -> None:
        """The text's left and right edges on pages of this width, over the pages so far."""
        if not lines:
            return
        left, right = self.margins.get(width, (width, 0.0))
        self.margins[width] = (min(left, *(line.x0 for line in lines)),
                               max(right, *(line.x1 for line in lines)))

    def _joined(self, width: float, lines: list[_Line]) -> list[_Line]:
        """LINES with each line wrapped at the right margin joined to the next."""
        left, right = self.margins.get(width, (0.0, width))
        joined: list[_Line] = []
        for line in lines:
            previous = joined[-1] if joined else None
            if previous is not None and wrapped(previous, right, line.text) \
                    and line.x0 <= left + line.size / 2 and not NEW_ITEM.match(line.text):
                previous.text += line.text
                previous.x1 = line.x1
            else:
                joined.append(line)
        return joined

    def _table(self, page, table, number: int, first: bool) -> None:
        """The table's rows; a table at the top of a page goes on from one that ended the
        page before with as many columns."""
        rows = table_rows(page, table)
        width = max((len(row) for row in rows), default=0)
        if first and self.open_table and self.open_table[2] == width:
            table_number, done = self.open_table[0], self.open_table[1]
            if rows and not rows[0][0] and self._continue_row(rows[0]):
                rows = rows[1:]
        else:
            self.tables += 1
            table_number, done = self.tables, 0
        for offset, cells in enumerate(rows, start=1):
            self.items.append(Item(Place(done + offset, table_number, "row", page=number),
                                   "\t".join(cells), cells, grid=True))
        self.open_table = (table_number, done + len(rows), width)

    def _continue_row(self, cells: tuple[str, ...]) -> bool:
        """A row the page break cut in two: its second half, at the top of the next page
        with no number, goes on the last row's cells. False if there is no such row."""
        last = self.items[-1] if self.items else None
        if last is None or last.cells is None or not last.cells[0]:
            return False
        joined = tuple(a + b for a, b in zip(last.cells, cells, strict=True))
        self.items[-1] = Item(last.place, "\t".join(joined), joined, grid=True)
        return True


def _inside(char: dict, box: tuple[float, float, float, float]) -> bool:
    """Whether the middle of CHAR lies in BOX."""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _text_lines(chars: list[dict]) -> list[_Line]:
    """CHARS grouped into lines, top to bottom, each read left to right."""
    from pdfplumber.utils import cluster_objects
    from pdfplumber.utils.text import collate_line

    lines = []
    for group in cluster_objects(chars, "top", LINE_TOLERANCE):
        text = collate_line(group).strip()
        if text:
            lines.append(_Line(text, min(c["top"] for c in group), min(c["x0"] for c in group),
                               max(c["x1"] for c in group), max(c["size"] for c in group)))
    return sorted(lines, key=lambda line: line.top)


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    """LINES without a page number printed as the first or last line of the page."""
    ends = {0, len(lines) - 1}
    return [line for index, line in enumerate(lines)
            if not (index in ends and PAGE_NUMBER.match(line.text))]


def table_rows(page, table) -> list[tuple[str, ...]]:
    """TABLE's rows of cell texts, a merged cell's text in every grid cell it covers."""
    rows = table.rows
    columns = sorted({cell[0] for cell in table.cells})
    texts = _cell_texts(page.chars, table)
    grid = []
    for row in rows:
        top = row.bbox[1]
        out = []
        for column, cell in enumerate(row.cells):
            if cell is None:  # covered by a merged cell: the one over this grid cell's corner
                cell = _covering(table.cells, columns[column] + 1, top + 1)
            out.append(texts.get(cell, "") if cell else "")
        grid.append(tuple(out))
    return grid


def _covering(cells: list[tuple], x: float, y: float) -> tuple | None:
    for cell in cells:
        if cell[0] <= x < cell[2] and cell[1] <= y < cell[3]:
            return cell
    return None


def _cell_texts(chars: list[dict], table) -> dict[tuple, str]:
    """Each cell of TABLE → its text. The table's chars are sorted by height once, so that
    each cell looks only at those of its own band (a page of 40 cells reads in ms)."""
    middle = lambda char: (char["top"] + char["bottom"]) / 2  # noqa: E731
    inside = sorted((char for char in chars if _inside(char, table.bbox)), key=middle)
    heights = [middle(char) for char in inside]
    texts = {}
    for cell in table.cells:
        band = inside[bisect_left(heights, cell[1]):bisect_left(heights, cell[3])]
        texts[cell] = _cell_text([char for char in band if _inside(char, cell)], cell)
    return texts


def _cell_text(chars: list[dict], cell: tuple[float, float, float, float]) -> str:
    """The cell's lines, a line that reaches the cell's right edge joined to the next."""
    lines = _text_lines(chars)
    # The text's right edge: the cell's, less as much padding as the text has on its left.
    edge = cell[2] - (min((line.x0 for line in lines), default=cell[0]) - cell[0])
    text = ""
    for index, line in enumerate(lines):
        if index:
            text += "" if wrapped(lines[index - 1], edge, line.text) else "\n"
        text += line.text
    return text


def wrapped(line: _Line, edge: float, following: str) -> bool:
    """Whether LINE was broken only because it reached EDGE: it ends within WRAP_SLACK
    characters of it, or one character more where the FOLLOWING line's second character
    may not begin a line (the first came down with it)."""
    slack = WRAP_SLACK + (1 if following[1:2] and following[1] in NO_LINE_START else 0)
    return line.x1 >= edge - slack * line.size
