"""The workbench's files: YASGUI vendored as its README says (pinned, with its licences), every
file of dutygraph.serve in the wheel's package data, and each page query with its comment
block."""

from __future__ import annotations

import hashlib
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

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


QUERY_FILES = sorted((REPO / "src" / "dutygraph" / "rdf" / "internal-queries").glob("serve-*.rq"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_each_page_query_has_the_catalogue_comment_block(path: Path):
    """Title, question, parameters (read by the binder: ask.query.declared_parameters) and
    columns; test_vocabulary checks its terms and that it parses."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# title: ")
    for field in ("# question (en): ", "# parameters:", "# columns:"):
        assert f"\n{field}" in text, field
