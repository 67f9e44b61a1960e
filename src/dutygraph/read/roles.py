"""Who leads a task: the * marks, or the rule that stands in for them (records → roles)."""

from __future__ import annotations

from dataclasses import dataclass

from dutygraph.read.records import TaskRow, UnitMention
from dutygraph.read.units import Unit, UnitTable

LEAD = "lead"
CO = "co"

# How the lead was found; the values are the ontology's dg:LeadRule individuals.
STAR_MARKED = "starMarked"  # one or more units carry *
SOLE_UNIT = "soleUnit"  # one unit, unmarked: it leads
NO_LEAD_MARKED = "noLeadMarked"  # several units, none marked: all co-responsible, and a warning
FIRST_LISTED = "firstListed"  # the document says the first-listed unit leads (convention first)
LEAD_COLUMN = "leadColumn"  # a 牵头单位 column, a lead label or a role word names the leads
NO_UNITS = "noUnits"  # no unit printed: an indicator row of a table without a units column

# The lead convention (layout.LEAD_CONVENTIONS) that lets the first-listed unit lead.
FIRST_CONVENTION = "first"
# The conventions under which several units with no role and no * are led by the first one:
# the document says so, or names its roles in columns or words and leaves this task to the
# genre's convention (（X、Y按职责分工负责）).
FIRST_LISTED_CONVENTIONS = (FIRST_CONVENTION, "column")


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


def lead_rule(mentions: tuple[UnitMention, ...], convention: str = "star") -> str:
    """Which rule decides the lead units of a cell, under the document's lead convention."""
    if not mentions:
        return NO_UNITS
    if any(mention.lead_marked for mention in mentions):
        return STAR_MARKED
    if any(mention.role == LEAD for mention in mentions):
        return LEAD_COLUMN
    if len(mentions) == 1 and mentions[0].role is None:
        return SOLE_UNIT
    if convention in FIRST_LISTED_CONVENTIONS and all(m.role is None for m in mentions):
        return FIRST_LISTED
    return NO_LEAD_MARKED


def role_of(mention: UnitMention, rule: str) -> str:
    """The role RULE gives MENTION."""
    leads = {
        STAR_MARKED: mention.lead_marked,
        LEAD_COLUMN: mention.role == LEAD,
        SOLE_UNIT: True,
        FIRST_LISTED: mention.position == 1,
    }.get(rule, False)
    return LEAD if leads else CO


def resolve_task(row: TaskRow, units: UnitTable, convention: str = "star") -> ResolvedTask:
    """Give each unit of ROW its table entry and its role."""
    rule = lead_rule(row.units, convention)
    assignments = tuple(
        Assignment(mention, units.resolve(mention.name), role_of(mention, rule))
        for mention in row.units
    )
    return ResolvedTask(row, assignments, rule)
