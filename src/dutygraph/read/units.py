"""The reviewed unit table (data/units.csv): one row per real body, with its other names."""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from dutygraph.errors import InputError

COLUMNS = ("id", "name", "aliases", "type", "name_en", "merge_note")
# The ontology's dg:UnitType individuals; a test checks each is declared there.
UNIT_TYPES = (
    "bureau", "townOrSubdistrict", "taskForce", "stateOwnedGroup", "partyDepartment",
    "massOrganisation", "centre", "court", "collective", "adminCommittee", "otherBody",
)
UNIT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ALIAS_SEPARATOR = "|"


@dataclass(frozen=True)
class Unit:
    """A responsible body; ``listed`` is False for a name the unit table does not know."""

    id: str
    name: str
    type: str = ""
    aliases: tuple[str, ...] = ()
    name_en: str = ""
    merge_note: str = ""
    listed: bool = True


def name_key(name: str) -> str:
    """What two spellings of one name share: no spaces, full-width forms folded (（ → ()."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def unlisted_unit(name: str) -> Unit:
    """A unit for a name the table does not know, kept as written with a stable ASCII id."""
    digest = hashlib.sha256(name_key(name).encode("utf-8")).hexdigest()[:10]
    return Unit(id=f"unlisted-{digest}", name=name, listed=False)


class UnitTable:
    """Unit names → units; a name the table lacks becomes an unlisted unit of its own."""

    def __init__(self, units: list[Unit], path: str = "(no unit table)"):
        self.path = path
        self.units = units
        self._by_key: dict[str, Unit] = {}
        for unit in units:
            for name in (unit.name, *unit.aliases):
                self._by_key[name_key(name)] = unit

    @classmethod
    def empty(cls) -> UnitTable:
        """A table that knows no unit: every name is reported as unlisted."""
        return cls([])

    @classmethod
    def load(cls, path: str | Path) -> UnitTable:
        """Read and check a units.csv; raise InputError at the first bad row."""
        path = Path(path)
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.reader(handle))
        except FileNotFoundError:
            raise InputError(path, None, "no such unit table; create it (see data/README.md) "
                             "or name another with --units") from None
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(path, None, f"cannot read the unit table: {error}") from None
        if not rows or tuple(rows[0]) != COLUMNS:
            raise InputError(path, 1, "the header must be " + ",".join(COLUMNS))
        units, seen = [], {}
        for line, row in enumerate(rows[1:], start=2):
            unit = _unit_from_row(path, line, row)
            for name in (unit.name, *unit.aliases):
                key = name_key(name)
                if key in seen:
                    message = f"the name {name!r} is already on line {seen[key]}"
                    raise InputError(path, line, message)
                seen[key] = line
            if unit.id in {u.id for u in units}:
                raise InputError(path, line, f"the id {unit.id!r} is used twice")
            units.append(unit)
        return cls(units, str(path))

    def resolve(self, name: str) -> Unit:
        """The unit NAME stands for, or an unlisted unit kept as written."""
        return self._by_key.get(name_key(name)) or unlisted_unit(name)


def _unit_from_row(path: Path, line: int, row: list[str]) -> Unit:
    if len(row) != len(COLUMNS):
        raise InputError(path, line, f"expected {len(COLUMNS)} columns, found {len(row)}")
    values = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))
    if not UNIT_ID.fullmatch(values["id"]):
        raise InputError(path, line, f"the id {values['id']!r} is not lowercase ASCII kebab-case")
    if not values["name"]:
        raise InputError(path, line, "the name is empty")
    if values["type"] not in UNIT_TYPES:
        raise InputError(path, line, f"unknown type {values['type']!r}; use one of "
                         + ", ".join(UNIT_TYPES))
    aliases = tuple(a.strip() for a in values["aliases"].split(ALIAS_SEPARATOR) if a.strip())
    return Unit(values["id"], values["name"], values["type"], aliases,
                values["name_en"], values["merge_note"])
