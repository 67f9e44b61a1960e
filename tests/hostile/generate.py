"""Write the hostile-input cases' files: `python tests/hostile/generate.py` (re)writes each
case's small inputs into its folder; the test calls the same makers for the big ones at run
time (named in the case's case.json as "generated"), so no large file is committed.

Each maker takes the folder to write into and returns nothing; its name is the case's.
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
MAKERS = {}


def case(maker):
    """Register MAKER as the maker of the case of its name (underscores for hyphens)."""
    MAKERS[maker.__name__.replace("_", "-")] = maker
    return maker

RDF_HEAD = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/">\n')


@case
def billion_laughs_rdfxml(folder: Path) -> None:
    """Ten nested entities, each ten times the one before: 1 KB that expands to 3 GB."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
        for i in range(1, 10)]
    text = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
            + RDF_HEAD + '<rdf:Description rdf:about="http://example.org/a">'
            "<ex:p>&lol9;</ex:p></rdf:Description>\n</rdf:RDF>\n")
    (folder / "bomb.rdf").write_text(text, encoding="utf-8")


@case
def rdfxml_without_entities(folder: Path) -> None:
    """Plain RDF/XML, no DOCTYPE: read as before, Chinese intact."""
    (folder / "graph.rdf").write_text(
        '<?xml version="1.0"?>\n' + RDF_HEAD + '<rdf:Description rdf:about="http://example.org/a">'
        "<ex:p>区发改局 &amp; 区财政局</ex:p></rdf:Description>\n</rdf:RDF>\n", encoding="utf-8")
    (folder / "values.rq").write_text("SELECT ?value WHERE { ?s ?p ?value }\n",
                                      encoding="utf-8")


@case
def graph_over_size_limit(folder: Path) -> None:
    """A plain Turtle graph of a few hundred bytes; the case lowers the limit below it."""
    (folder / "graph.ttl").write_text(
        "@prefix ex: <http://example.org/> .\n"
        + "".join(f'ex:s{i} ex:p "值{i}" .\n' for i in range(20)), encoding="utf-8")


TABLE = ("一、王一副区长牵头重点工作\n"
         "序号\t重点工作\t责任单位\n"
         "1\t推进养老服务体系建设。\t*区民政局、区残联\n"
         "2\t完善社会救助制度。\t区民政局\n")


def _office_files():
    """tests/office_files.py, which writes .docx and .xlsx from a text spec."""
    path = HERE.parent / "office_files.py"
    spec = importlib.util.spec_from_file_location("office_files", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rewrite_part(path: Path, part: str, change) -> None:
    """Replace PART of the zip at PATH by CHANGE(its bytes)."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info.filename, change(data) if info.filename == part else data)


def _with_doctype(entity: bytes, reference: bytes, before: bytes):
    """A change that declares ENTITY in a DOCTYPE and puts REFERENCE before BEFORE."""
    def change(data: bytes) -> bytes:
        head, sep, rest = data.partition(b"?>")
        return head + sep + b"\n<!DOCTYPE x [" + entity + b"]>" + rest.replace(
            before, reference + before, 1)
    return change


@case
def docx_external_entity(folder: Path) -> None:
    """An external entity inside a cell: lxml drops it and the rest of the text, silently."""
    path = _office_files().write_docx(TABLE, folder / "table.docx")
    _rewrite_part(path, "word/document.xml", _with_doctype(
        b'<!ENTITY x SYSTEM "file:///etc/hostname">', b"&x;", "民政局".encode()))


@case
def xlsx_billion_laughs(folder: Path) -> None:
    """Nested entities in the sheet of an .xlsx."""
    path = _office_files().write_xlsx(TABLE, folder / "table.xlsx")
    entities = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([98 + i]), b"&%s;" % bytes([97 + i]) * 10)
        for i in range(8))
    _rewrite_part(path, "xl/worksheets/sheet1.xml", _with_doctype(entities, b"&i;", b"</t>"))


@case
def xlsx_huge_cell(folder: Path) -> None:
    """A 1 GiB cell in a file of 1 MB: refused by the zip's declared sizes, nothing expanded."""
    path = _office_files().write_xlsx(TABLE, folder / "table.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts:
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
                continue
            head, sep, rest = data.partition(b"</t>")  # into the first cell's text
            with archive.open(name, "w", force_zip64=True) as stream:
                stream.write(head)
                block = b"a" * (1 << 20)
                for _ in range(1024):
                    stream.write(block)
                stream.write(sep + rest)


@case
def xlsx_many_rows(folder: Path) -> None:
    """100,000 rows of a few bytes each, past the row limit: counted before openpyxl reads."""
    path = _office_files().write_xlsx(TABLE, folder / "table.xlsx")
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r)
                    for r in range(10, 100_010))
    _rewrite_part(path, "xl/worksheets/sheet1.xml",
                  lambda data: data.replace(b"</sheetData>", rows + b"</sheetData>"))


@case
def docx_many_rows(folder: Path) -> None:
    """A Word table of 60,000 rows: counted in document.xml before python-docx reads it."""
    path = _office_files().write_docx(TABLE, folder / "table.docx")
    row = b"<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
    _rewrite_part(path, "word/document.xml",
                  lambda data: data.replace(b"</w:tbl>", row * 60_000 + b"</w:tbl>", 1))


@case
def docx_long_cell(folder: Path) -> None:
    """A cell of 200,000 characters: over the cell limit, named with its place."""
    _office_files().write_docx(TABLE.replace("完善", "完" * 200_000), folder / "table.docx")


@case
def text_huge_line(folder: Path) -> None:
    """A task text of 16 MiB characters: was a MemoryError traceback; over the cell limit."""
    with open(folder / "table.txt", "w", encoding="utf-8") as stream:
        stream.write(TABLE.split("1\t")[0] + "1\t" + "任" * (16 << 20) + "\t区发改局\n")


@case
def text_over_task_limit(folder: Path) -> None:
    """20,001 tasks (4 MB), one over the default task limit: read, then refused."""
    head, rows = TABLE.split("1\t")[0], "推进养老服务体系建设。\t*区民政局、区残联\n"
    with open(folder / "table.txt", "w", encoding="utf-8") as stream:
        stream.write(head + "".join(f"{n}\t{rows}" for n in range(1, 20_002)))


@case
def csv_formula_cells(folder: Path) -> None:
    """A task text and a unit that Excel would run as formulas."""
    (folder / "table.txt").write_text(
        "一、王一副区长牵头重点工作\n序号\t重点工作\t责任单位\n"
        '1\t=HYPERLINK("http://example.org/"&A1,"点击查看")\t*=1+2、区民政局\n'
        "2\t-5%以内的能耗下降。\t*区民政局\n", encoding="utf-8")


@case
def line_separators_in_text(folder: Path) -> None:
    """U+2028 in the title, U+0085 and a form feed in task rows: not line ends."""
    (folder / "table.txt").write_text(
        "\n附件 1\n\n2024 年政府工作报告\u2028重点工作责任分解\n\n一、王一副区长牵头重点工作\n\n"
        "序号\t重点工作\t责任单位\t备注\n1\t推进养老\x85服务体系建设。\t*区民政局、区残联\t\n"
        "2\t完善社会救助\x0c制度。\t区民政局\t\n", encoding="utf-8")


@case
def tab_in_docx_cell(folder: Path) -> None:
    """A tab inside a task cell of a .docx: `table` wrote it raw, and the table read back
    made a unit of the text after it."""
    import docx

    document = docx.Document()
    document.add_paragraph("一、王一副区长牵头重点工作")
    table = document.add_table(rows=3, cols=3)
    rows = [["序号", "重点工作", "责任单位"], ["1", "推进养老\t服务体系建设。", "*区民政局"],
            ["2", "完善社会救助制度。", "区民政局"]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(folder / "table.docx"))


SIDECARS = {"array": "[]", "number": "5", "no-id": '{"title": "x"}', "id-number": '{"id": 5}',
            "year-with-nian": '{"id": "ouhai-2024", "year": "2024年"}',
            "year-as-text": '{"id": "ouhai-2024", "year": "2024"}'}


@case
def sidecar_shapes(folder: Path) -> None:
    """Sidecars of the wrong shape, each beside nothing (given by --meta)."""
    (folder / "table.txt").write_text(TABLE, encoding="utf-8")
    for name, text in SIDECARS.items():
        (folder / f"{name}.json").write_text(text + "\n", encoding="utf-8")


@case
def utf16_text(folder: Path) -> None:
    """A table saved as UTF-16 (Notepad's "Unicode"): with its byte-order mark, and without."""
    (folder / "with-mark.txt").write_bytes(TABLE.encode("utf-16"))
    (folder / "without-mark.txt").write_bytes(TABLE.encode("utf-16-le"))


@case
def markup_in_names(folder: Path) -> None:
    """Unit names and a statement holding HTML, a Markdown link and a table's bar."""
    (folder / "table.txt").write_text(
        "一、王一副区长牵头重点工作\n<script>alert(1)</script>总负责。\n"
        "二、李二副区长牵头重点工作\n序号\t重点工作\t责任单位\n"
        "1\t推进养老服务体系建设。\t*<img src=x onerror=alert(1)>局、[点击](javascript:x)办\n"
        "2\t完善社会救助制度。\t*区|民政局\n", encoding="utf-8")


def make(name: str, folder: Path) -> None:
    """Write case NAME's files into FOLDER."""
    MAKERS[name](folder)


def main(argv: list[str]) -> None:
    """Write the committed inputs of every case whose case.json does not mark them generated."""
    import json

    for folder in sorted(p for p in HERE.iterdir() if (p / "case.json").is_file()):
        spec = json.loads((folder / "case.json").read_text(encoding="utf-8"))
        if not spec.get("generated") and folder.name in MAKERS:
            make(folder.name, folder)


if __name__ == "__main__":
    main(sys.argv[1:])
