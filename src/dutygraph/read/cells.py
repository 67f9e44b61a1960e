"""What one cell or label says: its units with their roles, its leaders (cell → values)."""

from __future__ import annotations

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
    name, word_role = _role_word(name)
    name = _drop_tail_words(name.strip(layout.LEAD_MARKS))
    return UnitMention(name, lead, position, role or word_role) if name else None


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
    """The names in a 牵头领导 cell: "王一副区长、李二" → (王一, 李二); titles are dropped,
    and a part that is only titles (林仕德常委、常务副区长) belongs to the name before it."""
    names: list[str] = []
    for part in layout.TITLE_SEPARATORS.split(layout.WRAPPED_SPACE.sub("", cell)):
        part = part.strip(layout.UNIT_TRIM)
        if not part or (names and _segment_titles(part)):
            continue
        name = _name_before_titles(part)
        if name is None:
            raise fail(f"cannot tell the leader's name in {cell!r}: {part!r} is neither a "
                       "name of 2 to 4 characters nor a name followed by known titles "
                       "(dutygraph/layout.py, LEADER_TITLES)")
        names.append(name)
    return tuple(names)


def _name_before_titles(part: str) -> str | None:
    for length in layout.LEADER_NAME_LENGTHS:
        if _segment_titles(part[length:]):
            return part[:length]
    return part if len(part) in layout.LEADER_NAME_LENGTHS else None


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
