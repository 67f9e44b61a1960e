"""Human documentation of the ontology and its shapes, one HTML page per language, generated
from ontology/dutygraph.ttl and ontology/shapes*.ttl (ontology → ontology/docs/*.html).

    python -m dutygraph.publish.ontodocs           # regenerate ontology/docs/
    python -m dutygraph.publish.ontodocs --check   # exit 1 if the pages are stale (tested)

Written here rather than with pyLODE: pyLODE 3.4.1, the newest on PyPI, does not import when
installed from its wheel (it reads a pyproject.toml it does not ship), and it renders one
language per term where this project needs a whole page in Chinese and another in English.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from dutygraph import ontology
from dutygraph.rdf.namespaces import DCTERMS, DG, ONTOLOGY_IRI, OWL, RDF, RDFS, SKOS

ONTOLOGY_DIR = ontology.DIRECTORY
DOCS_DIR = ONTOLOGY_DIR / "docs"
ONTOLOGY = URIRef(ONTOLOGY_IRI)
LANGUAGES = ("zh", "en")
PAGE_NAMES = {lang: f"dutygraph.{lang}.html" for lang in LANGUAGES}
PREFIXES = {
    "dg": str(DG._NS), "prov": "http://www.w3.org/ns/prov#", "org": "http://www.w3.org/ns/org#",
    "skos": str(SKOS), "dcterms": str(DCTERMS), "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": str(OWL), "rdfs": str(RDFS), "rdf": str(RDF), "xsd": "http://www.w3.org/2001/XMLSchema#",
    "qudt": "http://qudt.org/schema/qudt/",
}

WORDS = {
    "en": {
        "other": "zh", "toc": "Contents", "classes": "Classes",
        "object": "Object properties", "datatype": "Datatype properties",
        "schemes": "Concept schemes", "shapes": "Shapes (SHACL)", "iri": "IRI",
        "definition": "Definition", "comment": "Note", "sub_class": "Subclass of",
        "sub_property": "Subproperty of", "domain": "Domain", "range": "Range",
        "functional": "Functional", "yes": "yes", "notation": "Notation", "concepts": "Concepts",
        "target": "Applies to", "severity": "Severity", "version": "Version", "licence": "Licence",
        "prefix": "Prefix", "label_other": "Chinese", "generated": "Generated from",
        "violation": "violation", "warning": "warning", "other_page": "中文版",
        "path": "Property", "rule": "Rule", "subjects_of": "whatever has {properties}",
    },
    "zh": {
        "other": "en", "toc": "目录", "classes": "类", "object": "对象属性",
        "datatype": "数据属性", "schemes": "概念词表", "shapes": "数据约束（SHACL）", "iri": "IRI",
        "definition": "定义", "comment": "说明", "sub_class": "上位类", "sub_property": "上位属性",
        "domain": "定义域", "range": "值域", "functional": "函数属性", "yes": "是",
        "notation": "代码", "concepts": "概念", "target": "适用于", "severity": "级别",
        "version": "版本", "licence": "许可", "prefix": "前缀", "label_other": "英文",
        "generated": "生成自", "violation": "违规", "warning": "警告",
        "other_page": "English", "path": "属性", "rule": "规则",
        "subjects_of": "具有 {properties} 的节点",
    },
}

STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; max-width: 60em;
       margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
section.term { border-left: 3px solid #36c; padding-left: 1em; margin: 1.5em 0; }
code { background: #f4f4f4; padding: 0 .2em; } table { border-collapse: collapse; }
th { text-align: left; vertical-align: top; padding-right: 1em; white-space: nowrap; }
td { vertical-align: top; } a { color: #36c; }
"""


def render_pages() -> dict[str, str]:
    """Every page, by file name: the ontology documented in each language."""
    ontology = Graph().parse(ONTOLOGY_DIR / "dutygraph.ttl", format="turtle")
    shapes = Graph()
    for name in ("shapes.ttl", "shapes-warnings.ttl"):
        shapes.parse(ONTOLOGY_DIR / name, format="turtle")
    return {PAGE_NAMES[lang]: Page(ontology, shapes, lang).render() for lang in LANGUAGES}


def write_pages(folder: Path = DOCS_DIR) -> list[Path]:
    """Regenerate the pages in FOLDER."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_pages().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_pages(folder: Path = DOCS_DIR) -> list[str]:
    """The pages that differ from what the ontology generates now (missing ones included)."""
    return [name for name, text in render_pages().items()
            if not (folder / name).exists() or (folder / name).read_text("utf-8") != text]


class Page:
    """One language's page."""

    def __init__(self, ontology: Graph, shapes: Graph, lang: str):
        self.g, self.shapes, self.lang, self.w = ontology, shapes, lang, WORDS[lang]

    def render(self) -> str:
        """The whole HTML page."""
        classes = self._terms(OWL.Class)
        objects = self._terms(OWL.ObjectProperty)
        datatypes = self._terms(OWL.DatatypeProperty)
        schemes = self._terms(SKOS.ConceptScheme)
        body = [self._header(),
                self._toc([("classes", classes), ("object", objects), ("datatype", datatypes),
                           ("schemes", schemes)]),
                self._section("classes", classes, self._class),
                self._section("object", objects, self._property),
                self._section("datatype", datatypes, self._property),
                self._section("schemes", schemes, self._scheme),
                self._shapes()]
        title = html.escape(self._text(ONTOLOGY, DCTERMS.title))
        return (f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n<meta charset="utf-8">\n'
                f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
                + "\n".join(body) + "\n</body>\n</html>\n")

    def _header(self) -> str:
        w, g = self.w, self.g
        other = PAGE_NAMES[w["other"]]
        rows = [(w["iri"], f"<code>{ONTOLOGY}</code>"),
                (w["prefix"], f"<code>dg:</code> <code>{html.escape(str(DG._NS))}</code>"),
                (w["version"], html.escape(str(g.value(ONTOLOGY, OWL.versionInfo) or ""))),
                (w["licence"], self._link(g.value(ONTOLOGY, DCTERMS.license))),
                (w["generated"], "<code>ontology/dutygraph.ttl</code>, "
                                 "<code>ontology/shapes.ttl</code>, "
                                 "<code>ontology/shapes-warnings.ttl</code>")]
        return (f'<p><a href="{other}">{w["other_page"]}</a></p>\n'
                f"<h1>{html.escape(self._text(ONTOLOGY, DCTERMS.title))}</h1>\n"
                f"<p>{html.escape(self._text(ONTOLOGY, DCTERMS.description))}</p>\n"
                + self._table(rows))

    def _toc(self, groups) -> str:
        items = []
        for key, terms in groups:
            links = ", ".join(f'<a href="#{self._anchor(t)}">{html.escape(self._label(t))}</a>'
                              for t in terms)
            items.append(f'<li><a href="#{key}">{self.w[key]}</a>: {links}</li>')
        items.append(f'<li><a href="#shapes">{self.w["shapes"]}</a></li>')
        return f'<h2>{self.w["toc"]}</h2>\n<ul>\n' + "\n".join(items) + "\n</ul>"

    def _section(self, key: str, terms: list[URIRef], render) -> str:
        return f'<h2 id="{key}">{self.w[key]}</h2>\n' + "\n".join(render(t) for t in terms)

    def _term(self, term: URIRef, rows: list[tuple[str, str]]) -> str:
        w = self.w
        head = [(w["iri"], f"<code>{html.escape(str(term))}</code>"),
                (w["label_other"], html.escape(self._label(term, w["other"])))]
        for key, predicate in (("definition", SKOS.definition), ("comment", RDFS.comment)):
            text = self._text(term, predicate)
            if text:
                head.append((w[key], html.escape(text)))
        return (f'<section class="term" id="{self._anchor(term)}">\n'
                f"<h3>{html.escape(self._label(term))} <code>{self._curie(term)}</code></h3>\n"
                + self._table(head + [row for row in rows if row[1]]) + "\n</section>")

    def _class(self, term: URIRef) -> str:
        return self._term(term, [(self.w["sub_class"], self._links(
            self.g.objects(term, RDFS.subClassOf)))])

    def _property(self, term: URIRef) -> str:
        g, w = self.g, self.w
        return self._term(term, [
            (w["sub_property"], self._links(g.objects(term, RDFS.subPropertyOf))),
            (w["domain"], self._links(g.objects(term, RDFS.domain))),
            (w["range"], self._links(g.objects(term, RDFS.range))),
            (w["functional"], w["yes"] if (term, RDF.type, OWL.FunctionalProperty) in g else ""),
        ])

    def _scheme(self, term: URIRef) -> str:
        concepts = sorted(self.g.objects(term, SKOS.hasTopConcept))
        rows = "\n".join(
            f'<tr id="{self._anchor(c)}"><th>{html.escape(self._label(c))} '
            f"<code>{self._curie(c)}</code></th><td><code>"
            f"{html.escape(str(self.g.value(c, SKOS.notation) or ''))}</code></td>"
            f"<td>{html.escape(self._text(c, SKOS.definition))}</td></tr>" for c in concepts)
        return self._term(term, [(self.w["concepts"], f"<table>\n{rows}\n</table>")])

    def _shapes(self) -> str:
        s, w = self.shapes, self.w
        parts = [f'<h2 id="shapes">{w["shapes"]}</h2>']
        for shape in sorted(s.subjects(RDF.type, SH.NodeShape)):
            if not isinstance(shape, URIRef):
                continue
            severity = "warning" if s.value(shape, SH.severity) == SH.Warning else "violation"
            rules = [self._shape_rule(s, p) for p in s.objects(shape, SH.property)]
            rules += [self._message(s, c) for c in s.objects(shape, SH.sparql)]
            rules += [self._message(s, shape)] if s.value(shape, SH.message) else []
            items = "".join(f"<li>{rule}</li>" for rule in sorted(r for r in rules if r))
            name = str(shape).rsplit("#", 1)[-1]
            parts.append(
                f'<section class="term" id="shape-{name}">\n<h3><code>dgsh:{name}</code></h3>\n'
                + self._table([(w["target"], self._targets(s, shape)),
                               (w["severity"], w[severity])])
                + f"\n<ul>{items}</ul>\n</section>")
        return "\n".join(parts)

    def _targets(self, s: Graph, shape) -> str:
        """What a shape applies to: its classes, the subjects of its properties, or SPARQL."""
        classes = [self._link(c) for c in sorted(s.objects(shape, SH.targetClass))]
        properties = [f"<code>{self._curie(p)}</code>"
                      for p in sorted(s.objects(shape, SH.targetSubjectsOf), key=self._curie)]
        if properties:
            classes.append(self.w["subjects_of"].format(properties=", ".join(properties)))
        return ", ".join(classes) or "SPARQL"

    def _shape_rule(self, s: Graph, prop) -> str:
        return f"<code>{self._path(s, s.value(prop, SH.path))}</code>: {self._message(s, prop)}"

    def _path(self, s: Graph, path) -> str:
        """dg:text; ^dg:hasTarget (inverse); dg:unitWord | qudt:unit (alternatives)."""
        if isinstance(path, URIRef):
            return self._curie(path)
        if (path, SH.inversePath, None) in s:
            return "^" + self._curie(s.value(path, SH.inversePath))
        alternatives = s.value(path, SH.alternativePath)
        return " | ".join(self._curie(p) for p in s.items(alternatives))

    def _message(self, s: Graph, node) -> str:
        return html.escape(self._in_language(s.objects(node, SH.message)))

    # ---- words --------------------------------------------------------------------------

    def _label(self, term, lang: str | None = None) -> str:
        return self._in_language(self.g.objects(term, RDFS.label), lang) or self._curie(term)

    def _text(self, term, predicate) -> str:
        return self._in_language(self.g.objects(term, predicate))

    def _in_language(self, values: Iterable, lang: str | None = None) -> str:
        lang = lang or self.lang
        texts = {v.language: str(v) for v in values if isinstance(v, Literal)}
        return texts.get(lang) or texts.get(None) or ""

    def _terms(self, kind: URIRef) -> list[URIRef]:
        return sorted((t for t in self.g.subjects(RDF.type, kind)
                       if isinstance(t, URIRef) and str(t).startswith(str(DG._NS))),
                      key=lambda t: str(t).lower())

    def _links(self, values: Iterable) -> str:
        return ", ".join(self._link(v) for v in sorted(values, key=str))

    def _link(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, BNode):
            return self._class_expression(value)
        if str(value).startswith(str(DG._NS)):
            return (f'<a href="#{self._anchor(value)}">{html.escape(self._label(value))}</a> '
                    f"<code>{self._curie(value)}</code>")
        if str(value).startswith("http") and self._curie(value) == str(value):
            return f'<a href="{html.escape(str(value))}">{html.escape(str(value))}</a>'
        return f"<code>{self._curie(value)}</code>"

    def _class_expression(self, node: BNode) -> str:
        """owl:unionOf lists and owl:Restriction cardinalities, in words a reader follows."""
        g = self.g
        union = g.value(node, OWL.unionOf)
        if union is not None:
            return " ∪ ".join(self._link(member) for member in Collection(g, union))
        on_property = g.value(node, OWL.onProperty)
        if on_property is not None:
            count = g.value(node, OWL.qualifiedCardinality) or g.value(node, OWL.cardinality)
            on_class = g.value(node, OWL.onClass)
            return (f"<code>{self._curie(on_property)}</code> = {count} "
                    + (self._link(on_class) if on_class is not None else ""))
        return ""

    def _curie(self, term) -> str:
        text = str(term)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return html.escape(text)

    @staticmethod
    def _anchor(term) -> str:
        return str(term).rsplit("#", 1)[-1]

    @staticmethod
    def _table(rows: list[tuple[str, str]]) -> str:
        return "<table>\n" + "\n".join(f"<tr><th>{key}</th><td>{value}</td></tr>"
                                       for key, value in rows) + "\n</table>"


def main(argv: list[str] | None = None) -> int:
    """Regenerate the pages, or with --check say which are stale (exit 1)."""
    argv = sys.argv[1:] if argv is None else argv
    if "--check" in argv:
        stale = stale_pages()
        for name in stale:
            print(f"stale: ontology/docs/{name} (run python -m dutygraph.publish.ontodocs)",
                  file=sys.stderr)
        return 1 if stale else 0
    for path in write_pages():
        print(f"Wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
