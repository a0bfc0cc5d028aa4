"""A node's view: literals as Neo4j property values, and the labels, properties and
relationships a subject's statements give its node (the *view* layer described in
:mod:`partygraph.neo4j.mapping`, which names the predicates and classes; ``docs/neo4j.md`` is
the reference). A module of its own because the loaders, the bulk path and the export all
compute views, and the names alone are a registry of their own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Literal as RDFLiteral
from rdflib import URIRef
from rdflib.term import Node

from partygraph.errors import StoreError
from partygraph.namespaces import RDF, XSD
from partygraph.neo4j.mapping import (
    IRI_KEY,
    NAMED_GRAPH,
    RESOURCE,
    PredicateMap,
    class_label,
    class_of_label,
    curie,
    key_term,
    node_key,
    ox_key,
    predicate_map,
    predicate_of_name,
    predicate_of_rel,
    uncurie,
)
from partygraph.terms import OxObject

_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_DATE = re.compile(r"-?\d{4,}-\d{2}-\d{2}")
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)
_XSD_INTEGER = str(XSD.integer)
_XSD_DATE = str(XSD.date)
_XSD_BOOLEAN = str(XSD.boolean)
_RESERVED_LABELS = {RESOURCE, NAMED_GRAPH}


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
                extra.setdefault(f"{name}^^{curie(dtype or _XSD_STRING)}", set()).add(text)
            else:
                value = _entry_native(e)
                if value is None:
                    extra.setdefault(f"{name}^^{curie(dtype or _XSD_STRING)}", set()).add(text)
                else:
                    candidates.append((e, value))
        if candidates:
            keep = min(_rank(v) for _, v in candidates)
            for e, v in candidates:
                if _rank(v) == keep:
                    plain.append(v)
                else:     # Neo4j lists are homogeneous: other types keep their datatype key
                    extra.setdefault(f"{name}^^{curie(e[4] or _XSD_STRING)}", set()).add(e[2])
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
        return name, None, uncurie(dtype)
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
