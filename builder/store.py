"""The embedded store: Oxigraph on disk (pyoxigraph), one named graph per article.

Why Oxigraph: it is an on-disk RDF quad store with SPARQL 1.1, written in Rust, that
loads and queries far faster than rdflib's in-memory store and never needs the whole
corpus in Python memory. Re-building an article *replaces* its named graph, so a re-run
on the same input leaves the store unchanged and a changed article never leaves stale
facts behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from builder.errors import StoreError
from builder.namespaces import PREFIXES

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
}


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """rdflib term -> pyoxigraph term."""
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


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """pyoxigraph term -> rdflib term (xsd:string literals become plain literals)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    if dt == "http://www.w3.org/2001/XMLSchema#string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(dt))


Triple = tuple[Node, Node, Node]


class GraphStore:
    """An Oxigraph store holding one named graph per article (plus shared graphs)."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
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

    # -- writing -------------------------------------------------------------------
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Make ``graph`` hold exactly ``triples``; return how many it holds."""
        g = ox.NamedNode(str(graph))
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)
        self._store.add_graph(g)
        self._store.extend(quads)
        return len(quads)

    def remove_graph(self, graph: URIRef) -> None:
        g = ox.NamedNode(str(graph))
        if self._store.contains_named_graph(g):
            self._store.remove_graph(g)

    def flush(self) -> None:
        self._store.flush()

    # -- reading -------------------------------------------------------------------
    def graph_names(self) -> list[URIRef]:
        """Named graphs, sorted, so every walk over the store has one order."""
        return sorted(URIRef(g.value) for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def triples(self, graph: URIRef) -> Iterator[Triple]:
        g = ox.NamedNode(str(graph))
        for q in self._store.quads_for_pattern(None, None, None, g):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str, bindings: dict[str, Node] | None = None,
              ) -> tuple[list[str], list[tuple[Node | None, ...]]]:
        """Run a SELECT over the union of all graphs; ``bindings`` are substituted
        as SPARQL values (SEP-0007), never spliced into the query text."""
        subs = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        graphs = [ox.NamedNode(str(g)) for g in self.graph_names()
                  if "/quarantine/" not in str(g)]
        try:
            # the default graph is the union of every graph but the quarantine graphs,
            # the same graphs `partygraph load neo4j` loads
            result = self._store.query(sparql, default_graph=graphs or None,
                                       use_default_graph_as_union=not graphs,
                                       substitutions=subs)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from exc
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("only SELECT queries are supported here")
        names = [v.value for v in result.variables]
        rows = [tuple(None if sol[n] is None else from_ox(sol[n]) for n in names)
                for sol in result]
        return names, rows

    # -- export --------------------------------------------------------------------
    def dump_dataset(self, out: IO[bytes], fmt: str = "trig", exclude_prefix: str = "") -> None:
        """Write every named graph, graphs in IRI order and triples sorted in each,
        so the same store content always gives the same bytes. Graphs whose IRI starts
        with ``exclude_prefix`` (quarantine graphs) are left out."""
        if fmt not in ("trig", "nq"):
            raise StoreError(f"a dataset is written as trig or nq, not {fmt}")
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        first = True
        for name in self.graph_names():
            if exclude_prefix and str(name).startswith(exclude_prefix):
                continue
            g = ox.NamedNode(str(name))
            quads = sorted(self._store.quads_for_pattern(None, None, None, g), key=str)
            if not quads:
                continue
            chunk = ox.serialize(quads, format=RDF_FORMATS[fmt],
                                 prefixes=prefixes if fmt == "trig" else None)
            if fmt == "trig" and not first:
                chunk = b"\n".join(line for line in chunk.split(b"\n")
                                   if not line.startswith(b"@prefix"))
            out.write(chunk)
            first = False

    def dump_merged(self, out: IO[bytes], fmt: str = "ttl", exclude_prefix: str = "") -> None:
        """Write the union of all graphs as one graph (duplicates merged), sorted.

        This holds the distinct triples in memory; for very large stores use
        :meth:`dump_dataset`, which streams graph by graph."""
        triples = sorted({ox.Triple(q.subject, q.predicate, q.object)
                          for q in self._store.quads_for_pattern(None, None, None, None)
                          if not (exclude_prefix and isinstance(q.graph_name, ox.NamedNode)
                                  and q.graph_name.value.startswith(exclude_prefix))},
                         key=str)
        prefixes = {k: str(v) for k, v in PREFIXES.items()}
        out.write(ox.serialize(triples, format=RDF_FORMATS[fmt],
                               prefixes=prefixes if fmt in ("ttl", "trig", "xml") else None))
