"""The one way every command opens a graph: a file, a corpus or a store, or one document of
it (path → Oxigraph store, or → rdflib Graph where rdflib's tools need one).

A graph file (Turtle, N-Triples, RDF/XML) is loaded into the default graph of an in-memory
store; a corpus keeps its named graphs (TriG, N-Quads), and the folder that `build --store`
wrote is opened read-only. With DOCUMENT, the store holds that one document of a corpus as a
graph of its own (its named graph and what its government's shared graph says of its nodes).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from dutygraph.ask.store import (
    DATASET_SUFFIXES,
    document_graphs,
    document_triples,
    is_store,
    load_file,
    open_store,
    union_triples,
)
from dutygraph.errors import InputError
from dutygraph.rdf.namespaces import DG, RDF
from dutygraph.rdf.ntriples import read_ntriples


def open_graph(path: str | Path, document: str | None = None) -> ox.Store:
    """The graph, corpus or store at PATH as an Oxigraph store; with DOCUMENT (a document's
    id), only that document of a corpus, in the default graph. InputError when it cannot."""
    path = Path(path)
    store = open_store(path, read_only=True) if is_store(path) else load_file(ox.Store(), path)
    if document is None:
        return store
    if not is_corpus(path):
        raise InputError(path, None, "--document picks a document of a corpus: give its "
                         "TriG, N-Quads or store folder (a Turtle file has no named graphs)")
    return document_store(store, _document_graph(store, path, document))


def document_store(store: ox.Store, graph: str) -> ox.Store:
    """The document of STORE in the named GRAPH, as a store of its own (default graph)."""
    one = ox.Store()
    one.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
               for t in document_triples(store, graph))
    return one


def open_rdflib_graph(path: str | Path, document: str | None = None) -> Graph:
    """The same as open_graph, as one rdflib Graph (a corpus's union), for pySHACL and the
    table writer: it travels as N-Triples, which Oxigraph writes and reads."""
    store = open_graph(path, document)
    return rdflib_graph(store)


def rdflib_graph(store: ox.Store) -> Graph:
    """The union of STORE's graphs as one rdflib Graph."""
    text = ox.serialize(union_triples(store), format=ox.RdfFormat.N_TRIPLES)
    return read_ntriples(text)


def open_document(path: str | Path, document: str | None = None) -> Graph:
    """One document's graph, as rdflib reads it: the Turtle file of a build (graph.ttl), or
    from a corpus the document whose id is DOCUMENT, which may be left out when the corpus
    holds one."""
    path = Path(path)
    if not is_corpus(path):
        graph = open_rdflib_graph(path, document)
        documents = len(set(graph.subjects(RDF.type, DG.Document)))
        if documents > 1:
            raise InputError(path, None, f"holds {documents} documents (a corpus's union "
                             "graph): give the corpus's TriG, N-Quads or store folder, and "
                             "--document ID")
        return graph
    store = open_graph(path)
    if document is None:
        graphs = _documents(store, path)
        if len(graphs) != 1:
            raise InputError(path, None, f"{len(graphs)} documents; choose one with "
                             f"--document ID (documents: {_listed(graphs)})")
        document = next(iter(graphs))
    return rdflib_graph(document_store(store, _document_graph(store, path, document)))


def is_corpus(path: str | Path) -> bool:
    """Whether PATH holds named graphs: a TriG or N-Quads file, or a store folder."""
    path = Path(path)
    return path.is_dir() or path.suffix.lower() in DATASET_SUFFIXES


def _document_graph(store: ox.Store, path: Path, document: str) -> str:
    graphs = _documents(store, path)
    if document not in graphs:
        raise InputError(path, None, f"no document {document!r} (documents: "
                         f"{_listed(graphs)})")
    return graphs[document]


def _documents(store: ox.Store, path: Path) -> dict[str, str]:
    graphs = document_graphs(store)
    if not graphs:
        raise InputError(path, None, "holds no dutygraph document (no dg:Document in a named "
                         "graph of its own)")
    return graphs


def _listed(graphs: dict[str, str]) -> str:
    return ", ".join(list(graphs)[:10]) + (" …" if len(graphs) > 10 else "")
