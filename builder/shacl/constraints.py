"""The SHACL Core constraint components the shapes use, as check objects.

Each ``check`` appends a hit ``(shape, constraint, focus, value)`` per validation result
to ``out`` and returns whether the focus node conforms to the component (pySHACL's
``(is_conform, reports)`` of ``ConstraintComponent.evaluate``). The semantics -- which
values fail, how many results, with which ``sh:value`` -- are those of pySHACL 0.40's
components in ``pyshacl/constraints/core``; the literal-level rules are in
:mod:`partygraph.shacl.literals`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING, ClassVar

from partygraph.shacl.literals import datatype_ok, min_inclusive_ok, ordered, string_of
from partygraph.shacl.terms import RDF_TYPE, SH, BNodeKey, Key, Lit, show

if TYPE_CHECKING:
    from partygraph.shacl.engine import Evaluator
    from partygraph.shacl.model import Shape

Hit = tuple["Shape", "Constraint", Key, "Key | None"]
Values = Collection[Key]


class Constraint:
    """One constraint component of one shape."""

    component: ClassVar[str] = ""

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        raise NotImplementedError

    def describe(self, focus: Key, value: Key | None) -> str:
        """The message of a result when the shape has no sh:message."""
        return self.component.removeprefix(SH).removesuffix("ConstraintComponent") + \
            f" not satisfied on {show(focus)}" + (f" by {show(value)}" if value else "")


class ValueCheck(Constraint):
    """A component that judges each value node on its own."""

    def ok(self, ev: Evaluator, v: Key) -> bool:
        raise NotImplementedError

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        conforms = True
        for v in values:
            if not self.ok(ev, v):
                out.append((shape, self, focus, v))
                conforms = False
        return conforms


class ClassC(Constraint):
    """sh:class: each value is a SHACL instance (rdf:type/rdfs:subClassOf*) of a class;
    one result per value and per sh:class value it misses."""

    component = SH + "ClassConstraintComponent"

    def __init__(self, classes: tuple[Key, ...]) -> None:
        self.classes = classes

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        conforms = True
        objects = ev.data.objects
        for cls in self.classes:
            members = ev.closure.subs(cls)
            for v in values:
                if type(v) is Lit or members.isdisjoint(objects(v, RDF_TYPE)):
                    out.append((shape, self, focus, v))
                    conforms = False
        return conforms

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Value does not have class {', '.join(map(show, self.classes))}"


class DatatypeC(ValueCheck):
    component = SH + "DatatypeConstraintComponent"

    def __init__(self, datatype: str) -> None:
        self.datatype = datatype

    def ok(self, ev: Evaluator, v: Key) -> bool:
        return datatype_ok(v, self.datatype)

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Value is not Literal with datatype {show(self.datatype)}"


_KINDS = {"IRI": (str,), "BlankNode": (BNodeKey,), "Literal": (Lit,),
          "BlankNodeOrIRI": (BNodeKey, str), "BlankNodeOrLiteral": (BNodeKey, Lit),
          "IRIOrLiteral": (str, Lit)}


class NodeKindC(ValueCheck):
    component = SH + "NodeKindConstraintComponent"

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.types = _KINDS[kind.removeprefix(SH)]

    def ok(self, ev: Evaluator, v: Key) -> bool:
        return type(v) in self.types

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Value is not of Node Kind {show(self.kind)}"


class MinCountC(Constraint):
    component = SH + "MinCountConstraintComponent"

    def __init__(self, count: int) -> None:
        self.count = count

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        if len(values) >= self.count:
            return True
        out.append((shape, self, focus, None))
        return False

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Less than {self.count} values on {show(focus)}"


class MaxCountC(MinCountC):
    component = SH + "MaxCountConstraintComponent"

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        if len(values) <= self.count:
            return True
        out.append((shape, self, focus, None))
        return False

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"More than {self.count} values on {show(focus)}"


class MinInclusiveC(Constraint):
    component = SH + "MinInclusiveConstraintComponent"

    def __init__(self, bounds: tuple[Lit, ...]) -> None:
        self.bounds = bounds

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        conforms = True
        for bound in self.bounds:
            for v in values:
                if not min_inclusive_ok(v, bound):
                    out.append((shape, self, focus, v))
                    conforms = False
        return conforms

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Value is not >= {', '.join(map(show, self.bounds))}"


class MinLengthC(ValueCheck):
    component = SH + "MinLengthConstraintComponent"

    def __init__(self, length: int) -> None:
        self.length = length

    def ok(self, ev: Evaluator, v: Key) -> bool:
        if self.length == 0:
            return True
        text = string_of(v)
        return text is not None and len(text) >= self.length

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"String length not >= {self.length}"


class PatternC(Constraint):
    """sh:pattern with Python ``re.search`` (flags i and m only), as pySHACL does."""

    component = SH + "PatternConstraintComponent"

    def __init__(self, patterns: tuple[str, ...], flags: int) -> None:
        self.patterns = patterns
        self.regexes = tuple(re.compile(p, flags) for p in patterns)

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        conforms = True
        for regex in self.regexes:
            for v in values:
                text = string_of(v)
                if text is None or regex.search(text) is None:
                    out.append((shape, self, focus, v))
                    conforms = False
        return conforms

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Value does not match pattern '{', '.join(self.patterns)}'"


class InC(ValueCheck):
    component = SH + "InConstraintComponent"

    def __init__(self, members: frozenset[Key]) -> None:
        self.members = members

    def ok(self, ev: Evaluator, v: Key) -> bool:
        return v in self.members

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Value {show(value) if value else ''} not in the list of sh:in"


class HasValueC(Constraint):
    component = SH + "HasValueConstraintComponent"

    def __init__(self, wanted: tuple[Key, ...]) -> None:
        self.wanted = wanted

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        conforms = True
        for hv in self.wanted:
            if hv not in values:
                out.append((shape, self, focus, None))
                conforms = False
        return conforms

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"{show(focus)} lacks the value {', '.join(map(show, self.wanted))}"


class LessThanC(Constraint):
    """sh:lessThan: one result per (value, other value) pair not in order."""

    component = SH + "LessThanConstraintComponent"
    or_equal = False

    def __init__(self, properties: tuple[str, ...]) -> None:
        self.properties = properties

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        conforms = True
        for prop in self.properties:
            others = ev.data.objects(focus, prop)
            for v in values:
                for other in others:
                    if not ordered(v, other, self.or_equal):
                        out.append((shape, self, focus, v))
                        conforms = False
        return conforms

    def describe(self, focus: Key, value: Key | None) -> str:
        sign = "<=" if self.or_equal else "<"
        return f"Value {show(value) if value else ''} is not {sign} " + \
            ", ".join(map(show, self.properties))


class LessThanOrEqualsC(LessThanC):
    component = SH + "LessThanOrEqualsConstraintComponent"
    or_equal = True


class UniqueLangC(Constraint):
    """sh:uniqueLang true: one result (no sh:value) per language tag used twice."""

    component = SH + "UniqueLangConstraintComponent"

    def __init__(self, unique: bool) -> None:
        self.unique = unique

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        if not self.unique:
            return True
        seen: set[str] = set()
        twice: set[str] = set()
        for v in values:
            if type(v) is Lit and v.lang:
                (twice if v.lang in seen else seen).add(v.lang)
        for _ in twice:
            out.append((shape, self, focus, None))
        return not twice

    def describe(self, focus: Key, value: Key | None) -> str:
        return "More than one String shares the same Language"


class OrC(Constraint):
    """sh:or: each value conforms to at least one member shape (their results dropped)."""

    component = SH + "OrConstraintComponent"

    def __init__(self, alternatives: tuple[tuple[Shape, ...], ...]) -> None:
        self.alternatives = alternatives

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        conforms = True
        for members in self.alternatives:
            for v in values:
                if not any(ev.conforms(m, v) for m in members):
                    out.append((shape, self, focus, v))
                    conforms = False
        return conforms

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Node {show(value) if value else ''} must conform to one or more shapes"


class QualifiedMaxCountC(Constraint):
    """sh:qualifiedValueShape + sh:qualifiedMaxCount (no sibling shapes: not disjoint)."""

    component = SH + "QualifiedMaxCountConstraintComponent"

    def __init__(self, shapes: tuple[Shape, ...], count: int) -> None:
        self.shapes = shapes
        self.count = count

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        conforms = True
        for qualified in self.shapes:
            n = sum(1 for v in values if ev.conforms(qualified, v))
            if n > self.count:
                out.append((shape, self, focus, None))
                conforms = False
        return conforms

    def describe(self, focus: Key, value: Key | None) -> str:
        return f"Focus node conforms to the qualified shape more than {self.count} times"


class PropertyC(Constraint):
    """sh:property: each value node (the focus of a node shape) against the property
    shapes; their results are the results (with their own source shape and severity)."""

    component = SH + "PropertyConstraintComponent"

    def __init__(self, shapes: tuple[Shape, ...]) -> None:
        self.shapes = shapes

    def check(self, ev: Evaluator, shape: Shape, focus: Key, values: Values,
              out: list[Hit]) -> bool:
        nonconformant = False
        for child in self.shapes:
            for v in values:
                if ev.run(child, v, out):
                    nonconformant = True
        return not nonconformant
