"""Requests per second that `dutygraph serve` answers over a corpus store (measuring only):
a unit's page, and a catalogue query scoped to one document.

The corpus is benchmarks/generate.py's (500 documents by default, seed 8), built once into
an Oxigraph store with `dutygraph build --store --no-validate` (kept in --workdir, so a
second run reuses it). The server runs as its own process (`dutygraph serve STORE`, a free
loopback port, one query worker unless --workers); this process is the clients: --clients
threads, each on one kept-alive connection, asking the same URL for --seconds.

The two requests:
- **unit page**: GET the HTML page of a unit (the first the search finds for 发改局), as a
  person following a link would;
- **scoped query**: `queries/unit_load.rq` POSTed to /sparql with `default-graph-uri` one
  document's named graph and its district's units' graph (the first pair the store gives),
  answered as SPARQL JSON.

It prints, for each: requests, requests per second, median and 95th-percentile latency.

    .venv/bin/python benchmarks/serve_requests.py [--documents 500] [--workdir DIR]
        [--seconds 10] [--clients 4] [--workers 1] [--json FILE]
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
UNIT_LOAD = REPO / "queries" / "unit_load.rq"
# A document's graph, and the graph that describes its units (a corpus keeps a district's
# units in a graph of their own, which the document's tasks point into).
A_DOCUMENT = """SELECT ?doc ?units WHERE {
  GRAPH ?doc { ?t a dg:Task ; prov:qualifiedAttribution/prov:agent ?u }
  GRAPH ?units { ?u a dg:Unit }
} LIMIT 1"""


def built_store(workdir: Path, documents: int, seed: int) -> Path:
    """The corpus store of DOCUMENTS synthetic documents, built into WORKDIR once."""
    store = workdir / f"store-{documents}-{seed}"
    if (store / "CURRENT").exists() or (store.exists() and any(store.iterdir())):
        return store
    tables = workdir / f"tables-{documents}-{seed}"
    if not tables.exists():
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(tables),
                        "--documents", str(documents), "--seed", str(seed)], check=True)
    start = time.perf_counter()
    subprocess.run([str(BIN / "dutygraph"), "build", str(tables), "-o", str(workdir / "out"),
                    "--store", str(store), "--no-validate"], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"built {documents} documents into {store} in {time.perf_counter() - start:.1f} s",
          file=sys.stderr)
    return store


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(store: Path, workers: int) -> tuple[subprocess.Popen, str]:
    """`dutygraph serve STORE` on a free port, once it answers: (process, root URL)."""
    port = free_port()
    process = subprocess.Popen([str(BIN / "dutygraph"), "serve", str(store), "--port",
                                str(port), "--workers", str(workers)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while True:
        try:
            urllib.request.urlopen(root, timeout=60).read()
            return process, root
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start: " +
                                   process.stderr.read().decode("utf-8", "replace")) from None
            time.sleep(0.5)


def targets(root: str) -> dict[str, tuple[str, str, bytes | None, dict]]:
    """The two requests: (method, path, body, headers), by name."""
    search = urllib.request.urlopen(root + "search?" + urllib.parse.urlencode({"q": "发改局"}))
    html = search.read().decode("utf-8")
    path = re.search(r'href="(/[^"]*/unit/[^"]*)"', html).group(1)
    from dutygraph.rdf.queries import prefix_block

    row = _select(root, prefix_block() + A_DOCUMENT)[0]
    body = urllib.parse.urlencode([("query", UNIT_LOAD.read_text("utf-8")),
                                   ("default-graph-uri", row["doc"]["value"]),
                                   ("default-graph-uri", row["units"]["value"])]).encode()
    return {
        "unit page": ("GET", path, None, {"Accept": "text/html"}),
        "scoped query": ("POST", "/sparql", body, {
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded"}),
    }


def _select(root: str, query: str) -> list[dict]:
    request = urllib.request.Request(root + "sparql", urllib.parse.urlencode(
        {"query": query}).encode(), {"Accept": "application/sparql-results+json"})
    return json.loads(urllib.request.urlopen(request).read())["results"]["bindings"]


def check(root: str, request: tuple) -> str:
    """What one answer holds (rows of a query, bytes of a page): a benchmark of empty answers
    would measure nothing."""
    method, path, body, headers = request
    answer = urllib.request.urlopen(urllib.request.Request(
        root.rstrip("/") + path, body, headers, method=method)).read()
    if path == "/sparql":
        rows = len(json.loads(answer)["results"]["bindings"])
        if not rows:
            raise RuntimeError("the scoped query has no rows")
        return f"{rows} rows"
    return f"{len(answer):,} bytes"


def hammer(root: str, request: tuple, seconds: float, clients: int) -> dict:
    """CLIENTS threads asking REQUEST for SECONDS: counts and latencies."""
    method, path, body, headers = request
    host, port = urllib.parse.urlsplit(root).netloc.split(":")
    latencies, failures = [], []
    deadline = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection(host, int(port), timeout=120)
        while time.monotonic() < deadline:
            start = time.perf_counter()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - start)
            if response.status != 200:
                failures.append(response.status)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {"requests": len(latencies), "per_s": len(latencies) / elapsed,
            "median_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
            "failures": len(failures)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dutygraph-serve-bench"))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--clean", action="store_true", help="remove --workdir afterwards")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    store = built_store(args.workdir, args.documents, args.seed)
    process, root = serve(store, args.workers)
    try:
        results = {}
        for name, request in targets(root).items():
            print(f"{name}: {check(root, request)}", file=sys.stderr)
            hammer(root, request, min(2, args.seconds), 1)  # warm: caches, imports, workers
            results[name] = hammer(root, request, args.seconds, args.clients)
    finally:
        process.terminate()
        process.wait(30)
    print(f"{args.documents} documents, {args.clients} clients, {args.workers} query "
          f"worker(s), {args.seconds:g} s each")
    print(f"{'request':<14} {'requests':>8} {'per s':>8} {'median ms':>10} {'p95 ms':>8} "
          f"{'failed':>6}")
    for name, r in results.items():
        print(f"{name:<14} {r['requests']:>8} {r['per_s']:>8.1f} {r['median_ms']:>10.1f} "
              f"{r['p95_ms']:>8.1f} {r['failures']:>6}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if args.clean:
        shutil.rmtree(args.workdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
