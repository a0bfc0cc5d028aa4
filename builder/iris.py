"""The one place where instance IRIs are minted.

IRIs are functions of content, never of run order or counters, so the same input gives
the same IRIs on every run and on every machine. Each kind has its own path segment
under the base (``https://w3id.org/partygraph/id/`` by default).

rdflib is imported when a :class:`Minter` is made, not with this module: the query path
(store, queries, the CLI) parses and tests IRIs as strings and starts faster without it.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from partygraph.errors import BaseIRIError
from partygraph.folding import fold_key

if TYPE_CHECKING:
    from rdflib import URIRef

DEFAULT_BASE = "https://w3id.org/partygraph/id/"

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_QUARANTINE = re.compile(r"(?:^|[/#])quarantine/[^/#]+$")
TIMELINE_KEY = "_timeline"
_ARTICLE_SCOPED = frozenset(("evidence", "article"))
_KINDS = frozenset(("article", "graph", "quarantine", "person", "place", "org", "membership",
                    "event", "document", "evidence", "dataset"))
_ARTICLE_GRAPH = re.compile(r"(?P<base>.+[/#])(?:graph|quarantine)/[^/#]+")
#: The software that writes the datasets (PAV's createdWith), one IRI per version.
SOFTWARE = "https://w3id.org/partygraph/software/"
_BASE = re.compile(r"https?://[^/?#\s<>\"{}|\\^`]+(?:/[^\s<>\"{}|\\^`]*)?[/#]")


def check_base(base: str) -> str:
    """``base`` if it can prefix instance IRIs: an absolute http(s) IRI with a host, that
    ends in ``/`` or ``#`` (so that ``base + "person/…"`` is the IRI meant) and holds no
    character an IRI cannot; else :class:`~partygraph.errors.BaseIRIError`.

    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    """
    if _BASE.fullmatch(base):
        return base
    if _BASE.fullmatch(base + "/"):
        advice = f"end it with / or #: {base}/"
    elif "://" not in base:
        advice = "give an absolute http(s) IRI such as https://example.org/kg/"
    else:
        advice = "give an http(s) IRI with a host and no spaces, ending in / or #"
    raise BaseIRIError(f"--base {base!r} is not a base for IRIs: {advice}")


def slug(text: str) -> str:
    """URL-safe key of a name.

    >>> slug("Lào Cai")
    'lao-cai'
    """
    return _SLUG_DROP.sub("-", fold_key(text)).strip("-") or "x"


def digest(*parts: str, length: int = 12) -> str:
    """Short stable hash of the parts (for keys that have no readable form)."""
    h = hashlib.sha1("\x1f".join(parts).encode("utf-8"))
    return h.hexdigest()[:length]


class Minter:
    """Mints every instance IRI of a graph under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        from rdflib import Namespace  # see the module doc: not at import time

        if not base.endswith(("/", "#")):
            base += "/"
        self.base = Namespace(base)

    def _iri(self, *segments: str) -> URIRef:
        return self.base["/".join(segments)]

    def article(self, source_id: str) -> URIRef:
        return self._iri("article", article_key(source_id))

    def graph(self, source_id: str) -> URIRef:
        return self._iri("graph", article_key(source_id))

    def quarantine(self, source_id: str) -> URIRef:
        return self._iri("quarantine", article_key(source_id))

    def timeline(self) -> URIRef:
        """The shared graph of the facts computed over all articles (first and last
        dates each post was seen): no single article states them."""
        return self._iri("graph", TIMELINE_KEY)

    def article_key_of_graph(self, graph: str) -> str | None:
        """The article key of one of this base's article or quarantine graphs (the
        inverse of :meth:`graph` and :meth:`quarantine` up to the key), else None."""
        for kind in ("graph", "quarantine"):
            prefix = str(self._iri(kind, ""))
            if graph.startswith(prefix):
                key = graph[len(prefix):]
                return key if key and key != TIMELINE_KEY and "/" not in key else None
        return None

    def person(self, person_key: str) -> URIRef:
        return self._iri(PERSON_SEGMENT, person_key)

    def person_key_of(self, iri: str) -> str | None:
        """The key of one of this base's person IRIs (the inverse of :meth:`person`),
        else None."""
        prefix = str(self._iri(PERSON_SEGMENT, ""))
        if not iri.startswith(prefix):
            return None
        return iri[len(prefix):] or None

    def place(self, place_key: str) -> URIRef:
        return self._iri("place", place_key)

    def organization(self, org_key: str) -> URIRef:
        return self._iri("org", org_key)

    def membership(self, person_key: str, role: str, org_key: str) -> URIRef:
        return self._iri("membership", digest(person_key, role, org_key, length=16))

    def event(self, event_key: str) -> URIRef:
        return self._iri("event", event_key)

    def document(self, doc_key: str) -> URIRef:
        return self._iri("document", doc_key)

    def evidence(self, *parts: str) -> URIRef:
        return self._iri("evidence", digest(*parts, length=16))

    def dataset(self) -> URIRef:
        """The dataset itself, the subject of its VoID/DCAT description."""
        return self._iri("dataset")

    def partition(self, kind: str, term: str) -> URIRef:
        """A VoID class or property partition of the dataset (``kind`` is ``class`` or
        ``property``), named by a hash of the term it partitions by."""
        return self._iri("dataset", kind, digest(term))

    def distribution(self, file_name: str) -> URIRef:
        """A DCAT distribution of the dataset: one exported file."""
        return self._iri("dataset", "distribution", slug(file_name))

    def parse(self, iri: str) -> tuple[str, str] | None:
        """``(kind, key)`` of an instance IRI under this base (``("person",
        "central/nguyen-van-an")``), the inverse of the minting methods; None for an IRI
        under another base or without a kind.

        >>> Minter().parse("https://w3id.org/partygraph/id/org/party-committee/lao-cai")
        ('org', 'party-committee/lao-cai')
        """
        if not iri.startswith(str(self.base)):
            return None
        kind, _, key = iri[len(str(self.base)):].partition("/")
        return (kind, key) if kind in _KINDS and key else None


def article_key(source_id: str) -> str:
    """A readable, stable key for an article: its file stem when safe, else a hash.

    >>> article_key("000_acaa6c502574b0ff.txt")
    '000_acaa6c502574b0ff'
    """
    stem = source_id.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    if re.fullmatch(r"[A-Za-z0-9_\-]{1,80}", stem) and "/" not in source_id.rstrip("/"):
        return stem
    return f"{slug(stem)[:40]}-{digest(source_id, length=10)}"


def is_article_scoped(iri: str) -> bool:
    """Whether a node can only be described by one article: the article itself, or an
    evidence node (its IRI hashes the article's). Such a node reads the same in its
    article's graph and in the merged graph, so validating the article validated it.

    >>> is_article_scoped("https://w3id.org/partygraph/id/evidence/5a93c3f95ee3fdc6")
    True
    >>> is_article_scoped("https://w3id.org/partygraph/id/person/vn/nguyen-van-an")
    False
    """
    parts = iri.rsplit("/", 2)      # string operations: this runs for every stored line
    return len(parts) == 3 and parts[1] in _ARTICLE_SCOPED and "#" not in parts[2] \
        and bool(parts[2])


def is_private_graph(graph_iri: str) -> bool:
    """Whether a named graph stays out of the merged graph, the queries, the exports
    and the loaders: an article's quarantine graph, under any base.

    >>> is_private_graph("https://w3id.org/partygraph/id/quarantine/001_x")
    True
    >>> is_private_graph("https://example.org/kg/graph/001_x")
    False
    """
    return _QUARANTINE.search(graph_iri) is not None


PERSON_SEGMENT = "person"
_PERSON = re.compile(r"[/#]" + PERSON_SEGMENT + "/")


def person_key(iri: str) -> str:
    """The key of a person IRI under any base (what follows its last ``person/``
    segment): for readers of a store, which do not know the base it was built with.

    >>> person_key("https://w3id.org/partygraph/id/person/lao-cai/pham-toan-thang")
    'lao-cai/pham-toan-thang'
    >>> person_key("https://example.org/kg#person/central/nguyen-van-an")
    'central/nguyen-van-an'
    """
    found = list(_PERSON.finditer(iri))
    return iri[found[-1].end():] if found else iri


def base_of_graph(graph_iri: str) -> str | None:
    """The base under which an article (or quarantine) graph was minted, or None.

    >>> base_of_graph("https://example.org/kg/graph/001_x")
    'https://example.org/kg/'
    """
    found = _ARTICLE_GRAPH.fullmatch(graph_iri)
    return found.group("base") if found else None


def software(version: str) -> URIRef:
    """The IRI of one version of partygraph, the tool a dataset was made with."""
    from rdflib import URIRef  # see the module doc: not at import time

    return URIRef(f"{SOFTWARE}{version}")


_LOCAL = re.compile(r"[A-Za-z0-9_\-./~%@+]+")


def local_part(iri: str, base: str = DEFAULT_BASE) -> str | None:
    """The part of an instance IRI after ``base`` (what ``serve`` puts after ``/id/``),
    or None when the IRI is not under ``base`` or its rest is not a plain path.

    >>> local_part("https://w3id.org/partygraph/id/person/2025/lao-cai/pham-toan-thang")
    'person/2025/lao-cai/pham-toan-thang'
    >>> local_part("https://w3id.org/partygraph/role/head") is None
    True
    """
    prefix = str(Minter(base).base)
    if not iri.startswith(prefix):
        return None
    rest = iri[len(prefix):]
    return rest if _is_local(rest) else None


def from_local_part(rest: str, base: str = DEFAULT_BASE) -> URIRef | None:
    """The instance IRI whose :func:`local_part` is ``rest`` (the inverse), or None when
    ``rest`` cannot be one (empty, a ``..`` segment, a character no minted IRI holds).

    >>> from_local_part("place/lao-cai", "https://example.org/kg#")
    rdflib.term.URIRef('https://example.org/kg#place/lao-cai')
    """
    return Minter(base).base[rest] if _is_local(rest) else None


def _is_local(rest: str) -> bool:
    return bool(_LOCAL.fullmatch(rest)) and ".." not in rest.split("/") \
        and not rest.startswith("/")
