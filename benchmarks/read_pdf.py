"""How long a long PDF takes to read: issue 21 asks for a 100-page PDF in under 10 s.

    python benchmarks/read_pdf.py [--pages 100] [--runs 3] [--folder output/bench-pdf]

Writes (once, kept in FOLDER) a PDF of about PAGES pages as a government office makes one:
a .docx of leaders' sections, each a ruled table of 序号 / 重点工作 / 责任单位 / 备注 with
two-line tasks and wrapped unit cells, exported by LibreOffice. Then reads it RUNS times and
prints the median seconds of the format reader alone (pdfplumber: tables and lines) and of
the whole read into records (dutygraph.read.reader.read_table), with pages, items and tasks.
Needs LibreOffice (scripts/install-system-deps.sh) the first time only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dutygraph.read.formats.legacy import convert
from dutygraph.read.reader import read_table, source_items

REPO = Path(__file__).resolve().parent.parent
NUMERALS = "一二三四五六七八九十"
ROWS_PER_PAGE = 7  # a section's table of two-line tasks: about a page, as LibreOffice lays it out
TASKS = ["推进数字经济核心产业招引，全年引进数字经济项目15个以上，规上数字经济核心产业营业收入"
         "增长12%。", "实施城市有机更新行动，完成城中村改造1200户，新开工保障性租赁住房1500套。",
         "深化“一件事”集成改革，推出高频联办事项30项，企业开办时间压缩至1个工作日。"]
UNITS = ["*区经济和信息化局、区发展和改革局、区招商投资促进中心", "*区住房和城乡建设局、区财政局",
         "*区政务服务中心、区数据资源管理局"]


def spec(pages: int) -> str:
    """The document as a text spec (tests/office_files.py): sections of ~one page each."""
    lines = ["2024年某区政府工作报告重点工作责任分解", ""]
    for section in range(pages + pages // 20):  # LibreOffice fits a few sections on one page
        numeral = chinese_numeral(section + 1)
        lines += [f"{numeral}、张{section + 1}副区长牵头重点工作", "序号\t重点工作\t责任单位\t备注"]
        for n in range(1, ROWS_PER_PAGE + 1):
            k = (section + n) % len(TASKS)
            remark = "年度考核" if n % 7 == 0 else ""
            lines.append(f"{n}\t第{n}项：{TASKS[k]}\t{UNITS[k]}\t{remark}")
        lines.append("")
    return "\n".join(lines)


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 100 → 一百 (section numerals up to 100)."""
    if n == 100:
        return "一百"
    tens, ones = divmod(n, 10)
    return (("" if tens < 2 else NUMERALS[tens - 1]) + ("十" if tens else "")
            + (NUMERALS[ones - 1] if ones else ""))


def make_pdf(pages: int, folder: Path) -> Path:
    """The benchmark PDF, written once and kept."""
    sys.path.insert(0, str(REPO))
    from tests.make_format_cases import ruled
    from tests.office_files import write_docx

    target = folder / f"tables-{pages}.pdf"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        docx = ruled(write_docx(spec(pages), Path(temporary) / "tables.docx"))
        target.write_bytes(convert(docx, Path(temporary), "docx", "pdf").read_bytes())
    return target


def median_seconds(function, runs: int):
    """The median wall and CPU seconds of RUNS calls of FUNCTION, and its last result. (On a
    shared machine the CPU time is what the read costs; the wall time what it took.)"""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return (statistics.median(walls), statistics.median(cpus)), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=REPO / "output" / "bench-pdf")
    args = parser.parse_args()
    pdf = make_pdf(args.pages, args.folder)
    items_time, items = median_seconds(lambda: source_items(pdf), args.runs)
    read_time, document = median_seconds(lambda: read_table(pdf), args.runs)
    pages = max((item.place.page or 0) for item in items.items)
    print(f"{pdf}: {pages} pages, {len(items.items)} items, {len(document.tasks)} tasks")
    print(f"median of {args.runs}: format reader (pdfplumber) {items_time[0]:.2f} s wall, "
          f"{items_time[1]:.2f} s CPU; whole read {read_time[0]:.2f} s wall, "
          f"{read_time[1]:.2f} s CPU ({read_time[0] / pages * 1000:.0f} ms a page)")


if __name__ == "__main__":
    main()
