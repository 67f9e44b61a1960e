"""Nothing lost: `dutygraph table` gives back every task row of the source as printed."""

from __future__ import annotations

from click.testing import CliRunner

from dutygraph.cli.main import cli
from dutygraph.publish.table import records_from_graph
from dutygraph.read.reader import read_table, split_units

from .conftest import SEED


def _source_rows():
    """Task rows straight from the published file: number, text, units with their * marks."""
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0].strip().isdigit():
            yield int(cells[0]), cells[1].strip(), split_units(cells[2]), cells[3].strip()


def _rows(document):
    return [(t.number, t.text, t.units, t.remark) for t in document.tasks]


def test_table_reproduces_all_127_source_rows(seed_turtle, tmp_path):
    out = tmp_path / "table.txt"
    result = CliRunner().invoke(cli, ["table", str(seed_turtle), "-o", str(out)])
    assert result.exit_code == 0, result.output
    source_rows = list(_source_rows())
    assert len(source_rows) == 127
    assert _rows(read_table(out)) == source_rows


def test_table_keeps_sections_headings_and_statements(seed_turtle, tmp_path):
    out = tmp_path / "table.txt"
    CliRunner().invoke(cli, ["table", str(seed_turtle), "-o", str(out)])
    original, again = read_table(SEED), read_table(out)
    assert [(s.heading, s.leader, s.leader_titles, [x.text for x in s.statements])
            for s in again.sections] == [
        (s.heading, s.leader, s.leader_titles, [x.text for x in s.statements])
        for s in original.sections
    ]


def test_graph_gives_back_the_reader_records(seed_build):
    assert _rows(records_from_graph(seed_build.graph)) == _rows(read_table(SEED))


def _units_cell_as_written_back(cell: str) -> str:
    """The README's rule, done independently of the reader: units split at 、，,；; joined
    with 、, spaces around each name and the full stop ending the cell dropped."""
    import re

    names = (name.strip(" \u3000。；;") for name in re.split(r"[、，,；;]", cell))
    return "、".join(name for name in names if name)


def test_table_gives_rows_back_byte_for_byte_but_for_the_units_separators(seed_turtle,
                                                                           tmp_path):
    """What README.md says of `dutygraph table`, pinned: number, text and remark byte for
    byte; the 责任单位 cell normalised as _units_cell_as_written_back says, which changes 9 of
    the seed's 127 rows (，→、, a trailing 。, stray spaces)."""
    out = tmp_path / "table.txt"
    CliRunner().invoke(cli, ["table", str(seed_turtle), "-o", str(out)])

    def task_lines(path):
        return [line for line in path.read_text(encoding="utf-8").splitlines()
                if line.split("\t")[0].isdigit()]

    source, back = task_lines(SEED), task_lines(out)
    assert len(source) == len(back) == 127
    changed = 0
    for printed, written in zip(source, back, strict=True):
        cells, again = printed.split("\t"), written.split("\t")
        assert again[:2] == cells[:2] and again[3:] == cells[3:]  # 序号, 重点工作, 备注
        assert again[2] == _units_cell_as_written_back(cells[2])
        changed += printed != written
    assert changed == 9
    readme = (SEED.parents[1] / "README.md").read_text(encoding="utf-8")
    assert ("the 责任单位 cell comes back as its units in order, each with its `*`, joined "
            "with 、") in " ".join(readme.split())
