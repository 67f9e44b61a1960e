"""Run work in other processes: one function beside this one (the machine's other core), or
many in a pool of workers that Ctrl-C stops at once."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from dutygraph.errors import DutygraphError


@contextmanager
def in_background(function: Callable, *args: Any) -> Iterator[Callable[[], Any]]:
    """Start FUNCTION(*ARGS) in a forked process; yield a callable that waits for its result
    (or raises its exception). The process inherits ARGS (a whole rdflib graph, say) instead
    of receiving them pickled; only the result comes back pickled. Leaving the block before
    asking for the result (an error here) stops the process. Where processes cannot be forked
    (Windows, macOS by default), or this one runs other threads, the callable runs FUNCTION
    here instead: the same answer, one core."""
    # Forking a process that runs other threads (a Jupyter kernel) can deadlock the child.
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        yield lambda: function(*args)
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_answer, args=(sending, function, *args), daemon=True)
    process.start()
    sending.close()

    def result() -> Any:
        try:
            succeeded, value = receiving.recv()
        except Exception as error:  # EOFError: it died; or its answer did not unpickle
            process.join()
            raise DutygraphError(f"{function.__name__} failed in its own process (exit code "
                                 f"{process.exitcode}): {error!r}") from None
        if succeeded:
            return value
        raise value

    try:
        yield result
    finally:
        if process.is_alive():
            process.terminate()
        process.join()
        receiving.close()


def _answer(sending, function: Callable, *args: Any) -> None:
    """In the forked process: send (True, result) or (False, the exception raised)."""
    try:
        answer = (True, function(*args))
    except BaseException as error:  # the caller re-raises it
        answer = (False, error)
    sending.send(answer)
    sending.close()


@contextmanager
def worker_pool(jobs: int) -> Iterator[multiprocessing.pool.Pool]:
    """A multiprocessing Pool of JOBS workers. Left early (Ctrl-C, an error, a generator
    closed by its caller), its workers are terminated at once: a corpus build ends in a second
    instead of a document's time. (concurrent.futures' ProcessPoolExecutor hung about one
    Ctrl-C in ten: its management thread died of InvalidStateError on a cancelled future, and
    the exit waited on it for ever.) The workers ignore Ctrl-C, which a terminal sends to
    them too: the main process alone decides what it means."""
    # Made with Ctrl-C held: pressed while the workers are forked, it left a pool half made,
    # whose threads the interpreter's exit then waited on for ever (one Ctrl-C in forty).
    pool = None
    try:
        with ctrl_c_held():
            pool = multiprocessing.get_context().Pool(jobs, initializer=_ignore_ctrl_c)
        yield pool
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    else:
        pool.close()
    finally:
        if pool is not None:
            pool.join()


def _ignore_ctrl_c() -> None:
    """In a worker: SIGINT is the main process's to act on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def ctrl_c_held():
    """Ctrl-C (SIGINT) pressed during the block is raised as KeyboardInterrupt after it.
    Only where Python's own handler would raise it at once (the main thread, SIGINT neither
    ignored, as in a job started in the background, nor given another handler): elsewhere
    the block runs as it is."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt
