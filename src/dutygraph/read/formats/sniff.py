"""Which format a file is in, told by its first bytes, else by its name (path → format name).

A page saved from a government site may be called .txt, .xls or nothing at all; a download
may have lost its suffix. The bytes say what it is: ``%PDF``, a zip holding ``word/`` or
``xl/``, an OLE2 compound file (Office 97–2003 and WPS), or HTML near the start. Only where
the bytes do not tell (plain text, or which kind of OLE2 file) does the name decide.
"""

from __future__ import annotations

import codecs
import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dutygraph.errors import InputError, import_extra

# File name ending → format, for what the content does not tell. Anything else is text.
SUFFIX_FORMATS = {
    ".txt": "txt", ".tsv": "txt", ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".pdf": "pdf",
    ".doc": "doc", ".wps": "wps", ".xls": "xls", ".et": "et", ".odt": "odt", ".ods": "ods",
}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An OLE2 file's streams → what it holds. An encrypted .docx/.xlsx is an OLE2 file too.
OLE2_STREAMS = {"WordDocument": "doc", "Workbook": "xls", "Book": "xls"}
ENCRYPTED_STREAMS = {"EncryptedPackage", "EncryptionInfo"}
# Kingsoft WPS Office writes its .wps and .et in the Word and Excel 97–2003 formats.
OLE2_KINDS = {"doc": ("doc", "wps"), "xls": ("xls", "et")}
ZIP_PARTS = {"word/": "docx", "xl/": "xlsx"}
ODF_MIMETYPES = {b"application/vnd.oasis.opendocument.text": "odt",
                 b"application/vnd.oasis.opendocument.spreadsheet": "ods"}
HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<table[\s>]|<body[\s>]", re.IGNORECASE)
XHTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
SNIFF_BYTES = 4096
HTML_WITHIN = 1024  # characters from the start (after a BOM and blanks) that may show it is HTML
PDF_WITHIN = 1024  # the PDF specification lets %PDF- come anywhere in the first 1024 bytes


def detect_format(path: str | Path) -> str:
    """The format of the file at PATH: txt, docx, xlsx, html, pdf, doc, wps, xls, et, odt, ods."""
    head = _head(path)
    by_name = SUFFIX_FORMATS.get(Path(path).suffix.lower(), "txt")
    if b"%PDF-" in head[:PDF_WITHIN]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path, by_name)
    if head.startswith(OLE2_MAGIC):
        return _ole2_format(path, by_name)
    if _looks_like_html(head):
        return "html"
    return by_name


@contextmanager
def seekable(path: str | Path) -> Iterator[Path]:
    """PATH, or for a pipe (/dev/stdin), which can be read only once, a temporary copy of its
    bytes: telling the format reads the start, and the reader then reads it all."""
    path = Path(path)
    if not path.exists() or path.is_file() or path.is_dir():
        yield path
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None
    with tempfile.TemporaryDirectory(prefix="dutygraph-pipe-") as folder:
        copy = Path(folder) / f"source{path.suffix}"
        copy.write_bytes(data)
        try:
            yield copy
        except InputError as error:
            raise InputError(path, error.line, error.message) from None


def _head(path: str | Path) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(SNIFF_BYTES)
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None


def _zip_format(path: str | Path, by_name: str) -> str:
    """docx or xlsx by the parts the zip holds (odt/ods by their mimetype); a zip that is
    none of them goes by its name, so its reader says what is wrong with it."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()
                if mimetype in ODF_MIMETYPES:
                    return ODF_MIMETYPES[mimetype]
    except (zipfile.BadZipFile, OSError, KeyError):
        return by_name
    for prefix, fmt in ZIP_PARTS.items():
        if any(name.startswith(prefix) for name in names):
            return fmt
    return by_name


def _ole2_format(path: str | Path, by_name: str) -> str:
    """doc/wps or xls/et by the compound file's streams; the name picks between the two
    spellings of one binary format, and names the kind when the streams do not."""
    olefile = import_extra("olefile", "office", "reading Office 97–2003 files")
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {entry[0] for entry in ole.listdir(streams=True, storages=False)}
    except (OSError, ValueError) as error:  # olefile's errors are OSErrors
        raise InputError(path, None, f"a damaged Office 97–2003 (OLE2) file ({error}); is it "
                         "cut short? Save it again from Word, Excel or WPS and try again"
                         ) from None
    if streams & ENCRYPTED_STREAMS:
        raise InputError(path, None, "the file is encrypted (a password-protected Office "
                         "file); save a copy without the password and try again")
    for stream, kind in OLE2_STREAMS.items():
        if stream in streams:
            return by_name if by_name in OLE2_KINDS[kind] else kind
    if by_name in ("doc", "wps", "xls", "et"):
        return by_name
    raise InputError(path, None, "an Office 97–2003 (OLE2) file holding neither a Word "
                     "document nor an Excel workbook; save it as .docx or .xlsx and try again")


def _looks_like_html(head: bytes) -> bool:
    """An HTML tag near the start, after a byte-order mark and blanks (also in UTF-16)."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            text = head[len(bom):].decode(encoding, errors="ignore")
            break
    else:
        text = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    start = text.lstrip()[:HTML_WITHIN]
    if start.startswith("<?xml"):  # XHTML names html; an XML spreadsheet has a <Table> too
        return bool(XHTML_START.search(start))
    return bool(HTML_START.search(start))
