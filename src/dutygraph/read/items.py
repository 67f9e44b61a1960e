"""The stream every format is read into: lines of text and rows of cells, each with its place."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from dutygraph.errors import InputError

# Line breaks other than LF/CR that Word and Excel cells carry (vertical tab, form feed, NEL,
# U+2028/2029): read as a line break within the cell. Any other control character is no text
# (XML 1.0 forbids it, so graph.rdf could not hold it): refused at its place.
CELL_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Place:
    """Where an item is: a line of a text file, a paragraph of a .docx, or a table row.

    ``line`` is the line (text), the paragraph number (.docx body) or, with ``table``, the
    row within that table (.docx, .html, .pdf) or sheet (.xlsx, .xls), all 1-based. An
    .html or .pdf line is numbered through the document's text (see docs/layouts.md).
    """

    line: int
    table: int | None = None
    kind: str = "line"  # line, paragraph or row
    page: int | None = None  # a PDF's page, told in messages beside the line or row

    def __str__(self) -> str:
        if self.table is not None:
            return f"table {self.table}, row {self.line}{self._on_page()}"
        return f"paragraph {self.line}" if self.kind == "paragraph" else str(self.line)

    def described(self) -> str:
        """The place in words: line 4, paragraph 4, table 1, row 4 (and a PDF's page)."""
        return f"line {self.line}{self._on_page()}" if self.kind == "line" else str(self)

    def _on_page(self) -> str:
        return f" (page {self.page})" if self.page is not None else ""


@dataclass(frozen=True)
class Item:
    """A line of text (cells is None) or a row of cells (text is the row joined by tabs)."""

    place: Place
    text: str
    cells: tuple[str, ...] | None = None
    grid: bool = False  # the row comes from a real table (.docx, .xlsx), not tab-split text


@dataclass(frozen=True)
class SourceItems:
    """A file read into items, with what identifies its bytes."""

    path: str
    format: str  # txt, docx, xlsx, html, pdf, doc, wps, xls, et, odt or ods
    encoding: str
    sha256: str
    items: list[Item]


def checked(source: SourceItems) -> SourceItems:
    """SOURCE with the line breaks of CELL_LINE_BREAKS read as LF; InputError at the first
    item holding a character of NOT_TEXT."""
    items = []
    for item in source.items:
        bad = NOT_TEXT.search(item.text)
        if bad:
            where = item.place.line if item.place.kind == "line" else item.place
            raise InputError(source.path, where, f"the {item.place.kind} holds the control "
                             f"character U+{ord(bad.group()):04X}, which is not text (left by "
                             "a copy from another program?); remove it and try again")
        if CELL_LINE_BREAKS.search(item.text):
            item = replace(item, text=CELL_LINE_BREAKS.sub("\n", item.text), cells=None
                           if item.cells is None else tuple(CELL_LINE_BREAKS.sub("\n", cell)
                                                            for cell in item.cells))
        items.append(item)
    return replace(source, items=items)
