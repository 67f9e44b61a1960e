"""Queries run in worker processes, so that a query past the time limit can be stopped.

Oxigraph cannot cancel a query it has begun, and a thread cannot be stopped from outside: a
query that runs too long would hold its thread and its core for good. Each worker process
loads the graph once and answers one query at a time; a query past the limit gets its
worker killed, the client a 503, and a new worker loads the graph in the background. An
answer larger than the size limit is cut off while it is written and refused with a 400.
"""

from __future__ import annotations

import logging
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from dutygraph.errors import DutygraphError
from dutygraph.serve.protocol import ProtocolError, QueryRequest, result_format

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30.0
MAX_BYTES = 64 * 1024 * 1024
# How long a worker may take to load the graph before the endpoint gives up on it.
STARTUP_SECONDS = 600.0


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body."""

    status: int
    media_type: str
    body: bytes

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        """A plain-text error answer."""
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


class WorkerError(DutygraphError):
    """A query worker could not load the graph."""


class AnswerTooLarge(Exception):
    """The answer grew past the size limit while it was written."""


class _LimitedBuffer:
    """A binary sink that refuses to hold more than LIMIT bytes."""

    def __init__(self, limit: int):
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise AnswerTooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def answer(store: ox.Store, request: QueryRequest, max_bytes: int = MAX_BYTES) -> Answer:
    """Run REQUEST's query over STORE and write its answer in the negotiated format."""
    try:
        result = store.query(request.query, **_dataset(request))
    except SyntaxError as error:
        return Answer.error(400, f"SPARQL syntax error: {error}")
    except (OSError, ValueError, RuntimeError) as error:
        return Answer.error(500, f"the query failed: {error}")
    try:
        media_type, fmt = result_format(request.accept, isinstance(result, ox.QueryTriples))
    except ProtocolError as error:
        return Answer.error(error.status, error.message)
    sink = _LimitedBuffer(max_bytes)
    try:
        result.serialize(sink, format=fmt)
    except AnswerTooLarge:
        return Answer.error(400, f"the answer is larger than {_megabytes(max_bytes)}, this "
                            "endpoint's limit (dutygraph serve --max-answer-mb): ask for "
                            "fewer rows (LIMIT) or fewer columns")
    except (OSError, ValueError, RuntimeError) as error:
        return Answer.error(500, f"the query failed: {error}")
    return Answer(200, _with_charset(media_type), sink.getvalue())


def _dataset(request: QueryRequest) -> dict:
    """The query's dataset: the graphs it names, else the union of every graph (as `dutygraph
    query` asks a corpus)."""
    try:
        dataset = {}
        if request.default_graphs:
            dataset["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs]
        else:
            dataset["use_default_graph_as_union"] = True
        if request.named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs]
    except ValueError as error:
        raise SyntaxError(f"a graph's name is not an IRI: {error}") from None
    return dataset


def _with_charset(media_type: str) -> str:
    text = media_type.startswith("text/") or media_type.endswith(("json", "xml"))
    return f"{media_type}; charset=utf-8" if text else media_type


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"


def _work(requests: Connection, answers: Connection, source: str, max_bytes: int) -> None:
    """A worker process: load SOURCE, say ready, then answer requests until the pipe closes."""
    from dutygraph.ask.graphs import open_graph

    try:
        store = open_graph(source)
    except DutygraphError as error:
        answers.send(("failed", str(error)))
        return
    answers.send(("ready", None))
    while True:
        try:
            request = requests.recv()
        except (EOFError, OSError):
            return
        answers.send(answer(store, request, max_bytes))


class _Worker:
    """One worker process (`python -m dutygraph.serve.worker`) and the two pipes to it.

    A fresh interpreter, not multiprocessing's spawn: spawn imports the parent's __main__
    again, which fails under a notebook, `python -`, or an embedding program."""

    def __init__(self, source: str, max_bytes: int):
        from_parent, to_child = os.pipe()
        from_child, to_parent = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dutygraph.serve.worker", str(from_parent), str(to_parent),
             source, str(max_bytes)], pass_fds=(from_parent, to_parent), stdin=subprocess.DEVNULL)
        os.close(from_parent)
        os.close(to_parent)
        self.requests = Connection(to_child, readable=False)
        self.answers = Connection(from_child, writable=False)

    def wait_ready(self) -> None:
        """Block until the worker has loaded the graph; WorkerError if it could not."""
        if not self.answers.poll(STARTUP_SECONDS):
            self.stop()
            raise WorkerError(f"a query worker did not load the graph in {STARTUP_SECONDS} s")
        try:
            state, detail = self.answers.recv()
        except (EOFError, OSError):
            state, detail = "failed", "it stopped while loading the graph"
        if state != "ready":
            self.stop()
            raise WorkerError(f"a query worker could not load the graph: {detail}")

    def stop(self) -> None:
        """Kill the process, whatever it is doing."""
        self.process.kill()
        self.process.wait(5)
        self.requests.close()
        self.answers.close()


class QueryPool:
    """Worker processes over one graph file, corpus file or store folder."""

    def __init__(self, source: str | Path, workers: int = 1, timeout: float = TIMEOUT_SECONDS,
                 max_bytes: int = MAX_BYTES):
        self.source, self.timeout, self.max_bytes = str(source), timeout, max_bytes
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        worker = _Worker(self.source, self.max_bytes)
        with self._lock:
            self._all.add(worker)
        try:
            worker.wait_ready()
        except WorkerError:
            self._forget(worker)
            raise
        return worker

    def _forget(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill WORKER and start another in the background."""
        worker.stop()
        self._forget(worker)
        if self._closed:
            return

        def start() -> None:
            try:
                self._idle.put(self._start())
            except WorkerError as error:
                log.error("%s", error)

        threading.Thread(target=start, daemon=True, name="dutygraph-worker-start").start()

    def ask(self, request: QueryRequest) -> Answer:
        """The answer to REQUEST, or a 503 when it took longer than the time limit (or no
        worker was free within it)."""
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer.error(503, f"every query worker stayed busy for {self.timeout:g} s: "
                                "try again later")
        try:
            worker.requests.send(request)
            if worker.answers.poll(self.timeout):
                reply = worker.answers.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return Answer.error(500, "the query's worker stopped (out of memory?): ask a "
                                "narrower question")
        self._replace(worker)
        return Answer.error(503, f"the query ran longer than {self.timeout:g} s, this "
                            "endpoint's time limit (dutygraph serve --timeout): ask a narrower "
                            "question, or raise the limit")

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


if __name__ == "__main__":  # a worker: python -m dutygraph.serve.worker IN_FD OUT_FD SOURCE MAX
    # From the module by its name, so that its answers pickle as dutygraph.serve.worker.Answer.
    from dutygraph.serve.worker import _work as work

    work(Connection(int(sys.argv[1]), writable=False),
         Connection(int(sys.argv[2]), readable=False), sys.argv[3], int(sys.argv[4]))
