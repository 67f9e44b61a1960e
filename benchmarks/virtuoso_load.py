"""Virtuoso's bulk loader measured: synthetic corpora into a throwaway Virtuoso, against push.

    python -m benchmarks.virtuoso_load                 # 50 and 500 documents
    python -m benchmarks.virtuoso_load --sizes 50 --push-limit 300 --workdir /tmp/vl
    python -m benchmarks.virtuoso_load --sources data/ tests/corpus/   # your own tables

Run from the repository's top folder (`-m`: the throwaway server is tests/virtuoso.py's). For
each size: generate the tables (benchmarks/generate.py) or take --sources, build corpus.nq
(dutygraph.corpus), start a fresh Virtuoso that may read it, and time dutygraph.ask.bulkload's
bulk_load: the isql session (clear, register, rdf_loader_run, checkpoint, count) and the whole
call (which parses the file here first to know its graphs). For the sizes up to --push-size,
push (the Graph Store Protocol, one request per graph) loads the same graphs into another
fresh server, given up after --push-limit seconds. Last, unit_pairs.rq on Virtuoso (the first
call, then the median of three) and on the local Oxigraph store, with their rows: the server's
ResultSetMaxRows (100,000 here) cuts a longer answer short, silently ("part"). Timings on a
shared machine are noisy: compare the columns of one run, and note the load average printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from benchmarks.generate import generate
from dutygraph.ask.bulkload import bulk_load
from dutygraph.ask.endpoint import EndpointError, push, remote_query
from dutygraph.ask.query import read_query, run_query
from dutygraph.ask.store import open_dataset
from dutygraph.corpus import build_corpus, expand_sources, write_corpus
from tests.virtuoso import Virtuoso

REPO = Path(__file__).resolve().parent.parent
QUERY = REPO / "queries" / "unit_pairs.rq"
BUFFERS = 170000  # Virtuoso's tuning guide for a server with 2 GB for itself
QUERY_RUNS = 3


def measure(paths: list[Path], workdir: Path, push_size: int, push_limit: float) -> dict:
    """One corpus: build corpus.nq, bulk-load it, push it (if small enough), query both."""
    folder = workdir / "corpus"
    corpus = build_corpus(paths)
    write_corpus(corpus, folder, formats=("nq",))
    row = {"documents": len(corpus.built), "quads": len(corpus.dataset)}
    corpus.dataset.close()
    local = open_dataset(folder / "corpus.nq")
    with server(workdir / "bulk", folder) as virtuoso:
        started = time.perf_counter()
        result = bulk_load(folder / "corpus.nq", virtuoso.user, virtuoso.password,
                           virtuoso.sql_address)
        row["call_s"] = time.perf_counter() - started
        row["load_s"] = result.seconds
        row["loaded"] = result.quads
        row.update(query_latency(virtuoso, local))
    if row["documents"] <= push_size:
        with server(workdir / "push", folder) as virtuoso:
            row.update(push_all(local, virtuoso, workdir / "graphs", push_limit))
    return row


@contextmanager
def server(folder: Path, corpus: Path):
    """A fresh throwaway Virtuoso in FOLDER that may read CORPUS, stopped on leaving."""
    folder.mkdir(parents=True)
    virtuoso = Virtuoso(folder, dirs_allowed=(corpus,), buffers=BUFFERS)
    try:
        yield virtuoso.start()
    finally:
        virtuoso.stop()


def query_latency(virtuoso: Virtuoso, local) -> dict:
    """unit_pairs.rq on Virtuoso (first call, median of the next ones) and on Oxigraph."""
    text = read_query(QUERY)
    times, answer = [], None
    for _ in range(1 + QUERY_RUNS):
        started = time.perf_counter()
        try:
            answer = remote_query(virtuoso.endpoint, text, QUERY.name)
        except EndpointError as error:  # cut at ResultSetMaxRows: timed all the same
            if "ResultSetMaxRows limit" not in str(error):
                raise
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    mine = run_query(local, text, QUERY.name)
    local_s = time.perf_counter() - started
    if answer is None:
        return {"query_first_s": times[0], "query_s": statistics.median(times[1:]),
                "query_local_s": local_s, "rows": ("cut", len(mine.rows)),
                "same_answer": "part (cut at ResultSetMaxRows)"}
    return {"query_first_s": times[0], "query_s": statistics.median(times[1:]),
            "query_local_s": local_s, "rows": (len(answer.rows), len(mine.rows)),
            "same_answer": same_answer(answer.rows, mine.rows)}


def same_answer(theirs: tuple, mine: tuple) -> str:
    """yes; "part" when Virtuoso gave fewer rows, all of them Oxigraph's (its ResultSetMaxRows
    cuts an answer short without saying so); else NO."""
    if sorted(theirs) == sorted(mine):
        return "yes"
    return "part" if not Counter(theirs) - Counter(mine) else "NO"


def push_all(local, virtuoso: Virtuoso, folder: Path, limit: float) -> dict:
    """Push every graph of LOCAL, one request each, until done or LIMIT seconds have passed."""
    import pyoxigraph as ox

    folder.mkdir()
    graphs = sorted(local.named_graphs(), key=str)
    started = time.perf_counter()
    for done, graph in enumerate(graphs):
        if time.perf_counter() - started > limit:
            return {"push_s": None, "pushed": f"{done} of {len(graphs)} graphs"}
        path = folder / f"{done}.nt"
        local.dump(str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        push(path, virtuoso.store_url, graph.value, virtuoso.user, virtuoso.password)
    return {"push_s": time.perf_counter() - started, "pushed": f"{len(graphs)} graphs"}


def _count(rows) -> str:
    return f"{rows:,}" if isinstance(rows, int) else str(rows)


def print_table(rows: list[dict]) -> None:
    """The measurements as a Markdown table, then the machine's load."""
    print("| documents | quads | bulk load s (isql) | whole call s | quads/s | push s (GSP) "
          "| unit_pairs.rq Virtuoso first / median s | Oxigraph s | rows Virtuoso / Oxigraph "
          "| same answer |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        push_cell = "not run" if "pushed" not in r else (
            f"{r['push_s']:.1f}" if r["push_s"] is not None else f"> limit ({r['pushed']})")
        print(f"| {r['documents']} | {r['quads']:,} | {r['load_s']:.1f} | {r['call_s']:.1f} | "
              f"{r['quads'] / r['load_s']:,.0f} | {push_cell} | "
              f"{r['query_first_s']:.3f} / {r['query_s']:.3f} | {r['query_local_s']:.3f} | "
              f"{_count(r['rows'][0])} / {_count(r['rows'][1])} | {r['same_answer']} |")
    print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"{os.cpu_count()} cores")


def main(argv: list[str] | None = None) -> None:
    """Command line: measure each size (or --sources) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,500", help="documents per corpus (default 50,500)")
    parser.add_argument("--sources", nargs="+", help="tables to build instead of generating")
    parser.add_argument("--push-size", type=int, default=50,
                        help="push only corpora of at most this many documents (default 50)")
    parser.add_argument("--push-limit", type=float, default=600,
                        help="give push up after this many seconds (default 600)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workdir", help="where corpora and servers go (default: a temp dir)")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="virtuoso-load-"))
    rows = []
    runs = [("sources", expand_sources(args.sources))] if args.sources else [
        (f"{n}", None) for n in (int(s) for s in args.sizes.split(","))]
    for name, paths in runs:
        folder = workdir / f"run-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        paths = paths or generate(folder / "tables", int(name), args.seed)
        rows.append(measure(paths, folder, args.push_size, args.push_limit))
        print(f"measured {name}: {rows[-1]}", flush=True)
    print_table(rows)
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
