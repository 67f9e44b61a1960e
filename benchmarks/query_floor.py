"""Where a catalogue query's time goes: dutygraph's part, the engine's, and the ordering's.

    python benchmarks/query_floor.py DATA [--runs 3] [--names assignments.rq …]

DATA (a graph or corpus file, or a store folder) is loaded once into Oxigraph, as `dutygraph
query` loads it. Each catalogue query then runs three ways, alternately, RUNS times each, in
this one process, and the script prints the rows and the median seconds of each way:
- "run_query": dutygraph.ask.query.run_query, the answer as rows of Python values (what every
  command and the notebook magic take);
- "engine": Oxigraph evaluating the same query and writing its answer as SPARQL TSV to
  nowhere: no Python value is made, so this is the engine's part;
- "unordered": the engine again, the query's final ORDER BY taken off (for measuring only:
  the catalogue's order is part of its contract). No rewrite of the ordering can go below
  this; only a smaller answer could.
It exits 1 if the unordered answer has another number of rows (then the cut was wrong).
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from bench import PARAMS, _table, dataset_parser  # the script beside this one (sys.path[0])

from dutygraph.ask.graphs import open_graph
from dutygraph.ask.query import bind_parameters, read_query, run_query

REPO = Path(__file__).resolve().parent.parent
# The final ORDER BY: nothing after it opens or closes a group; a LIMIT or OFFSET after it
# stays.
_FINAL_ORDER = re.compile(r"ORDER\s+BY\b[^{}]*?(?=\b(?:LIMIT|OFFSET)\b|\Z)", re.IGNORECASE)


def unordered(text: str) -> str:
    """TEXT without its final ORDER BY clause (TEXT itself if it has none)."""
    matches = [m for m in _FINAL_ORDER.finditer(text) if "}" not in text[m.start():]]
    if not matches:
        return text
    last = matches[-1]
    return text[:last.start()] + text[last.end():]


class _Nowhere:
    """A file that counts the rows written to it and keeps nothing."""

    def __init__(self):
        self.lines = 0

    def write(self, chunk: bytes) -> int:
        self.lines += chunk.count(b"\n")
        return len(chunk)

    def flush(self) -> None:
        pass


def engine_rows(store: ox.Store, query: str) -> int:
    """Evaluate QUERY and write its answer as TSV to nowhere; the number of rows."""
    nowhere = _Nowhere()
    store.query(query, use_default_graph_as_union=True).serialize(
        nowhere, format=ox.QueryResultsFormat.TSV)
    return nowhere.lines - 1  # the header


def _ways(store: ox.Store, name: str, params: dict) -> dict:
    """The three ways to answer the catalogue query NAME, each giving its number of rows."""
    text = read_query(REPO / "queries" / name)
    bound = bind_parameters(text, params, name)
    return {"run_query": lambda: len(run_query(store, text, name, params).rows),
            "engine": lambda: engine_rows(store, bound),
            "unordered": lambda: engine_rows(store, unordered(bound))}


def measure(data: Path, runs: int, names: list[str]) -> list[dict]:
    """One row per catalogue query (or per name in NAMES)."""
    store = open_graph(data)
    rows = []
    for name in names or sorted(p.name for p in (REPO / "queries").glob("*.rq")):
        ways = _ways(store, name, PARAMS.get(name) or {})
        seconds: dict[str, list[float]] = {way: [] for way in ways}
        counts: dict[str, int] = {}
        for _ in range(runs):
            for way, answer in ways.items():
                started = time.perf_counter()
                counts[way] = answer()
                seconds[way].append(time.perf_counter() - started)
        rows.append({"query": name, "rows": counts["run_query"],
                     "same_rows": len(set(counts.values())) == 1,
                     **{f"{way}_s": statistics.median(s) for way, s in seconds.items()}})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = dataset_parser(__doc__)
    args = parser.parse_args(argv)
    rows = measure(args.data, args.runs, args.names)
    print("\n".join(_table(
        ["query", "rows", "run_query s", "engine s", "unordered s"],
        [[r["query"], f"{r['rows']:,}" + ("" if r["same_rows"] else " (!)"),
          f"{r['run_query_s']:.3f}", f"{r['engine_s']:.3f}", f"{r['unordered_s']:.3f}"]
         for r in rows])))
    print("(median seconds; (!) = the unordered answer has another number of rows)")
    return 0 if all(r["same_rows"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
