"""The evaluator and the :class:`Shapes` entry point.

Evaluation follows pySHACL's ``Shape.validate`` for the options the project uses
(``inference="none"``, ``allow_warnings=True``, ``abort_on_first=False``): every shape
with targets is checked on its focus nodes; a node shape hands each focus node to its
property shapes; sh:or members and qualified value shapes are checked for conformance
only (their own results are dropped). Conformance keeps pySHACL's rule: a result makes
the graph non-conforming unless its severity is sh:Warning or sh:Info, and a shape whose
own severity is sh:Warning or sh:Info never does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from partygraph.shacl.compiler import Compiler
from partygraph.shacl.constraints import (
    Hit,
    LessThanC,
    MaxCountC,
    PropertyC,
    QualifiedMaxCountC,
    UniqueLangC,
)
from partygraph.shacl.data import NO_VALUES, Data, Plan, StoreView, TripleIndex
from partygraph.shacl.fastpath import Quick, compile_quick
from partygraph.shacl.model import Result, Shape
from partygraph.shacl.ontology import Closure, inoculated
from partygraph.shacl.terms import RDF_TYPE, Key, Term, key_of, term_of


class Evaluator:
    """Runs compiled shapes over one :class:`~partygraph.shacl.data.Data`."""

    def __init__(self, data: Data, closure: Closure, fast: bool = False) -> None:
        self.data = data
        self.closure = closure
        self.fast = fast
        self._conforms: dict[tuple[int, Key], bool] = {}

    def run(self, shape: Shape, focus: Key, out: list[Hit]) -> bool:
        """Check ``focus`` against ``shape``, append the hits; True if non-conforming."""
        values = (focus,) if shape.path is None else self.data.objects(focus, shape.path)
        nonconformant = False
        for constraint in shape.constraints:
            start = len(out)
            if not constraint.check(self, shape, focus, values, out) and shape.blocking \
                    and not nonconformant:
                nonconformant = any(hit[0].blocking for hit in out[start:])
        return nonconformant

    def clean(self, shape: Shape, focus: Key) -> bool:
        """Whether ``focus`` yields no result at all for ``shape``."""
        out: list[Hit] = []
        self.run(shape, focus, out)
        return not out

    def conforms(self, shape: Shape, focus: Key) -> bool:
        """Whether ``focus`` conforms to ``shape`` (results discarded); memoized, since
        the sh:or and qualified shapes see the same value nodes over and over."""
        if self.fast and shape.quick is not None:
            if shape.quick(focus, NO_VALUES, self.data.objects, self):
                return True
            if shape.quick_exact:
                return False
        memo = (id(shape), focus)
        found = self._conforms.get(memo)
        if found is None:
            found = self._conforms[memo] = not self.run(shape, focus, [])
        return found

    def targets(self, shape: Shape) -> set[Key]:
        """The focus nodes of ``shape`` (its targets in data + ontology)."""
        data = self.data
        found: set[Key] = set()
        for cls in shape.target_classes:
            for sub in self.closure.subs(cls):
                found.update(data.instances(sub))
        for p in shape.target_subjects_of:
            found.update(data.subjects_of(p))
        for p in shape.target_objects_of:
            found.update(data.objects_of(p))
        return found

    def targets_node(self, shape: Shape, node: Key) -> bool:
        """Whether ``node`` is a focus node of ``shape``."""
        data = self.data
        if shape.target_classes:
            types = data.objects(node, RDF_TYPE)
            if types and any(not self.closure.subs(c).isdisjoint(types)
                             for c in shape.target_classes):
                return True
        if any(data.has(node, p) for p in shape.target_subjects_of):
            return True
        return any(data.is_object_of(node, p) for p in shape.target_objects_of)


@dataclass(frozen=True)
class Report:
    """The outcome of a validation: pySHACL's ``conforms`` and the results, sorted."""

    conforms: bool
    results: list[Result]

    @property
    def violations(self) -> list[Result]:
        """The results of severity sh:Violation."""
        return [r for r in self.results if r.severity.endswith("#Violation")]


def _result(hit: Hit) -> Result:
    shape, constraint, focus, value = hit
    return Result(
        focus=term_of(focus), path=shape.path_term, component=constraint.component,
        shape=shape.id, severity=shape.severity,
        message=shape.message if shape.message is not None
        else constraint.describe(focus, value),
        value=None if value is None else term_of(value))


@dataclass
class _Top:
    """A shape with targets, prepared for the ontology's closure."""

    shape: Shape
    classes: frozenset[Key]          # the target classes and all their subclasses
    base_focus: frozenset[Key]       # focus nodes among the mixed-in ontology triples
    quick: Quick


def _sensitive_paths(shape: Shape) -> set[str]:
    """The growth-sensitive properties of a shape and the property shapes it holds."""
    found: set[str] = set()
    for c in shape.constraints:
        if isinstance(c, MaxCountC | QualifiedMaxCountC | UniqueLangC | LessThanC):
            if shape.path:
                found.add(shape.path)
            found.update(getattr(c, "properties", ()))
        if isinstance(c, PropertyC):
            for inner in c.shapes:
                found |= _sensitive_paths(inner)
    return found


class Shapes:
    """The project's shapes, compiled: ``Shapes.load().validate(triples)``."""

    def __init__(self, shapes: list[Shape], base: list[tuple[Key, str, Key]]) -> None:
        self.shapes = shapes
        read: set[str] = {RDF_TYPE}
        for s in shapes:
            if s.path:
                read.add(s.path)
            read.update(s.target_subjects_of)
            read.update(s.target_objects_of)
            for c in s.constraints:
                read.update(getattr(c, "properties", ()))
        self.plan = Plan(frozenset(read),
                         frozenset(p for s in shapes for p in s.target_subjects_of),
                         frozenset(p for s in shapes for p in s.target_objects_of))
        self._growth: dict[Key, frozenset[str]] | None = None
        self.base = TripleIndex.of_keys(base)
        self.closure = Closure.of(base)
        self.top: list[_Top] = []
        for s in shapes:
            s.quick = compile_quick(s, self.closure, via_objs=True)
            # its test fails exactly when one of its own (blocking) results exists
            s.quick_exact = s.blocking and not any(
                isinstance(c, PropertyC) for c in s.constraints)
        for s in shapes:
            if s.has_targets:
                classes = frozenset(k for c in s.target_classes for k in self.closure.subs(c))
                base_focus = self.base.targets(classes, s.target_subjects_of,
                                               s.target_objects_of)
                self.top.append(_Top(s, classes, frozenset(base_focus),
                                     compile_quick(s, self.closure)))

    @staticmethod
    @cache
    def load() -> Shapes:
        """The shapes of ``shapes/`` with the ontology of ``ontology/``, compiled once."""
        from partygraph.resources import ontology_graph, shapes_graph

        return Shapes.compile(shapes_graph(), ontology_graph())

    @staticmethod
    def compile(shapes_graph: object, ontology_graph: object | None = None) -> Shapes:
        """Compile an rdflib shapes graph (and the ontology pySHACL would mix in)."""
        from rdflib import Graph

        assert isinstance(shapes_graph, Graph)
        base = inoculated(ontology_graph) if isinstance(ontology_graph, Graph) else []
        return Shapes(Compiler(shapes_graph).all(), base)

    # -- data ----------------------------------------------------------------------
    def index(self, triples: Iterable[object]) -> TripleIndex:
        """An in-memory index of pyoxigraph triples (3-tuples, Triple or Quad)."""
        index = TripleIndex(self.plan, self.base)
        index.add_terms(triples)
        return index

    @property
    def growth_sensitive(self) -> dict[Key, frozenset[str]]:
        """Class -> the properties on which *adding* a triple to one of its instances
        can break it: those under a maximum (sh:maxCount, sh:qualifiedMaxCount),
        sh:uniqueLang or a comparison (sh:lessThan, sh:lessThanOrEquals, both sides) in
        a shape targeting the class. Every other constraint holds in a union of graphs
        where it holds in each graph (more values and more types only help, and each
        value was checked in the graph that states it), so a merged graph that only
        grew needs re-checking only where these grew, or where a node gained a type."""
        if self._growth is None:
            by_class: dict[Key, set[str]] = {}
            for top in self.top:
                paths = _sensitive_paths(top.shape)
                if top.shape.target_classes and paths:
                    for cls in top.classes:
                        by_class.setdefault(cls, set()).update(paths)
            self._growth = {k: frozenset(v) for k, v in by_class.items()}
        return self._growth

    def view(self, store: ox.Store) -> StoreView:
        """The default graph of ``store`` as data."""
        return StoreView(store, self.plan, self.base)

    def _data(self, data: TripleIndex | StoreView | ox.Store | Iterable[object]) -> Data:
        if isinstance(data, TripleIndex | StoreView):
            return data
        if isinstance(data, ox.Store):
            return self.view(data)
        return self.index(data)

    # -- validation ----------------------------------------------------------------
    def check(self, data: TripleIndex | StoreView | ox.Store | Iterable[object],
              focus: Iterable[Term | Key] | None = None, *, fast: bool = True) -> Report:
        """Validate ``data``: all targets, or only the ``focus`` nodes (each against every
        shape that targets it). ``fast=False`` skips the generated fast path (tests)."""
        view = self._data(data)
        closure = view.closure(self.closure)
        general = closure is not self.closure
        quick_ok = fast and not general
        ev = Evaluator(view, closure, quick_ok)
        nodes = None if focus is None else {
            n if isinstance(n, str | tuple) else key_of(n) for n in focus}
        in_base = self.base.subjects()
        objs = view.objects
        values_of = view.values_getter() if isinstance(view, TripleIndex) else view.node
        hits: list[Hit] = []
        nonconformant = False
        for top in self.top:
            shape = top.shape
            chosen: Iterable[Key]
            if nodes is not None:
                chosen = [n for n in nodes if ev.targets_node(shape, n)]
            elif general or not isinstance(view, TripleIndex):
                chosen = ev.targets(shape)
            else:
                chosen = view.targets(top.classes, shape.target_subjects_of,
                                      shape.target_objects_of)
                chosen.update(top.base_focus)
            quick = top.quick
            for f in chosen:
                if quick_ok and f not in in_base and quick(f, values_of(f) or NO_VALUES, objs,
                                                          ev):
                    continue
                if ev.run(shape, f, hits):
                    nonconformant = True
        return Report(not nonconformant, sorted(_result(h) for h in hits))

    def validate(self, data: TripleIndex | StoreView | ox.Store | Iterable[object],
                 focus: Iterable[Term | Key] | None = None) -> list[Result]:
        """The results of :meth:`check`, sorted."""
        return self.check(data, focus).results
