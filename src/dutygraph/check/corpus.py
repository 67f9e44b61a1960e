"""Check a corpus against the SHACL shapes one document at a time, on every core (corpus →
per-document reports → one report).

A corpus of 500 documents is 3 million triples: as one rdflib graph it takes gigabytes, and
pySHACL's time grows with it. Each document is checked instead with what it says and what its
government's shared graph says of the units and leaders it names (store.document_triples),
the same graph its own build checked, and each finding is marked with the document's id.
Each government's recurring tasks (dutygraph.recurrences) are checked as a graph of their own,
their findings marked with the graph's IRI.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dutygraph.background import worker_pool
from dutygraph.check.shacl import ValidationReport, validate_graph

# Documents handed to the workers ahead of those being checked: enough to keep them busy,
# few enough that the corpus is not held twice in memory.
_AHEAD_PER_JOB = 4


def open_corpus(path: str | Path):
    """The Oxigraph store of the corpus at PATH (TriG, N-Quads or a store folder) and the
    graphs to check one by one: its documents (id → named graph), then each government's
    recurring tasks (the graph's IRI → itself). Nothing for a dataset from elsewhere, whose
    union is then checked as one graph (validate.validate_file)."""
    from dutygraph.ask.graphs import open_graph

    store = open_graph(path)
    return store, graphs_to_check(store)


def graphs_to_check(store) -> dict[str, str]:
    """The graphs of the corpus in STORE that validate_documents checks one by one: its
    documents (id → named graph), then each government's recurring tasks (the graph's IRI →
    itself); nothing when it holds no document."""
    from dutygraph.ask.store import document_graphs, recurrence_graphs

    graphs = document_graphs(store)
    if graphs:
        graphs.update((graph, graph) for graph in recurrence_graphs(store))
    return graphs


def validate_documents(store, graphs: dict[str, str], *, jobs: int | None = None,
                       on_document: Callable[[str], None] | None = None) -> ValidationReport:
    """Check the graphs GRAPHS (from open_corpus) of STORE, JOBS at a time (default: every
    core): each document with what the graphs that are no document's say of the units and
    leaders it names, each recurrences graph on its own; ON_DOCUMENT(id) after each. What
    none of them names (triples of the default graph, say) is not checked."""
    import pyoxigraph as ox

    from dutygraph.ask.store import document_triples

    texts = ((document, ox.serialize(document_triples(store, graph),
                                     format=ox.RdfFormat.N_TRIPLES))
             for document, graph in graphs.items())
    findings = []
    jobs = min(jobs or os.cpu_count() or 1, max(len(graphs), 1))
    for document, report in _checked(texts, jobs):
        findings += [replace(finding, document=document) for finding in report.findings]
        if on_document is not None:
            on_document(document)
    return ValidationReport(findings)


def _checked(texts, jobs: int):
    """(document, report) for each (document, N-Triples) of TEXTS, in their order."""
    if jobs == 1:
        yield from ((document, check_ntriples(text)) for document, text in texts)
        return
    # A few documents ahead of the answers, not all: each is its N-Triples text in memory.
    with worker_pool(jobs) as pool:
        pending: deque = deque()
        for document, text in texts:
            pending.append((document, pool.apply_async(check_ntriples, (text,))))
            if len(pending) >= jobs * _AHEAD_PER_JOB:
                document, answer = pending.popleft()
                yield document, answer.get()
        while pending:
            document, answer = pending.popleft()
            yield document, answer.get()


def check_ntriples(text: bytes) -> ValidationReport:
    """One document's graph, as N-Triples, checked (in a worker)."""
    from dutygraph.rdf.ntriples import read_ntriples

    return validate_graph(read_ntriples(text))
