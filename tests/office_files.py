"""Write a .docx or .xlsx from a readable text spec, so that tests need no binary fixtures.

The spec is a table as the text reader reads it: a line with tabs is a table row, any other
line a paragraph (.docx) or a row with one cell merged across the table (.xlsx, as titles,
section headers and notes are printed in Excel). Consecutive rows make one table: a blank
line ends it in a .docx (Word tables break where the text's header row repeats); an .xlsx
keeps one sheet. A cell that reads ``^`` is merged with the cell above it (a leader or a
section written once for several rows).
"""

from __future__ import annotations

from pathlib import Path

from dutygraph.read.source import read_source

MERGED_UP = "^"


def spec_lines(spec: str | Path) -> list[str]:
    """The spec's lines: a path is decoded as the text reader decodes it (GB18030, BOM)."""
    if isinstance(spec, Path):
        return read_source(spec).lines()
    return spec.splitlines()


def write_docx(spec: str | Path, path: Path) -> Path:
    """The spec as a Word file: paragraphs, and a table for each block of tab-separated rows."""
    import docx

    document = docx.Document()
    block: list[list[str]] = []
    for line in [*spec_lines(spec), ""]:
        if "\t" in line:
            block.append(line.split("\t"))
            continue
        if block:
            _add_docx_table(document, block)
            block = []
        if line.strip():
            document.add_paragraph(line)
    document.save(str(path))
    return path


def _add_docx_table(document, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == MERGED_UP and r > 0:
                top = table.cell(r - 1, c)
                text = top.text
                top.merge(table.cell(r, c)).text = text  # merge keeps both texts: set it once
            else:
                table.cell(r, c).text = value


def write_xlsx(spec: str | Path, path: Path) -> Path:
    """The spec as one Excel sheet: rows as cells, other lines merged across the sheet."""
    import openpyxl

    lines = spec_lines(spec)
    width = max([len(line.split("\t")) for line in lines if "\t" in line] or [1])
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for r, line in enumerate(lines, start=1):
        if "\t" not in line:
            if line.strip():
                sheet.cell(r, 1, line)
                if width > 1:
                    sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            continue
        for c, value in enumerate(line.split("\t"), start=1):
            if value == MERGED_UP:
                top = r - 1
                while isinstance(sheet.cell(top, c), openpyxl.cell.cell.MergedCell):
                    top -= 1
                for merged in list(sheet.merged_cells.ranges):
                    if merged.min_row <= top <= merged.max_row and merged.min_col == c:
                        top = merged.min_row
                        sheet.unmerge_cells(str(merged))
                sheet.merge_cells(start_row=top, start_column=c, end_row=r, end_column=c)
            else:
                sheet.cell(r, c, _typed(value))
    workbook.save(str(path))
    return path


def _typed(value: str):
    """Numbers as numbers, as Excel users type them (序号 1 is a number, not text)."""
    return int(value) if value.isascii() and value.isdigit() else value
