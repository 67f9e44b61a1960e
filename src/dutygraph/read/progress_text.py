"""What a progress cell or paragraph says: its status, its period, its share of the plan and
its figures (text → values; the words are read/progress_vocab.py's, the figures are read with
the target reader, read/targets.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from dutygraph.read import progress_vocab as vocab
from dutygraph.read import target_vocab
from dutygraph.read.targets import chinese_value, extract_targets, normalise


@dataclass(frozen=True)
class Status:
    """A status concept's notation, the words that said it, and where they stood."""

    notation: str
    words: str
    source: str  # column (a status cell), text (the progress text) or share (a percentage)


@dataclass(frozen=True)
class Period:
    """The months a report covers, within its year, as printed."""

    first_month: int
    last_month: int
    label: str  # as printed: 1—9月, 上半年, 第三季度

    @property
    def elapsed_share(self) -> Decimal:
        """The share of the year gone by at the period's end, in percent (序时进度)."""
        return normalise(Decimal(self.last_month * 100) / 12)


@dataclass(frozen=True)
class Figure:
    """A number the progress text reports: an amount (12.3亿元) or a share of the plan (82%)."""

    span: str
    indicator: str
    value: Decimal
    unit: str | None
    qudt: str | None
    kind: str  # amount or share


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_STATUS = {word: status for status, words in vocab.STATUS_WORDS.items() for word in words}
_STATUS = re.compile(_alternation(_WORD_STATUS))
_NEGATION = re.compile("(?:" + _alternation(vocab.NEGATIONS) + ")$")
_CLAUSE_END = re.compile(vocab.STATUS_TAIL + "(?:[" + re.escape(target_vocab.CLAUSE_BREAKS)
                         + r"）)]|$)")
_REST = re.compile(_alternation(vocab.REST_WORDS))
_NUMBER = r"(?P<value>\d+(?:\.\d+)?)\s*[%％]"
_SHARES = (
    re.compile("(?:" + _alternation(vocab.SHARE_VERBS) + ")(?:" + _alternation(vocab.PLAN_WORDS)
               + r")[^，。；;,\d]{0,6}?的?\s*" + _NUMBER),
    re.compile("(?:" + _alternation(vocab.SHARE_NOUNS) + ")(?:" + _alternation(vocab.SHARE_LINKS)
               + r")?\s*" + _NUMBER),
)
_PERIODS = [(re.compile(pattern), first, last) for pattern, first, last in vocab.PERIOD_PATTERNS]
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def read_status(text: str, *, cell: bool) -> Status | None:
    """The status TEXT states: in a status CELL any status word counts; in a progress text
    only one that ends its clause. Where several are said, vocab.STATUS_PRECEDENCE decides."""
    found = []
    for match in _STATUS.finditer(text):
        if not cell and not _CLAUSE_END.match(text, match.end()):
            continue
        status = _WORD_STATUS[match.group()]
        negation = _NEGATION.search(text, 0, match.start())
        words = match.group()
        if negation and status in vocab.POSITIVE:
            status, words = vocab.NEGATED_STATUS, negation.group() + words
        elif status == vocab.NOT_STARTED and _REST.search(_clause_before(text, match.start())):
            status = vocab.MIXED_NOT_STARTED
        found.append(Status(status, words, "column" if cell else "text"))
    if not found:
        return None
    chosen = min(found, key=lambda s: vocab.STATUS_PRECEDENCE.index(s.notation))
    if chosen.notation == vocab.NOT_STARTED and len({s.notation for s in found}) > 1:
        words = "，".join(s.words for s in found)
        return Status(vocab.MIXED_NOT_STARTED, words, chosen.source)
    return chosen


def _clause_before(text: str, end: int) -> str:
    """The words of TEXT's clause before END."""
    start = max(text.rfind(mark, 0, end) for mark in target_vocab.CLAUSE_BREAKS)
    return text[start + 1:end]


def status_from_share(share: Decimal, period: Period) -> Status:
    """A status from a share of the plan alone, against the share of the year gone by."""
    if share >= vocab.DONE_SHARE:
        notation = vocab.COMPLETED
    elif share >= period.elapsed_share:
        notation = vocab.ON_SCHEDULE
    else:
        notation = vocab.BEHIND
    return Status(notation, f"{share}% (序时 {period.elapsed_share}%)", "share")


def read_period(text: str) -> Period | None:
    """The first period TEXT names (第三季度, 1—9月, 截至9月底, 上半年), or None."""
    for pattern, first, last in _PERIODS:
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("quarters"):
            first, last = 1, 3 * _month(groups["quarters"])
        elif groups.get("quarter"):
            quarter = _month(groups["quarter"])
            first, last = 3 * quarter - 2, 3 * quarter
        if groups.get("first"):
            first = _month(groups["first"])
        if groups.get("last"):
            last = _month(groups["last"])
        if first is not None and last is not None and 1 <= first <= last <= 12:
            return Period(first, last, match.group().strip())
    return None


def _month(numeral: str) -> int:
    return int(numeral) if numeral.isdigit() else chinese_value(numeral)


def read_share(text: str, *, cell: bool) -> Decimal | None:
    """The share of the plan TEXT states, in percent: a share cell's number (82%, 82), or a
    phrase of a progress text (占年度计划的82%, 完成率82%)."""
    readable = text.translate(_FULL_WIDTH).strip()
    if cell:
        match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%?", readable)
        if match:
            return normalise(Decimal(match.group(1)))
    for pattern in _SHARES:
        match = pattern.search(readable)
        if match:
            return normalise(Decimal(match["value"]))
    return None


def read_figures(text: str) -> list[Figure]:
    """The numbers a progress text reports, read as the target reader reads a task's: each
    share phrase as a share, every other number with a unit as an amount. A date (9月底)
    has no unit and is none."""
    readable = text.translate(_FULL_WIDTH)
    shares = [m.start() for pattern in _SHARES for m in pattern.finditer(readable)]
    figures = []
    for target in extract_targets(text):
        if target.qualitative or target.value is None:
            continue
        start = text.find(target.span)
        in_share = any(start <= s < start + len(target.span) for s in shares) and \
            target.unit == "%"
        figures.append(Figure(target.span, target.indicator, target.value, target.unit,
                              target.qudt, "share" if in_share else "amount"))
    return figures
