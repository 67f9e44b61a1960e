"""How an answer becomes Python rows: term by term, or written as TSV in Rust and read back.

    python benchmarks/answer_reading.py DATA [--runs 3] [--names tasks.rq …]

DATA (a graph or corpus file, or a store folder) is loaded once into Oxigraph, as `dutygraph
query` loads it. Each catalogue query then runs, alternately, RUNS times each way in this one
process:
- "objects": pyoxigraph makes a term object per cell and dutygraph.ask.values.python_value turns
  each into a value (how dutygraph.ask.query.run_query read answers until December 2026);
- "tsv": run_query as it is, Oxigraph writing the answer as SPARQL TSV and
  dutygraph.ask.values.solution_rows reading it back.
It prints, per query: rows, whether both ways gave the same rows in the same order, and the
median seconds of each, the query's own evaluation included. Exits 1 if any differ.

    python benchmarks/answer_reading.py DATA --peak [--names assignments.rq …]

prints instead, per query, the peak memory each way takes: each way runs once in a fresh
process of its own, and the figure is its peak resident memory above what the process held
once DATA was loaded (Linux only: it reads /proc/self/status).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import PARAMS, dataset_parser  # the script beside this one (its folder is sys.path[0])

from dutygraph.ask.graphs import open_graph
from dutygraph.ask.query import bind_parameters, read_query, run_query
from dutygraph.ask.values import python_value

REPO = Path(__file__).resolve().parent.parent


def rows_term_by_term(store, text: str, name: str, params) -> tuple[tuple, ...]:
    """The rows as pyoxigraph's term objects give them, each turned into a value."""
    query = bind_parameters(text, params or {}, name)
    return tuple(tuple(python_value(term) for term in solution)
                 for solution in store.query(query, use_default_graph_as_union=True))


def compare(data: Path, runs: int, names: list[str]) -> list[dict]:
    """One row per catalogue query (or per name in NAMES)."""
    store = open_graph(data)
    rows = []
    for name in names or sorted(p.name for p in (REPO / "queries").glob("*.rq")):
        text, params = read_query(REPO / "queries" / name), PARAMS.get(name)
        seconds: dict[str, list[float]] = {"objects": [], "tsv": []}
        answers = {}
        for _ in range(runs):
            for way in seconds:
                started = time.perf_counter()
                answers[way] = _answer(store, text, name, params, way)
                seconds[way].append(time.perf_counter() - started)
        rows.append({"query": name, "rows": len(answers["tsv"]),
                     "same": answers["objects"] == answers["tsv"],
                     **{f"{way}_s": statistics.median(s) for way, s in seconds.items()}})
    return rows


def _answer(store, text: str, name: str, params, way: str) -> tuple:
    if way == "objects":
        return rows_term_by_term(store, text, name, params)
    return run_query(store, text, name, params).rows


def peak_mb(data: Path, name: str, way: str) -> float:
    """In this process: load DATA, answer NAME one WAY; the peak MB above the loaded store.

    Loading peaks higher than it ends, so the process's high-water mark is reset once the
    store is loaded (Linux: /proc/self/clear_refs) and read from /proc/self/status after."""
    store = open_graph(data)
    text, params = read_query(REPO / "queries" / name), PARAMS.get(name)
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kb("VmRSS")
    _answer(store, text, name, params, way)
    return (_status_kb("VmHWM") - before) / 1024


def _status_kb(field: str) -> int:
    """A figure of /proc/self/status, in kB (VmRSS: resident now; VmHWM: its peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status (the peak is measured on Linux)")


def peaks(data: Path, names: list[str]) -> list[dict]:
    """Each query's peak MB each way, each in a fresh process."""
    rows = []
    for name in names or ["assignments.rq"]:
        row = {"query": name}
        for way in ("objects", "tsv"):
            done = subprocess.run([sys.executable, __file__, str(data), "--names", name,
                                   "--peak-of", way], capture_output=True, text=True, check=True)
            row[f"{way}_mb"] = float(done.stdout.split()[-1])
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = dataset_parser(__doc__)
    parser.add_argument("--peak", action="store_true", help="peak memory, not seconds")
    parser.add_argument("--peak-of", choices=["objects", "tsv"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peak_of:  # one way, in this process (a child of --peak)
        print(f"{peak_mb(args.data, args.names[0], args.peak_of):.1f}")
        return 0
    if args.peak:
        print(f"{'query':38s} {'objects MB':>11s} {'tsv MB':>8s}")
        for row in peaks(args.data, args.names):
            print(f"{row['query']:38s} {row['objects_mb']:11.1f} {row['tsv_mb']:8.1f}")
        return 0
    rows = compare(args.data, args.runs, args.names)
    print(f"{'query':38s} {'rows':>8s} {'same':>5s} {'objects s':>10s} {'tsv s':>8s}")
    for row in rows:
        print(f"{row['query']:38s} {row['rows']:8,d} {'yes' if row['same'] else 'NO':>5s} "
              f"{row['objects_s']:10.3f} {row['tsv_s']:8.3f}")
    return 0 if all(row["same"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
