"""Run SPARQL files over a built graph and format the answers (graph → tables)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from dutygraph.ask.scope import reads_neighbours, scope_graphs, scope_of
from dutygraph.ask.values import solution_rows
from dutygraph.errors import InputError

FORMATS = ("table", "csv", "json")
TABLE_CELL_WIDTH = 60


@dataclass(frozen=True)
class QueryResult:
    """A SELECT query's answer: column names, and rows of plain Python values."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    def records(self) -> list[dict]:
        """Rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def run_query(
    store: ox.Store, query: str, origin: str = "<query>", params: dict[str, str] | None = None
) -> QueryResult:
    """Run a SELECT query, its parameters bound as literals, and convert terms to Python values."""
    params = params or {}
    neighbours = reads_neighbours(query)
    query = bind_parameters(query, params, origin)
    # A corpus keeps each document in a named graph: queries ask the union of them all, or,
    # scoped to some documents, of the graphs those need (dutygraph.ask.scope: the same rows).
    scope = scope_of(params)
    graphs = scope_graphs(store, scope, neighbours) if scope else None
    dataset = {"use_default_graph_as_union": True} if graphs is None else \
        {"default_graph": graphs, "named_graphs": graphs}
    try:
        solutions = store.query(query, **dataset)
    except SyntaxError as error:
        raise InputError(origin, getattr(error, "lineno", None),
                         f"SPARQL syntax error: {error.msg}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise InputError(origin, None, "only SELECT queries give a table; this is not one")
    columns = tuple(variable.value for variable in solutions.variables)
    # Written as TSV in Rust and read back, not term object by term object: big answers come
    # out 7–18 % sooner (docs/performance.md).
    rows = solution_rows(solutions)
    return QueryResult(columns, rows)


def label_iris(store: ox.Store, result: QueryResult, lang: str = "zh") -> QueryResult:
    """The result with each IRI that has a skos:prefLabel in LANG replaced by that label."""
    labels: dict[str, str] = {}
    for row in result.rows:
        for value in row:
            if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")):
                labels.setdefault(value, _label(store, value, lang))
    rows = tuple(tuple(labels.get(v, v) if isinstance(v, str) else v for v in row)
                 for row in result.rows)
    return QueryResult(result.columns, rows)


_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")


def _label(store: ox.Store, iri: str, lang: str) -> str:
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return iri
    for quad in store.quads_for_pattern(node, _PREF_LABEL, None):
        if isinstance(quad.object, ox.Literal) and quad.object.language == lang:
            return quad.object.value
    return iri


def run_query_file(
    store: ox.Store, path: str | Path, params: dict[str, str] | None = None
) -> QueryResult:
    """Run the SPARQL file at PATH."""
    return run_query(store, read_query(path), str(path), params)


def read_query(path: str | Path) -> str:
    """The text of a SPARQL file, or InputError naming it."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, None, f"cannot read the query: {error}") from None


_PARAMETERS_HEADER = re.compile(r"^#\s*parameters:\s*(?P<rest>.*)$")
_PARAMETER_LINE = re.compile(r"^#\s{2,}(?P<name>[A-Za-z_]\w*)\s+(?P<text>.*)$")
_WHERE_OPEN = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
# A parameter whose description starts with this word may be left out: the query then
# answers for every value (the scope parameters: document, district, year, government).
OPTIONAL_WORD = "optional"


def _parameter_lines(query: str) -> list[tuple[str, str]]:
    """(name, description) of each parameter the comment block lists under '# parameters:'."""
    found, inside = [], False
    for line in query.splitlines():
        header = _PARAMETERS_HEADER.match(line)
        if header:
            inside = header["rest"].strip() in ("", ":")
            continue
        if inside:
            match = _PARAMETER_LINE.match(line)
            if not match:
                break
            found.append((match["name"], match["text"].strip()))
    return found


def declared_parameters(query: str) -> tuple[str, ...]:
    """The parameters a query's comment block declares under '# parameters:'."""
    return tuple(name for name, _ in _parameter_lines(query))


def required_parameters(query: str) -> tuple[str, ...]:
    """The declared parameters that must be given (not described as optional)."""
    return tuple(name for name, text in _parameter_lines(query)
                 if not text.lower().startswith(OPTIONAL_WORD))


def bind_parameters(query: str, params: dict[str, str], origin: str = "<query>") -> str:
    """Bind each parameter given to a plain literal in a VALUES block opening the WHERE.

    The value is escaped as an RDF literal, never pasted into the query as text: a value such
    as 'x" } ; DROP ALL ; #' stays a string. The VALUES block sits inside the WHERE group, so
    the group's FILTERs see it; the same text runs locally and on a remote endpoint. An
    optional parameter left out is not bound: the query answers for every value of it.
    """
    declared = declared_parameters(query)
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise InputError(origin, None, f"unknown parameter {unknown[0]!r}; this query takes "
                         + (", ".join(declared) or "no parameters"))
    missing = [name for name in required_parameters(query) if name not in params]
    if missing:
        raise InputError(origin, None, f"missing parameter {missing[0]!r}: pass "
                         f"--param {missing[0]}=VALUE")
    given = [name for name in declared if name in params]
    if not given:
        return query
    values = " ".join(f"VALUES ?{_bound_variable(query, name)} {{ {sparql_string(params[name])} }}"
                      for name in given)
    where = _find_where(query, origin)
    return f"{query[:where]}\n  {values}\n{query[where:]}"


def _bound_variable(query: str, name: str) -> str:
    """The variable a parameter binds: NAMEKey where the query has one (the catalogue's
    district and year: "" where a graph names none, so that a document without a district
    never joins district=…, as an unbound ?district would), else NAME."""
    return f"{name}Key" if re.search(rf"\?{name}Key\b", query) else name


def sparql_string(value: str) -> str:
    """VALUE as a SPARQL string literal, every quote and control character escaped.

    Non-ASCII characters are written as \\uXXXX escapes, which every SPARQL engine decodes
    alike, so Chinese survives endpoints that mistake the request's encoding.
    """
    return ascii_escaped(str(ox.Literal(value)))  # N-Triples escaping of quotes, newlines …


def ascii_escaped(text: str) -> str:
    """TEXT with every non-ASCII character as a \\uXXXX (or \\UXXXXXXXX) escape, which SPARQL
    and N-Triples both decode."""
    return "".join(ch if ord(ch) < 128 else _u_escape(ch) for ch in text)


def _u_escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def _find_where(query: str, origin: str) -> int:
    """The offset just after the '{' that opens the WHERE clause, skipping comment lines."""
    offset = 0
    for line in query.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            match = _WHERE_OPEN.search(line)
            if match:
                return offset + match.end()
        offset += len(line)
    raise InputError(origin, None, "a query with parameters needs a WHERE { … } clause")


def _json_default(value):
    """A value json cannot write itself: a decimal as a JSON number (a float, as JSON readers
    read numbers anyway), anything else as its text."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


# A spreadsheet reads a cell beginning with one of these as a formula (=HYPERLINK(…) sends
# the sheet's data away), also after a tab or a carriage return (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def spreadsheet_cell(value):
    """VALUE as a CSV cell for people: a text that a spreadsheet would take for a formula
    gets a leading ' (shown as text, the ' hidden); numbers, and texts that are numbers
    (-5, +3.2), stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and \
            not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def format_result(result: QueryResult, fmt: str, *, raw_csv: bool = False) -> str:
    """The result as an aligned text table, CSV or JSON (Chinese left as it is). CSV cells
    that a spreadsheet would run as formulas are made inert (spreadsheet_cell), unless
    RAW_CSV: for programs, which want the values as they are."""
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2,
                          default=_json_default) + "\n"
    if fmt == "csv":
        cell = (lambda v: v) if raw_csv else spreadsheet_cell
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else cell(v) for v in row] for row in result.rows)
        return out.getvalue()
    if fmt == "table":
        from tabulate import tabulate  # wcwidth makes it measure Chinese as two columns

        cells = [["" if v is None else v for v in row] for row in result.rows]
        # Long task texts wrap inside their column instead of pushing the table off screen.
        widths = [TABLE_CELL_WIDTH] * len(result.columns)
        return tabulate(cells, headers=result.columns, tablefmt="simple",
                        maxcolwidths=widths) + "\n"
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
