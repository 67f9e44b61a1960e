"""Tasks that recur from one year to the next, linked once when a corpus is built (dataset →
the district's tasks and lead units → pairs and their similarity → a graph per government).

A pair is a task of one year's document and a task of the next year's document of the same
district, with a lead unit in common, whose texts are at least half alike: Dice's coefficient
over their sets of two-character pieces (2 × shared / (pieces of one + pieces of the other)),
and have enough text in common to say so: at least MIN_SHARED_WORD_PIECES shared pieces of
two word characters (Han, letters, digits), or the same pieces altogether. Short texts are
otherwise alike in their boilerplate alone: 大力发展“银发经济”。 and 大力发展“低空经济”。 share
7 of 10 pieces (0.7), but only 4 of them are words, and they are two tasks.
Each pair is a dg:Recurrence in the named graph {base}{government_id}/recurrences, which
queries/recurring_tasks.rq reads.

Why at build time and not in the query: in SPARQL the 500-document corpus took 10–16 s (string
functions cost about 1.6 µs a piece on Oxigraph, and there are millions of pieces); here the
same pairs take about 2 s, once, and the query is a lookup (docs/performance.md).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from rdflib import Literal, URIRef

from dutygraph.errors import DutygraphError
from dutygraph.rdf.iris import GOVERNMENT, GOVERNMENT_GRAPH
from dutygraph.rdf.namespaces import DG, RDF, XSD
from dutygraph.rdf.ntriples import term_text
from dutygraph.rdf.queries import internal_query
from dutygraph.read.similarity import pieces, similarity

MIN_SIMILARITY = Fraction(1, 2)
# Enough text to compare: shared pieces of two word characters, about a phrase of seven
# characters. benchmarks/recurring_tasks_in_sparql.rq applies the same rule and characters.
MIN_SHARED_WORD_PIECES = 6
WORD_PIECE = re.compile("[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9\uff10-\uff19\uff21-\uff3a"
                        "\uff41-\uff5a]{2}")
RECURRENCES_GRAPH = "{government}/recurrences"
RECURRENCE = "{government}/recurrence/{earlier}/{later}"
# A government's units are described in its graph {government}/graph.
_SHARED_GRAPH_SUFFIX = GOVERNMENT_GRAPH.removeprefix(GOVERNMENT)

# Every document of the given districts, its tasks' texts and lead units: one row per task and
# lead unit. A task without a lead unit cannot recur (a lead unit in common is the rule).
_LED_TASKS = internal_query("recurrences-led-tasks")
# Each district's lead units, whose graphs say which government the district is.
_DISTRICT_UNITS = internal_query("recurrences-district-units")
# The graph that describes each unit: its government's. Asked apart, once per graph: joined to
# the rows above, rdflib looked through every graph for each row.
_UNIT_GRAPHS = internal_query("recurrences-unit-graphs")


@dataclass(frozen=True)
class Recurrence:
    """A task of one year (EARLIER) that recurs in the next year's task LATER (their IRIs)."""

    earlier: str
    later: str
    similarity: Fraction

    @property
    def rounded(self) -> str:
        """The similarity to 3 places, half up, as SPARQL's ROUND does, without trailing
        zeros: 0.7, 1 (as the query printed it when it computed the score)."""
        value = Decimal(self.similarity.numerator) / Decimal(self.similarity.denominator)
        return f"{value.quantize(Decimal('0.001'), rounding=ROUND_HALF_UP).normalize():f}"


def enough_in_common(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two texts' pieces share enough words to be compared: MIN_SHARED_WORD_PIECES
    pieces of two word characters, or every piece (the same text, however short)."""
    if first == second:
        return True
    words = sum(1 for piece in first & second if WORD_PIECE.fullmatch(piece))
    return words >= MIN_SHARED_WORD_PIECES


def find_recurrences(rows: Iterable[tuple]) -> list[Recurrence]:
    """The pairs, in order of their IRIs, from rows of (document, district, year, task, text,
    lead unit): every task of a document against every task of the next year's documents of
    its district that shares a lead unit with it, kept when similarity ≥ MIN_SIMILARITY and
    they have enough in common (enough_in_common)."""
    documents: dict[str, tuple[str, int]] = {}
    texts: dict[str, str] = {}
    led: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for document, district, year, task, text, unit in rows:
        documents[document] = (str(district), int(str(year)[:4]))
        texts[task] = str(text)
        led[document][str(unit)].append(task)
    of_year: dict[tuple[str, int], list[str]] = defaultdict(list)
    for document, place in documents.items():
        of_year[place].append(document)
    task_pieces: dict[str, frozenset[str]] = {}

    def pieces_of(task: str) -> frozenset[str]:  # each task's once: a task is in many pairs
        if task not in task_pieces:
            task_pieces[task] = pieces(texts[task])
        return task_pieces[task]

    found = []
    for (district, year), earlier_documents in of_year.items():
        for earlier in earlier_documents:
            for later in of_year.get((district, year + 1), ()):
                for first, second in _sharing_a_lead_unit(led[earlier], led[later]):
                    ones, others = pieces_of(first), pieces_of(second)
                    score = similarity(ones, others)
                    if (score is not None and score >= MIN_SIMILARITY
                            and enough_in_common(ones, others)):
                        found.append(Recurrence(first, second, score))
    return sorted(found, key=lambda r: (r.earlier, r.later))


def _sharing_a_lead_unit(earlier: dict[str, list[str]], later: dict[str, list[str]]):
    """(earlier task, later task) for each pair led by one unit, each pair once."""
    pairs = set()
    for unit, tasks in earlier.items():
        for second in later.get(unit, ()):
            pairs.update((first, second) for first in tasks)
    return pairs


def recurrence_nquads(recurrences: Iterable[Recurrence], government: str) -> bytes:
    """The pairs as N-Quads in the GOVERNMENT's recurrences graph (GOVERNMENT is the IRI its
    graphs start with, {base}{government_id})."""
    into = f" <{RECURRENCES_GRAPH.format(government=government)}> .\n"
    lines = []
    for recurrence in recurrences:
        node = term_text(URIRef(RECURRENCE.format(government=government,
                                                  earlier=_task_path(recurrence.earlier),
                                                  later=_task_path(recurrence.later))))
        similarity = Literal(recurrence.rounded, datatype=XSD.decimal)
        lines += [f"{node} <{RDF.type}> <{DG.Recurrence}>{into}",
                  f"{node} <{DG.earlierTask}> <{recurrence.earlier}>{into}",
                  f"{node} <{DG.laterTask}> <{recurrence.later}>{into}",
                  f"{node} <{DG.textSimilarity}> {term_text(similarity)}{into}"]
    return "".join(lines).encode("utf-8")


def _task_path(task: str) -> str:
    """…/doc/ouhai-2024/task-03-05 → ouhai-2024/task-03-05: the task's document id and name."""
    document, name = task.rsplit("/", 2)[-2:]
    return f"{document}/{name}"


def link_recurrences(dataset, districts: Iterable[tuple[str, str]],
                     built: Iterable[str] = ()) -> int:
    """Find the pairs of the DISTRICTS, each (its government's IRI, its name), among every
    document DATASET holds of them, and add them to each government's recurrences graph. The
    number of pairs.

    A district is one government's: two cities may each have a 鼓楼区. A document's government
    is the one whose graph describes its lead units (a pair has a lead unit in common, and
    units belong to one government), so another city's district of the same name is neither
    linked again nor counted.

    In a dataset that held earlier builds, every pair that touches one of these documents, or
    one of the documents BUILT (their IRIs), goes first, in whichever graph it is: a district's
    pairs are found again whole, and a document built again (renumbered, moved to another
    district or government) leaves none behind. The others stay: the pairs of the other
    districts of a government whose graph this is too."""
    districts = set(districts)
    names = " ".join(term_text(Literal(name, lang="zh"))
                     for name in sorted({name for _, name in districts}))
    if not names:
        return 0
    rows = dataset.query(_LED_TASKS.replace("{districts}", names), "<recurrences>").rows
    governments = _governments(dataset, {str(row[5]) for row in rows})
    by_government: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        government = governments[str(row[5])]
        if (government, str(row[1])) in districts:
            by_government[government].append(row)
    if dataset.earlier:
        dataset.forget_links_into(
            (str(DG.earlierTask), str(DG.laterTask)),
            {str(row[0]) for its_rows in by_government.values() for row in its_rows}
            | set(built))
    linked = 0
    for government, its_rows in sorted(by_government.items()):
        recurrences = find_recurrences(its_rows)
        dataset.add(recurrence_nquads(recurrences, government))  # no graph: none is cleared
        linked += len(recurrences)
    return linked


def districts_in(dataset) -> set[tuple[str, str]]:
    """Every district of DATASET with a led task, as (its government's IRI, its name): what
    link_recurrences takes to link a whole dataset again."""
    rows = dataset.query(_DISTRICT_UNITS, "<recurrences>").rows
    governments = _governments(dataset, {str(unit) for unit, _ in rows})
    return {(governments[str(unit)], str(district)) for unit, district in rows}


def _governments(dataset, units: set[str]) -> dict[str, str]:
    """Each of the UNITS (IRIs) with its government's IRI, from the graph that describes it."""
    found: dict[str, set[str]] = defaultdict(set)
    for unit, shared in dataset.query(_UNIT_GRAPHS, "<recurrences>").rows:
        if str(unit) in units:
            government = _government_of(str(shared))
            if government:
                found[str(unit)].add(government)
    for unit in sorted(units):
        if len(found[unit]) != 1:
            raise DutygraphError(f"the lead unit {unit} is described in {len(found[unit])} "
                                 "governments' graphs, not one: the dataset is not as "
                                 "dutygraph builds it")
    return {unit: next(iter(governments)) for unit, governments in found.items()}


def _government_of(graph: str) -> str:
    """{base}{government_id}/graph → {base}{government_id}; another graph (a document's) is
    no government's: ""."""
    return graph.removesuffix(_SHARED_GRAPH_SUFFIX) if graph.endswith(_SHARED_GRAPH_SUFFIX) \
        else ""
