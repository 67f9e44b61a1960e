"""Progress reports (issue 24): golden reports linked to the seed plan, the status and period
words, the questions against a hand count, and bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from dutygraph.ask.graphs import open_graph
from dutygraph.ask.query import run_query_file
from dutygraph.cli.main import cli
from dutygraph.progress_build import build_year
from dutygraph.read.progress_text import read_period, read_share, read_status

from .conftest import QUERIES, REPO

SEED = REPO / "data" / "ouhai-2024-key-tasks.txt"
CASES = REPO / "tests" / "cases-progress"
REPORT_SUFFIXES = (".txt", ".docx", ".xlsx")


def _report(case: Path) -> Path:
    return next(p for p in sorted(case.iterdir()) if p.suffix in REPORT_SUFFIXES)


def _links(case: Path) -> str | None:
    return str(case / "links.csv") if (case / "links.csv").exists() else None


def _as_expected(year, name: str) -> dict:
    """The report's outcome in the form of the case's expected.json."""
    outcome = year.reports[0]
    document = outcome.document
    items = []
    for item, link, measured in zip(document.items, outcome.links, outcome.measured,
                                    strict=True):
        items.append({
            "place": str(item.place),
            "task": f"{link.task[0]:02d}-{link.task[1]:02d}" if link.task else None,
            "method": link.method,
            "status": item.status.notation if item.status else None,
            "observations": [f"{f.value} {f.unit} {f.kind} → " + (
                "no target" if t is None else f"target-{t + 1:02d}")
                for f, t in zip(item.figures, measured, strict=True)],
        })
    return {"report": name, "period": {
        "label": document.period.label,
        "months": [document.period.first_month, document.period.last_month],
        "read_from": document.period_place}, "layout": document.layout, "items": items}


@pytest.mark.parametrize("case", sorted(p for p in CASES.iterdir() if p.is_dir()),
                         ids=lambda p: p.name)
def test_golden_report(case):
    """Each golden report links, reads its statuses and measures its targets as expected."""
    report = _report(case)
    year = build_year([SEED, report], validate=False, links=_links(case))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert _as_expected(year, report.name) == expected


@pytest.fixture(scope="module")
def year_store(tmp_path_factory):
    """The seed plan with all six golden reports, validated, as `dutygraph query` reads it."""
    reports = [_report(case) for case in sorted(CASES.iterdir()) if case.is_dir()]
    year = build_year([SEED, *reports], links=str(CASES / "unmatched" / "links.csv"))
    assert year.plan.validation.conforms
    path = tmp_path_factory.mktemp("year") / "graph.ttl"
    path.write_bytes(year.plan.graph.serialize(format="turtle", encoding="utf-8"))
    return open_graph(path)


def _ask(store, name):
    return run_query_file(store, QUERIES / name, {}).records()


def test_behind_schedule_agrees_with_a_hand_count(year_store):
    # By hand, the latest statement of each task in the six reports: 进度滞后/滞后/未达序时
    # (02-07, 03-10, 03-12, 03-15, 04-06, 10-02), 其余2家尚未开工 (05-08, partly begun), and
    # shares below 序时 75% in 1—9月 (08-08 60%, 09-07 52%). 02-05 is 滞后 in 1—6月 but
    # 序时推进 in 1—9月, the later: not behind.
    rows = _ask(year_store, "behind_schedule.rq")
    assert [(r["line"], r["status"]) for r in rows] == [
        (19, "behind"), (49, "behind"), (51, "behind"), (56, "behind"), (82, "behind"),
        (120, "behind"), (169, "behind"), (181, "behind"), (196, "behind")]
    by_line = {r["line"]: r for r in rows}
    assert by_line[19]["lead_units"] == "区发改局、区生态环境分局"
    assert by_line[19]["leader"] == "林仕德"
    assert by_line[196]["period"] == "截至10月底"


def test_target_attainment_agrees_with_a_hand_count(year_store):
    rows = _ask(year_store, "target_attainment.rq")
    met = sorted((r["line"], str(r["reported"])) for r in rows if r["met"])
    # By hand: 6.8% ≥ 6.5%左右; 16.2万 ≥ 15万千瓦以上; 96.3% ≥ 95%以上; 疏通100 of 100公里;
    # 412亿 ≥ 400亿以上; 1300 of 1300亩; 100 of 100个 and 260万 ≥ 200万元以上; 25 of 25家,
    # 90 of 90张 and the 100% share beside them.
    assert met == [(13, "6.8"), (20, "162000"), (21, "96.3"), (92, "100"),
                   (135, "41200000000"), (180, "1300"), (195, "100"), (195, "2600000"),
                   (197, "100"), (197, "25"), (197, "90")]
    assert len(rows) == 36
    green = next(r for r in rows if r["line"] == 49 and not r["share"])
    assert (green["target"], green["reported"], green["attainment"], green["comparator"]) == (
        Decimal("300000"), Decimal("180000"), Decimal("0.6"), "at_least")


def test_an_at_least_target_is_met_at_its_value(year_store):
    rows = _ask(year_store, "target_attainment.rq")
    exactly = [r for r in rows if r["comparator"] == "exact" and r["reported"] == r["target"]]
    assert exactly and all(r["met"] for r in exactly)


def test_unit_and_leader_delivery(year_store):
    units = {r["unit"]: r for r in _ask(year_store, "unit_delivery.rq")}
    # 区发改局 leads 02-01, 02-05, 02-07, 02-08, 02-13 among the reported: 02-08 and 02-13
    # completed, 02-01 and 02-05 on schedule, 02-07 behind.
    assert {k: units["区发改局"][k] for k in ("reported", "completed", "on_schedule",
                                            "behind")} == {
        "reported": 5, "completed": 2, "on_schedule": 2, "behind": 1}
    leaders = {r["leader"]: r for r in _ask(year_store, "leader_delivery.rq")}
    assert (leaders["林照光"]["reported"], leaders["林照光"]["behind"]) == (4, 3)


def test_progress_by_task_gives_the_latest_period(year_store):
    rows = {r["line"]: r for r in _ask(year_store, "progress_by_task.rq")}
    assert (rows[17]["period"], rows[17]["status"]) == ("1—9月", "onSchedule")  # not 1—6月
    assert rows[20]["targets"] == "150000千瓦 at_least"
    assert len(rows) == 27


@pytest.mark.parametrize("text, status", [
    ("截至9月底，已完成投资12.3亿元，占年度计划的82%", None),
    ("已完成年度任务。", "completed"),
    ("一期已完成，二期进度滞后", "behind"),
    ("未按序时推进", "behind"),
    ("尚未完成", "behind"),
    ("项目尚未启动", "notStarted"),
    ("已建成3家，其余2家尚未开工", "behind"),
    ("基本完成", "basicallyCompleted"),
    ("超序时进度推进", "aheadOfSchedule"),
    ("有序推进园区建设", None),
])
def test_status_words_in_a_progress_text(text, status):
    found = read_status(text, cell=False)
    assert (found.notation if found else None) == status


@pytest.mark.parametrize("text, months", [
    ("2024年1—9月重点工作推进情况", (1, 9)), ("第三季度", (7, 9)), ("上半年", (1, 6)),
    ("截至6月底", (1, 6)), ("前三季度", (1, 9)), ("一季度", (1, 3)), ("1-11月份", (1, 11)),
    ("截至2024年十月底", (1, 10)), ("2024年重点工作完成情况", None),
])
def test_period_words(text, months):
    period = read_period(text)
    assert ((period.first_month, period.last_month) if period else None) == months


def test_share_phrases():
    assert read_share("累计完成投资3亿元，为年计划的44%", cell=False) == Decimal("44")
    assert read_share("投资完成率19%", cell=False) == Decimal("19")
    assert read_share("８２％", cell=True) == Decimal("82")
    assert read_share("同比增长12%", cell=False) is None


def _run(tmp_path, *args):
    return CliRunner().invoke(cli, ["build", *map(str, args), "-o", str(tmp_path / "out")])


def test_build_command_writes_the_plan_and_its_reports(tmp_path):
    case = CASES / "status-column"
    result = _run(tmp_path, SEED, _report(case))
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "build-report.md").read_text(encoding="utf-8")
    assert "| 2024 1—9月 (months 1–9) |" in report and "completed 2, onSchedule 3, behind 3" \
        in report
    assert "- line 5 → task 02-01 (number): section 二, 序号 1 → task 02-01" in report
    data = json.loads((tmp_path / "out" / "build-report.json").read_text(encoding="utf-8"))
    assert data["tasks"] == 127 and data["progress"][0]["tasks_reported"] == 8


def test_an_unlinked_item_is_kept_and_listed(tmp_path):
    case = CASES / "unmatched"
    result = _run(tmp_path, SEED, _report(case), "--links", case / "links.csv")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "build-report.md").read_text(encoding="utf-8")
    assert "- line 4: 做好防汛防台和城市内涝防御工作。 — best 0.00" in report
    assert "- line 7 → task 02-05 (override): override file line 2" in report
    graph = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "汛期前完成隐患点排查126处。" in graph


def test_a_report_whose_period_cannot_be_read(tmp_path):
    report = tmp_path / "no-period.txt"
    report.write_text("瓯海区2024年重点工作完成情况\n\n序号\t重点工作\t责任单位\t进展情况\n"
                      "1\t确保新增上市企业2家。\t区金融工作服务中心\t已完成。\n", encoding="utf-8")
    result = _run(tmp_path, SEED, report)
    assert result.exit_code == 2
    assert f"Error: {report}:1: cannot read the period this progress report covers (its " \
        "title: '瓯海区2024年重点工作完成情况')" in result.output
    assert not (tmp_path / "out").exists()


def test_a_report_of_a_year_with_no_plan(tmp_path):
    report = tmp_path / "other-year.txt"
    report.write_text("瓯海区2023年1—9月重点工作推进情况\n\n序号\t重点工作\t责任单位\t进展情况\n"
                      "1\t确保新增上市企业2家。\t区金融工作服务中心\t已完成。\n", encoding="utf-8")
    result = _run(tmp_path, SEED, report)
    assert result.exit_code == 2
    assert f"Error: {report}:1: this progress report covers 2023, and the dataset has no " \
        "plan of 2023: the plan given (ouhai-2024) is of 2024" in result.output
    assert not (tmp_path / "out").exists()


def test_a_bad_override_names_its_line(tmp_path):
    links = tmp_path / "links.csv"
    links.write_text("report,place,task\nh1-unmatched.txt,7,02-99\n", encoding="utf-8")
    result = _run(tmp_path, SEED, _report(CASES / "unmatched"), "--links", links)
    assert result.exit_code == 2
    assert f"Error: {links}:2: the plan has no task 02-99" in result.output
