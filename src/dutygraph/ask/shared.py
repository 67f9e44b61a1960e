"""Who may change what a government's shared graph says of a unit or leader (a document's
quads in → the quads that go in).

A government's documents share one description of each of its units and leaders (names,
type, English name) in the government's graph. Documents may disagree on it: a document
with a unit table of its own names 区发改局 otherwise in English. Were the last document
built to win, building one document would change every other document's answers. So:

- the first document to describe a subject describes it for the government: in a build, the
  first in the order of the sources; in a store or on a server, whatever is there;
- a later document adds what the description lacks, a property (in a language) it has no
  value for, and changes nothing else;
- a document built again replaces its own description only of the subjects no other
  document names (and of every subject when every document naming it is built again).

A subject is keyed by the graph that describes it and its IRI; a statement by its property
and the kind of its value: a language tag, "" for a literal without one, IRI_VALUE for an IRI.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox

IRI_VALUE = "<iri>"
Key = tuple[str, str]  # (property IRI, language tag / "" / IRI_VALUE)


def statement_key(predicate, obj) -> Key:
    """The key of a statement: its property and the kind of its value."""
    if isinstance(obj, ox.Literal):
        return predicate.value, obj.language or ""
    return predicate.value, IRI_VALUE


class SharedDescriptions:
    """The statements each shared subject has, as keys, for the documents of one build."""

    def __init__(self):
        self._keys: dict[tuple[str, str], set[Key]] = {}

    def filtered(self, nquads: bytes, shared_graph: str,
                 existing: Callable[[str], set[Key]] | None = None) -> bytes:
        """NQUADS (one document's) without the lines that would change a description the
        SHARED_GRAPH already has. EXISTING(subject) gives, for a subject first met in this
        build, the keys of the description that stays (an empty set: the document describes
        it anew)."""
        if not shared_graph:
            return nquads
        ending = f" <{shared_graph}> .".encode()
        lines = nquads.splitlines(keepends=True)
        shared = [i for i, line in enumerate(lines)
                  if line.rstrip(b"\n").endswith(ending) and line.startswith(b"<")]
        if not shared:
            return nquads
        quads = ox.parse(b"".join(lines[i] for i in shared), format=ox.RdfFormat.N_QUADS)
        before: dict[tuple[str, str], set[Key]] = {}  # what was there before this document
        dropped = set()
        for index, quad in zip(shared, quads, strict=True):
            place = (shared_graph, quad.subject.value)
            if place not in before:
                if place not in self._keys:
                    self._keys[place] = set(existing(place[1])) if existing else set()
                before[place] = set(self._keys[place])
            key = statement_key(quad.predicate, quad.object)
            if key in before[place]:
                dropped.add(index)
            else:
                self._keys[place].add(key)
        if not dropped:
            return nquads
        return b"".join(line for i, line in enumerate(lines) if i not in dropped)
