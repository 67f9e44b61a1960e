"""Every file a command writes goes through here: all of them or none (bytes → files)."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from pathlib import Path


def write_files_atomically(outdir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file to a temporary name first, then rename them all into place.

    A name that is a symbolic link is written where the link points (the link stays). A
    device, a named pipe, or one of the process's open files (/dev/stdout, /proc/self/fd/N,
    which may stand for a file the shell opened with >>) is written into, appending: renaming
    a file over it would replace the device or the pipe, or cut the shell's file off."""
    outdir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            target = outdir / name
            if _written_into(target):
                with open(target, "ab") as stream:
                    stream.write(data)
                continue
            if target.is_symlink():
                target = Path(os.path.realpath(target))  # a loop: the write names it (ELOOP)
            if not target.parent.is_dir():  # a link into a missing folder: name the folder
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT),
                                        str(target.parent))
            try:
                handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
                staged.append((temporary, target))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
            except OSError as error:  # name the user's file, not the temporary one beside it
                raise OSError(error.errno, error.strerror, str(target)) from None
        for temporary, target in staged:
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
    finally:  # stopped, or a target that cannot be replaced (a folder): no temporary left
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
    return [outdir / name for name in files]


_OPEN_FILES = re.compile(r"/dev/(?:stdout|stderr|stdin|fd/\d+)|/proc/[^/]+/fd/\d+")


def _written_into(target: Path) -> bool:
    """Whether TARGET is written into rather than replaced: a device or a named pipe (where
    the links lead), or a name for an open file descriptor."""
    if _OPEN_FILES.fullmatch(str(target.absolute())):
        return True
    return target.exists() and not target.is_file()  # both follow links
