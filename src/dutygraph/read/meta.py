"""A document's metadata: the sidecar JSON beside the source, or what the text itself says."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from dutygraph.errors import InputError

SIDECAR_SUFFIX = ".meta.json"
IDENTIFIER = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YEAR_IN_TITLE = re.compile(r"(20\d\d|19\d\d)\s*年")
KINDS = ("plan", "progress")


@dataclass(frozen=True)
class DocumentMeta:
    """What the graph says about the source document as a whole."""

    id: str  # ASCII; the document's IRIs are minted from it
    title: str = ""
    district: str = ""  # e.g. 瓯海区
    government_id: str = "local"  # ASCII; the units' and leaders' IRIs are scoped by it
    year: int | None = None
    source: str = ""  # where the file came from, in words or a URL
    units: str = ""  # path of the unit table, relative to the sidecar
    kind: str = "plan"  # plan (a breakdown table) or progress (a report on one: issue 24)
    period: str = ""  # a progress report's period in words (1—9月, 上半年) where it prints none


def sidecar_path(source: str | Path) -> Path:
    """data/x.txt → data/x.meta.json"""
    source = Path(source)
    return source.with_name(source.stem + SIDECAR_SUFFIX)


def load_meta(path: str | Path) -> DocumentMeta:
    """Read a sidecar JSON file, checked field by field against DocumentMeta's declared
    types (FIELDS); InputError naming the file and the field when it is not right."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        line = getattr(error, "lineno", None)
        raise InputError(path, line, f"cannot read metadata: {error}") from None
    if not isinstance(data, dict):
        raise InputError(path, None, "the metadata must be a JSON object such as "
                         '{"id": "ouhai-2024", "year": 2024}, not ' + _json_kind(data))
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise InputError(path, None, f"unknown metadata keys {unknown}; known: {sorted(FIELDS)}")
    if "id" not in data:
        raise InputError(path, None, "field 'id' is missing: the document's identifier, "
                         "lowercase ASCII kebab-case such as \"ouhai-2024\"")
    meta = DocumentMeta(**{key: _field(path, key, value) for key, value in data.items()})
    if meta.kind not in KINDS:
        raise InputError(path, None, f"kind {meta.kind!r} is not one of {', '.join(KINDS)}")
    return meta


def _field(path: Path, key: str, value):
    """VALUE of the sidecar's field KEY as FIELDS declares it, or InputError naming both."""
    kind, check = FIELDS[key]
    if key == "year" and value is not None:
        if isinstance(value, str) and YEAR.fullmatch(value):
            value = int(value)  # "2024": a year written as text is still a year
        if isinstance(value, bool) or not isinstance(value, int) or \
                not YEAR.fullmatch(str(value)):
            raise InputError(path, None, f"field 'year' must be a year of four digits such "
                             f"as 2024, not {json.dumps(value, ensure_ascii=False)}")
        return value
    if not isinstance(value, kind):
        raise InputError(path, None, f"field {key!r} must be {_KIND_WORDS[kind]}, not "
                         f"{_json_kind(value)}")
    if check is not None and not check.fullmatch(value):
        raise InputError(path, None, f"{key} {value!r} must be lowercase ASCII kebab-case: "
                         "IRIs are minted from it")
    return value


def _json_kind(value) -> str:
    """What a JSON value is, in words: an array, a number, …"""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    words = {list: "an array", dict: "an object", str: "a string", int: "a number",
             float: "a number"}
    shown = json.dumps(value, ensure_ascii=False)[:40]
    return f"{words.get(type(value), type(value).__name__)} ({shown})"


YEAR = re.compile(r"[12]\d{3}")
# The sidecar's fields: their JSON type, and the pattern a text must match (None: any text).
FIELDS = {
    "id": (str, IDENTIFIER), "title": (str, None), "district": (str, None),
    "government_id": (str, IDENTIFIER), "year": (int, YEAR), "source": (str, None),
    "units": (str, None), "kind": (str, None), "period": (str, None),
}
_KIND_WORDS = {str: "a string", int: "a number"}
assert set(FIELDS) == set(DocumentMeta.__dataclass_fields__)  # declared once, kept in step


def meta_from_text(source: str | Path, title: str, sha256: str) -> DocumentMeta:
    """Metadata for a source without a sidecar: an id from its file name, a year from its title."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(source).stem.lower()).strip("-")
    year = YEAR_IN_TITLE.search(title)
    return DocumentMeta(
        id=stem or f"doc-{sha256[:10]}",
        title=title,
        year=int(year.group(1)) if year else None,
    )
