"""Word 97–2003 (.doc), WPS (.wps, .et) and OpenDocument files, through LibreOffice.

LibreOffice's headless converter turns the file into a .docx or .xlsx in a temporary
folder, which the .docx and .xlsx readers then read; the places are those of the converted
file (paragraphs, tables and rows, sheets and rows), which keeps the original's order. The
converter runs with a profile of its own (so it neither waits for nor disturbs a LibreOffice
the user has open) and is stopped after CONVERT_TIMEOUT seconds: a file from anywhere cannot
hold the build for ever.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.read.formats.docx import read_docx_items
from dutygraph.read.formats.xlsx import read_xlsx_items
from dutygraph.read.items import SourceItems

CONVERT_TIMEOUT = int(os.environ.get("DUTYGRAPH_CONVERT_TIMEOUT", "120"))  # seconds
SOFFICE_COMMANDS = ("soffice", "libreoffice")
# What each format is converted to, and the Debian package whose filters read it.
TARGETS = {"doc": "docx", "wps": "docx", "odt": "docx", "xls": "xlsx", "et": "xlsx",
           "ods": "xlsx"}
DEBIAN_PACKAGES = {"docx": "libreoffice-writer-nogui", "xlsx": "libreoffice-calc-nogui"}
READERS: dict[str, Callable[[Path], SourceItems]] = {"docx": read_docx_items,
                                                     "xlsx": read_xlsx_items}


class LibreOfficeMissing(InputError):
    """No LibreOffice on this machine to convert the file with."""


def read_converted(path: str | Path, fmt: str) -> SourceItems:
    """PATH (in format FMT) converted by LibreOffice and read; places and digest are the
    converted file's and the original's."""
    target = TARGETS[fmt]
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
    with tempfile.TemporaryDirectory(prefix="dutygraph-convert-") as folder:
        converted = convert(path, Path(folder), fmt, target)
        try:
            items = READERS[target](converted)
        except InputError as error:
            raise InputError(path, error.line, f"as converted by LibreOffice: {error.message}"
                             ) from None
    return dataclasses.replace(items, path=str(path), format=fmt,
                               sha256=hashlib.sha256(data).hexdigest())


def soffice() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return next(filter(None, map(shutil.which, SOFFICE_COMMANDS)), None)


def convert(path: str | Path, folder: Path, fmt: str, target: str) -> Path:
    """PATH converted to TARGET (docx, xlsx) in FOLDER; InputError if it cannot be."""
    command = soffice()
    if command is None:
        raise LibreOfficeMissing(path, None, missing_message(fmt, target))
    source = folder / f"source.{fmt}"  # a plain name: LibreOffice names its output after it
    shutil.copyfile(path, source)
    profile = folder / "profile"
    args = [command, "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            f"-env:UserInstallation={profile.as_uri()}", "--convert-to", target,
            "--outdir", str(folder / "out"), str(source)]
    output = _run(path, args)
    converted = folder / "out" / f"source.{target}"
    if not converted.exists():
        said = " ".join(line.strip() for line in output.splitlines() if "rror" in line)
        raise InputError(path, None, f"LibreOffice could not convert the .{fmt} file (damaged, "
                         f"cut short or password-protected?){': ' + said if said else ''}")
    return converted


def missing_message(fmt: str, target: str) -> str:
    """What to install to read FMT, in one line."""
    return (f"reading a .{fmt} file needs LibreOffice: `apt-get install "
            f"{DEBIAN_PACKAGES[target]}` (or save the file as .{target}) and try again")


def _run(path: str | Path, args: list[str]) -> str:
    """Run the converter in a session of its own, so that on timeout the whole of it (the
    soffice script and the soffice.bin it starts) is stopped; its output, as text."""
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, start_new_session=True) as process:
        try:
            output, _ = process.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise InputError(path, None, f"LibreOffice did not convert the file within "
                             f"{CONVERT_TIMEOUT} s (DUTYGRAPH_CONVERT_TIMEOUT); stopped"
                             ) from None
    return output.decode("utf-8", errors="replace")
