"""Which task of the plan each reported item reports on (progress items + plan records →
links, each with its evidence). No RDF: rdf/progress.py writes the links the build keeps.

In order: a clerk's override (a CSV: report, place, task); the item's 序号 in the section of
the same numeral, where the report keeps them and the texts agree at least a little; else
the task whose text is most alike (Dice over two-character pieces, read/similarity.py), found
among the tasks that share a unit with the item where it names any. The text of an item is
compared with the task's whole text and with each run of its clauses, since a report often
quotes only part of a task. A text link needs MIN_SCORE and a MARGIN over the second best;
an item that gets neither is kept, unlinked, with the scores that failed it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.read.progress import ProgressItem
from dutygraph.read.records import TableDocument
from dutygraph.read.similarity import pieces, similarity

MIN_SCORE = Fraction(2, 5)  # a text link needs this much alike …
MARGIN = Fraction(1, 10)  # … and this much more than the second-best task
NUMBER_MIN_SCORE = Fraction(1, 5)  # a 序号 link needs only this: the number says the rest
MAX_CLAUSES = 4  # runs of up to this many clauses of a task are compared with an item
OVERRIDE_COLUMNS = ("report", "place", "task")
TASK_KEY = re.compile(r"^(?:task-)?(?P<section>\d+)-(?P<number>\d+)$")
_CLAUSE_BREAKS = re.compile(r"[。；;，,！？]")
_NOT_COMPARED = re.compile(r"[\s“”\"'‘’《》（）()、。；;，,：:！？]")

TaskKey = tuple[int, int]  # (section position, 序号) of a plan task


@dataclass(frozen=True)
class Link:
    """Where an item links (task None: unlinked), how, and the evidence in words."""

    task: TaskKey | None
    method: str  # override, number, text, or none
    score: Fraction | None = None
    runner_up: Fraction | None = None
    evidence: str = ""


@dataclass(frozen=True)
class Override:
    """A clerk's link: the report's place → a task (None: on purpose, no task)."""

    task: TaskKey | None
    line: int  # of the override file, for its messages


def link_items(items: list[ProgressItem], plan: TableDocument, *,
               overrides: dict[str, Override] | None = None,
               unit_key: Callable[[str], str] = str) -> list[Link]:
    """One link per item, in order. OVERRIDES maps an item's place (as str(Place)) to a
    clerk's choice; UNIT_KEY names a unit as the plan's unit table does."""
    tasks = _PlanTasks(plan, unit_key)
    overrides = overrides or {}
    return [_link(item, tasks, overrides.get(str(item.place)), unit_key) for item in items]


class _PlanTasks:
    """The plan's tasks, by key, with their sections' numerals, units and compared texts."""

    def __init__(self, plan: TableDocument, unit_key: Callable[[str], str]):
        self.text: dict[TaskKey, str] = {}
        self.units: dict[TaskKey, set[str]] = {}
        self.numeral: dict[TaskKey, str] = {}
        self.spans: dict[TaskKey, list[frozenset[str]]] = {}
        for section in plan.sections:
            for row in section.tasks:
                key = (section.position, row.number)
                self.text[key] = row.text
                self.numeral[key] = section.numeral
                self.units[key] = {unit_key(u.name) for u in row.units}
                self.spans[key] = _clause_runs(row.text)

    def score(self, key: TaskKey, text: str) -> Fraction:
        """How alike TEXT is to the task: its whole text, or the run of clauses most alike."""
        mine = pieces(_compared(text))
        return max((similarity(mine, span) or Fraction(0) for span in self.spans[key]),
                   default=Fraction(0))


def _compared(text: str) -> str:
    """The text as compared: no spaces, quotes, brackets or punctuation."""
    return _NOT_COMPARED.sub("", text)


def _clause_runs(text: str) -> list[frozenset[str]]:
    """The pieces of the whole text and of every run of up to MAX_CLAUSES clauses."""
    clauses = [c for c in (_compared(part) for part in _CLAUSE_BREAKS.split(text)) if c]
    runs = [pieces(_compared(text))]
    for start in range(len(clauses)):
        for end in range(start + 1, min(start + MAX_CLAUSES, len(clauses)) + 1):
            runs.append(pieces("".join(clauses[start:end])))
    return runs


def _link(item: ProgressItem, tasks: _PlanTasks, override: Override | None,
          unit_key: Callable[[str], str]) -> Link:
    if override is not None:
        where = f"override file line {override.line}"
        return Link(override.task, "override" if override.task else "none",
                    evidence=f"{where}: " + (f"task {_key_text(override.task)}"
                                             if override.task else "no task"))
    by_number = _by_number(item, tasks)
    if by_number is not None:
        return by_number
    return _by_text(item, tasks, {unit_key(u) for u in item.units})


def _by_number(item: ProgressItem, tasks: _PlanTasks) -> Link | None:
    """The task of the item's 序号 in a section of its numeral, if the texts agree a little."""
    if item.number is None or not item.section_numeral:
        return None
    keys = [k for k in tasks.text if k[1] == item.number
            and tasks.numeral[k] == item.section_numeral]
    scored = sorted(((tasks.score(k, item.text) if item.text else Fraction(1), k)
                     for k in keys), reverse=True)
    if not scored or scored[0][0] < NUMBER_MIN_SCORE:
        return None
    score, key = scored[0]
    return Link(key, "number", score, None,
                f"section {item.section_numeral}, 序号 {item.number} → task {_key_text(key)} "
                f"(text alike {_decimal(score)})")


def _by_text(item: ProgressItem, tasks: _PlanTasks, units: set[str]) -> Link:
    """The task most alike in text, among those sharing a unit with the item if any do."""
    keys = list(tasks.text)
    sharing = [k for k in keys if units & tasks.units[k]]
    among = "tasks sharing a unit" if sharing else "all tasks"
    scored = sorted(((tasks.score(k, item.text), k) for k in (sharing or keys)), reverse=True)
    if not item.text or not scored:
        return Link(None, "none", evidence="the item prints no task text to compare")
    best, key = scored[0]
    second = scored[1][0] if len(scored) > 1 else Fraction(0)
    said = (f"best {_decimal(best)} (task {_key_text(key)}), second {_decimal(second)}, "
            f"among {among}")
    if best < MIN_SCORE:
        return Link(None, "none", best, second, f"{said}: below {_decimal(MIN_SCORE)}")
    if best - second < MARGIN:
        return Link(None, "none", best, second,
                    f"{said}: within {_decimal(MARGIN)} of each other")
    return Link(key, "text", best, second, said)


def _key_text(key: TaskKey) -> str:
    return f"{key[0]:02d}-{key[1]:02d}"


def _decimal(value: Fraction) -> str:
    return f"{float(value):.2f}"


def load_overrides(path: str | Path) -> dict[str, dict[str, Override]]:
    """A clerk's links (CSV with columns report, place, task): report file name → place →
    override. task is section-number (02-05, as in the task's IRI) or empty for no task."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, None, f"cannot read the link overrides: {error}") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or tuple(cell.strip() for cell in rows[0]) != OVERRIDE_COLUMNS:
        raise InputError(path, 1, "the link overrides need the header row "
                         + ",".join(OVERRIDE_COLUMNS))
    found: dict[str, dict[str, Override]] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(OVERRIDE_COLUMNS):
            raise InputError(path, line, f"expected {len(OVERRIDE_COLUMNS)} cells "
                             f"({','.join(OVERRIDE_COLUMNS)}), found {len(row)}")
        report, place, task = (cell.strip() for cell in row)
        place = place.removeprefix("line ").strip()  # "line 7", as the build report says it
        match = TASK_KEY.match(task)
        if task and match is None:
            raise InputError(path, line, f"task {task!r} is not section-number such as "
                             "02-05 (or empty for no task)")
        key = (int(match["section"]), int(match["number"])) if match else None
        found.setdefault(Path(report).name, {})[place] = Override(key, line)
    return found


def check_overrides(path: str | Path, overrides: dict[str, Override], plan: TableDocument,
                    places: set[str]) -> None:
    """InputError at the override file's line for a place the report lacks or a task the
    plan lacks."""
    tasks = {(s.position, t.number) for s in plan.sections for t in s.tasks}
    for place, override in overrides.items():
        if place not in places:
            raise InputError(path, override.line, f"the report prints no task at {place!r}; "
                             "give the place as the build report does (line 12, table 1, row 5)")
        if override.task is not None and override.task not in tasks:
            raise InputError(path, override.line, f"the plan has no task "
                             f"{_key_text(override.task)} (section position, 序号)")


def measured_targets(figures, targets) -> list[int | None]:
    """For each figure, the index of the task's target it measures, or None. An amount
    measures a target of its unit, the one whose indicator is most alike (each target once
    per statement); a share of the plan measures the target an amount beside it measures
    (none, if that amount measures none), or, alone, the task's only quantitative target."""
    found: list[int | None] = [None] * len(figures)
    pairs = sorted(
        ((similarity(pieces(f.indicator), pieces(t.indicator)) or Fraction(0), -fi, -ti)
         for fi, f in enumerate(figures) if f.kind == "amount"
         for ti, t in enumerate(targets) if not t.qualitative and t.unit == f.unit),
        reverse=True)
    used: set[int] = set()
    for _, fi, ti in pairs:
        if found[-fi] is None and -ti not in used:
            found[-fi] = -ti
            used.add(-ti)
    quantitative = [ti for ti, t in enumerate(targets) if not t.qualitative]
    beside = next((ti for ti in found if ti is not None), None)
    amounts = any(f.kind == "amount" for f in figures)
    for fi, figure in enumerate(figures):
        if figure.kind == "share":  # of what an amount beside it measures, if it has one
            found[fi] = beside if amounts else (
                quantitative[0] if len(quantitative) == 1 else None)
    return found
