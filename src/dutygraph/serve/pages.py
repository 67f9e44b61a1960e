"""What each entity's page shows, asked of the graph with the SPARQL files
rdf/internal-queries/serve-*.rq (ask(store, "unit_tasks") runs serve-unit-tasks.rq).

A page is plain data (dicts and lists of Python values), drawn as HTML by dutygraph.serve.render
and as Turtle or JSON-LD by entity_graph. The counts on a unit's page are the same links that
the catalogue's unit_load.rq and unit_portfolio.rq count (tests/test_serve_pages.py holds them
equal).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph

from dutygraph.ask.query import _find_where, declared_parameters, sparql_string
from dutygraph.ask.values import solution_rows
from dutygraph.rdf.namespaces import DCTERMS, DG, PREFIXES, SKOS
from dutygraph.rdf.queries import internal_query

KINDS = {  # the class of an entity → its page; the first that matches wins
    str(DG.Unit): "unit",
    str(DG.UnlistedUnit): "unit",
    str(DG.Leader): "leader",
    str(DG.Task): "task",
    str(DG.Target): "target",
    str(DG.Document): "document",
}
ROLES = {str(DG.lead): "lead", str(DG.coResponsible): "co"}


class Iri(str):
    """A parameter to bind as an IRI (a plain str is bound as a string literal)."""


def query_text(name: str) -> str:
    """The text of rdf/internal-queries/serve-NAME.rq (NAME's _ as -), its prefixes declared."""
    return internal_query("serve-" + name.replace("_", "-"))


def bind(query: str, params: dict[str, str], origin: str) -> str:
    """QUERY with each declared parameter bound in a VALUES block opening its WHERE: an Iri as
    an IRI (checked by Oxigraph, so it cannot close the <…>), any other value as a literal."""
    declared = declared_parameters(query)
    if sorted(declared) != sorted(params):
        raise ValueError(f"{origin} takes {', '.join(declared) or 'no parameters'}, "
                         f"not {', '.join(params) or 'none'}")
    if not params:
        return query
    terms = {name: f"<{ox.NamedNode(value).value}>" if isinstance(value, Iri)
             else sparql_string(value) for name, value in params.items()}
    values = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in terms.items())
    where = _find_where(query, origin)
    return f"{query[:where]}\n  {values}\n{query[where:]}"


def ask(store: ox.Store, name: str, **params: str) -> list[dict]:
    """The rows of queries/NAME.rq over STORE (every graph's union), as dicts."""
    solutions = store.query(bind(query_text(name), params, f"serve-{name}.rq"),
                            use_default_graph_as_union=True)
    columns = [variable.value for variable in solutions.variables]
    return [dict(zip(columns, row, strict=True)) for row in solution_rows(solutions)]


def entity_graph(store: ox.Store, iri: str) -> Graph:
    """What an entity's page says for machines, as an rdflib graph with the project's prefixes."""
    triples = store.query(bind(query_text("entity_graph"), {"entity": Iri(iri)},
                               "serve-entity-graph.rq"), use_default_graph_as_union=True)
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    text = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    return graph.parse(data=text.decode("utf-8"), format="nt")


@dataclass
class Page:
    """One entity's page: its kind, IRI, names and what its template shows."""

    kind: str
    iri: str
    name: str
    english: str = ""
    data: dict = field(default_factory=dict)


def entity_page(store: ox.Store, iri: str) -> Page | None:
    """The page of the entity IRI, or None when the graph says nothing about it."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return None
    statements = ask(store, "statements", entity=Iri(iri))
    if not statements:
        return None
    types = {row["type"] for row in ask(store, "kinds", entity=Iri(iri))}
    kind = next((KINDS[t] for t in KINDS if t in types), "other")
    page = Page(kind, iri, *_names(statements, iri))
    page.data["statements"] = statements
    page.data["types"] = sorted(types)
    page.data["document_titles"] = document_titles(store)
    filler = _FILLERS.get(kind)
    if filler:
        filler(store, page)
    else:
        page.data["referrers"] = ask(store, "referrers", entity=Iri(iri))
    return page


_PREF_LABEL = str(SKOS.prefLabel)
_ALT_LABEL = str(SKOS.altLabel)
_TITLE = str(DCTERMS.title)


def _names(statements: list[dict], iri: str) -> tuple[str, str]:
    """The Chinese and English names of an entity from its statements: its labels, else its
    title, text or span, else its IRI's last part."""
    def first(properties, *langs):
        return next((str(row["value"]) for prop in properties for row in statements
                     if row["property"] == prop and row["lang"] in langs), "")

    zh = (first((_PREF_LABEL,), "zh") or first((_TITLE, str(DG.text), str(DG.span)), "zh", "")
          or iri.rstrip("/").rsplit("/", 1)[-1])
    english = first((_PREF_LABEL,), "en") or first((_ALT_LABEL,), "zh-latn-pinyin", "en")
    return zh, english


def _unit(store: ox.Store, page: Page) -> None:
    """A unit: its tasks by role and leader, targets, partners, load in each document."""
    rows = ask(store, "unit_tasks", entity=Iri(page.iri))
    targets = _targets_by_task(store, page.iri)
    tasks: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (row["task"], row["role"])
        task = tasks.setdefault(key, {**row, "leaders": [], "targets": targets.get(row["task"],
                                                                                   [])})
        if row["leader"] and row["leader"] not in [leader for leader, _ in task["leaders"]]:
            task["leaders"].append((row["leader"], row["leader_name"]))
    by_role: dict[str, dict[tuple, list]] = {"lead": defaultdict(list), "co": defaultdict(list)}
    for task in tasks.values():
        for leader in task["leaders"] or [(None, None)]:
            by_role[task["role"]][leader].append(task)
    documents = sorted({row["document"] for row in rows if row["document"]})
    page.data.update(
        tasks=list(tasks.values()),
        by_role={role: sorted(groups.items(), key=_leader_order)
                 for role, groups in by_role.items()},
        counts={
            "lead_tasks": len({t for t, role in tasks if role == "lead"}),
            "co_tasks": len({t for t, role in tasks if role == "co"}),
            "leaders": len({row["leader"] for row in rows if row["leader"]}),
            "task_rows": len(tasks),
            "targets": sum(len(task["targets"]) for task in tasks.values()),
        },
        partners=ask(store, "unit_partners", entity=Iri(page.iri)),
        loads=[_document_load(store, page.data["document_titles"], document, page.iri)
               for document in documents],
    )


def _leader_order(item) -> tuple:
    (leader, name), tasks = item
    return (leader is None, -len(tasks), name or "")


def _targets_by_task(store: ox.Store, iri: str) -> dict[str, list[dict]]:
    targets = defaultdict(list)
    for row in ask(store, "task_targets", entity=Iri(iri)):
        targets[row["task"]].append(row)
    return targets


def _document_load(store: ox.Store, titles: dict[str, str], document: str,
                   unit: str | None = None) -> dict:
    """A document's units and their load, and UNIT's place among them; TITLES names it (the
    page's document_titles, asked once a page: a corpus of 500 documents takes a while)."""
    rows = ask(store, "document_load", document=Iri(document))
    rank = next((i + 1 for i, row in enumerate(rows) if row["unit"] == unit), None)
    return {"document": document, "title": titles.get(document, document), "units": rows,
            "rank": rank, "highlight": unit}


def document_titles(store: ox.Store) -> dict[str, str]:
    """Each document's district, year and title (瓯海区 2024 …责任分解), by IRI."""
    return {row["document"]: " ".join(str(row[key]) for key in ("district", "year", "title")
                                      if row[key])
            for row in ask(store, "document_titles")}


def _leader(store: ox.Store, page: Page) -> None:
    """A leader: the sections they head, their tasks with units, the units they work through."""
    rows = ask(store, "leader_tasks", entity=Iri(page.iri))
    targets = _targets_by_task(store, page.iri)
    tasks: dict[str, dict] = {}
    units: dict[str, dict] = {}
    for row in rows:
        task = tasks.setdefault(row["task"], {**row, "units": [],
                                              "targets": targets.get(row["task"], [])})
        if row["unit"]:
            role = ROLES.get(row["role"], row["role"])
            task["units"].append((row["unit"], row["unit_name"], role))
            unit = units.setdefault(row["unit"], {"unit": row["unit"], "name": row["unit_name"],
                                                  "lead_tasks": set(), "co_tasks": set()})
            unit[f"{role}_tasks"].add(row["task"])
    load = sorted(({**u, "lead_tasks": len(u["lead_tasks"]), "co_tasks": len(u["co_tasks"])}
                   for u in units.values()),
                  key=lambda u: (-u["lead_tasks"], -u["co_tasks"], u["name"] or "", u["unit"]))
    page.data.update(
        sections=ask(store, "leader_sections", entity=Iri(page.iri)),
        tasks=list(tasks.values()),
        units=load,
        counts={"tasks": len(tasks), "units": len(units),
                "targets": sum(len(t["targets"]) for t in tasks.values())},
    )


def _task(store: ox.Store, page: Page) -> None:
    """A task: where it stands, its units as printed, its targets, its recurrences."""
    rows = ask(store, "task", entity=Iri(page.iri))
    units = ask(store, "task_units", entity=Iri(page.iri))
    for unit in units:
        unit["role"] = ROLES.get(unit["role"], unit["role"])
    page.data.update(
        task=rows[0] if rows else {},
        units=units,
        targets=_targets_by_task(store, page.iri).get(page.iri, []),
        recurrences=ask(store, "task_recurrences", entity=Iri(page.iri)),
    )


def _target(store: ox.Store, page: Page) -> None:
    """A target: its statements, and the task that commits to it."""
    page.data["referrers"] = ask(store, "referrers", entity=Iri(page.iri))


def _document(store: ox.Store, page: Page) -> None:
    """A document: its sections and tasks in printed order, its units' load."""
    rows = ask(store, "document_tasks", document=Iri(page.iri))
    sections: dict[str, dict] = {}
    for row in rows:
        section = sections.setdefault(row["section"] or "", {
            "section": row["section"], "heading": row["heading"], "leader": row["leader"],
            "leader_name": row["leader_name"], "tasks": []})
        if not section["tasks"] or section["tasks"][-1]["task"] != row["task"]:
            section["tasks"].append(row)
    page.data.update(
        sections=list(sections.values()),
        load=_document_load(store, page.data["document_titles"], page.iri),
        counts={"tasks": len({row["task"] for row in rows})},
    )


_FILLERS = {"unit": _unit, "leader": _leader, "task": _task, "target": _target,
            "document": _document}


def documents(store: ox.Store) -> list[dict]:
    """Every document of the graph, for the home page."""
    return ask(store, "documents")


MAX_SEARCH_LENGTH = 100


def search(store: ox.Store, phrase: str) -> list[dict]:
    """Units, leaders and tasks whose name, pinyin or text holds PHRASE (at most 200)."""
    phrase = " ".join(phrase.split())[:MAX_SEARCH_LENGTH]
    if not phrase:
        return []
    return ask(store, "search", q=phrase)


def detect_base(store: ox.Store, default: str) -> str:
    """The base IRI the graph's documents were minted under (…/doc/ID), else DEFAULT."""
    for row in documents(store):
        suffix = f"doc/{row['identifier']}"
        if row["identifier"] and row["document"].endswith(suffix):
            return row["document"][: -len(suffix)]
    return default
