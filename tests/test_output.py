"""The written Turtle: byte-identical on every run, and readable by an independent parser."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from rdflib import Graph

from .conftest import REPO, SEED, require_tool


def _build(outdir, hash_seed):
    env = {**os.environ, "PYTHONHASHSEED": str(hash_seed)}
    subprocess.run([sys.executable, "-m", "dutygraph", "build", str(SEED), "-o", str(outdir)],
                   check=True, env=env, capture_output=True)
    return (outdir / "graph.ttl").read_bytes()


def test_same_input_gives_byte_identical_turtle(tmp_path):
    # Different hash seeds shuffle Python's set and dict-of-set orders between runs.
    assert _build(tmp_path / "a", 1) == _build(tmp_path / "b", 2)


def test_turtle_parses_in_rapper_with_the_same_triple_count(seed_turtle):
    rapper = require_tool("rapper")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(seed_turtle)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    counted = int(re.search(r"returned (\d+) triples", done.stderr).group(1))
    assert counted == len(Graph().parse(seed_turtle, format="turtle"))


def test_an_output_through_a_link_keeps_the_link(tmp_path, seed_turtle):
    """-o LINK writes the file the link points to, atomically there; the link stays a link."""
    from click.testing import CliRunner

    from dutygraph.cli.main import cli

    (tmp_path / "answers").mkdir()
    link = tmp_path / "latest.csv"
    link.symlink_to(tmp_path / "answers" / "2024.csv")
    query = str(REPO / "queries" / "unit_load.rq")
    result = CliRunner().invoke(cli, ["query", query, "--graph", str(seed_turtle), "--format",
                                      "csv", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (tmp_path / "answers" / "2024.csv").read_text("utf-8-sig") \
        .startswith("unit,lead_tasks,co_tasks,leaders,document,district,year\n")
    assert sorted(p.name for p in (tmp_path / "answers").iterdir()) == ["2024.csv"]


def test_an_output_into_a_named_pipe_is_written_into_it_not_over_it(tmp_path, seed_turtle):
    """-o PIPE (or /dev/stdout): renaming a file over it would replace the pipe (or, run as
    root, the device) with a plain file; the answer is written into it instead."""
    import threading

    from click.testing import CliRunner

    from dutygraph.cli.main import cli

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    query = str(REPO / "queries" / "unit_load.rq")
    result = CliRunner().invoke(cli, ["query", query, "--graph", str(seed_turtle), "--format",
                                      "csv", "-o", str(pipe)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert received and received[0].decode("utf-8-sig").startswith("unit,lead_tasks,")
    assert pipe.is_fifo() and [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_an_output_to_dev_stdout_appends_where_the_shell_points_it(tmp_path, seed_turtle):
    """`… -o /dev/stdout >> log.txt`: the answer goes after what log.txt held (renaming a new
    file over /proc/self/fd/1's file lost it, and cut the shell's file off)."""
    import shlex

    log = tmp_path / "log.txt"
    log.write_text("earlier\n", "utf-8")
    command = [sys.executable, "-m", "dutygraph", "query", str(REPO / "queries" / "unit_load.rq"),
               "--graph", str(seed_turtle), "--format", "csv", "-o", "/dev/stdout"]
    subprocess.run(["bash", "-c", f"{shlex.join(command)} >> {shlex.quote(str(log))}"],
                   check=True, capture_output=True)
    lines = log.read_text("utf-8").splitlines()
    assert lines[0] == "earlier" and lines[1].lstrip("\ufeff") == \
        "unit,lead_tasks,co_tasks,leaders,document,district,year"


def test_a_link_into_a_missing_folder_names_the_folder(tmp_path, seed_turtle):
    from click.testing import CliRunner

    from dutygraph.cli.main import cli

    (tmp_path / "latest.csv").symlink_to(tmp_path / "nowhere" / "2024.csv")
    result = CliRunner().invoke(cli, ["query", str(REPO / "queries" / "unit_load.rq"), "--graph",
                                      str(seed_turtle), "--format", "csv", "-o",
                                      str(tmp_path / "latest.csv")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nowhere'}: No such file or directory\n"


def test_only_devices_pipes_and_open_descriptors_are_written_into():
    """Everything else, /dev/shm's files too, is replaced whole: written twice, once."""
    from pathlib import Path

    from dutygraph.publish.files import _written_into

    for name in ("/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/1", "/dev/null"):
        assert _written_into(Path(name)), name
    for name in ("/dev/shm/answers.csv", "/tmp/answers.csv", "/proc-like/fd/1"):
        assert not _written_into(Path(name)), name
