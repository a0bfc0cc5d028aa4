"""The cross-article steps of a build, on what the stored articles changed.

Two things only the whole corpus decides: the first and last dates each post was seen
(:mod:`partygraph.timeline`), and whether the merged graph conforms to the shapes where
each article graph does (two articles giving one document two dates of issue). Both
look only at what entered and left the merged graph (see :class:`AcrossArticles` for
which nodes that re-checks; nodes only one article can describe,
:func:`partygraph.iris.is_article_scoped`, never need it) and run a batch at a time, so
memory stays flat however many articles a build stores, and the cost of a batch is the
cost of its change, not of the store; a later batch re-checks a node again and its
verdict replaces the earlier one.
"""

from __future__ import annotations

import pyoxigraph as ox

from partygraph.article_graphs import LineChange
from partygraph.iris import Minter, is_article_scoped
from partygraph.namespaces import PROV, RDF, SDO
from partygraph.shacl.engine import Shapes
from partygraph.store import DEFAULT, WRITE_BATCH, GraphStore
from partygraph.terms import OxResource
from partygraph.timeline import Timeline
from partygraph.validate import Violation, check_nodes

_TIMELINE_PREDICATES = frozenset(str(p) for p in (PROV.wasDerivedFrom, SDO.datePublished,
                                                  SDO.startDate, RDF.type))
_TYPE = frozenset((str(RDF.type),))
_RDF_TYPE = ox.NamedNode(str(RDF.type))


OWED = "across"      # the store's flag: a build stored articles, this step is still owed


def owe(store: GraphStore, owed: bool) -> None:
    """Record, durably, that the cross-article step is owed (before a build's first
    store write) or done (once its results are committed)."""
    store.set_flag(OWED, "owed" if owed else None)


def owed(store: GraphStore) -> bool:
    """Whether an earlier build stored articles and died before this step was done."""
    return store.graphs.flag(OWED) is not None


class AcrossArticles:
    """Collects what stored articles changed in the merged graph; :meth:`finish` gives
    the violations of the merged graph.

    Only lines that entered or left the merged graph matter (a line an article states
    again changes nothing). The nodes re-checked are those that lost a triple, those
    that gained a type (new shapes target them), those that gained a triple on a
    property where growing can break a shape (:attr:`Shapes.growth_sensitive`: a
    second date of issue), and the nodes pointing at a node that lost a type."""

    def __init__(self, store: GraphStore, minter: Minter, batch: int = WRITE_BATCH) -> None:
        self.store, self.batch = store, batch
        self.timeline = Timeline(store, minter)
        self.entering: list[str] = []
        self.leaving: list[str] = []
        self.found: dict[str, list[Violation]] = {}
        self.sensitive = Shapes.load().growth_sensitive
        self.predicates = frozenset(p for paths in self.sensitive.values() for p in paths)

    def add(self, change: LineChange) -> None:
        self.entering += change.entering
        self.leaving += change.leaving
        if len(self.entering) + len(self.leaving) >= self.batch:
            self.flush()

    def add_everything(self) -> None:
        """Treat every stored triple as changed: the repair after a build that stored
        articles and died before this step ran (see :func:`owed`), when what those
        articles changed is known no more. The timeline graph is dropped, and each
        line of the others both leaves and enters, so every membership's dates are
        computed afresh (none kept for a membership no article states any more) and
        every shared node is re-checked."""
        self.add(self.store.remove_graph(self.timeline.graph))
        for _, lines in self.store.graphs.contributing():
            self.add(LineChange([], [], lines, lines, len(lines)))

    def flush(self) -> None:
        entering, self.entering = self.entering, []
        leaving, self.leaving = self.leaving, []
        if not entering and not leaving:
            return
        wanted = _TIMELINE_PREDICATES | self.predicates
        gained = _parse(entering, wanted)         # each side read once, then filtered
        lost = _parse(leaving)
        self.timeline.update(_having(gained, _TIMELINE_PREDICATES),
                             _having(lost, _TIMELINE_PREDICATES))
        focus = {s for s, _, _ in lost if not _scoped(s)}
        focus |= self._referrers({s for s, _, _ in _having(lost, _TYPE)})
        focus |= {s for s, _, _ in _having(gained, _TYPE) if not _scoped(s)}
        grown = [(s, p) for s, p, _ in _having(gained, self.predicates - _TYPE)
                 if not _scoped(s)]
        focus |= {s for s, p in grown if self._sensitive(s, p.value)}
        for node in focus:
            self.found.pop(node.value, None)
        for v in check_nodes(self.store.oxigraph, focus):
            self.found.setdefault(v.focus, []).append(v)

    def _sensitive(self, node: OxResource, prop: str) -> bool:
        db = self.store.oxigraph
        return any(isinstance(q.object, ox.NamedNode)
                   and prop in self.sensitive.get(q.object.value, ())
                   for q in db.quads_for_pattern(node, _RDF_TYPE, None, DEFAULT))

    def _referrers(self, lost: set[OxResource]) -> set[OxResource]:
        """Nodes whose value lost a type in the merged graph (their sh:class checks)."""
        db = self.store.oxigraph
        return {q.subject for node in lost
                for q in db.quads_for_pattern(None, None, node, DEFAULT)
                if isinstance(q.subject, ox.NamedNode | ox.BlankNode)}

    def finish(self) -> list[Violation]:
        self.flush()
        return [v for found in self.found.values() for v in found]


Fields = tuple[OxResource, ox.NamedNode, OxResource | None]


def _parse(lines: list[str], predicates: frozenset[str] | None = None) -> list[Fields]:
    """(subject, predicate, object or None for a literal) of ``lines`` (those whose
    predicate is one of ``predicates``), read off the canonical N-Triples tokens: no
    step here needs a literal's value, and parsing costs more than the rest. A
    predicate's node is made once per batch, not once per line."""
    out: list[Fields] = []
    made: dict[str, ox.NamedNode] = {}
    for line in lines:
        subject, predicate, rest = line.split(" ", 2)
        iri = predicate[1:-1]
        if predicates is not None and iri not in predicates:
            continue
        node = made.get(iri)
        if node is None:
            node = made[iri] = ox.NamedNode(iri)
        obj = rest[:-2]
        out.append((_node(subject), node,
                    _node(obj) if obj.startswith(("<", "_:")) else None))
    return out


def _having(fields: list[Fields], predicates: frozenset[str]) -> list[Fields]:
    nodes = {ox.NamedNode(p) for p in predicates}
    return [f for f in fields if f[1] in nodes]


def _node(token: str) -> OxResource:
    return ox.NamedNode(token[1:-1]) if token.startswith("<") else ox.BlankNode(token[2:])


def _scoped(node: OxResource) -> bool:
    return isinstance(node, ox.NamedNode) and is_article_scoped(node.value)
