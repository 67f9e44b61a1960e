"""Recurring tasks linked at build time, timed and checked against the SPARQL that computed them.

    python benchmarks/recurring_links.py corpus.nq

Loads the corpus (from `dutygraph build … -o OUT`, which links the pairs) into Oxigraph in
memory, then times: the build's linking step again (dutygraph.recurrences: the districts'
tasks and lead units read by one query, the pairs and Dice's coefficient in Python);
queries/recurring_tasks.rq, which reads the linked pairs; and recurring_tasks_in_sparql.rq
beside this script, the catalogue query as it was before (the same pairs computed in SPARQL
at query time, texts cut at 400 characters); then says whether the three give the same pairs.
The linking compares whole texts: a pair with a text longer than 401 characters may differ
from the old SPARQL's (its score cut at 400), and the script then says NOT the same pairs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERY = HERE.parent / "queries" / "recurring_tasks.rq"
IN_SPARQL = HERE / "recurring_tasks_in_sparql.rq"


class _Linked:
    """A stand-in dataset for link_recurrences: queries the store, keeps what it would add."""

    earlier = False  # nothing to forget: the pairs it adds go nowhere

    def __init__(self, store):
        self.store, self.added = store, []

    def query(self, text, origin="<query>", params=None):
        from dutygraph.ask.query import run_query

        return run_query(self.store, text, origin, params)

    def add(self, nquads: bytes, graph: str = "", shared_graph: str = "") -> None:
        self.added.append(nquads)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="the corpus as N-Quads (corpus.nq)")
    args = parser.parse_args(argv)
    import pyoxigraph as ox

    from dutygraph.ask.query import run_query_file
    from dutygraph.recurrences import districts_in, link_recurrences

    started = time.perf_counter()
    store = ox.Store()
    store.load(path=str(args.corpus), format=ox.RdfFormat.N_QUADS)
    print(f"loaded in {time.perf_counter() - started:.2f} s", flush=True)
    districts = districts_in(_Linked(store))
    started = time.perf_counter()
    linked = link_recurrences(_Linked(store), districts)
    print(f"linked at build time: {linked:,} pairs in {time.perf_counter() - started:.2f} s "
          f"({len(districts)} districts)", flush=True)
    answers = {}
    for path in (QUERY, IN_SPARQL):
        started = time.perf_counter()
        answers[path] = run_query_file(store, path)
        print(f"{path.name}: {len(answers[path].rows):,} rows in "
              f"{time.perf_counter() - started:.2f} s", flush=True)
    # The old query's columns only: the catalogue's adds document and next_document at the
    # end (issue 22), and its other columns keep their names and order.
    old = answers[IN_SPARQL]
    width = len(old.columns)
    assert answers[QUERY].columns[:width] == old.columns
    same = ([row[:width] for row in answers[QUERY].rows] == list(old.rows)
            and linked == len(answers[QUERY].rows))
    print("same pairs" if same else "NOT the same pairs")
    raise SystemExit(0 if same else 1)


if __name__ == "__main__":
    main()
