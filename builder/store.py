"""The embedded store: Oxigraph on disk (pyoxigraph), one named graph per article plus
the *merged graph* in the store's default graph.

Why two layers. The per-article named graphs keep provenance and make re-builds
incremental: re-building an article replaces its graph, so a re-run on the same input
leaves the store unchanged and a changed article never leaves stale facts behind. But a
fact stated by N articles sits in N graphs, and SPARQL over their union sees it N times:
every join multiplies, and queries slow down with the corpus rather than with their
answer. So the default graph holds each fact once — the union of every contributing
named graph (all but the quarantine graphs) — and is maintained incrementally: when an
article's graph changes, a triple it no longer states leaves the merged graph only if no
other contributing graph still states it (an index lookup, not a scan). Queries run on
the default graph alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from builder.errors import StoreError
from builder.iris import is_private_graph
from builder.namespaces import PREFIXES

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
}
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
OxTriple = tuple[OxTerm, OxTerm, OxTerm]
Triple = tuple[Node, Node, Node]
DEFAULT = ox.DefaultGraph()
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)


def to_ox(term: Node | OxTerm) -> OxTerm:
    """rdflib term -> pyoxigraph term (pyoxigraph terms pass through)."""
    if type(term) in _OX_TERMS:
        return term  # type: ignore[return-value]
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"cannot store term {term!r}: only IRIs, blank nodes and literals")


def from_ox(term: OxTerm) -> Node:
    """pyoxigraph term -> rdflib term (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(dt))


@dataclass(frozen=True)
class GraphChange:
    """What replacing a graph did: the triples it no longer holds, the new ones."""

    removed: set[OxTriple]
    added: set[OxTriple]
    size: int

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)


class GraphStore:
    """An Oxigraph store: one named graph per article (plus shared graphs), and their
    union, each fact once, in the default graph (see the module doc).

    ``private`` tells which named graphs stay out of the merged graph (by default the
    quarantine graphs, as :func:`builder.iris.is_private_graph` defines them).

    Writes of new triples are buffered and applied ``batch`` quads at a time with
    Oxigraph's bulk loader, at about half the cost of a transaction per graph: the
    build writes each article's triples twice (its graph and the merged graph), and
    Oxigraph's writes are the largest cost of storing. Every read applies the buffer
    first. The bulk loader is not transactional, so a marker file beside the store
    says a batch is being written; a store opened with the marker present (its writer
    was killed) has its merged graph rebuilt from the article graphs."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False,
                 private: Callable[[str], bool] = is_private_graph,
                 batch: int = 100_000) -> None:
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                if not path.is_dir():
                    raise StoreError(f"no store at {path}; run `partygraph build` first")
                self._store = ox.Store.read_only(str(path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except OSError as exc:  # locked by another process, unreadable, ...
            raise StoreError(
                f"cannot open the store at {path}: {exc} "
                "(is another partygraph process using it?)") from exc
        self.path = path
        self._private = private
        self._batch = batch
        self._pending: list[ox.Quad] = []
        self._pending_graphs: set[str] = set()
        if not read_only:
            self._recover()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, every buffered write applied."""
        self._write_pending()
        return self._store

    # -- writing -------------------------------------------------------------------
    def replace_graph(self, graph: URIRef | str, triples: Iterable[Triple | OxTriple]
                      ) -> GraphChange:
        """Make ``graph`` hold exactly ``triples`` and keep the merged graph the union
        of the contributing graphs; return what changed."""
        g = ox.NamedNode(str(graph))
        new = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples}
        if g.value in self._pending_graphs:
            self._write_pending()
        old: set[OxTriple] = set()
        if self._store.contains_named_graph(g):
            old = {(q.subject, q.predicate, q.object)
                   for q in self._store.quads_for_pattern(None, None, None, g)}
        elif not new:
            self._store.add_graph(g)
        change = GraphChange(old - new, new - old, len(new))
        self._apply(g, change.removed, change.added)
        return change

    def update_graph(self, graph: URIRef | str, remove: Iterable[Triple | OxTriple],
                     add: Iterable[Triple | OxTriple]) -> None:
        """Remove and add single triples in ``graph`` (the merged graph follows)."""
        self._write_pending()
        g = ox.NamedNode(str(graph))
        gone = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in remove}
        new = {(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in add}
        present = {t for t in gone - new if ox.Quad(*t, g) in self._store}
        absent = {t for t in new - gone if ox.Quad(*t, g) not in self._store}
        self._apply(g, present, absent)

    def remove_graph(self, graph: URIRef | str) -> None:
        """Drop ``graph``; its facts leave the merged graph unless another states them."""
        g = ox.NamedNode(str(graph))
        if g.value in self._pending_graphs:
            self._write_pending()
        if not self._store.contains_named_graph(g):
            return
        old = {(q.subject, q.predicate, q.object)
               for q in self._store.quads_for_pattern(None, None, None, g)}
        self._apply(g, old, set())
        self._store.remove_graph(g)

    def _apply(self, g: ox.NamedNode, removed: set[OxTriple], added: set[OxTriple]) -> None:
        contributes = not self._private(g.value)
        if removed:
            self._write_pending()    # the checks below must see every write
            for s, p, o in removed:
                self._store.remove(ox.Quad(s, p, o, g))
            if contributes:
                for s, p, o in removed:
                    if not self._stated_elsewhere(s, p, o):
                        self._store.remove(ox.Quad(s, p, o, DEFAULT))
        if not added:
            return
        self._pending += [ox.Quad(s, p, o, g) for s, p, o in added]
        if contributes:
            self._pending += [ox.Quad(s, p, o, DEFAULT) for s, p, o in added]
        self._pending_graphs.add(g.value)
        if len(self._pending) >= self._batch:
            self._write_pending()

    def _write_pending(self) -> None:
        if not self._pending:
            return
        marker = self._marker()
        if marker is not None and not marker.exists():
            marker.touch()
        self._store.bulk_extend(self._pending)
        self._pending = []
        self._pending_graphs.clear()

    def _marker(self) -> Path | None:
        return None if self.path is None else self.path.with_name(self.path.name + ".writing")

    def _stated_elsewhere(self, s: OxTerm, p: OxTerm, o: OxTerm) -> bool:
        """Whether a contributing named graph states the triple (one index lookup)."""
        for q in self._store.quads_for_pattern(s, p, o, None):
            name = q.graph_name
            if isinstance(name, ox.NamedNode) and not self._private(name.value):
                return True
        return False

    def _recover(self) -> None:
        """Rebuild the merged graph when it may be wrong: its writer was killed during
        a batch (the marker is there), or the store predates it (no merged graph)."""
        marker = self._marker()
        interrupted = marker is not None and marker.exists()
        empty = next(iter(self._store.quads_for_pattern(None, None, None, DEFAULT)), None) is None
        if not interrupted and not empty:
            return
        self._store.clear_graph(DEFAULT)
        for name in self._store.named_graphs():
            if isinstance(name, ox.NamedNode) and not self._private(name.value):
                self._store.extend(
                    [ox.Quad(q.subject, q.predicate, q.object, DEFAULT)
                     for q in self._store.quads_for_pattern(None, None, None, name)])
        self._store.flush()
        if marker is not None:
            marker.unlink(missing_ok=True)

    def flush(self) -> None:
        """Apply every buffered write and make the store durable."""
        self._write_pending()
        self._store.flush()
        marker = self._marker()
        if marker is not None:
            marker.unlink(missing_ok=True)

    # -- reading -------------------------------------------------------------------
    def graph_names(self) -> list[URIRef]:
        """Named graphs, sorted, so every walk over the store has one order."""
        self._write_pending()
        return sorted(URIRef(g.value) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def triples(self, graph: URIRef | str) -> Iterator[Triple]:
        self._write_pending()
        g = ox.NamedNode(str(graph))
        for q in self._store.quads_for_pattern(None, None, None, g):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def merged_triples(self) -> Iterator[OxTriple]:
        """The merged graph, each fact once, in the store's index order."""
        self._write_pending()
        for q in self._store.quads_for_pattern(None, None, None, DEFAULT):
            yield q.subject, q.predicate, q.object

    def in_merged(self, triple: OxTriple) -> bool:
        self._write_pending()
        return ox.Quad(*triple, DEFAULT) in self._store

    def merged_size(self) -> int:
        """Distinct facts: the size of the merged graph (counted by Oxigraph)."""
        self._write_pending()
        result = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(result, ox.QuerySolutions)
        return int(next(iter(result))["n"].value)

    def __len__(self) -> int:
        """Statements in the named graphs (what the articles state, with repeats)."""
        self._write_pending()
        return len(self._store) - self.merged_size()

    def query(self, sparql: str, bindings: dict[str, Node] | None = None,
              ) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        """Run a SELECT over the merged graph; ``bindings`` are substituted as SPARQL
        values (SEP-0007), never spliced into the query text."""
        self._write_pending()
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            result = self._store.query(sparql, substitutions=subs)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from exc
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("only SELECT queries are supported here")
        names = [v.value for v in result.variables]
        rows = [tuple(None if sol[n] is None else from_ox(sol[n]) for n in names)
                for sol in result]
        return names, rows

    # -- export --------------------------------------------------------------------
    def dump_dataset(self, out: IO[bytes], fmt: str = "trig", exclude_prefix: str = "",
                     *, include_private: bool = False) -> None:
        """Write every named graph, graphs in IRI order and triples in the store's index
        order in each (content-determined, see :meth:`dump_merged`), so the same store
        content always gives the same bytes. The private graphs
        (quarantine) are left out unless ``include_private``, and so are graphs whose IRI
        starts with ``exclude_prefix``."""
        if fmt not in ("trig", "nq"):
            raise StoreError(f"a dataset is written as trig or nq, not {fmt}")
        names = [n for n in self.graph_names()
                 if not (exclude_prefix and str(n).startswith(exclude_prefix))
                 and (include_private or not self._private(str(n)))]

        def quads() -> Iterator[ox.Quad]:
            for name in names:
                found = self._store.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))
                # an in-memory store iterates in insertion order: sort its (small) graphs
                yield from (sorted(found, key=str) if self.path is None else found)

        ox.serialize(quads(), out, format=RDF_FORMATS[fmt],
                     prefixes={k: str(v) for k, v in PREFIXES.items()} if fmt == "trig" else None)

    def dump_merged(self, out: IO[bytes], fmt: str = "ttl") -> None:
        """Write the merged graph, streamed from an on-disk store in its index order
        (which depends only on the content — encoded terms, sorted — so the same content
        gives the same bytes, without holding the graph in memory). An in-memory store
        iterates in insertion order, so its (small) graph is sorted first."""
        self._write_pending()
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        triples: Iterable[ox.Triple] = (
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self._store.quads_for_pattern(None, None, None, DEFAULT))
        if self.path is None:
            triples = sorted(triples, key=str)
        ox.serialize(triples, out, format=RDF_FORMATS[fmt],
                     prefixes=prefixes if fmt in ("ttl", "trig", "xml") else None)
