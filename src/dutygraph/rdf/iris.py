"""Readable, stable IRIs, minted from ASCII ids and positions, never from Chinese text (a
leader's from the pinyin and a short hash of the name: person_id)."""

from __future__ import annotations

import hashlib
import unicodedata

import pyoxigraph as ox
from pypinyin import lazy_pinyin
from rdflib import Namespace, URIRef

from dutygraph.errors import DutygraphError
from dutygraph.read.units import Unit

# The IRI a government's graphs and nodes start with, and its shared graph (units, leaders).
GOVERNMENT = "{base}{government_id}"
GOVERNMENT_GRAPH = GOVERNMENT + "/graph"
# The government as a body: the publisher of its documents (dcterms:publisher in a corpus).
PUBLISHER = GOVERNMENT + "/government"


class IriMinter:
    """The IRIs of one document's graph under a base such as https://example.org/id/."""

    def __init__(self, base: str, government_id: str, document_id: str):
        check_base(base)
        self.document_iri = URIRef(f"{base}doc/{document_id}")
        # Units and leaders belong to a government, not a document: the same bureau in two
        # years of one district is one node.
        self.unit_ns = Namespace(f"{base}{government_id}/unit/")
        self.person_ns = Namespace(f"{base}{government_id}/person/")
        self.doc_ns = Namespace(f"{self.document_iri}/")

    def prefixes(self) -> dict[str, Namespace]:
        """Prefixes for the data namespaces, so the Turtle reads unit:… and doc:…"""
        return {"unit": self.unit_ns, "person": self.person_ns, "doc": self.doc_ns}

    def section(self, position: int) -> URIRef:
        return self.doc_ns[f"section-{position:02d}"]

    def task(self, section_position: int, number: int) -> URIRef:
        return self.doc_ns[f"task-{section_position:02d}-{number:02d}"]

    def assignment(self, section_position: int, number: int, unit_position: int) -> URIRef:
        return self.doc_ns[f"task-{section_position:02d}-{number:02d}-unit-{unit_position:02d}"]

    def unit(self, unit: Unit) -> URIRef:
        return self.unit_ns[unit.id]

    def person(self, name: str) -> URIRef:
        """A leader's IRI: the government's, and person_id of the name as written."""
        return self.person_ns[person_id(name)]


def check_base(base: str) -> str:
    """BASE, if it can begin every IRI of a graph; else DutygraphError says why. Every IRI
    minted here is the base and checked ASCII ids, so the writers need not check each IRI
    again (corpus.document_nquads does not)."""
    if not base.endswith(("/", "#")):
        raise DutygraphError(f"the base IRI {base!r} must end with '/' or '#'")
    try:
        ox.NamedNode(base)
    except ValueError as error:
        raise DutygraphError(f"the base IRI {base!r} is not an IRI: {error}") from None
    return base


def person_id(name: str) -> str:
    """刘云峰 → liu-yun-feng-a3c2e1: the pinyin, to be read, and the first 6 hex digits of the
    sha256 of the name (UTF-8, NFC), to tell apart names that sound alike (刘云锋 is
    liu-yun-feng-…, another person). A person is their name as written, within a government:
    the id depends on nothing else, so documents built apart give a person one IRI, and a
    rule such as "-2 for the second liu-yun-feng" (which depends on the order names are met)
    could not. Two names share an id only if their pinyin and 24 bits of hash agree."""
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()
    return f"{person_slug(name)}-{digest[:PERSON_HASH_DIGITS]}"


PERSON_HASH_DIGITS = 6


def person_slug(name: str) -> str:
    """林仕德 → lin-shi-de (characters without pinyin are dropped)."""
    return "-".join(s.lower() for s in _syllables(name)) or "person"


# Two-character surnames: 欧阳明德 is Ouyang Mingde, not Ou Yangmingde.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "夏侯",
    "长孙", "令狐", "宇文", "端木", "独孤", "南宫", "西门", "轩辕", "澹台", "公冶", "申屠",
)


def pinyin_name(name: str) -> str:
    """林仕德 → Lin Shide: the usual romanisation, surname first."""
    surname_length = 2 if name[:2] in COMPOUND_SURNAMES else 1
    surname, given = _syllables(name[:surname_length]), _syllables(name[surname_length:])
    return " ".join(part.capitalize() for part in ("".join(surname), "".join(given)) if part)


def _syllables(name: str) -> list[str]:
    return [s for s in lazy_pinyin(name, errors="ignore") if s.isascii() and s.isalnum()]
