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
    """Read a sidecar JSON file; raise InputError if it is malformed."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        line = getattr(error, "lineno", None)
        raise InputError(path, line, f"cannot read metadata: {error}") from None
    known = set(DocumentMeta.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(path, None, f"unknown metadata keys {unknown}; known: {sorted(known)}")
    meta = DocumentMeta(**data)
    for key in ("id", "government_id"):
        if not IDENTIFIER.fullmatch(getattr(meta, key)):
            raise InputError(path, None, f"{key} {getattr(meta, key)!r} must be lowercase "
                             "ASCII kebab-case: IRIs are minted from it")
    if meta.kind not in KINDS:
        raise InputError(path, None, f"kind {meta.kind!r} is not one of {', '.join(KINDS)}")
    return meta


def meta_from_text(source: str | Path, title: str, sha256: str) -> DocumentMeta:
    """Metadata for a source without a sidecar: an id from its file name, a year from its title."""
    stem = re.sub(r"[^a-z0-9]+", "-", Path(source).stem.lower()).strip("-")
    year = YEAR_IN_TITLE.search(title)
    return DocumentMeta(
        id=stem or f"doc-{sha256[:10]}",
        title=title,
        year=int(year.group(1)) if year else None,
    )
