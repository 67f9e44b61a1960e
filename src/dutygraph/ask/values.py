"""RDF terms as plain Python values: integers as int, decimals as Decimal, doubles as float,
booleans as bool, other literals as their text, IRIs as str, unbound as None.

Two ways to the same values: python_value converts one pyoxigraph term object; solution_rows
reads a whole answer that Oxigraph has written as SPARQL TSV in Rust. The second is what
dutygraph.ask.query.run_query uses: it spares pyoxigraph a Python object per cell, and big answers
come out 7–18 % sooner (assignments.rq on 500 documents: 204,450 rows in 2.21 s against
2.70 s; `benchmarks/answer_reading.py`, docs/performance.md).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                "positiveInteger")}
_DECIMALS = {_XSD + t for t in ("decimal", "double", "float")}


def python_value(term):
    """An RDF term as a plain value (see the module's docstring)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return typed_value(term.value, term.datatype.value)
    return term.value


def typed_value(lexical: str, datatype: str):
    """A literal's plain value from its lexical form and its datatype's IRI. An ill-typed
    literal ("abc"^^xsd:integer, which RDF allows and a hand-edited file may hold) keeps its
    text: one such cell neither stops the whole answer nor becomes a number by Python's
    looser rules (int() would read "1_000", " 12" or "١٢")."""
    if datatype in _INTEGERS:
        if _XSD_INTEGER.fullmatch(lexical):
            try:
                return int(lexical)
            except ValueError:  # past Python's 4,300 digits for int(str): the text
                return lexical
        return lexical
    if datatype in _DECIMALS:
        if datatype.endswith("decimal"):
            return Decimal(lexical) if _XSD_DECIMAL.fullmatch(lexical) else lexical
        return float(lexical) if _XSD_DOUBLE.fullmatch(lexical) else lexical
    if datatype == _XSD + "boolean":
        return _XSD_BOOLEAN.get(lexical, lexical)
    return lexical


# The lexical spaces of XML Schema 1.1 Part 2 (§3.3): what a well-typed literal looks like.
_XSD_INTEGER = re.compile(r"[+-]?[0-9]+")
_XSD_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_XSD_DOUBLE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                         r"|[+-]?INF|NaN")
_XSD_BOOLEAN = {"true": True, "1": True, "false": False, "0": False}


def solution_rows(solutions: ox.QuerySolutions) -> tuple[tuple, ...]:
    """The rows of a SELECT answer: Oxigraph writes them as SPARQL TSV in Rust, a few
    kilobytes at a time, and each piece is read as it comes, so the answer is never held as
    text as well as values."""
    reader = _TsvReader(len(solutions.variables))
    solutions.serialize(reader, format=ox.QueryResultsFormat.TSV)
    return reader.finish()


def tsv_rows(tsv: bytes, width: int) -> tuple[tuple, ...]:
    """The rows of a SELECT answer written by Oxigraph as SPARQL TSV, WIDTH values each."""
    reader = _TsvReader(width)
    reader.write(tsv)
    return reader.finish()


class _TsvReader:
    """Reads SPARQL TSV as Oxigraph writes it (a file it writes to): the header, then the rows.

    Oxigraph ends the header and every row with a newline and escapes tab, newline, carriage
    return, quote and backslash inside literals; other control characters are written as they
    are, so lines are split at newlines only (str.splitlines would also split at \\x0c or
    \\x1c inside a literal). A short cell is read once however often it recurs (a unit's name,
    a leader's) and its value reused.
    An error is kept and raised by finish, not into Oxigraph's writer."""

    def __init__(self, width: int):
        self.width = width
        self.rows: list[tuple] = []
        self._rest = b""  # the start of a line whose end has not come yet
        self._header = True
        self._known: dict[str, object] = {"": None}
        self._error: Exception | None = None

    def write(self, chunk: bytes) -> int:
        complete, newline, self._rest = (self._rest + chunk).rpartition(b"\n")
        if newline and self._error is None:
            try:
                self._read(complete.decode("utf-8").split("\n"))
            except ValueError as error:  # bad UTF-8, a malformed row
                self._error = error
        return len(chunk)

    def flush(self) -> None:
        pass

    def _read(self, lines: list[str]) -> None:
        if self._header:
            self._header = False
            lines = lines[1:]  # the columns come from the solutions' variables
        width, known, rows = self.width, self._known, self.rows
        for line in lines:
            if width == 0:  # SELECT * over no variables: each row is an empty line
                rows.append(())
                continue
            row = []
            for cell in line.split("\t"):
                try:
                    row.append(known[cell])
                except KeyError:
                    value = _cell_value(cell)
                    if len(cell) <= _KEPT_CELL_LENGTH and len(known) < _KEPT_CELLS:
                        known[cell] = value
                    row.append(value)
            if len(row) != width:
                raise ValueError(f"a SPARQL TSV row has {len(row)} cells, not {width}: "
                                 f"{line!r}")
            rows.append(tuple(row))

    def finish(self) -> tuple[tuple, ...]:
        """The rows read, or the error met."""
        if self._error is None and (self._rest or self._header):
            self._error = ValueError("a SPARQL TSV answer is a header and rows, each ending "
                                     "with a newline; this one is not")
        if self._error is not None:
            raise self._error
        return tuple(self.rows)


# The cells worth keeping: short ones recur (names, roles, numbers); a long one (a task's text,
# an IRI) seldom does, and keeping every distinct cell held a large answer twice.
_KEPT_CELL_LENGTH = 32
_KEPT_CELLS = 65536


def _cell_value(cell: str):
    """One TSV cell's value: an IRI <…>, a blank node _:…, a quoted literal with its language
    or datatype, or a bare number or boolean (Turtle's short forms)."""
    first = cell[0]
    if first == '"':
        text, suffix = _literal_parts(cell)
        if suffix.startswith("^^<"):
            return typed_value(text, suffix[3:-1])
        return text
    if first == "<" and not cell.startswith("<<"):
        return cell[1:-1]
    if cell.startswith("_:"):
        return cell[2:]
    if cell in ("true", "false"):
        return cell == "true"
    if _INTEGER.fullmatch(cell):
        return typed_value(cell, _XSD + "integer")
    if _DECIMAL.fullmatch(cell):
        return Decimal(cell)
    if _DOUBLE.fullmatch(cell):
        return float(cell)
    raise ValueError(f"dutygraph reads IRIs, blank nodes and literals from a SPARQL answer, "
                     f"not this (a triple term?): {cell!r}")


def _literal_parts(cell: str) -> tuple[str, str]:
    """A quoted literal's text, unescaped, and what follows its closing quote: @lang, ^^<…>
    or nothing. The closing quote is the first one not escaped (a datatype IRI may hold a
    quote in data loaded leniently, so it is not simply the last)."""
    match = _QUOTED.match(cell)
    if match is None:
        raise ValueError(f"not a quoted literal: {cell!r}")
    text, suffix = match[1], cell[match.end():]
    if "\\" in text:
        text = _ESCAPE.sub(_unescape, text)
    return text, suffix


_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+")
_DOUBLE = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'",
          "\\": "\\"}


def _unescape(match: re.Match) -> str:
    """One N-Triples escape (\\n, \\", \\uXXXX …) as the character it stands for."""
    code = match[1] or match[2]
    if code:
        return chr(int(code, 16))
    try:
        return _ECHAR[match[3]]
    except KeyError:
        raise ValueError(f"not an N-Triples escape: {match[0]!r}") from None
