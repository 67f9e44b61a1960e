"""Write the golden cases and bad inputs of the formats governments publish in.

    .venv/bin/python -m tests.make_format_cases            # all of them
    .venv/bin/python -m tests.make_format_cases pdf-ruled-table

Writes tests/cases/<name>/input.<format> (and, for the bad inputs, tests/bad-input/<name>/
input.<format>); the files are committed, so the tests never run this. The text is our own,
in the genre's layouts. Web pages are written here as bytes; .pdf, .doc, .xls are LibreOffice's
exports of a .docx or .xlsx written with python-docx or openpyxl (tests/office_files.py), as
a government office makes them. LibreOffice writes no WPS Office format: input.wps and
input.et are a Word 97 and an Excel 97 file under WPS's names, as WPS Office itself writes
them by default. The encrypted .xls is saved with a password through LibreOffice's UNO API,
which needs Debian's python3-uno, the encrypted .docx by msoffcrypto-tool (pip); both for
this script only. After writing a case, write its
expected.ttl with ``DUTYGRAPH_WRITE_CASES=1 pytest tests/test_cases.py`` and read it.
"""

# ruff: noqa: E501  (the pages and tables below are data: their lines are as long as they are)
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from dutygraph.read.formats.legacy import convert

from .office_files import write_docx, write_xlsx

HERE = Path(__file__).parent
CASES = HERE / "cases"
BAD = HERE / "bad-input"

PAGE_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_清溪区人民政府</title>
<style>td {{ border: 1px solid #999; }} .nav a {{ margin: 0 4px; }}</style>
<script>var share = "<table><tr><td>不是表格</td></tr></table>"; document.title += "";</script>
</head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/zcwj/">政策文件</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政务公开 &gt; 政策文件</div>
"""
PAGE_FOOT = """<div class="footer"><p>【打印本页】 【关闭窗口】</p>
<p>主办单位：清溪区人民政府办公室　网站标识码：3399000001</p></div>
</body>
</html>
"""

# A table with the leader written once for the rows it leads (rowspan), a unit per line in
# a cell (<br>), a sentence wrapped in the page's source, entities, and the metadata block
# (索引号 …) above it; the page is GB18030, declared as gb2312, as many county sites still are.
HTML_ROWSPAN = PAGE_HEAD.format(charset="gb2312", title="清溪区2024年政府工作报告重点工作责任分解") + """
<table class="xxgk"><tr><td>索引号：</td><td>001122/2024-00087</td><td>发布机构：</td><td>清溪区人民政府办公室</td></tr>
<tr><td>发布日期：</td><td>2024-02-28</td><td>文号：</td><td>清政办〔2024〕6号</td></tr></table>
<h1>清溪区2024年政府工作报告重点工作责任分解</h1>
<p>各镇人民政府、街道办事处，区政府各部门：</p>
<p>&nbsp;&nbsp;现将区政府工作报告重点工作责任分解印发给你们，请结合实际认真抓好落实。</p>
<table border="1" cellspacing="0">
<thead><tr><th>序号</th><th>重点工作</th><th>牵头领导</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr></thead>
<tbody>
<tr><td>1</td><td>新建改建农村公路40公里，
完成危桥改造6座。</td><td rowspan="2">陈立新副区长</td><td>区交通运输局</td><td>区财政局<br>区自然资源分局</td><td>10月底前</td></tr>
<tr><td>2</td><td>实施&ldquo;两山&rdquo;转化项目12个，村级集体经济收入全部达到30万元以上。</td><td>区农业农村局</td><td>区发改局、区生态环境分局</td><td>全年</td></tr>
<tr><td>3</td><td>新增义务教育学位1500个。</td><td rowspan="3">周敏副区长</td><td>区教育局</td><td></td><td>8月底前</td></tr>
<tr><td>4</td><td>建成区域医疗中心，<span>县域就诊率</span>达到90%。</td><td>区卫健局</td><td>区医保分局、区财政局</td><td>12月底前</td></tr>
<tr><td>5</td><td>新增城镇就业岗位6000个&amp;技能培训1万人次。</td><td>区人力社保局</td><td>区总工会、团区委</td><td>全年</td></tr>
</tbody>
</table>
<p style="text-align:right">清溪区人民政府办公室<br>2024年2月28日</p>
""" + PAGE_FOOT

# Labelled paragraphs under leaders' sections, the page laid out in a table (as older sites
# are), a unit list continued after <br>, a task sentence wrapped in the source; UTF-8 with a
# byte-order mark.
HTML_PARAGRAPHS = PAGE_HEAD.format(charset="utf-8", title="关于印发2024年区政府工作报告重点工作任务分解的通知") + """
<table width="980" align="center"><tr><td class="main">
<h2 style="text-align:center">2024年区政府工作报告重点工作任务分解</h2>
<div class="info">发布时间：2024-03-06　来源：区政府办公室</div>
<div id="zoom">
<p><strong>一、王海涛区长牵头重点工作</strong></p>
<p>1．持续优化营商环境，
企业开办时间压缩至1个工作日以内。</p>
<p>牵头单位：区市场监管局<br>配合单位：区数据局、区政务服务中心<br>完成时限：6月底前</p>
<p>2．争取地方政府专项债券资金20亿元。</p>
<p>牵头单位：区财政局</p>
<p>配合单位：区发改局</p>
<p><strong>二、林晓东副区长牵头重点工作</strong></p>
<div>3．完成老旧小区改造35个，惠及居民8000户。</div>
<div>牵头单位：区住建局</div>
<div>配合单位：各街道办事处、区城管局</div>
<div>完成时限：11月底前</div>
</div>
</td></tr></table>
""" + PAGE_FOOT

# A seed-like table (sections as paragraphs, * marks) printed with ruled lines, the second
# table running over a page break without its header again; long unit names wrap in their
# narrow cell. Written as .docx, exported to PDF by LibreOffice.
PDF_TABLE_ROWS = [
    ("推进数字经济核心产业招引，全年引进数字经济项目15个以上，规上数字经济核心产业营业收入增长"
     "12%。", "*区经济和信息化局、区发展和改革局、区招商投资促进中心"),
    ("实施城市有机更新三年行动，完成城中村改造1200户，新开工保障性租赁住房1500套。",
     "*区住房和城乡建设局、区自然资源和规划分局"),
    ("深化“一件事”集成改革，推出高频联办事项30项。", "*区政务服务中心、区数据资源管理局"),
    ("建设城市书房和文化驿站10家，举办公益文化活动200场次。", "*区文化和广电旅游体育局"),
    ("完成中小河流综合治理12公里，新建改建山塘水库5座。", "*区水利局、区财政局"),
    ("推进农村生活污水处理设施标准化运维，出水达标率达到95%以上。",
     "*区农业农村局、区生态环境分局、区水利局"),
]


def pdf_table_spec() -> str:
    """The ruled-table case: two sections, the second's table long enough to break."""
    lines = ["2024年清溪区政府工作报告重点工作责任分解", "",
             "一、李明区长牵头重点工作", "序号\t重点工作\t责任单位\t备注"]
    lines += [f"{n}\t{text}\t{units}\t" for n, (text, units) in
              enumerate(PDF_TABLE_ROWS[:2], start=1)]
    lines += ["", "二、赵红副区长牵头重点工作", "序号\t重点工作\t责任单位\t备注"]
    for n in range(1, 19):
        text, units = PDF_TABLE_ROWS[(n + 1) % len(PDF_TABLE_ROWS)]
        lines.append(f"{n}\t第{n}项：{text}\t{units}\t{'年度考核' if n == 5 else ''}")
    lines += ["", "注：标记*的为牵头单位。"]
    return "\n".join(lines) + "\n"


PDF_PARAGRAPHS = """\
2024年清溪区政府工作报告重点工作任务分解

一、优化营商环境
1. 深化营商环境优化提升行动，推行涉企经营许可事项告知承诺制，企业开办全程网办率达到100%，市场主体总量增长8%以上。
牵头负责领导：王海涛
牵头责任单位：区市场监督管理局
协同责任单位：区政务服务中心、区数据资源管理局、区发展和改革局、区司法局、区税务局、区人力资源和社会保障局
完成时限：全年
2. 争取中央预算内投资和地方政府专项债券资金20亿元。
牵头负责领导：王海涛
牵头责任单位：区财政局、区发展和改革局
完成时限：10月底前

二、建设美丽城区
1. 新建城市口袋公园12个，完成绿道建设20公里。
牵头负责领导：林晓东
牵头责任单位：区综合行政执法局
协同责任单位：区住房和城乡建设局
完成时限：11月底前
"""

XLS_SPEC = """\
2024年清溪区政府工作报告重点工作责任清单
序号\t重点工作\t牵头领导\t牵头单位\t配合单位\t完成时限
1\t建成区级应急指挥中心。\t陈立新\t区应急管理局\t区公安分局、区消防救援大队\t9月底前
2\t开展安全生产治本攻坚三年行动。\t^\t区应急管理局\t区住建局、区交通运输局\t全年
3\t新增3岁以下婴幼儿托位600个。\t周敏\t区卫健局\t区教育局、区妇联\t12月底前
4\t建设社区嵌入式服务设施20处。\t^\t区民政局\t\t2024年10月
"""

DOC_SPEC = """\
2024年清溪区政府工作报告重点工作责任分解

一、李明区长牵头重点工作
序号\t重点工作\t责任单位\t备注
1\t实施重大项目攻坚行动，完成固定资产投资120亿元。\t*区发改局、区财政局、区自然资源分局\t
2\t推进开发区整合提升，亩均税收增长8%。\t*区经信局、区商务局\t年度考核

二、赵红副区长牵头重点工作
序号\t重点工作\t责任单位\t备注
1\t完成城市污水管网改造40公里。\t*区住建局、区生态环境分局\t年度考核
2\t建成垃圾分类示范小区30个。\t*区城管局、各街道\t^

注：标记*的为牵头单位。
"""

WPS_SPEC = """\
2024年清溪区政府工作报告重点工作任务分解

一、扩大有效投资
1. 推进重大产业项目落地，新开工亿元以上项目20个。[牵头单位：区发改局；责任单位：区经信局、区招商中心]
2. 开展招商引资“一号工程”，实际利用外资增长10%。【牵头单位：区商务局】

二、保障改善民生
1. 提升改造农贸市场8家。（牵头单位：区市场监管局；责任单位：区商务局、各街道）
"""

ET_SPEC = """\
2024年清溪区政府工作报告重点工作责任分工
序号\t重点工作\t责任单位\t备注
1\t新建标准化菜市场3个。\t区商务局、区市场监管局\t
2\t完成高标准农田建设1.5万亩。\t区农业农村局、区自然资源分局、区财政局\t
3\t实施全民健身设施补短板工程。\t区文广旅体局\t
注：列第一位的责任单位为牵头单位。
"""

NO_TASK_PAGE = PAGE_HEAD.format(charset="utf-8", title="清溪区政府办公室关于做好春节期间安全工作的通知") + """
<h1>清溪区政府办公室关于做好春节期间安全工作的通知</h1>
<p>各镇人民政府、街道办事处，区政府各部门：</p>
<p>春节将至，为确保全区人民过一个安定祥和的节日，请各地各部门认真做好安全防范工作。</p>
<p>清溪区人民政府办公室</p>
""" + PAGE_FOOT


def ruled(docx_path: Path, widths_cm: tuple[float, ...] = ()) -> Path:
    """Give every table of the .docx ruled lines (Table Grid) and the column widths."""
    import docx
    from docx.shared import Cm

    document = docx.Document(str(docx_path))
    for table in document.tables:
        table.style = "Table Grid"
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=False):
                cell.width = Cm(width)
    document.save(str(docx_path))
    return docx_path


def exported(source: Path, target: str, out: Path) -> Path:
    """SOURCE converted by LibreOffice to TARGET (pdf, doc, xls), written to OUT."""
    with tempfile.TemporaryDirectory() as folder:
        converted = convert(source, Path(folder), source.suffix.lstrip("."), target)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(converted.read_bytes())
    return out


def _in_temp(name: str) -> Path:
    return Path(tempfile.mkdtemp(prefix="dutygraph-cases-")) / name


def html_rowspan() -> None:
    _write(CASES / "html-table-rowspan" / "input.html", HTML_ROWSPAN.encode("gb18030"))


def html_paragraphs() -> None:
    _write(CASES / "html-labelled-paragraphs" / "input.html",
           b"\xef\xbb\xbf" + HTML_PARAGRAPHS.encode("utf-8"))


def pdf_ruled_table() -> None:
    source = ruled(write_docx(pdf_table_spec(), _in_temp("table.docx")), (1.2, 8.5, 4.0, 2.0))
    exported(source, "pdf", CASES / "pdf-ruled-table" / "input.pdf")


def pdf_paragraphs() -> None:
    import docx

    source = write_docx(PDF_PARAGRAPHS, _in_temp("paragraphs.docx"))
    document = docx.Document(str(source))
    document.sections[0].footer.paragraphs[0].text = "- 1 -"  # a page number, not text
    document.save(str(source))
    exported(source, "pdf", CASES / "pdf-labelled-paragraphs" / "input.pdf")


def xls_merged_leaders() -> None:
    source = write_xlsx(XLS_SPEC, _in_temp("leaders.xlsx"))
    exported(source, "xls", CASES / "xls-merged-leaders" / "input.xls")


def doc_sections_star() -> None:
    source = ruled(write_docx(DOC_SPEC, _in_temp("sections.docx")))
    exported(source, "doc", CASES / "doc-sections-star" / "input.doc")


def wps_bracketed_labels() -> None:
    source = write_docx(WPS_SPEC, _in_temp("bracketed.docx"))
    exported(source, "doc", CASES / "wps-bracketed-labels" / "input.wps")


def et_first_listed() -> None:
    source = write_xlsx(ET_SPEC, _in_temp("first.xlsx"))
    exported(source, "xls", CASES / "et-first-listed" / "input.et")


def bad_inputs() -> None:
    """A damaged PDF, a scanned one, a page with no tasks, an encrypted .xls and .docx, a cut
    .doc."""
    _write(BAD / "pdf-damaged" / "input.pdf",
           b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
           b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1\n")  # cut off here
    _write(BAD / "pdf-without-text-layer" / "input.pdf", _pdf_without_text())
    _write(BAD / "html-without-tasks" / "input.html", NO_TASK_PAGE.encode("utf-8"))
    doc = (CASES / "doc-sections-star" / "input.doc").read_bytes()
    _write(BAD / "doc-cut-short" / "input.doc", doc[: len(doc) // 3])
    _encrypted(CASES / "xls-merged-leaders" / "input.xls", BAD / "xls-encrypted" / "input.xls",
               "MS Excel 97")
    # A password-protected .docx is no zip but an OLE2 file holding the encrypted package.
    _encrypted_docx(write_docx(DOC_SPEC, _in_temp("plain.docx")),
                    BAD / "docx-encrypted" / "input.docx")


def _pdf_without_text() -> bytes:
    """A one-page PDF that draws a grey box and no text, as a scan without OCR has none."""
    content = b"0.6 g 72 600 450 150 re f"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


UNO_SAVE_WITH_PASSWORD = r"""
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
source, target, profile = sys.argv[1:4]
office = subprocess.Popen(["soffice", "--headless", "--norestore", "--nologo",
    "-env:UserInstallation=" + profile, "--accept=pipe,name=dutygraphcases;urp;"])
resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
for _ in range(60):
    try:
        context = resolver.resolve(
            "uno:pipe,name=dutygraphcases;urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(1)
desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
def props(**values):
    return tuple(PropertyValue(Name=k, Value=v) for k, v in values.items())
document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                        props(Hidden=True))
document.storeToURL(uno.systemPathToFileUrl(target),
                    props(FilterName=sys.argv[4], Password="qingxi"))
document.close(True)
try:
    desktop.terminate()
except Exception:
    pass
office.wait(timeout=60)
"""


def _encrypted(source: Path, target: Path, filter_name: str) -> None:
    """SOURCE saved again by LibreOffice with a password (Debian's python3-uno)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["/usr/bin/python3", "-c", UNO_SAVE_WITH_PASSWORD, str(source.resolve()),
                        str(target.resolve()), Path(folder).as_uri(), filter_name],
                       check=True, timeout=180)


def _encrypted_docx(source: Path, target: Path) -> None:
    """SOURCE encrypted with a password as Word does it (ECMA-376 agile encryption), by
    msoffcrypto-tool (pip install msoffcrypto-tool; for this script only)."""
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with source.open("rb") as plain:
        OOXMLFile(plain).encrypt("qingxi", out)
    _write(target, out.getvalue())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


MAKERS = {"html-table-rowspan": html_rowspan, "html-labelled-paragraphs": html_paragraphs,
          "pdf-ruled-table": pdf_ruled_table, "pdf-labelled-paragraphs": pdf_paragraphs,
          "xls-merged-leaders": xls_merged_leaders, "doc-sections-star": doc_sections_star,
          "wps-bracketed-labels": wps_bracketed_labels, "et-first-listed": et_first_listed,
          "bad-inputs": bad_inputs}


def main(names: list[str]) -> None:
    """Write the named cases (all of them by default), the bad inputs last."""
    for name in names or list(MAKERS):
        MAKERS[name]()
        print("wrote", name)


if __name__ == "__main__":
    main(sys.argv[1:])
