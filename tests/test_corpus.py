"""A corpus: the seed and two small tables of the same district (2023, 2025) in one dataset,
each document in its own named graph, and the cross-year questions answered as counted by hand
from tests/corpus/*.txt."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.plugins.serializers.nt import _nt_row

from dutygraph.ask.query import run_query_file
from dutygraph.build import build
from dutygraph.cli.main import cli
from dutygraph.corpus import CorpusError, build_corpus, document_nquads, write_corpus
from dutygraph.rdf.ntriples import ntriples, read_ntriples
from dutygraph.read.meta import sidecar_path

from .conftest import QUERIES, REPO, SEED

# rdflib 7.6 warns of its own Dataset internals on every parse.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

CORPUS = REPO / "tests" / "corpus"
SOURCES = [CORPUS / "ouhai-2023-key-tasks.txt", SEED, CORPUS / "ouhai-2025-key-tasks.txt"]
ID = "https://w3id.org/dutygraph/id/"


def copy_table(source: Path, folder: Path, name: str | None = None, *,
               text: str | None = None, **meta) -> Path:
    """SOURCE copied into FOLDER as NAME (its own name by default; its text replaced by TEXT),
    with its sidecar beside it: its unit table named by an absolute path, and its other
    fields as META gives them (units, district, id, government_id …)."""
    table = folder / (name or source.name)
    table.write_text(source.read_text("utf-8") if text is None else text, "utf-8")
    sidecar = json.loads(sidecar_path(source).read_text("utf-8"))
    sidecar["units"] = str((source.parent / sidecar["units"]).resolve())
    sidecar.update({key: value for key, value in meta.items() if value is not None})
    sidecar_path(table).write_text(json.dumps(sidecar, ensure_ascii=False), "utf-8")
    return table


def copy_2023(folder: Path, name: str = "ouhai-2023-key-tasks.txt", *, text: str | None = None,
              units: str | None = None) -> Path:
    """The 2023 test table copied into FOLDER as NAME (its text replaced by TEXT), with its
    sidecar beside it: its unit table named by an absolute path, or by UNITS."""
    return copy_table(SOURCES[0], folder, name, text=text, units=units)


@pytest.fixture(scope="module")
def corpus():
    """The three documents built on two cores."""
    return build_corpus(SOURCES, jobs=2)


@pytest.fixture(scope="module")
def written(corpus, tmp_path_factory):
    return tmp_path_factory.mktemp("corpus"), write_corpus(corpus, tmp_path_factory.mktemp("out"))


def _ask(corpus, name, **params):
    return run_query_file(corpus.dataset.store, QUERIES / name, params).records()


def test_every_document_is_built_in_order(corpus):
    assert [d.document_id for d in corpus.documents] == ["ouhai-2023", "ouhai-2024", "ouhai-2025"]
    assert [d.tasks for d in corpus.documents] == [7, 127, 6]
    assert corpus.skipped == []


def test_named_graphs_in_trig_and_nquads(written):
    _, files = written
    for name in ("corpus.trig", "corpus.nq"):
        dataset = Dataset()
        dataset.parse(next(f for f in files if f.name == name))
        graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert graphs == {f"{ID}doc/ouhai-2023", f"{ID}doc/ouhai-2024", f"{ID}doc/ouhai-2025",
                          f"{ID}ouhai/graph", f"{ID}ouhai/recurrences"}, name
        tasks = dataset.graph(URIRef(f"{ID}doc/ouhai-2025")).triples(
            (None, URIRef("https://w3id.org/dutygraph/ontology#number"), None))
        assert len(list(tasks)) == 6


def test_the_report_counts_the_recurring_pairs(written):
    _, files = written
    report = json.loads(next(f for f in files if f.name == "corpus-report.json").read_text())
    assert report["recurrences"] == 6
    markdown = next(f for f in files if f.name == "corpus-report.md").read_text("utf-8")
    assert "3 of 3 documents built, 0 skipped; 6679 quads; 6 recurring task pairs linked." \
        in markdown


def test_union_repeats_no_row(corpus):
    # 371 assignments in the seed, 14 in 2023, 13 in 2025 (counted in the tables).
    assert len(_ask(corpus, "assignments.rq")) == 371 + 14 + 13
    assert len(_ask(corpus, "tasks.rq")) == 140


def test_a_bureau_across_years_is_one_unit(corpus):
    # 区发改局 leads 2 tasks in 2023, 11 in 2024, 3 in 2025: one unit, counted per document.
    load = [(r["document"], r["year"], r["lead_tasks"])
            for r in _ask(corpus, "unit_load.rq") if r["unit"] == "区发改局"]
    assert sorted(load) == [("ouhai-2023", "2023", 2), ("ouhai-2024", "2024", 11),
                            ("ouhai-2025", "2025", 3)]
    by_year = [(r["year"], r["lead_tasks"], r["co_tasks"])
               for r in _ask(corpus, "unit_load_by_year.rq") if r["unit"] == "区发改局"]
    assert by_year == [("2023", 2, 1), ("2024", 11, 7), ("2025", 3, 2)]


def test_indicator_targets_across_years(corpus):
    rows = _ask(corpus, "indicator_targets.rq", text="孵化面积")
    assert [(r["year"], r["value"], r["unit"], r["comparator"], r["line"]) for r in rows] == [
        ("2023", 200000, "平方米", "at_least", 21),
        ("2024", 300000, "平方米", "at_least", 49),
        ("2025", 400000, "平方米", "at_least", 21),
    ]
    rows = _ask(corpus, "indicator_targets.rq", text="生产总值")
    assert [(r["year"], r["value"], r["comparator"]) for r in rows] == [
        ("2023", 6, "approx"), ("2024", Decimal("6.5"), "approx"), ("2025", 6, "at_least")]


def test_recurring_tasks_with_their_similarity(corpus):
    rows = _ask(corpus, "recurring_tasks.rq")
    pairs = [(r["year"], r["line"], r["next_line"], r["similarity"]) for r in rows]
    # 全区生产总值增长 6%左右。 (13 pieces) and …6.5%左右。 (15) share 12: 24/28 = 0.857.
    # 大力发展“银发经济”。 → “低空经济” (0.7) is not listed: its texts share only 4 word
    # pieces, too little to compare (dutygraph.recurrences.MIN_SHARED_WORD_PIECES).
    assert pairs == [
        ("2023", 12, 13, Decimal("0.857")), ("2023", 13, 14, Decimal("1")),
        ("2023", 20, 38, Decimal("0.917")), ("2024", 13, 12, Decimal("0.643")),
        ("2024", 15, 13, Decimal("1")), ("2024", 38, 20, Decimal("0.917")),
    ]


def test_year_over_year_change_of_lead_tasks(corpus):
    rows = {(r["unit"], r["year"]): (r["lead_tasks"], r["previous"], r["change"])
            for r in _ask(corpus, "lead_change_by_year.rq")}
    assert rows[("区发改局", "2024")] == (11, 2, 9)
    assert rows[("区发改局", "2025")] == (3, 11, -8)
    # 区政务服务中心 leads 一网通办 in all three years.
    assert rows[("区政务服务中心", "2024")] == (1, 1, 0)
    assert ("区统计局", "2023") not in rows  # no year before 2023


def test_a_bad_document_is_skipped_and_reported(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("一、张三区长牵头重点工作\n序号\t重点工作\t责任单位\t备注\nx\t任务\t区发改局\t\n",
                   encoding="utf-8")
    corpus = build_corpus([SOURCES[0], bad, SOURCES[2]], jobs=2)
    assert [d.ok for d in corpus.documents] == [True, False, True]
    assert corpus.skipped[0].error.startswith(f"{bad}:3: ")
    with pytest.raises(CorpusError, match=r"bad\.txt:3"):
        build_corpus([SOURCES[0], bad, SOURCES[2]], jobs=2, keep_going=False)


def test_a_document_id_used_twice_is_refused(tmp_path):
    copy = copy_2023(tmp_path, "again.txt")
    corpus = build_corpus([SOURCES[0], copy], jobs=1)
    assert "is also that of" in corpus.skipped[0].error


def test_document_nquads_keeps_what_points_into_the_document_in_its_graph():
    unit, task = URIRef("u/a"), URIRef("d/x/task-1")
    triples = [(unit, URIRef("p"), Literal("名", lang="zh")), (unit, URIRef("http://l"), task),
               (task, URIRef("p"), Literal("t"))]
    assert document_nquads(triples, "d/x", "g", ("u/",)).decode().splitlines() == [
        '<u/a> <p> "名"@zh <g> .', "<u/a> <http://l> <d/x/task-1> <d/x> .",
        '<d/x/task-1> <p> "t" <d/x> .']


def test_document_nquads_writes_rdflibs_lines_and_reads_back_as_the_same_terms():
    """The worker's own N-Quads writer: each line is rdflib's NTSerializer's line with the
    graph added, on the seed and on literals that need escaping; parsed back, the same terms."""
    p, s = URIRef("https://example.org/p"), URIRef("https://example.org/s")
    awkward = [(s, p, Literal(text)) for text in
               ('say "yes"', "back\\slash", "two\nlines", "cr\r", "tab\t", "𠀋 and é")]
    awkward += [(s, p, Literal("1.50", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))),
                (s, p, Literal("中文", lang="zh"))]
    for triples in (list(build(SEED, indexed=False).graph), awkward):
        written = document_nquads(triples, "https://example.org/doc", "https://example.org/g",
                                  ("https://example.org/unit/",)).decode("utf-8")
        assert [line[:line.rindex(" <")] for line in written.splitlines()] == [
            _nt_row(triple)[:-3] for triple in triples]
        read = Dataset()
        read.parse(data=written, format="nquads")
        assert {(s_, p_, o_) for s_, p_, o_, _ in read.quads()} == set(triples)
        assert set(read_ntriples(ntriples(triples).encode("utf-8"))) == set(triples)
    blank = document_nquads([(BNode("b1"), p, BNode("b2"))], "d", "g", ("u/",)).decode()
    assert blank == "_:b1 <https://example.org/p> _:b2 <d> .\n"


def test_cli_builds_a_corpus_from_a_glob_and_keeps_going(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("no table here\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(CORPUS / "*.txt"), str(bad), "-o", str(out)])
    assert result.exit_code == 2, result.output
    # 2023 and 2025 (282 and 255 quads with their publisher, 70 in their district's shared
    # graph): no two consecutive years, so no recurring pair.
    assert "Built 2 of 3 documents: 13 tasks, 607 quads; linked 0 recurring task pairs." \
        in result.stderr
    assert f"Error: skipped {bad}" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "corpus-report.json", "corpus-report.md", "corpus.nq", "corpus.trig", "corpus.ttl"]
    result = CliRunner().invoke(cli, ["build", str(CORPUS), str(bad), "-o", str(tmp_path / "x"),
                                      "--fail-fast"])
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()


def test_a_folder_of_text_and_excel_tables_is_one_corpus(tmp_path):
    from .office_files import write_xlsx

    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "a.txt").write_bytes((REPO / "tests/cases/roles/input.txt").read_bytes())
    write_xlsx(REPO / "tests/cases/lead-columns/input.txt", folder / "b.xlsx")
    (folder / "notes.md").write_text("not a table\n", encoding="utf-8")
    from dutygraph.corpus import expand_sources

    assert [p.name for p in expand_sources([folder])] == ["a.txt", "b.xlsx"]
    corpus = build_corpus([folder / "a.txt", folder / "b.xlsx"], jobs=1, lead_convention=None)
    assert [d.ok for d in corpus.documents] == [True, True]


def test_a_document_collected_without_indexes_has_the_same_triples():
    """The corpus collects each document in a TripleSet (no rdflib indexes): the same triples
    as the Graph a single build makes; validating needs a Graph, so an indexed copy (with the
    prefixes the findings' paths are written with) is checked, with the same findings."""
    from dutygraph.rdf.graph import TripleSet

    indexed = build(SEED)
    plain = build(SEED, indexed=False)
    assert isinstance(plain.graph, TripleSet)
    assert len(plain.graph) == len(indexed.graph) == 6114
    assert set(plain.graph) == set(indexed.graph) == set(plain.graph.indexed())
    assert plain.validation == indexed.validation
    assert {f.path for f in plain.validation.findings} == {"prov:qualifiedAttribution"}


def test_every_catalogue_answer_keeps_one_order_whatever_the_load_order():
    """Rows that tie on a query's ORDER BY keys across documents (the same line in two
    documents) are ordered by IRI at the end: the corpus loaded in reverse answers alike."""
    forward = build_corpus(SOURCES, jobs=1)
    backward = build_corpus(list(reversed(SOURCES)), jobs=1)
    params = {"search_tasks.rq": {"text": "营商环境"}, "indicator_targets.rq": {"text": "增长"},
              "unit_portfolio.rq": {"unit": "区发改局"}}
    for query in sorted(QUERIES.glob("*.rq")):
        mine = run_query_file(forward.dataset.store, query, params.get(query.name, {})).rows
        theirs = run_query_file(backward.dataset.store, query, params.get(query.name, {})).rows
        assert mine == theirs, query.name


def test_a_document_whose_unit_table_is_missing_is_named_with_it(tmp_path):
    """The error is about another file (the sidecar's unit table): the message still says
    which of the corpus's documents was skipped."""
    table = copy_2023(tmp_path, units="missing-units.csv")
    corpus = build_corpus([table, SOURCES[1]], jobs=1)
    (skipped,) = corpus.skipped
    units = tmp_path / "missing-units.csv"
    assert skipped.error.startswith(f"{table}: {units}: no such unit table")
    assert [d.document_id for d in corpus.built] == ["ouhai-2024"]


def test_a_corpus_is_written_the_same_with_and_without_its_check(tmp_path):
    """Each document's triples go out in the order they were made, checked or not (an
    rdflib Graph's order changes from one process to the next): the same bytes."""
    checked = write_corpus(build_corpus(SOURCES, jobs=1, validate=True), tmp_path / "checked")
    unchecked = write_corpus(build_corpus(SOURCES, jobs=1), tmp_path / "unchecked")
    for one, other in zip(checked, unchecked, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name


def test_two_leaders_whose_names_sound_alike_stay_two_people(tmp_path):
    """刘云峰 (2024) and 刘云锋 (a 2025 table) have one pinyin, liu-yun-feng: each is a person
    of their own, by the name as written, and the same IRI whether built together or apart."""
    from dutygraph.ask.query import run_query
    from dutygraph.build import build

    text = SOURCES[2].read_text("utf-8").replace("陈立新区长", "刘云锋区长")
    later = copy_table(SOURCES[2], tmp_path, text=text)
    corpus = build_corpus([SEED, later], jobs=1)
    rows = run_query(corpus.dataset.store, """
        PREFIX dg: <https://w3id.org/dutygraph/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?leader (STR(?name) AS ?zh) (STR(?id) AS ?document) WHERE {
          ?leader a dg:Leader ; skos:prefLabel ?name ; dg:overallResponsibilityFor ?doc .
          FILTER (lang(?name) = "zh")
          ?doc dcterms:identifier ?id .
        } ORDER BY ?zh""").records()
    assert [(r["zh"], r["document"]) for r in rows] == [("刘云峰", "ouhai-2024"),
                                                        ("刘云锋", "ouhai-2025")]
    iris = {r["zh"]: r["leader"] for r in rows}
    assert iris["刘云峰"] != iris["刘云锋"]
    assert all("/ouhai/person/liu-yun-feng" in iri for iri in iris.values())  # readable
    for source, name in ((SEED, "刘云峰"), (later, "刘云锋")):  # built apart: the same IRIs
        alone = build(source).graph
        assert {str(s) for s in alone.subjects() if "/person/liu-yun-feng" in str(s)} \
            == {iris[name]}
