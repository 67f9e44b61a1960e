"""Where a corpus lives: an Oxigraph store in memory or on disk, or an rdflib Dataset (the
default store of one document), behind one small interface (quads in → files and answers out).

A corpus is an RDF dataset: each document's triples in its own named graph, and what the
documents of one government share (its units' and leaders' names and types) once in that
government's graph. Queries see the union of all graphs. The split matters: Oxigraph's union
default graph is a bag, so a unit's label repeated in each year's graph would repeat rows.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from dutygraph.ask import marker
from dutygraph.ask.shared import SharedDescriptions, statement_key
from dutygraph.errors import DutygraphError, InputError
from dutygraph.rdf.namespaces import DG, PROV, RDF, ox_node
from dutygraph.rdf.queries import internal_query

# File suffixes → Oxigraph formats; TriG and N-Quads carry named graphs.
RDF_SUFFIXES = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
}
DATASET_SUFFIXES = (".trig", ".nq")
BACKENDS = ("oxigraph", "rdflib")
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
# Quads are queued and loaded in batches of this size (one transaction each in memory; 1 MB
# and 32 MB batches took the same time).
_BATCH_BYTES = 8 * 1024 * 1024
# Documents kept aside for a store that was there before: in memory up to this, then on disk.
_KEPT_IN_MEMORY = 64 * 1024 * 1024


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """The RDF format of PATH from its suffix, or InputError listing the known ones."""
    suffix = Path(path).suffix.lower()
    if suffix not in RDF_SUFFIXES:
        raise InputError(path, None, f"unknown RDF file suffix {suffix!r}; use one of "
                         + ", ".join(RDF_SUFFIXES))
    return RDF_SUFFIXES[suffix]


def is_store(path: str | Path) -> bool:
    """Whether PATH is an Oxigraph store folder (what `dutygraph build --store PATH` wrote)."""
    return Path(path).is_dir()


def open_store(path: str | Path | None = None, *, read_only: bool = False) -> ox.Store:
    """An Oxigraph store: in memory without PATH, else the folder PATH (created if missing).
    Read-only, a folder whose last build did not finish is refused (ask/marker.py)."""
    try:
        if path is None:
            return ox.Store()
        if read_only:
            marker.check_finished(path)
            return ox.Store.read_only(str(path))
        return ox.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise InputError(path, None, "the store is in use by another build (RocksDB's "
                             "lock is taken): wait for it to end, or build into another "
                             "folder") from None
        raise InputError(path, None, f"cannot open the Oxigraph store: {error}") from None


def load_file(store: ox.Store, path: str | Path) -> ox.Store:
    """Load the RDF file at PATH into STORE (triples into the default graph); return STORE.
    The file is checked first (dutygraph.ask.guard): bounded, and no entity to expand."""
    from dutygraph.ask.guard import check_graph_file

    path = Path(path)
    rdf = rdf_format(path)
    if not path.exists():
        raise InputError(path, None, "no such file")
    check_graph_file(path)  # size, and no DTD entities to expand
    try:
        store.bulk_load(path=str(path), format=rdf)
    except OSError as error:
        raise InputError(path, None, f"cannot read the graph: {error.strerror or error}") from None
    except SyntaxError as error:
        raise syntax_error(path, error, rdf.name) from None
    return store


def syntax_error(path: str | Path, error: SyntaxError, kind: str) -> InputError:
    """Oxigraph's parse error as one line: the file, the line, what is wrong, the text there."""
    line = getattr(error, "lineno", None)
    return InputError(path, line, f"not valid {kind}: {error.msg}{_near(path, line)}")


def _near(path: str | Path, line: int | None, width: int = 60) -> str:
    """'; near: TEXT', the source line LINE as one short line (Chinese as Chinese), or ''."""
    if not line:
        return ""
    try:
        with open(path, "rb") as file:
            raw = next((text for number, text in enumerate(file, 1) if number == line), b"")
    except OSError:
        return ""
    text = " ".join(raw.decode("utf-8", errors="replace").split())
    if len(text) > width:
        text = text[: width - 1] + "…"
    return f"; near: {text}" if text else ""


def open_dataset(path: str | Path) -> ox.Store:
    """A corpus to query: the Oxigraph store folder PATH opened read-only, or the RDF file
    PATH (TriG and N-Quads keep their named graphs) loaded into memory."""
    path = Path(path)
    if is_store(path):
        return open_store(path, read_only=True)
    return load_file(ox.Store(), path)


def union_triples(store: ox.Store):
    """Every triple of every graph of STORE, as one graph (each triple once, since each graph
    of a corpus holds its own triples)."""
    return store.query(_UNION, use_default_graph_as_union=True)


_DOCUMENTS = internal_query("store-documents")
def document_graphs(store: ox.Store) -> dict[str, str]:
    """The documents of a corpus: each one's id and the IRI of its named graph, by id.
    DutygraphError if two graphs hold documents with one id (a build refuses that)."""
    graphs: dict[str, str] = {}
    for row in store.query(_DOCUMENTS):
        document, graph = row["id"].value, row["graph"].value
        if graphs.setdefault(document, graph) != graph:
            raise DutygraphError(f"two graphs hold the document {document!r}: "
                                 f"<{graphs[document]}> and <{graph}>")
    return graphs


_RECURRENCE_GRAPHS = internal_query("store-recurrence-graphs")


def recurrence_graphs(store: ox.Store) -> list[str]:
    """The graphs of a corpus that hold its recurring tasks (dutygraph.recurrences)."""
    return [row["graph"].value for row in store.query(_RECURRENCE_GRAPHS)]


def document_triples(store: ox.Store, graph: str) -> list[ox.Triple]:
    """One document of a corpus as a graph of its own: its named GRAPH, and what the graphs
    that are no document's (its government's shared graph) say of every node it names, as
    subject or object: its units' and leaders' names and types. (A leader named in a 牵头领导
    column is only ever a subject: dg:inChargeOf.)

    Node by node through the store's index, not one SPARQL query: Oxigraph planned that
    query's join with every quad of every graph, each time (500 documents: the corpus check's
    main process ran 15 minutes and more instead of about 2)."""
    own = ox.NamedNode(graph)
    triples = [quad.triple for quad in store.quads_for_pattern(None, None, None, own)]
    nodes = {node for triple in triples for node in (triple.subject, triple.object)
             if isinstance(node, (ox.NamedNode, ox.BlankNode))}  # not literals, triple terms
    is_document: dict[ox.NamedNode | ox.BlankNode, bool] = {own: True}
    seen = set(triples)
    for node in sorted(nodes, key=str):
        for quad in store.quads_for_pattern(node, None, None, None):
            other = quad.graph_name
            if isinstance(other, ox.DefaultGraph):
                continue
            if other not in is_document:
                is_document[other] = next(store.quads_for_pattern(
                    other, _RDF_TYPE, _DOCUMENT_CLASS, other), None) is not None
            if not is_document[other] and quad.triple not in seen:
                seen.add(quad.triple)
                triples.append(quad.triple)
    return triples


_RDF_TYPE = ox_node(RDF.type)
_DOCUMENT_CLASS = ox_node(DG.Document)
# Links from a document's graph to its government's units and leaders (as subject or object).
_TO_GOVERNMENT = ((ox_node(DG.leads), "subject"), (ox_node(PROV.agent), "object"),
                  (ox_node(DG.inChargeOf), "subject"))


def write_rdf(store: ox.Store, path: str | Path, prefixes: dict[str, str] | None = None) -> Path:
    """Write STORE to PATH in the format its suffix names: Turtle and N-Triples get the union
    of the graphs, TriG and N-Quads the whole dataset with its named graphs."""
    path = Path(path)
    rdf = rdf_format(path)
    kwargs = {"prefixes": prefixes} if prefixes and rdf in _PREFIXED else {}
    if path.suffix in DATASET_SUFFIXES:
        store.dump(str(path), format=rdf, **kwargs)
    else:
        _dump_union(store, path, rdf, kwargs)
    return path


def _dump_union(store: ox.Store, path: Path, rdf: ox.RdfFormat, kwargs: dict) -> None:
    """The union of the graphs as one Turtle or N-Triples file, each graph dumped in turn (the
    default graph, then the named ones by name): three times faster than writing a CONSTRUCT
    over the union (500 documents: 1.9 s against 6.5 s). Turtle lets the prefixes be declared
    again before each graph's triples. A triple two graphs hold is written twice: in RDF still
    one triple, but an N-Triples file then has more lines than the union has triples (the
    graphs of a corpus dutygraph builds share none; a dataset from elsewhere may)."""
    graphs = sorted(store.named_graphs(), key=str)
    if next(store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
        graphs.insert(0, ox.DefaultGraph())
    with open(path, "wb") as stream:
        for graph in graphs:
            store.dump(stream, format=rdf, from_graph=graph, **kwargs)


_PREFIXED = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)


class OxigraphDataset:
    """A corpus in Oxigraph: documents arrive as N-Quads and are loaded in batches.

    On disk, a build that fails or is stopped while it reads (a bad document with
    --fail-fast, Ctrl-C, an error) leaves nothing half-done. A store this build makes is
    removed, with the folders made for it. Into a store that was there before, the documents
    are kept aside (in memory, in a temporary file past 64 MB) until every one has been read;
    then they replace their old selves and the recurring tasks are linked, with Ctrl-C held
    until the store is whole (corpus.build_corpus). That last phase is where a rebuild spends
    most of its time (a review measured 12 of 16 s, 50 documents built again; the whole
    rebuild takes as long as when documents went in while others were read). What it cannot
    guard against is a full disk or the process killed then: an error says the store is part
    old, part new, and the same build run again mends it."""

    name = "oxigraph"

    def __init__(self, path: str | Path | None = None):
        self.on_disk = path is not None
        self.path = path
        self._made: _MadeByThisBuild | None = None
        self._kept_aside: tempfile.SpooledTemporaryFile | None = None
        self._aside: list[tuple[int, str, str]] = []  # (size, graph, shared graph) in order
        self._marked_before: dict | None = None  # the store's marker before this build
        if path is not None:
            path = Path(path).resolve()  # new/../out is out, and makes no folder new
            if (path / "CURRENT").is_file():  # RocksDB's: a store is there
                self._kept_aside = tempfile.SpooledTemporaryFile(max_size=_KEPT_IN_MEMORY)
            else:
                self._made = _MadeByThisBuild(path)
        self._begun = False  # whether this build's marker is in a store that was there
        try:
            self._open(path)
            # A store on disk may hold earlier builds: a document built again replaces its own.
            self.earlier = next(self.store.quads_for_pattern(None, None, None, None),
                                None) is not None
        except BaseException:  # a store made here goes; one that was there keeps its marker
            self._undo_open()
            raise
        self._pending: list[bytes] = []
        self._pending_bytes = 0
        self._shared = SharedDescriptions()  # who may change a government's description
        self._replaced: set[str] = set()  # the documents of this build (a store kept aside)
        self._old_shared: set[str] = set()  # the governments' graphs of documents replaced

    def _open(self, path: Path | None) -> None:
        """Open the store at PATH (in memory if None), marked as being built."""
        if self._made is not None:
            marker.begin(path)  # before the first byte of the store: see ask/marker.py
        self.store = open_store(path)
        if path is not None and self._made is None:
            # Only once the store is ours (its lock taken): another build's marker stays.
            self._marked_before = marker.begin(path)
            self._begun = True

    def _undo_open(self) -> None:
        """Undo what a failed _open did to the disk (discard, before the store was ours)."""
        self.store = None
        if self._kept_aside is not None:
            self._kept_aside.close()
        if self._made is not None:
            self._made.remove()
        elif self._begun:
            marker.restore(self.path, self._marked_before)

    def add(self, nquads: bytes, graph: str = "", shared_graph: str = "") -> None:
        """Queue one document's quads; they reach the store in batches. In a store that held
        quads before this build, the document's GRAPH is cleared first: a document built again
        replaces its old self. What it says in SHARED_GRAPH (its government's) of a unit or
        leader goes in as dutygraph.ask.shared says: the other documents' answers stay as
        they were. Into a store that was there before, nothing goes in until flush()."""
        if self._kept_aside is not None:
            self._kept_aside.write(nquads)
            self._aside.append((len(nquads), graph, shared_graph))
            return
        self._queue(nquads, graph, shared_graph)

    def _queue(self, nquads: bytes, graph: str, shared_graph: str) -> None:
        existing = None
        if self.earlier and graph:
            self._forget(graph)
            existing = functools.partial(self._kept_or_forgotten, shared_graph)
        nquads = self._shared.filtered(nquads, shared_graph, existing)
        self._pending.append(nquads)
        self._pending_bytes += len(nquads)
        if self._pending_bytes >= _BATCH_BYTES:
            self._load_pending()

    def _forget(self, graph: str) -> None:
        """What the store held, before this build, of the document GRAPH."""
        old = ox.NamedNode(graph)
        self._old_shared |= self._governments_of(old)
        self.store.clear_graph(old)

    def _kept_or_forgotten(self, shared_graph: str, subject: str) -> set:
        """The keys of what SHARED_GRAPH says of SUBJECT, kept where a document not of this
        build names it (dutygraph.ask.shared); else forgotten, and an empty set."""
        shared, node = ox.NamedNode(shared_graph), ox.NamedNode(subject)
        described = list(self.store.quads_for_pattern(node, None, None, shared))
        if self._named_by_another_document(node, shared):
            return {statement_key(quad.predicate, quad.object) for quad in described}
        for quad in described:
            self.store.remove(quad)
        return set()

    def _named_by_another_document(self, node: ox.NamedNode, shared: ox.NamedNode) -> bool:
        """Whether a document graph that this build does not replace names NODE."""
        for quad in (*self.store.quads_for_pattern(node, None, None, None),
                     *self.store.quads_for_pattern(None, None, node, None)):
            graph = quad.graph_name
            if graph == shared or isinstance(graph, ox.DefaultGraph) or \
                    graph.value in self._replaced:
                continue
            if next(self.store.quads_for_pattern(graph, _RDF_TYPE, _DOCUMENT_CLASS, graph),
                    None) is not None:
                return True
        return False

    def _governments_of(self, document: ox.NamedNode) -> set[str]:
        """The graphs describing the units and leaders DOCUMENT's graph names: its government's
        (moved to another government, a document leaves them there, to be forgotten too)."""
        for predicate, end in _TO_GOVERNMENT:
            for link in self.store.quads_for_pattern(None, predicate, None, document):
                node = link.subject if end == "subject" else link.object
                return {quad.graph_name.value for quad in self.store.quads_for_pattern(
                    node, _RDF_TYPE, None, None) if quad.graph_name != document}
        return set()

    def forget_links_into(self, predicates: tuple[str, ...], documents: set[str]) -> None:
        """Remove every node that links by one of PREDICATES to a node of one of DOCUMENTS
        (an IRI {document}/…), with all it says in its graph: the recurring task pairs of
        documents about to be linked again, wherever an earlier build put them."""
        self.flush()
        doomed = set()
        for predicate in predicates:
            for quad in self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
                target = quad.object
                if isinstance(target, ox.NamedNode) and \
                        target.value.rsplit("/", 1)[0] in documents:
                    doomed.add((quad.subject, quad.graph_name))
        for subject, graph in doomed:
            for quad in list(self.store.quads_for_pattern(subject, None, None, graph)):
                self.store.remove(quad)

    @property
    def made_here(self) -> bool:
        """Whether this build is making the store on disk (a failed one removes it)."""
        return self._made is not None

    @property
    def changed_in_place(self) -> bool:
        """Whether documents of this build have begun to go into a store that was there."""
        return self.on_disk and self._made is None and self._kept_aside is None

    def flush(self) -> None:
        """Load every document queued or kept aside."""
        aside, self._aside = self._aside, []
        self._replaced |= {graph for _, graph, _ in aside}
        if self._kept_aside is not None and aside:
            kept, self._kept_aside = self._kept_aside, None  # from now on, straight in
            kept.seek(0)
            for size, graph, shared_graph in aside:
                self._queue(kept.read(size), graph, shared_graph)
            kept.close()
        self._load_pending()
        if aside and self.earlier:
            self._forget_orphans({shared for _, _, shared in aside if shared} | self._old_shared)

    def _forget_orphans(self, shared_graphs: set[str]) -> None:
        """In each of SHARED_GRAPHS (the governments' graphs of the documents built again, new
        and old), forget every subject that no other graph mentions any more: a leader or a
        unit that the document no longer names, which a fresh build would not hold either."""
        for graph in sorted(shared_graphs):
            shared = ox.NamedNode(graph)
            described = {quad.subject for quad in
                         self.store.quads_for_pattern(None, None, None, shared)}
            for subject in described:
                if any(quad.graph_name != shared for quad in
                       self.store.quads_for_pattern(subject, None, None, None)) or \
                        any(quad.graph_name != shared for quad in
                            self.store.quads_for_pattern(None, None, subject, None)):
                    continue
                for quad in list(self.store.quads_for_pattern(subject, None, None, shared)):
                    self.store.remove(quad)

    def _load_pending(self) -> None:
        if not self._pending:
            return
        data = b"".join(self._pending)
        self._pending, self._pending_bytes = [], 0
        if self.on_disk:
            # bulk_load skips transactions and writes RocksDB's files directly: a fifth of
            # 500 documents in 6.0 s, against 17.0 s by load.
            self.store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
        else:
            # In memory, bulk_load costs more with every batch the store already holds: 500
            # documents in 8 MB batches took 14–16 s by bulk_load, 8.2 s by load.
            self.store.load(input=data, format=ox.RdfFormat.N_QUADS)

    def compact(self) -> None:
        """Load the queued quads and, on disk, compact the store for reading. Each batch's
        bulk_load leaves files of its own, which every read then consults: 500 documents'
        queries took 2–5 times as long before compaction (tasks.rq 24 s against 5 s), and a
        store opened read-only is never compacted by RocksDB in the background."""
        self.flush()
        if self.on_disk:
            self.store.optimize()

    def mark_complete(self, sources: list[str]) -> None:
        """The build's last step: the store on disk says it is whole (ask/marker.py)."""
        if self.on_disk:
            self.store.flush()
            marker.finish(self.path, sources)

    def __len__(self) -> int:
        self.flush()
        return len(self.store)

    def write(self, path: str | Path, prefixes: dict[str, str] | None = None) -> Path:
        """Write the dataset (TriG, N-Quads) or its union graph (Turtle, N-Triples) to PATH."""
        self.flush()
        return write_rdf(self.store, path, prefixes)

    def query(self, text: str, origin: str = "<query>", params: dict[str, str] | None = None):
        """A SELECT query's answer over the union of the graphs (a QueryResult)."""
        from dutygraph.ask.query import run_query

        self.flush()
        return run_query(self.store, text, origin, params)

    def close(self) -> None:
        """Write everything to disk (a store on disk) and let go of the store."""
        self.flush()
        if self.on_disk:
            self.store.flush()
        self.store = None

    def discard(self) -> None:
        """Let go of the store after a failed build: a store this build made is removed;
        one that was there before is as it was, unless the documents had already gone in."""
        self.store, self._pending, self._aside = None, [], []
        if self._kept_aside is not None:
            self._kept_aside.close()
        if self._made is not None:
            self._made.remove()
        elif self.on_disk and not self.changed_in_place:
            marker.restore(self.path, self._marked_before)  # the store is as it was


class _MadeByThisBuild:
    """What a build that makes a new store adds to the disk: the folders it creates, or, in
    a folder that was there (build -o out --store out), the files it adds to it."""

    def __init__(self, folder: Path):
        self.top = next((p for p in reversed([folder, *folder.parents]) if not p.exists()), None)
        self.folder = folder
        self.there = set() if self.top is not None else {p.name for p in folder.iterdir()}

    def remove(self) -> None:
        if self.top is not None:
            shutil.rmtree(self.top, ignore_errors=True)
            return
        for path in self.folder.iterdir():
            if path.name in self.there:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


class RdflibDataset:
    """A corpus in an rdflib Dataset (memory store): the default store, for comparison."""

    name = "rdflib"
    earlier = False  # always new, in memory: no earlier build to keep or replace
    changed_in_place = False
    made_here = False

    def __init__(self):
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)
        self._shared = SharedDescriptions()

    def add(self, nquads: bytes, graph: str = "", shared_graph: str = "") -> None:
        """Parse one document's quads into the dataset (always new: nothing to replace; a
        shared description as dutygraph.ask.shared says)."""
        self.dataset.parse(data=self._shared.filtered(nquads, shared_graph), format="nquads")

    def forget_links_into(self, predicates: tuple[str, ...], documents: set[str]) -> None:
        """Nothing to forget: the dataset is always new."""

    def flush(self) -> None:
        """Nothing is queued: rdflib parses as documents arrive."""

    def compact(self) -> None:
        """Nothing to compact: the dataset lives in memory."""

    def mark_complete(self, sources: list[str]) -> None:
        """Nothing to mark: the dataset lives in memory."""

    def __len__(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def write(self, path: str | Path, prefixes: dict[str, str] | None = None) -> Path:
        """Write the dataset (TriG, N-Quads) or its union graph (Turtle, N-Triples) to PATH."""
        from rdflib import Graph

        path = Path(path)
        fmt = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads"}[path.suffix]
        if path.suffix in DATASET_SUFFIXES:
            target = self.dataset
        else:
            # rdflib's Turtle writer takes one graph: copy the union (default_union) into one.
            target = Graph()
            for triple in self.dataset.triples((None, None, None)):
                target.add(triple)
        for prefix, namespace in (prefixes or {}).items():
            target.bind(prefix, namespace)
        target.serialize(str(path), format=fmt, encoding="utf-8")
        return path

    def query(self, text: str, origin: str = "<query>", params: dict[str, str] | None = None):
        """A SELECT query's answer over the union of the graphs, values as Oxigraph's are."""
        from dutygraph.ask.query import QueryResult, bind_parameters

        result = self.dataset.query(bind_parameters(text, params or {}, origin))
        columns = tuple(str(v) for v in result.vars)
        rows = tuple(tuple(rdflib_value(row[v]) for v in result.vars) for row in result)
        return QueryResult(columns, rows)

    def close(self) -> None:
        """Let go of the dataset."""
        self.dataset = None

    def discard(self) -> None:
        """Let go of the dataset (it lived in memory: nothing else to undo)."""
        self.dataset = None


def rdflib_value(term):
    """An rdflib term as dutygraph.ask.values.python_value gives the same term from Oxigraph."""
    from rdflib import Literal

    from dutygraph.ask.values import typed_value

    if term is None:
        return None
    if isinstance(term, Literal) and term.datatype:
        return typed_value(str(term), str(term.datatype))
    return str(term)


def dataset(backend: str = "oxigraph", path: str | Path | None = None):
    """An empty corpus dataset of BACKEND (oxigraph or rdflib); PATH only for Oxigraph."""
    if backend == "oxigraph":
        return OxigraphDataset(path)
    if backend == "rdflib":
        if path is not None:
            raise ValueError("an rdflib dataset lives in memory: --store needs Oxigraph")
        return RdflibDataset()
    raise ValueError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
