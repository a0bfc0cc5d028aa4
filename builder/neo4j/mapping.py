"""The RDF <-> property-graph mapping (``docs/neo4j.md`` is its reference).

Two layers live in Neo4j side by side:

*statements* -- the exact RDF, for round trips and incremental loading. For every subject and
every named graph that says something about it there is one ``STATED_IN`` relationship from
the subject's node to a ``(:NamedGraph {iri})`` node; its ``st`` property lists that graph's
statements about the subject, each as N-Triples text without the subject (``<p> <o>`` or
``<p> "lexical"@lang``). Nothing else is needed to write every quad back.

*view* -- what Cypher users and the ``queries/*.cypher`` twins read, derived from the
statements by :mod:`partygraph.neo4j.views` with the names this module gives:

- a node per IRI or blank node (label ``Resource``, unique ``iri`` property; ``_:id`` for blank
  nodes), plus one label per ``rdf:type`` (``Person``, ``Membership``, ...);
- literals become properties: ``canonicalName`` (a scalar where the ontology says functional,
  else a sorted list), ``altLabel@fr`` (language-tagged: always a list, the tag in the key),
  ``xsd:integer`` / ``xsd:date`` / ``xsd:boolean`` in canonical form become Neo4j Integer /
  Date / Boolean; any other datatype is kept as its lexical form under ``name^^prefix:type``;
- IRIs of the three closed vocabularies (``org:role``, ``pg:orgType``, ``pg:documentType``) are
  properties holding the concept key (``role: "head"``), and ``pg:assertedProperty`` holds the
  property IRI: these are enumerations, as nodes they would be supernodes with one
  relationship per membership;
- every other IRI object is a relationship (``pg:chairedBy`` -> ``CHAIRED_BY``), drawn in the
  RDF direction except ``org:member``, drawn ``(:Person)-[:HOLDS]->(:Membership)``.

Terms outside the registry get ``prefix__local`` names (prefixes of
:data:`partygraph.namespaces.PREFIXES`) or, outside those namespaces, the full IRI. Every name
maps back to exactly one predicate or class, so the view alone also converts back to RDF
(:func:`~partygraph.neo4j.views.view_statements`), losslessly for data that keeps the
ontology's functional properties single-valued.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from partygraph.errors import StoreError
from partygraph.namespaces import (
    DCTERMS,
    ORG,
    PG,
    PGDOC,
    PGORG,
    PGROLE,
    PREFIXES,
    PROV,
    RDFS,
    SDO,
    SKOS,
)
from partygraph.terms import OxObject, from_ox, to_ox

RESOURCE = "Resource"
NAMED_GRAPH = "NamedGraph"
STATED_IN = "STATED_IN"
IRI_KEY = "iri"

IriValues = Literal["rel", "key", "iri"]


@dataclass(frozen=True, slots=True)
class PredicateMap:
    """How one predicate appears in the view.

    ``name`` is the property key for literal values (and for IRI values kept as properties),
    ``rel`` the relationship type for IRI values. ``iri_values`` says what an IRI object
    becomes: ``rel`` a relationship, ``key`` the concept key (the IRI minus ``scheme``) in
    property ``name``, ``iri`` the whole IRI in property ``name``.
    """

    iri: str
    name: str
    rel: str
    functional: bool = False
    reverse: bool = False
    iri_values: IriValues = "rel"
    scheme: str | None = None


def _p(term: URIRef, name: str, rel: str = "", **kw: Any) -> PredicateMap:
    return PredicateMap(str(term), name, rel or re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper(),
                        **kw)


#: Contract and ontology predicates. ``functional`` follows owl:FunctionalProperty in
#: ontology/partygraph.ttl, plus canonicalName ("the one name"), the article's language and
#: dates, which the contract gives once.
PREDICATES: tuple[PredicateMap, ...] = (
    _p(PG.sourceId, "sourceId", functional=True),
    _p(DCTERMS.language, "language", functional=True),
    _p(SDO.datePublished, "datePublished", functional=True),
    _p(PG.aboutPlace, "aboutPlace"),
    _p(PG.reportsEvent, "reportsEvent"),
    _p(PG.newspaperCode, "newspaperCode", functional=True),
    _p(PG.detectedEncoding, "detectedEncoding", functional=True),
    _p(PG.canonicalName, "canonicalName", functional=True),
    _p(PG.mentionedIn, "mentionedIn"),
    _p(PG.adminCode, "adminCode", functional=True),
    _p(PG.withinUnit, "withinUnit"),
    _p(PG.succeededBy, "succeededBy"),
    _p(PG.orgType, "orgType", functional=True, iri_values="key", scheme=str(PGORG)),
    _p(PG.jurisdiction, "jurisdiction"),
    _p(ORG.subOrganizationOf, "subOrganizationOf"),
    _p(PG.groupNumber, "groupNumber", functional=True),
    _p(ORG.member, "member", "HOLDS", reverse=True),
    _p(ORG.organization, "organization", "IN_ORGANIZATION"),
    _p(ORG.role, "role", functional=True, iri_values="key", scheme=str(PGROLE)),
    _p(ORG.memberDuring, "memberDuring"),
    _p(PG.firstSeen, "firstSeen", functional=True),
    _p(PG.lastSeen, "lastSeen", functional=True),
    _p(SDO.startDate, "startDate", functional=True),
    _p(PG.chairedBy, "chairedBy"),
    _p(PG.attendedBy, "attendedBy"),
    _p(PG.documentType, "documentType", functional=True, iri_values="key",
       scheme=str(PGDOC)),
    _p(PG.documentNumber, "documentNumber", functional=True),
    _p(PG.issuedOn, "issuedOn", functional=True),
    _p(PG.issuedBy, "issuedBy"),
    _p(PROV.wasDerivedFrom, "wasDerivedFrom", "DERIVED_FROM"),
    _p(PG.evidence, "evidence"),
    _p(PG.assertedProperty, "assertedProperty", functional=True, iri_values="iri"),
    _p(PG.assertedValue, "assertedValue", functional=True),
    _p(PG.quote, "quote", functional=True),
    _p(PG.startOffset, "startOffset", functional=True),
    _p(PG.endOffset, "endOffset", functional=True),
    _p(RDFS.label, "label"),
    _p(RDFS.comment, "comment"),
    _p(SKOS.altLabel, "altLabel"),
    _p(SKOS.prefLabel, "prefLabel"),
)

#: Contract classes -> labels (rdf:type is never inferred: a node has the labels of the
#: types stated for it, so the labels map back to exactly those triples).
CLASSES: dict[str, str] = {
    str(c): label for c, label in (
        (PG.Article, "Article"), (PG.Person, "Person"),
        (PG.AdministrativeUnit, "AdministrativeUnit"), (PG.Country, "Country"),
        (PG.Province, "Province"), (PG.City, "City"), (PG.District, "District"),
        (PG.Commune, "Commune"), (ORG.Organization, "Organization"),
        (ORG.FormalOrganization, "FormalOrganization"),
        (ORG.OrganizationalUnit, "OrganizationalUnit"), (PG.PartyCommittee, "PartyCommittee"),
        (PG.EmulationGroup, "EmulationGroup"), (ORG.Membership, "Membership"),
        (PG.Event, "Event"), (PG.Conference, "Conference"), (PG.Meeting, "Meeting"),
        (PG.Congress, "Congress"), (PG.LegalDocument, "LegalDocument"),
        (PG.Evidence, "Evidence"), (SKOS.Concept, "Concept"), (ORG.Role, "Role"),
    )
}

BY_IRI: dict[str, PredicateMap] = {p.iri: p for p in PREDICATES}
BY_NAME: dict[str, PredicateMap] = {p.name: p for p in PREDICATES}
BY_REL: dict[str, PredicateMap] = {p.rel: p for p in PREDICATES}
CLASS_BY_LABEL: dict[str, str] = {v: k for k, v in CLASSES.items()}
REVERSED_TYPES: frozenset[str] = frozenset(p.rel for p in PREDICATES if p.reverse)

_NS_PREFIX: dict[str, str] = {str(ns): prefix for prefix, ns in PREFIXES.items()}
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


# -- names ----------------------------------------------------------------------------------
def _split_iri(iri: str) -> tuple[str, str]:
    for sep in ("#", "/", ":"):
        pos = iri.rfind(sep)
        if pos >= 0:
            return iri[:pos + 1], iri[pos + 1:]
    return "", iri


def generic_name(iri: str) -> str:
    """``prefix__local`` for a term of a known namespace, else the IRI itself.

    >>> generic_name("http://purl.org/dc/terms/title")
    'dcterms__title'
    """
    ns, local = _split_iri(iri)
    prefix = _NS_PREFIX.get(ns)
    if prefix and _LOCAL.fullmatch(local):
        return f"{prefix}__{local}"
    return iri


def _from_generic(name: str) -> str:
    if "__" in name and ":" not in name:
        prefix, local = name.split("__", 1)
        if prefix in PREFIXES:
            return str(PREFIXES[prefix]) + local
    if ":" in name:
        return name
    raise StoreError(f"the Neo4j name {name!r} maps to no RDF term: it is neither one of "
                     "the mapping's names nor prefix__local nor an IRI")


def predicate_map(iri: str) -> PredicateMap:
    """The mapping of a predicate: the registry's, or a generic one."""
    found = BY_IRI.get(iri)
    if found is not None:
        return found
    name = generic_name(iri)
    return PredicateMap(iri, name, name)


def predicate_of_name(name: str) -> PredicateMap:
    """Inverse of ``predicate_map(...).name``."""
    found = BY_NAME.get(name)
    return found if found is not None else predicate_map(_from_generic(name))


def predicate_of_rel(rel_type: str) -> PredicateMap:
    """Inverse of ``predicate_map(...).rel``."""
    found = BY_REL.get(rel_type)
    return found if found is not None else predicate_map(_from_generic(rel_type))


def class_label(iri: str) -> str:
    """The label of a class: ``pg:Person`` -> ``Person``; others ``prefix__Local``/the IRI."""
    return CLASSES.get(iri) or generic_name(iri)


def class_of_label(label: str) -> str:
    """Inverse of :func:`class_label`."""
    return CLASS_BY_LABEL.get(label) or _from_generic(label)


def curie(iri: str) -> str:
    """``prefix:local`` for an IRI in a known namespace with a plain local name, else the IRI
    (the key suffix of a typed literal's property: ``name^^xsd:decimal``)."""
    ns, local = _split_iri(iri)
    prefix = _NS_PREFIX.get(ns)
    return f"{prefix}:{local}" if prefix and _LOCAL.fullmatch(local) else iri


def uncurie(text: str) -> str:
    """Inverse of :func:`curie`."""
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and _LOCAL.fullmatch(local):
        return str(PREFIXES[prefix]) + local
    return text


# -- terms ----------------------------------------------------------------------------------
def node_key(term: Node) -> str:
    """The ``iri`` property of the node of an IRI or blank node (``_:id`` for the latter:
    no IRI starts with ``_:``, so the two never collide)."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    raise StoreError(f"{term!r} is a literal: it cannot be a node")


def ox_key(term: OxObject) -> str:
    """:func:`node_key` of a pyoxigraph IRI or blank node."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise StoreError(f"{term!r} is a literal: it cannot be a node")


def key_term(key: str) -> URIRef | BNode:
    """Inverse of :func:`node_key`."""
    return BNode(key[2:]) if key.startswith("_:") else URIRef(key)


def nt_term(term: Node) -> str:
    """N-Triples text of a term (what ``STATED_IN.st`` stores): pyoxigraph's canonical form,
    the very text of the store's lines, which the loader reads without building rdflib
    terms."""
    return str(to_ox(term))


def statement_text(predicate: Node, obj: Node) -> str:
    """One entry of ``STATED_IN.st``: ``<p> o``."""
    return f"<{predicate}> {nt_term(obj)}"


def parse_statements(subject_key: str, statements: Iterable[str],
                     ) -> Iterator[tuple[URIRef, Node]]:
    """Decode ``st`` entries of one subject back to (predicate, object) rdflib terms."""
    subject = nt_term(key_term(subject_key))
    doc = "".join(f"{subject} {s} .\n" for s in statements)
    try:
        for triple in ox.parse(doc.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            yield URIRef(triple.predicate.value), from_ox(triple.object)
    except SyntaxError as exc:
        raise StoreError(f"a STATED_IN statement of {subject_key} is not N-Triples: {exc}"
                         ) from exc
