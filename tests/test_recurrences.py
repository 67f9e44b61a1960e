"""Tasks that recur from one year to the next (dutygraph.recurrences): the rule on small rows
written for each case, the graph it writes, and the pairs a store keeps across builds."""

from __future__ import annotations

import json
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from dutygraph.corpus import build_corpus
from dutygraph.rdf.namespaces import DEFAULT_BASE
from dutygraph.read.meta import sidecar_path
from dutygraph.recurrences import (
    Recurrence,
    find_recurrences,
    pieces,
    recurrence_nquads,
    similarity,
)

from .conftest import QUERIES
from .test_corpus import SOURCES, copy_2023, copy_table

# rdflib 7.6 warns of its own Dataset internals on every parse.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

# Plain namespaces: pytest's probing of rdflib's DefinedNamespaces warns.
DG = Namespace("https://w3id.org/dutygraph/ontology#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ID = "https://example.org/id/"
FGJ, KJJ = f"{ID}ouhai/unit/fgj", f"{ID}ouhai/unit/kjj"


def _row(document: str, task: str, text: str, unit: str = FGJ, *, district: str = "瓯海区"):
    """One row of the rows link_recurrences reads: DOCUMENT is 'id year', e.g. 'a 2024'."""
    doc_id, year = document.split()
    return (f"{ID}doc/{doc_id}", district, year, f"{ID}doc/{doc_id}/{task}", text, unit)


def _pairs(rows) -> list[tuple[str, str, str]]:
    return [(r.earlier.rsplit("/", 2)[-2] + "/" + r.earlier.rsplit("/", 1)[-1],
             r.later.rsplit("/", 2)[-2] + "/" + r.later.rsplit("/", 1)[-1], r.rounded)
            for r in find_recurrences(rows)]


def test_pieces_are_the_texts_two_character_pieces():
    assert pieces("优化营商环境") == {"优化", "化营", "营商", "商环", "环境"}
    assert pieces("优") == frozenset()


def test_similarity_is_dices_coefficient_of_the_pieces():
    # 全区生产总值增长 6%左右。 (13 pieces) and …6.5%左右。 (15) share 12: 24/28.
    assert similarity(pieces("全区生产总值增长 6%左右。"),
                      pieces("全区生产总值增长 6.5%左右。")) == Fraction(24, 28)
    assert similarity(pieces("优化营商环境"), pieces("优化营商环境")) == 1
    assert similarity(pieces("优化营商环境"), pieces("发展低空经济")) == 0
    assert similarity(pieces("优"), pieces("化")) is None  # no piece either side


def test_the_similarity_is_rounded_half_up_to_three_places():
    assert Recurrence("a", "b", Fraction(13, 16)).rounded == "0.813"  # 0.8125: not 0.812
    assert Recurrence("a", "b", Fraction(6, 7)).rounded == "0.857"
    assert Recurrence("a", "b", Fraction(1)).rounded == "1"
    assert Recurrence("a", "b", Fraction(7, 10)).rounded == "0.7"


def test_a_task_recurs_the_next_year_with_a_lead_unit_in_common():
    rows = [_row("a 2024", "task-01", "发展低空经济产业"),
            _row("b 2025", "task-03", "大力发展低空经济产业")]
    assert _pairs(rows) == [("a/task-01", "b/task-03", "0.875")]


def test_half_alike_is_enough_and_less_is_not():
    # 甲乙丙丁戊己庚辛壬癸 and 甲乙丙丁戊己庚子丑寅卯辰巳午: 9 and 13 pieces, 6 shared
    # (甲乙 … 己庚): 12/22 = 0.545, kept. With 甲乙丙丁戊己庚辛壬癸天地玄黄 (13 pieces): 12/26
    # < 0.5, dropped.
    rows = [_row("a 2024", "task-01", "甲乙丙丁戊己庚辛壬癸"),
            _row("a 2024", "task-02", "甲乙丙丁戊己庚辛壬癸天地玄黄"),
            _row("b 2025", "task-01", "甲乙丙丁戊己庚子丑寅卯辰巳午")]
    assert _pairs(rows) == [("a/task-01", "b/task-01", "0.545")]


@pytest.mark.parametrize("later", [
    _row("b 2025", "task-01", "发展低空经济产业", KJJ),  # no lead unit in common
    _row("b 2026", "task-01", "发展低空经济产业"),  # not the next year
    _row("b 2025", "task-01", "发展低空经济产业", district="鹿城区"),  # another district
    _row("b 2024", "task-01", "发展低空经济产业"),  # the same year
])
def test_no_pair_without_the_rule(later):
    assert _pairs([_row("a 2024", "task-01", "发展低空经济产业"), later]) == []


def test_short_texts_alike_only_in_their_boilerplate_are_no_recurrence():
    """大力发展“银发经济”。 and 大力发展“低空经济”。 share 7 of 10 pieces (0.7), but only 4 of
    them are words (大力 力发 发展 经济; the rest hold quotes and the full stop): not enough
    text to say the same task came back."""
    rows = [_row("a 2024", "task-12", "大力发展“银发经济”。"),
            _row("b 2025", "task-04", "大力发展“低空经济”。")]
    assert _pairs(rows) == []


@pytest.mark.parametrize(("earlier", "later", "score"), [
    ("全区生产总值增长 6%左右。", "全区生产总值增长 6.5%左右。", "0.857"),  # 8 word pieces shared
    ("全区生产总值增长 6.5%左右。", "全区生产总值增长 6%以上。", "0.643"),  # 7
    ("发展低空经济产业", "大力发展低空经济产业", "0.875"),  # 7: a short text still recurs
    ("优化营商环境。", "优化营商环境。", "1"),  # 5: too short to weigh, but the same text
])
def test_real_recurrences_share_enough_text(earlier, later, score):
    rows = [_row("a 2024", "task-01", earlier), _row("b 2025", "task-01", later)]
    assert _pairs(rows) == [("a/task-01", "b/task-01", score)]


def test_two_lead_units_in_common_make_one_pair():
    rows = [_row("a 2024", "task-01", "发展低空经济产业", FGJ),
            _row("a 2024", "task-01", "发展低空经济产业", KJJ),
            _row("b 2025", "task-02", "发展低空经济产业", FGJ),
            _row("b 2025", "task-02", "发展低空经济产业", KJJ)]
    assert _pairs(rows) == [("a/task-01", "b/task-02", "1")]


def test_every_document_of_the_next_year_is_compared():
    """Two documents of one district and year (a table and its revision, say): both."""
    rows = [_row("a 2024", "task-01", "发展低空经济产业"),
            _row("b 2025", "task-01", "发展低空经济产业"),
            _row("c 2025", "task-07", "发展低空经济产业")]
    assert _pairs(rows) == [("a/task-01", "b/task-01", "1"), ("a/task-01", "c/task-07", "1")]


def test_each_pair_is_a_recurrence_in_its_governments_graph():
    earlier, later = f"{ID}doc/a/task-01", f"{ID}doc/b/task-03"
    data = recurrence_nquads([Recurrence(earlier, later, Fraction(7, 8))], f"{ID}ouhai")
    dataset = Dataset()
    dataset.parse(data=data, format="nquads")
    graph = dataset.graph(URIRef(f"{ID}ouhai/recurrences"))
    node = URIRef(f"{ID}ouhai/recurrence/a/task-01/b/task-03")
    assert set(graph) == {(node, RDF.type, DG.Recurrence),
                          (node, DG.earlierTask, URIRef(earlier)),
                          (node, DG.laterTask, URIRef(later)),
                          (node, DG.textSimilarity, Literal("0.875", datatype=XSD.decimal))}


def _recurring(dataset) -> list[tuple]:
    return list(dataset.query((QUERIES / "recurring_tasks.rq").read_text("utf-8")).rows)


def test_the_corpus_counts_the_pairs_it_linked():
    corpus = build_corpus(SOURCES, jobs=1)
    assert corpus.recurrences == len(_recurring(corpus.dataset)) == 6


def test_documents_built_into_a_store_one_build_at_a_time_recur_across_builds(tmp_path):
    """The pairs are found over every document the store holds of a district, not only those
    of the build: 2023 built first, then 2024 and 2025, give the pairs of one build."""
    store = tmp_path / "store"
    first = build_corpus(SOURCES[:1], store=store, jobs=1)
    assert first.recurrences == 0
    first.dataset.close()
    second = build_corpus(SOURCES[1:], store=store, jobs=1)
    together = build_corpus(SOURCES, jobs=1)
    assert second.recurrences == 6
    assert _recurring(second.dataset) == _recurring(together.dataset)
    second.dataset.close()


def test_a_document_built_again_takes_its_pairs_with_it(tmp_path):
    """The 2023 table rewritten so that none of its tasks recurs: built again into the store,
    its old pairs go (the store keeps no stale pair), and 2024 → 2025's stay."""
    store = tmp_path / "store"
    build_corpus(SOURCES, store=store, jobs=1).dataset.close()
    text = SOURCES[0].read_text("utf-8")
    for line in text.splitlines():
        if line[:1].isdigit() and "\t" in line:  # a task row
            number, _, units = line.split("\t")[:3]
            text = text.replace(line, "\t".join((number, f"第{number}项其他工作。", units)))
    again = build_corpus([copy_2023(tmp_path, text=text)], store=store, jobs=1)
    rows = _recurring(again.dataset)
    assert again.recurrences == len(rows) == 3
    assert {row[1] for row in rows} == {"2024"}
    again.dataset.close()


def _copy(source: Path, folder: Path, **meta) -> Path:
    """SOURCE and its sidecar copied into FOLDER as {id}.txt, the sidecar's META changed."""
    folder.mkdir(parents=True, exist_ok=True)
    document = meta.get("id") or json.loads(sidecar_path(source).read_text("utf-8"))["id"]
    return copy_table(source, folder, f"{document}.txt", **meta)


def _district(sources: list[Path], folder: Path, district: str, prefix: str, government: str):
    return [_copy(source, folder / prefix, district=district, id=f"{prefix}-{year}",
                  government_id=government)
            for source, year in zip(sources, (2023, 2024, 2025), strict=True)]


def test_districts_sharing_a_government_keep_each_others_pairs(tmp_path, monkeypatch):
    """Two districts with one government_id (the sidecar's default is 'local') share one
    recurrences graph: building one of them again into the store keeps the other's pairs,
    also when the store loads its quads in many small batches (a batch loaded before a
    district's pairs were added must not lose them)."""
    import dutygraph.ask.store

    monkeypatch.setattr(dutygraph.ask.store, "_BATCH_BYTES", 1000)
    ouhai = _district(SOURCES, tmp_path, "瓯海区", "ouhai", "local")
    lucheng = _district(SOURCES, tmp_path, "鹿城区", "lucheng", "local")
    store = tmp_path / "store"
    first = build_corpus(ouhai + lucheng, store=store, jobs=1)
    assert first.recurrences == 12
    assert Counter(row[0] for row in _recurring(first.dataset)) == {"瓯海区": 6, "鹿城区": 6}
    first.dataset.close()
    again = build_corpus(ouhai, store=store, jobs=1)
    assert again.recurrences == 6
    assert Counter(row[0] for row in _recurring(again.dataset)) == {"瓯海区": 6, "鹿城区": 6}
    again.dataset.close()


def test_a_document_moved_to_another_government_leaves_no_pair_behind(tmp_path):
    """The 2025 table built again under another government_id: its units are other bodies,
    so 2024 → 2025 recurs no more, and its old pairs are gone from the old graph too."""
    store = tmp_path / "store"
    build_corpus(SOURCES, store=store, jobs=1).dataset.close()
    moved = _copy(SOURCES[2], tmp_path / "moved", government_id="wenzhou")
    again = build_corpus([moved], store=store, jobs=1)
    rows = _recurring(again.dataset)
    assert len(rows) == len(set(rows)) == 3 and {row[1] for row in rows} == {"2023"}
    later = again.dataset.query(
        "SELECT ?later WHERE { ?r <https://w3id.org/dutygraph/ontology#laterTask> ?later }")
    assert not [row for row in later.rows if "/doc/ouhai-2025/" in row[0]]
    again.dataset.close()


def test_two_governments_with_a_district_of_one_name_file_their_pairs_apart(tmp_path):
    """Nanjing and Fuzhou each have a 鼓楼区: built together, each city's pairs are found among
    its own documents and go to its own recurrences graph (they went to one of the two)."""
    nanjing = _district(SOURCES, tmp_path, "鼓楼区", "nanjing", "nanjing")
    fuzhou = _district(SOURCES, tmp_path, "鼓楼区", "fuzhou", "fuzhou")
    corpus = build_corpus(nanjing + fuzhou, jobs=1)
    assert corpus.recurrences == len(_recurring(corpus.dataset)) == 12
    filed = corpus.dataset.query(
        "SELECT ?graph ?earlier ?later WHERE { GRAPH ?graph { "
        "?r <https://w3id.org/dutygraph/ontology#earlierTask> ?earlier ; "
        "<https://w3id.org/dutygraph/ontology#laterTask> ?later } }").rows
    by_graph = Counter(graph for graph, _, _ in filed)
    assert by_graph == {f"{DEFAULT_BASE}{city}/recurrences": 6 for city in ("nanjing", "fuzhou")}
    for graph, earlier, later in filed:
        city = graph.removeprefix(DEFAULT_BASE).split("/")[0]
        assert f"/doc/{city}-" in earlier and f"/doc/{city}-" in later


def test_building_one_citys_district_leaves_the_other_citys_of_that_name_alone(tmp_path):
    """Fuzhou's 鼓楼区 built again into a store that holds Nanjing's too: only Fuzhou's pairs
    are found again and counted; Nanjing's stay where they are."""
    nanjing = _district(SOURCES, tmp_path, "鼓楼区", "nanjing", "nanjing")
    fuzhou = _district(SOURCES, tmp_path, "鼓楼区", "fuzhou", "fuzhou")
    store = tmp_path / "store"
    build_corpus(nanjing + fuzhou, store=store, jobs=1).dataset.close()
    again = build_corpus(fuzhou, store=store, jobs=1)
    assert again.recurrences == 6
    assert len(_recurring(again.dataset)) == 12
    again.dataset.close()


class _Answers:
    """A stand-in dataset that answers link_recurrences' two questions with given rows."""

    earlier = False

    def __init__(self, led_tasks, unit_graphs):
        self.answers, self.added = [led_tasks, unit_graphs], []

    def query(self, text, origin="<query>", params=None):
        from dutygraph.ask.query import QueryResult

        return QueryResult((), tuple(self.answers.pop(0)))

    def add(self, nquads, graph="", shared_graph=""):
        self.added.append(nquads)


@pytest.mark.parametrize("graphs, problem", [
    ([], "in 0 governments' graphs"),  # typed nowhere
    ([f"{ID}doc/a"], "in 0 governments' graphs"),  # typed in a document's graph only
    ([f"{ID}ouhai/graph", f"{ID}lucheng/graph"], "in 2 governments' graphs"),
])
def test_a_lead_unit_not_in_exactly_one_governments_graph_is_an_error(graphs, problem):
    from dutygraph.errors import DutygraphError
    from dutygraph.recurrences import link_recurrences

    rows = [_row("a 2024", "task-01", "发展低空经济产业"),
            _row("b 2025", "task-01", "发展低空经济产业")]
    dataset = _Answers(rows, [(FGJ, graph) for graph in graphs] + [(KJJ, f"{ID}other")])
    with pytest.raises(DutygraphError, match=f"lead unit {FGJ} is described {problem}"):
        link_recurrences(dataset, {(f"{ID}ouhai", "瓯海区")})


def test_a_unit_no_task_leads_may_sit_in_any_graph():
    from dutygraph.recurrences import link_recurrences

    rows = [_row("a 2024", "task-01", "发展低空经济产业"),
            _row("b 2025", "task-01", "发展低空经济产业")]
    dataset = _Answers(rows, [(FGJ, f"{ID}ouhai/graph"), (KJJ, "urn:somewhere:else")])
    assert link_recurrences(dataset, {(f"{ID}ouhai", "瓯海区")}) == 1
    assert f"<{ID}ouhai/recurrences>".encode() in dataset.added[0]
