"""The stream every format is read into: lines of text and rows of cells, each with its place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where an item is: a line of a text file, a paragraph of a .docx, or a table row.

    ``line`` is the line (text), the paragraph number (.docx body) or, with ``table``, the
    row within that table (.docx) or sheet (.xlsx), all 1-based.
    """

    line: int
    table: int | None = None
    kind: str = "line"  # line, paragraph or row

    def __str__(self) -> str:
        if self.table is not None:
            return f"table {self.table}, row {self.line}"
        return f"paragraph {self.line}" if self.kind == "paragraph" else str(self.line)

    def described(self) -> str:
        """The place in words: line 4, paragraph 4, table 1, row 4."""
        return f"line {self.line}" if self.kind == "line" else str(self)


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
    format: str  # txt, docx or xlsx
    encoding: str
    sha256: str
    items: list[Item]
