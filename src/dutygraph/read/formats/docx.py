"""Word files (.docx): body paragraphs and table rows in the order they are printed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from dutygraph.errors import InputError, import_extra
from dutygraph.limits import SOURCE_BYTES, checked_text
from dutygraph.read.formats.office import check_office_file
from dutygraph.read.items import Item, Place, SourceItems


def read_docx_items(path: str | Path) -> SourceItems:
    """Paragraphs as lines (numbered in the body) and every table row as cells.

    python-docx repeats a merged cell's text in each grid cell it covers, so a leader or
    section written once for several rows reaches every row.
    """
    # python-docx, imported here so that text-only builds never load it
    docx = import_extra("docx", "office", "reading .docx files")

    data = _read_bytes(path)
    check_office_file(path, data, "docx")
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises several types for a file that is not .docx
        raise InputError(path, None, f"not a readable .docx file: {error}") from None
    items, paragraphs, tables = [], 0, 0
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            tables += 1
            for row_number, row in enumerate(block.rows, start=1):
                place = Place(row_number, tables, "row")
                cells = tuple(checked_text(_cell_text(cell), path, place) for cell in row.cells)
                items.append(Item(place, "\t".join(cells), cells,
                                  grid=True))
        else:
            paragraphs += 1
            place = Place(paragraphs, None, "paragraph")
            items.append(Item(place, checked_text(block.text, path, place)))
    return SourceItems(str(path), "docx", "utf-8", hashlib.sha256(data).hexdigest(), items)


def _cell_text(cell) -> str:
    """A cell's paragraphs, one per line (a units cell may list one unit per paragraph); a
    tab inside the cell is a space: in a row's text, and in `dutygraph table`'s output, a tab
    ends the cell (written as it was, it made a unit of the text after it)."""
    return "\n".join(paragraph.text for paragraph in cell.paragraphs).replace("\t", " ").strip()


def _read_bytes(path: str | Path) -> bytes:
    try:
        SOURCE_BYTES.check(Path(path).stat().st_size, path)
        return Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
