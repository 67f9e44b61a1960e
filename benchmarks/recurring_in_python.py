"""A measured proposal: recurring_tasks.rq's answer computed outside SPARQL.

    python benchmarks/recurring_in_python.py corpus.nq

Loads the corpus (from `dutygraph build … -o OUT`) into Oxigraph in memory, then times: the
candidate pairs alone as SPARQL (tasks of consecutive years of one district with a lead unit
in common, with texts, lines, district and years); Dice's coefficient over their
two-character pieces in Python, exactly as the query defines it (the first text's pieces at
positions 1 … 400, those the whole second text contains, ≥ 0.5); and queries/
recurring_tasks.rq itself; then says whether both give the same pairs. It only measures: the
catalogue query is unchanged (docs/performance.md says why and what would change it).
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal
from pathlib import Path

CANDIDATES = """
PREFIX dg: <https://w3id.org/dutygraph/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?district ?year ?line ?task ?next_year ?next_line ?next_task WHERE {
  { SELECT DISTINCT ?a ?b ?docA ?docB WHERE {
      ?docA a dg:Document ; dg:district ?d ; dg:year ?ya .
      ?docB a dg:Document ; dg:district ?d ; dg:year ?yb .
      FILTER (xsd:integer(STR(?ya)) + 1 = xsd:integer(STR(?yb)))
      ?u dg:leads ?a , ?b .
      ?a prov:wasDerivedFrom ?docA . ?b prov:wasDerivedFrom ?docB . } }
  ?a dg:text ?ta ; dg:sourceLine ?line . ?b dg:text ?tb ; dg:sourceLine ?next_line .
  ?docA dg:district ?dl ; dg:year ?yA . ?docB dg:year ?yB .
  BIND (STR(?dl) AS ?district) BIND (STR(?yA) AS ?year) BIND (STR(?yB) AS ?next_year)
  BIND (STR(?ta) AS ?task) BIND (STR(?tb) AS ?next_task)
}"""
QUERY = Path(__file__).resolve().parent.parent / "queries" / "recurring_tasks.rq"


def pieces(text: str) -> set[str]:
    """The query's pieces of TEXT: SUBSTR(text, i, 2) for i = 1 … min(len - 1, 400)."""
    return {text[i:i + 2] for i in range(min(len(text) - 1, 400))}


def recurring(candidates) -> list[tuple]:
    """The candidate rows whose similarity is at least 0.5, each with its score."""
    known: dict[str, set[str]] = {}

    def pieces_of(text: str) -> set[str]:  # each text's pieces once (texts recur in pairs)
        if text not in known:
            known[text] = pieces(text)
        return known[text]

    pairs = []
    for district, year, line, task, next_year, next_line, next_task in candidates:
        first = pieces_of(task)
        if not first:
            continue  # no piece: the query gives the pair no row
        second = pieces_of(next_task)
        shared = sum(1 for piece in first if piece in next_task)
        score = Decimal(2 * shared) / Decimal(len(first) + len(second))
        if score >= Decimal("0.5"):
            pairs.append((district, year, line, task, next_year, next_line, next_task, score))
    return pairs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the corpus as N-Quads (corpus.nq)")
    args = parser.parse_args(argv)
    import pyoxigraph as ox

    from dutygraph.query import run_query, run_query_file

    started = time.perf_counter()
    store = ox.Store()
    store.load(path=str(args.corpus), format=ox.RdfFormat.N_QUADS)
    print(f"loaded in {time.perf_counter() - started:.2f} s", flush=True)
    started = time.perf_counter()
    candidates = run_query(store, CANDIDATES).rows
    print(f"candidate pairs (SPARQL): {len(candidates):,} in "
          f"{time.perf_counter() - started:.2f} s", flush=True)
    started = time.perf_counter()
    pairs = recurring(candidates)
    print(f"Dice in Python: {len(pairs):,} pairs in {time.perf_counter() - started:.2f} s",
          flush=True)
    started = time.perf_counter()
    answer = run_query_file(store, QUERY).rows
    print(f"recurring_tasks.rq: {len(answer):,} rows in {time.perf_counter() - started:.2f} s")
    same = {pair[:7] for pair in pairs} == {row[:7] for row in answer}
    print("same pairs" if same else "NOT the same pairs")
    raise SystemExit(0 if same else 1)


if __name__ == "__main__":
    main()
