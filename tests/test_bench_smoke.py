"""The benchmark's smoke test: the generator writes tables the build reads cleanly, and
benchmarks/bench.py runs end to end on two documents (the real benchmark is not a test)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dutygraph.build import build

from .conftest import REPO

BENCHMARKS = REPO / "benchmarks"

# rdflib 7.6 warns of its own Dataset internals on every parse.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _generate(outdir, documents=2):
    subprocess.run([sys.executable, str(BENCHMARKS / "generate.py"), str(outdir),
                    "--documents", str(documents), "--seed", "3"], check=True,
                   capture_output=True)
    return sorted(outdir.rglob("*.txt"))


def test_generated_tables_build_cleanly_and_deterministically(tmp_path):
    first = _generate(tmp_path / "a")
    again = _generate(tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.name for p in first] == ["syn-0001-2021-key-tasks.txt", "syn-0001-2022-key-tasks.txt"]
    result = build(first[1])
    assert result.validation.conforms
    assert not result.report.unlisted_units
    assert result.report.tasks > 80
    assert result.meta.government_id == "syn-0001" and result.meta.year == 2022


def test_bench_runs_on_two_documents(tmp_path):
    out = tmp_path / "results.json"
    process = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench.py"), "--sizes", "2", "--cli-runs", "0",
         "--queries", "unit_*.rq", "--query-timeout", "20", "--workdir", str(tmp_path),
         "--check", "--json", str(out)], capture_output=True, text=True, timeout=120)
    assert process.returncode == 0, process.stderr
    assert "quads/s" in process.stdout and "unit_pairs.rq" in process.stdout
    results = json.loads(out.read_text())
    rdflib, oxigraph = results["configurations"]
    assert (rdflib["store"], oxigraph["store"]) == ("rdflib", "oxigraph")
    assert rdflib["quads"] == oxigraph["quads"] > 10000
    assert rdflib["skipped"] == oxigraph["skipped"] == []
    # --check: the corpus check timed where the store can give it its documents.
    assert rdflib["check_s"] is None and oxigraph["check_s"] > 0
    assert oxigraph["check_findings"] > 0  # synthetic tables have multi-lead tasks: warnings
    assert "check s" in process.stdout
    for name, answer in oxigraph["queries"].items():
        assert answer["rows"] == rdflib["queries"][name]["rows"], name


def test_compare_queries_says_same_or_not(tmp_path):
    """benchmarks/compare_queries.py on the seed: a reworded query that gives the same rows
    says yes; one that drops a row says NO, and the script exits 1."""
    from dutygraph.build import write_build

    from .conftest import QUERIES, SEED

    graph_dir = tmp_path / "graph"
    write_build(build(SEED), graph_dir)
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    text = (QUERIES / "unit_load.rq").read_text("utf-8")
    (old / "unit_load.rq").write_text(text, "utf-8")
    (new / "unit_load.rq").write_text(text + "\n# reworded only\n", "utf-8")

    def run():
        return subprocess.run(
            [sys.executable, str(BENCHMARKS / "compare_queries.py"), str(old), str(new),
             "--data", str(graph_dir / "graph.ttl"), "--runs", "1"],
            capture_output=True, text=True, timeout=120)

    same = run()
    assert same.returncode == 0, same.stderr
    assert [line.split()[:3] for line in same.stdout.splitlines()[1:]] == \
        [["unit_load.rq", "90", "yes"]]
    assert "LIMIT" not in text
    (new / "unit_load.rq").write_text(text.rstrip() + "\nLIMIT 89\n", "utf-8")
    differs = run()
    assert differs.returncode == 1
    assert differs.stdout.splitlines()[1].split()[:3] == ["unit_load.rq", "89", "NO"]


@pytest.fixture(scope="module")
def corpus_nq(tmp_path_factory):
    """The seed and the two small test years as one corpus, its N-Quads file."""
    from dutygraph.corpus import build_corpus, write_corpus

    from .conftest import SEED

    folder = tmp_path_factory.mktemp("corpus")
    files = write_corpus(build_corpus([SEED, REPO / "tests" / "corpus"], jobs=1), folder)
    return next(f for f in files if f.suffix == ".nq")


def _script(*args):
    return subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_recurring_links_are_the_pairs_sparql_computed(corpus_nq):
    done = _script(BENCHMARKS / "recurring_links.py", corpus_nq)
    assert done.returncode == 0, done.stderr
    for line in ("linked at build time: 6 pairs", "recurring_tasks.rq: 6 rows",
                 "recurring_tasks_in_sparql.rq: 6 rows"):
        assert line in done.stdout
    assert done.stdout.splitlines()[-1] == "same pairs"


def test_store_reads_times_both_stores_and_the_scans(corpus_nq, tmp_path):
    done = _script(BENCHMARKS / "store_reads.py", "compaction", corpus_nq, tmp_path, "--runs",
                   "1", "--names", "tasks.rq", "search_tasks.rq")
    assert done.returncode == 0, done.stderr
    assert [line.split()[0] for line in done.stdout.splitlines()[-2:]] == [
        "tasks.rq", "search_tasks.rq"]
    done = _script(BENCHMARKS / "store_reads.py", "scans", tmp_path / "compacted", corpus_nq)
    assert done.returncode == 0, done.stderr
    # The same links counted on disk and in memory: 140 tasks led, 155 lead links.
    assert done.stdout.count("(140 rows)") == 2 and done.stdout.count("(155 quads)") == 2


def test_bench_in_process_gives_the_forked_answers(tmp_path):
    """--in-process: the queries run in the building process, to their end, same rows."""
    rows = []
    for extra in ([], ["--in-process"]):
        out = tmp_path / f"results{len(extra)}.json"
        done = _script(BENCHMARKS / "bench.py", "--sizes", "2", "--stores", "oxigraph",
                       "--cli-runs", "0", "--queries", "unit_load*.rq", "--workdir", tmp_path,
                       "--json", out, *extra)
        assert done.returncode == 0, done.stderr
        queries = json.loads(out.read_text())["configurations"][0]["queries"]
        rows.append({name: q["rows"] for name, q in queries.items()})
    assert rows[0] == rows[1] and all(rows[0].values())
    assert set(rows[0]) == {"unit_load.rq", "unit_load_by_year.rq", "unit_load_by_district.rq"}


def test_answer_reading_gives_the_same_rows_both_ways(corpus_nq):
    done = _script(BENCHMARKS / "answer_reading.py", corpus_nq, "--runs", "1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()[1:]
    assert len(lines) == len(list((REPO / "queries").glob("*.rq")))
    cells = {line.split()[0]: line.split()[1:3] for line in lines}
    assert all(same == "yes" for _, same in cells.values())
    assert cells["recurring_tasks.rq"] == ["6", "yes"]


def test_answer_reading_measures_the_peak_memory_of_each_way(corpus_nq):
    done = _script(BENCHMARKS / "answer_reading.py", corpus_nq, "--peak", "--names", "tasks.rq")
    assert done.returncode == 0, done.stderr
    name, objects_mb, tsv_mb = done.stdout.splitlines()[1].split()
    # Reading 140 rows takes memory either way: a peak of 0 would mean nothing was measured.
    assert name == "tasks.rq" and float(objects_mb) > 0 and float(tsv_mb) > 0


def test_query_floor_times_each_query_three_ways_with_the_same_rows(corpus_nq):
    done = _script(BENCHMARKS / "query_floor.py", corpus_nq, "--runs", "1")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()[2:-1]  # below the header and its rule; above the legend
    assert len(lines) == len(list((REPO / "queries").glob("*.rq")))
    cells = {line.split()[0]: line.split()[1:] for line in lines}
    assert cells["recurring_tasks.rq"][0] == "6" and cells["task_breadth.rq"][0] == "140"
    assert all(len(times) == 4 and "(!)" not in times for times in cells.values())


def test_the_final_order_by_alone_is_taken_off(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from query_floor import unordered

    assert unordered("SELECT ?a WHERE { { SELECT ?x WHERE { } ORDER BY ?x LIMIT 2 } } "
                     "ORDER BY DESC(?a) STR(?b) LIMIT 5") == \
        "SELECT ?a WHERE { { SELECT ?x WHERE { } ORDER BY ?x LIMIT 2 } } LIMIT 5"
    assert unordered("SELECT ?a WHERE { { SELECT ?x WHERE { } ORDER BY ?x } }") == \
        "SELECT ?a WHERE { { SELECT ?x WHERE { } ORDER BY ?x } }"
    assert unordered("SELECT ?a WHERE { ?a ?b ?c }\norder by ?a\n") == \
        "SELECT ?a WHERE { ?a ?b ?c }\n"


def test_the_size_benchmark_runs_on_a_small_table(tmp_path):
    done = subprocess.run([sys.executable, str(BENCHMARKS / "read_size.py"), "--sizes", "0.02",
                           "--keep", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 0.02 MB")]
    assert [row.split(" | ")[2] for row in rows] == ["read", "build"]


def test_scoped_queries_prints_the_targets(corpus_nq, tmp_path):
    """benchmarks/scoped_queries.py on the three documents: each query whole, scoped and on
    the document alone, then the issue's targets with met or not met."""
    from dutygraph.ask.store import dataset

    store = dataset("oxigraph", tmp_path / "store")
    store.add(corpus_nq.read_bytes())
    store.compact()
    store.mark_complete([str(corpus_nq)])  # a store whose build did not finish is refused
    store.close()
    done = _script(BENCHMARKS / "scoped_queries.py", corpus_nq, "--store", tmp_path / "store",
                   "--runs", "1", "--document", "ouhai-2023", "--names", "tasks.rq",
                   "unit_pairs.rq", "assignments.rq")
    assert done.returncode == 0, done.stderr
    assert "3 documents; asked of ouhai-2023 and of 瓯海区" in done.stdout
    tasks = next(line.split() for line in done.stdout.splitlines()
                 if line.startswith("tasks.rq"))
    assert tasks[1] == "140" and tasks[4] == "7" and tasks[7] == "140"
    targets = [line for line in done.stdout.splitlines() if line.rstrip().endswith("met")]
    assert len(targets) == 6
