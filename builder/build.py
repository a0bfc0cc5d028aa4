"""Stage 4 — build: one article's facts as RDF, in that article's named graph.

Everything an article's graph says about a shared node (a person's type and canonical
name, a province's name) is repeated in each article that mentions it, so every named
graph is self-contained: it validates on its own, and replacing it on a re-build never
leaves another article's facts dangling. The merged graph (``graph.ttl``) is the union.
"""

from __future__ import annotations

import unicodedata

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from builder.gazetteer import Gazetteer
from builder.iris import Minter
from builder.models import ArticleFacts, OrgRef, PlaceRef, Span
from builder.namespaces import (
    DCTERMS,
    ORG,
    PG,
    PGDOC,
    PGORG,
    PGROLE,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
)
from builder.resolve import IdentityIndex, document_key, event_key, org_key

PLACE_CLASS = {"country": PG.Country, "province": PG.Province, "city": PG.City,
               "district": PG.District, "commune": PG.Commune}
EVENT_CLASS = {"Conference": PG.Conference, "Meeting": PG.Meeting, "Congress": PG.Congress,
               "Event": PG.Event}


def ascii_name(name: str) -> str:
    """"Lào Cai" -> "Lao Cai": the canonical Latin form, without diacritics."""
    name = name.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class ArticleGraph:
    """Builds the named graph of one article."""

    def __init__(self, facts: ArticleFacts, minter: Minter, gz: Gazetteer,
                 identities: IdentityIndex) -> None:
        self.facts = facts
        self.m = minter
        self.gz = gz
        self.ids = identities
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.source = facts.document.source_id
        self.article = minter.article(self.source)
        self._places_done: set[str] = set()
        self._orgs_done: set[str] = set()

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.g.add((s, p, o))

    # -- nodes -------------------------------------------------------------------------
    def place(self, unit: PlaceRef) -> URIRef:
        iri = self.m.place(unit.key)
        if unit.key in self._places_done:
            return iri
        self._places_done.add(unit.key)
        self.add(iri, RDF.type, PG.AdministrativeUnit)
        self.add(iri, RDF.type, PLACE_CLASS.get(unit.level, PG.AdministrativeUnit))
        self.add(iri, PG.canonicalName, Literal(ascii_name(unit.name)))
        self.add(iri, RDFS.label, Literal(unit.name, lang="vi"))
        if unit.code:
            self.add(iri, PG.adminCode, Literal(unit.code))
        parent = self.gz.get(unit.parent) if unit.parent else None
        if parent is not None:
            self.add(iri, PG.withinUnit, self.place(parent))
        successor = self.gz.successor.get(unit.key) if unit.level == "province" else None
        if successor and successor != unit.key and self.gz.get(successor) is not None:
            # the 2025 reform: the province became part of this one on 1 July 2025
            self.add(iri, PG.succeededBy, self.place(self.gz.get(successor)))
        return iri

    def organization(self, org: OrgRef) -> URIRef:
        key = org_key(org, self.source)
        iri = self.m.organization(key)
        if key in self._orgs_done:
            return iri
        self._orgs_done.add(key)
        self.add(iri, RDF.type, ORG.Organization)
        if org.org_type == "party-committee":
            self.add(iri, RDF.type, PG.PartyCommittee)
        if org.org_type == "emulation-group" and org.qualifier.isdigit():
            self.add(iri, RDF.type, PG.EmulationGroup)
            self.add(iri, PG.groupNumber, Literal(int(org.qualifier)))
        self.add(iri, PG.orgType, PGORG[org.org_type])
        label = org.org_type.replace("-", " ")
        if org.qualifier:
            label += f" {org.qualifier}"
        if org.jurisdiction is not None:
            self.add(iri, PG.jurisdiction, self.place(org.jurisdiction))
            label += f" of {ascii_name(org.jurisdiction.name)}"
        self.add(iri, RDFS.label, Literal(label, lang="en"))
        self.add(iri, PG.mentionedIn, self.article)
        if org.parent is not None:
            self.add(iri, ORG.subOrganizationOf, self.organization(org.parent))
        return iri

    def evidence(self, fact: URIRef, prop: URIRef | None, value: Node | None,
                 span: Span) -> None:
        ev = self.m.evidence(str(self.article), str(fact), str(prop or ""), str(value or ""),
                             str(span.start))
        self.add(fact, PG.evidence, ev)
        self.add(ev, RDF.type, PG.Evidence)
        self.add(ev, PROV.wasDerivedFrom, self.article)
        self.add(ev, PG.quote, Literal(span.sentence))
        self.add(ev, PG.startOffset, Literal(span.start, datatype=XSD.integer))
        self.add(ev, PG.endOffset, Literal(max(span.end, span.start + 1), datatype=XSD.integer))
        if prop is not None:
            self.add(ev, PG.assertedProperty, prop)
        if value is not None:
            self.add(ev, PG.assertedValue, value)

    # -- the article -------------------------------------------------------------------
    def build(self) -> Graph:
        f = self.facts
        d = f.document
        a = self.article
        self.add(a, RDF.type, PG.Article)
        self.add(a, PG.sourceId, Literal(d.source_id))
        self.add(a, DCTERMS.language, Literal(d.lang))
        if d.title:
            self.add(a, SDO.headline, Literal(d.title, lang=d.lang))
        if d.published:
            self.add(a, SDO.datePublished, Literal(d.published.isoformat(), datatype=XSD.date))
        if d.url:
            self.add(a, SDO.url, Literal(d.url))
        if d.newspaper_code:
            self.add(a, PG.newspaperCode, Literal(d.newspaper_code))
        if d.encoding not in ("utf-8",):
            self.add(a, PG.detectedEncoding, Literal(d.encoding))
        if f.about_place is not None:
            self.add(a, PG.aboutPlace, self.place(f.about_place))
        for mention in f.places:
            if mention.place.level == "country":
                continue
            iri = self.place(mention.place)
            self.add(iri, PG.mentionedIn, a)
        persons = {}
        person_keys = {}
        for person in f.persons:
            key = self.ids.person_key(person, f, self.gz)
            p = self.m.person(key)
            persons[person.name] = p
            person_keys[person.name] = key
            self.add(p, RDF.type, PG.Person)
            self.add(p, PG.canonicalName, Literal(person.name))
            if person.vi_label:
                self.add(p, RDFS.label, Literal(person.vi_label, lang="vi"))
            for surface, lang in person.surfaces:
                self.add(p, SKOS.altLabel, Literal(surface, lang=lang))
            self.add(p, PG.mentionedIn, a)
            if person.spans:
                self.evidence(p, PG.mentionedIn, a, person.spans[0])
            for post in person.posts:
                org = self.organization(post.org)
                ms = self.m.membership(key, post.role, str(org))
                self.add(ms, RDF.type, ORG.Membership)
                self.add(ms, ORG.member, p)
                self.add(ms, ORG.organization, org)
                self.add(ms, ORG.role, PGROLE[post.role])
                self.add(ms, PROV.wasDerivedFrom, a)
                self.evidence(ms, ORG.role, PGROLE[post.role], post.span)
        for i, event in enumerate(f.events):
            chairs = [person_keys[n] for n, _ in event.chairs if n in person_keys]
            e = self.m.event(event_key(f, i, chairs))
            self.add(e, RDF.type, PG.Event)
            self.add(e, RDF.type, EVENT_CLASS.get(event.kind, PG.Event))
            self.add(e, PROV.wasDerivedFrom, a)
            if event.date:
                self.add(e, SDO.startDate, Literal(event.date.isoformat(), datatype=XSD.date))
            if event.span is not None:
                self.evidence(e, None, None, event.span)
            for prop, people in ((PG.chairedBy, event.chairs), (PG.attendedBy, event.attendees)):
                for name, span in people:
                    if name in persons:
                        self.add(e, prop, persons[name])
                        self.evidence(e, prop, persons[name], span)
        for doc in f.documents:
            di = self.m.document(document_key(doc, f))
            self.add(di, RDF.type, PG.LegalDocument)
            self.add(di, PG.documentType, PGDOC[doc.doc_type])
            self.add(di, PG.documentNumber, Literal(doc.number))
            if doc.issued_on:
                self.add(di, PG.issuedOn, Literal(doc.issued_on.isoformat(), datatype=XSD.date))
            if doc.issuer is not None:
                self.add(di, PG.issuedBy, self.organization(doc.issuer))
            self.add(di, PG.mentionedIn, a)
            self.evidence(di, PG.documentNumber, Literal(doc.number), doc.span)
        for group in f.groups:
            org = OrgRef("emulation-group", qualifier=str(group.number))
            gi = self.organization(org)
            self.evidence(gi, PG.mentionedIn, a, group.span)
        return self.g


def article_graph(facts: ArticleFacts, minter: Minter, gz: Gazetteer,
                  identities: IdentityIndex) -> Graph:
    """The named graph of one article (see :class:`ArticleGraph`)."""
    return ArticleGraph(facts, minter, gz, identities).build()



__all__ = ["article_graph", "ascii_name"]
