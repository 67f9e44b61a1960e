"""Reading an Oxigraph store on disk: what compaction gives, and what reading terms costs.

    python benchmarks/store_reads.py compaction corpus.nq WORKDIR [--runs 2] [--names q.rq …]
    python benchmarks/store_reads.py scans STORE_OR_FILE [STORE_OR_FILE …]

`compaction` loads CORPUS.nq (from `dutygraph build … -o OUT`) into a store on disk in
WORKDIR as a build does (OxigraphDataset.add in 1 MB pieces, loaded in its 8 MB batches by
bulk_load), copies it, compacts the copy (Store.optimize, as build_corpus now does), and
times each query on either store alternately, each run in a fresh process opening the store
read-only, as `dutygraph query --store` does. `scans` times three reads of the dg:leads links
on each store folder (or N-Quads file, loaded into memory): a COUNT(*), the links grouped by
task with every row taken, and quads_for_pattern with every quad taken; counting needs no
term read back from the store, the other two read every term. Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

QUERIES = Path(__file__).resolve().parent.parent / "queries"
NAMES = ("search_tasks.rq", "multi_lead_tasks.rq", "support_only_units.rq", "unit_load.rq",
         "tasks.rq")
_LEADS = "<https://w3id.org/dutygraph/ontology#leads>"
SCANS = {
    "COUNT(*) of the dg:leads links": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?u {_LEADS} ?t }}",
    "dg:leads grouped by task, every row taken":
        f"SELECT ?t (COUNT(DISTINCT ?u) AS ?c) WHERE {{ ?u {_LEADS} ?t }} GROUP BY ?t",
}


def load_as_built(nquads: Path, folder: Path) -> float:
    """NQUADS into a new store on disk in FOLDER, batch by batch as a build loads it (not
    compacted); the seconds it took."""
    from dutygraph.ask.store import OxigraphDataset

    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    data = OxigraphDataset(folder)
    with open(nquads, "rb") as stream:
        piece, size = [], 0
        for line in stream:
            piece.append(line)
            size += len(line)
            if size > 1_000_000:
                data.add(b"".join(piece))
                piece, size = [], 0
        data.add(b"".join(piece))
    data.close()  # flushes; only build_corpus compacts
    return time.perf_counter() - started


def compact(folder: Path) -> float:
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store(str(folder))
    store.optimize()
    store.flush()
    return time.perf_counter() - started


def timed_in_fresh_process(folder: Path, name: str) -> float:
    """One query's seconds in a new Python process that opens FOLDER read-only."""
    code = ("import sys, time; sys.path.insert(0, sys.argv[3]); import pyoxigraph as ox; "
            "from bench import PARAMS; from dutygraph.ask.query import run_query_file; "
            "store = ox.Store.read_only(sys.argv[1]); t = time.perf_counter(); "
            "run_query_file(store, sys.argv[2], PARAMS.get(sys.argv[2].rsplit('/', 1)[-1])); "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code, str(folder), str(QUERIES / name),
                          str(Path(__file__).resolve().parent)],
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def compaction(nquads: Path, workdir: Path, runs: int, names: list[str]) -> None:
    loaded, compacted = workdir / "as-loaded", workdir / "compacted"
    print(f"loaded in {load_as_built(nquads, loaded):.2f} s, "
          f"{len(list(loaded.iterdir()))} files", flush=True)
    shutil.rmtree(compacted, ignore_errors=True)
    shutil.copytree(loaded, compacted)
    print(f"copy compacted in {compact(compacted):.2f} s, "
          f"{len(list(compacted.iterdir()))} files", flush=True)
    print("query  as loaded s  compacted s")
    for name in names:
        times: dict[Path, list[float]] = {loaded: [], compacted: []}
        for _ in range(runs):
            for folder in (loaded, compacted):
                times[folder].append(timed_in_fresh_process(folder, name))
        print(name, ", ".join(f"{s:.2f}" for s in times[loaded]), " ",
              ", ".join(f"{s:.2f}" for s in times[compacted]), flush=True)


def scans(sources: list[Path]) -> None:
    import pyoxigraph as ox

    for source in sources:
        if source.is_dir():
            store = ox.Store.read_only(str(source))
        else:
            store = ox.Store()
            store.load(path=str(source), format=ox.RdfFormat.N_QUADS)
        print(f"== {source}")
        for label, query in SCANS.items():
            started = time.perf_counter()
            rows = sum(1 for _ in store.query(query, use_default_graph_as_union=True))
            print(f"{label}: {time.perf_counter() - started:.3f} s ({rows:,} rows)", flush=True)
        started = time.perf_counter()
        quads = sum(1 for _ in store.quads_for_pattern(None, ox.NamedNode(_LEADS[1:-1]), None))
        print(f"quads_for_pattern of dg:leads, every quad taken: "
              f"{time.perf_counter() - started:.3f} s ({quads:,} quads)", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("compaction", help="as-loaded against compacted, side by side")
    one.add_argument("nquads", type=Path)
    one.add_argument("workdir", type=Path)
    one.add_argument("--runs", type=int, default=2)
    one.add_argument("--names", nargs="*", default=list(NAMES))
    two = commands.add_parser("scans", help="counting against reading terms back")
    two.add_argument("sources", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "compaction":
        compaction(args.nquads, args.workdir, args.runs, args.names)
    else:
        scans(args.sources)


if __name__ == "__main__":
    main()
