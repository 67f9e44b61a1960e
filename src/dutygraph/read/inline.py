"""Units written inside a task's paragraph: labels and role words after its text (text → labels).

The genre writes them in brackets of any kind after the text, nested brackets allowed
(（牵头单位：区政府办公室（区大数据局）；配合单位：各街道）, [牵头单位:X;责任单位:Y],
（X牵头，Y、Z配合）, （X等按职责分工负责）, （分管副省长负责，X牵头，Y配合）), or as labels on the
same line after the text (…。牵头单位：X；责任单位：Y). Each is read into (label, value) pairs
the labelled lines also give, so one function (cells.label_fields) says what they mean.
"""

from __future__ import annotations

import re

from dutygraph.read import layout
from dutygraph.read.cells import leader_names, role_in_brackets, split_outside_brackets
from dutygraph.read.columns import UNIT_OR_LEADER, label_column

# A label at the start of the text or after a separator: 牵头单位： / ；配合单位: / ，责任单位：
LABEL_AT = re.compile(r"(?:^|(?<=[；;，,。.\s]))\s*(?P<label>[\u4e00-\u9fff]{2,8})\s*[：:]")
CLAUSE_SEPARATORS = "，,；;"
# The words that name units in a role clause: pseudo-labels read as labelled lines are.
ROLE_LABELS = {"lead": "牵头单位", "co": "配合单位", None: "责任单位"}


def trailing_units(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The task text and the units it names after it, in brackets or as labels on the same
    line; None when it names none."""
    bracket = _tail_bracket(text)
    if bracket is not None:
        start, content = bracket
        pairs = label_pairs(content) or role_pairs(content)
        if pairs:
            return text[:start].rstrip(), pairs
    return same_line_labels(text)


def same_line_labels(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """"任务。牵头单位：X；责任单位：Y" → ("任务。", pairs): labels after the text's full stop."""
    for match in LABEL_AT.finditer(text):
        start = match.start("label")
        if start and label_column(match["label"]) in UNIT_OR_LEADER and \
                text[:start].rstrip()[-1:] in "。.；;":
            pairs = label_pairs(text[start:])
            if pairs and any(label_column(label) in layout.UNIT_COLUMNS for label, _ in pairs):
                return text[:start].rstrip(), pairs
    return None


def label_pairs(content: str) -> list[tuple[str, str]] | None:
    """"牵头单位：X；配合单位：Y、Z" → [(牵头单位, X), (配合单位, Y、Z)]; None unless the content
    starts with a label and names units."""
    found = [m for m in LABEL_AT.finditer(content) if label_column(m["label"])]
    if not found or content[:found[0].start()].strip():
        return None
    pairs = []
    for match, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() if following else len(content)
        pairs.append((match["label"], content[match.end():end].strip(" ；;，,。.")))
    if not any(label_column(label) in layout.UNIT_COLUMNS for label, _ in pairs):
        return None
    return pairs


def role_pairs(content: str) -> list[tuple[str, str]] | None:
    """"X牵头，Y、Z等按职责分工负责" → [(牵头单位, X), (责任单位, Y、Z等)]: clauses that end in a
    role word; a clause naming only posts (分管副省长负责) names no unit, a clause of time
    (年内持续推进) is the deadline. None when a clause is neither (a parenthesis of the text)."""
    pairs, named = [], False
    for clause in split_outside_brackets(content, CLAUSE_SEPARATORS):
        clause = clause.strip(layout.UNIT_TRIM)
        if not clause:
            continue
        units, role = role_clause(clause)
        if role is False and _roles_in_brackets(clause):  # 区发改局（牵头），区财政局（配合）
            pairs.append((ROLE_LABELS[None], clause))
            named = True
        elif role is not False:
            if units and not _only_posts(units):
                pairs.append((ROLE_LABELS[role], units))
                named = True
        elif layout.DEADLINE_CLAUSE.search(clause):
            pairs.append(("完成时限", clause))
        else:
            return None
    return pairs if named else None


def role_clause(clause: str) -> tuple[str, str | bool | None]:
    """"Y、Z配合" → ("Y、Z", "co"); "X负责" → ("X", None); no role word → (clause, False)."""
    for word, role in layout.CLAUSE_ROLE_WORDS:
        if clause.endswith(word) and len(clause) > len(word):
            return clause[: -len(word)].strip(layout.UNIT_TRIM), role
    return clause, False


def _roles_in_brackets(clause: str) -> bool:
    """A clause whose units carry their roles in brackets: X（牵头）、Y（配合）."""
    return any(role_in_brackets(piece.strip(layout.UNIT_TRIM))[1] is not None
               for piece in split_outside_brackets(clause, layout.UNIT_SEPARATORS))


def trailing_leaders(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The text and the leaders a leader label after it names, in brackets or not:
    "扩大有效投资（牵头领导：张三、李四）", "推进城市更新。分管领导：王五 赵六" → the names;
    None when the text ends in no leader label (a heading's or a task's)."""
    bracket = _tail_bracket(text)
    if bracket is not None:
        start, content = bracket
        names = _leader_label(content)
        if names:
            return text[:start].rstrip(), names
    for match in LABEL_AT.finditer(text):
        start = match.start("label")
        if start and label_column(match["label"]) == "leaders":
            names = leader_names(text[match.end():].strip(" 。.；;，,"))
            if names:
                return text[:start].rstrip(" ；;，,"), names
    return None


def _leader_label(content: str) -> tuple[str, ...] | None:
    """牵头领导：张三、李四 → the names: a bracket that holds one leader label and nothing else."""
    match = LABEL_AT.match(content)
    if match is None or label_column(match["label"]) != "leaders":
        return None
    return leader_names(content[match.end():].strip(" 。.；;，,"))


def _only_posts(units: str) -> bool:
    """分管副省长、协管副秘书长: posts, not units (a leader named only by title)."""
    parts = [p.strip() for p in split_outside_brackets(units, "、,，") if p.strip()]
    return bool(parts) and all(p.endswith(layout.LEADER_TITLES) for p in parts)


def _tail_bracket(text: str) -> tuple[int, str] | None:
    """Where the bracket that ends TEXT (before a last 。) opens, and what it holds; brackets
    inside it may nest (区政府办公室（区大数据局）)."""
    end = len(text.rstrip(" 。.；;\u3000"))
    if not end or text[end - 1] not in layout.CLOSE_BRACKETS:
        return None
    depth = 0
    for index in range(end - 1, -1, -1):
        char = text[index]
        if char in layout.CLOSE_BRACKETS:
            depth += 1
        elif char in layout.OPEN_BRACKETS:
            depth -= 1
            if depth == 0:
                return index, text[index + 1:end - 1]
    return None
