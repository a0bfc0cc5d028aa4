"""The search box: names in any script, matched the way ``partygraph query`` matches a
name parameter.

A query is first resolved by :func:`partygraph.names.canonical_names`, the lookup the
named queries use ("Nguyễn Thanh Nam", "nguyen thanh nam" and "Нгуен Тхань Нам" all give
"Nguyen Thanh Nam"): the entities with that canonical name come first. Then partial
matches: every entity one of whose names (canonical name, labels, the surface forms of
``skos:altLabel`` in every language), read by :func:`partygraph.names.name_key`, holds
the query's words (the last one as a prefix, so a half-typed name finds). The folded
names are indexed once, on the first search (the store does not change while serving).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal

from partygraph.names import canonical_names, name_key
from partygraph.serve.sparql import Deadline
from partygraph.store import GraphStore

_NAMES = """
PREFIX pg: <https://w3id.org/partygraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?s ?n WHERE {
  { ?s pg:canonicalName ?n } UNION { ?s rdfs:label ?n } UNION { ?s skos:altLabel ?n }
  FILTER(isIRI(?s))
}"""
_BY_CANONICAL = """
SELECT ?s ?n WHERE { ?s <https://w3id.org/partygraph/ontology#canonicalName> ?n }"""
RESULTS = 50


@dataclass(frozen=True)
class Hit:
    """An entity found: its IRI, and the name it was found by."""

    iri: str
    name: str
    exact: bool


class NameIndex:
    """Every name of the store, folded, for partial matches (built on first use)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._entries: list[tuple[tuple[str, ...], str, str]] | None = None
        self._lock = threading.Lock()

    def entries(self) -> list[tuple[tuple[str, ...], str, str]]:
        """(folded words, name, IRI) of every name, sorted."""
        with self._lock:
            if self._entries is None:
                result = self.store.run(_NAMES)
                assert isinstance(result, ox.QuerySolutions)
                found = set()
                for sol in result:
                    iri, name = sol["s"], sol["n"]
                    if iri is not None and name is not None:
                        found.add((tuple(name_key(name.value).split()), name.value, iri.value))
                self._entries = sorted(found)
            return self._entries

    def search(self, text: str, deadline: Deadline, limit: int = RESULTS) -> list[Hit]:
        """Entities named ``text`` (exact canonical matches first), then partial ones."""
        words = name_key(text).split()
        if not words:
            return []
        hits: dict[str, Hit] = {}
        for canonical in canonical_names(self.store, text):
            result = self.store.run(_BY_CANONICAL, {"n": Literal(canonical)})
            assert isinstance(result, ox.QuerySolutions)
            for sol in result:
                iri = sol["s"]
                if iri is not None:
                    hits.setdefault(iri.value, Hit(iri.value, canonical, True))
        *whole, last = words
        for key, name, iri in self.entries():
            if len(hits) >= limit:
                break
            deadline.check()
            if iri not in hits and all(w in key for w in whole) \
                    and any(k.startswith(last) for k in key):
                hits[iri] = Hit(iri, name, False)
        return list(hits.values())
