"""One reader per file format, each turning a file into the same `SourceItems` (file → items).

An item is a line of text or a row of cells with its place (line, or table and row);
`dutygraph.read.reader` reads items alike whatever the format. A new format is a new module
here with a `read_<format>_items(path) -> SourceItems` function, registered in
`dutygraph.read.reader.FORMAT_READERS`; `sniff.detect_format` tells a file's format from its
bytes (else its name).
"""

# Formats whose text outside tables is numbered by paragraph (a Word body), not by line.
PARAGRAPH_FORMATS = frozenset({"docx", "doc", "wps", "odt"})
