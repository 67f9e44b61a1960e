"""Excel 97–2003 workbooks (.xls, and WPS's .et): every sheet a table, merged cells filled in.

Read by xlrd (BIFF 2–8); a workbook xlrd cannot read but LibreOffice can (an .xls that is
really an XML spreadsheet, a WPS .et of another make) goes through LibreOffice's converter.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from dutygraph.errors import InputError, import_extra
from dutygraph.read.formats.legacy import LibreOfficeMissing, read_converted
from dutygraph.read.items import Item, Place, SourceItems

ENCRYPTED = ("the workbook is encrypted (password-protected); save a copy without the "
             "password and try again")


def read_xls_items(path: str | Path, fmt: str = "xls") -> SourceItems:
    """Each sheet in order (its number is the table's), each row with its Excel row number;
    a merged range's value in every cell it covers."""
    xlrd = import_extra("xlrd", "office", "reading .xls files")
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True,
                                  logfile=_Quiet())
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise InputError(path, None, ENCRYPTED) from None
        return _through_libreoffice(path, fmt, str(error))
    except Exception as error:  # xlrd raises struct and index errors on a file cut short
        return _through_libreoffice(path, fmt, str(error) or type(error).__name__)
    items = []
    for table, sheet in enumerate(book.sheets(), start=1):
        filled = _merged_values(sheet)
        for r in range(sheet.nrows):
            cells = tuple(filled.get((r, c)) or _text(book, sheet.cell(r, c))
                          for c in range(sheet.ncols))
            items.append(Item(Place(r + 1, table, "row"), "\t".join(cells), cells, grid=True))
    return SourceItems(str(path), fmt, book.encoding or "utf-16-le",
                       hashlib.sha256(data).hexdigest(), items)


def read_et_items(path: str | Path) -> SourceItems:
    """A WPS spreadsheet: the .xls format under another name."""
    return read_xls_items(path, "et")


def _through_libreoffice(path: str | Path, fmt: str, why: str) -> SourceItems:
    try:
        return read_converted(path, fmt)
    except LibreOfficeMissing as missing:
        raise InputError(path, None, f"xlrd cannot read it ({why}); {missing.message}"
                         ) from None


def _merged_values(sheet) -> dict[tuple[int, int], str]:
    """(row, column) → the text of the merged range that covers it."""
    filled = {}
    for top, bottom, left, right in sheet.merged_cells:
        value = _text(sheet.book, sheet.cell(top, left))
        for r in range(top, bottom):
            for c in range(left, right):
                filled[(r, c)] = value
    return filled


def _text(book, cell) -> str:
    """A cell's value as printed: whole numbers without .0, dates as YYYY-MM-DD."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return str(int(cell.value))
    if cell.ctype == xlrd.XL_CELL_DATE:
        moment = xlrd.xldate_as_datetime(cell.value, book.datemode)
        return moment.date().isoformat() if moment.time().isoformat() == "00:00:00" \
            else str(moment)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(cell.value).strip()


class _Quiet:
    """xlrd's log: its warnings about the file are no concern of the user's."""

    def write(self, text: str) -> None:
        pass
