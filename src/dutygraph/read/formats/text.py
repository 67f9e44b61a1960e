"""Text files (.txt, .tsv): UTF-8 or GB18030, any line ends, tab-separated rows."""

from __future__ import annotations

from pathlib import Path

from dutygraph.limits import checked_text
from dutygraph.read.items import Item, Place, SourceItems
from dutygraph.read.source import read_source


def read_text_items(path: str | Path) -> SourceItems:
    """Each line of the file: a row of cells where it holds a tab, else a line of text."""
    source = read_source(path)
    items = []
    for number, raw in enumerate(source.lines(), start=1):
        checked_text(raw, source.path, number)
        cells = tuple(raw.split("\t")) if "\t" in raw else None
        items.append(Item(Place(number), raw, cells))
    return SourceItems(str(source.path), "txt", source.encoding, source.sha256, items)
