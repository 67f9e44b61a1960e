"""Two versions of the catalogue side by side: the same answers, and which is faster.

    python benchmarks/compare_queries.py OLD_QUERIES_DIR [NEW_QUERIES_DIR] --data corpus.nq
        [--runs 3] [--names recurring_tasks.rq …]

OLD_QUERIES_DIR is, say, a worktree's queries/ (`git worktree add /tmp/old COMMIT`); NEW is
this checkout's queries/ by default. The data (a graph or corpus file, or a store folder) is
loaded once into Oxigraph, as `dutygraph query` loads it; then each query whose text differs
runs old and new alternately, RUNS times each, in this one process, and the script prints, per
query: rows, whether both gave the same rows in the same order, and the median seconds of
each (the query and every row turned into Python values). A rewrite of a catalogue query is
acceptable only where "same" says yes. Timings on a shared machine are noisy: alternating in
one process is what makes the two columns comparable.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from bench import PARAMS  # the script beside this one (its folder is sys.path[0])

from dutygraph.ask.graphs import open_graph
from dutygraph.ask.query import read_query, run_query

REPO = Path(__file__).resolve().parent.parent


def compare(old_dir: Path, new_dir: Path, data: Path, runs: int, names: list[str]) -> list[dict]:
    """One row per query file of NEW_DIR (or NAMES) whose text differs from OLD_DIR's."""
    store = open_graph(data)
    rows = []
    for name in names or sorted(p.name for p in new_dir.glob("*.rq")):
        old_text, new_text = read_query(old_dir / name), read_query(new_dir / name)
        if old_text == new_text:
            continue
        params = PARAMS.get(name)
        seconds: dict[str, list[float]] = {"old": [], "new": []}
        answers = {}
        for _ in range(runs):
            for side, text in (("old", old_text), ("new", new_text)):
                started = time.perf_counter()
                answers[side] = run_query(store, text, name, params)
                seconds[side].append(time.perf_counter() - started)
        rows.append({"query": name, "rows": len(answers["new"].rows),
                     "same": answers["old"] == answers["new"],
                     "old_s": statistics.median(seconds["old"]),
                     "new_s": statistics.median(seconds["new"])})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the old queries folder")
    parser.add_argument("new", type=Path, nargs="?", default=REPO / "queries",
                        help="the new queries folder (default: this checkout's)")
    parser.add_argument("--data", type=Path, required=True,
                        help="a graph or corpus file, or a store folder")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--names", nargs="*", default=[])
    args = parser.parse_args(argv)
    rows = compare(args.old, args.new, args.data, args.runs, args.names)
    print(f"{'query':38s} {'rows':>8s} {'same':>5s} {'old s':>8s} {'new s':>8s}")
    for row in rows:
        print(f"{row['query']:38s} {row['rows']:8,d} {'yes' if row['same'] else 'NO':>5s} "
              f"{row['old_s']:8.3f} {row['new_s']:8.3f}")
    return 0 if all(row["same"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
