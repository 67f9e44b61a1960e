"""Run SPARQL files over a built graph and format the answers (graph → tables)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from dutygraph.errors import InputError

FORMATS = ("table", "csv", "json")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger",
                                "positiveInteger")}
_DECIMALS = {_XSD + t for t in ("decimal", "double", "float")}


@dataclass(frozen=True)
class QueryResult:
    """A SELECT query's answer: column names, and rows of plain Python values."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    def records(self) -> list[dict]:
        """Rows as dicts keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def load_graph(path: str | Path) -> ox.Store:
    """Load a Turtle (or N-Triples) file into an in-memory Oxigraph store."""
    path = Path(path)
    rdf_format = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=rdf_format)
    except OSError as error:
        raise InputError(path, None, f"cannot read the graph: {error.strerror or error}") from None
    except SyntaxError as error:
        raise InputError(path, getattr(error, "lineno", None),
                         f"not valid {rdf_format.name}: {error.msg}") from None
    return store


def run_query(store: ox.Store, query: str, origin: str = "<query>") -> QueryResult:
    """Run a SELECT query and convert its terms to Python values."""
    try:
        solutions = store.query(query)
    except SyntaxError as error:
        raise InputError(origin, getattr(error, "lineno", None),
                         f"SPARQL syntax error: {error.msg}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise InputError(origin, None, "only SELECT queries give a table; this is not one")
    columns = tuple(variable.value for variable in solutions.variables)
    rows = tuple(tuple(python_value(term) for term in solution) for solution in solutions)
    return QueryResult(columns, rows)


def run_query_file(store: ox.Store, path: str | Path) -> QueryResult:
    """Run the SPARQL file at PATH."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, None, f"cannot read the query: {error}") from None
    return run_query(store, text, str(path))


def python_value(term):
    """An RDF term as a plain value: integers as int, other literals as their text, IRIs as str."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _INTEGERS:
            return int(term.value)
        if datatype in _DECIMALS:
            return Decimal(term.value) if datatype.endswith("decimal") else float(term.value)
        if datatype == _XSD + "boolean":
            return term.value == "true"
        return term.value
    return term.value


def format_result(result: QueryResult, fmt: str) -> str:
    """The result as an aligned text table, CSV or JSON (Chinese left as it is)."""
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return out.getvalue()
    if fmt == "table":
        from tabulate import tabulate  # wcwidth makes it measure Chinese as two columns

        cells = [["" if v is None else v for v in row] for row in result.rows]
        return tabulate(cells, headers=result.columns, tablefmt="simple") + "\n"
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
