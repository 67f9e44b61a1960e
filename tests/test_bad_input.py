"""Bad input: `Error: FILE:LINE: what is wrong` on stderr, exit 2, and nothing written.

Each folder under tests/bad-input holds one bad table (input.txt, or a file of another
format: input.pdf, input.html, input.xls, input.doc …) and the exact message (error.txt,
with {input} standing for the file's path).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dutygraph.cli.main import cli
from dutygraph.errors import EXIT_BAD_INPUT

from .test_cases import case_input

CASES = Path(__file__).parent / "bad-input"
ROLES = Path(__file__).parent / "cases" / "roles" / "input.txt"
# A second good document with its own id, so that two sources make a corpus that builds.
SECOND = Path(__file__).parent / "corpus" / "ouhai-2023-key-tasks.txt"


def test_the_corpus_these_tests_break_builds_cleanly(tmp_path):
    """The two documents the corpus tests below use exist and build (exit 0, nothing skipped):
    the tests' exit 2 then comes from what each breaks, not from a bad input of their own."""
    result = CliRunner().invoke(cli, ["build", str(ROLES), str(SECOND), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Built 2 of 2 documents" in result.stderr
    assert "skipped" not in result.stderr


@pytest.mark.parametrize("case", sorted(CASES.iterdir()), ids=lambda path: path.name)
def test_bad_table_is_refused_with_its_place_and_nothing_written(case, tmp_path):
    source = case_input(case)
    outdir = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "-o", str(outdir)])
    expected = (case / "error.txt").read_text(encoding="utf-8").format(input=source)
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr == expected
    assert result.stdout == ""
    assert not outdir.exists()


def test_failed_build_leaves_an_earlier_output_as_it_was(tmp_path):
    good = Path(__file__).parent / "cases" / "roles" / "input.txt"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(good), "-o", str(tmp_path)]).exit_code == 0
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    bad = CASES / "missing-column" / "input.txt"
    assert runner.invoke(cli, ["build", str(bad), "-o", str(tmp_path)]).exit_code == 2
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_missing_source_file_is_named(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path)])
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.startswith(f"Error: {tmp_path / 'nope.txt'}: cannot read the file")


@pytest.mark.parametrize("base", ["http://example.org/my id/", "example.org/id/"])
def test_a_base_that_is_no_iri_is_refused_before_anything_is_written(base, tmp_path):
    """Every IRI of the graph starts with the base: checked once, so no file holds a broken
    IRI (the corpus writer does not check each IRI again)."""
    for sources in ([ROLES], [ROLES, SECOND]):
        out = tmp_path / str(len(sources))
        result = CliRunner().invoke(cli, ["build", *map(str, sources), "-o", str(out),
                                          "--base", base])
        assert result.exit_code == EXIT_BAD_INPUT, result.output
        assert (f"Error: Invalid value for '--base': the base IRI {base!r} is not an IRI: "
                in result.stderr)
        assert "skipped" not in result.stderr
        assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("document_id", ["Ouhai-2024", "ouhai 2024", "ouhai-2024\n"])
def test_a_document_id_that_would_break_an_iri_is_refused(document_id, tmp_path):
    source = Path(__file__).parent / "cases" / "roles" / "input.txt"
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"id": document_id, "district": "瓯海区", "year": 2024}), "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(source), "--meta", str(meta), "-o", str(out)])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert result.stderr == (f"Error: {meta}: id {document_id!r} must be lowercase ASCII "
                             "kebab-case: IRIs are minted from it\n")
    assert not out.exists()


@pytest.mark.parametrize("command", [
    ["build", "{roles}", "-o", "{blocked}/out"],
    ["build", "{roles}", "{second}", "-o", "{blocked}/out"],
    ["query", "{query}", "--graph", "{graph}", "-o", "{blocked}/answer.csv"],
    ["export", "{graph}", "--format", "csv", "-o", "{blocked}/tables"],
    ["export", "{graph}", "--format", "nt", "-o", "{blocked}/graph.nt"],
    ["viz", "{graph}", "-o", "{blocked}/picture.html"],
], ids=["build", "build corpus", "query", "export csv", "export nt", "viz"])
def test_an_output_folder_that_cannot_be_made_is_named_not_a_traceback(command, tmp_path,
                                                                        seed_turtle):
    """-o under a plain file: the OS refuses the folder, and the user gets which path and why
    (exit 2), as for bad input, rather than Python's traceback."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    places = {"roles": ROLES, "second": SECOND,
              "graph": seed_turtle, "blocked": blocked,
              "query": Path(__file__).parents[1] / "queries" / "tasks.rq"}
    result = CliRunner().invoke(cli, [part.format(**places) for part in command])
    assert isinstance(result.exception, SystemExit), result.exception  # not an OSError
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert f"Error: {blocked}" in result.stderr
    assert "skipped" not in result.stderr and "cannot read" not in result.stderr


def test_a_target_that_is_a_folder_is_named_and_no_temporary_file_is_left(tmp_path, seed_turtle):
    """The file is written under a temporary name and renamed into place: when the rename
    fails (a folder holds the name), the error names the user's path, not the temporary
    one, and the temporary file is gone."""
    (tmp_path / "graph.nt").mkdir()
    result = CliRunner().invoke(cli, ["export", str(seed_turtle), "--format", "nt", "-o",
                                      str(tmp_path / "graph.nt")])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert result.stderr == f"Error: {tmp_path / 'graph.nt'}: Is a directory\n"
    assert [path.name for path in tmp_path.iterdir()] == ["graph.nt"]


def test_a_reader_that_stops_reading_is_no_error(seed_turtle):
    """`dutygraph export … | true`: the pipe closes early; that is not the user's mistake, so
    no 'Error:' (click ends quietly)."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "dutygraph", "export", str(seed_turtle), "--format", "nt"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.close()  # as `| true` does: gone before the first line comes
        stderr = process.stderr.read().decode("utf-8")
    assert "Error" not in stderr and "Traceback" not in stderr, stderr


def test_a_corpus_file_that_cannot_be_put_in_place_leaves_no_partial_file(tmp_path):
    """The corpus files are written under a temporary name and renamed into place: a folder
    in the way of corpus.nq is named, and no .partial file stays."""
    out = tmp_path / "out"
    (out / "corpus.nq").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["build", str(ROLES), str(SECOND), "-o", str(out)])
    assert result.exit_code == EXIT_BAD_INPUT, result.output
    assert "skipped" not in result.stderr
    assert f"Error: {out / 'corpus.nq'}: Is a directory" in result.stderr
    assert not [path.name for path in out.iterdir() if "partial" in path.name]
