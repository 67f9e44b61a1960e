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


@pytest.fixture(scope="module")
def coordination(tmp_path_factory):
    """coordination.ipynb executed in a copy of the repo's layout (its output stays there)."""
    root = tmp_path_factory.mktemp("lab")
    for folder in ("data", "queries"):
        (root / folder).symlink_to(REPO / folder)
    (root / "notebooks").mkdir()
    path = root / "notebooks" / "coordination.ipynb"
    shutil.copy(NOTEBOOKS / "coordination.ipynb", path)
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    cells = {tag: cell for cell in notebook.cells
             for tag in cell.get("metadata", {}).get("tags", [])}
    return root, cells


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
    assert first_row[1:] == [top, *map(str, load[top])]


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
    assert [c.value for c in sheet[1]] == ["unit", "lead_tasks", "co_tasks", "leaders"]
    assert sheet["A2"].value == "区经信局"
    raw = (root / "output" / "unit_pairs.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "市高教新区建设中心".encode() in raw


def test_portfolio_by_a_name_as_written(coordination):
    shown = _text(coordination[1]["portfolio"])
    assert "确保大学生留瓯人数" in shown and "lead" in shown


def test_targets_table_has_normalised_values(coordination):
    shown = _text(coordination[1]["targets"])
    assert "全区生产总值增长" in shown and "approx" in shown
