"""Run one function in a second process while this one goes on: the machine's other core."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

# The job a forked worker runs: set just before the fork, so the worker inherits the argument
# (a whole rdflib graph) instead of receiving it pickled.
_JOB: tuple[Callable, Any] | None = None


@contextmanager
def in_background(function: Callable, argument: Any) -> Iterator[Callable[[], Any]]:
    """Start FUNCTION(ARGUMENT) in a forked process; yield a callable that waits for its
    result (or raises its exception). Where processes cannot be forked (Windows, macOS by
    default) the callable runs FUNCTION here instead: the same answer, one core."""
    if "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: function(argument)
        return
    global _JOB
    _JOB = (function, argument)
    try:
        # A fork-context pool starts its worker inside submit, before its manager thread.
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            future = pool.submit(_run_inherited_job)
            _JOB = None
            yield future.result
    finally:
        _JOB = None


def _run_inherited_job() -> Any:
    function, argument = _JOB
    return function(argument)
