"""Per-format readers: each turns a file into the same stream of items (file → items).

An item is a line of text or a row of cells, with its place in the file; dutygraph.reader
reads the stream into records whatever the format was.
"""
