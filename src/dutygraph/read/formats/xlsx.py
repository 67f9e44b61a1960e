"""Excel files (.xlsx): every sheet a table, every row its cells, merged cells filled in."""

from __future__ import annotations

import datetime
import hashlib
import io
from pathlib import Path

from dutygraph.errors import InputError, import_extra
from dutygraph.limits import SOURCE_BYTES, checked_text
from dutygraph.read.formats.office import check_office_file
from dutygraph.read.items import Item, Place, SourceItems


def read_xlsx_items(path: str | Path) -> SourceItems:
    """Each sheet in order (its number is the table's); each row with its Excel row number.

    A merged range's value stands in every cell it covers: a leader or section written once
    for several rows (merged vertically), a heading merged across the sheet.
    """
    openpyxl = import_extra("openpyxl", "office", "reading .xlsx files")

    try:
        SOURCE_BYTES.check(Path(path).stat().st_size, path)
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
    check_office_file(path, data, "xlsx")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises several types for a file that is not .xlsx
        raise InputError(path, None, f"not a readable .xlsx file: {error}") from None
    items = []
    for table, sheet in enumerate(workbook.worksheets, start=1):
        filled = _merged_values(sheet)
        for row in sheet.iter_rows():
            place = Place(row[0].row, table, "row")
            cells = tuple(checked_text(_text(filled.get(cell.coordinate, cell.value)), path,
                                       place)
                          for cell in row)
            items.append(Item(place, "\t".join(cells), cells, grid=True))
    return SourceItems(str(path), "xlsx", "utf-8", hashlib.sha256(data).hexdigest(), items)


def _merged_values(sheet) -> dict[str, object]:
    """Cell coordinate → the value of the merged range that covers it."""
    filled = {}
    for merged in sheet.merged_cells.ranges:
        value = sheet.cell(merged.min_row, merged.min_col).value
        for row in sheet.iter_rows(min_row=merged.min_row, max_row=merged.max_row,
                                   min_col=merged.min_col, max_col=merged.max_col):
            for cell in row:
                filled[cell.coordinate] = value
    return filled


def _text(value) -> str:
    """A cell's value as printed: whole numbers without .0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    return str(value).replace("\t", " ").strip()  # a tab ends a cell: see docx._cell_text
