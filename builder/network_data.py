"""What the network projections read from the store: a handful of SELECTs over the merged
graph, loaded once into plain records (:class:`Snapshot`).

Why a snapshot rather than one SPARQL query per projection and filter: the projections
(organizational, co-attendance, ego) and their filters (province, organization type,
date, language) combine freely, and each SELECT here is a scan of one or two
properties, whose answer is a small multiple of the graph's entities. Fetching them once
and filtering in Python costs one pass over the store whatever the combination, and keeps
the SPARQL free of optional parameters (no text is ever spliced into it: the queries have
none). Every list is sorted, so the graphs made from a snapshot are built in one order
(networkx's Louvain and the layouts depend on it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from partygraph.store import GraphStore

_PREFIXES = """PREFIX pg: <https://w3id.org/partygraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
# The posts (org:Membership), then the articles stating each: one query each, because
# the join with the articles' languages and evidence in one query costs 7x as much at
# 10,000 articles (each post is stated by ~20 articles). The evidence sentence is read per
# post shown (QUOTE), not for every statement of every post.
POSTS = _PREFIXES + """SELECT ?m ?person ?role ?org ?first ?last WHERE {
  ?m org:member ?person ; org:role ?r ; org:organization ?org .
  OPTIONAL { ?m pg:firstSeen ?f }
  OPTIONAL { ?m pg:lastSeen ?l }
  BIND(STRAFTER(STR(?r), "/role/") AS ?role)
  BIND(STR(?f) AS ?first)
  BIND(STR(?l) AS ?last)
}"""
POST_SOURCES = _PREFIXES + """SELECT ?m ?source WHERE {
  ?m org:member ?person ; prov:wasDerivedFrom ?source
}"""
SOURCES = _PREFIXES + """SELECT ?source ?lang ?about WHERE {
  ?source dcterms:language ?lang OPTIONAL { ?source pg:aboutPlace ?about }
}"""
QUOTE = _PREFIXES + """SELECT ?m ?source ?quote WHERE {
  ?m pg:evidence ?ev . ?ev prov:wasDerivedFrom ?source ; pg:quote ?quote
}"""
ORGS = _PREFIXES + """SELECT ?org ?type ?unit WHERE {
  ?org pg:orgType ?t .
  OPTIONAL { ?org pg:jurisdiction ?unit }
  BIND(STRAFTER(STR(?t), "/orgtype/") AS ?type)
}"""
PARENTS = _PREFIXES + "SELECT ?org ?parent WHERE { ?org org:subOrganizationOf ?parent }"
UNITS = _PREFIXES + """SELECT ?unit ?within ?province WHERE {
  ?unit a pg:AdministrativeUnit .
  OPTIONAL { ?unit pg:withinUnit ?within }
  OPTIONAL { ?unit a pg:Province BIND("1" AS ?province) }
}"""
NAMES = _PREFIXES + "SELECT ?node ?name WHERE { ?node pg:canonicalName ?name }"
LABELS = _PREFIXES + """SELECT ?node ?label ?lang WHERE {
  { ?node rdfs:label ?label } UNION { ?node skos:altLabel ?label }
  BIND(LANG(?label) AS ?lang)
}"""
EVENTS = _PREFIXES + """SELECT ?event ?person ?how WHERE {
  { ?event pg:chairedBy ?person BIND("chaired" AS ?how) }
  UNION { ?event pg:attendedBy ?person BIND("attended" AS ?how) }
}"""
EVENT_DATES = _PREFIXES + """SELECT ?event ?date WHERE {
  ?event schema:startDate ?d BIND(STR(?d) AS ?date)
}"""
EVENT_SOURCES = _PREFIXES + """SELECT ?event ?source WHERE {
  ?source pg:reportsEvent ?event
}"""
HEADLINES = _PREFIXES + """SELECT ?source ?headline ?lang WHERE {
  ?source schema:headline ?headline BIND(LANG(?headline) AS ?lang)
}"""


@dataclass(frozen=True)
class PostSource:
    """One article stating a post, in its language."""

    source: str
    lang: str


@dataclass
class Post:
    iri: str
    person: str
    role: str
    org: str
    start: str
    end: str
    sources: list[PostSource] = field(default_factory=list)


@dataclass
class Event:
    iri: str
    date: str
    chairs: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    langs: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)


@dataclass
class Snapshot:
    """The store's persons, posts, organizations, places and events, as records keyed by
    IRI (``names``: canonical names; ``labels``: node → {lang: label})."""

    posts: dict[str, Post]
    org_types: dict[str, str]
    jurisdiction: dict[str, str]
    parents: dict[str, list[str]]
    within: dict[str, list[str]]
    provinces: set[str]
    units: set[str]
    names: dict[str, str]
    labels: dict[str, dict[str, str]]
    events: dict[str, Event]
    languages: set[str]
    store: GraphStore

    def quote(self, post: str, source: str) -> str:
        """The evidence sentence by which ``source`` states ``post`` ("" if none)."""
        found = self.store.query_text(QUOTE, {"m": URIRef(post), "source": URIRef(source)})[1]
        return min(row[2] for row in found) if found else ""

    def province_of(self, unit: str) -> str:
        """The province a unit is, or lies within ("" if none is known)."""
        seen: set[str] = set()
        todo = [unit]
        while todo:
            here = todo.pop(0)
            if here in self.provinces:
                return here
            if here not in seen:
                seen.add(here)
                todo += self.within.get(here, [])
        return ""

    def name(self, node: str) -> str:
        """The canonical name, else the English label, else any label, else the IRI."""
        if node in self.names:
            return self.names[node]
        labels = self.labels.get(node, {})
        return labels.get("en") or next(iter(sorted(labels.values())), "") or node


def load(store: GraphStore) -> Snapshot:
    """Read the snapshot: a SELECT per property group over the merged graph."""
    def rows(sparql: str) -> list[tuple[str, ...]]:
        return sorted(store.query_text(sparql)[1])

    posts = {m: Post(m, person, role, org, first, last)
             for m, person, role, org, first, last in rows(POSTS)}
    langs: dict[str, str] = {}
    about: dict[str, set[str]] = defaultdict(set)
    for source, lang, place in rows(SOURCES):
        langs[source] = lang
        if place:
            about[source].add(place)
    for m, source in rows(POST_SOURCES):
        if m in posts:
            posts[m].sources.append(PostSource(source, langs.get(source, "")))
    org_types: dict[str, str] = {}
    jurisdiction: dict[str, str] = {}
    for org, kind, unit in rows(ORGS):
        org_types.setdefault(org, kind)
        if unit:
            jurisdiction.setdefault(org, unit)
    parents: dict[str, list[str]] = defaultdict(list)
    for org, parent in rows(PARENTS):
        parents[org].append(parent)
    within: dict[str, list[str]] = defaultdict(list)
    provinces: set[str] = set()
    units: set[str] = set()
    for unit, up, province in rows(UNITS):
        units.add(unit)
        if up and up not in within[unit]:
            within[unit].append(up)
        if province:
            provinces.add(unit)
    names = {node: name for node, name in rows(NAMES)}
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for node, label, lang in rows(LABELS):
        labels[node].setdefault(lang or "und", label)
    headlines: dict[str, dict[str, str]] = defaultdict(dict)
    for source, headline, lang in rows(HEADLINES):
        headlines[source].setdefault(lang or "und", headline)
    events: dict[str, Event] = {}
    for iri, person, how in rows(EVENTS):
        event = events.setdefault(iri, Event(iri, ""))
        group = event.chairs if how == "chaired" else event.attendees
        if person not in group:
            group.append(person)
    for iri, day in rows(EVENT_DATES):
        if iri in events and not events[iri].date:
            events[iri].date = day
    for iri, source in rows(EVENT_SOURCES):
        if iri not in events:
            continue
        event = events[iri]
        event.sources.append(source)
        if langs.get(source):
            event.langs.add(langs[source])
        event.places |= about.get(source, set())
        for k, v in headlines.get(source, {}).items():
            labels[iri].setdefault(k, v)
    languages = {s.lang for p in posts.values() for s in p.sources if s.lang}
    languages |= {lang for e in events.values() for lang in e.langs}
    return Snapshot(posts, org_types, jurisdiction, dict(parents), dict(within), provinces,
                    units, names, dict(labels), events, languages, store)
