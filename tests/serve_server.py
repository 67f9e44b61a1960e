"""A workbench server (dutygraph serve) over the seed graph, on a free loopback port, for the
tests/test_serve*.py modules."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from dutygraph.serve.app import Workbench, create_app

from .conftest import QUERIES


@dataclass
class Served:
    """A running server: its root URL, its SPARQL endpoint and the workbench behind it."""

    url: str
    workbench: Workbench

    @property
    def endpoint(self) -> str:
        return self.url + "sparql"


def start(workbench: Workbench, **options):
    """Run the app in a thread with uvicorn; return (Served, stop)."""
    import uvicorn

    config = uvicorn.Config(create_app(workbench, **options), host="127.0.0.1", port=0,
                            log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]

    def stop():
        server.should_exit = True
        thread.join(10)
        workbench.close()

    return Served(f"http://127.0.0.1:{port}/", workbench), stop


def serve_seed(seed_turtle):
    """The seed graph served, the catalogue on its query page, a 3 s time limit (the
    `served` fixture of conftest.py)."""
    running, stop = start(Workbench(seed_turtle, timeout=3.0, catalogue=QUERIES))
    yield running
    stop()
