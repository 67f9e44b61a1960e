"""Facts about the seed counted straight from the published text with plain Python.

Nothing here imports dutygraph: the catalogue queries' answers are checked against these
counts, made the simplest way one can read the table (split on tabs, on 、 and ，, look names
up in data/units.csv with the csv module).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SECTION = re.compile(r"^[一二三四五六七八九十]+、(?:(.+?)(?:区长|常委|副区长|主任).*牵头)?")


@dataclass
class Row:
    line: int
    leader: str
    number: int
    text: str
    units: list[tuple[str, str]]  # (canonical name, "lead" | "co"), in written order


def canonical_names() -> dict[str, str]:
    """Every name and alias in units.csv → the canonical name."""
    names = {}
    with (REPO / "data" / "units.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[row["name"]] = row["name"]
            for alias in filter(None, row["aliases"].split("|")):
                names[alias] = row["name"]
    return names


def seed_rows() -> list[Row]:
    names, rows, leader = canonical_names(), [], ""
    text = (REPO / "data" / "ouhai-2024-key-tasks.txt").read_text(encoding="utf-8")
    for line_number, line in enumerate(text.splitlines(), start=1):
        header = SECTION.match(line)
        if header:
            leader = header.group(1) or ""
            continue
        cells = line.split("\t")
        if not cells[0].isdigit():
            continue
        written = [w.strip(" 。") for w in re.split("[、，]", cells[2]) if w.strip(" 。")]
        starred = [w.startswith("*") for w in written]
        units = []
        for w, star in zip(written, starred, strict=True):
            lead = star or (len(written) == 1)
            units.append((names[w.lstrip("*").strip()], "lead" if lead else "co"))
        rows.append(Row(line_number, leader, int(cells[0]), cells[1].strip(), units))
    return rows


def unit_load(rows):
    lead, co, leaders = defaultdict(set), defaultdict(set), defaultdict(set)
    for r in rows:
        for unit, role in r.units:
            (lead if role == "lead" else co)[unit].add(r.line)
            if r.leader:
                leaders[unit].add(r.leader)
    units = set(lead) | set(co)
    return {u: (len(lead[u]), len(co[u]), len(leaders[u])) for u in units}


def unit_pairs(rows):
    pairs = defaultdict(int)
    for r in rows:
        for a, b in combinations(sorted({u for u, _ in r.units}), 2):
            pairs[frozenset((a, b))] += 1
    return dict(pairs)


def leader_units(rows):
    """(leader, unit) → (tasks, lead tasks)."""
    tasks, led = defaultdict(set), defaultdict(set)
    for r in rows:
        for unit, role in r.units:
            if r.leader:
                tasks[r.leader, unit].add(r.line)
                if role == "lead":
                    led[r.leader, unit].add(r.line)
    return {key: (len(lines), len(led[key])) for key, lines in tasks.items()}
