"""Text from a document, made inert in the Markdown reports (text → Markdown).

A unit's or a file's name is the document's, not ours: written raw into build-report.md, a
name such as `<img src=x onerror=…>`, `[点击](javascript:…)` or `a|b` became HTML, a link or
a broken table wherever the report is rendered. Escaped, it reads as written.
"""

from __future__ import annotations

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the characters that
# make markup inline (emphasis, code, links, raw HTML, entities, GFM tables and strikethrough).
_MARKUP = re.compile(r"([\\`*_\[\]<>|&~])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def text(value: object) -> str:
    """VALUE as Markdown text that renders as itself, on one line."""
    return _MARKUP.sub(r"\\\1", _LINE_BREAK.sub(" ", str(value)))


def code(value: object) -> str:
    """VALUE as an inline code span (a path, an id): fenced by more backticks than it holds,
    so that none of its own ends the span; on one line."""
    value = _LINE_BREAK.sub(" ", str(value))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"
