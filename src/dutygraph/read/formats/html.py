"""Web pages (.html) saved from a government site: text as lines, every table row as cells.

Parsed by lxml's HTML parser (no network, no entity definitions of the page's own, no huge
trees). The page is read in document order as a browser shows it: a block element (p, div,
h1, li …) or a <br> ends a line, white space is collapsed, and a table's rows are rows of
cells with rowspan and colspan filled in (a merged cell's text stands in each cell it
covers, as in an .xlsx). A table that holds another table, or a single column, lays out
the page; it is read as blocks, and the tables inside it as tables. Script, style and the
<head> are not read.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

from dutygraph.errors import InputError, import_extra
from dutygraph.read.items import Item, Place, SourceItems

BLOCK_TAGS = frozenset("""
    address article aside blockquote caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav
    ol p section summary table tbody td tfoot th thead tr ul
""".split())
SKIPPED_TAGS = frozenset("head script style noscript template svg math iframe object".split())
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"))
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.IGNORECASE)
# GB2312 and GBK pages are decoded as GB18030, their superset (a GBK page often holds a
# character GB2312 lacks). A page declaring a Western charset is tried as UTF-8 and GB18030
# first: a Chinese page so labelled would decode without an error, and garbled.
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
                   "cp936": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs"}
WESTERN_CHARSETS = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "ascii",
                    "us-ascii"}
FALLBACK_CHARSETS = ("utf-8", "gb18030")
COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
EAST_ASIAN_WIDE = {"W", "F", "H"}
LABEL_ENDS = ("：", ":")
MAX_COLSPAN = 1000  # as browsers clamp it (HTML: colspan ≤ 1000)


def read_html_items(path: str | Path) -> SourceItems:
    """The page's lines of text and table rows in document order, with their places."""
    import_extra("lxml", "office", "reading web pages (.html)")
    import lxml.etree
    import lxml.html

    data = _read_bytes(path)
    text, encoding = decode_page(path, data)
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                  no_network=True, huge_tree=False)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        raise InputError(path, None, f"not a readable web page: {error}") from None
    page = _Page()
    page.walk(root)
    page.end_line()
    return SourceItems(str(path), "html", encoding, hashlib.sha256(data).hexdigest(), page.items)


def decode_page(path: str | Path, data: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was decoded from: its byte-order mark, else the
    charset it declares, else UTF-8, else GB18030."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decoded(path, data[len(bom):], [encoding])
    match = DECLARED_CHARSET.search(data[:4096])
    declared = (match.group(1) or match.group(2)).decode("ascii").lower() if match else None
    declared = CHARSET_ALIASES.get(declared, declared)
    if declared is None or declared in FALLBACK_CHARSETS:
        order = [*FALLBACK_CHARSETS]
    elif declared in WESTERN_CHARSETS:
        order = [*FALLBACK_CHARSETS, declared]
    else:
        order = [declared, *FALLBACK_CHARSETS]
    return _decoded(path, data, order)


def _decoded(path: str | Path, data: bytes, encodings: list[str]) -> tuple[str, str]:
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(path, None, f"the page is not in {' nor '.join(encodings)}; save it as "
                     "UTF-8 and try again")


def _read_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise InputError(path, None, f"cannot read the file: {error.strerror}") from None


def collapse(text: str) -> str:
    """White space as a browser shows it (CSS Text 3, white-space: normal): each run one
    space, and a line break between two East Asian wide characters nothing at all (a Chinese
    sentence wrapped in the page's source is one sentence); no space at either end."""
    def space(match: re.Match) -> str:
        run, start, end = match.group(), match.start(), match.end()
        if "\n" in run or "\r" in run:
            before, after = text[start - 1:start], text[end:end + 1]
            if before and after and _wide(before) and _wide(after):
                return ""
        return " "
    return COLLAPSIBLE.sub(space, text).strip()


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in EAST_ASIAN_WIDE


class _Lines:
    """Text gathered into lines: blocks and <br> end a line."""

    def __init__(self):
        self.buffer: list[str] = []
        self.lines: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)

    def end_line(self) -> None:
        text = collapse("".join(self.buffer))
        self.buffer = []
        if text:
            self.emit(text)

    def emit(self, text: str) -> None:
        self.lines.append(text)

    def walk(self, element) -> None:
        """ELEMENT's text and its children's, in order; tables as the subclass reads them."""
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIPPED_TAGS:
            return
        if tag == "br":
            self.end_line()
        elif tag == "pre":
            self.end_line()
            self.preformatted(element.text_content())
        elif tag == "table" and self.table(element):
            pass
        else:
            block = tag in BLOCK_TAGS
            if block:
                self.end_line()
            self.add(element.text)
            for child in element:
                self.walk(child)
                self.add(child.tail)
            if block:
                self.end_line()

    def preformatted(self, text: str) -> None:
        """A <pre> block: its own line breaks and spaces."""
        for line in text.splitlines():
            if line.strip():
                self.emit(line.rstrip())

    def table(self, element) -> bool:
        """Read a table as rows; False to read it as blocks."""
        return False


class _Page(_Lines):
    """The page's items: lines numbered in text order, rows by table and row."""

    def __init__(self):
        super().__init__()
        self.items: list[Item] = []
        self.line_count = 0
        self.table_count = 0

    def emit(self, text: str) -> None:
        self.line_count += 1
        self.items.append(Item(Place(self.line_count), text))

    def preformatted(self, text: str) -> None:
        """A <pre> block: a line holding tabs is a row of cells, as in a text file."""
        for line in text.splitlines():
            if line.strip():
                self.line_count += 1
                cells = tuple(line.split("\t")) if "\t" in line else None
                self.items.append(Item(Place(self.line_count), line.rstrip(), cells))

    def table(self, element) -> bool:
        if element.find(".//table") is not None:
            return False  # a layout table: its cells hold the page, not a row of a table
        rows = table_rows(element)
        if all(len([cell for cell in row if cell]) <= 1 for row in rows):
            return False  # one column: a box around text (the page's frame), not a table
        self.end_line()
        if is_form(rows):
            for cells in rows:
                self.emit(form_line(cells))
            return True
        self.table_count += 1
        for number, cells in enumerate(rows, start=1):
            self.items.append(Item(Place(number, self.table_count, "row"), "\t".join(cells),
                                   tuple(cells), grid=True))
        return True


def table_rows(table) -> list[tuple[str, ...]]:
    """Each <tr> of TABLE as its cells' texts, a cell spanning rows or columns repeated in
    each grid cell it covers."""
    rows = [tr for tr in table.iter("tr")]
    spans: dict[int, list] = {}  # column → [text, rows it still covers]
    grid = []
    for index, tr in enumerate(rows):
        out: list[str] = []
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                continue
            _fill_spans(out, spans)
            text = cell_text(cell)
            rowspan = _span(cell.get("rowspan"), len(rows) - index)
            for _ in range(_span(cell.get("colspan"), 1, cap=MAX_COLSPAN)):
                if rowspan > 1:
                    spans[len(out)] = [text, rowspan - 1]
                out.append(text)
        while spans and len(out) <= max(spans):  # rowspans past the row's last cell
            if len(out) in spans:
                _fill_spans(out, spans)
            else:
                out.append("")
        grid.append(tuple(out))
    return grid


def is_form(rows: list[tuple[str, ...]]) -> bool:
    """A table of labels and values (索引号： | … | 发布机构： | …), as government sites print
    a document's metadata above it: each row's cells pair a label ending in a colon with its
    value. Read as lines, one a row, not as a table of the document."""
    filled = [[cell for cell in row if cell] for row in rows]
    filled = [row for row in filled if row]
    return bool(filled) and all(
        all(cell.endswith(LABEL_ENDS) for cell in row[::2]) for row in filled)


def form_line(cells: tuple[str, ...]) -> str:
    """A row of a label table as one line: each label with its value, pairs apart."""
    filled = [cell for cell in cells if cell]
    return " ".join("".join(filled[i:i + 2]) for i in range(0, len(filled), 2))


def _fill_spans(out: list[str], spans: dict[int, list]) -> None:
    """Cells covered by a rowspan from above, at the row's next columns."""
    while len(out) in spans:
        span = spans[len(out)]
        out.append(span[0])
        span[1] -= 1
        if span[1] == 0:
            del spans[len(out) - 1]


def _span(value: str | None, zero: int, cap: int | None = None) -> int:
    """A rowspan/colspan attribute: 1 if missing or no number; 0 as ZERO (a rowspan of 0
    runs to the table's end; a colspan of 0 is 1)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        return 1
    if number == 0:
        number = zero
    number = max(number, 1)
    return min(number, cap) if cap else number


def cell_text(cell) -> str:
    """A cell's lines (its <br> and blocks), joined by line breaks, as a .docx cell's
    paragraphs are."""
    lines = _Lines()
    lines.add(cell.text)
    for child in cell:
        lines.walk(child)
        lines.add(child.tail)
    lines.end_line()
    return "\n".join(lines.lines)
