"""Data access for the evaluator: an in-memory index, or a view over a pyoxigraph store.

Both answer the few questions the compiled shapes ask -- the values of a property on a
node, the instances of a class, the subjects (objects) of a target predicate -- over the
data *plus* the ontology triples pySHACL mixes in (:mod:`partygraph.shacl.ontology`), which
are indexed once as a shared :class:`TripleIndex` ``base`` layer instead of being copied
into every article's index.

- :class:`TripleIndex` holds a list of triples (one article's graph, a parsed file). It
  keeps only the predicates the shapes read, so a large file costs memory for what is
  checked, not for every label.
- :class:`StoreView` reads the DEFAULT graph of a ``pyoxigraph.Store`` (the merged graph
  of the corpus) with ``quads_for_pattern``, loading each node it looks at once, so
  re-checking chosen focus nodes costs a few index lookups per node.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from partygraph.shacl.ontology import Closure
from partygraph.shacl.terms import (
    RDF_LANGSTRING,
    RDF_TYPE,
    RDFS_SUBCLASSOF,
    XSD_STRING,
    Key,
    KeyTriple,
    Lit,
    Term,
    canonical,
    key_of,
    term_of,
)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: indexing creates millions of small containers
    and no cycles, and each collection would scan them all again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


EMPTY: frozenset[Key] = frozenset()
#: the values of one property of one node: a tuple while there are few, then a set
Values = Collection[Key]
NO_VALUES: dict[str, Values] = {}

DEFAULT_GRAPH = ox.DefaultGraph()


@dataclass(frozen=True)
class Plan:
    """What the compiled shapes read: which predicates to index, which target on."""

    predicates: frozenset[str]          # every predicate a shape reads
    subjects_of: frozenset[str]         # sh:targetSubjectsOf predicates
    objects_of: frozenset[str]          # sh:targetObjectsOf predicates


class Data(Protocol):
    """The questions the evaluator asks of a graph (data + mixed-in ontology)."""

    def objects(self, s: Key, p: str) -> Collection[Key]: ...
    def node(self, s: Key) -> dict[str, Values]: ...
    def has(self, s: Key, p: str) -> bool: ...
    def is_object_of(self, o: Key, p: str) -> bool: ...
    def instances(self, cls: Key) -> Iterable[Key]: ...
    def subjects_of(self, p: str) -> Iterable[Key]: ...
    def objects_of(self, p: str) -> Iterable[Key]: ...
    def closure(self, base: Closure) -> Closure: ...


class TripleIndex:
    """An in-memory index of triples (keys), layered over an optional ``base`` index.

    It keeps ``subject -> predicate -> values`` (a tuple while there are a few values,
    then a set), the rdf:type instances, and the subjects (objects) of the target
    predicates; only the predicates some shape reads are kept.
    """

    def __init__(self, plan: Plan | None = None, base: TripleIndex | None = None) -> None:
        self.plan = plan
        self.base = base
        self._sp: dict[Key, dict[str, Values]] = {}
        self._instances: dict[Key, set[Key]] = {}
        self._subclass: list[tuple[Key, Key]] = []
        self._keep = plan.predicates if plan else None
        self._base_sp: dict[Key, dict[str, Values]] = base._sp if base else {}
        self._subjects_of: dict[str, set[Key]] = {}
        self._objects_of: dict[str, set[Key]] = {}
        self._subj_targets = plan.subjects_of if plan else None
        self._obj_targets = plan.objects_of if plan else None

    # -- building ------------------------------------------------------------------
    def add(self, s: Key, p: str, o: Key) -> None:
        """Index one triple (of keys); predicates no shape reads are dropped."""
        keep = self._keep
        if keep is not None and p not in keep and p != RDFS_SUBCLASSOF:
            return
        by_p = self._sp.get(s)
        if self._subj_targets is None or p in self._subj_targets:
            self._subjects_of.setdefault(p, set()).add(s)
        if self._obj_targets is None or p in self._obj_targets:
            self._objects_of.setdefault(p, set()).add(o)
        if by_p is None:
            self._sp[s] = {p: (o,)}
        else:
            objs = by_p.get(p)
            if objs is None:
                by_p[p] = (o,)
            elif type(objs) is tuple:
                if o not in objs:
                    by_p[p] = (*objs, o) if len(objs) < 4 else {*objs, o}
            else:
                objs.add(o)  # type: ignore[attr-defined]
        if p == RDF_TYPE:
            self._instances.setdefault(o, set()).add(s)
        elif p == RDFS_SUBCLASSOF:
            self._subclass.append((s, o))

    def add_terms(self, triples: Iterable[object]) -> None:
        """Index pyoxigraph triples (3-tuples, ``ox.Triple`` or ``ox.Quad``; graph names
        are ignored). Equal IRIs and literals share one key object, so a large input
        costs memory per distinct term rather than per occurrence."""
        with _no_gc():
            self._add_terms(triples)

    def _predicate(self, p: ox.NamedNode) -> tuple[str, bool, set[Key] | None,
                                                  set[Key] | None]:
        """(key, kept, its subjects' set, its objects' set) of a predicate."""
        pk = sys.intern(p.value)
        keep, subj, obj = self._keep, self._subj_targets, self._obj_targets
        return (pk, keep is None or pk in keep,
                self._subjects_of.setdefault(pk, set()) if subj is None or pk in subj
                else None,
                self._objects_of.setdefault(pk, set()) if obj is None or pk in obj else None)

    def _add_terms(self, triples: Iterable[object]) -> None:
        sp = self._sp
        instances = self._instances
        named, literal = ox.NamedNode, ox.Literal
        predicates: dict[ox.NamedNode, tuple[str, bool, set[Key] | None, set[Key] | None]] = {}
        datatypes: dict[ox.NamedNode, str] = {}
        strings: dict[str, str] = {}
        literals: dict[Lit, Lit] = {}
        share = strings.setdefault
        for t in triples:
            s: Term
            o: Term
            if type(t) is tuple:
                s, p, o = t
            else:
                s, p, o = t.subject, t.predicate, t.object   # type: ignore[attr-defined]
            entry = predicates.get(p)
            if entry is None:
                entry = predicates[p] = self._predicate(p)
            pk, kept, subjects, objects = entry
            if not kept:
                if pk == RDFS_SUBCLASSOF:
                    self.add(key_of(s), pk, key_of(o))
                continue
            if type(s) is named:
                v = s.value
                sk: Key = share(v, v)
            else:
                sk = key_of(s)
            if type(o) is named:
                v = o.value
                ok: Key = share(v, v)
            elif type(o) is literal:
                lang = o.language
                if lang:
                    lit = Lit(o.value, RDF_LANGSTRING, lang.lower())
                else:
                    dt_node = o.datatype
                    dt = datatypes.get(dt_node)
                    if dt is None:
                        dt = datatypes[dt_node] = sys.intern(dt_node.value)
                    lex = o.value
                    lit = Lit(lex if dt == XSD_STRING else canonical(lex, dt), dt, None)
                ok = literals.setdefault(lit, lit)
            else:
                ok = key_of(o)
            by_p = sp.get(sk)
            if by_p is None:
                sp[sk] = {pk: (ok,)}
            else:
                objs = by_p.get(pk)
                if objs is None:
                    by_p[pk] = (ok,)
                elif type(objs) is tuple:
                    if ok not in objs:
                        by_p[pk] = (*objs, ok) if len(objs) < 4 else {*objs, ok}
                else:
                    objs.add(ok)  # type: ignore[attr-defined]
            if subjects is not None:
                subjects.add(sk)
            if objects is not None:
                objects.add(ok)
            if pk == RDF_TYPE:
                inst = instances.get(ok)
                if inst is None:
                    instances[ok] = {sk}
                else:
                    inst.add(sk)
            elif pk == RDFS_SUBCLASSOF:
                self._subclass.append((sk, ok))

    # -- reading -------------------------------------------------------------------
    def node(self, s: Key) -> dict[str, Values]:
        """The values of every indexed predicate of ``s`` (this layer only)."""
        return self._sp.get(s) or NO_VALUES

    def values_getter(self) -> Callable[[Key], dict[str, Values] | None]:
        """:meth:`node` without the call (None for a node without values)."""
        return self._sp.get

    def subjects(self) -> Collection[Key]:
        """The subjects of this layer (a view, not a copy)."""
        return self._sp.keys()

    def targets(self, classes: Iterable[Key], subjects_of: Iterable[str],
                objects_of: Iterable[str]) -> set[Key]:
        """Instances of ``classes``, subjects (objects) of the predicates (this layer)."""
        by_subject, by_object = self._subjects_of, self._objects_of
        found: set[Key] = set()
        for cls in classes:
            found.update(self._instances.get(cls, EMPTY))
        for p in subjects_of:
            found.update(by_subject.get(p, EMPTY))
        for p in objects_of:
            found.update(by_object.get(p, EMPTY))
        return found

    def objects(self, s: Key, p: str) -> Collection[Key]:
        by_p = self._sp.get(s)
        mine: Collection[Key] = by_p.get(p, EMPTY) if by_p else EMPTY
        if s in self._base_sp:
            theirs = self._base_sp[s].get(p)
            if theirs:
                return set(mine).union(theirs)
        return mine

    def has(self, s: Key, p: str) -> bool:
        by_p = self._sp.get(s)
        if by_p and p in by_p:
            return True
        return self.base is not None and self.base.has(s, p)

    def is_object_of(self, o: Key, p: str) -> bool:
        if o in self._objects_of.get(p, EMPTY):
            return True
        return self.base is not None and self.base.is_object_of(o, p)

    def _union(self, mine: set[Key] | None, theirs: Iterable[Key] | None) -> Iterable[Key]:
        if not theirs:
            return mine or EMPTY
        return (mine or set()) | set(theirs)

    def instances(self, cls: Key) -> Iterable[Key]:
        base = self.base.instances(cls) if self.base is not None else None
        return self._union(self._instances.get(cls), base)

    def subjects_of(self, p: str) -> Iterable[Key]:
        base = self.base.subjects_of(p) if self.base is not None else None
        return self._union(self._subjects_of.get(p), base)

    def objects_of(self, p: str) -> Iterable[Key]:
        base = self.base.objects_of(p) if self.base is not None else None
        return self._union(self._objects_of.get(p), base)

    def subclass_pairs(self) -> list[tuple[Key, Key]]:
        pairs = list(self._subclass)
        if self.base is not None:
            pairs += self.base.subclass_pairs()
        return pairs

    def closure(self, base: Closure) -> Closure:
        """``base`` (the ontology's closure) unless the data adds rdfs:subClassOf."""
        return Closure(self.subclass_pairs()) if self._subclass else base

    @staticmethod
    def of_keys(triples: Iterable[KeyTriple], plan: Plan | None = None,
                base: TripleIndex | None = None) -> TripleIndex:
        index = TripleIndex(plan, base)
        for s, p, o in triples:
            index.add(s, p, o)
        return index


class StoreView:
    """The default graph of a pyoxigraph store, read on demand, over a ``base`` index.

    A value is read by its (subject, predicate) pair, not by reading the subject's every
    triple: an event's check reads its chairs' types, and a chair stated in thousands of
    articles has thousands of ``pg:evidence`` and ``pg:mentionedIn`` triples (4,902 for
    the busiest at 100,000 articles), so reading them all made each cross-article batch
    cost more the larger the store: that check was 7.9 s of a 10k-article build and 36.5
    s of a 30k one (pyinstrument)."""

    def __init__(self, store: ox.Store, plan: Plan, base: TripleIndex | None = None,
                 graph: ox.DefaultGraph | ox.NamedNode = DEFAULT_GRAPH) -> None:
        self.store, self.plan, self.base, self.graph = store, plan, base, graph
        self._nodes: dict[Key, dict[str, Values]] = {}
        self._values: dict[tuple[Key, str], Values] = {}
        self._subclass = [(key_of(q.subject), key_of(q.object)) for q in
                          store.quads_for_pattern(None, ox.NamedNode(RDFS_SUBCLASSOF), None,
                                                  graph)]

    def _quads(self, s: Key | None, p: str | None, o: Key | None) -> Iterator[ox.Quad]:
        return self.store.quads_for_pattern(
            None if s is None else term_of(s),  # type: ignore[arg-type]
            None if p is None else ox.NamedNode(p),
            None if o is None else term_of(o), self.graph)

    def _node(self, s: Key) -> dict[str, Values]:
        cached = self._nodes.get(s)
        if cached is not None:
            return cached
        found: dict[str, set[Key]] = {}
        if type(s) is not Lit:
            keep = self.plan.predicates
            for q in self._quads(s, None, None):
                p = q.predicate.value
                if p in keep:
                    found.setdefault(p, set()).add(key_of(q.object))
        self._nodes[s] = found  # type: ignore[assignment]
        return found  # type: ignore[return-value]

    def node(self, s: Key) -> dict[str, Values]:
        return self._node(s)

    def _objects(self, s: Key, p: str) -> Values:
        whole = self._nodes.get(s)
        if whole is not None:
            return whole.get(p, EMPTY)
        if type(s) is Lit or p not in self.plan.predicates:
            return EMPTY
        found = self._values.get((s, p))
        if found is None:
            values = {key_of(q.object) for q in self._quads(s, p, None)}
            found = self._values[(s, p)] = values or EMPTY
        return found

    def objects(self, s: Key, p: str) -> Collection[Key]:
        mine = self._objects(s, p)
        if self.base is not None:
            theirs = self.base.objects(s, p)
            if theirs:
                return set(mine) | set(theirs)
        return mine

    def has(self, s: Key, p: str) -> bool:
        return bool(self._objects(s, p)) or (self.base is not None and self.base.has(s, p))

    def is_object_of(self, o: Key, p: str) -> bool:
        if next(self._quads(None, p, o), None) is not None:
            return True
        return self.base is not None and self.base.is_object_of(o, p)

    def _with_base(self, found: set[Key], theirs: Iterable[Key] | None) -> set[Key]:
        if theirs:
            found.update(theirs)
        return found

    def instances(self, cls: Key) -> Iterable[Key]:
        found = {key_of(q.subject) for q in self._quads(None, RDF_TYPE, cls)}
        return self._with_base(found, self.base.instances(cls) if self.base else None)

    def subjects_of(self, p: str) -> Iterable[Key]:
        found = {key_of(q.subject) for q in self._quads(None, p, None)}
        return self._with_base(found, self.base.subjects_of(p) if self.base else None)

    def objects_of(self, p: str) -> Iterable[Key]:
        found = {key_of(q.object) for q in self._quads(None, p, None)}
        return self._with_base(found, self.base.objects_of(p) if self.base else None)

    def closure(self, base: Closure) -> Closure:
        if not self._subclass:
            return base
        pairs = list(self._subclass)
        if self.base is not None:
            pairs += self.base.subclass_pairs()
        return Closure(pairs)
