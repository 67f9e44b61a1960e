"""The README's command examples run, and every command has help text."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from dutygraph.cli.main import cli

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"^\$ dutygraph (.+)$", README, flags=re.MULTILINE)


def test_readme_has_examples():
    assert len(EXAMPLES) >= 4


def test_readme_examples_run_in_order(tmp_path, monkeypatch):
    for folder in ("data", "queries", "tests"):
        (tmp_path / folder).symlink_to(REPO / folder)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for example in EXAMPLES:
        result = runner.invoke(cli, shlex.split(example))
        assert result.exit_code == 0, f"dutygraph {example}\n{result.output}"
    assert (tmp_path / "output" / "assignments.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert len(cli.commands[command].help or "") > 20
