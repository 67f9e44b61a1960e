"""What the commands share: errors turned into exit codes, arguments checked, text written."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from dutygraph.errors import EXIT_BAD_INPUT, EXIT_STOPPED, DutygraphError


@contextmanager
def user_errors():
    """Turn a DutygraphError into 'Error: …' on stderr and its exit code, and so an OSError:
    a folder that cannot be made or a file that cannot be written (a file in the way, no
    permission, a full disk) is the user's to mend, not a traceback's."""
    try:
        yield
    except DutygraphError as error:
        click.echo(f"Error: {error}", err=True)
        if error.exit_code == EXIT_STOPPED:
            stop_now()
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("Error: stopped by Ctrl-C", err=True)
        stop_now()
        sys.exit(EXIT_STOPPED)
    except BrokenPipeError:
        raise  # a reader that stopped reading (| head): click ends quietly, as it should
    except OSError as error:
        # os.replace(temporary, target) names the target second: that is the user's path.
        path = error.filename2 or error.filename
        place = f"{path}: " if path else ""
        click.echo(f"Error: {place}{error.strerror or error}", err=True)
        sys.exit(EXIT_BAD_INPUT)


def stop_now() -> None:
    """After Ctrl-C, said and cleaned up: the dutygraph command ends here, exit 130, without
    the interpreter's teardown. A Ctrl-C that lands while a module is imported can leave its
    threads or locks half made, and the teardown then died of SIGINT (exit -2) or waited for
    ever, about one Ctrl-C in forty. (Not in a test's or a notebook's process.)"""
    from dutygraph.cli import _is_the_command

    if _is_the_command():
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(EXIT_STOPPED)


def checked_base(context, parameter, base: str) -> str:
    """--base checked before any document is read: a corpus would skip every one of them."""
    from dutygraph.rdf.iris import check_base

    try:
        return check_base(base)
    except DutygraphError as error:
        raise click.BadParameter(str(error)) from None


def ask_credentials(user: str | None) -> tuple[str, str]:
    user = user or click.prompt("User", err=True)
    return user, click.prompt("Password", hide_input=True, err=True)


def parse_params(params: tuple[str, ...]) -> dict[str, str]:
    """--param NAME=VALUE options as a dict; a parameter given twice, or a value that is not
    UTF-8 (Python keeps its bytes as lone surrogates), is refused by name."""
    bound = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{param!r} is not NAME=VALUE", param_hint="--param")
        name = name.strip()
        try:
            param.encode("utf-8")
        except UnicodeEncodeError:
            raise click.BadParameter(f"the value of {name!r} is not UTF-8 text (set the "
                                     "terminal to UTF-8)", param_hint="--param") from None
        if name in bound:
            raise click.BadParameter(f"{name!r} is given twice ({bound[name]!r} and "
                                     f"{value!r}): give it once", param_hint="--param")
        bound[name] = value
    return bound


def emit(text: str, output: str | None, *, bom: bool) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from dutygraph.publish.files import write_files_atomically

    path = Path(output)
    data = (("\ufeff" if bom else "") + text).encode("utf-8")
    with user_errors():
        write_files_atomically(path.parent, {path.name: data})
    click.echo(f"Wrote {path}", err=True)
