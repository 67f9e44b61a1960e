"""A corpus build stopped at random moments: Ctrl-C (SIGINT to the process group, as a
terminal sends it), SIGTERM and SIGKILL. Never a hang nor a traceback; Ctrl-C ends within a
few seconds with exit 130 and one line; after a kill, every command either reads a whole
store or refuses it by name, and the same build run again mends it.

The number of Ctrl-C rounds is DUTYGRAPH_TEST_INTERRUPTS (default 30)."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dutygraph.ask.marker import MARKER_FILE, read_marker

from .conftest import QUERIES, REPO

ROUNDS = int(os.environ.get("DUTYGRAPH_TEST_INTERRUPTS", "30"))
STOP_SECONDS = 10  # Ctrl-C to exit, on a loaded machine: "within a few seconds"


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    """Six synthetic documents of two districts (benchmarks/generate.py)."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(folder),
                    "--documents", "6"], check=True, capture_output=True)
    return folder


def dutygraph(*args, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dutygraph", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, **popen)


def finished(process: subprocess.Popen, seconds: float) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of PROCESS; a failure if it runs past SECONDS."""
    try:
        out, err = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"hung: still running {seconds} s later")
    return process.returncode, out, err


def build(sources: Path, store: Path, out: Path) -> subprocess.Popen:
    return dutygraph("build", sources, "-o", out, "--store", store, "--no-validate", "--jobs", 2)


def tasks_csv(store: Path) -> tuple[int, str, str]:
    return finished(dutygraph("query", QUERIES / "tasks.rq", "--graph", store, "--format",
                              "csv"), 120)


@pytest.fixture(scope="module")
def clean(sources, tmp_path_factory) -> tuple[float, str]:
    """A whole build's seconds and its store's tasks, as CSV."""
    folder = tmp_path_factory.mktemp("clean")
    started = time.monotonic()
    code, _, err = finished(build(sources, folder / "store", folder / "out"), 600)
    assert code == 0, err
    seconds = time.monotonic() - started
    assert read_marker(folder / "store")["finished"]
    code, rows, err = tasks_csv(folder / "store")
    assert code == 0, err
    return seconds, rows


def test_ctrl_c_at_random_moments_ends_soon_with_130_and_one_line(sources, clean, tmp_path):
    seconds, _ = clean
    moments = random.Random(20).sample(range(1000), ROUNDS)
    for moment in moments:
        store, out = tmp_path / "store", tmp_path / "out"
        process = build(sources, store, out)
        time.sleep(seconds * moment / 1000)
        os.killpg(process.pid, signal.SIGINT)
        pressed = time.monotonic()
        code, _, err = finished(process, STOP_SECONDS + seconds)
        assert "Traceback" not in err, err
        if code == 0:  # it had finished: the store is whole
            assert read_marker(store)["finished"]
        else:
            assert time.monotonic() - pressed < STOP_SECONDS, moment
            assert code == 130, err
            assert err.splitlines()[-1].startswith("Error: stopped by Ctrl-C"), err
            assert not store.exists() or read_marker(store)["finished"], err
            # Each file of the build is whole or absent; no partial file is left.
            left = {path.name for path in out.iterdir()} if out.exists() else set()
            assert left <= {"corpus.trig", "corpus.nq", "corpus.ttl", "corpus-report.md",
                            "corpus-report.json"}, (left, err)
            if left:
                assert "while writing the files" in err, err
        shutil.rmtree(store, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


@pytest.mark.parametrize("sent,moment", [(signal.SIGTERM, 0.15), (signal.SIGKILL, 0.4),
                                         (signal.SIGTERM, 0.7), (signal.SIGKILL, 0.9)])
def test_a_killed_build_leaves_a_store_refused_by_name_until_built_again(
        sources, clean, tmp_path, sent, moment):
    seconds, rows = clean
    store = tmp_path / "store"
    process = build(sources, store, tmp_path / "out")
    time.sleep(seconds * moment)
    os.killpg(process.pid, sent)
    finished(process, 60)
    code, answer, err = tasks_csv(store)
    assert "Traceback" not in err, err
    if code == 0:
        assert answer == rows  # the build had finished: the whole store
    else:
        assert code == 2, err
        assert len(err.splitlines()) == 1, err
        if (store / MARKER_FILE).exists():
            assert err.startswith(f"Error: the build into {store} did not finish (started "), err
            assert err.rstrip().endswith("): run it again"), err
    code, _, err = finished(build(sources, store, tmp_path / "out"), 600)
    assert code == 0, err
    code, answer, err = tasks_csv(store)
    assert (code, answer) == (0, rows), err
