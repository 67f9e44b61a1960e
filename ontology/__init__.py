"""The ontology, its SHACL shapes and its JSON-LD context, as files.

This folder ships inside the package as ``dutygraph.ontology`` (pyproject.toml maps it), so
that a build installed from a wheel finds its shapes and context as a build from this
checkout does.
"""

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
