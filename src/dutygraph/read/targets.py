"""Find the targets a task's text commits to (task text → target records; no RDF here).

A task clause such as "确保新增孵化面积30万平方米以上" states a target: an indicator
(新增孵化面积), a number as printed (30) with its magnitude (万), so a normalised value
(300000), a unit (平方米) and a comparator (以上: at least). The rules, in order:

1. Quoted text (“1+6+1”行动, “3030”机制) is a name or slogan: its numbers are masked.
2. The text is cut into clauses at ，。；、 (以上 binds only the list item it follows).
3. In a clause, a number is an Arabic numeral with optional magnitude words (15 万) or a
   Chinese numeral (百, 十二, 万); a candidate is a number followed by a unit word.
4. An Arabic candidate is a target unless it touches Latin letters or + (PM2.5, S3, 5A),
   follows 第 (第七届) or has no unit (2024年, 500 强, 3.0版). A Chinese numeral needs a
   comparator (超万人, 百场以上) or a streak unit (十二连创): bare ones are descriptors
   (千吨…项目, 九小场所, 三年行动).
5. A candidate followed by more words and then by another target in its clause qualifies
   that target: 确保10亿元以上企业2家 is 2 家, qualified by 10亿元以上.
6. 零发生 / 零新增 are zero targets; 基本同步, 全覆盖, Ⅲ类水以上 … are qualitative targets.

The words each rule reads are declared in dutygraph.read.target_vocab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from math import prod

from dutygraph.read import target_vocab as vocab

MASK = "□"  # stands for a masked (quoted) character; it is no numeral, unit or break


@dataclass(frozen=True)
class Target:
    """One target stated by a task: quantitative (value, unit, comparator) or qualitative."""

    span: str
    indicator: str
    qualitative: bool = False
    number: str | None = None  # the numeral as printed, without its magnitude: "15", "十二"
    magnitude: str = ""  # the magnitude word as printed: "万", "亿", "百亿" or ""
    factor: int = 1  # the magnitude as a number: 万 → 10000
    value: Decimal | None = None  # normalised: number × factor
    unit: str | None = None  # the unit word, without magnitude: "平方米", "%", "家"
    qudt: str | None = None  # QUDT unit local name where a clean one exists: "M2"
    comparator: str | None = None  # at_least, more_than, at_most, approx, exact
    qualifier: str | None = None  # a threshold saying which things count: "10亿元以上"


@dataclass
class _Candidate:
    """A number with its unit found in a clause, before it is judged target or not."""

    start: int
    end: int
    number: str
    magnitude: str
    value: Decimal
    unit: str | None
    qudt: str | None
    comparator: str | None
    is_target: bool
    qualitative: bool = False
    qualifier: _Candidate | None = None


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER = re.compile(
    r"(?P<arabic>\d+(?:\.\d+)?)(?P<mag>[" + "".join(vocab.MAGNITUDES) + r"]*)"
    r"|(?P<chinese>[" + vocab.CHINESE_NUMERAL_CHARS + r"]+)"
)
_UNIT = re.compile(_alternation(vocab.UNITS))
_BETWEEN = re.compile(_alternation(vocab.COMPARATOR_BETWEEN))
_AFTER = re.compile(_alternation(vocab.COMPARATOR_AFTER))
_BEFORE = re.compile("(?:" + _alternation(vocab.COMPARATOR_BEFORE) + r")$")
_ZERO = re.compile("零(?=" + _alternation(vocab.ZERO_WORDS) + ")")
_QUALITATIVE = re.compile("|".join(vocab.QUALITATIVE_PATTERNS))
_LEAD_VERBS = re.compile("^(?:" + _alternation(vocab.LEAD_VERBS) + ")+")
_TRAILING_BEFORE = re.compile("(?:" + _alternation(vocab.COMPARATOR_BEFORE) + ")+$")
_QUOTE_OPEN = re.compile("[" + re.escape("".join(vocab.QUOTES)) + "]")
_NOT_ARABIC_NEIGHBOUR = re.compile(r"[A-Za-z+\-＋×/]")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def extract_targets(text: str) -> list[Target]:
    """Every target the task's text states, in printed order."""
    readable = text.translate(_FULL_WIDTH)  # char for char, so spans stay as printed
    masked = mask_quotes(readable)
    targets: list[Target] = []
    for start, end in clause_bounds(masked):
        targets.extend(_clause_targets(text[start:end], readable[start:end], masked[start:end]))
    return targets


def mask_quotes(text: str) -> str:
    """The text with every quoted character replaced by MASK (the marks themselves kept)."""
    out, position = [], 0
    for match in _QUOTE_OPEN.finditer(text):
        if match.start() < position:
            continue
        closing = vocab.QUOTES[match.group()]
        end = text.find(closing, match.end())
        if end < 0:
            continue  # an unclosed mark masks nothing
        out.append(text[position:match.end()])
        out.append(MASK * (end - match.end()))
        position = end
    out.append(text[position:])
    return "".join(out)


def clause_bounds(masked: str) -> list[tuple[int, int]]:
    """(start, end) of each clause, cut at breaks outside quotes."""
    bounds, start = [], 0
    for index, char in enumerate(masked):
        if char in vocab.CLAUSE_BREAKS:
            if index > start:
                bounds.append((start, index))
            start = index + 1
    if start < len(masked):
        bounds.append((start, len(masked)))
    return bounds


def chinese_value(numeral: str) -> int:
    """The value of a Chinese numeral: 十二 → 12, 百 → 100, 百亿 → 1e10, 两万三千 → 23000."""
    total = section = digit = 0
    for char in numeral:
        if char in vocab.CHINESE_DIGITS:
            digit = vocab.CHINESE_DIGITS[char]
        elif char in vocab.LARGE_MAGNITUDES:
            section += digit
            if section == 0 and total == 0:
                section = 1
            total = total * vocab.MAGNITUDES[char] if section == 0 else (
                total + section * vocab.MAGNITUDES[char])
            section = digit = 0
        else:
            section += (digit or 1) * vocab.MAGNITUDES[char]
            digit = 0
    return total + section + digit


def _compact(clause: str) -> tuple[str, list[int]]:
    """The clause without spaces ("15 万千瓦" → "15万千瓦"), and where each kept char was."""
    kept = [(i, c) for i, c in enumerate(clause) if not c.isspace()]
    return "".join(c for _, c in kept), [i for i, _ in kept]


def _clause_targets(clause: str, readable: str, masked: str) -> list[Target]:
    """The targets of one clause (as printed, with full-width digits read, with quotes masked)."""
    text, where = _compact(readable)
    masked, _ = _compact(masked)
    found = _numbers(masked) + _qualitatives(text)
    found.sort(key=lambda c: c.start)
    _attach_qualifiers(found, masked)
    targets = [c for c in found if c.is_target]
    span = clause.strip()
    result, previous_end = [], 0
    for index, candidate in enumerate(targets):
        following = targets[index + 1].start if index + 1 < len(targets) else len(text)
        result.append(_record(candidate, text, where, clause, span, previous_end, following))
        previous_end = candidate.end
    return result


def _numbers(masked: str) -> list[_Candidate]:
    """The candidates (numbers with units) and zero targets of a masked clause."""
    found = [_zero(m.start()) for m in _ZERO.finditer(masked)]
    for match in _NUMBER.finditer(masked):
        if match["arabic"]:
            candidate = _arabic(masked, match)
        else:
            candidate = _chinese(masked, match)
        if candidate is not None and not any(z.start == candidate.start for z in found):
            found.append(candidate)
    return found


def _zero(start: int) -> _Candidate:
    """零发生: nothing of the kind may happen; the count is 0 (QUDT NUM, no unit printed)."""
    return _Candidate(start, start + 1, "零", "", Decimal(0), None, "NUM", vocab.EXACT, True)


def _arabic(masked: str, match: re.Match) -> _Candidate | None:
    """An Arabic number with its unit, or None where it is a name, ordinal or bare number."""
    start, digits_end = match.start(), match.end("arabic")
    before = masked[start - 1] if start else ""
    after = masked[digits_end] if digits_end < len(masked) else ""
    if _NOT_ARABIC_NEIGHBOUR.match(before or " ") or _NOT_ARABIC_NEIGHBOUR.match(after or " "):
        return None
    if before == "第":
        return None
    magnitude, between, unit_match = _split_magnitude(masked, digits_end, match["mag"])
    factor = prod(vocab.MAGNITUDES[c] for c in magnitude)
    value = Decimal(match["arabic"]) * factor
    return _candidate(masked, start, match["arabic"], magnitude, value, between, unit_match,
                      needs_comparator=False)


def _chinese(masked: str, match: re.Match) -> _Candidate | None:
    """A Chinese numeral with its unit; a target only with a comparator or a streak unit."""
    start, run = match.start(), match["chinese"]
    if start and masked[start - 1] == "第":
        return None
    for length in range(len(run), 0, -1):
        numeral = run[:length]
        magnitude, between, unit_match = _split_magnitude(masked, start + length, "")
        if unit_match or (length == len(run) and run[-1] in vocab.LARGE_MAGNITUDES):
            break
    else:
        return None
    if numeral == "零":
        return None
    number, magnitude = numeral, ""
    if len(numeral) > 1 and numeral[-1] in vocab.LARGE_MAGNITUDES:
        number, magnitude = numeral[:-1], numeral[-1]
    value = Decimal(chinese_value(numeral))
    return _candidate(masked, start, number, magnitude, value, between, unit_match,
                      needs_comparator=True)


def _split_magnitude(masked: str, position: int, magnitudes: str):
    """Split magnitude words from a unit that starts with one (15万千瓦 → 万 + 千瓦)."""
    for keep in range(len(magnitudes), -1, -1):
        at = position + keep
        between = _BETWEEN.match(masked, at)
        unit = _UNIT.match(masked, between.end() if between else at)
        if unit:
            return magnitudes[:keep], between, unit
    between = _BETWEEN.match(masked, position + len(magnitudes))
    return magnitudes, between, None


def _candidate(masked, start, number, magnitude, value, between, unit_match, *,
               needs_comparator: bool) -> _Candidate | None:
    """Judge a number: its unit, its comparator, and whether it states a target by itself."""
    if unit_match:
        unit, qudt = vocab.UNITS[unit_match.group()]
        end = unit_match.end()
    elif magnitude and magnitude[-1] in vocab.UNIT_IF_NONE:
        unit, qudt = vocab.UNITS[vocab.UNIT_IF_NONE[magnitude[-1]]]
        end = start + len(number) + len(magnitude) + (len(between.group()) if between else 0)
    else:
        return None
    before = _BEFORE.search(masked, 0, start)
    after = _AFTER.match(masked, end)
    comparator = (
        (vocab.COMPARATOR_AFTER[after.group()] if after else None)
        or (vocab.COMPARATOR_BETWEEN[between.group()] if between else None)
        or (vocab.COMPARATOR_BEFORE[before.group()] if before else None)
    )
    stated = comparator is not None or unit in vocab.SELF_STATING_UNITS or not needs_comparator
    return _Candidate(
        start, after.end() if after else end, number, magnitude, value, unit, qudt,
        comparator or vocab.EXACT, stated,
    )


def _qualitatives(text: str) -> list[_Candidate]:
    """Goals stated without a number (基本同步, 全覆盖, Ⅲ类水以上)."""
    return [
        _Candidate(m.start(), m.end(), "", "", Decimal(0), None, None, None, True, True)
        for m in _QUALITATIVE.finditer(text)
    ]


def _attach_qualifiers(found: list[_Candidate], masked: str) -> None:
    """A number followed by more words and then a target qualifies that target."""
    for index, candidate in enumerate(found):
        if candidate.qualitative:
            continue
        later = next((c for c in found[index + 1:] if c.is_target), None)
        if later is None or candidate.end >= len(masked) or later.start <= candidate.end:
            continue
        candidate.is_target = False
        if later.qualifier is None:
            later.qualifier = candidate


def _record(c: _Candidate, text: str, where: list[int], clause: str, span: str,
            previous_end: int, following: int) -> Target:
    """The Target record of a judged candidate."""
    qualifier = c.qualifier
    indicator = _indicator(text, max(previous_end, qualifier.end if qualifier else 0),
                           c.start, c.end, following)
    qualifier_text = (_original(clause, where, qualifier.start, qualifier.end)
                      if qualifier else None)
    if c.qualitative:
        return Target(span, indicator, qualitative=True, qualifier=qualifier_text)
    factor = prod(vocab.MAGNITUDES[ch] for ch in c.magnitude) if c.number.isascii() else (
        vocab.MAGNITUDES[c.magnitude] if c.magnitude else 1)
    return Target(
        span, indicator, number=c.number, magnitude=c.magnitude, factor=factor,
        value=normalise(c.value), unit=c.unit, qudt=c.qudt, comparator=c.comparator,
        qualifier=qualifier_text,
    )


def _indicator(text: str, start: int, number_start: int, end: int, following: int) -> str:
    """A short name of what is measured, taken from the words around the number."""
    before = _TRAILING_BEFORE.sub("", text[start:number_start])
    before = _LEAD_VERBS.sub("", before).rstrip("全“\"")
    if before and not before.endswith("等"):
        return before
    return text[end:following].strip() or before


def _original(clause: str, where: list[int], start: int, end: int) -> str:
    """The clause's text as printed (spaces kept) between two compact positions."""
    return clause[where[start]: where[end - 1] + 1]


def normalise(value: Decimal) -> Decimal:
    """A decimal without exponent or trailing zeros: 3E+10 → 30000000000, 11000.0 → 11000."""
    value = value.normalize()
    return Decimal(format(value, "f"))
