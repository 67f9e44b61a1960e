"""The formats governments publish in: .html, .pdf, .xls, .doc, .wps, .et (tests/cases/*/input.*).

Each is told by its content, read into the same items with their places, and each golden
case round-trips through `dutygraph table`. The golden graphs themselves are checked by
tests/test_cases.py, the bad files by tests/test_bad_input.py; tests/make_format_cases.py
writes the inputs.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dutygraph.build import build
from dutygraph.cli.main import cli
from dutygraph.read.formats import legacy
from dutygraph.read.formats.html import collapse, read_html_items, table_rows
from dutygraph.read.formats.sniff import detect_format
from dutygraph.read.reader import read_table, source_items
from dutygraph.read.units import UnitTable

from .test_layouts import _resolved

CASES = Path(__file__).parent / "cases"
OWN_FORMAT_CASES = sorted(case for case in CASES.iterdir() if not (case / "input.txt").exists())
needs_libreoffice = pytest.mark.skipif(legacy.soffice() is None,
                                       reason="LibreOffice (scripts/install-system-deps.sh)")


def _input(case: str) -> Path:
    return next(CASES.joinpath(case).glob("input.*"))


def _copy(case: str, name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copyfile(_input(case), target)
    return target


def test_every_format_has_its_golden_cases():
    formats = sorted(detect_format(_input(case.name)) for case in OWN_FORMAT_CASES)
    assert formats == ["doc", "et", *["html"] * 4, "pdf", "pdf", "wps", "xls"]


@pytest.mark.parametrize("case", [case.name for case in OWN_FORMAT_CASES])
def test_every_format_case_round_trips_through_dutygraph_table(case, tmp_path):
    if detect_format(_input(case)) in ("doc", "wps") and legacy.soffice() is None:
        pytest.skip("LibreOffice (scripts/install-system-deps.sh)")
    source = _input(case)
    graph_file, table_file = tmp_path / "graph.ttl", tmp_path / "table.txt"
    graph_file.write_bytes(build(source, validate=False).graph.serialize(format="turtle",
                                                                         encoding="utf-8"))
    result = CliRunner().invoke(cli, ["table", str(graph_file), "-o", str(table_file)])
    assert result.exit_code == 0, result.output
    units = UnitTable.empty()
    back, original = _resolved(read_table(table_file), units), _resolved(read_table(source), units)
    assert back == original
    assert len(original) >= 3


# --- Told by content, not by name ------------------------------------------------------------

@pytest.mark.parametrize(("case", "name", "fmt"), [
    ("html-table-rowspan", "page.txt", "html"),  # a page saved as text
    ("html-labelled-paragraphs", "download", "html"),  # a download without a suffix
    ("html-table-rowspan", "export.xls", "html"),  # a site's "Excel" export is a web page
    ("pdf-ruled-table", "attachment", "pdf"),
    ("xls-merged-leaders", "table.dat", "xls"),
    ("et-first-listed", "table.xls", "xls"),  # WPS's .et is the .xls format
    ("doc-sections-star", "document.wps", "wps"),  # the two names of one format: name decides
])
def test_the_format_is_told_by_the_content(case, name, fmt, tmp_path):
    source = _copy(case, name, tmp_path)
    assert detect_format(source) == fmt
    if fmt not in ("doc", "wps") or legacy.soffice():
        units = UnitTable.empty()
        assert _resolved(read_table(source), units) == _resolved(read_table(_input(case)), units)


def test_a_text_table_is_still_text(tmp_path):
    assert detect_format(CASES / "roles" / "input.txt") == "txt"
    (tmp_path / "table.html").write_text("序号\t重点工作\t责任单位\n", encoding="utf-8")
    assert detect_format(tmp_path / "table.html") == "html"  # the name, where bytes do not tell


# --- Web pages -------------------------------------------------------------------------------

def _page(tmp_path: Path, body: str, head: str = "", encoding: str = "utf-8") -> Path:
    path = tmp_path / "page.html"
    path.write_bytes(f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
                     .encode(encoding))
    return path


def _lines(source) -> list[tuple[str, str]]:
    return [(str(item.place), item.text) for item in source.items]


def test_rowspan_and_colspan_stand_in_every_cell_they_cover():
    import lxml.html

    table = lxml.html.fragment_fromstring(
        "<table><tr><td rowspan=3>甲</td><td colspan=2>乙</td></tr>"
        "<tr><td>丙</td><td rowspan=2>丁</td></tr><tr><td>戊</td></tr>"
        "<tr><td colspan=0>己</td><td rowspan=x>庚</td></tr></table>")
    assert table_rows(table) == [("甲", "乙", "乙"), ("甲", "丙", "丁"), ("甲", "戊", "丁"),
                                 ("己", "庚")]


def test_the_case_page_reads_as_lines_and_rows_in_page_order():
    source = read_html_items(_input("html-table-rowspan"))
    assert source.encoding == "gb18030"  # declared gb2312
    lines = _lines(source)
    assert lines[:5] == [
        ("1", "首页 | 政务公开 | 政策文件"), ("2", "当前位置：首页 > 政务公开 > 政策文件"),
        ("3", "索引号：001122/2024-00087 发布机构：清溪区人民政府办公室"),  # a label table
        ("4", "发布日期：2024-02-28 文号：清政办〔2024〕6号"),
        ("5", "清溪区2024年政府工作报告重点工作责任分解")]
    rows = {place: text.split("\t") for place, text in lines if place.startswith("table")}
    assert rows["table 1, row 2"] == ["1", "新建改建农村公路40公里，完成危桥改造6座。",
                                      "陈立新副区长", "区交通运输局", "区财政局\n区自然资源分局",
                                      "10月底前"]
    assert rows["table 1, row 6"][1:3] == ["新增城镇就业岗位6000个&技能培训1万人次。", "周敏副区长"]
    assert ("8", "清溪区人民政府办公室") in lines  # after the table, the count goes on
    assert not any("不是表格" in text or "document.title" in text for _, text in lines)


def test_a_page_framed_in_a_table_is_read_as_its_paragraphs():
    lines = _lines(read_html_items(_input("html-labelled-paragraphs")))
    assert ("3", "2024年区政府工作报告重点工作任务分解") in lines
    assert ("7", "牵头单位：区市场监管局") in lines
    assert ("8", "配合单位：区数据局、区政务服务中心") in lines
    assert not any(place.startswith("table") for place, _ in lines)


def test_a_table_inside_a_layout_table_is_a_table(tmp_path):
    page = _page(tmp_path, "<table><tr><td><p>标题</p><table><tr><td>序号</td>"
                 "<td>重点工作</td></tr></table></td><td>右栏</td></tr></table>")
    assert _lines(read_html_items(page)) == [("1", "标题"), ("table 1, row 1", "序号\t重点工作"),
                                             ("2", "右栏")]


def test_a_preformatted_table_keeps_its_tabs_as_cells(tmp_path):
    page = _page(tmp_path, "<p>一、王一副区长牵头重点工作</p><pre>序号\t重点工作\t责任单位\n"
                 "1\t办好民生实事。\t区民政局\n</pre>")
    items = read_html_items(page).items
    assert [item.cells for item in items] == [
        None, ("序号", "重点工作", "责任单位"), ("1", "办好民生实事。", "区民政局")]
    assert [task.units[0].name for task in read_table(page).tasks] == ["区民政局"]


def test_white_space_is_shown_as_a_browser_shows_it():
    assert collapse("  推进城市\n   更新。 \n") == "推进城市更新。"  # no space inside Chinese
    assert collapse("R&D\n经费  支出") == "R&D 经费 支出"
    assert collapse("\u3000\u3000现将……印发给你们") == "现将……印发给你们"


@pytest.mark.parametrize(("head", "encoding"), [
    ('<meta charset="gbk">', "gb18030"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=GB2312">', "gb18030"),
    ("", "gb18030"),  # nothing declared, not UTF-8: GB18030
    ('<meta charset="iso-8859-1">', "utf-8"),  # declared Western, really UTF-8: not garbled
    ('<meta charset="utf-8">', "utf-8"),
])
def test_chinese_is_never_garbled(head, encoding, tmp_path):
    text = "一、王一副区长牵头重点工作（镕、𠮷）"  # 镕 is GBK only, 𠮷 GB18030 only
    source = read_html_items(_page(tmp_path, f"<p>{text}</p>", head, encoding))
    assert (source.encoding, _lines(source)) == (encoding, [("1", text)])


def test_a_page_in_no_charset_it_could_be_is_refused(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b'<html><meta charset="utf-8"><p>\x81\x20\xff\xfe</p></html>')
    with pytest.raises(Exception, match="the page is not in utf-8 nor gb18030"):
        read_html_items(path)


def test_entities_a_page_defines_are_not_expanded(tmp_path):
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    path = tmp_path / "laughs.html"
    path.write_text(f'<!DOCTYPE html [<!ENTITY l0 "哈">{laughs}]><html><body><p>&l9;</p>'
                    "<p>&amp;&nbsp;&#x4e2d;</p></body></html>", encoding="utf-8")
    started = time.perf_counter()
    texts = [item.text for item in read_html_items(path).items]
    assert time.perf_counter() - started < 2
    assert "哈哈" not in "".join(texts)
    assert texts[-1] == "&\xa0中"  # HTML's own entities and character references are read


def test_a_page_with_no_text_is_refused_with_its_name(tmp_path):
    path = tmp_path / "empty.html"
    path.write_bytes(b"")
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: ")
    assert not (tmp_path / "out").exists()


# --- PDF ---------------------------------------------------------------------------------------

def test_pdf_rows_and_lines_carry_their_page():
    items = {str(item.place): item for item in source_items(_input("pdf-ruled-table")).items}
    assert items["table 2, row 19 (page 3)"].cells[:2] == (
        "18", "第18项：实施城市有机更新三年行动，完成城中村改造1200户，"
              "新开工保障性租赁住房1500套。")
    lines = [item for item in items.values() if item.cells is None]
    assert [(item.place.described(), item.text) for item in lines] == [
        ("line 1 (page 1)", "2024年清溪区政府工作报告重点工作责任分解"),
        ("line 2 (page 1)", "一、李明区长牵头重点工作"),
        ("line 3 (page 1)", "二、赵红副区长牵头重点工作"),
        ("line 4 (page 3)", "注：标记*的为牵头单位。")]


def test_a_pdf_table_over_a_page_break_is_one_table_and_a_cut_row_one_row():
    document = read_table(_input("pdf-ruled-table"))
    section = document.sections[1]
    assert [task.number for task in section.tasks] == list(range(1, 19))
    assert {task.table for task in section.tasks} == {2}
    cut = section.tasks[16]  # cut in two by the break between pages 2 and 3
    assert cut.text == ("第17项：推进数字经济核心产业招引，全年引进数字经济项目15个以上，"
                        "规上数字经济核心产业营业收入增长12%。")
    assert [unit.name for unit in cut.units] == ["区经济和信息化局", "区发展和改革局",
                                                 "区招商投资促进中心"]


def test_pdf_lines_wrapped_at_the_margin_are_whole_and_page_numbers_dropped():
    texts = [item.text for item in source_items(_input("pdf-labelled-paragraphs")).items]
    assert "协同责任单位：区政务服务中心、区数据资源管理局、区发展和改革局、区司法局、区税务局、" \
           "区人力资源和社会保障局" in texts
    assert texts[2].endswith("市场主体总量增长8%以上。")
    assert not any("- 1 -" in text for text in texts)


# --- LibreOffice -------------------------------------------------------------------------------

def test_without_libreoffice_the_error_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    source = _input("doc-sections-star")
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {source}: reading a .doc file needs LibreOffice: "
                             "`apt-get install libreoffice-writer-nogui` (or save the file as "
                             ".docx) and try again\n")
    assert not (tmp_path / "out").exists()


def test_a_converter_that_hangs_is_stopped(monkeypatch, tmp_path):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\necho $$ > {tmp_path / 'pid'}\nexec sleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(legacy, "CONVERT_TIMEOUT", 1)
    started = time.perf_counter()
    with pytest.raises(Exception, match="LibreOffice did not convert the file within 1 s"):
        source_items(_input("doc-sections-star"))
    assert time.perf_counter() - started < 10
    assert not Path(f"/proc/{(tmp_path / 'pid').read_text().strip()}").exists()


@needs_libreoffice
def test_an_xls_that_xlrd_cannot_read_goes_through_libreoffice(tmp_path):
    """An "Excel" file that is an XML spreadsheet (Excel 2003 XML), as some sites export."""
    path = tmp_path / "table.xls"
    rows = [["序号", "重点工作", "责任单位"], ["1", "建成口袋公园5个。", "区城管局"]]
    cells = "".join("<Row>" + "".join(f'<Cell><Data ss:Type="String">{v}</Data></Cell>'
                                      for v in row) + "</Row>" for row in rows)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<Workbook xmlns='
                    '"urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss='
                    '"urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="1">'
                    f"<Table>{cells}</Table></Worksheet></Workbook>", encoding="utf-8")
    source = source_items(path)
    assert source.format == "xls"
    assert [item.cells for item in source.items] == [tuple(row) for row in rows]


@needs_libreoffice
def test_a_doc_libreoffice_cannot_load_is_refused_with_its_name(tmp_path):
    """The compound file is whole, its Word stream zeroed: LibreOffice's refusal, in one line."""
    data = bytearray(_input("doc-sections-star").read_bytes())
    data[2048:-4096] = bytes(len(data) - 6144)
    path = tmp_path / "zeroed.doc"
    path.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {path}: LibreOffice could not convert the .doc file "
                             "(damaged, cut short or password-protected?): Error: source file "
                             "could not be loaded\n")
    assert not (tmp_path / "out").exists()


def test_a_corpus_folder_is_searched_for_every_format():
    from dutygraph.corpus import expand_sources

    found = {path.parent.name: path.suffix for path in expand_sources([CASES])}
    assert {found[case.name] for case in OWN_FORMAT_CASES} == {
        ".html", ".pdf", ".xls", ".doc", ".wps", ".et"}


def test_a_page_read_from_a_pipe_is_told_by_its_content(tmp_path):
    """/dev/stdin can be read once: telling its format must not eat its start."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "dutygraph", "build", "/dev/stdin", "-o",
                           str(tmp_path)], input=_input("html-table-rowspan").read_bytes(),
                          capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode().startswith("Read /dev/stdin (gb18030): 5 tasks")
