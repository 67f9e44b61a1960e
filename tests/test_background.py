"""background.in_background: `dutygraph build` runs its SHACL check in a forked process while
it makes the files; the answer and the errors must be the ones a direct call gives."""

from __future__ import annotations

import os
import time

import pytest

from dutygraph import background
from dutygraph.background import in_background


def _pid_and_length(items: list) -> tuple[int, int]:
    return os.getpid(), len(items)


def _fail(message: str):
    raise ValueError(message)


def _sleep_then_touch(seconds: float, path: str) -> None:
    time.sleep(seconds)
    open(path, "w").close()


def test_the_function_runs_in_another_process_on_the_inherited_argument():
    items = list(range(1000))
    with in_background(_pid_and_length, items) as result:
        pid, length = result()
    assert length == 1000
    assert pid != os.getpid()


def test_its_exception_reaches_the_caller():
    with in_background(_fail, "the shapes graph is broken") as result:
        with pytest.raises(ValueError, match="the shapes graph is broken"):
            result()


def test_leaving_early_stops_the_process(tmp_path):
    """An error in the build (bad input) must not wait for, or leave behind, the check."""
    mark = tmp_path / "finished"
    started = time.perf_counter()
    with pytest.raises(KeyError):
        with in_background(_sleep_then_touch, 5, str(mark)):
            raise KeyError("the build failed first")
    assert time.perf_counter() - started < 2
    time.sleep(0.2)
    assert not mark.exists()


def test_without_fork_it_runs_here(monkeypatch):
    monkeypatch.setattr(background.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with in_background(_pid_and_length, [1, 2]) as result:
        assert result() == (os.getpid(), 2)


def test_the_build_command_reports_the_validation_it_waited_for(tmp_path):
    from click.testing import CliRunner

    from dutygraph.cli.main import cli

    from .conftest import SEED

    result = CliRunner().invoke(cli, ["build", str(SEED), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Validated against the SHACL shapes: 0 violations, 13 warnings." in result.output


def test_a_table_read_from_a_pipe_is_read_once(tmp_path):
    """The check works on the graph already built: a source that can be read only once (a
    pipe, /dev/stdin) builds, and the graph checked is the graph written."""
    import subprocess
    import sys

    from .conftest import SEED

    done = subprocess.run([sys.executable, "-m", "dutygraph", "build", "/dev/stdin", "-o",
                           str(tmp_path)], input=SEED.read_bytes(), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert b"0 violations, 13 warnings" in done.stderr
    assert (tmp_path / "graph.ttl").stat().st_size > 100_000


def test_an_input_error_crosses_the_process_boundary_intact():
    import pickle

    from dutygraph.errors import InputError

    error = pickle.loads(pickle.dumps(InputError("t.txt", 7, "no task found")))
    assert (error.path, error.line, str(error)) == ("t.txt", 7, "t.txt:7: no task found")
