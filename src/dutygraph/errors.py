"""Exceptions that carry the place where the input went wrong."""

from __future__ import annotations

from pathlib import Path

# Exit codes of the command line, documented in the README.
EXIT_OK = 0
EXIT_VALIDATION_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_STOPPED = 130  # Ctrl-C (SIGINT), as the shell counts it


class DutygraphError(Exception):
    """Base class of every error dutygraph raises on purpose."""

    exit_code = EXIT_BAD_INPUT


class InputError(DutygraphError):
    """The input file is wrong at a known place: ``FILE:LINE: what is wrong``."""

    def __init__(self, path: str | Path, line: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        place = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{place}: {message}")

    def __reduce__(self):
        """Pickled with its three arguments (a background process sends its errors back)."""
        return type(self), (self.path, self.line, self.message)


class MissingPart(DutygraphError):
    """An optional part of dutygraph is not installed (its extra names what to install)."""


def import_extra(module: str, extra: str, purpose: str):
    """Import MODULE, a dependency of the extra EXTRA that PURPOSE needs; MissingPart saying
    what to install when it is not there (a user who installed only the core)."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingPart(f"{purpose} needs the Python package {module.split('.')[0]!r}: "
                          f"pip install 'dutygraph[{extra}]'") from None
