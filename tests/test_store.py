"""The corpus in Oxigraph (memory or disk) and in rdflib answers every catalogue query alike,
and the commands read a corpus as they read one graph."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import URIRef

from dutygraph.ask.graphs import open_graph
from dutygraph.ask.query import (
    QueryResult,
    read_query,
    required_parameters,
    run_query,
)
from dutygraph.ask.store import document_triples
from dutygraph.check.corpus import open_corpus, validate_documents
from dutygraph.cli.main import cli
from dutygraph.corpus import StoppedWhenStored, build_corpus, write_corpus
from dutygraph.rdf.ntriples import ntriples

from .conftest import QUERIES, REPO, SEED
from .test_corpus import SOURCES, copy_2023

# rdflib 7.6 warns of its own Dataset internals on every parse.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PARAMS = {"text": "孵化", "unit": "区发改局"}
CATALOGUE = sorted(QUERIES.glob("*.rq"))
# The queries written for a corpus order every row; the older ones order rows of one document
# (by line), so across documents their ties may come in either order: compared as multisets.
CROSS_DOCUMENT = ("indicator_targets.rq", "lead_change_by_year.rq", "recurring_tasks.rq",
                  "unit_load_by_year.rq")

PUBLISHER = ox.NamedNode("http://purl.org/dc/terms/publisher")


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The three-document corpus in Oxigraph, in rdflib, and in an Oxigraph store on disk."""
    folder = tmp_path_factory.mktemp("store")
    on_disk = build_corpus(SOURCES, store=folder / "store", jobs=2)
    files = write_corpus(on_disk, folder / "out")
    on_disk.dataset.close()
    return {"oxigraph": build_corpus(SOURCES, jobs=2).dataset,
            "rdflib": build_corpus(SOURCES, backend="rdflib", jobs=2).dataset,
            "disk": folder / "store", "files": {f.suffix: f for f in files}}


def _canonical_decimals(rows):
    """Rows with each decimal in one form (2.0 and 2 are one value; their repr, which the
    comparison sorts by, differs)."""
    return tuple(tuple(v.normalize() if isinstance(v, Decimal) else v for v in row)
                 for row in rows)


def test_decimals_differ_in_form_between_the_engines(stores):
    # The build writes 2.0 (XSD 1.0's canonical decimal); Oxigraph keeps values in XSD 1.1's
    # canonical form, 2, so STR() of one value differs between the engines. The value does not.
    text = "SELECT ?v WHERE { ?t <https://w3id.org/dutygraph/ontology#span> ?s ; " \
           "<https://w3id.org/dutygraph/ontology#value> ?v . FILTER (STR(?s) = " \
           "\"创建省级众创空间（孵化器）2个以上\") }"
    assert stores["oxigraph"].query(text).rows == stores["rdflib"].query(text).rows == (
        (Decimal(2),),)
    as_text = text.replace("SELECT ?v", "SELECT (STR(?v) AS ?text)")
    assert stores["oxigraph"].query(as_text).rows == (("2",),)
    assert stores["rdflib"].query(as_text).rows == (("2.0",),)


def _params(text):
    return {name: PARAMS[name] for name in required_parameters(text)}


# Questions about progress reports (issue 24): a corpus of plans alone answers them with no
# rows; tests/test_progress.py asks them of a plan built with its reports.
PROGRESS_QUERIES = {"progress_by_task.rq", "behind_schedule.rq", "unit_delivery.rq",
                    "leader_delivery.rq", "target_attainment.rq"}


@pytest.mark.parametrize("query", CATALOGUE, ids=lambda p: p.name)
def test_rdflib_and_oxigraph_give_the_same_answer(stores, query):
    text = read_query(query)
    oxigraph = stores["oxigraph"].query(text, str(query), _params(text))
    rdflib = stores["rdflib"].query(text, str(query), _params(text))
    assert rdflib.columns == oxigraph.columns
    # Decimals: the engines write one value in two forms (test_decimals_differ_in_form).
    rdflib = QueryResult(rdflib.columns, _canonical_decimals(rdflib.rows))
    oxigraph = QueryResult(oxigraph.columns, _canonical_decimals(oxigraph.rows))
    if query.name in CROSS_DOCUMENT:
        assert rdflib.rows == oxigraph.rows
    else:
        assert sorted(rdflib.rows, key=repr) == sorted(oxigraph.rows, key=repr)
    if not query.name.endswith("-violation.rq") and query.name not in PROGRESS_QUERIES:
        assert oxigraph.rows, f"{query.name} gives no rows on the corpus"


@pytest.mark.parametrize("kind", ["disk", ".trig", ".nq", ".ttl"])
def test_every_form_of_the_corpus_answers_alike(stores, kind):
    path = stores["disk"] if kind == "disk" else stores["files"][kind]
    store = open_graph(path)
    for query in CATALOGUE:
        text = read_query(query)
        expected = stores["oxigraph"].query(text, str(query), _params(text))
        answer = run_query(store, text, str(query), _params(text))
        assert sorted(answer.rows, key=repr) == sorted(expected.rows, key=repr), query.name


def test_query_command_reads_a_store_folder(stores):
    result = CliRunner().invoke(cli, ["query", str(QUERIES / "indicator_targets.rq"), "--store",
                                      str(stores["disk"]), "--param", "text=孵化面积",
                                      "--format", "csv"])
    assert result.exit_code == 0, result.output
    # the last column, outlier, is empty: 200000, 300000 and 400000 stay within 3 times
    # their mean of 300000 and above a third of it
    assert result.stdout.splitlines()[1:] == [
        "新增孵化面积,瓯海区,2023,200000,平方米,at_least,ouhai-2023,21,确保新增孵化面积20万平方米以上,",
        "新增孵化面积,瓯海区,2024,300000,平方米,at_least,ouhai-2024,49,确保新增孵化面积30万平方米以上,",
        "新增孵化面积,瓯海区,2025,400000,平方米,at_least,ouhai-2025,21,确保新增孵化面积40万平方米以上,"]


def test_viz_and_export_read_the_trig(stores, tmp_path):
    trig = str(stores["files"][".trig"])
    result = CliRunner().invoke(cli, ["viz", trig, "-o", str(tmp_path / "c.html")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["export", trig, "--format", "nt"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == len(stores["oxigraph"])


def test_every_reading_command_reads_a_store_folder_as_the_trig(stores, tmp_path):
    """viz, centrality, export and validate take the folder of build --store as they take the
    corpus's TriG: the same answers."""
    folder, trig = str(stores["disk"]), str(stores["files"][".trig"])

    def run(*args):
        result = CliRunner().invoke(cli, list(args))
        assert result.exit_code == 0, result.output
        return result

    for source, name in ((folder, "store"), (trig, "trig")):
        run("viz", source, "-o", str(tmp_path / f"{name}.html"))
        run("export", source, "--format", "nt", "-o", str(tmp_path / f"{name}.nt"))
    pages = [(tmp_path / f"{name}.html").read_text("utf-8") for name in ("store", "trig")]
    assert pages[0].count("区发改局") == pages[1].count("区发改局") > 0
    assert sorted((tmp_path / "store.nt").read_text("utf-8").splitlines()) == \
        sorted((tmp_path / "trig.nt").read_text("utf-8").splitlines())
    assert len((tmp_path / "store.nt").read_text("utf-8").splitlines()) == len(stores["oxigraph"])
    assert run("centrality", folder, "--format", "csv").stdout == \
        run("centrality", trig, "--format", "csv").stdout
    # the seed's 13 tasks with several starred units, and one of the 2025 table's tasks
    report = run("validate", folder, "--lang", "en").stdout
    assert report.startswith("0 violations, 14 warnings.\n")
    assert report == run("validate", trig, "--lang", "en").stdout


def test_a_folder_that_is_no_store_is_bad_input(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not a store", "utf-8")
    result = CliRunner().invoke(cli, ["viz", str(tmp_path / "empty"), "-o",
                                      str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "cannot open the Oxigraph store" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_rdflib_dataset_writes_the_same_graph_as_oxigraph(stores, tmp_path):
    from rdflib import Graph

    stores["rdflib"].write(tmp_path / "r.ttl")
    stores["oxigraph"].write(tmp_path / "o.ttl")
    graphs = [Graph().parse(tmp_path / name) for name in ("r.ttl", "o.ttl")]
    # No blank nodes: the graphs are equal when their sets of triples are.
    assert set(graphs[0]) != set(graphs[1])  # 2.0 and 2: see test_decimals_differ_in_form…
    assert set(_decimal_values(graphs[0])) == set(_decimal_values(graphs[1]))


def _decimal_values(graph):
    """GRAPH with every xsd:decimal written in one form."""
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal,
                        normalize=False)
        out.add((s, p, o))
    return out


def _quads(folder) -> set[str]:
    from dutygraph.ask.store import open_store

    store = open_store(folder)
    try:
        return {str(quad) for quad in store}
    finally:
        del store


def _corrected_2023(tmp_path):
    """The 2023 table with one figure corrected, as a district would publish an erratum."""
    text = SOURCES[0].read_text("utf-8")
    assert text.count("全区生产总值增长 6%左右。") == 1
    return copy_2023(tmp_path, text=text.replace("全区生产总值增长 6%左右。",
                                                 "全区生产总值增长 7%左右。"))


def test_a_document_built_again_into_a_store_replaces_its_old_self(tmp_path):
    """A store on disk keeps earlier builds: building the corrected 2023 table into it leaves
    the store as a fresh build of the corrected 2023 and the other two years, quad for quad
    (no stale figure; the other years' units and leaders keep their names)."""
    build_corpus(SOURCES, store=tmp_path / "kept", jobs=1).dataset.close()
    corrected = _corrected_2023(tmp_path)
    again = build_corpus([corrected], store=tmp_path / "kept", jobs=1)
    assert again.dataset.earlier
    again.dataset.close()
    build_corpus([corrected, *SOURCES[1:]], store=tmp_path / "fresh", jobs=1).dataset.close()
    kept, fresh = _quads(tmp_path / "kept"), _quads(tmp_path / "fresh")
    assert kept == fresh
    assert any("7%左右" in quad for quad in kept) and not any("6%左右。" in quad for quad in kept)


def test_a_build_stopped_by_a_bad_document_leaves_the_store_as_it_was(tmp_path):
    """--fail-fast stops at a bad document and says nothing was written: the store still
    holds every quad it held. (The build had begun replacing 2023, which came first: it
    used to clear the old 2023 graph at once, and the store lost it.)"""
    folder = tmp_path / "store"
    build_corpus(SOURCES, store=folder, jobs=1).dataset.close()
    before = _quads(folder)
    bad = copy_2023(tmp_path, "bad.txt", text="序号\t工作任务\n")
    result = CliRunner().invoke(cli, ["build", str(_corrected_2023(tmp_path)), str(bad),
                                      "--store", str(folder), "--fail-fast", "--jobs", "1",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "nothing written" in result.stderr, result.output
    assert _quads(folder) == before


def test_ctrl_c_while_reading_leaves_the_store_as_it_was(tmp_path):
    """Ctrl-C comes while the documents are read (nearly all of a build's time): the store
    that was there has not been touched yet."""
    folder = tmp_path / "store"
    build_corpus(SOURCES, store=folder, jobs=1).dataset.close()
    before = _quads(folder)

    def ctrl_c(outcome):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_corpus([_corrected_2023(tmp_path), *SOURCES[1:]], store=folder, jobs=1,
                     on_document=ctrl_c)
    assert _quads(folder) == before


def test_ctrl_c_once_every_document_is_read_waits_until_the_store_is_whole(tmp_path,
                                                                           monkeypatch):
    """Past reading, the documents go in and the pairs are linked: Ctrl-C then is held until
    the store is the whole new build, and raised after."""
    import os
    import signal

    from dutygraph import recurrences

    folder = tmp_path / "store"
    build_corpus(SOURCES, store=folder, jobs=1).dataset.close()
    corrected = _corrected_2023(tmp_path)
    link = recurrences.link_recurrences

    def pressed_while_linking(*args):
        os.kill(os.getpid(), signal.SIGINT)
        return link(*args)

    with monkeypatch.context() as patch:
        patch.setattr(recurrences, "link_recurrences", pressed_while_linking)
        with pytest.raises(StoppedWhenStored, match=r"store .* holds this build, whole") as stop:
            build_corpus([corrected], store=folder, jobs=1)
        assert stop.value.exit_code == 130
        fresh_store = tmp_path / "new-store"
        with pytest.raises(KeyboardInterrupt):  # a new store: removed, as for any stop
            build_corpus(SOURCES, store=fresh_store, jobs=1)
        assert not fresh_store.exists()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert _quads(folder) == _fresh_quads([corrected, *SOURCES[1:]], tmp_path / "fresh")


def test_ctrl_c_is_left_alone_where_it_is_ignored(tmp_path, monkeypatch):
    """A job started in the background ignores SIGINT: the build must not start heeding it."""
    import os
    import signal

    from dutygraph import recurrences

    link = recurrences.link_recurrences

    def pressed_while_linking(*args):
        os.kill(os.getpid(), signal.SIGINT)
        return link(*args)

    monkeypatch.setattr(recurrences, "link_recurrences", pressed_while_linking)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        build_corpus(SOURCES, store=tmp_path / "store", jobs=1).dataset.close()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    monkeypatch.undo()
    assert _quads(tmp_path / "store") == _fresh_quads(SOURCES, tmp_path / "fresh")


def test_a_store_failing_midway_through_its_update_says_so_and_the_same_build_mends_it(
        tmp_path, monkeypatch):
    """A full disk while the documents go into a store that was there: the store is part old,
    part new, which the error says, and the same build run again completes it."""
    from dutygraph import recurrences
    from dutygraph.corpus import CorpusError

    folder = tmp_path / "store"
    build_corpus(SOURCES, store=folder, jobs=1).dataset.close()
    corrected = _corrected_2023(tmp_path)

    def disk_full(dataset, *args):
        dataset.flush()
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(recurrences, "link_recurrences", disk_full)
        with pytest.raises(CorpusError, match=r"No space left on device\n\(the store .* was "
                           r"being updated: it now holds part of this build\. Run the same "
                           r"build again to complete it\.\)"):
            build_corpus([corrected], store=folder, jobs=1)
    build_corpus([corrected], store=folder, jobs=1).dataset.close()
    assert _quads(folder) == _fresh_quads([corrected, *SOURCES[1:]], tmp_path / "fresh")


@pytest.mark.parametrize("where", ["new/deeper/store", "out", "new/../out/store"])
def test_a_failed_build_removes_the_store_it_was_making(tmp_path, where):
    """A build that makes a new store and fails removes it, and the folders it made; in a
    folder that was there (build -o out --store out), only what it added."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("the analyst's", "utf-8")
    bad = copy_2023(tmp_path, "bad.txt", text="序号\t工作任务\n")
    result = CliRunner().invoke(cli, ["build", *map(str, SOURCES), str(bad), "--store",
                                      str(tmp_path / where), "--fail-fast", "--jobs", "1",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out", "bad.txt", "bad.meta.json"])
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["notes.txt"]


def test_a_store_may_share_its_folder_with_other_files(tmp_path):
    """build -o out --store out: the files and the store side by side, and built into again,
    the store keeps the files' company."""
    out = tmp_path / "out"
    for _ in range(2):
        result = CliRunner().invoke(cli, ["build", *map(str, SOURCES), "--store", str(out),
                                          "-o", str(out), "--jobs", "1"])
        assert result.exit_code == 0, result.output
    assert {"corpus.trig", "corpus.nq", "corpus-report.md"} <= {p.name for p in out.iterdir()}
    assert _quads(out) == _fresh_quads(SOURCES, tmp_path / "fresh")


def test_a_store_is_built_by_one_build_at_a_time(tmp_path):
    """A build holds its store folder until it is closed: a second build into it is refused
    at once, naming the folder."""
    from dutygraph.errors import InputError

    first = build_corpus(SOURCES[:1], store=tmp_path / "store", jobs=1)
    with pytest.raises(InputError, match="cannot open the Oxigraph store"):
        build_corpus(SOURCES[1:2], store=tmp_path / "store", jobs=1)
    first.dataset.close()
    assert _quads(tmp_path / "store") == _fresh_quads(SOURCES[:1], tmp_path / "fresh")


def _fresh_quads(sources, folder) -> set[str]:
    """The quads of SOURCES built into a new store in FOLDER."""
    build_corpus(sources, store=folder, jobs=1).dataset.close()
    return _quads(folder)


def test_a_leader_a_document_no_longer_names_is_gone_once_it_is_built_again(tmp_path):
    """The 2024 table without 林国锋's section: built again into the store, he is gone from
    the government's graph, as from a fresh build of the same tables; 高铁新城建设中心, which
    his section named and other sections name too, stays."""
    from .test_corpus import copy_table

    text = SEED.read_text("utf-8")
    start, end = text.index("十一、林国锋主任牵头重点工作"), text.index("十一、区委部门重点工作")
    without = copy_table(SEED, tmp_path, text=text[:start] + text[end:])
    folder = tmp_path / "store"
    build_corpus(SOURCES, store=folder, jobs=1).dataset.close()
    assert any("lin-guo-feng" in quad for quad in _quads(folder))
    build_corpus([without], store=folder, jobs=1).dataset.close()
    kept = _quads(folder)
    assert kept == _fresh_quads([SOURCES[0], without, SOURCES[2]], tmp_path / "fresh")
    assert not any("lin-guo-feng" in quad for quad in kept)
    assert any("高铁新城建设中心" in quad for quad in kept)


def test_a_document_moved_to_another_government_leaves_nothing_in_the_old_one(tmp_path):
    """2025's sidecar corrected to another government: built again, the old government's
    graph keeps nothing that only 2025 named, as a fresh build of the same tables."""
    from .test_corpus import copy_table

    moved = copy_table(SOURCES[2], tmp_path, government_id="ouhai-east")
    folder = tmp_path / "store"
    build_corpus(SOURCES, store=folder, jobs=1).dataset.close()
    build_corpus([moved], store=folder, jobs=1).dataset.close()
    assert _quads(folder) == _fresh_quads([*SOURCES[:2], moved], tmp_path / "fresh")


def test_a_document_with_no_lead_unit_moved_leaves_nothing_in_the_old_government(tmp_path):
    """The old self's government is found from any link to its units or leaders, not only
    from a lead unit: 2023 printed without its stars has none."""
    from .test_corpus import copy_table

    # No star, and no task of one unit (one unit alone leads): no lead unit at all.
    unstarred = SOURCES[0].read_text("utf-8").replace("*", "").replace(
        "改造提升。\t区经信局\t", "改造提升。\t区经信局、区统计局\t")
    (tmp_path / "before").mkdir()
    before = copy_table(SOURCES[0], tmp_path / "before", text=unstarred)
    moved = copy_table(SOURCES[0], tmp_path, text=unstarred, government_id="ouhai-east")
    folder, star = tmp_path / "store", {"lead_convention": "star"}  # so: no lead at all
    build_corpus([before], store=folder, jobs=1, **star).dataset.close()
    assert not any("#leads" in quad for quad in _quads(folder))
    build_corpus([moved], store=folder, jobs=1, **star).dataset.close()
    build_corpus([moved], store=tmp_path / "fresh", jobs=1, **star).dataset.close()
    assert _quads(folder) == _quads(tmp_path / "fresh")


def test_a_store_folder_is_made_with_its_parents(tmp_path):
    corpus = build_corpus(SOURCES[:1], store=tmp_path / "new" / "deeper" / "store", jobs=1)
    assert not corpus.dataset.earlier and len(corpus.dataset) > 0
    corpus.dataset.close()


def test_a_store_on_disk_is_compacted_once_built(tmp_path, monkeypatch):
    """The build leaves a store on disk compacted (Store.optimize) once every quad is in, and
    a corpus in memory is not: a store of batch-loaded files answered 500 documents' queries
    2–5 times slower, and one opened read-only is never compacted (docs/performance.md)."""
    import pyoxigraph as ox

    calls = []
    optimize = ox.Store.optimize
    monkeypatch.setattr(ox.Store, "optimize",
                        lambda store: calls.append(len(store)) or optimize(store))
    corpus = build_corpus(SOURCES, store=tmp_path / "store", jobs=1)
    assert calls == [len(corpus.dataset)]
    corpus.dataset.close()
    assert build_corpus(SOURCES, jobs=1).dataset.on_disk is False and calls == [calls[0]]


@pytest.mark.parametrize("name", ["lead_change_by_year.rq", "unit_load_by_year.rq",
                                  "indicator_targets.rq"])
def test_one_document_is_a_corpus_too_on_both_engines(name):
    """A corpus of one document: no pair of years, so no change to report, on rdflib as on
    Oxigraph (rdflib makes one group of an empty input)."""
    text = read_query(QUERIES / name)
    params = {k: PARAMS[k] for k in required_parameters(text)}
    answers = [build_corpus([SEED], backend=backend, jobs=1).dataset.query(text, name, params)
               for backend in ("oxigraph", "rdflib")]
    assert answers[0].rows == answers[1].rows
    if name == "lead_change_by_year.rq":
        assert answers[0].rows == ()


@pytest.mark.parametrize("kind", ["disk", ".trig", ".nq"])
def test_table_writes_one_document_of_a_corpus_as_its_own_build_does(stores, kind, seed_turtle,
                                                                    seed_build):
    """The seed in a corpus (its graph, and its units' and leaders' names from the district's
    shared graph) reads back as the same table as the seed built alone."""
    path = stores["disk"] if kind == "disk" else stores["files"][kind]
    alone = CliRunner().invoke(cli, ["table", str(seed_turtle)])
    result = CliRunner().invoke(cli, ["table", str(path), "--document", "ouhai-2024"])
    assert result.exit_code == 0, result.output
    assert result.stdout == alone.stdout
    assert "\n1\t全区生产总值增长 6.5%左右。\t*区发改局、" in result.stdout
    # The document's graph as its own build made it: nothing of the district's other years.
    # (Both through a store: Oxigraph keeps a decimal's value, not its form: 14.0 → 14.)
    store, graphs = open_corpus(path)
    alone = ox.Store()
    alone.load(input=ntriples(seed_build.graph).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    # Less the document's publisher, its government, which a corpus names (scope.py).
    assert {(t.subject, t.predicate, t.object)
            for t in document_triples(store, graphs["ouhai-2024"])
            if t.predicate != PUBLISHER} == {(q.subject, q.predicate, q.object) for q in alone}


def test_table_of_a_corpus_asks_which_document(stores):
    corpus = stores["files"][".trig"]
    result = CliRunner().invoke(cli, ["table", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {corpus}: 3 documents; choose one with --document ID "
                             "(documents: ouhai-2023, ouhai-2024, ouhai-2025)\n")
    result = CliRunner().invoke(cli, ["table", str(corpus), "--document", "ouhai-2022"])
    assert result.exit_code == 2
    assert "no document 'ouhai-2022' (documents: ouhai-2023" in result.stderr
    union = stores["files"][".ttl"]
    result = CliRunner().invoke(cli, ["table", str(union)])
    assert result.exit_code == 2
    assert "holds 3 documents (a corpus's union graph)" in result.stderr
    result = CliRunner().invoke(cli, ["table", str(union), "--document", "ouhai-2024"])
    assert result.exit_code == 2
    assert "a Turtle file has no named graphs" in result.stderr


@pytest.mark.parametrize("kind", ["disk", ".trig", ".nq"])
def test_validate_checks_a_corpus_document_by_document(stores, kind, seed_build):
    """Each document with what its district's shared graph says of its units and leaders:
    the seed's findings are those of its own build, marked with its id."""
    path = stores["disk"] if kind == "disk" else stores["files"][kind]
    report = validate_documents(*open_corpus(path), jobs=2)
    assert report.conforms
    seed = [replace(f, document="") for f in report.findings if f.document == "ouhai-2024"]
    assert seed == seed_build.validation.findings
    assert {f.document for f in report.findings} <= {"ouhai-2023", "ouhai-2024", "ouhai-2025"}
    result = CliRunner().invoke(cli, ["validate", str(path), "--lang", "en", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "Checking" in result.stderr
    assert f"warning: ouhai-2024: {seed[0].text('en')}" in result.stdout.splitlines()


def test_validate_names_the_documents_a_broken_shared_graph_breaks(stores, tmp_path):
    """A unit's Chinese name removed from the district's shared graph: every document that
    names the unit is reported, by id, and the exit code is 1."""
    from rdflib import Dataset, Literal
    from rdflib.namespace import SKOS

    dataset = Dataset()
    dataset.parse(stores["files"][".trig"], format="trig")
    unit = URIRef("https://w3id.org/dutygraph/id/ouhai/unit/development-reform-bureau")
    labels = [(s, p, o, g) for s, p, o, g in dataset.quads((unit, SKOS.prefLabel, None, None))
              if isinstance(o, Literal) and o.language == "zh"]
    assert len(labels) == 1
    dataset.remove(labels[0])
    broken = tmp_path / "broken.trig"
    dataset.serialize(broken, format="trig")
    result = CliRunner().invoke(cli, ["validate", str(broken), "--lang", "en"])
    assert result.exit_code == 1, result.output
    reported = {line.split(": ")[1] for line in result.stdout.splitlines()
                if line.startswith("violation: ")}
    assert reported == {"ouhai-2023", "ouhai-2024", "ouhai-2025"}


def test_validate_checks_the_recurring_tasks_graph_too(stores, tmp_path):
    """A pair whose similarity was edited below 0.5 in the district's recurrences graph is
    reported under that graph's IRI, and the exit code is 1."""
    from rdflib import Dataset, Literal, Namespace
    from rdflib.namespace import XSD

    dg = Namespace("https://w3id.org/dutygraph/ontology#")
    graph = "https://w3id.org/dutygraph/id/ouhai/recurrences"
    dataset = Dataset()
    dataset.parse(stores["files"][".trig"], format="trig")
    (node, _, score, g), *_ = sorted(dataset.quads((None, dg.textSimilarity, None, None)))
    assert str(g) == graph and Decimal(score) >= Decimal("0.5")
    dataset.remove((node, dg.textSimilarity, score, g))
    dataset.add((node, dg.textSimilarity, Literal("0.4", datatype=XSD.decimal), g))
    broken = tmp_path / "broken.trig"
    dataset.serialize(broken, format="trig")
    result = CliRunner().invoke(cli, ["validate", str(broken), "--lang", "en"])
    assert result.exit_code == 1, result.output
    violations = [line for line in result.stdout.splitlines() if line.startswith("violation: ")]
    assert len(violations) == 1
    assert violations[0].startswith(f"violation: {graph}: {node}: ")
    assert "text similarity, a decimal from 0.5 to 1" in violations[0]


def test_a_document_of_a_corpus_keeps_the_leaders_of_its_leader_column(tmp_path):
    """A leader named in a 牵头领导 column is only ever a subject in the document's graph
    (dg:inChargeOf): their names come from the shared graph all the same, and no other
    document's triples come with them."""
    from dutygraph.build import build

    lead_columns = REPO / "tests" / "cases" / "lead-columns" / "input.txt"
    files = write_corpus(build_corpus([lead_columns, SEED], jobs=1), tmp_path / "corpus")
    trig = next(f for f in files if f.suffix == ".trig")
    alone = build(lead_columns)
    graph_file = tmp_path / "alone.ttl"
    graph_file.write_bytes(alone.graph.serialize(format="turtle", encoding="utf-8"))
    document = alone.meta.id
    result = CliRunner().invoke(cli, ["table", str(trig), "--document", document])
    assert result.exit_code == 0, result.output
    assert "\t李二、王一\t" in result.stdout
    assert result.stdout == CliRunner().invoke(cli, ["table", str(graph_file)]).stdout
    store, graphs = open_corpus(trig)
    in_corpus = {(t.subject, t.predicate, t.object)
                 for t in document_triples(store, graphs[document]) if t.predicate != PUBLISHER}
    assert in_corpus == {(t.subject, t.predicate, t.object) for t in ox.parse(
        alone.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)}
    report = validate_documents(store, graphs, jobs=1)
    assert [replace(f, document="") for f in report.findings if f.document == document] == \
        alone.validation.findings


def test_a_documents_triple_terms_are_kept_and_not_looked_up():
    """A dataset from elsewhere may hold RDF 1.2 triple terms: a document's graph keeps them,
    and they are not looked up as subjects (Oxigraph refuses a triple term there)."""
    graph = ox.NamedNode("http://example.org/doc")
    store = ox.Store()
    store.add(ox.Quad(graph, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                      ox.NamedNode("https://w3id.org/dutygraph/ontology#Document"), graph))
    said = ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"),
                     ox.Literal("x"))
    store.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/says"),
                      said, graph))
    assert said in {t.object for t in document_triples(store, graph.value)}


def _own_units_table(tmp_path):
    """The unit table with 区发改局's English name changed, as a district's own table might."""
    table = (REPO / "data" / "units.csv").read_text("utf-8")
    old = "Ouhai District Development and Reform Bureau"
    assert table.count(old) == 1
    path = tmp_path / "own-units.csv"
    path.write_text(table.replace(old, "Development and Reform Commission of Ouhai"), "utf-8")
    return path


def _document_view(folder, document):
    """What the store says of DOCUMENT (its graph and its government's description of its
    units and leaders), and every catalogue query's answer on it."""
    from dutygraph.ask.graphs import open_graph

    store = open_graph(folder, document)
    triples = {str(quad) for quad in store}
    answers = {}
    for query in CATALOGUE:
        text = read_query(query)
        answers[query.name] = run_query(store, text, str(query), _params(text)).rows
    return triples, answers


def test_replacing_a_document_leaves_every_other_documents_answers_unchanged(tmp_path):
    """2024 and 2025 share their government's graph (区发改局 …). 2024 built again with a
    unit table of its own, which names 区发改局 otherwise in English: 2025's graph, its units'
    description and every catalogue answer on it stay as they were. The first document to
    describe a shared unit describes it for all; a later one adds only what is missing."""
    from .test_corpus import copy_table

    folder = tmp_path / "store"
    build_corpus([SOURCES[1], SOURCES[2]], store=folder, jobs=1).dataset.close()
    before = _document_view(folder, "ouhai-2025")
    assert any("Ouhai District Development and Reform Bureau" in t for t in before[0])
    own = copy_table(SEED, tmp_path, units=str(_own_units_table(tmp_path)))
    build_corpus([own], store=folder, jobs=1).dataset.close()
    after = _document_view(folder, "ouhai-2025")
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert not any("Development and Reform Commission" in quad for quad in _quads(folder))
