"""The corpus benchmark: build, write and query synthetic corpora with rdflib and Oxigraph.

    python benchmarks/bench.py                  # 1, 50 and 500 documents, both stores
    python benchmarks/bench.py --full           # … and 5,000 (Oxigraph on disk)
    python benchmarks/bench.py --sizes 1,50 --query-timeout 30 --json out.json

Each configuration (size × store) runs in a fresh Python process, so its peak memory is its
own and every import is counted: the process builds the corpus with
dutygraph.corpus.build_corpus (on every core, no SHACL validation unless --validate), writes
it as Turtle, then runs every query in queries/ (sample parameters below), each with a time
limit; a query stopped at the limit is printed as "> N". Then `dutygraph build` of the seed
table runs as a whole process, with and without --no-validate. Timings on a shared machine
are noisy: compare the columns of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "queries"
SEED = REPO / "data" / "ouhai-2024-key-tasks.txt"
STORES = ("rdflib", "oxigraph")
SIZES = (1, 50, 500)
FULL_SIZE = 5000
# Sample values of the catalogue's parameters: words every synthetic corpus contains.
PARAMS = {"search_tasks.rq": {"text": "孵化面积"},
          "indicator_targets.rq": {"text": "孵化面积"},
          "unit_portfolio.rq": {"unit": "区发改局"}}
CLI_RUNS = 3
# A query that passed the limit on a smaller corpus is not run again on a larger one (it would
# only pass it again); it is printed "> N*".
PASSED_LIMIT = {"s": None, "rows": None, "timed_out": True, "not_run": True}


# ---------------------------------------------------------------- one configuration (child)

def run_configuration(config: dict) -> dict:
    """Build, write and query one corpus in this process; return the measurements."""
    from dutygraph.corpus import build_corpus
    from dutygraph.rdf.namespaces import PREFIXES

    paths = [Path(p) for p in config["paths"]]
    outdir = Path(config["outdir"])
    started = time.perf_counter()
    corpus = build_corpus(paths, backend=config["store"], store=config.get("disk"),
                          jobs=config["jobs"], validate=config["validate"])
    build_s = time.perf_counter() - started
    skipped = [d.error for d in corpus.skipped]
    quads = count_quads(corpus.dataset)
    started = time.perf_counter()
    corpus.dataset.write(outdir / "corpus.ttl", {k: str(v) for k, v in PREFIXES.items()})
    turtle_s = time.perf_counter() - started
    turtle_at = time.time()
    peak_main, peak_worker = peak_rss_mb()  # before the queries' forks count as children
    # Warm up: the query module's imports and the engine's first parse are not a query's cost.
    corpus.dataset.query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    timed = timed_in_process if config.get("in_process") else timed_query
    queries = {name: (PASSED_LIMIT if name in config["skip"]
                      else timed(corpus.dataset, QUERIES / name, config["timeout"]))
               for name in query_names(config.get("queries", "*.rq"))}
    peak_query_fork = peak_rss_mb()[1]  # before the check's workers count as children too
    check = corpus_check(corpus.dataset, config["jobs"]) if config.get("check") else None
    return {"documents": len(paths), "store": config["store"], "on_disk": bool(config.get("disk")),
            "quads": quads, "build_s": build_s, "turtle_s": turtle_s, "turtle_at": turtle_at,
            "peak_main_mb": peak_main, "peak_worker_mb": peak_worker,
            "peak_query_fork_mb": peak_query_fork, "skipped": skipped, "queries": queries,
            "check_s": check and check[0], "check_findings": check and check[1]}


def corpus_check(data, jobs: int) -> tuple[float, int] | None:
    """Seconds to check every document of the corpus against the SHACL shapes, one document
    at a time on JOBS cores, as `dutygraph validate corpus.trig` does once it has opened the
    corpus and listed its graphs (documents and recurring tasks), and how many findings the
    check made (a check that checked nothing would also be fast). Oxigraph only: the check
    reads each graph from the store."""
    if data.name != "oxigraph":
        return None
    from dutygraph.check.corpus import graphs_to_check, validate_documents

    data.flush()
    graphs = graphs_to_check(data.store)
    started = time.perf_counter()
    report = validate_documents(data.store, graphs, jobs=jobs)
    return time.perf_counter() - started, len(report.findings)


def count_quads(data) -> int:
    """The quads of a corpus dataset (rdflib: summed per graph, quicker than len)."""
    if data.name == "rdflib":
        return sum(len(graph) for graph in data.dataset.graphs())
    return len(data)


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its largest finished child (a worker)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def query_names(pattern: str = "*.rq") -> list[str]:
    """The catalogue's queries whose file names match PATTERN (default: all)."""
    return sorted(path.name for path in QUERIES.glob(pattern))


def timed_query(data, path: Path, timeout: float) -> dict:
    """One query's latency in seconds and its row count, or that it passed TIMEOUT.

    The query runs in a fork of this process (the dataset shared, copy on write), which is
    killed at the limit: neither engine can be interrupted reliably from inside (Oxigraph's
    Rust code does not return to Python before its first row, and a query without rows never
    does). The latency is measured inside the fork, so the fork's cost is not counted, nor
    its copy-on-write faults (see touch_store)."""
    text = path.read_text(encoding="utf-8")
    params = PARAMS.get(path.name)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the fork: answer, report, exit without running any cleanup
        os.close(read_end)
        try:
            touch_store(data)
            started = time.perf_counter()
            rows = len(data.query(text, str(path), params).rows)
            os.write(write_end, json.dumps([time.perf_counter() - started, rows]).encode())
        finally:
            os._exit(0)  # an error leaves the pipe empty; its traceback is on stderr
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], timeout)
        if not ready:
            os.kill(pid, signal.SIGKILL)
            return {"s": timeout, "rows": None, "timed_out": True}
        answer = b"".join(iter(lambda: os.read(read_end, 65536), b""))
        if not answer:
            raise RuntimeError(f"{path.name}: the query failed (see stderr)")
        seconds, rows = json.loads(answer)
        return {"s": seconds, "rows": rows, "timed_out": seconds > timeout}
    finally:
        os.close(read_end)
        os.waitpid(pid, 0)


_EVERY_QUAD = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def timed_in_process(data, path: Path, timeout: float) -> dict:
    """One query's latency in this process, with no fork and no time limit (TIMEOUT is not
    used: every query runs to its end and its seconds are printed): for a store too big to
    fork, since each fork copies the pages of an in-memory store it reads (5,000 documents:
    10 GB)."""
    started = time.perf_counter()
    rows = len(data.query(path.read_text(encoding="utf-8"), str(path), PARAMS.get(path.name)).rows)
    seconds = time.perf_counter() - started
    return {"s": seconds, "rows": rows, "timed_out": False}


def touch_store(data) -> None:
    """Read every quad of an in-memory Oxigraph store once, before the fork's timer starts.

    Reading Oxigraph's in-memory store writes to the pages it reads (reference counts), so in
    a fresh fork the first query pays a copy-on-write fault for each page it reads: 0.4 s
    for the first 68,886-task join on 500 documents, where the same query takes 0.17 s in
    the parent, and in any process that did not fork (`dutygraph query`). One scan of every
    quad takes those faults outside the measurement. rdflib's and the on-disk store's
    figures still include their forks' faults."""
    if data.name == "oxigraph" and not data.on_disk:
        data.flush()
        for _ in data.store.query(_EVERY_QUAD):
            pass


# ---------------------------------------------------------------- the driver (parent)

def measure(config: dict) -> dict:
    """Run one configuration in a fresh process; add the whole process's time to Turtle."""
    launched = time.time()
    # The configuration on stdin: 5,000 paths are past the length of a command line.
    process = subprocess.run([sys.executable, __file__, "--child", "-"],
                             input=json.dumps(config), capture_output=True, text=True)
    if process.returncode != 0:
        return {"documents": len(config["paths"]), "store": config["store"],
                "error": process.stderr.strip().splitlines()[-1] if process.stderr else "failed"}
    result = json.loads(process.stdout.strip().splitlines()[-1])
    result["to_turtle_s"] = result.pop("turtle_at") - launched
    result["process_s"] = time.time() - launched
    return result


def measure_cli(runs: int, workdir: Path) -> dict:
    """`dutygraph build SEED` as a whole process, with and without --no-validate: each run's
    wall time from start to exit (graph.ttl and the other files written)."""
    command = [str(Path(sys.executable).with_name("dutygraph")), "build", str(SEED)]
    times = {}
    for label, extra in (("validate", []), ("no-validate", ["--no-validate"])):
        samples = []
        for run in range(runs):
            outdir = workdir / f"cli-{label}-{run}"
            started = time.perf_counter()
            subprocess.run(command + extra + ["-o", str(outdir)], check=True,
                           capture_output=True)
            samples.append(time.perf_counter() - started)
        times[label] = samples
    return times


def corpus_paths(workdir: Path, documents: int, seed: int) -> list[Path]:
    """The first DOCUMENTS tables of the synthetic corpus of SEED, generated once in WORKDIR."""
    from generate import generate  # the script beside this one (its folder is sys.path[0])

    folder = workdir / f"corpus-seed{seed}-{documents}"
    listing = folder / "tables.json"
    if listing.exists():
        return [Path(p) for p in json.loads(listing.read_text())]
    shutil.rmtree(folder, ignore_errors=True)
    paths = generate(folder, documents, seed)
    listing.write_text(json.dumps([str(p) for p in paths]))
    return paths


def run(sizes: list[int], stores: list[str], workdir: Path, *, seed: int, jobs: int,
        timeout: float, validate: bool, disk_from: int, cli_runs: int, queries: str = "*.rq",
        check: bool = False, in_process: bool = False, progress=print) -> dict:
    """Every configuration, then the one-document command; the results as plain data."""
    paths = corpus_paths(workdir, max(sizes), seed)
    results = []
    timed_out: dict[str, set[str]] = {store: set() for store in stores}
    for size in sizes:
        for store in stores:
            outdir = workdir / f"out-{size}-{store}"
            shutil.rmtree(outdir, ignore_errors=True)
            outdir.mkdir(parents=True)
            disk = str(outdir / "store") if store == "oxigraph" and size >= disk_from else None
            config = {"paths": [str(p) for p in paths[:size]], "store": store, "jobs": jobs,
                      "validate": validate, "timeout": timeout, "outdir": str(outdir),
                      "queries": queries, "check": check, "in_process": in_process,
                      "disk": disk, "skip": sorted(timed_out[store])}
            progress(f"… {size} documents, {store}{' on disk' if disk else ''}")
            results.append(measure(config))
            timed_out[store] |= {name for name, q in results[-1].get("queries", {}).items()
                                 if q["timed_out"]}
            shutil.rmtree(outdir, ignore_errors=True)
    cli = measure_cli(cli_runs, workdir) if cli_runs else {}
    return {"configurations": results, "cli": cli, "timeout": timeout, "jobs": jobs,
            "validate": validate, "seed": seed, "queries": queries}


# ---------------------------------------------------------------- the printed tables

def report(results: dict) -> str:
    """The results as two plain-text tables (and the one-document command's times)."""
    configs = [c for c in results["configurations"] if "error" not in c]
    lines = []
    for c in results["configurations"]:
        if "error" in c:
            lines.append(f"FAILED {c['documents']} documents, {c['store']}: {c['error']}")
    header = ["documents", "store", "quads", "build s", "quads/s", "Turtle write s",
              "start→Turtle s", "peak MB main", "peak MB worker", "max query s"]
    rows = [[f"{c['documents']:,}", c["store"] + (" (disk)" if c["on_disk"] else ""),
             f"{c['quads']:,}", f"{c['build_s']:.2f}", f"{c['quads'] / c['build_s']:,.0f}",
             f"{c['turtle_s']:.2f}", f"{c['to_turtle_s']:.2f}", f"{c['peak_main_mb']:,.0f}",
             f"{c['peak_worker_mb']:,.0f}", _max_query(c, results["timeout"])] for c in configs]
    if any(c.get("check_s") is not None for c in configs):
        header.append("check s")
        for row, c in zip(rows, configs, strict=True):
            row.append("-" if c.get("check_s") is None else f"{c['check_s']:.2f}")
    lines += _table(header, rows)
    lines.append("")
    names = query_names(results["queries"])
    header = ["query"] + [f"{c['documents']}/{c['store'][:3]}" for c in configs]
    rows = [[name] + [_latency(c["queries"].get(name), results["timeout"]) for c in configs]
            for name in names]
    lines += _table(header, rows)
    lines.append("(query latency in seconds; N/rdf = N documents with rdflib, N/oxi with "
                 f"Oxigraph; '> {results['timeout']:g}' stopped at the time limit; "
                 f"'> {results['timeout']:g}*' not run: it passed the limit on a smaller "
                 "corpus)")
    for c in configs:
        if c["skipped"]:
            lines.append(f"{c['documents']}/{c['store']}: {len(c['skipped'])} documents "
                         f"skipped, first: {c['skipped'][0]}")
    for label, samples in results["cli"].items():
        lines.append(f"dutygraph build (seed, one document, {label}): "
                     + ", ".join(f"{s:.2f}" for s in samples)
                     + f" s; median {statistics.median(samples):.2f} s")
    return "\n".join(lines)


def _max_query(config: dict, timeout: float) -> str:
    if not config["queries"]:  # --queries matched none: a build-only run
        return "-"
    if any(q["timed_out"] for q in config["queries"].values()):
        return f"> {timeout:g}"
    return _latency(max(config["queries"].values(), key=lambda q: q["s"]), timeout)


def _latency(query: dict | None, timeout: float) -> str:
    if query is None:
        return "-"
    if query["timed_out"]:
        return f"> {timeout:g}" + ("*" if query.get("not_run") else "")
    return f"{query['s']:.3f}"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(str(v).rjust(w) if i else str(v).ljust(w)
                      for i, (v, w) in enumerate(zip(row, widths, strict=True))) for row in rows]
    return out


def dataset_parser(doc: str) -> argparse.ArgumentParser:
    """The command line of the scripts that time the catalogue on one loaded dataset
    (answer_reading.py, query_floor.py): DATA, --runs and --names; DOC is the script's."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="a graph or corpus file, or a store folder")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--names", nargs="*", default=[])
    return parser


def main(argv: list[str] | None = None) -> None:
    """Command line: run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="numbers of documents, comma-separated (default 1,50,500)")
    parser.add_argument("--full", action="store_true", help=f"also {FULL_SIZE:,} documents")
    parser.add_argument("--stores", default=",".join(STORES))
    parser.add_argument("--query-timeout", type=float, default=60.0,
                        help="seconds a query may run (default 60)")
    parser.add_argument("--queries", default="*.rq",
                        help="which files of queries/ to run, a glob (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--validate", action="store_true",
                        help="check each document against the SHACL shapes while building")
    parser.add_argument("--check", action="store_true",
                        help="also time the SHACL check of every built document, as "
                             "`dutygraph validate` of the corpus runs it (Oxigraph only)")
    parser.add_argument("--in-process", action="store_true",
                        help="run the queries in the building process, one after another, "
                             "with no fork and no time limit (a store too big to fork)")
    parser.add_argument("--disk-from", type=int, default=FULL_SIZE,
                        help="Oxigraph keeps corpora of this many documents or more on disk")
    parser.add_argument("--cli-runs", type=int, default=CLI_RUNS,
                        help="runs of the one-document command (0: skip it)")
    parser.add_argument("--workdir", help="where corpora are generated (default: a temp dir)")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        config = sys.stdin.read() if args.child == "-" else args.child
        print(json.dumps(run_configuration(json.loads(config))))
        return
    sizes = [int(s) for s in args.sizes.split(",")] + ([FULL_SIZE] if args.full else [])
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="dutygraph-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = run(sizes, args.stores.split(","), workdir, seed=args.seed, jobs=args.jobs,
                  timeout=args.query_timeout, validate=args.validate,
                  disk_from=args.disk_from, cli_runs=args.cli_runs, queries=args.queries,
                  check=args.check, in_process=args.in_process,
                  progress=lambda m: print(m, file=sys.stderr, flush=True))
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
