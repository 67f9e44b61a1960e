"""Read a source file's bytes and decode them, trying UTF-8 first and then GB18030."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.limits import SOURCE_BYTES

# Tried in this order. Chinese government files that are not UTF-8 are almost always
# GBK; GB18030 is its superset, so it reads GBK and GB2312 files too.
ENCODINGS = ("utf-8", "gb18030")
# Byte-order marks of UTF-16 (UTF-32's first, whose little-endian mark begins as UTF-16's).
UTF16_MARKS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
               (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class SourceText:
    """A decoded source file: its text, the encoding that worked, and its bytes' digest."""

    path: Path
    text: str
    encoding: str
    sha256: str

    def lines(self) -> list[str]:
        """The text's lines without line ends: LF, CRLF or CR, and nothing else. (str.splitlines
        also breaks at U+2028, U+2029, U+0085, form feed, vertical tab and more, which no
        editor counts as lines: one in a title shifted every later line number by one.)"""
        lines = LINE_END.split(self.text)
        if lines[-1] == "":
            lines.pop()  # the last line's end ends the file: no line after it
        return lines


def read_source(path: str | Path) -> SourceText:
    """Read PATH and decode it; raise InputError naming the first undecodable line."""
    path = Path(path)
    try:
        SOURCE_BYTES.check(path.stat().st_size, path)  # before a byte is read
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
    digest = hashlib.sha256(data).hexdigest()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # A byte-order mark is not part of the text.
    for mark, encoding in UTF16_MARKS:  # Notepad's "Unicode": decoded, named as it is
        if data.startswith(mark):
            return SourceText(path, _decoded(path, data[len(mark):], encoding), encoding,
                              digest)
    failure = None
    for encoding in ENCODINGS:
        try:
            return SourceText(path, data.decode(encoding), encoding, digest)
        except UnicodeDecodeError as error:
            failure = failure or error
    line = data[: failure.start].count(b"\n") + 1
    if b"\x00" in data[:4096]:  # no UTF-8 or GB18030 text holds NUL; UTF-16 tables do
        raise InputError(path, None, "the file looks like UTF-16 without a byte-order mark "
                         "(NUL bytes between its characters); save it as UTF-8 and try again")
    raise InputError(
        path,
        line,
        f"the file is neither UTF-8 nor GB18030 (byte 0x{data[failure.start]:02x} at offset "
        f"{failure.start}); save it as UTF-8 and try again",
    )


def _decoded(path: Path, data: bytes, encoding: str) -> str:
    """DATA decoded as ENCODING, which its byte-order mark names; InputError if it is not."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].decode(encoding, "replace").count("\n") + 1
        raise InputError(path, line, f"the file begins with the byte-order mark of "
                         f"{encoding.upper()} but is not valid {encoding.upper()} (at offset "
                         f"{error.start}); save it as UTF-8 and try again") from None
