"""Scoped against whole-corpus questions (issue 22): every catalogue query asked of one
document, of one district, and of the whole corpus, on the same corpus in memory and on disk,
and on a store of that one document alone; then the issue's targets, met or not.

    python benchmarks/scoped_queries.py CORPUS.nq --store STORE_FOLDER [--runs 3]
        [--document ID] [--names tasks.rq …]

CORPUS.nq is what `dutygraph build … -o OUT` wrote (loaded into memory), STORE_FOLDER the
same corpus built with --store (read on disk). DOCUMENT (default: the first) is the document
asked for; its district is the district asked for. Times are `run_query` as every command
calls it (the scope's graphs found, the answer as Python values), the median of RUNS, all in
this one process, side by side. The whole `dutygraph query` command, scoped to the document,
runs once more as a process of its own on the store.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from bench import PARAMS, _table  # the script beside this one (sys.path[0])

from dutygraph.ask.graphs import document_store, open_graph
from dutygraph.ask.query import format_result, read_query, run_query
from dutygraph.ask.store import document_graphs, open_store

REPO = Path(__file__).resolve().parent.parent
LISTINGS = ("tasks.rq", "assignments.rq", "targets.rq")
SCOPED_S, RATIO, COMMAND_S = 0.050, 2.0, 0.5
WHOLE_MEMORY_S, WHOLE_DISK_S, ROWS_PER_S = 1.0, 3.0, 100_000
ROW = "{:<34} {:>10} {:>9} {:>8} {:>13} {:>8} {:>9} {:>13} {:>8}"


def timed(store: ox.Store, name: str, params: dict, runs: int) -> tuple[int, float]:
    """The rows and median seconds of the catalogue query NAME on STORE."""
    text = read_query(REPO / "queries" / name)
    seconds, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(run_query(store, text, name, {**PARAMS.get(name, {}), **params}).rows)
        seconds.append(time.perf_counter() - started)
    return rows, statistics.median(seconds)


def csv_rate(store: ox.Store, name: str) -> float:
    """Rows per second of the whole-corpus listing NAME written as CSV."""
    started = time.perf_counter()
    result = run_query(store, read_query(REPO / "queries" / name), name)
    out = io.StringIO(format_result(result, "csv"))
    rows = sum(1 for _ in csv.reader(out)) - 1
    return rows / (time.perf_counter() - started)


def one_document_store(corpus: ox.Store, graph: str, folder: Path) -> ox.Store:
    """The document in GRAPH alone, as a store on disk in FOLDER (compacted)."""
    alone = ox.Store(str(folder))
    alone.bulk_extend(document_store(corpus, graph).quads_for_pattern(None, None, None))
    alone.optimize()
    return alone


def command_seconds(store: Path, document: str) -> float:
    """The whole `dutygraph query tasks.rq --store … --param document=…` process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dutygraph", "query", str(REPO / "queries/tasks.rq"),
                    "--store", str(store), "--param", f"document={document}", "--format",
                    "csv"], check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the corpus's N-Quads (read into memory)")
    parser.add_argument("--store", type=Path, required=True, help="the corpus's store folder")
    parser.add_argument("--document", default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--names", nargs="*", default=[])
    args = parser.parse_args(argv)
    memory, disk = open_graph(args.data), open_store(args.store, read_only=True)
    graphs = document_graphs(disk)
    document = args.document or next(iter(graphs))
    district = run_query(disk, read_query(REPO / "queries/tasks.rq"), "tasks.rq",
                         {"document": document}).records()[0]["district"]
    names = args.names or sorted(p.name for p in (REPO / "queries").glob("*.rq"))
    print(f"{len(graphs)} documents; asked of {document} and of {district}\n")
    print(ROW.format("query", "whole rows", "memory s", "disk s", "document rows", "disk s",
                     "one doc s", "district rows", "disk s"), flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        alone = one_document_store(disk, graphs[document], Path(folder) / "one")
        for name in names:  # each line as it is measured: a long run shows its progress
            r = measure(name, memory, disk, alone, document, district, args.runs)
            rows.append(r)
            print(ROW.format(r["query"], f"{r['whole_rows']:,}", f"{r['memory_s']:.3f}",
                             f"{r['disk_s']:.3f}", f"{r['document_rows']:,}",
                             f"{r['document_s']:.3f}", f"{r['alone_s']:.3f}",
                             f"{r['district_rows']:,}", f"{r['district_s']:.3f}"), flush=True)
        del alone
    rates = {name: csv_rate(memory, name) for name in LISTINGS if name in names}
    print()
    return report(rows, rates, command_seconds(args.store, document))


def measure(name, memory, disk, alone, document, district, runs) -> dict:
    """One query asked every way, alternately."""
    whole_rows, memory_s = timed(memory, name, {}, runs)
    _, disk_s = timed(disk, name, {}, runs)
    document_rows, document_s = timed(disk, name, {"document": document}, runs)
    _, alone_s = timed(alone, name, {}, runs)
    district_rows, district_s = timed(disk, name, {"district": district}, runs)
    return {"query": name, "whole_rows": whole_rows, "memory_s": memory_s, "disk_s": disk_s,
            "document_rows": document_rows, "document_s": document_s, "alone_s": alone_s,
            "district_rows": district_rows, "district_s": district_s}


def report(rows: list[dict], rates: dict[str, float], command_s: float) -> int:
    """The issue's targets, each met or not."""
    worst = max(rows, key=lambda r: max(r["document_s"], r["district_s"]))
    ratio = max(rows, key=lambda r: r["document_s"] / max(r["alone_s"], 1e-6))
    slow_memory = [r["query"] for r in rows if r["memory_s"] > WHOLE_MEMORY_S]
    slow_disk = [r["query"] for r in rows if r["disk_s"] > WHOLE_DISK_S]
    slow_rates = [f"{n} {v:,.0f}" for n, v in rates.items() if v < ROWS_PER_S]
    targets = [
        (f"scoped to a document or district ≤ {SCOPED_S * 1000:.0f} ms on disk",
         f"slowest {worst['query']} {max(worst['document_s'], worst['district_s']) * 1000:.0f} ms",
         max(worst["document_s"], worst["district_s"]) <= SCOPED_S),
        (f"scoped ≤ {RATIO:g}× the same query on a one-document store",
         f"largest {ratio['query']} {ratio['document_s'] / max(ratio['alone_s'], 1e-6):.1f}×",
         ratio["document_s"] <= RATIO * ratio["alone_s"]),
        (f"the whole scoped dutygraph query command ≤ {COMMAND_S} s", f"{command_s:.2f} s",
         command_s <= COMMAND_S),
        (f"whole corpus ≤ {WHOLE_MEMORY_S:g} s in memory",
         f"{len(rows) - len(slow_memory)} of {len(rows)}; over: {', '.join(slow_memory) or '-'}",
         not slow_memory),
        (f"whole corpus ≤ {WHOLE_DISK_S:g} s on disk",
         f"{len(rows) - len(slow_disk)} of {len(rows)}; over: {', '.join(slow_disk) or '-'}",
         not slow_disk),
        (f"listings ≥ {ROWS_PER_S:,} rows/s as CSV (in memory)",
         ", ".join(f"{n} {v:,.0f}" for n, v in rates.items()), not slow_rates),
    ]
    print("\n".join(_table(["target", "measured", "met?"],
                           [[t, m, "met" if ok else "not met"] for t, m, ok in targets])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
