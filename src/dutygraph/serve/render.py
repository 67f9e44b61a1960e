"""Pages as HTML: Jinja2 templates (templates/), every text escaped, links made from IRIs.

The same templates draw the served pages (links from the server's root: /ouhai/unit/…) and
the static site (links relative to the page, with .html, so that it opens from file://).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape

from dutygraph import ontology
from dutygraph.rdf.namespaces import PREFIXES

EXTRA_PREFIXES = {
    "qudt": "http://qudt.org/schema/qudt/",
    "qudt-unit": "http://qudt.org/vocab/unit/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
KIND_NAMES = {  # Chinese first, English beside
    "unit": ("单位", "unit"),
    "leader": ("牵头领导", "leader"),
    "task": ("重点工作", "task"),
    "target": ("目标", "target"),
    "document": ("责任分解文件", "document"),
    "other": ("资源", "resource"),
}
ROLE_NAMES = {"lead": ("牵头", "lead"), "co": ("配合", "co-responsible")}


@dataclass(frozen=True)
class Links:
    """Where a page links to: entities by IRI (those under BASE), the fixed pages, static files.

    Served (STATIC false): paths from ROOT, an entity at the path of its IRI after BASE. A
    static site: paths relative to the page HERE (a path such as "ouhai/unit/x.html"), each
    entity's file its IRI's path plus .html, so that links work from file://.
    """

    base: str
    root: str = "/"
    static: bool = False
    here: str = "index.html"
    known: frozenset[str] | None = None  # a static site: the IRIs that have a page


    def entity(self, iri: str | None) -> str | None:
        """The address of IRI's page, or None for an IRI outside the base."""
        if not iri or not isinstance(iri, str) or not iri.startswith(self.base) \
                or iri == self.base or "#" in iri[len(self.base):]:
            return None
        if self.known is not None and iri not in self.known:
            return None
        path = quote(iri[len(self.base):], safe="/-._~")
        return self._to(path + ".html" if self.static else path)

    def page(self, name: str, **params) -> str:
        """One of the fixed pages: "" (home), "search", "query", "sparql" (served only)."""
        if self.static:
            target = f"{name or 'index'}.html"
        else:
            target = name
        address = self._to(target)
        return f"{address}?{urlencode(params)}" if params else address

    def asset(self, name: str) -> str:
        """A file of static/."""
        return self._to(f"static/{name}")

    def machine(self, iri: str, fmt: str) -> str | None:
        """The address of the entity's page in a machine format (ttl, jsonld)."""
        if self.static:
            page = self.entity(iri)
            return page[: -len(".html")] + f".{fmt}" if page else None
        page = self.entity(iri)
        return f"{page}?format={fmt}" if page else None

    def _to(self, path: str) -> str:
        if self.static:
            return posixpath.relpath(path or ".", posixpath.dirname(self.here) or ".")
        return self.root.rstrip("/") + "/" + path

    def at(self, here: str) -> Links:
        """The same links, seen from the static page HERE."""
        return Links(self.base, self.root, self.static, here, self.known)

    def file(self, iri: str) -> str:
        """The path of IRI's page in a static site."""
        return iri[len(self.base):] + ".html"


@cache
def term_labels() -> dict[str, tuple[str, str]]:
    """The Chinese and English labels of the ontology's terms, by IRI."""
    store = ox.Store()
    store.bulk_load(path=str(ontology.DIRECTORY / "dutygraph.ttl"), format=ox.RdfFormat.TURTLE)
    labels: dict[str, dict[str, str]] = {}
    for row in store.query("""
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT ?term ?label WHERE { ?term rdfs:label ?label }"""):
        labels.setdefault(row["term"].value, {})[row["label"].language] = row["label"].value
    return {term: (names.get("zh", ""), names.get("en", "")) for term, names in labels.items()}


def all_prefixes() -> dict[str, str]:
    """The prefixes of every graph dutygraph writes, and those of QUDT and RDF."""
    return {**{prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
            **EXTRA_PREFIXES}


def curie(iri: str) -> str:
    """IRI as prefix:name where a known prefix fits, else the IRI."""
    for prefix, namespace in all_prefixes().items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def bars(units: list[dict], highlight: str | None = None, *, width: int = 640,
         height: int = 160) -> dict:
    """The geometry of a bar chart of units' load (lead tasks stacked under co tasks), one bar
    per unit in the given order, HIGHLIGHT's bar marked."""
    count = max(len(units), 1)
    top = max((u["lead_tasks"] + u["co_tasks"] for u in units), default=0) or 1
    step = width / count
    gap = 1 if step > 3 else 0
    scale = (height - 4) / top
    drawn = []
    for i, unit in enumerate(units):
        lead_h, co_h = unit["lead_tasks"] * scale, unit["co_tasks"] * scale
        drawn.append({
            **unit, "x": round(i * step, 2), "w": round(max(step - gap, 0.5), 2),
            "lead_y": round(height - lead_h, 2), "lead_h": round(lead_h, 2),
            "co_y": round(height - lead_h - co_h, 2), "co_h": round(co_h, 2),
            "mark": unit["unit"] == highlight,
        })
    return {"width": width, "height": height, "bars": drawn, "top": top}


@cache
def environment() -> Environment:
    """The Jinja2 environment of the templates, HTML autoescaped."""
    env = Environment(loader=PackageLoader("dutygraph.serve", "templates"),
                      autoescape=select_autoescape(["html", "svg"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(kind_names=KIND_NAMES, role_names=ROLE_NAMES, curie=curie,
                       term_labels=term_labels(), bars=bars)
    return env


def render(template: str, links: Links, **context) -> str:
    """TEMPLATE drawn with CONTEXT and LINKS."""
    return environment().get_template(template).render(links=links, **context)
