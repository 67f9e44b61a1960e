"""The query catalogue (queries/*.rq) as the query page offers it: each file's title, question
and parameters, read from its comment block."""

from __future__ import annotations

import re
from pathlib import Path

from dutygraph.ask.query import declared_parameters, read_query, required_parameters
from dutygraph.rdf.namespaces import PREFIXES

_FIELD = re.compile(r"^#\s*(title|question \(en\)|question \(zh\)):\s*(.*)$")


def default_catalogue() -> Path | None:
    """The queries/ folder beside the package in a checkout, or in the current folder."""
    for folder in (Path.cwd() / "queries", *(parent / "queries"
                                               for parent in Path(__file__).resolve().parents)):
        if (folder / "README.md").is_file() and any(folder.glob("*.rq")):
            return folder
    return None


def catalogue_entries(folder: str | Path) -> list[dict]:
    """Every .rq file of FOLDER: name, title, questions, parameters and text, by name."""
    entries = []
    for path in sorted(Path(folder).glob("*.rq")):
        text = read_query(path)
        fields = {}
        for line in text.splitlines():
            match = _FIELD.match(line)
            if match:
                fields.setdefault(match[1], match[2].strip())
            elif line.strip() and not line.startswith("#"):
                break
        entries.append({"name": path.name, "title": fields.get("title", path.stem),
                        "question_en": fields.get("question (en)", ""),
                        "question_zh": fields.get("question (zh)", ""),
                        "parameters": list(declared_parameters(text)),
                        "required": list(required_parameters(text)), "query": text})
    return entries


def starter_query() -> str:
    """The query a new tab of the query page opens with: every unit's Chinese name."""
    prefixes = "".join(f"PREFIX {prefix}: <{PREFIXES[prefix]}>\n" for prefix in ("dg", "skos"))
    return (prefixes + "\nSELECT ?unit ?name WHERE {\n  ?unit a dg:Unit ; skos:prefLabel ?name .\n"
            '  FILTER (lang(?name) = "zh")\n}\nLIMIT 20\n')
