"""The notebooks run from a clean kernel, and their key cells show the right answers."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from . import seed_facts
from .conftest import REPO

NOTEBOOKS = REPO / "notebooks"


def _text(cell) -> str:
    """Everything a cell showed, as text (plain-text form of tables included)."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def _executed(root, name: str, folders: tuple[str, ...]):
    """The notebook NAME executed in ROOT, a copy of the repo's layout with FOLDERS linked in
    (its output stays there): ROOT, and its cells by tag."""
    for folder in folders:
        (root / folder).symlink_to(REPO / folder)
    (root / "notebooks").mkdir()
    path = root / "notebooks" / name
    shutil.copy(NOTEBOOKS / name, path)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    cells = {tag: cell for cell in notebook.cells
             for tag in cell.get("metadata", {}).get("tags", [])}
    return root, cells


@pytest.fixture(scope="module")
def coordination(tmp_path_factory):
    """coordination.ipynb executed in a copy of the repo's layout."""
    return _executed(tmp_path_factory.mktemp("lab"), "coordination.ipynb", ("data", "queries"))


def test_every_notebook_is_stored_without_outputs():
    for path in NOTEBOOKS.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code"), path


def test_build_cell_reports_the_seed_counts(coordination):
    assert "127 tasks, 371 assignments, 90 units" in _text(coordination[1]["build"])


def test_tasks_per_leader(coordination):
    shown = _text(coordination[1]["tasks-per-leader"])
    for leader, count in [("林仕德", 17), ("林照光", 27), ("金剑欣", 11)]:
        assert any(line.split() == [leader, str(count)] for line in shown.splitlines()), leader


def test_unit_load_top_row(coordination):
    load = seed_facts.unit_load(seed_facts.seed_rows())
    top = max(load, key=lambda unit: (load[unit][0], load[unit][1]))
    rows = [line.split() for line in _text(coordination[1]["unit-load"]).splitlines()]
    first_row = next(row for row in rows if row and row[0] == "0")
    # unit, lead_tasks, co_tasks, leaders; then the row's document, district and year
    assert first_row[1:5] == [top, *map(str, load[top])]
    assert first_row[5:] == ["ouhai-2024", "瓯海区", "2024"]


def test_chart_is_drawn(coordination):
    outputs = coordination[1]["unit-load-chart"]["outputs"]
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_search_with_a_parameter(coordination):
    shown = _text(coordination[1]["search"])
    assert "数安港" in shown and " 50 " in f" {shown} "


def test_own_query_gives_labels_not_iris(coordination):
    shown = _text(coordination[1]["own-query"])
    assert "区经信局" in shown and "https://" not in shown


def test_exports_open_in_excel_with_chinese(coordination):
    import openpyxl

    root = coordination[0]
    sheet = openpyxl.load_workbook(root / "output" / "unit_load.xlsx").active
    assert [c.value for c in sheet[1]] == ["unit", "lead_tasks", "co_tasks", "leaders",
                                           "document", "district", "year"]
    assert sheet["A2"].value == "区经信局"
    raw = (root / "output" / "unit_pairs.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "市高教新区建设中心".encode() in raw


def test_the_collaboration_picture_is_a_page_beside_and_a_small_output(coordination):
    """The picture is written to a file and shown in an iframe that points at it (a reopened,
    untrusted notebook keeps a link and the path even if it drops the iframe): the output is
    a few hundred bytes, not the ~900 KB of an embedded page."""
    import json

    root, cells = coordination
    outputs = cells["collaboration"]["outputs"]
    data = next(o["data"] for o in outputs if "text/html" in o.get("data", {}))
    html = data["text/html"]
    assert '<iframe src="../output/collaboration-strong.html"' in html
    assert '<a href="../output/collaboration-strong.html"' in html
    assert "../output/collaboration-strong.html" in data["text/plain"]
    assert len(json.dumps(outputs)) < 2000
    page = (root / "output" / "collaboration-strong.html").read_text(encoding="utf-8")
    assert "vis-network" in page and "区发改局" in page


def test_portfolio_by_a_name_as_written(coordination):
    shown = _text(coordination[1]["portfolio"])
    assert "确保大学生留瓯人数" in shown and "lead" in shown


def test_targets_table_has_normalised_values(coordination):
    shown = _text(coordination[1]["targets"])
    assert "全区生产总值增长" in shown and "approx" in shown


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    """years.ipynb executed in a copy of the repo's layout, with the test corpus beside it."""
    return _executed(tmp_path_factory.mktemp("lab-years"), "years.ipynb",
                     ("data", "queries", "tests"))


def _rows(cell) -> list[list[str]]:
    return [line.split() for line in _text(cell).splitlines() if line.strip()]


def test_years_builds_three_documents(years):
    shown = _text(years[1]["build"])
    # 6,655 quads of the three documents (a publisher each), 24 of the 6 recurring pairs.
    for line in ("ouhai-2024 2024 127 tasks", "ouhai-2023 2023 7 tasks",
                 "ouhai-2025 2025 6 tasks", "3 documents, 6679 quads"):
        assert line in shown


def test_years_gdp_target_by_year(years):
    # 2023 line 12 全区生产总值增长 6%左右, 2024 line 13 …6.5%左右, 2025 line 12 …6%以上
    rows = [row[1:] for row in _rows(years[1]["indicator-targets"])[1:]]
    assert [row[1:7] for row in rows] == [
        ["2023", "6.0", "%", "approx", "ouhai-2023", "12"],
        ["2024", "6.5", "%", "approx", "ouhai-2024", "13"],
        ["2025", "6.0", "%", "at_least", "ouhai-2025", "12"]]
    outputs = years[1]["indicator-chart"]["outputs"]
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_years_recurring_tasks(years):
    shown = _text(years[1]["recurring"])
    assert "全区生产总值增长 6%左右。" in shown and "0.857" in shown
    # 银发经济 2024 → 低空经济 2025 (0.7) share too few words to be one task recurring.
    assert "大力发展“低空经济”。" not in shown


def test_years_units_lead_per_year_checked_against_the_seed(years):
    led_2024 = {unit: lead for unit, (lead, _, _) in
                seed_facts.unit_load(seed_facts.seed_rows()).items()}
    rows = {row[0]: row[1:] for row in _rows(years[1]["load-by-year"])}
    # 区发改局 leads 2 tasks of the 2023 table and 3 of the 2025 table (tests/corpus)
    assert rows["区发改局"] == ["2", str(led_2024["区发改局"]), "3"]
    change = {row[2]: row[3:] for row in _rows(years[1]["lead-change"])[1:]}
    # year, lead_tasks, previous, change, then (issue 22) the document the row counts
    assert change["区经信局"] == ["2025", "0", str(led_2024["区经信局"]),
                                  str(-led_2024["区经信局"]), "ouhai-2025"]


def test_years_exports_open_in_excel(years):
    import openpyxl

    folder = years[0] / "output" / "years"
    sheet = openpyxl.load_workbook(folder / "lead_tasks_by_year.xlsx").active
    assert [c.value for c in sheet[1]] == ["unit", "2023", "2024", "2025"]
    assert isinstance(sheet["C2"].value, int)
    assert (folder / "recurring_tasks.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (folder / "corpus.trig").exists()


def test_a_column_of_decimals_becomes_floats_and_the_rest_stays():
    from decimal import Decimal

    from dutygraph.ask.query import QueryResult
    from dutygraph.picture.notebook import result_frame

    frame = result_frame(QueryResult(
        ("unit", "tasks", "value", "span"),
        (("区发改局", 11, Decimal("6.5"), "6.5%左右"), ("区经信局", 12, None, None))))
    assert frame["value"].dtype == float and frame["value"].iloc[0] == 6.5
    assert frame["tasks"].dtype.kind == "i"
    assert frame["span"].iloc[0] == "6.5%左右" and frame["unit"].iloc[1] == "区经信局"


@pytest.fixture(scope="module")
def progress(tmp_path_factory):
    """progress.ipynb executed in a copy of the repo's layout, with the golden reports."""
    return _executed(tmp_path_factory.mktemp("lab-progress"), "progress.ipynb",
                     ("data", "queries", "tests"))


def test_progress_builds_the_plan_with_six_reports(progress):
    shown = _text(progress[1]["build"])
    for line in ("q3-status-column 1—9月 8 items, 8 linked", "h1-unmatched 1—6月 4 items, 3 linked",
                 "ouhai-2024-progress-oct 截至10月底 2 items, 2 linked"):
        assert line in shown


def test_progress_behind_and_attainment(progress):
    behind = _text(progress[1]["behind"])
    assert "区发改局、区生态环境分局" in behind and "林仕德" in behind and "截至10月底" in behind
    attainment = _text(progress[1]["attainment"])
    assert "全区风电光伏发电总装机" in attainment and "True" in attainment


@pytest.fixture(scope="module")
def districts(tmp_path_factory):
    """districts.ipynb executed in a copy of the repo's layout, with the generator beside it."""
    return _executed(tmp_path_factory.mktemp("lab-districts"), "districts.ipynb",
                     ("data", "queries", "benchmarks"))


def test_districts_builds_two_districts(districts):
    assert "10 documents of 2 districts," in _text(districts[1]["build"])


def test_districts_load_of_one_body_by_district_and_chart(districts):
    rows = _rows(districts[1]["load-by-district"])
    assert rows[0][0] == "district" and len(rows[0]) == 3  # two districts as columns
    assert [row[0] for row in rows[2:]] == ["2021", "2022", "2023", "2024", "2025"]
    for tag in ("load-chart", "collaboration-chart", "targets-chart"):
        outputs = districts[1][tag]["outputs"]
        assert any("image/png" in o.get("data", {}) for o in outputs), tag


def test_districts_collaboration_and_a_scoped_question(districts):
    shown = _text(districts[1]["collaboration"])
    assert "density" in shown and "hub" in shown and "syn-0002-2025" in shown
    scoped = _text(districts[1]["scoped-pairs"])
    assert "unit_a" in scoped and "2024" in scoped and "syn-0001-2024" in scoped
    assert "syn-0002" not in scoped and "2023" not in scoped.split("year", 1)[1]


def test_districts_indicator_targets_say_outliers(districts):
    shown = _text(districts[1]["indicator-targets"])
    assert "outlier" in shown and "孵化面积" in shown
    assert (districts[0] / "output" / "districts" / "collaboration_by_district.xlsx").exists()
