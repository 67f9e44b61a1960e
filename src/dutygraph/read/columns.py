"""What a header cell or a label means, by the words it contains (header text → column)."""

from __future__ import annotations

from dutygraph.read import layout

UNIT_OR_LEADER = (*layout.UNIT_COLUMNS, "leaders")


def header_name(cell: str) -> str:
    """A header cell or label without the spaces and line breaks inside it (序  号 → 序号)."""
    return "".join(cell.split())


def column_of(header: str) -> str | None:
    """The column a header cell names (layout.COLUMN_WORDS, the more specific class first),
    or None when no class fits: 重点工作任务 → text, 牵头领导 → leaders, 考核指标 → None."""
    name = header_name(header)
    if not name or any(word in name for word in layout.EXTRA_HEADER_WORDS):
        return None
    for column, words in layout.COLUMN_WORDS:
        if any(word in name for word in words):
            return column
    return None


def label_column(label: str) -> str | None:
    """The field a label fills (牵头单位：, 分管省领导：, 分管副区长：, 完成时限：), or None.
    A label that names a post (分管副区长) names the leader; a task text label is no label."""
    column = column_of(label)
    if column is None and label.endswith(layout.LEADER_TITLES):
        return "leaders"
    return column if column in (*UNIT_OR_LEADER, "deadline", "remark") else None


def is_header_row(cells: tuple[str, ...] | list[str]) -> bool:
    """A task table's header row: 序号 (or 编号) among its cells, or short cells that name a
    task text column and a units or leader column (重点工作任务 / 责任单位 / 完成时限)."""
    names = [header_name(cell) for cell in cells if cell.strip()]
    if len(names) < 2 or any(len(name) > layout.HEADER_CELL_MAX or
                             set(name) & set(layout.NOT_IN_HEADERS) or name.isdigit()
                             for name in names):
        return False
    kinds = [column_of(name) for name in names]
    if "number" in kinds and len(names[kinds.index("number")]) <= 4:
        return True
    known = [kind for kind in kinds if kind is not None]
    return "text" in kinds and any(kind in UNIT_OR_LEADER for kind in kinds) and \
        len(known) > 2 * (len(kinds) - len(known))


def is_header_continuation(cells: tuple[str, ...] | list[str]) -> bool:
    """The lower row of a header printed over two rows (under 责任单位: 牵头单位 / 配合单位):
    every filled cell a short header word of a unit, leader or deadline column."""
    names = [header_name(cell) for cell in cells if cell.strip()]
    return bool(names) and len(names) < len(cells) and all(
        len(name) <= layout.HEADER_CELL_MAX and column_of(name) in (*UNIT_OR_LEADER, "deadline")
        for name in names)
