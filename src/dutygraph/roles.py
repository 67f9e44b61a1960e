"""Who leads a task: the * marks, or the rule that stands in for them (records → roles)."""

from __future__ import annotations

from dataclasses import dataclass

from dutygraph.records import TaskRow, UnitMention
from dutygraph.units import Unit, UnitTable

LEAD = "lead"
CO = "co"

# How the lead was found; the values are the ontology's dg:LeadRule individuals.
STAR_MARKED = "starMarked"  # one or more units carry *
SOLE_UNIT = "soleUnit"  # one unit, unmarked: it leads
NO_LEAD_MARKED = "noLeadMarked"  # several units, none marked: all co-responsible, and a warning


@dataclass(frozen=True)
class Assignment:
    """One unit's role on one task."""

    mention: UnitMention
    unit: Unit
    role: str  # LEAD or CO


@dataclass(frozen=True)
class ResolvedTask:
    """A task row with its units resolved and their roles assigned."""

    row: TaskRow
    assignments: tuple[Assignment, ...]
    lead_rule: str


def lead_rule(mentions: tuple[UnitMention, ...]) -> str:
    """Which rule decides the lead units of a cell."""
    if any(mention.lead_marked for mention in mentions):
        return STAR_MARKED
    return SOLE_UNIT if len(mentions) == 1 else NO_LEAD_MARKED


def resolve_task(row: TaskRow, units: UnitTable) -> ResolvedTask:
    """Give each unit of ROW its table entry and its role."""
    rule = lead_rule(row.units)
    assignments = tuple(
        Assignment(mention, units.resolve(mention.name),
                   LEAD if mention.lead_marked or rule == SOLE_UNIT else CO)
        for mention in row.units
    )
    return ResolvedTask(row, assignments, rule)
