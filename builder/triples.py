"""Stage 4 — build: one resolved article as RDF triples, for that article's named graph.

Build maps a :class:`~partygraph.models.ResolvedArticle` to triples and decides nothing
about identity: every key (person, organization, place, event, document) and canonical
name comes from the resolve stage (:mod:`partygraph.resolve`), every IRI from
:mod:`partygraph.iris`.

Everything an article's graph says about a shared node (a person's type and canonical
name, a province's name) is repeated in each article that mentions it, so every named
graph is self-contained: it validates on its own, and replacing it on a re-build never
leaves another article's facts dangling. The store keeps the merged graph (each fact
once) beside the article graphs.

The triples are pyoxigraph terms, not rdflib ones: they go to the Oxigraph store and to
the compiled shapes as they are, and building an rdflib ``Literal`` (which parses its
value) would cost more than the rest of this stage. :func:`article_graph` gives the
rdflib :class:`~rdflib.Graph` for callers that want one.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from partygraph import oxvocab as V
from partygraph.iris import Minter
from partygraph.models import OrgRef, ResolvedArticle, Span
from partygraph.namespaces import (
    PGDOC,
    PGORG,
    PGROLE,
    PREFIXES,
)
from partygraph.terms import OxObject, OxPredicate, OxSubject, OxTerm, OxTriple, from_ox

TYPE = V.RDF_type
PLACE_CLASS = {"country": V.PG_Country, "province": V.PG_Province,
               "city": V.PG_City, "district": V.PG_District,
               "commune": V.PG_Commune}
EVENT_CLASS = {"Conference": V.PG_Conference, "Meeting": V.PG_Meeting,
               "Congress": V.PG_Congress, "Event": V.PG_Event}
XSD_DATE, XSD_INTEGER = V.XSD_date, V.XSD_integer


def _text(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


class ArticleGraph:
    """Builds the named graph of one article."""

    def __init__(self, resolved: ResolvedArticle, minter: Minter) -> None:
        self.resolved = resolved
        self.facts = facts = resolved.facts
        self.m = minter
        self.triples: dict[OxTriple, None] = {}   # an ordered set
        self.source = facts.document.source_id
        self.article = ox.NamedNode(str(minter.article(self.source)))
        self._places: dict[str, ox.NamedNode] = {}
        self._orgs: dict[str, ox.NamedNode] = {}

    def add(self, s: OxSubject, p: OxPredicate, o: OxObject) -> None:
        self.triples[(s, p, o)] = None

    # -- nodes -------------------------------------------------------------------------
    def place(self, key: str) -> ox.NamedNode:
        done = self._places.get(key)
        if done is not None:
            return done
        resolved = self.resolved.places[key]
        unit = resolved.ref
        iri = self._places[key] = ox.NamedNode(str(self.m.place(key)))
        self.add(iri, TYPE, V.PG_AdministrativeUnit)
        self.add(iri, TYPE, PLACE_CLASS.get(unit.level, V.PG_AdministrativeUnit))
        self.add(iri, V.PG_canonicalName, _text(resolved.name))
        self.add(iri, V.RDFS_label, _text(unit.name, "vi"))
        if unit.code:
            self.add(iri, V.PG_adminCode, _text(unit.code))
        if resolved.within is not None:
            self.add(iri, V.PG_withinUnit, self.place(resolved.within))
        if resolved.successor is not None:
            # the 2025 reform: the province became part of this one on 1 July 2025
            self.add(iri, V.PG_succeededBy, self.place(resolved.successor))
        return iri

    def organization(self, org: OrgRef) -> ox.NamedNode:
        key = self.resolved.org_keys[org]
        done = self._orgs.get(key)
        if done is not None:
            return done
        iri = self._orgs[key] = ox.NamedNode(str(self.m.organization(key)))
        self.add(iri, TYPE, V.ORG_Organization)
        if org.org_type == "party-committee":
            self.add(iri, TYPE, V.PG_PartyCommittee)
        if org.org_type == "emulation-group" and org.qualifier.isdigit():
            self.add(iri, TYPE, V.PG_EmulationGroup)
            self.add(iri, V.PG_groupNumber, ox.Literal(str(int(org.qualifier)),
                                                         datatype=XSD_INTEGER))
        self.add(iri, V.PG_orgType, V.term(PGORG[org.org_type]))
        label = org.org_type.replace("-", " ")
        if org.qualifier:
            label += f" {org.qualifier}"
        if org.jurisdiction is not None:
            self.add(iri, V.PG_jurisdiction, self.place(org.jurisdiction.key))
            label += f" of {self.resolved.places[org.jurisdiction.key].name}"
        self.add(iri, V.RDFS_label, _text(label, "en"))
        self.add(iri, V.PG_mentionedIn, self.article)
        if org.parent is not None:
            self.add(iri, V.ORG_subOrganizationOf, self.organization(org.parent))
        return iri

    def evidence(self, fact: ox.NamedNode, prop: ox.NamedNode | None,
                 value: OxTerm | None, span: Span) -> None:
        ev = ox.NamedNode(str(self.m.evidence(self.article.value, fact.value,
                                      prop.value if prop is not None else "",
                                      _lexical(value), str(span.start))))
        self.add(fact, V.PG_evidence, ev)
        self.add(ev, TYPE, V.PG_Evidence)
        self.add(ev, V.PROV_wasDerivedFrom, self.article)
        self.add(ev, V.PG_quote, _text(span.sentence))
        self.add(ev, V.PG_startOffset, ox.Literal(str(span.start), datatype=XSD_INTEGER))
        self.add(ev, V.PG_endOffset,
                 ox.Literal(str(max(span.end, span.start + 1)), datatype=XSD_INTEGER))
        if prop is not None:
            self.add(ev, V.PG_assertedProperty, prop)
        if value is not None:
            self.add(ev, V.PG_assertedValue, value)

    # -- the article -------------------------------------------------------------------
    def build(self) -> list[OxTriple]:
        f = self.facts
        d = f.document
        a = self.article
        self.add(a, TYPE, V.PG_Article)
        self.add(a, V.PG_sourceId, _text(d.source_id))
        self.add(a, V.DCTERMS_language, _text(d.lang))
        if d.title:
            self.add(a, V.SDO_headline, _text(d.title, d.lang))
        if d.published:
            self.add(a, V.SDO_datePublished,
                     ox.Literal(d.published.isoformat(), datatype=XSD_DATE))
        if d.url:
            self.add(a, V.SDO_url, _text(d.url))
        if d.newspaper_code:
            self.add(a, V.PG_newspaperCode, _text(d.newspaper_code))
        if d.encoding not in ("utf-8",):
            self.add(a, V.PG_detectedEncoding, _text(d.encoding))
        if f.about_place is not None:
            self.add(a, V.PG_aboutPlace, self.place(f.about_place.key))
        for mention in f.places:
            if mention.place.level != "country":
                self.add(self.place(mention.place.key), V.PG_mentionedIn, a)
        persons = self._persons()
        self._events(persons)
        self._documents()
        for group in f.groups:
            gi = self.organization(ResolvedArticle.group_org(group))
            self.evidence(gi, V.PG_mentionedIn, a, group.span)
        return list(self.triples)

    def _persons(self) -> dict[str, tuple[str, ox.NamedNode]]:
        """Persons and their posts; name -> (person key, node)."""
        f, a = self.facts, self.article
        persons: dict[str, tuple[str, ox.NamedNode]] = {}
        for person, key in zip(f.persons, self.resolved.person_keys, strict=True):
            p = ox.NamedNode(str(self.m.person(key)))
            persons[person.name] = (key, p)
            self.add(p, TYPE, V.PG_Person)
            self.add(p, V.PG_canonicalName, _text(person.name))
            if person.vi_label:
                self.add(p, V.RDFS_label, _text(person.vi_label, "vi"))
            for surface, lang in person.surfaces:
                self.add(p, V.SKOS_altLabel, _text(surface, lang))
            self.add(p, V.PG_mentionedIn, a)
            if person.spans:
                self.evidence(p, V.PG_mentionedIn, a, person.spans[0])
            for post in person.posts:
                org = self.organization(post.org)
                ms = ox.NamedNode(str(self.m.membership(key, post.role, org.value)))
                role = V.term(PGROLE[post.role])
                self.add(ms, TYPE, V.ORG_Membership)
                self.add(ms, V.ORG_member, p)
                self.add(ms, V.ORG_organization, org)
                self.add(ms, V.ORG_role, role)
                self.add(ms, V.PROV_wasDerivedFrom, a)
                self.evidence(ms, V.ORG_role, role, post.span)
        return persons

    def _events(self, persons: dict[str, tuple[str, ox.NamedNode]]) -> None:
        f, a = self.facts, self.article
        for i, event in enumerate(f.events):
            e = ox.NamedNode(str(self.m.event(self.resolved.event_keys[i])))
            self.add(e, TYPE, V.PG_Event)
            self.add(e, TYPE, EVENT_CLASS.get(event.kind, V.PG_Event))
            self.add(e, V.PROV_wasDerivedFrom, a)
            self.add(a, V.PG_reportsEvent, e)
            if event.date:
                self.add(e, V.SDO_startDate,
                         ox.Literal(event.date.isoformat(), datatype=XSD_DATE))
            if event.span is not None:
                self.evidence(e, None, None, event.span)
            for prop, people in ((V.PG_chairedBy, event.chairs),
                                 (V.PG_attendedBy, event.attendees)):
                for name, span in people:
                    if name in persons:
                        self.add(e, prop, persons[name][1])
                        self.evidence(e, prop, persons[name][1], span)

    def _documents(self) -> None:
        f, a = self.facts, self.article
        for doc, key in zip(f.documents, self.resolved.document_keys, strict=True):
            di = ox.NamedNode(str(self.m.document(key)))
            number = _text(doc.number)
            self.add(di, TYPE, V.PG_LegalDocument)
            self.add(di, V.PG_documentType, V.term(PGDOC[doc.doc_type]))
            self.add(di, V.PG_documentNumber, number)
            if doc.issued_on:
                self.add(di, V.PG_issuedOn,
                         ox.Literal(doc.issued_on.isoformat(), datatype=XSD_DATE))
            if doc.issuer is not None:
                self.add(di, V.PG_issuedBy, self.organization(doc.issuer))
            self.add(di, V.PG_mentionedIn, a)
            self.evidence(di, V.PG_documentNumber, number, doc.span)


def _lexical(term: OxTerm | None) -> str:
    """The text an evidence IRI is hashed from (the same as rdflib's ``str(term)``)."""
    return "" if term is None else term.value


def article_triples(resolved: ResolvedArticle, minter: Minter) -> list[OxTriple]:
    """The named graph of one article, as pyoxigraph triples (see :class:`ArticleGraph`)."""
    return ArticleGraph(resolved, minter).build()


def article_graph(resolved: ResolvedArticle, minter: Minter) -> Graph:
    """The named graph of one article as an rdflib :class:`~rdflib.Graph`."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for s, p, o in article_triples(resolved, minter):
        g.add((from_ox(s), from_ox(p), from_ox(o)))
    return g


__all__ = ["article_graph", "article_triples"]
