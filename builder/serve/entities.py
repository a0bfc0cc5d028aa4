"""What an entity's page shows, read from the merged graph: its kind, its label, and
its sections (posts, events, members, …) as tables of cells ready to render.

Each section is a SPARQL file of ``serve/queries/`` run with ``?this`` bound to the
entity (a substitution, never text spliced in); which sections a page has depends on
the entity's kind, read from its ``rdf:type``. Every page ends with the raw statements
about the entity, so a node of any kind (a post, an evidence node) has a page whose
links lead on. Labels come from one small query per IRI, cached: the store does not
change while ``serve`` runs (it is opened read-only).

A cell links to another page when its IRI is under the base (``/id/`` + the IRI's
:func:`partygraph.iris.local_part`); other IRIs (roles, organization types, ontology
terms) show as their prefixed or local name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from partygraph.errors import NotFoundError
from partygraph.iris import local_part
from partygraph.namespaces import ORG, PG, PREFIXES
from partygraph.serve.sparql import Deadline, capped
from partygraph.store import GraphStore
from partygraph.terms import OxObject

QUERIES = Path(__file__).with_name("queries")
SECTION_ROWS = 500          # rows shown per section; the page says when there are more
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KINDS: tuple[tuple[str, str], ...] = (      # (rdf:type, kind), the first one held wins
    (str(PG.Person), "person"), (str(ORG.Organization), "organization"),
    (str(PG.AdministrativeUnit), "place"), (str(PG.Event), "event"),
    (str(PG.LegalDocument), "document"), (str(PG.Article), "article"),
    (str(ORG.Membership), "post"), (str(PG.Evidence), "evidence"))
_NAMES = ("Names", "names")
_MENTIONED = ("Mentioned in", "mentioned-in")
SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("Posts", "person-posts"), ("Events chaired", "person-chaired"),
               ("Events attended", "person-attended"), ("Colleagues", "person-colleagues"),
               _NAMES, _MENTIONED),
    "organization": (("Part of", "org-parent"), ("Sub-organizations", "org-subs"),
                     ("Members", "org-members"), ("Documents issued", "org-documents"),
                     _NAMES, _MENTIONED),
    "place": (("Within and succession", "place-within"), ("Units within", "place-units"),
              ("Organizations", "place-organizations"), ("Articles about", "place-articles"),
              _NAMES, _MENTIONED),
    "event": (("People", "event-people"), ("Evidence", "evidence"),
              ("Reported in", "reported-in")),
    "document": (("Evidence", "evidence"), _MENTIONED),
    "article": (("Mentions", "article-entities"),),
}
HEADERS = {"first": "first seen", "last": "last seen", "via": "through", "part": "as",
           "role": "post", "issued": "issued on", "direction": "", "relation": "",
           "sentences": "sentences"}
EVIDENCE_OF = "evidenceOf"      # a column holding an evidence node: shown as its quote, article


@dataclass(frozen=True)
class Cell:
    """One value on a page: its text, a link when it has a page, the full IRI as a
    tooltip, and a literal's language (for ``lang`` and the reading direction)."""

    text: str
    href: str | None = None
    title: str | None = None
    lang: str | None = None


@dataclass
class Section:
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    more: bool = False


@dataclass
class Entity:
    iri: str
    kind: str
    label: str
    sections: list[Section] = field(default_factory=list)


@cache
def query_text(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


class Pages:
    """Entity pages over one store, under one base."""

    def __init__(self, store: GraphStore, base: str) -> None:
        self.store = store
        self.base = base
        self.label: Callable[[str], str] = lru_cache(maxsize=200_000)(self._label)

    def rows(self, name: str, iri: str, deadline: Deadline, cap: int = SECTION_ROWS
             ) -> tuple[list[str], list[tuple[OxObject | None, ...]], bool]:
        """(columns without ?this, rows, whether there were more) of a page query."""
        result = self.store.run(query_text(name), {"this": URIRef(iri)})
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        at = [i for i, n in enumerate(names) if n != "this"]
        rows, more = capped((tuple(sol[i] for i in at) for sol in result), cap, deadline)
        return [names[i] for i in at], rows, more

    def entity(self, iri: str, deadline: Deadline) -> Entity:
        """The page of ``iri``; :class:`NotFoundError` when the store says nothing of it."""
        _, facts, _ = self.rows("statements", iri, deadline, cap=1)
        if not facts:
            raise NotFoundError(f"the store holds nothing about <{iri}>; search for a name "
                                "on the home page, or check the address")
        kind = self.kind(iri, deadline)
        page = Entity(iri, kind, self.label(iri))
        for title, name in (*SECTIONS.get(kind, ()), ("Statements", "statements")):
            columns, rows, more = self.rows(name, iri, deadline)
            if EVIDENCE_OF in columns:
                columns, rows = self.quoted(columns, rows, deadline)
            if rows:
                page.sections.append(Section(
                    title, [HEADERS.get(c, c) for c in columns],
                    [[self.cell(v, c) for v, c in zip(row, columns, strict=True)]
                     for row in rows], more))
        return page

    def quoted(self, columns: list[str], rows: list[tuple[OxObject | None, ...]],
               deadline: Deadline) -> tuple[list[str], list[tuple[OxObject | None, ...]]]:
        """The :data:`EVIDENCE_OF` column replaced by the quote and article of the node
        (one small query a row: a section groups its many sentences into one row)."""
        at = columns.index(EVIDENCE_OF)
        out = []
        for row in rows:
            node = row[at]
            found: tuple[OxObject | None, ...] = (None, None)
            if isinstance(node, ox.NamedNode):
                _, hits, _ = self.rows("evidence-node", node.value, deadline, cap=1)
                found = hits[0] if hits else found
            out.append((*row[:at], *found, *row[at + 1:]))
        return [*columns[:at], "evidence", "article", *columns[at + 1:]], out

    def kind(self, iri: str, deadline: Deadline) -> str:
        _, rows, _ = self.rows("label", iri, deadline)
        types = {o.value for p, o in rows if isinstance(p, ox.NamedNode)
                 and p.value == _RDF_TYPE and isinstance(o, ox.NamedNode)}
        return next((k for t, k in KINDS if t in types), "entity")

    def cell(self, value: OxObject | None, column: str = "") -> Cell:
        if value is None:
            return Cell("")
        if isinstance(value, ox.Literal):
            return Cell(value.value, lang=value.language or None)
        if isinstance(value, ox.NamedNode):
            rest = local_part(value.value, self.base)
            if rest is not None:
                return Cell(self.label(value.value), f"/id/{rest}", value.value)
            text = qname(value.value) if column == "property" else local_name(value.value)
            return Cell(text, title=value.value)
        return Cell(str(value))

    def _label(self, iri: str) -> str:
        """What an IRI is called: its canonical name, else a label, else what its kind
        and facts make of it (an event's type and date, an article's file), else the
        part of its IRI after the base."""
        result = self.store.run(query_text("label"), {"this": URIRef(iri)})
        assert isinstance(result, ox.QuerySolutions)
        facts: dict[str, list[str]] = {}
        for sol in result:
            p, o = sol["p"], sol["o"]
            if p is not None and o is not None:
                facts.setdefault(local_name(p.value), []).append(o.value)
        for key in ("canonicalName", "label", "prefLabel", "sourceId"):
            if key in facts:
                return sorted(facts[key])[0]
        types = [local_name(t) for t in sorted(facts.get("type", []))]
        if "Event" in types:
            specific = [t for t in types if t != "Event"] or ["Event"]
            return " ".join([specific[0], *facts.get("startDate", [])])
        if "Membership" in types:
            seen = [*facts.get("firstSeen", []), *facts.get("lastSeen", [])]
            return "post " + " – ".join(sorted(set(seen))) if seen else "post"
        if "documentNumber" in facts:
            return " ".join(["No.", *facts["documentNumber"], *facts.get("issuedOn", [])])
        if "quote" in facts:
            quote = facts["quote"][0]
            return quote if len(quote) <= 80 else quote[:77] + "…"
        return local_part(iri, self.base) or iri


def local_name(iri: str) -> str:
    """The last segment of an IRI (``head`` of ``…/role/head``)."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def qname(iri: str) -> str:
    """``pg:chairedBy`` for an IRI in a namespace every output binds, else the IRI."""
    best = max(((k, str(ns)) for k, ns in PREFIXES.items() if iri.startswith(str(ns))),
               key=lambda kv: len(kv[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri
