"""The SPARQL the code runs itself, kept as files beside the catalogue's (name → query text).

Each file in rdf/internal-queries/ starts with the comment block the catalogue's queries
use (title, question, parameters, columns) and declares no prefixes: this loader adds those
of every graph dutygraph writes (rdf.namespaces.PREFIXES), so no module types a project IRI
and the test of every dg: term covers these queries as it covers queries/*.rq.
"""

from __future__ import annotations

import functools
from importlib import resources

from dutygraph.rdf.namespaces import PREFIXES

FOLDER = "internal-queries"


@functools.cache
def internal_query(name: str) -> str:
    """The query in rdf/internal-queries/NAME.rq, with the PREFIX lines it uses."""
    text = resources.files(__package__).joinpath(FOLDER, f"{name}.rq").read_text("utf-8")
    return prefix_block() + text


@functools.cache
def prefix_block() -> str:
    """PREFIX lines for every prefix of PREFIXES, one a line."""
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())
