"""Generated fast checks: "does this focus node produce no result at all?".

An article graph almost always conforms, and the general evaluator spends most of its
time in Python calls (one per constraint, per property shape, per focus node). For each
shape with targets this module generates one straight-line Python function that reads
the focus node's property values and tests every constraint of the shape and of its
property shapes inline, returning False at the first value that *might* fail. False
sends the focus node to the general evaluator (:meth:`Evaluator.run`), which produces the
exact results; True is only returned when the general evaluator would report nothing,
because every test below is the complete failure condition of its component in
:mod:`partygraph.shacl.constraints` (``tests/test_shacl_engine.py`` runs both ways).

The functions are built for the ontology's subclass closure; data that adds
rdfs:subClassOf triples, or a focus node that is also an ontology subject, takes the
general path.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from partygraph.shacl import constraints as c
from partygraph.shacl.literals import datatype_ok, min_inclusive_ok, ordered
from partygraph.shacl.model import Shape
from partygraph.shacl.ontology import Closure
from partygraph.shacl.terms import (
    INTEGER,
    RDF_LANGSTRING,
    RDF_TYPE,
    XSD_INTEGER,
    XSD_STRING,
    BNodeKey,
    Key,
    Lit,
    fast_integer,
)

Quick = Callable[[Key, dict, Callable, Any], bool]
EMPTY: frozenset[Key] = frozenset()


def unique_langs(values: Collection[Key]) -> bool:
    seen: set[str] = set()
    for v in values:
        if type(v) is Lit and v.lang:
            if v.lang in seen:
                return False
            seen.add(v.lang)
    return True


class _Gen:
    def __init__(self, closure: Closure, via_objs: bool) -> None:
        self.closure = closure
        self.via_objs = via_objs
        self.lines: list[str] = []
        self.names: dict[str, Any] = {
            "Lit": Lit, "BNodeKey": BNodeKey, "EMPTY": EMPTY, "RDF_TYPE": RDF_TYPE,
            "XSD_STRING": XSD_STRING, "XSD_INTEGER": XSD_INTEGER, "is_int": INTEGER.fullmatch,
            "datatype_ok": datatype_ok, "ordered": ordered,
            "min_inclusive_ok": min_inclusive_ok, "unique_langs": unique_langs}
        self.count = 0

    def const(self, value: Any) -> str:
        self.count += 1
        name = f"k{self.count}"
        self.names[name] = value
        return name

    def fail_if(self, cond: str, indent: int) -> None:
        self.lines.append(" " * indent + f"if {cond}: return False")

    def value_conditions(self, con: c.Constraint) -> list[str]:
        """Failure conditions on one value ``v``; [] for components not about values."""
        if isinstance(con, c.ClassC):
            return [f"type(v) is Lit or {self.const(self.closure.subs(cls))}"
                    ".isdisjoint(objs(v, RDF_TYPE))" for cls in con.classes]
        if isinstance(con, c.DatatypeC):
            if con.datatype == XSD_STRING:
                return ["type(v) is not Lit or v[1] != XSD_STRING"]
            if con.datatype == RDF_LANGSTRING:
                return ["type(v) is not Lit or v[2] is None"]
            k = self.const(con.datatype)
            if con.datatype == XSD_INTEGER:     # canonical integers first, without a call
                return [f"not ((type(v) is Lit and v[1] == {k} and is_int(v[0]) is not None)"
                        f" or datatype_ok(v, {k}))"]
            return [f"not datatype_ok(v, {k})"]
        if isinstance(con, c.NodeKindC):
            return [f"type(v) not in {self.const(con.types)}"]
        if isinstance(con, c.MinInclusiveC):
            out = []
            for b in con.bounds:
                k = self.const(b)
                if b.dt == XSD_INTEGER and fast_integer(b.lex):
                    out.append(f"not ((type(v) is Lit and v[1] == XSD_INTEGER and "
                               f"is_int(v[0]) is not None and int(v[0]) >= {int(b.lex)}) "
                               f"or min_inclusive_ok(v, {k}))")
                else:
                    out.append(f"not min_inclusive_ok(v, {k})")
            return out
        if isinstance(con, c.MinLengthC):
            if con.length == 0:
                return []
            return [f"type(v) is BNodeKey or len(v if type(v) is str else v[0]) < {con.length}"]
        if isinstance(con, c.PatternC):
            return [f"type(v) is BNodeKey or {self.const(r)}.search(v if type(v) is str "
                    "else v[0]) is None" for r in con.regexes]
        if isinstance(con, c.InC):
            return [f"v not in {self.const(con.members)}"]
        if isinstance(con, c.OrC):
            return [self.none_conforms(members) for members in con.alternatives]
        return []

    def none_conforms(self, members: tuple[Shape, ...]) -> str:
        """Failure condition of one sh:or list on ``v``. Members that are just a
        sh:class (``[ sh:class pg:Person ]``, the usual case) are tested inline on the
        value's types: such a member conforms exactly when ``v`` is no literal and is an
        instance of each of its classes."""
        simple = all(m.path is None and m.blocking and len(m.constraints) == 1
                     and isinstance(m.constraints[0], c.ClassC) for m in members)
        if not simple:
            return "not (" + " or ".join(f"conforms({self.const(m)}, v)" for m in members) + ")"
        tests = []
        for m in members:
            con = m.constraints[0]
            assert isinstance(con, c.ClassC)
            tests.append(" and ".join(f"not {self.const(self.closure.subs(cls))}.isdisjoint(t)"
                                      for cls in con.classes))
        return ("type(v) is Lit or not ((t := objs(v, RDF_TYPE)) is not None and ("
                + " or ".join(f"({test})" for test in tests) + "))")

    def shape_body(self, shape: Shape, vals: str, indent: int) -> None:
        """Tests of ``shape``'s constraints on focus ``f`` with values ``vals``."""
        per_value: list[str] = []
        for con in shape.constraints:
            if isinstance(con, c.MaxCountC):          # (a MinCountC subclass)
                self.fail_if(f"len({vals}) > {con.count}", indent)
            elif isinstance(con, c.MinCountC):
                if con.count > 0:
                    self.fail_if(f"len({vals}) < {con.count}", indent)
            elif isinstance(con, c.HasValueC):
                for hv in con.wanted:
                    self.fail_if(f"{self.const(hv)} not in {vals}", indent)
            elif isinstance(con, c.UniqueLangC):
                if con.unique:
                    self.fail_if(f"not unique_langs({vals})", indent)
            elif isinstance(con, c.QualifiedMaxCountC):
                for q in con.shapes:
                    self.fail_if(f"sum(1 for v in {vals} if conforms({self.const(q)}, v)) > "
                                 f"{con.count}", indent)
            elif isinstance(con, c.LessThanC):
                for prop in con.properties:
                    pad = " " * indent
                    self.lines += [f"{pad}others = objs(f, {self.const(prop)})",
                                   f"{pad}for v in {vals}:",
                                   f"{pad}    for o in others:"]
                    self.fail_if(f"not ordered(v, o, {con.or_equal})", indent + 8)
            elif isinstance(con, c.PropertyC):
                self.properties(shape, con, vals, indent)
            else:
                conditions = self.value_conditions(con)
                if not conditions:
                    raise AssertionError(f"no fast test for {type(con).__name__}")
                per_value += conditions
        if per_value:
            self.lines.append(" " * indent + f"for v in {vals}:")
            for cond in per_value:
                self.fail_if(cond, indent + 4)

    def properties(self, shape: Shape, con: c.PropertyC, vals: str, indent: int) -> None:
        for child in con.shapes:
            assert child.path is not None
            if shape.path is None:          # a node shape: its one value is the focus
                self.count += 1
                child_vals = f"v{self.count}"
                read = (f"objs(f, {self.const(child.path)})" if self.via_objs
                        else f"d.get({self.const(child.path)}, EMPTY)")
                self.lines.append(" " * indent + f"{child_vals} = {read}")
                self.shape_body(child, child_vals, indent)
            else:                           # property of a property: the general path
                self.lines.append(" " * indent + f"for v in {vals}:")
                self.fail_if(f"not clean({self.const(child)}, v)", indent + 4)


def compile_quick(shape: Shape, closure: Closure, via_objs: bool = False) -> Quick:
    """``quick(f, d, objs, ev)``: True if focus ``f`` (whose property values are the
    dict ``d``; ``objs`` is the data's objects lookup) yields no result for ``shape``.

    ``via_objs``: read the focus node's values with ``objs`` (data + ontology) rather than
    from ``d`` (the data's own values, which the caller vouches are all of them)."""
    gen = _Gen(closure, via_objs)
    gen.lines.append("def quick(f, d, objs, ev):")
    gen.lines.append("    conforms = ev.conforms")
    gen.lines.append("    clean = ev.clean")
    if shape.path is None:
        gen.shape_body(shape, "(f,)", 4)
    elif via_objs:
        gen.lines.append(f"    vals = objs(f, {gen.const(shape.path)})")
    else:
        gen.lines.append(f"    vals = d.get({gen.const(shape.path)}, EMPTY)")
        gen.shape_body(shape, "vals", 4)
    gen.lines.append("    return True")
    code = "\n".join(gen.lines)
    namespace = dict(gen.names)
    exec(compile(code, f"<shacl fast path {shape.id}>", "exec"), namespace)
    quick: Quick = namespace["quick"]
    quick.__doc__ = code
    return quick
