"""Shared fixtures: the seed table built once per session, and where things live."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dutygraph.ask.graphs import open_graph
from dutygraph.build import build

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "ouhai-2024-key-tasks.txt"
QUERIES = REPO / "queries"


def require_tool(name: str) -> str:
    """The path of a command the test needs: skipped on a laptop without it, a failure in CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (make test installs it: scripts/install-system-deps.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def launched_chromium(switches: list[str]):
    """Debian's Chromium driven by playwright (no browser download), with SWITCHES; a
    generator for a module's browser fixture to yield from."""
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=switches)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def seed_build():
    """The seed table's BuildResult."""
    return build(SEED)


@pytest.fixture(scope="session")
def seed_turtle(seed_build, tmp_path_factory) -> Path:
    """The seed graph written as Turtle."""
    path = tmp_path_factory.mktemp("seed") / "graph.ttl"
    path.write_bytes(seed_build.graph.serialize(format="turtle", encoding="utf-8"))
    return path


@pytest.fixture(scope="session")
def seed_store(seed_turtle):
    """The seed graph loaded into Oxigraph, as `dutygraph query` loads it."""
    return open_graph(seed_turtle)


@pytest.fixture(scope="session")
def served(seed_turtle):
    """The seed graph served by `dutygraph serve` on a loopback port (tests/serve_server.py)."""
    from .serve_server import serve_seed

    yield from serve_seed(seed_turtle)
