"""Compile a SHACL shapes graph (rdflib) into :class:`~partygraph.shacl.model.Shape` objects.

The shapes are found the way pySHACL finds them (``ShapesGraph._build_node_shape_cache``:
declared sh:NodeShape / sh:PropertyShape, subjects of targets and sh:property, values of
shape-expecting parameters, members of sh:or lists). Only the constructs the project's
shapes use are compiled -- targets sh:targetClass / sh:targetSubjectsOf /
sh:targetObjectsOf, predicate paths, and the components of
:mod:`partygraph.shacl.constraints` -- and anything else in the SHACL namespace raises a
:class:`~partygraph.errors.ConfigurationError` naming the shape and the construct, so that
an edit of the shapes never silently drops a check.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from partygraph.errors import ConfigurationError
from partygraph.shacl import constraints as c
from partygraph.shacl.model import Shape
from partygraph.shacl.terms import SH_VIOLATION, XSD, Lit, key_of_rdflib

_META = {SH[n] for n in ("name", "description", "message", "severity", "order", "group",
                         "path", "targetClass", "targetSubjectsOf", "targetObjectsOf")}
_PARAMETERS = {SH[n] for n in (
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minInclusive", "minLength",
    "pattern", "flags", "in", "hasValue", "lessThan", "lessThanOrEquals", "uniqueLang",
    "or", "property", "qualifiedValueShape", "qualifiedMaxCount")}
_ALLOWED_TYPES = {SH.NodeShape, SH.PropertyShape}
_PROPERTY_ONLY = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals,
                  SH.qualifiedValueShape, SH.qualifiedMaxCount}
_WHOLE_INTEGERS = {XSD + n for n in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}


def _name(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _fail(shape: Node, what: str) -> ConfigurationError:
    return ConfigurationError(
        f"SHACL shape {_name(shape)}: {what}. The partygraph validator "
        "(builder/shacl) compiles only the constructs listed in builder/shacl/compiler.py; "
        "extend it (and its tests against pySHACL) before using this in shapes/.")


def check_supported(g: Graph) -> None:
    """Refuse any SHACL construct the compiler does not implement."""
    for s, p, o in g:
        if isinstance(p, URIRef) and str(p).startswith(str(SH)) \
                and p not in _META | _PARAMETERS:
            raise _fail(s, f"{p.n3(g.namespace_manager)} is not supported")
        if p == RDF.type and str(o).startswith(str(SH)) and o not in _ALLOWED_TYPES:
            raise _fail(s, f"rdf:type {o.n3(g.namespace_manager)} is not supported")


def find_shapes(g: Graph) -> tuple[set[Node], dict[Node, Node]]:
    """(every shape node, the sh:path of each property shape), as pySHACL finds them."""
    node_shapes = set(g.subjects(RDF.type, SH.NodeShape))
    prop_shapes = set(g.subjects(RDF.type, SH.PropertyShape))
    found = node_shapes | prop_shapes
    for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property):
        found |= set(g.subjects(p, None))
    for p in (SH.property, SH.qualifiedValueShape):
        found |= set(g.objects(None, p))
    for lst in g.objects(None, SH["or"]):
        members = list(g.items(lst))
        if not members:
            raise _fail(lst, "sh:or needs a non-empty RDF list of shapes")
        found |= set(members)
    paths: dict[Node, Node] = {}
    for s in found:
        values = list(g.objects(s, SH.path))
        if s in node_shapes and values:
            raise _fail(s, "a sh:NodeShape cannot have a sh:path")
        if s in node_shapes and s in prop_shapes:
            raise _fail(s, "a shape cannot be both a sh:NodeShape and a sh:PropertyShape")
        if len(values) > 1:
            raise _fail(s, "a property shape has exactly one sh:path")
        if s in prop_shapes and not values:
            raise _fail(s, "a sh:PropertyShape needs a sh:path")
        if values:
            paths[s] = values[0]
    return found, paths


class Compiler:
    """Compiles each shape once (shapes may be shared between parents)."""

    def __init__(self, g: Graph) -> None:
        check_supported(g)
        self.g = g
        self.nodes, self.paths = find_shapes(g)
        self.compiled: dict[Node, Shape] = {}
        self.compiling: set[Node] = set()

    def all(self) -> list[Shape]:
        """Every shape, in a fixed order (IRIs of the shapes graph, then blank nodes)."""
        return [self.shape(n) for n in sorted(self.nodes, key=lambda n: (
            isinstance(n, BNode), str(n)))]

    def _values(self, node: Node, p: URIRef) -> list[Node]:
        return list(self.g.objects(node, p))

    def _one(self, node: Node, p: URIRef) -> Node:
        values = self._values(node, p)
        if len(values) != 1:
            raise _fail(node, f"{p.n3(self.g.namespace_manager)} must have exactly one value")
        return values[0]

    def _iris(self, node: Node, p: URIRef) -> tuple[str, ...]:
        values = self._values(node, p)
        for v in values:
            if not isinstance(v, URIRef):
                raise _fail(node, f"{p.n3(self.g.namespace_manager)} {v!r} is not an IRI")
        return tuple(sorted(str(v) for v in values))

    def _count(self, node: Node, p: URIRef, datatypes: set[str]) -> int:
        v = self._one(node, p)
        if not (isinstance(v, Literal) and str(v.datatype) in datatypes
                and isinstance(v.value, int) and v.value >= 0):
            raise _fail(node, f"{p.n3(self.g.namespace_manager)} must be an integer >= 0")
        return int(v.value)

    def shape(self, node: Node) -> Shape:
        found = self.compiled.get(node)
        if found is not None:
            return found
        if node in self.compiling:
            raise _fail(node, "recursive shapes are not supported")
        if node not in self.nodes:
            raise _fail(node, "is referenced as a shape but is not one")
        self.compiling.add(node)
        try:
            shape = self._compile(node)
        finally:
            self.compiling.discard(node)
        self.compiled[node] = shape
        return shape

    def _compile(self, node: Node) -> Shape:
        g = self.g
        path = self.paths.get(node)
        if path is not None and not isinstance(path, URIRef):
            raise _fail(node, "only a predicate (IRI) sh:path is supported, not a path "
                              "expression")
        predicates = set(g.predicates(node, None))
        if path is None and predicates & _PROPERTY_ONLY:
            bad = sorted(p.n3(g.namespace_manager) for p in predicates & _PROPERTY_ONLY)
            raise _fail(node, f"{', '.join(bad)} only apply to property shapes")
        if SH.flags in predicates and SH.pattern not in predicates:
            raise _fail(node, "sh:flags without sh:pattern")
        if (SH.qualifiedValueShape in predicates) != (SH.qualifiedMaxCount in predicates):
            raise _fail(node, "sh:qualifiedValueShape is supported with sh:qualifiedMaxCount "
                              "only")
        severities = self._values(node, SH.severity)
        if len(severities) > 1 or any(not isinstance(s, URIRef) for s in severities):
            raise _fail(node, "sh:severity takes one IRI")
        messages = sorted(self._values(node, SH.message),
                          key=lambda m: (getattr(m, "language", None) or "", str(m)))
        shape = Shape(
            id=_name(node), path=None if path is None else str(path),
            severity=str(severities[0]) if severities else SH_VIOLATION,
            message=str(messages[0]) if messages else None,
            target_classes=tuple(sorted((key_of_rdflib(v) for v in
                                         self._values(node, SH.targetClass)), key=str)),
            target_subjects_of=self._iris(node, SH.targetSubjectsOf),
            target_objects_of=self._iris(node, SH.targetObjectsOf))
        for p in sorted(predicates & _PARAMETERS, key=str):
            build = self._builders().get(p)
            if build is not None:
                shape.constraints.append(build(node))
        return shape

    def _builders(self) -> dict[Node, Callable[[Node], c.Constraint]]:
        return {
            SH["class"]: lambda n: c.ClassC(tuple(key_of_rdflib(v) for v in
                                                 self._values(n, SH["class"]))),
            SH.datatype: self._datatype,
            SH.nodeKind: self._node_kind,
            SH.minCount: lambda n: c.MinCountC(self._count(n, SH.minCount, {XSD + "integer"})),
            SH.maxCount: lambda n: c.MaxCountC(self._count(n, SH.maxCount, {XSD + "integer"})),
            SH.minInclusive: self._min_inclusive,
            SH.minLength: lambda n: c.MinLengthC(self._count(n, SH.minLength, _WHOLE_INTEGERS)),
            SH.pattern: self._pattern,
            SH["in"]: self._in,
            SH.hasValue: lambda n: c.HasValueC(tuple(key_of_rdflib(v) for v in
                                                    self._values(n, SH.hasValue))),
            SH.lessThan: lambda n: c.LessThanC(self._iris(n, SH.lessThan)),
            SH.lessThanOrEquals: lambda n: c.LessThanOrEqualsC(
                self._iris(n, SH.lessThanOrEquals)),
            SH.uniqueLang: self._unique_lang,
            SH["or"]: self._or,
            SH.property: lambda n: c.PropertyC(self._property(n)),
            SH.qualifiedValueShape: self._qualified,
        }

    def _datatype(self, node: Node) -> c.Constraint:
        v = self._one(node, SH.datatype)
        if not isinstance(v, URIRef):
            raise _fail(node, "sh:datatype must be an IRI")
        return c.DatatypeC(str(v))

    def _node_kind(self, node: Node) -> c.Constraint:
        v = self._one(node, SH.nodeKind)
        kinds = ("IRI", "BlankNode", "Literal", "BlankNodeOrIRI", "BlankNodeOrLiteral",
                 "IRIOrLiteral")
        if v not in {SH[k] for k in kinds}:
            raise _fail(node, f"sh:nodeKind {v!r} is not a node kind")
        return c.NodeKindC(str(v))

    def _min_inclusive(self, node: Node) -> c.Constraint:
        bounds = []
        for v in self._values(node, SH.minInclusive):
            key = key_of_rdflib(v)
            if not isinstance(key, Lit):
                raise _fail(node, "sh:minInclusive must be a literal")
            bounds.append(key)
        return c.MinInclusiveC(tuple(bounds))

    def _pattern(self, node: Node) -> c.Constraint:
        patterns = []
        for v in self._values(node, SH.pattern):
            if not isinstance(v, Literal):
                raise _fail(node, "sh:pattern must be a literal")
            patterns.append(str(v.value) if v.value is not None and len(v.value) > 1
                            else str(v))
        flags_found = self._values(node, SH.flags)
        flags = 0
        if flags_found:
            text = str(flags_found[0]).lower()
            flags = (re.I if "i" in text else 0) | (re.M if "m" in text else 0)
        try:
            return c.PatternC(tuple(sorted(patterns)), flags)
        except re.error as exc:
            raise _fail(node, f"sh:pattern is not a regular expression: {exc}") from exc

    def _in(self, node: Node) -> c.Constraint:
        lst = self._one(node, SH["in"])
        return c.InC(frozenset(key_of_rdflib(v) for v in self.g.items(lst)))

    def _unique_lang(self, node: Node) -> c.Constraint:
        v = self._one(node, SH.uniqueLang)
        if not (isinstance(v, Literal) and isinstance(v.value, bool)):
            raise _fail(node, "sh:uniqueLang must be a boolean literal")
        return c.UniqueLangC(bool(v.value))

    def _or(self, node: Node) -> c.Constraint:
        alternatives = []
        for lst in self._values(node, SH["or"]):
            members = sorted(set(self.g.items(lst)), key=str)
            alternatives.append(tuple(self.shape(m) for m in members))
        return c.OrC(tuple(alternatives))

    def _property(self, node: Node) -> tuple[Shape, ...]:
        children = []
        for child in sorted(self._values(node, SH.property), key=str):
            if child not in self.paths:
                raise _fail(child, "a value of sh:property must be a property shape")
            children.append(self.shape(child))
        return tuple(children)

    def _qualified(self, node: Node) -> c.Constraint:
        count = self._one(node, SH.qualifiedMaxCount)
        if not (isinstance(count, Literal) and isinstance(count.value, int)):
            raise _fail(node, "sh:qualifiedMaxCount must be an integer")
        shapes = tuple(self.shape(s) for s in sorted(self._values(node, SH.qualifiedValueShape),
                                                      key=str))
        return c.QualifiedMaxCountC(shapes, int(count.value))
