"""Virtuoso's bulk loader gets a corpus in whole: the same answers and the same quads per graph
as the local store, Chinese byte for byte, and the password never on a command line."""

from __future__ import annotations

import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dutygraph.ask.bulkload import (
    BulkLoadError,
    bulk_load,
    check_files,
    corpus_files,
    load_script,
    read_graphs,
    run_isql,
)
from dutygraph.ask.endpoint import remote_query
from dutygraph.ask.query import declared_parameters, read_query, required_parameters, run_query
from dutygraph.ask.store import open_dataset
from dutygraph.cli.main import cli
from dutygraph.corpus import build_corpus, write_corpus
from dutygraph.errors import InputError

from .conftest import QUERIES, REPO, SEED, require_tool
from .virtuoso import Virtuoso

SOURCES = [REPO / "tests" / "corpus" / "ouhai-2023-key-tasks.txt", SEED,
           REPO / "tests" / "corpus" / "ouhai-2025-key-tasks.txt"]
PER_GRAPH = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER "
             "(STRSTARTS(STR(?g), \"https://w3id.org/dutygraph/\")) } GROUP BY ?g ORDER BY ?g")


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """The three documents written as corpus.nq and corpus.trig."""
    folder = tmp_path_factory.mktemp("bulk-corpus")
    write_corpus(build_corpus(SOURCES, jobs=1), folder, formats=("nq", "trig"))
    return folder


@pytest.fixture(scope="module")
def local(corpus_dir):
    """The corpus in the local Oxigraph store, as `dutygraph query` reads it."""
    return open_dataset(corpus_dir / "corpus.nq")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, corpus_dir):
    """A throwaway Virtuoso that may read CORPUS_DIR, with the corpus bulk-loaded by the CLI."""
    require_tool("virtuoso-t")
    require_tool("isql-vt")
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso-bulk"), dirs_allowed=(corpus_dir,))
    server.start()
    try:
        env = {"DUTYGRAPH_ENDPOINT_USER": server.user,
               "DUTYGRAPH_ENDPOINT_PASSWORD": server.password}
        result = CliRunner(env=env).invoke(cli, [
            "load", str(corpus_dir / "corpus.nq"), "--server", server.sql_address])
        assert result.exit_code == 0, result.output
        assert "Loaded 1 file(s)" in result.stderr and "Warning" not in result.stderr
        assert server.password not in result.output
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("name", ["unit_pairs.rq", "tasks.rq"])
def test_catalogue_answer_equals_local_answer_byte_for_byte(virtuoso, local, name):
    text = read_query(QUERIES / name)
    mine = run_query(local, text, name)
    theirs = remote_query(virtuoso.endpoint, text, name)
    assert theirs.columns == mine.columns
    assert len(mine.rows) > 100
    # Sorted: tasks.rq orders within a document, and rows of two documents tie.
    assert sorted([str(v).encode() for v in row] for row in theirs.rows) == \
        sorted([str(v).encode() for v in row] for row in mine.rows)


SCOPES = ({}, {"document": "ouhai-2023"}, {"district": "瓯海区", "year": "2024"},
          {"government": "ouhai", "year": "2025"})
ASKED = {"text": "孵化面积", "unit": "区发改局"}


@pytest.mark.parametrize("name", sorted(q.name for q in QUERIES.glob("*.rq")))
def test_every_query_scoped_or_not_answers_as_locally(virtuoso, local, name):
    """The same rows in the same order, whole and scoped: on the server the scope is the
    query's own VALUES; locally the dataset is narrowed to the scope's graphs too."""
    text = read_query(QUERIES / name)
    required = {k: ASKED[k] for k in required_parameters(text)}
    for scope in SCOPES if "document" in declared_parameters(text) else ({},):
        params = {**required, **scope}
        mine = run_query(local, text, name, params)
        theirs = remote_query(virtuoso.endpoint, text, name, params)
        assert (theirs.columns, theirs.rows) == (mine.columns, mine.rows), (name, scope)


def test_every_graph_has_the_local_quad_count(virtuoso, local):
    theirs = remote_query(virtuoso.endpoint, PER_GRAPH).rows
    mine = run_query(local, PER_GRAPH).rows
    assert len(mine) == 5  # three documents, their government's graph and its recurrences
    assert theirs == mine


def test_loading_trig_again_replaces_the_graphs(virtuoso, corpus_dir, local):
    result = bulk_load(corpus_dir, virtuoso.user, virtuoso.password, virtuoso.sql_address)
    assert [p.name for p in result.files] == ["corpus.nq"]  # not the same quads twice
    result = bulk_load(corpus_dir / "corpus.trig", virtuoso.user, virtuoso.password,
                       virtuoso.sql_address)
    assert result.store_quads == result.file_quads
    assert result.quads == len(local) and result.seconds > 0
    assert remote_query(virtuoso.endpoint, PER_GRAPH).rows == run_query(local, PER_GRAPH).rows


@pytest.fixture(scope="module")
def last_year_dir(corpus_dir):
    """The 2025 document alone, as a district would publish its new year (inside CORPUS_DIR,
    where the server may read)."""
    folder = corpus_dir / "2025"
    write_corpus(build_corpus(SOURCES[2:], jobs=1), folder, formats=("nq",))
    return folder


def test_replacing_clears_documents_but_only_the_described_part_of_a_shared_graph(
        corpus_dir, last_year_dir):
    counts, shared = read_graphs(corpus_files(corpus_dir), "urn:default")
    # Three documents; shared: their government's graph and its recurring tasks' graph.
    assert len(counts) == 5 and len(shared) == 2
    government = next(graph for graph in shared if graph.endswith("/graph"))
    everything = shared[government]
    _, last_year = read_graphs(corpus_files(last_year_dir), "urn:default")
    this_year = last_year[government]
    # The 2025 file describes some of the government's units and leaders, not all of them.
    assert this_year and this_year < everything
    script = load_script([Path("/x/corpus.nq")], list(counts), "urn:default", True, shared)
    documents = [graph for graph in counts if graph not in shared]
    assert all(f"SPARQL CLEAR GRAPH <{graph}>;" in script for graph in documents)
    assert not any(f"CLEAR GRAPH <{graph}>" in script for graph in shared)
    lines = script.splitlines()
    deletes = [line for line in lines if line.startswith("SPARQL DELETE")]
    chunks = sum(-(-len(subjects) // 200) for subjects in shared.values())
    # A shared graph's subjects, 200 at a time, each chunk kept aside where another document
    # names them, the rest forgotten; the recurring pairs into the documents; after the load,
    # what the files said against a kept description, once a shared graph.
    assert len(deletes) == chunks + 1 + len(shared)
    keeps = [i for i, line in enumerate(lines) if line.startswith("SPARQL INSERT")]
    assert len(keeps) == chunks
    assert max(lines.index(f"SPARQL CLEAR GRAPH <{graph}>;") for graph in documents) < keeps[0]
    assert keeps[-1] < lines.index("rdf_loader_run();") < lines.index(deletes[-1])
    assert all(f"<{subject}>" in script for subjects in shared.values() for subject in subjects)
    recurrences = next(line for line in deletes if "earlierTask" in line)
    assert all(f'"{document}/"' in recurrences for document in documents)


def test_loading_one_year_keeps_the_other_years_units_and_leaders(virtuoso, last_year_dir,
                                                                  local, corpus_dir):
    """A government graph holds what all its documents share: loading the 2025 document
    alone replaces what 2025 says of its units and leaders, and keeps the rest. Its recurring
    pairs go (2025 built alone found none; the old ones may name renumbered tasks), those of
    2023 → 2024 stay; loading the years built together brings them all back."""
    result = bulk_load(last_year_dir, virtuoso.user, virtuoso.password, virtuoso.sql_address)
    (government,) = result.shared_subjects
    assert result.store_quads[government] > result.file_quads[government]
    recurrences = government.replace("/graph", "/recurrences")
    expected = tuple((graph, count - 3 * 4 if graph == recurrences else count)  # 3 pairs
                     for graph, count in run_query(local, PER_GRAPH).rows)     # into 2025
    assert remote_query(virtuoso.endpoint, PER_GRAPH).rows == expected
    recurring = read_query(QUERIES / "recurring_tasks.rq")
    remaining = remote_query(virtuoso.endpoint, recurring).rows
    assert remaining and {row[1] for row in remaining} == {"2023"}
    bulk_load(corpus_dir / "corpus.nq", virtuoso.user, virtuoso.password, virtuoso.sql_address)
    assert remote_query(virtuoso.endpoint, PER_GRAPH).rows == run_query(local, PER_GRAPH).rows
    assert len(remote_query(virtuoso.endpoint, recurring).rows) == 6


def test_a_file_the_server_may_not_read_leaves_its_graphs_as_they_were(virtuoso, corpus_dir,
                                                                      local):
    """The server reads every file before it clears a graph: a folder outside DirsAllowed
    (/var/tmp here) stops the load with the graphs untouched."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="dutygraph-refused-", dir="/var/tmp"))
    try:
        shutil.copy(corpus_dir / "corpus.nq", folder / "corpus.nq")
        with pytest.raises(BulkLoadError, match=r"DirsAllowed.*nothing was loaded or cleared"):
            bulk_load(folder, virtuoso.user, virtuoso.password, virtuoso.sql_address)
    finally:
        shutil.rmtree(folder)
    assert remote_query(virtuoso.endpoint, PER_GRAPH).rows == run_query(local, PER_GRAPH).rows


def test_a_wrong_password_is_refused_without_showing_it(virtuoso, corpus_dir):
    # Last of the tests on the server: a refusal counts towards Virtuoso's lock-out.
    env = {"DUTYGRAPH_ENDPOINT_USER": "dba", "DUTYGRAPH_ENDPOINT_PASSWORD": "wrong-secret"}
    result = CliRunner(env=env).invoke(cli, [
        "load", str(corpus_dir), "--server", virtuoso.sql_address])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {virtuoso.sql_address}: the server refused the login of "
                             "'dba' (wrong user or password)\n")


def test_the_password_reaches_isql_at_its_prompt_only(tmp_path, monkeypatch):
    # A stand-in for isql: asks for the password on its terminal as isql does, and tells what
    # it got, how it was called and whether its environment holds the password.
    monkeypatch.setenv("DUTYGRAPH_ENDPOINT_PASSWORD", "s3cret 中")
    fake = tmp_path / "fake-isql"
    fake.write_text(f"#!{sys.executable}\nimport getpass, os, sys\n"
                    "print('*** Error 28000: Bad login')\n"
                    "typed = getpass.getpass('Enter password for dba :')\n"
                    "print('argv', sys.argv[1:])\n"
                    "print('env', 's3cret' in repr(os.environ))\n"
                    "print('typed', typed)\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    output = run_isql("SELECT 1;", "127.0.0.1:1111", "dba", "s3cret 中", str(fake))
    argv_line, env_line, typed_line = output.strip().splitlines()[-3:]
    assert typed_line == "typed s3cret 中"
    assert env_line == "env False"
    assert "s3cret" not in argv_line and "-U', 'dba'" in argv_line


def test_an_isql_that_never_asks_for_the_password_is_stopped(tmp_path):
    # A server that takes the connection and never answers: isql waits, and so would we.
    fake = tmp_path / "silent-isql"
    fake.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    started = time.monotonic()
    with pytest.raises(BulkLoadError, match=r"did not ask for the password within 0\.5 s"):
        run_isql("SELECT 1;", "127.0.0.1:1111", "dba", "pw", str(fake), login_timeout=0.5)
    assert time.monotonic() - started < 10  # stopped, not waited for


def test_a_refused_folder_says_to_allow_it_in_dirs_allowed(tmp_path):
    path = tmp_path / "corpus.nq"
    output = (f"DG-FILE|0|2|42000 FA003: Access to '{path}' is denied due to access control "
              "in ini file\n")
    with pytest.raises(BulkLoadError, match=f"add {tmp_path} to DirsAllowed"):
        check_files([path], output)


def test_a_file_the_server_cannot_see_is_reported(tmp_path):
    with pytest.raises(BulkLoadError, match=r"load_list state 0.*same on the server's machine"):
        check_files([tmp_path / "corpus.nq"], "DG-FILE|0|0|\n")


def test_a_file_that_does_not_parse_is_refused_before_the_server_is_asked(tmp_path):
    bad = tmp_path / "corpus.nq"
    bad.write_text('<http://a> <http://b> "unterminated <http://g> .\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"corpus.nq:1: not valid RDF"):
        bulk_load(bad, "dba", "x", "127.0.0.1:1")


def test_only_quads_files_are_taken(tmp_path):
    (tmp_path / "graph.ttl").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"N-Quads .* or TriG"):
        corpus_files(tmp_path / "graph.ttl")
    with pytest.raises(InputError, match=r"no \.nq or \.trig file"):
        corpus_files(tmp_path)


def test_the_loader_benchmark_runs_on_two_documents(tmp_path):
    require_tool("virtuoso-t")
    process = subprocess.run(
        [sys.executable, "-m", "benchmarks.virtuoso_load", "--sizes", "2", "--push-size", "2",
         "--workdir", str(tmp_path)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr
    row = next(line for line in process.stdout.splitlines() if line.startswith("| 2 |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[-1] == "yes"  # Virtuoso's answer is Oxigraph's
    assert float(cells[2]) > 0 and float(cells[5]) > 0  # bulk load and push both timed
    assert "load average" in process.stdout


def _view_of(server, document: str) -> tuple:
    """What the server says of DOCUMENT: its graph, and the shared graphs' statements about
    the nodes it names."""
    graph = f"https://w3id.org/dutygraph/id/doc/{document}"
    own = remote_query(server.endpoint, f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> "
                                        "{ ?s ?p ?o } } ORDER BY ?s ?p ?o").rows
    shared = remote_query(server.endpoint, f"""
        SELECT DISTINCT ?g ?s ?p ?o WHERE {{
          GRAPH <{graph}> {{ {{ ?s ?x ?y }} UNION {{ ?y ?x ?s }} }}
          GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{graph}>)
        }} ORDER BY ?g ?s ?p ?o""").rows
    return own, shared


def test_replacing_one_document_leaves_the_others_answers_unchanged(virtuoso, corpus_dir):
    """2024 and 2025, each built and loaded alone; then 2024 again, built with a unit table of
    its own that names 区发改局 otherwise in English: what the server says of 2025 and every
    catalogue answer stay as they were (the first description of a shared unit stays)."""
    from .test_corpus import copy_table
    from .test_store import _own_units_table

    def load(*sources, name):
        folder = corpus_dir / name
        write_corpus(build_corpus(list(sources), jobs=1), folder, formats=("nq",))
        return bulk_load(folder, virtuoso.user, virtuoso.password, virtuoso.sql_address)

    def answers():
        values = {"text": "增长", "unit": "区人社局"}
        return {query.name: remote_query(virtuoso.endpoint, read_query(query), query.name, {
            name: values[name] for name in required_parameters(read_query(query))}).rows
            for query in sorted(QUERIES.glob("*.rq"))}

    load(SOURCES[1], name="alone-2024")
    load(SOURCES[2], name="alone-2025")
    view, before = _view_of(virtuoso, "ouhai-2025"), answers()
    assert any("Ouhai District Development and Reform Bureau" in str(row) for row in view[1])
    scratch = corpus_dir / "own-table"
    scratch.mkdir()
    own = copy_table(SEED, scratch, units=str(_own_units_table(scratch)))
    load(own, name="alone-2024-own-table")
    try:
        assert _view_of(virtuoso, "ouhai-2025") == view
        assert answers() == before
        everything = remote_query(virtuoso.endpoint, "SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                                  'FILTER (CONTAINS(STR(?o), "Reform Commission")) }').rows
        assert everything == ()
    finally:  # the corpus as the other tests find it
        bulk_load(corpus_dir / "corpus.nq", virtuoso.user, virtuoso.password,
                  virtuoso.sql_address)


@pytest.fixture(scope="module")
def default_virtuoso(tmp_path_factory, corpus_dir):
    """A Virtuoso still on its default password (dba), as many a server is."""
    require_tool("virtuoso-t")
    require_tool("isql-vt")
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso-default"), dirs_allowed=(corpus_dir,),
                      default_password=True)
    server.start()
    yield server
    server.stop()


def test_a_server_on_its_default_password_is_loaded_and_told_to_change_it(default_virtuoso,
                                                                          corpus_dir, local):
    """isql logs in with Virtuoso's default password without asking for one: that is a
    login too (it failed with "isql did not ask for a password: 1"), and the user is told."""
    env = {"DUTYGRAPH_ENDPOINT_USER": "dba", "DUTYGRAPH_ENDPOINT_PASSWORD": "dba"}
    result = CliRunner(env=env).invoke(cli, [
        "load", str(corpus_dir / "corpus.nq"), "--server", default_virtuoso.sql_address])
    assert result.exit_code == 0, result.output
    assert "Loaded 1 file(s)" in result.stderr
    assert (f"Warning: {default_virtuoso.sql_address} still has Virtuoso's default password "
            "for 'dba'") in result.stderr
    assert remote_query(default_virtuoso.endpoint, PER_GRAPH).rows == \
        run_query(local, PER_GRAPH).rows


def test_another_password_than_the_default_one_is_said_to_be_wrong(default_virtuoso,
                                                                   corpus_dir):
    env = {"DUTYGRAPH_ENDPOINT_USER": "dba", "DUTYGRAPH_ENDPOINT_PASSWORD": "not-the-one"}
    result = CliRunner(env=env).invoke(cli, [
        "load", str(corpus_dir / "corpus.nq"), "--server", default_virtuoso.sql_address])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {default_virtuoso.sql_address}: the password given for 'dba' is wrong: the "
        "server still has Virtuoso's default password, which isql tried first and which let "
        "it in. Give that one, and change it on the server (USER_SET_PASSWORD); nothing was "
        "loaded or cleared\n")
