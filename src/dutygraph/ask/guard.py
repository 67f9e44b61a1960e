"""Checks a graph file passes before any parser sees it: its size, and no DTD entities.

Oxigraph 0.5's RDF/XML parser (pyoxigraph 0.5.13) expands the internal entities a DOCTYPE
declares, nested ones too: a 1 KB file of ten entities each ten times the one before
(billion laughs) grew to 23 GB before the process died. rdflib 7.6's parser, over expat
2.5.0 (whose amplification limit should stop it), ran past 60 s in 1 GB on the same file.
Neither has an option dutygraph could set to stop it, so a graph file whose DOCTYPE declares
an entity is refused before any parser sees it; nothing dutygraph writes or reads needs one
(every graph opened goes through ask.store.load_file, or the bulk loader's read_graphs).
"""

from __future__ import annotations

import re
from pathlib import Path

from dutygraph.errors import InputError
from dutygraph.limits import GRAPH_BYTES

# XML allows `<!ENTITY` only in a DTD; anywhere else in a well-formed file it is escaped
# (`&lt;!ENTITY`) or inside a comment or CDATA section, which the scan refuses too: rare
# enough to be worth the simplicity of a byte scan no parser can be fooled around.
_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_CHUNK = 1024 * 1024
_OVERLAP = 64  # a declaration cut between two chunks is still found
_XML_SUFFIXES = (".rdf", ".owl", ".xml")


def check_graph_file(path: str | Path) -> None:
    """InputError when the graph file PATH is over the size limit or, in RDF/XML, declares
    DTD entities. Both are read from the file in bounded memory."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise InputError(path, None, f"cannot read the graph: {error.strerror}") from None
    GRAPH_BYTES.check(size, path)
    if path.suffix.lower() in _XML_SUFFIXES:
        line = entity_declaration_line(path)
        if line is not None:
            raise InputError(path, line, "the DOCTYPE declares entities, which can expand "
                             "without bound (billion laughs); refused: write the graph "
                             "without a DTD, or as Turtle or N-Triples")


def entity_declaration_line(path: Path) -> int | None:
    """The line of the first `<!ENTITY` in the file at PATH, or None: read in chunks."""
    lines, tail = 1, b""
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            found = _ENTITY.search(window)
            if found:
                return lines - tail.count(b"\n") + window[:found.start()].count(b"\n")
            lines += chunk.count(b"\n")
            tail = window[-_OVERLAP:]
    return None
