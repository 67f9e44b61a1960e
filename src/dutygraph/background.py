"""Run one function in a second process while this one goes on: the machine's other core."""

from __future__ import annotations

import multiprocessing
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
