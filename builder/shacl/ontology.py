"""The ontology triples pySHACL mixes into the data graph, and the subclass closure.

``pyshacl.validate(..., ont_graph=ontology)`` does not merge the whole ontology into (a
copy of) the data graph: it *inoculates* it (``pyshacl.rdfutil.inoculate``) with the
RDFS/OWL axioms only -- every node typed with one of the RDFS or OWL classes listed below
gets that type, every triple whose predicate is one of the RDFS or OWL properties below is
copied (blank-node structures cloned, lists included), and ``owl:NamedIndividual`` nodes
are copied whole. Those triples then *are* data: they give ``rdfs:subClassOf`` to the
SHACL instance checks (``sh:class``, ``sh:targetClass``), and their subjects can be focus
nodes when a target matches them. This module reproduces that selection, as keys, with
fresh blank nodes as pySHACL makes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from partygraph.shacl.terms import RDFS_SUBCLASSOF, Key, KeyTriple, key_of_rdflib

_OWL_PROPERTIES = [OWL[n] for n in (
    "allValuesFrom", "annotatedProperty", "annotatedSource", "annotatedTarget",
    "assertionProperty", "cardinality", "complementOf", "datatypeComplementOf",
    "differentFrom", "disjointUnionOf", "disjointWith", "distinctMembers",
    "equivalentClass", "equivalentProperty", "hasKey", "hasSelf", "hasValue",
    "intersectionOf", "inverseOf", "maxCardinality", "maxQualifiedCardinality", "members",
    "minCardinality", "minQualifiedCardinality", "onClass", "onDataRange", "onDatatype",
    "onProperties", "onProperty", "oneOf", "propertyChainAxiom", "propertyDisjointWith",
    "qualifiedCardinality", "sameAs", "someValuesFrom", "sourceIndividual",
    "targetIndividual", "targetValue", "unionOf", "withRestrictions",
    "backwardCompatibleWith", "deprecated", "incompatibleWith", "priorVersion",
    "versionInfo", "bottomDataProperty", "topDataProperty", "bottomObjectProperty",
    "topObjectProperty", "imports", "versionIRI"
)]
_OWL_CLASSES = [OWL[n] for n in (
    "AllDifferent", "AllDisjointClasses", "AllDisjointProperties", "Annotation",
    "AnnotationProperty", "AsymmetricProperty", "Axiom", "Class", "DataRange",
    "DatatypeProperty", "DeprecatedClass", "DeprecatedProperty", "FunctionalProperty",
    "InverseFunctionalProperty", "IrreflexiveProperty", "NamedIndividual",
    "NegativePropertyAssertion", "ObjectProperty", "Ontology", "OntologyProperty",
    "ReflexiveProperty", "Restriction", "SymmetricProperty", "TransitiveProperty"
)]
_RDFS_PROPERTIES = [RDFS.comment, RDFS.domain, RDFS.isDefinedBy, RDFS.label, RDFS.member,
                    RDFS.range, RDFS.seeAlso, RDFS.subClassOf, RDFS.subPropertyOf]
_RDFS_CLASSES = [RDFS.Class, RDFS.Container, RDFS.ContainerMembershipProperty,
                 RDFS.Datatype, RDFS.Literal, RDFS.Resource]


class _Cloner:
    """pySHACL's rdfutil.clone (clone_node / clone_blank_node / clone_list)."""

    def __init__(self, source: Graph, target: Graph) -> None:
        self.source, self.target = source, target

    def node(self, node: Node, recursion: int = 0, deep: bool = False) -> Node:
        if isinstance(node, Literal):
            return Literal(str(node), node.language, node.datatype)
        if isinstance(node, BNode):
            return self.bnode(node, recursion + 1)
        assert isinstance(node, URIRef)
        new = URIRef(str(node))
        if deep and recursion < 10:
            if RDF.first in set(self.source.predicates(node)):
                return self._list(node, recursion)
            self._copy_properties(node, new, recursion, deep=True)
        return new

    def bnode(self, node: BNode, recursion: int = 0) -> Node:
        new = BNode()
        if recursion < 10:
            self._copy_properties(node, new, recursion, deep=False)
            if RDF.first in set(self.source.predicates(node)):
                return self._list(node, recursion)
        return new

    def _copy_properties(self, node: Node, new: Node, recursion: int, deep: bool) -> None:
        predicates = set(self.source.predicates(node))
        if not predicates or RDF.first in predicates:
            return
        for p in predicates:
            cloned_p = self.node(p, recursion + 1)
            for o in list(self.source.objects(node, p)):
                if p is OWL.sameAs and o is node:
                    cloned_o = self.node(o, recursion + 1, deep=False)
                else:
                    cloned_o = self.node(o, recursion + 1, deep=deep)
                self.target.add((new, cloned_p, cloned_o))

    def _list(self, head: Node, recursion: int) -> Node:
        new = BNode() if isinstance(head, BNode) else URIRef(str(head))
        items = Collection(self.target, new)
        for item in list(self.source.items(head)):
            items.append(self.node(item, recursion + 1))
        return new


def inoculated_graph(ontology: Graph) -> Graph:
    """The triples pySHACL's ``inoculate`` adds to a data graph from ``ontology``."""
    target = Graph()
    clone = _Cloner(ontology, target)
    bnodes: dict[Node, Node] = {}
    named: dict[Node, Node] = {}

    def cloned_bnode(b: Node) -> Node:
        if b not in bnodes:
            assert isinstance(b, BNode)
            bnodes[b] = clone.bnode(b)
        return bnodes[b]

    for cls in itertools.chain(_RDFS_CLASSES, _OWL_CLASSES):
        for s in list(ontology.subjects(RDF.type, cls)):
            if isinstance(s, BNode):
                target.add((cloned_bnode(s), RDF.type, cls))
            elif cls == OWL.NamedIndividual:
                if s not in named:
                    named[s] = clone.node(s, deep=True)
                target.add((named[s], RDF.type, cls))
            else:
                target.add((clone.node(s), RDF.type, cls))
    for prop in itertools.chain(_RDFS_PROPERTIES, _OWL_PROPERTIES):
        for s, o in list(ontology.subject_objects(prop)):
            new_s = cloned_bnode(s) if isinstance(s, BNode) else s
            target.add((new_s, prop, cloned_bnode(o) if isinstance(o, BNode) else o))
    for ni in named:
        for s, p in list(ontology.subject_predicates(object=ni)):
            if isinstance(p, Literal | BNode):
                continue
            target.add((cloned_bnode(s) if isinstance(s, BNode) else s, p, ni))
    return target


def inoculated(ontology: Graph) -> list[KeyTriple]:
    """:func:`inoculated_graph` as key triples."""
    out: list[KeyTriple] = []
    for s, p, o in inoculated_graph(ontology):
        out.append((key_of_rdflib(s), str(p), key_of_rdflib(o)))
    return out


class Closure:
    """rdf:type/rdfs:subClassOf* both ways: reflexive-transitive closure of subClassOf."""

    def __init__(self, pairs: Iterable[tuple[Key, Key]]) -> None:
        up: dict[Key, set[Key]] = {}
        for sub, sup in pairs:
            up.setdefault(sub, set()).add(sup)
        self._up = up
        self._supers: dict[Key, frozenset[Key]] = {}
        self._subs: dict[Key, frozenset[Key]] = {}
        down: dict[Key, set[Key]] = {}
        for sub in up:
            for sup in self.supers(sub):
                down.setdefault(sup, set()).add(sub)
        self._down = {k: frozenset(v) for k, v in down.items()}

    def supers(self, cls: Key) -> frozenset[Key]:
        """``cls`` and every class it is a subclass of (rdflib's transitive_objects)."""
        found = self._supers.get(cls)
        if found is None:
            seen = {cls}
            todo = [cls]
            while todo:
                for nxt in self._up.get(todo.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        todo.append(nxt)
            found = self._supers[cls] = frozenset(seen)
        return found

    def subs(self, cls: Key) -> frozenset[Key]:
        """``cls`` and every class below it (rdflib's transitive_subjects)."""
        found = self._subs.get(cls)
        if found is None:
            found = self._subs[cls] = self._down.get(cls, frozenset()) | {cls}
        return found

    @staticmethod
    def of(triples: Iterable[KeyTriple]) -> Closure:
        return Closure((s, o) for s, p, o in triples if p == RDFS_SUBCLASSOF)
