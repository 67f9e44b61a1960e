"""Write the hostile-input cases' files: `python tests/hostile/generate.py` (re)writes each
case's small inputs into its folder; the test calls the same makers for the big ones at run
time (named in the case's case.json as "generated"), so no large file is committed.

Each maker takes the folder to write into and returns nothing; its name is the case's.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
MAKERS = {}


def case(maker):
    """Register MAKER as the maker of the case of its name (underscores for hyphens)."""
    MAKERS[maker.__name__.replace("_", "-")] = maker
    return maker

RDF_HEAD = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/">\n')


@case
def billion_laughs_rdfxml(folder: Path) -> None:
    """Ten nested entities, each ten times the one before: 1 KB that expands to 3 GB."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
        for i in range(1, 10)]
    text = ('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n' + "\n".join(entities) + "\n]>\n"
            + RDF_HEAD + '<rdf:Description rdf:about="http://example.org/a">'
            "<ex:p>&lol9;</ex:p></rdf:Description>\n</rdf:RDF>\n")
    (folder / "bomb.rdf").write_text(text, encoding="utf-8")


@case
def rdfxml_without_entities(folder: Path) -> None:
    """Plain RDF/XML, no DOCTYPE: read as before, Chinese intact."""
    (folder / "graph.rdf").write_text(
        '<?xml version="1.0"?>\n' + RDF_HEAD + '<rdf:Description rdf:about="http://example.org/a">'
        "<ex:p>区发改局 &amp; 区财政局</ex:p></rdf:Description>\n</rdf:RDF>\n", encoding="utf-8")
    (folder / "values.rq").write_text("SELECT ?value WHERE { ?s ?p ?value }\n",
                                      encoding="utf-8")


@case
def graph_over_size_limit(folder: Path) -> None:
    """A plain Turtle graph of a few hundred bytes; the case lowers the limit below it."""
    (folder / "graph.ttl").write_text(
        "@prefix ex: <http://example.org/> .\n"
        + "".join(f'ex:s{i} ex:p "值{i}" .\n' for i in range(20)), encoding="utf-8")


def make(name: str, folder: Path) -> None:
    """Write case NAME's files into FOLDER."""
    MAKERS[name](folder)


def main(argv: list[str]) -> None:
    """Write the committed inputs of every case whose case.json does not mark them generated."""
    import json

    for folder in sorted(p for p in HERE.iterdir() if (p / "case.json").is_file()):
        spec = json.loads((folder / "case.json").read_text(encoding="utf-8"))
        if not spec.get("generated") and folder.name in MAKERS:
            make(folder.name, folder)


if __name__ == "__main__":
    main(sys.argv[1:])
