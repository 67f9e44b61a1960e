"""What one cell or label says: its units with their roles, its leaders (cell → values)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from dutygraph.read import layout
from dutygraph.read.columns import label_column
from dutygraph.read.records import UnitMention

Fail = Callable[[str], Exception]


def split_units(cell: str, role: str | None = None) -> tuple[UnitMention, ...]:
    """Split a 责任单位 cell on 、，,；; (never inside brackets nor inside a collective name
    such as 各县、市、区政府) into unit mentions; ROLE is the role the column or label gives.
    A clause that ends in a role word (X牵头，Y、Z配合) gives its units that role."""
    mentions = []
    for clause in split_outside_brackets(cell, layout.CLAUSE_BREAKS):
        clause = clause.strip(layout.UNIT_TRIM)
        clause_role = None
        for word, word_role in layout.CLAUSE_ROLE_WORDS:
            named = clause[: -len(word)].strip(layout.UNIT_TRIM)
            if clause.endswith(word) and len(named) >= 2 and \
                    layout.UNIT_LIST_SEPARATOR in named:
                clause, clause_role = named, word_role or "units"
                break
        for piece in split_outside_brackets(clause, layout.UNIT_SEPARATORS):
            mention = _mention(piece, len(mentions) + 1, role)
            if mention is not None:
                if clause_role and mention.role is None:
                    mention = UnitMention(mention.name, mention.lead_marked, mention.position,
                                          None if clause_role == "units" else clause_role)
                mentions.append(mention)
    return tuple(mentions)


def _mention(piece: str, position: int, role: str | None) -> UnitMention | None:
    """One unit as written: * marks before or after it, a role word and 等 after it."""
    name = piece.strip(layout.UNIT_TRIM)
    lead = name[:1] in layout.LEAD_MARKS or name[-1:] in layout.LEAD_MARKS
    name = layout.WRAPPED_SPACE.sub("", name.strip(layout.LEAD_MARKS).strip(layout.UNIT_TRIM))
    name, bracket_role = role_in_brackets(name)
    name, word_role = _role_word(name)
    name = _drop_tail_words(name.strip(layout.LEAD_MARKS))
    return UnitMention(name, lead, position, role or bracket_role or word_role) if name else None


def role_in_brackets(name: str) -> tuple[str, str | None]:
    """综合执法中队（牵头） → (综合执法中队, lead): a bracket after a unit that holds only a
    role word is its role, not its name; 区政府办公室（区大数据局） is a name and stays."""
    opening = _opening_of_last_bracket(name)
    if opening is None or opening < 2:
        return name, None
    role = role_word(name[opening + 1:-1])
    if role is False:
        return name, None
    return name[:opening].strip(layout.UNIT_TRIM), role


def role_word(text: str) -> str | bool | None:
    """The role TEXT says when it is only a role word: 牵头, 配合, 主责, 协办, 牵头单位 (the
    words of the role clauses and of the lead and co columns, layout.CLAUSE_ROLE_WORDS and
    layout.COLUMN_WORDS); None for 负责 (the document's rule decides); False for anything else."""
    word = text.strip(layout.UNIT_TRIM).removesuffix("单位").removesuffix("部门")
    for clause_word, role in layout.CLAUSE_ROLE_WORDS:
        if word == clause_word:
            return role
    for column, words in layout.COLUMN_WORDS:
        if column in ROLE_OF_COLUMN and word in words:
            return ROLE_OF_COLUMN[column]
    return False


ROLE_OF_COLUMN = {"lead_units": "lead", "co_units": "co"}


def _opening_of_last_bracket(text: str) -> int | None:
    """Where the bracket that closes TEXT opens (brackets inside it may nest), or None."""
    if not text or text[-1] not in layout.CLOSE_BRACKETS:
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] in layout.CLOSE_BRACKETS:
            depth += 1
        elif text[index] in layout.OPEN_BRACKETS:
            depth -= 1
            if depth == 0:
                return index
    return None


def without_glued_rule(cell: str) -> tuple[str, str | None]:
    """A units cell without the lead rule glued to it (县发改局（首位单位为牵头单位，下同）),
    and that rule's words, or None."""
    match = layout.GLUED_RULE.search(cell)
    if not match:
        return cell, None
    return cell[:match.start()] + cell[match.end():], match.group().strip("（()）【】[]")


def renumbered(*groups: tuple[UnitMention, ...]) -> tuple[UnitMention, ...]:
    """The mentions of several cells (牵头单位, then 配合单位) numbered as one list."""
    mentions = [m for group in groups for m in group]
    return tuple(UnitMention(m.name, m.lead_marked, index, m.role)
                 for index, m in enumerate(mentions, start=1))


def _role_word(name: str) -> tuple[str, str | None]:
    """团市委配合落实 → (团市委, co): a role written after the unit (layout.CLAUSE_ROLE_WORDS);
    区教育局负责 → (区教育局, None): the document's rule decides."""
    for word, role in layout.CLAUSE_ROLE_WORDS:
        if name.endswith(word) and len(name) - len(word) >= 2:
            return name[: -len(word)].strip(layout.UNIT_TRIM), role
    return name, None


def _drop_tail_words(name: str) -> str:
    for word in layout.UNIT_TAIL_WORDS:
        if name.endswith(word) and len(name) - len(word) >= 2:
            return name[: -len(word)].strip(layout.UNIT_TRIM)
    return name


def split_outside_brackets(text: str, separators: str) -> Iterable[str]:
    depth, start, index = 0, 0, 0
    while index < len(text):
        collective = _collective_at(text, index) if depth == 0 else None
        if collective:
            index += len(collective)
            continue
        char = text[index]
        if char in layout.OPEN_BRACKETS:
            depth += 1
        elif char in layout.CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            yield text[start:index]
            start = index + 1
        index += 1
    yield text[start:]


def _collective_at(text: str, index: int) -> str | None:
    """The longest collective name (layout.COLLECTIVE_UNITS) that starts at INDEX."""
    found = [name for name in layout.COLLECTIVE_UNITS if text.startswith(name, index)]
    return max(found, key=len) if found else None


def parse_leader(label: str, fail: Fail) -> tuple[str | None, tuple[str, ...]]:
    """Split "林仕德常委、常务副区长牵头" into ("林仕德", ("常委", "常务副区长"))."""
    for marker in layout.LEADER_MARKERS:
        if label.endswith(marker):
            named = label[: -len(marker)].strip()
            break
    else:
        return None, ()  # e.g. 区委部门: a section without a leader
    first, *rest = [part.strip() for part in layout.TITLE_SEPARATORS.split(named)]
    for length in layout.LEADER_NAME_LENGTHS:
        titles = _segment_titles(first[length:])
        if titles:
            more = [_segment_titles(part) for part in rest]
            if all(more):
                return first[:length], tuple(titles) + tuple(t for m in more for t in m)
            break
    raise fail(
        f"cannot tell the leader's name from their titles in {label!r}; the known titles "
        "are listed in dutygraph/layout.py (LEADER_TITLES)"
    )


def parse_leaders(cell: str, fail: Fail) -> tuple[str, ...]:
    """The names in a 牵头领导 cell: "王一副区长、李二" → (王一, 李二), "王五 赵六" → both;
    titles are dropped, and a part that is only titles (林仕德常委、常务副区长) belongs to the
    name beside it."""
    names: list[str] = []
    for part in _leader_parts(cell):
        if not part or _segment_titles(part):
            continue
        name = _name_before_titles(part) or _name_after_titles(part)
        if name is None:
            raise fail(f"cannot tell the leader's name in {cell!r}: {part!r} is neither a "
                       "name of 2 to 4 characters nor a name followed by known titles "
                       "(dutygraph/layout.py, LEADER_TITLES)")
        names.append(name)
    return tuple(names)


def leader_names(value: str) -> tuple[str, ...] | None:
    """The names of a leader label's value, or None when a part is no name (words that only
    look like a label)."""
    try:
        return parse_leaders(value, _NotNames) or None
    except _NotNames:
        return None


class _NotNames(Exception):
    """A part of a leader label's value that is no name."""


def _leader_parts(cell: str) -> list[str]:
    """The parts of a leader cell, split on 、，,/ and on spaces between names (王五 赵六); a
    lone character beside a space is part of a name padded or wrapped (张　三, 林仕 德)."""
    parts: list[str] = []
    for part in layout.TITLE_SEPARATORS.split(TITLES_IN_BRACKETS.sub(_without_titles, cell)):
        joined, glued = [], False
        for piece in part.split():
            piece = piece.strip(layout.UNIT_TRIM)
            if joined and (len(joined[-1]) == 1 or (len(piece) == 1 and not glued)):
                joined[-1], glued = joined[-1] + piece, True
            elif piece:
                joined.append(piece)
                glued = False
        parts += joined
    return parts


# A bracket after a leader's name: 张三（常务副区长） holds titles, dropped with them.
TITLES_IN_BRACKETS = re.compile(r"[（(]([^（）()]*)[）)]")


def _without_titles(match: re.Match) -> str:
    parts = [part.strip() for part in layout.TITLE_SEPARATORS.split(match[1])]
    return "" if all(_segment_titles(part) for part in parts) else match[0]


def _name_before_titles(part: str) -> str | None:
    for length in layout.LEADER_NAME_LENGTHS:
        if _segment_titles(part[length:]):
            return part[:length]
    return part if len(part) in layout.LEADER_NAME_LENGTHS else None


def _name_after_titles(part: str) -> str | None:
    """常务副区长张三 → 张三: a name printed after its titles."""
    for length in layout.LEADER_NAME_LENGTHS:
        if len(part) > length and _segment_titles(part[:-length]):
            return part[-length:]
    return None


def _segment_titles(text: str) -> list[str] | None:
    """Cut TEXT into known titles ("常委常务副区长" → two), or None if it cannot be."""
    if not text:
        return None
    for title in layout.LEADER_TITLES:
        if text.startswith(title):
            rest = text[len(title):]
            if not rest:
                return [title]
            tail = _segment_titles(rest)
            if tail:
                return [title, *tail]
    return None


def label_fields(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Labelled values (牵头责任单位 → 区发改局) by record field; 责任单位 beside a lead label
    means the co-responsible units. Values of one field are joined with 、."""
    fields: dict[str, list[str]] = {}
    for label, value in pairs:
        fields.setdefault(label_column(label), []).append(value)
    if "lead_units" in fields and "units" in fields:
        fields.setdefault("co_units", []).extend(fields.pop("units"))
    elif "co_units" in fields and "units" in fields:  # 责任单位 beside 配合单位 leads
        fields["lead_units"] = fields.pop("units")
    return {name: "、".join(v for v in values if v) for name, values in fields.items()}
