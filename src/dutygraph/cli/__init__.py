"""Stage 5, cli: the `dutygraph` command, a thin client of the package (arguments → one call).

`cli.main` holds the command group and the one-document commands; each other module adds
its commands to it; `cli.common` holds what they share (errors to exit codes, writing
output). Nothing outside this package imports it.
"""

import os
import signal
import sys
import threading

STOPPED_LINE = b"Error: stopped by Ctrl-C\n"


def _stop_quietly(signum, frame) -> None:
    """Ctrl-C while the command starts (its imports take a second): one line and exit 130,
    not a KeyboardInterrupt traceback from inside an import."""
    os.write(2, STOPPED_LINE)
    os._exit(130)


def _is_the_command() -> bool:
    """Whether this process is the dutygraph command (not a notebook or tests importing it)."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return os.path.basename(sys.argv[0] if sys.argv else "") == "dutygraph" or \
        (spec is not None and spec.name == "dutygraph.__main__")


def done_with_ctrl_c() -> None:
    """The command's work is done (its files are written): Ctrl-C is ignored from now on.

    What is left is saying so and the interpreter's teardown, whose end puts SIGINT's
    default action back: a Ctrl-C then killed the process (exit -2, no line) after it had
    done everything. Only in the dutygraph process itself, on its main thread (a notebook
    or the tests calling the command keep their own handler)."""
    if _is_the_command() and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


# Until cli.main.main runs the command (it puts Python's own handler back). A SIGINT the
# shell ignores (a job started in the background) stays ignored.
if _is_the_command() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _stop_quietly)
