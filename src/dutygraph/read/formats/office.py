"""What an office file (.docx, .xlsx: a zip of XML parts) must pass before its reader opens it.

- Its parts, by the sizes the zip's directory declares, expand to at most ZIP_BYTES in all,
  and a large part at most ZIP_RATIO times its compressed size: a 1 MB .xlsx holding a 1 GiB
  cell is refused before a byte of it is expanded. (Python's zipfile stops a part at its
  declared size, so a directory that lies cannot expand more than it declares.)
- No XML part holds a DOCTYPE: Office never writes one, and an entity it declares is either
  expanded (billion laughs) or, external, silently dropped with the rest of its text node by
  lxml, cutting a cell's text at the entity.
- The file holds at most ROWS rows (a workbook's sheets together, a Word file's tables),
  counted in its XML before openpyxl or python-docx builds them all.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.limits import ROWS, ZIP_BYTES, ZIP_RATIO

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# Where each format keeps its rows, and a row's element there: a sheet's <row>, a Word
# table's <w:tr>. Counted in the XML, before python-docx or openpyxl builds a tree of them.
ROWS_IN = {"xlsx": ("xl/worksheets/", "row"), "docx": ("word/document.xml", "tr")}
_CHUNK = 1024 * 1024
_OVERLAP = 64
_RATIO_FROM = 10 * 1024 * 1024  # smaller parts may compress as they like (60,000 repeated
# table rows did, 314 times): ZIP_BYTES bounds them
_XML = (".xml", ".rels", ".vml")


def check_office_file(path: str | Path, data: bytes, kind: str) -> None:
    """InputError when the zip DATA (the file at PATH, a KIND of ROWS_IN) would expand too
    far, one of its XML parts holds a DTD, or its rows are more than ROWS."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: the format's reader says so in its own words
    with archive:
        parts = archive.infolist()
        _check_sizes(path, parts)
        prefix, tag = ROWS_IN[kind]
        row = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?" + tag.encode() + rb"[\s/>]")
        rows = sum(_check_part(path, archive, part, row if part.filename.startswith(prefix)
                               else None)
                   for part in parts if part.filename.lower().endswith(_XML))
        ROWS.check(rows, path)


def _check_sizes(path: str | Path, parts: list[zipfile.ZipInfo]) -> None:
    ZIP_BYTES.check(sum(part.file_size for part in parts), path)
    ratio = ZIP_RATIO.value()
    for part in parts:
        if part.file_size >= _RATIO_FROM and part.file_size > ratio * max(part.compress_size, 1):
            raise InputError(path, None, f"the part {part.filename} expands "
                             f"{part.file_size // max(part.compress_size, 1):,} times (to "
                             f"{part.file_size:,} bytes), over the limit of {ratio:,}: if the "
                             f"file is trusted, {ZIP_RATIO.how_to_raise()} to raise it")


def _check_part(path, archive: zipfile.ZipFile, part: zipfile.ZipInfo, row) -> int:
    """Read PART in chunks: refuse a DTD; count the elements ROW matches (None: none)."""
    rows, tail = 0, b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if _DTD.search(window):
                raise InputError(path, None, f"the part {part.filename} holds a DOCTYPE or an "
                                 "entity declaration, which Office never writes: an entity "
                                 "would be expanded or cut the text at it; refused (save the "
                                 "file again from Word or Excel)")
            if row is not None:
                # A tag wholly in the tail was counted with the chunk before.
                rows += sum(1 for tag in row.finditer(window) if tag.end() > len(tail))
            tail = window[-_OVERLAP:]
    return rows

