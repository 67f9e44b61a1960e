"""Whether the last build into a store finished: a small file the store's folder holds.

`build --store` writes it before anything else, saying when the build started; only its last
step, once the documents are in, the recurring tasks linked and the store compacted, adds
when it ended and a digest of the sources. A build killed in between (SIGKILL, a CI cancel,
a full disk) leaves the marker unfinished, and every command that opens the store refuses
it by name until a build into it finishes (the same build again mends it: the documents it
built replace their old selves).

A file rather than quads of the store: the marker stays out of every query, count and
export, and is replaced in one step (os.replace). A store without one was built before
markers: it is read as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from dutygraph.errors import DutygraphError

MARKER_FILE = "dutygraph-build.json"


def marker_path(store: str | Path) -> Path:
    """Where the marker of the store folder STORE lives."""
    return Path(store) / MARKER_FILE


def read_marker(store: str | Path) -> dict | None:
    """The marker of STORE, or None where there is none (a store built before markers)."""
    try:
        return json.loads(marker_path(store).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {"started": "?", "finished": None}  # unreadable: taken as unfinished


def check_finished(store: str | Path) -> None:
    """DutygraphError (exit 2) when the last build into STORE did not finish."""
    marker = read_marker(store)
    if marker is not None and not marker.get("finished"):
        raise DutygraphError(f"the build into {store} did not finish (started "
                             f"{marker.get('started', '?')}): run it again")


def begin(store: str | Path) -> dict | None:
    """Mark STORE as being built (now); return the marker it held before."""
    before = read_marker(store)
    _write(store, {"started": _now(), "finished": None})
    return before


def finish(store: str | Path, sources: list[str]) -> None:
    """Mark the build into STORE, begun by begin, as finished, with its sources' digest."""
    marker = read_marker(store) or {"started": "?"}
    marker.update(finished=_now(), sources=len(sources), sources_sha256=sources_digest(sources))
    _write(store, marker)


def restore(store: str | Path, before: dict | None) -> None:
    """Put back the marker STORE held before a build that changed nothing in it."""
    if before is None:
        marker_path(store).unlink(missing_ok=True)
    else:
        _write(store, before)


def sources_digest(sources: list[str]) -> str:
    """A digest of the sources' paths, in order: which build made the store."""
    return hashlib.sha256("\n".join(sources).encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _write(store: str | Path, marker: dict) -> None:
    """Write MARKER into STORE's folder in one step: a reader sees the old or the new."""
    path = marker_path(store)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
