"""The bounds dutygraph puts on what it reads, declared once: every input may come from the web.

Each limit has a default no real document reaches (the largest published tables have a few
hundred tasks and weigh under a megabyte) and an environment variable that raises it. A
limit crossed is an InputError naming the limit, the value found and how to raise it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dutygraph.errors import DutygraphError, InputError

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One bound: its variable, its default, and what it bounds, in words."""

    variable: str
    default: int
    what: str  # "bytes in a graph file": the unit counted, for the message
    option: str = ""  # the command-line option that sets it too, where there is one

    def value(self) -> int:
        """The bound in force: the environment's, else the default."""
        text = os.environ.get(self.variable, "").strip()
        if not text:
            return self.default
        try:
            value = int(text.replace("_", ""))
        except ValueError:
            raise DutygraphError(f"{self.variable}={text!r} is not a whole number") from None
        if value < 1:
            raise DutygraphError(f"{self.variable}={text!r} must be at least 1")
        return value

    def how_to_raise(self) -> str:
        """The words that tell the user how to raise the bound."""
        ways = [f"pass {self.option} N"] if self.option else []
        return " or ".join([*ways, f"set {self.variable}=N"])

    def check(self, found: int, path: str | Path, line: int | None = None,
              bound: int | None = None) -> None:
        """InputError when FOUND exceeds the bound (BOUND if given, else the one in force)."""
        bound = self.value() if bound is None else bound
        if found > bound:
            raise InputError(path, line, f"{found:,} {self.what}, over the limit of "
                             f"{bound:,}: if the input is trusted, {self.how_to_raise()} "
                             "to raise it")


GRAPH_BYTES = Limit("DUTYGRAPH_MAX_GRAPH_BYTES", 1024 * _MB, "bytes in a graph file")
SOURCE_BYTES = Limit("DUTYGRAPH_MAX_BYTES", 50 * _MB, "bytes in a source table", "--max-bytes")
TASKS = Limit("DUTYGRAPH_MAX_TASKS", 20_000, "tasks in one document", "--max-tasks")
ROWS = Limit("DUTYGRAPH_MAX_ROWS", 50_000, "rows in one document")
CELL_CHARS = Limit("DUTYGRAPH_MAX_CELL_CHARS", 100_000, "characters in one cell or line")
# A .docx or .xlsx is a zip: its parts are measured before any is expanded.
ZIP_BYTES = Limit("DUTYGRAPH_MAX_UNZIPPED_BYTES", 200 * _MB,
                  "bytes unzipped in an office file")
ZIP_RATIO = Limit("DUTYGRAPH_MAX_ZIP_RATIO", 200, "times compressed in one part of an "
                  "office file")



def checked_text(text: str, path: str | Path, place=None) -> str:
    """TEXT, a cell or a line read at PLACE of PATH; InputError when longer than CELL_CHARS
    (a 16 MiB task text ran out of memory in the reader's patterns)."""
    CELL_CHARS.check(len(text), path, place)
    return text


ALL = (GRAPH_BYTES, SOURCE_BYTES, TASKS, ROWS, CELL_CHARS, ZIP_BYTES, ZIP_RATIO)
