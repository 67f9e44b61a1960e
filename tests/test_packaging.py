"""The wheel holds what an installed dutygraph reads at run time: its modules, the page
template of the pictures, and ontology/ (shapes and JSON-LD context) as dutygraph.ontology."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dutygraph import ontology
from dutygraph.check import shacl as validate
from dutygraph.publish import export

from .conftest import SEED

ROOT = Path(__file__).resolve().parents[1]
tomllib = pytest.importorskip("tomllib", reason="Python 3.11 reads TOML")  # 3.10: no tomllib


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_every_package_of_src_is_listed():
    packages = {".".join(init.parent.relative_to(ROOT / "src").parts)
                for init in (ROOT / "src").rglob("__init__.py")}
    assert set(_setuptools()["packages"]) == packages | {"dutygraph.ontology"}


def test_the_files_read_at_run_time_are_package_data():
    globs = _setuptools()["package-data"]["dutygraph.ontology"]
    for path in (*validate.SHAPES_FILES, export.CONTEXT_FILE):
        assert path.parent == ontology.DIRECTORY
        assert any(path.match(glob) for glob in globs), path.name


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy: setuptools leaves a build/ folder in the tree it builds.
    out, tree = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("tree")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    for name in ("src", "ontology"):
        shutil.copytree(ROOT / name, tree / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", str(tree),
                    "-w", str(out)], check=True, capture_output=True)
    return next(out.glob("dutygraph-*.whl"))


def test_the_wheel_holds_the_ontology_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"dutygraph/ontology/shapes.ttl", "dutygraph/ontology/shapes-warnings.ttl",
            "dutygraph/ontology/context.jsonld", "dutygraph/assets/network.html"} <= names


def test_a_build_from_the_wheel_validates_and_writes_json_ld(wheel, tmp_path):
    """Unpacked away from this checkout and imported first, the wheel's dutygraph builds the
    seed: the shapes and the context are found inside the package."""
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    result = subprocess.run(
        [sys.executable, "-c", "import dutygraph, sys; print(dutygraph.__file__); "
         "from dutygraph.cli.main import main; main()",
         "build", str(SEED), "-o", str(tmp_path / "out")],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(unpacked)},
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(unpacked))
    assert "Validated against the SHACL shapes: 0 violations, 13 warnings." in result.stderr
    assert '"@context"' in (tmp_path / "out" / "graph.jsonld").read_text("utf-8")
