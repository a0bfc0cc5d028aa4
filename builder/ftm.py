"""FollowTheMoney export: the graph as entities Aleph and OpenSanctions' tools load.

Investigative journalists work in Aleph, whose data model is FollowTheMoney (FtM), not
RDF. ``partygraph export --format ftm`` writes one FtM entity per line:

- ``Person`` (name, the names as written in every script as aliases);
- ``Organization``, ``PublicBody`` or ``Company`` by the body's type (``data/ftm.toml``:
  party bodies are Organizations, people's councils and committees PublicBodies), with
  its parent body;
- for each post held, a ``Position`` (the post itself: "Secretary of the party committee
  of Lao Cai") and an ``Occupancy`` (holder → post); a plain member of a body is an FtM
  ``Membership`` instead;
- ``Event`` (conferences, meetings), chaired by (``organizer``) and attended by
  (``involved``) persons;
- ``Article``: each source article, which every other entity cites as ``proof`` (with
  its ``publisher`` and ``sourceUrl`` when the article has them).

Dates: the graph knows when a post was *seen* (the first and last article stating it),
not when its term began or ended; FtM's ``startDate``/``endDate`` mean the term, so the
seen dates go to ``date`` ("a date associated with the interval that is not its start or
end"), and a journalist is not told a mandate ended when the corpus merely stopped.

Ids are FtM's ``make_id`` (a hash) of the instance IRI's kind and key, as
:meth:`partygraph.iris.Minter.parse` reads them, so an entity keeps its id across
exports and bases. Entities are validated by the library (the schema's ``validate`` and
a ``get_proxy`` round trip) and written sorted by id, values sorted, keys sorted: the
same store gives the same bytes.
"""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, BinaryIO

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from partygraph.errors import UsageError
from partygraph.iris import Minter
from partygraph.namespaces import DCTERMS, ORG, PG, PROV, SDO
from partygraph.resources import ontology_graph
from partygraph.store import GraphStore

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

_DESCRIBE = "SELECT ?s ?p ?o ?class WHERE { ?s a ?class ; ?p ?o }"
_QUOTES = ("PREFIX pg: <https://w3id.org/partygraph/ontology#> "
           "SELECT ?s ?quote ?class WHERE { ?s a ?class ; pg:evidence ?e . ?e pg:quote ?quote }")
Described = dict[URIRef, dict[URIRef, list[Node]]]


@cache
def _config() -> dict[str, Any]:
    text = resources.files("partygraph").joinpath("data/ftm.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _describe(store: GraphStore, cls: URIRef) -> Described:
    """Every node of class ``cls`` with its properties (the class is a binding)."""
    found: Described = defaultdict(lambda: defaultdict(list))
    for s, p, o, _ in store.query(_DESCRIBE, {"class": cls})[1]:
        if isinstance(s, URIRef) and isinstance(p, URIRef) and o is not None:
            found[s][p].append(o)
    return found


def _quotes(store: GraphStore, cls: URIRef) -> dict[Node | None, list[str]]:
    found: dict[Node | None, list[str]] = defaultdict(list)
    for s, quote, _ in store.query(_QUOTES, {"class": cls})[1]:
        found[s].append(str(quote))
    return found


def _label(node: Node, prop: URIRef = SKOS.prefLabel) -> str:
    """The English label of an ontology term (its local name if it has none)."""
    labels = [o for o in ontology_graph().objects(node, prop) if isinstance(o, Literal)]
    english = [str(o) for o in labels if o.language == "en"]
    return english[0] if english else str(node).rstrip("/").rsplit("/", 1)[-1]


def _first(values: list[Node]) -> str | None:
    texts = sorted(str(v) for v in values)
    return texts[0] if texts else None


class _Builder:
    """Makes the entities of one store, each keyed by the id it will be written with."""

    def __init__(self, store: GraphStore, minter: Minter) -> None:
        try:
            from followthemoney import model
        except ImportError as exc:
            raise UsageError("--format ftm needs the followthemoney library: "
                             "pip install 'partygraph[ftm]'") from exc

        self.model = model
        self.store = store
        self.minter = minter
        self.entities: dict[str, EntityProxy] = {}
        self.ids: dict[URIRef, str] = {}
        self.articles: Described = {}
        self.places: Described = {}

    def make(self, schema: str, *key: str) -> EntityProxy:
        proxy = self.model.make_entity(schema)
        proxy.make_id("partygraph", *key)
        assert proxy.id is not None
        self.entities[proxy.id] = proxy
        return proxy

    def of_iri(self, schema: str, iri: URIRef) -> EntityProxy:
        parsed = self.minter.parse(str(iri))
        proxy = self.make(schema, *(parsed or ("iri", str(iri))))
        assert proxy.id is not None
        self.ids[iri] = proxy.id
        return proxy

    def cite(self, proxy: EntityProxy, articles: list[Node]) -> None:
        """``proof``, ``publisher`` and ``sourceUrl`` of the articles stating an entity."""
        for article in articles:
            if not isinstance(article, URIRef) or article not in self.ids:
                continue
            proxy.add("proof", self.ids[article])
            facts = self.articles[article]
            proxy.add("publisher", [str(v) for v in facts.get(PG.newspaperCode, [])])
            proxy.add("sourceUrl", [str(v) for v in facts.get(PG.sourceId, [])
                                    if str(v).startswith(("http://", "https://"))])

    # -- the kinds -----------------------------------------------------------------
    def add_articles(self) -> None:
        self.articles = _describe(self.store, PG.Article)
        for iri, facts in self.articles.items():
            proxy = self.of_iri("Article", iri)
            proxy.add("title", [str(v) for v in facts.get(SDO.headline, [])])
            proxy.add("publishedAt", [str(v) for v in facts.get(SDO.datePublished, [])])
            proxy.add("language", [str(v) for v in facts.get(DCTERMS.language, [])])
            proxy.add("fileName", [str(v) for v in facts.get(PG.sourceId, [])])
            proxy.add("publisher", [str(v) for v in facts.get(PG.newspaperCode, [])])
            proxy.add("sourceUrl", [str(v) for v in facts.get(PG.sourceId, [])
                                    if str(v).startswith(("http://", "https://"))])

    def add_persons(self) -> None:
        for iri, facts in _describe(self.store, PG.Person).items():
            proxy = self.of_iri("Person", iri)
            proxy.add("name", [str(v) for v in facts.get(PG.canonicalName, [])])
            proxy.add("alias", [str(v) for v in facts.get(SKOS.altLabel, [])])
            proxy.add("country", _config()["country"])
            self.cite(proxy, facts.get(PG.mentionedIn, []))

    def add_organizations(self) -> Described:
        schema_of = {t: name for name, types in _config()["schemata"].items() for t in types}
        orgs = _describe(self.store, ORG.Organization)
        self.places = _describe(self.store, PG.AdministrativeUnit)
        for iri, facts in orgs.items():
            kind = _first(facts.get(PG.orgType, [])) or ""
            proxy = self.of_iri(schema_of.get(kind.rsplit("/", 1)[-1], "Organization"), iri)
            proxy.add("name", [str(v) for v in facts.get(RDFS.label, [])])
            if kind:
                proxy.add("classification", _label(URIRef(kind)))
            proxy.add("country", _config()["country"])
            self.cite(proxy, facts.get(PG.mentionedIn, []))
        for iri, facts in orgs.items():     # parents, once every body has its id
            for parent in facts.get(ORG.subOrganizationOf, []):
                if isinstance(parent, URIRef) and parent in self.ids:
                    self.entities[self.ids[iri]].add("parent", self.ids[parent])
        return orgs

    def add_posts(self, orgs: Described) -> None:
        members = frozenset(_config()["membership"]["roles"])
        quotes = _quotes(self.store, ORG.Membership)
        for iri, facts in _describe(self.store, ORG.Membership).items():
            person, org = _first(facts.get(ORG.member, [])), _first(facts.get(ORG.organization, []))
            role = _first(facts.get(ORG.role, []))
            if not (person and org and role) or URIRef(person) not in self.ids \
                    or URIRef(org) not in self.ids:
                continue
            role_key = role.rsplit("/", 1)[-1]
            if role_key in members:
                proxy = self.of_iri("Membership", iri)
                proxy.add("member", self.ids[URIRef(person)])
                proxy.add("organization", self.ids[URIRef(org)])
                proxy.add("role", _label(URIRef(role)))
            else:
                proxy = self.of_iri("Occupancy", iri)
                proxy.add("holder", self.ids[URIRef(person)])
                proxy.add("post", self._position(URIRef(role), URIRef(org), orgs))
            proxy.add("date", [str(v) for v in facts.get(PG.firstSeen, [])
                               + facts.get(PG.lastSeen, [])])
            proxy.add("description", quotes.get(iri, []))
            self.cite(proxy, facts.get(PROV.wasDerivedFrom, []))

    def _position(self, role: URIRef, org: URIRef, orgs: Described) -> str:
        """The id of the post ``role`` in ``org`` (made on first use)."""
        parsed = self.minter.parse(str(org))
        key = ("position", str(role).rsplit("/", 1)[-1], *(parsed or ("iri", str(org))))
        probe = self.model.make_entity("Position")
        probe.make_id("partygraph", *key)
        assert probe.id is not None
        if probe.id in self.entities:
            return probe.id
        facts = orgs[org]
        proxy = self.make("Position", *key)
        org_name = _first(facts.get(RDFS.label, [])) or str(org)
        proxy.add("name", _config()["position_name"].format(role=_label(role),
                                                             organization=org_name))
        proxy.add("organization", self.ids[org])
        proxy.add("country", _config()["country"])
        for place in facts.get(PG.jurisdiction, []):
            names = self.places.get(place, {}).get(PG.canonicalName, []) \
                if isinstance(place, URIRef) else []
            proxy.add("subnationalArea", [str(n) for n in names])
        self.cite(proxy, facts.get(PG.mentionedIn, []))
        return proxy.id or ""

    def add_events(self) -> None:
        quotes = _quotes(self.store, PG.Event)
        for iri, facts in _describe(self.store, PG.Event).items():
            proxy = self.of_iri("Event", iri)
            kinds = sorted(_label(t, RDFS.label) for t in facts.get(RDF.type, [])
                           if t != PG.Event and str(t).startswith(str(PG._NS)))
            dates = sorted(str(v) for v in facts.get(SDO.startDate, []))
            proxy.add("name", " ".join([*(kinds or [_label(PG.Event, RDFS.label)]), *dates]))
            proxy.add("startDate", dates)
            proxy.add("country", _config()["country"])
            proxy.add("organizer", self._ids(facts.get(PG.chairedBy, [])))
            proxy.add("involved", self._ids(facts.get(PG.attendedBy, [])))
            proxy.add("description", quotes.get(iri, []))
            self.cite(proxy, facts.get(PROV.wasDerivedFrom, []))

    def _ids(self, nodes: list[Node]) -> list[str]:
        return [self.ids[n] for n in nodes if isinstance(n, URIRef) and n in self.ids]


def entities(store: GraphStore, base: str) -> list[dict[str, Any]]:
    """The FtM entities of ``store`` (IRIs minted under ``base``) as dicts, validated,
    sorted by id, each value list sorted."""
    builder = _Builder(store, Minter(base))
    builder.add_articles()
    builder.add_persons()
    orgs = builder.add_organizations()
    builder.add_posts(orgs)
    builder.add_events()
    return [validated(builder.model, p) for _, p in sorted(builder.entities.items())]


def validated(model: Any, proxy: EntityProxy) -> dict[str, Any]:
    """``proxy`` as a dict with sorted values, checked by the library: the schema
    accepts it, and reading it back gives the same entity."""
    data = proxy.to_dict()
    data["properties"] = {k: sorted(v) for k, v in sorted(data["properties"].items())}
    error = proxy.schema.validate({"properties": data["properties"]})
    if error:
        raise ValueError(f"FtM entity {proxy.id} ({proxy.schema.name}) is not valid: {error}")
    again = model.get_proxy(data, cleaned=False).to_dict()
    if {k: sorted(v) for k, v in again["properties"].items()} != data["properties"]:
        raise ValueError(f"FtM entity {proxy.id} does not read back as written")
    return data


def lines(store: GraphStore, base: str) -> Iterator[bytes]:
    """One JSON object a line, keys sorted: FtM's line-delimited entity format."""
    for data in entities(store, base):
        yield (json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def write(sink: BinaryIO, store: GraphStore, base: str) -> None:
    for line in lines(store, base):
        sink.write(line)


__all__ = ["entities", "lines", "validated", "write"]
