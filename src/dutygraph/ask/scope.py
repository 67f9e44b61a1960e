"""A question scoped to some documents of a corpus: which named graphs it needs (the scope
parameters document, district, year, government → the graphs Oxigraph reads).

Every catalogue query says its scope in its own text (the parameters bound in a VALUES
block, joined to each row's document), so any engine gives the scoped answer. Oxigraph
plans that join late, though: a question about one document of 500 took seconds (the
document's 1-row VALUES joined after the corpus's tasks). So `run_query` first finds the
graphs the question needs and gives Oxigraph only those as its dataset; the answer is the
same, read from a few graphs instead of all (docs/performance.md has the figures).

The graphs a document's rows can depend on: its own graph; its government's graphs that are
no document's (units' and leaders' names, the recurring task pairs, the aggregates); and,
for a query whose comment block says so (`# scope: … the year before and after …`:
lead_change_by_year.rq, recurring_tasks.rq), the documents of its district a year before
and after it, which it compares.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from dutygraph.rdf.namespaces import DG, RDF, ox_node
from dutygraph.rdf.queries import internal_query

SCOPE_PARAMETERS = ("document", "district", "year", "government")

_DOCUMENTS = internal_query("scope-documents")
# The government's id in its publisher IRI, as the queries read it (…/{id}/government).
_GOVERNMENT_ID = re.compile(r"^.*/([^/]*)/government$")
_PUBLISHER_END = "/government"
_SHARED_END = "/graph"
_NEIGHBOURS = re.compile(r"^# scope:.*\byear before and after\b", re.MULTILINE)
_RDF_TYPE = ox_node(RDF.type)
_LINKS = (ox_node(DG.leads), ox_node(DG.inChargeOf))


def reads_neighbours(query: str) -> bool:
    """Whether QUERY's rows of a document read its district's neighbouring years too."""
    return _NEIGHBOURS.search(query) is not None


def scope_of(params: dict[str, str]) -> dict[str, str]:
    """The scope parameters among PARAMS."""
    return {name: value for name, value in params.items() if name in SCOPE_PARAMETERS}


def scope_graphs(store: ox.Store, scope: dict[str, str],
                 neighbours: bool = False) -> list[ox.NamedNode] | None:
    """The named graphs of STORE a question scoped to SCOPE reads (with NEIGHBOURS, the
    district's documents of the year before and after each), or None when STORE keeps no
    document in a named graph of its own (one graph's file: nothing to narrow)."""
    documents = [_document(row) for row in store.query(_DOCUMENTS)]
    if not documents:
        return None
    chosen = [d for d in documents if all(d[name] == value for name, value in scope.items())]
    graphs: dict[str, None] = {}
    others = _graphs_of_no_document(store, {d["graph"] for d in documents})
    for document in chosen:
        graphs[document["graph"]] = None
        government = _government(store, document)
        for neighbour in documents if neighbours else ():
            if _next_to(document, neighbour) and _government(store, neighbour) == government:
                graphs[neighbour["graph"]] = None
        # Without a known government (no unit, no publisher), every graph of no document.
        graphs.update(dict.fromkeys(g for g in others
                                    if government is None or g.startswith(government + "/")))
    return [ox.NamedNode(graph) for graph in graphs]


def _document(row: ox.QuerySolution) -> dict[str, str]:
    """A document's graph and what the scope parameters compare, as the queries give them."""
    publisher = row["publisher"].value if row["publisher"] is not None else ""
    government = _GOVERNMENT_ID.match(publisher)
    return {"graph": row["graph"].value, "document": row["id"].value,
            "district": row["district"].value if row["district"] is not None else "",
            "year": row["year"].value if row["year"] is not None else "",
            "government": government[1] if government else "", "publisher": publisher}


def _next_to(document: dict, other: dict) -> bool:
    """Whether OTHER is DOCUMENT's district's document of the year before or after."""
    if not (document["district"] and document["district"] == other["district"]):
        return False
    try:
        return abs(int(document["year"][:4]) - int(other["year"][:4])) == 1
    except ValueError:
        return False


def _graphs_of_no_document(store: ox.Store, documents: set[str]) -> list[str]:
    return sorted(g.value for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and g.value not in documents)


def _government(store: ox.Store, document: dict) -> str | None:
    """The IRI the document's government's graphs start with: from its publisher, else from
    the graph describing the first unit or leader its graph links to; None if neither."""
    if "government_iri" in document:
        return document["government_iri"]
    found = None
    if document["publisher"].endswith(_PUBLISHER_END):
        found = document["publisher"].removesuffix(_PUBLISHER_END)
    else:
        graph = ox.NamedNode(document["graph"])
        for link in _LINKS:
            quad = next(store.quads_for_pattern(None, link, None, graph), None)
            if quad is None:
                continue
            for typed in store.quads_for_pattern(quad.subject, _RDF_TYPE, None, None):
                name = typed.graph_name
                if isinstance(name, ox.NamedNode) and name.value.endswith(_SHARED_END):
                    found = name.value.removesuffix(_SHARED_END)
            break
    document["government_iri"] = found
    return found
