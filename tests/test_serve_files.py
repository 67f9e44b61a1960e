"""The workbench's files: YASGUI vendored as its README says (pinned, with its licences), every
file of dutygraph.serve in the wheel's package data, and each page query with its comment
block, listed in its README, using only terms the ontology declares."""

from __future__ import annotations

import hashlib
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

from dutygraph.rdf.namespaces import DG
from dutygraph.serve import pages

from .conftest import REPO

SERVE = REPO / "src" / "dutygraph" / "serve"
YASGUI = SERVE / "static" / "yasgui"
# @triply/yasgui 4.2.28 from npm: static/yasgui/README.md says how these were made.
VENDORED_SHA256 = {
    "yasgui.min.js": "0aab6f5fe49274d546afae4bac81324c74e8d89c7e825b3a2bd147d7058200f8",
    "yasgui.min.css": "0371a8344c0bc4d81280921df537c186cd33dafff2406b3648c383c484cf04ae",
}
tomllib = pytest.importorskip("tomllib", reason="Python 3.11 reads TOML")


@pytest.mark.parametrize("name", VENDORED_SHA256)
def test_yasgui_is_the_pinned_version(name):
    digest = hashlib.sha256((YASGUI / name).read_bytes()).hexdigest()
    assert digest == VENDORED_SHA256[name]


def test_yasgui_ships_with_its_licences():
    assert "MIT License" in (YASGUI / "LICENSE.txt").read_text(encoding="utf-8")
    bundled = (YASGUI / "yasgui.min.js.LICENSE.txt").read_text(encoding="utf-8")
    for library in ("jQuery", "DataTables", "DOMPurify", "Papa Parse"):
        assert library in bundled
    assert "4.2.28" in (YASGUI / "README.md").read_text(encoding="utf-8")


def test_no_page_asks_a_cdn():
    for path in [*SERVE.glob("templates/*.html"), *SERVE.glob("static/*.js")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["']https?://""", text), path.name


def test_every_file_of_the_serve_package_is_package_data():
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    globs = setuptools["package-data"]["dutygraph.serve"]
    assert "dutygraph.serve" in setuptools["packages"]
    for path in SERVE.rglob("*"):
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts:
            name = path.relative_to(SERVE).as_posix()
            assert any(fnmatch(name, glob) for glob in globs), name


QUERY_FILES = sorted(pages.QUERIES.glob("*.rq"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_each_page_query_opens_with_its_comment_block_and_is_listed(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# title: ")
    assert "\n# question (en): " in text
    assert "\n# parameters:" in text
    assert f"`{path.name}`" in (pages.QUERIES / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_each_page_query_uses_declared_terms(path: Path):
    for term in set(re.findall(r"\bdg:([A-Za-z]+)", path.read_text(encoding="utf-8"))):
        DG[term]  # raises for a term the ontology does not declare
