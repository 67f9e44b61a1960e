"""Hostile and unlucky inputs: each case under tests/hostile ends within its bound of time and
memory, with exit 2 and its one-line message, or with a correct graph that lost no text.

A case is a folder with case.json: the commands to run ({case} the folder of its inputs,
{out} an empty folder of the command's own, {work} one the case's commands share, {queries}
the catalogue; a brace meant as itself is doubled), the environment, the exit code, the
exact stderr or the lines the output must hold or lack (stdout or a file; for all its
commands, or each its own), and its bounds: seconds of wall time and megabytes of address
space (RLIMIT_AS), enforced on the command's own process. Inputs are small files in the
folder, written by tests/hostile/generate.py; a case marked "generated" has its (large)
inputs made at run time instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "hostile"
QUERIES = Path(__file__).resolve().parents[1] / "queries"


def _load_generator():
    """tests/hostile/generate.py, the cases' maker, loaded by its path (no sys.path change)."""
    spec = importlib.util.spec_from_file_location("hostile_generate", CASES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generate = _load_generator()
def cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "case.json").is_file())


def run_bounded(args: list[str], env: dict[str, str], seconds: float, megabytes: int,
                cwd: Path) -> subprocess.CompletedProcess:
    """Run `python -m dutygraph ARGS` with at most MEGABYTES of address space, SECONDS long."""
    def limit():
        size = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return subprocess.run([sys.executable, "-m", "dutygraph", *args], cwd=cwd,
                          env={**os.environ, **env}, preexec_fn=limit, timeout=seconds,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.mark.parametrize("case", cases(), ids=lambda path: path.name)
def test_hostile_input_ends_in_bounds_with_a_message_or_a_whole_graph(case, tmp_path):
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    inputs = case
    if spec.get("generated"):
        inputs = tmp_path / "in"
        inputs.mkdir()
        generate.make(spec.get("maker", case.name), inputs)
    work = tmp_path / "work"  # shared by the case's commands: one builds, the next reads
    work.mkdir()
    for number, command in enumerate(spec["commands"]):
        # A command is its arguments, or {"args": […]} with its own exit, stderr, holds.
        expected = {**spec, **command} if isinstance(command, dict) else spec
        out = tmp_path / f"out{number}"
        out.mkdir()
        fill = {"case": str(inputs), "out": str(out), "work": str(work), "queries": str(QUERIES)}
        args = [arg.format(**fill) for arg in expected.get("args", command)]
        result = run_bounded(args, spec.get("env", {}), spec["seconds"], spec["memory_mb"],
                             tmp_path)
        assert result.returncode == expected["exit"], (args, result.stderr[-2000:])
        if "stderr" in expected:
            assert result.stderr == expected["stderr"].format(**fill), args
        for key, present in (("holds", True), ("lacks", False)):
            for name, lines in expected.get(key, {}).items():
                text = result.stdout if name == "stdout" else \
                    Path(name.format(**fill)).read_text("utf-8")
                for line in lines:
                    assert (line in text) == present, (args, key, name, line)


def test_the_bulk_loader_reads_no_graph_over_the_size_limit(tmp_path, monkeypatch):
    from dutygraph.ask.bulkload import read_graphs
    from dutygraph.errors import InputError

    path = tmp_path / "corpus.nq"
    path.write_text('<http://e/s> <http://e/p> "o" <http://e/g> .\n', encoding="utf-8")
    assert read_graphs([path], "http://e/default")[0] == {"http://e/g": 1}
    monkeypatch.setenv("DUTYGRAPH_MAX_GRAPH_BYTES", "10")
    with pytest.raises(InputError, match="over the limit of 10: if the input is trusted, "
                                         "set DUTYGRAPH_MAX_GRAPH_BYTES=N to raise it"):
        read_graphs([path], "http://e/default")


@pytest.mark.parametrize("value,cell", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+2", "'+1+2"),
    ("-A1", "'-A1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-5", "-5"), ("+3.5", "+3.5"), ("-1e3", "-1e3"), (-5, -5), ("区发改局", "区发改局"),
    ("", ""), ("a=1", "a=1")])
def test_a_csv_cell_that_a_spreadsheet_would_run_is_inert_and_a_number_stays(value, cell):
    from dutygraph.ask.query import spreadsheet_cell

    assert spreadsheet_cell(value) == cell


def test_a_second_build_into_a_store_in_use_is_told_so_and_changes_nothing(tmp_path):
    import pyoxigraph as ox

    from dutygraph.ask.marker import read_marker

    corpus, store = Path(__file__).parent / "corpus", tmp_path / "store"
    first = run_bounded(["build", str(corpus), "--store", str(store), "-o", str(tmp_path / "a"),
                         "--no-validate"], {}, 300, 2048, tmp_path)
    assert first.returncode == 0, first.stderr
    marker = read_marker(store)
    held = ox.Store(str(store))  # as a build running meanwhile holds it
    second = run_bounded(["build", str(corpus), "--store", str(store), "-o", str(tmp_path / "b"),
                          "--no-validate"], {}, 300, 2048, tmp_path)
    del held
    assert second.returncode == 2
    assert second.stderr.endswith(f"Error: {store.resolve()}: the store is in use by another "
                                  "build (RocksDB's lock is taken): wait for it to end, or "
                                  "build into another folder\n"), second.stderr
    assert read_marker(store) == marker


def test_an_output_that_cannot_be_written_is_named_as_given(tmp_path, seed_turtle):
    result = run_bounded(["query", str(QUERIES / "tasks.rq"), "--graph", str(seed_turtle),
                          "-o", "/proc/tasks.csv"], {}, 60, 1024, tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: /proc/tasks.csv: "), result.stderr
    assert len(result.stderr.splitlines()) == 1
