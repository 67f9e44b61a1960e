"""The workbench's pages as a static site: no server needed, any web server can host it, and it
opens from file://.

Each entity under the base gets its page at its IRI's path plus .html (…/id/ouhai/unit/x →
ouhai/unit/x.html), with its Turtle and JSON-LD beside it (x.ttl, x.jsonld); links are
relative. The search runs in the browser over an index written with the site; the query page
asks the endpoint given (a `dutygraph serve --cors`, or any SPARQL endpoint that holds the
graph), or none.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pyoxigraph as ox

from dutygraph.publish.export import serialize
from dutygraph.serve import pages
from dutygraph.serve.catalogue import starter_query
from dutygraph.serve.render import Links, render

STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Site:
    """What write_site wrote: the folder, and how many entity pages."""

    folder: Path
    pages: int


def write_site(store: ox.Store, folder: str | Path, *, base: str, endpoint: str = "",
               catalogue: list[dict] | None = None) -> Site:
    """Write every page of STORE's entities under BASE, the home, search and query pages and
    the static files into FOLDER; return what was written."""
    folder = Path(folder)
    entities = list(_entities(store, base))
    links = Links(base, static=True, known=frozenset(entities))
    _copy_static(folder)
    _write(folder, "index.html", render("home.html", links.at("index.html"),
                                        documents=pages.documents(store), endpoint=endpoint))
    _write(folder, "search.html", render("search.html", links.at("search.html"), q="",
                                         results=[]))
    _write(folder, "static/search-index.js", _search_index(store, links))
    _write(folder, "query.html", render("query.html", links.at("query.html"), title="查询 Query",
                                        endpoint=endpoint, catalogue=catalogue or [],
                                        starter=starter_query()))
    for iri in entities:
        _write_entity(store, folder, links, iri)
    return Site(folder, len(entities))


def _entities(store: ox.Store, base: str):
    """The IRIs under BASE that the graph says something of, and whose path is a safe
    relative file path (no empty, . or .. part)."""
    for row in pages.ask(store, "entities"):
        iri = row["entity"]
        if iri.startswith(base) and iri != base and "#" not in iri[len(base):]:
            parts = PurePosixPath(iri[len(base):]).parts
            if parts and not any(part in ("", ".", "..") for part in parts) \
                    and not iri.endswith("/"):
                yield iri


def _write_entity(store: ox.Store, folder: Path, links: Links, iri: str) -> None:
    """IRI's page, Turtle and JSON-LD."""
    page = pages.entity_page(store, iri)
    path = links.file(iri)
    _write(folder, path, render(f"{page.kind}.html", links.at(path), page=page))
    graph = pages.entity_graph(store, iri)
    stem = path[: -len(".html")]
    _write(folder, stem + ".ttl", serialize(graph, "ttl"))
    _write(folder, stem + ".jsonld", serialize(graph, "jsonld"))


def _search_index(store: ox.Store, links: Links) -> str:
    """The static search's index as a script: one entry per unit, leader and task, with its
    page's path from the site's root and every text the search looks in."""
    entries: dict[str, dict] = {}
    for row in pages.ask(store, "search_index"):
        href = links.at("index.html").entity(row["entity"])
        if href is None:
            continue
        entry = entries.setdefault(row["entity"], {"href": href, "kind": row["kind"],
                                                   "name": row["name"], "texts": []})
        entry["texts"].append(row["found"])
    text = json.dumps(list(entries.values()), ensure_ascii=False, separators=(",", ":"))
    return f"window.DUTYGRAPH_SEARCH = {text};\n"


def _copy_static(folder: Path) -> None:
    target = folder / "static"
    shutil.copytree(STATIC, target, dirs_exist_ok=True)


def _write(folder: Path, path: str, content: str | bytes) -> None:
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    target.write_bytes(content)
