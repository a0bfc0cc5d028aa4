"""The RDF <-> property-graph mapping (``docs/neo4j.md`` is its reference).

Two layers live in Neo4j side by side:

*statements* -- the exact RDF, for round trips and incremental loading. For every subject and
every named graph that says something about it there is one ``STATED_IN`` relationship from
the subject's node to a ``(:NamedGraph {iri})`` node; its ``st`` property lists that graph's
statements about the subject, each as N-Triples text without the subject (``<p> <o>`` or
``<p> "lexical"@lang``). Nothing else is needed to write every quad back.

*view* -- what Cypher users and the ``queries/*.cypher`` twins read, derived from the
statements by the functions below:

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
(:func:`view_statements`), losslessly for data that keeps the ontology's functional
properties single-valued.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib import Literal as RDFLiteral
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
    RDF,
    RDFS,
    SDO,
    SKOS,
    XSD,
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
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}")
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_XSD_INTEGER = str(XSD.integer)
_XSD_DATE = str(XSD.date)
_XSD_BOOLEAN = str(XSD.boolean)
_RESERVED_NAMES = {IRI_KEY}
_RESERVED_LABELS = {RESOURCE, NAMED_GRAPH}


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


def _curie(iri: str) -> str:
    ns, local = _split_iri(iri)
    prefix = _NS_PREFIX.get(ns)
    return f"{prefix}:{local}" if prefix and _LOCAL.fullmatch(local) else iri


def _uncurie(text: str) -> str:
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


# -- literals <-> property values -------------------------------------------------------------
Native = str | int | bool | dt.date


def native_value(lit: RDFLiteral) -> Native | None:
    """The Neo4j value of a literal the view keeps natively, or None.

    Only canonical lexical forms convert, so the conversion back gives the same literal.
    """
    if lit.language:
        return None
    return _native(str(lit), None if lit.datatype is None else str(lit.datatype))


def _native(lex: str, dtype: str | None) -> Native | None:
    if dtype is None or dtype == _XSD_STRING:
        return lex
    if dtype == _XSD_INTEGER:
        try:
            value = int(lex)
        except ValueError:
            return None
        return value if str(value) == lex and -2**63 <= value < 2**63 else None
    if dtype == _XSD_DATE and _DATE.fullmatch(lex):
        try:
            day = dt.date.fromisoformat(lex)
        except ValueError:
            return None
        return day if day.isoformat() == lex else None
    if dtype == _XSD_BOOLEAN and lex in ("true", "false"):
        return lex == "true"
    return None


def _native_datatype(value: Any) -> str | None:
    if isinstance(value, bool):
        return _XSD_BOOLEAN
    if isinstance(value, int):
        return _XSD_INTEGER
    if isinstance(value, str):
        return None
    if isinstance(value, dt.date) or hasattr(value, "iso_format"):
        return _XSD_DATE
    raise StoreError(f"a view property holds {value!r}, which no RDF literal gives")


def _lexical(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "iso_format"):        # neo4j.time.Date
        return value.iso_format()
    return str(value)


def _as_python(value: Any) -> Any:
    if hasattr(value, "to_native"):         # neo4j.time.Date -> datetime.date
        return value.to_native()
    return value


#: One value of the view: (name, kind, text, lang, datatype). kind "iri": text is an IRI
#: kept as a property; kind "lit": text is the lexical form.
Entry = tuple[str, str, str, str | None, str | None]



def _rank(value: Native) -> int:
    """Which native type wins a key that several would share (lists are homogeneous)."""
    if isinstance(value, bool):
        return 3
    if isinstance(value, int):
        return 1
    return 0 if isinstance(value, str) else 2


def _iri_is_property(pm: PredicateMap, iri: str) -> bool:
    """Whether an IRI object of ``pm`` is kept as a property (closed vocabularies)."""
    return pm.iri_values == "iri" or bool(
        pm.iri_values == "key" and pm.scheme and iri.startswith(pm.scheme)
        and len(iri) > len(pm.scheme))


def statement_entries(pm: PredicateMap, obj: Node) -> Entry | None:
    """The view entry of a statement, or None when it is a relationship (or a label)."""
    if isinstance(obj, RDFLiteral):
        dtype = None if obj.datatype is None or str(obj.datatype) == _XSD_STRING \
            else str(obj.datatype)
        return (pm.name, "lit", str(obj), obj.language or None, dtype)
    if isinstance(obj, URIRef) and _iri_is_property(pm, str(obj)):
        return (pm.name, "iri", str(obj), None, None)
    return None


def _entry_native(entry: Entry) -> Native | None:
    _, kind, text, lang, dtype = entry
    if kind != "lit" or lang:
        return None
    return _native(text, dtype)


def entries_to_props(entries: Iterable[Entry]) -> tuple[dict[str, Any], list[str]]:
    """View properties of a node from its entries; also the functional keys that hold more
    than one value (reported as conflicts, kept as lists so nothing is lost)."""
    by_name: dict[str, list[Entry]] = {}
    for e in entries:
        by_name.setdefault(e[0], []).append(e)
    props: dict[str, Any] = {}
    conflicts: list[str] = []
    for name, group in by_name.items():
        pm = predicate_of_name(name)
        plain: list[Native] = []
        extra: dict[str, set[str]] = {}
        candidates: list[tuple[Entry, Native]] = []
        for e in group:
            _, kind, text, lang, dtype = e
            if kind == "iri":
                plain.append(text[len(pm.scheme):] if pm.iri_values == "key" and pm.scheme
                             else text)
            elif lang:
                extra.setdefault(f"{name}@{lang}", set()).add(text)
            elif pm.iri_values != "rel":
                # property whose bare key holds IRIs: literals go under an explicit datatype
                extra.setdefault(f"{name}^^{_curie(dtype or _XSD_STRING)}", set()).add(text)
            else:
                value = _entry_native(e)
                if value is None:
                    extra.setdefault(f"{name}^^{_curie(dtype or _XSD_STRING)}", set()).add(text)
                else:
                    candidates.append((e, value))
        if candidates:
            keep = min(_rank(v) for _, v in candidates)
            for e, v in candidates:
                if _rank(v) == keep:
                    plain.append(v)
                else:     # Neo4j lists are homogeneous: other types keep their datatype key
                    extra.setdefault(f"{name}^^{_curie(e[4] or _XSD_STRING)}", set()).add(e[2])
        if plain:
            values = sorted(set(plain))
            if pm.functional and len(values) == 1:
                props[name] = values[0]
            else:
                props[name] = values
                if pm.functional:
                    conflicts.append(name)
        for key, texts in extra.items():
            props[key] = sorted(texts)
    return props, conflicts


def _parse_key(key: str) -> tuple[str, str | None, str | None]:
    """``name``, ``name@lang`` or ``name^^datatype`` -> (name, lang, datatype IRI)."""
    if "^^" in key:
        name, _, dtype = key.rpartition("^^")
        return name, None, _uncurie(dtype)
    if "@" in key:
        name, _, lang = key.rpartition("@")
        if name and _LANG.fullmatch(lang):
            return name, lang, None
    return key, None, None


def props_to_entries(props: Mapping[str, Any]) -> set[Entry]:
    """Inverse of :func:`entries_to_props` (the ``iri`` key is skipped)."""
    out: set[Entry] = set()
    for key, value in props.items():
        if key == IRI_KEY:
            continue
        name, lang, dtype = _parse_key(key)
        pm = predicate_of_name(name)
        values = value if isinstance(value, list) else [value]
        for v in values:
            v = _as_python(v)
            if lang:
                out.add((name, "lit", str(v), lang, None))
            elif dtype is not None:
                out.add((name, "lit", str(v), None, None if dtype == _XSD_STRING else dtype))
            elif pm.iri_values == "key":
                out.add((name, "iri", f"{pm.scheme}{v}", None, None))
            elif pm.iri_values == "iri":
                out.add((name, "iri", str(v), None, None))
            else:
                out.add((name, "lit", _lexical(v), None, _native_datatype(v)))
    return out


def entry_statement(entry: Entry) -> tuple[URIRef, Node]:
    """An entry back to its (predicate, object)."""
    name, kind, text, lang, dtype = entry
    pred = URIRef(predicate_of_name(name).iri)
    if kind == "iri":
        return pred, URIRef(text)
    if lang:
        return pred, RDFLiteral(text, lang=lang)
    return pred, RDFLiteral(text, datatype=URIRef(dtype) if dtype else None)


# -- a node's view from its statements --------------------------------------------------------
Rel = tuple[str, str, bool]     # (relationship type, other node key, drawn from this node)


@dataclass(slots=True)
class NodeView:
    """Labels, properties and relationships a subject's statements give its node."""

    labels: set[str] = field(default_factory=set)
    entries: set[Entry] = field(default_factory=set)
    rels: set[Rel] = field(default_factory=set)

    def add(self, predicate: Node, obj: Node) -> None:
        """Add one statement given as rdflib terms."""
        if isinstance(obj, RDFLiteral):
            entry = statement_entries(predicate_map(str(predicate)), obj)
            assert entry is not None            # a literal is always a property value
            self.entries.add(entry)
            return
        self._add_node(str(predicate), str(obj) if isinstance(obj, URIRef) else None,
                       node_key(obj))

    def add_ox(self, predicate: str, obj: OxObject) -> None:
        """Add one statement given as pyoxigraph terms: the loader reads the store's
        N-Triples with pyoxigraph, and building rdflib terms would cost it half its time."""
        if isinstance(obj, ox.Literal):
            lang = obj.language or None
            dtype = None if lang else obj.datatype.value
            self.entries.add((predicate_map(predicate).name, "lit", obj.value, lang,
                              None if dtype == _XSD_STRING else dtype))
            return
        iri = obj.value if isinstance(obj, ox.NamedNode) else None
        self._add_node(predicate, iri, ox_key(obj))

    def add_node_text(self, predicate: str, obj: str) -> None:
        """Add a statement whose object is an IRI or a blank node written in canonical
        N-Triples (``<iri>``, ``_:id``): the store's lines are in that form, so the loader
        takes such objects from the text and has pyoxigraph parse only the literals."""
        if obj[0] == "<":
            iri = obj[1:-1]
            self._add_node(predicate, iri, iri)
        else:
            self._add_node(predicate, None, obj)

    def _add_node(self, p: str, iri: str | None, key: str) -> None:
        """A statement whose object is a node: a label, a property or a relationship."""
        if p == _RDF_TYPE and iri is not None:
            label = class_label(iri)
            if label in _RESERVED_LABELS:
                raise StoreError(f"class {iri} would take the reserved label {label}")
            self.labels.add(label)
            return
        pm = predicate_map(p)
        if iri is not None and _iri_is_property(pm, iri):
            self.entries.add((pm.name, "iri", iri, None, None))
        else:
            self.rels.add((pm.rel, key, not pm.reverse))

    def merge(self, other: NodeView) -> None:
        """Add what ``other`` says (views of one subject from several graphs)."""
        self.labels |= other.labels
        self.entries |= other.entries
        self.rels |= other.rels

    def props(self) -> tuple[dict[str, Any], list[str]]:
        return entries_to_props(self.entries)


def view_of(statements: Iterable[tuple[URIRef, Node]]) -> NodeView:
    """The view of one subject from all its (predicate, object) statements."""
    view = NodeView()
    for p, o in statements:
        view.add(p, o)
    return view


def view_statements(key: str, labels: Iterable[str], props: Mapping[str, Any],
                    out_rels: Iterable[tuple[str, str]],
                    ) -> Iterator[tuple[Node, URIRef, Node]]:
    """Triples of one node read from the view: its labels, its properties and the
    relationships it owns (``out_rels``: (type, other key) of relationships drawn from it
    and of reversed-type relationships drawn to it)."""
    subject = key_term(key)
    for label in labels:
        if label in _RESERVED_LABELS:
            continue
        yield subject, RDF.type, URIRef(class_of_label(label))
    for entry in props_to_entries(props):
        p, o = entry_statement(entry)
        yield subject, p, o
    for rel_type, other in out_rels:
        yield subject, URIRef(predicate_of_rel(rel_type).iri), key_term(other)


def property_names_in_use() -> dict[str, str]:
    """Registry name -> predicate IRI, for the docs and for tests."""
    return {p.name: p.iri for p in PREDICATES}
