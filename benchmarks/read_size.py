"""How reading and building scale with a table's size: 1, 10 and 100 MB by default.

A table of N MB is the seed's (data/ouhai-2024-key-tasks.txt) body repeated, its 序号
numbered on, until the file reaches N MB (about 4,400 tasks a megabyte). For each size, in
fresh processes, two measures of wall time and peak resident memory (getrusage of the child):
- read: the reader alone (dutygraph.read.reader.read_table: file → records), its limits
  raised to fit;
- build: `dutygraph build --no-validate` as a user runs it, with the default limits: a table
  over them is refused, and the figure says how soon.
Printed as a Markdown table (docs/performance.md records a run).

    python benchmarks/read_size.py [--sizes 1 10 100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "ouhai-2024-key-tasks.txt"
_NUMBERED = re.compile(r"^(\d+)\t")


def write_table(path: Path, megabytes: float) -> int:
    """Write a table of about MEGABYTES to PATH; return its tasks."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    head, body = lines[:first], lines[first:]
    target, tasks = int(megabytes * 1024 * 1024), 0
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        written = stream.write("\n".join(head) + "\n")
        while written < target:
            for line in body:
                if _NUMBERED.match(line):
                    tasks += 1
                    line = _NUMBERED.sub(f"{tasks}\t", line)
                stream.write(line + "\n")
                written += len(line.encode("utf-8")) + 1
    return tasks


def measure(mode: str, source: Path, outdir: Path) -> tuple[float, float, int]:
    """Seconds and peak megabytes of MODE (read or build) on SOURCE, and its exit code."""
    env = dict(os.environ)
    if mode == "read":
        env.update(DUTYGRAPH_MAX_BYTES=str(1 << 40), DUTYGRAPH_MAX_TASKS=str(1 << 30))
    command = [sys.executable, "-c", _CHILD, mode, str(source), str(outdir)]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
    peak_kb = int(done.stdout.strip().splitlines()[-1])
    return seconds, peak_kb / 1024, done.returncode


# The build in a child that prints its own peak (ru_maxrss of RUSAGE_SELF, in kB on Linux):
# RUSAGE_CHILDREN would keep the largest of every child so far.
_CHILD = """
import resource, sys
mode, source, outdir = sys.argv[1:]
try:
    if mode == "read":
        from dutygraph.read.reader import read_table
        read_table(source)
    else:
        from dutygraph.cli.main import cli
        cli(["build", source, "-o", outdir, "--no-validate"], standalone_mode=False)
finally:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 100])
    parser.add_argument("--keep", type=Path, help="Write the tables here (default: a temp dir).")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="read-size-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("| size | tasks | step | seconds | s per MB | peak MB |\n|---|---|---|---|---|---|")
    for size in args.sizes:
        source = folder / f"table-{size:g}mb.txt"
        tasks = write_table(source, size)
        for mode in ("read", "build"):
            seconds, peak, code = measure(mode, source, folder / f"out-{size:g}")
            status = "" if code == 0 else f" (exit {code})"
            print(f"| {size:g} MB | {tasks:,} | {mode}{status} | {seconds:.1f} | "
                  f"{seconds / size:.2f} | {peak:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
