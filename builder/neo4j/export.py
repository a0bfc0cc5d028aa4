"""Reading a graph loaded by :mod:`partygraph.neo4j.loader` back out of Neo4j as RDF.

Two readers, both streaming one read transaction:

- :func:`iter_quads` (``source="statements"``, the default) reads the ``STATED_IN`` statements:
  every quad of every named graph, exactly -- datatypes, language tags, blank nodes and the
  article graphs included. This is what makes RDF -> Neo4j -> RDF a round trip (the reference
  loader rdflib-neo4j keeps neither named graphs, language tags nor repeated values).
- :func:`iter_view_triples` (``source="view"``) reads only the property graph that Cypher users
  see -- labels, properties, relationships -- and maps it back through
  :mod:`partygraph.neo4j.views`. It gives the merged graph (no named graphs), and it is exact
  whenever the ontology's functional properties hold one value; it is the proof that the
  property-graph mapping itself loses nothing, and what to use on a graph edited in Neo4j.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from typing import Literal as TypingLiteral

import neo4j
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Node

from partygraph.errors import StoreError
from partygraph.neo4j.connect import connect, connection_from_env
from partygraph.neo4j.mapping import REVERSED_TYPES, key_term, parse_statements
from partygraph.neo4j.views import view_statements
from partygraph.store import GraphStore

Quad = tuple[Node, Node, Node, URIRef]
Source = TypingLiteral["statements", "view"]


def iter_quads(driver: neo4j.Driver, database: str | None = None) -> Iterator[Quad]:
    """Every (s, p, o, graph) stated in Neo4j (in no particular order)."""
    query = ("MATCH (n:Resource)-[f:STATED_IN]->(g:NamedGraph) "
             "RETURN g.iri AS g, n.iri AS s, f.st AS st")
    with driver.session(database=database, fetch_size=2000) as session, \
            session.begin_transaction() as tx:
        for rec in tx.run(query):
            graph = URIRef(rec["g"])
            subject = key_term(rec["s"])
            for p, o in parse_statements(rec["s"], rec["st"]):
                yield subject, p, o, graph


def iter_view_triples(driver: neo4j.Driver, database: str | None = None,
                      ) -> Iterator[tuple[Node, Node, Node]]:
    """The merged graph as the property-graph view says it (see the module docstring)."""
    query = (
        "MATCH (n:Resource) "
        "RETURN n.iri AS s, labels(n) AS labels, properties(n) AS props, "
        "[(n)-[r]->(m:Resource) WHERE NOT type(r) IN $reversed | [type(r), m.iri]] + "
        "[(n)<-[r]-(m:Resource) WHERE type(r) IN $reversed | [type(r), m.iri]] AS rels")
    with driver.session(database=database, fetch_size=2000) as session, \
            session.begin_transaction() as tx:
        for rec in tx.run(query, reversed=sorted(REVERSED_TYPES)):
            yield from view_statements(rec["s"], rec["labels"], rec["props"],
                                       [(t, o) for t, o in rec["rels"]])


def read_back(driver: neo4j.Driver, database: str | None = None, *,
              source: Source = "statements") -> Dataset:
    """The graph in Neo4j as an rdflib :class:`~rdflib.Dataset`.

    ``source="statements"``: one named graph per ``NamedGraph`` node, exactly as loaded.
    ``source="view"``: the merged graph read from the property graph, in the default graph.
    The dataset's default graph is the union of its graphs (``default_union``), so
    serializing it as Turtle or RDF/XML writes the merged graph, as TriG / N-Quads every
    named graph.
    """
    if source not in ("statements", "view"):
        raise StoreError(f"unknown source {source!r}: statements or view")
    ds = Dataset(default_union=(source == "statements"))
    with warnings.catch_warnings():
        # rdflib 7.6 calls its own deprecated Dataset.default_context internally
        warnings.filterwarnings("ignore", "Dataset.default_context", DeprecationWarning)
        if source == "statements":
            graphs = {g: ds.graph(URIRef(g)) for g in graph_names(driver, database)}
            for s, p, o, g in iter_quads(driver, database):
                target = graphs.get(str(g))
                if target is None:
                    target = graphs[str(g)] = ds.graph(g)
                target.add((s, p, o))
        else:
            default = ds.default_graph
            for triple in iter_view_triples(driver, database):
                default.add(triple)
    return ds


def read_back_graph(driver: neo4j.Driver, database: str | None = None, *,
                    source: Source = "statements") -> Graph:
    """The merged graph (all named graphs together), from either source."""
    g = Graph()
    if source == "statements":
        for s, p, o, _ in iter_quads(driver, database):
            g.add((s, p, o))
    else:
        for triple in iter_view_triples(driver, database):
            g.add(triple)
    return g


def read_back_store(driver: neo4j.Driver, database: str | None = None,
                    store: GraphStore | None = None) -> GraphStore:
    """The named graphs in Neo4j copied into a :class:`GraphStore` (in memory unless one is
    given), so ``store.dump_dataset`` / ``store.dump_merged`` write them in partygraph's
    deterministic TriG / N-Quads / Turtle."""
    store = store if store is not None else GraphStore()
    graphs: dict[URIRef, list[tuple[Node, Node, Node]]] = {
        URIRef(g): [] for g in graph_names(driver, database)}
    for s, p, o, g in iter_quads(driver, database):
        graphs.setdefault(g, []).append((s, p, o))
    for g, triples in graphs.items():
        store.replace_graph(g, triples)
    return store


def graph_names(driver: neo4j.Driver, database: str | None = None) -> list[str]:
    """The named graphs loaded in Neo4j (empty ones included), sorted."""
    with driver.session(database=database) as session:
        return session.execute_read(lambda tx: [r["g"] for r in tx.run(
            "MATCH (g:NamedGraph) RETURN g.iri AS g ORDER BY g")])


def read_back_uri(uri: str, database: str | None = None, *,
                  source: Source = "statements") -> Dataset:
    """:func:`read_back` on the server at ``uri`` (credentials from NEO4J_USER /
    NEO4J_PASSWORD) -- what ``partygraph export --from-neo4j URI`` writes."""
    conn = connection_from_env(uri, database)
    driver = connect(conn)
    try:
        return read_back(driver, conn.database, source=source)
    finally:
        driver.close()


#: ``partygraph export`` formats written from a store copy (the same bytes as exporting the
#: embedded store), and the one rdflib writes.
DATASET_FORMATS = ("trig", "nq")
MERGED_FORMATS = ("ttl", "nt", "xml")


def write_export(driver: neo4j.Driver, database: str | None, sink: IO[bytes],
                 fmt: str = "ttl") -> None:
    """Write the graph in Neo4j as ``partygraph export`` writes the embedded store: TriG /
    N-Quads per named graph, Turtle / N-Triples / RDF-XML merged, all sorted (through
    :meth:`GraphStore.dump_dataset` / :meth:`GraphStore.dump_merged`), or JSON-LD."""
    if fmt in DATASET_FORMATS or fmt in MERGED_FORMATS:
        # an on-disk copy: its merged graph is written in the same content-determined
        # order as the embedded store's, so the bytes are the same
        with tempfile.TemporaryDirectory(prefix="partygraph-export-") as tmp:
            store = read_back_store(driver, database, GraphStore(Path(tmp) / "store"))
            if fmt in DATASET_FORMATS:
                store.dump_dataset(sink, fmt)
            else:
                store.dump_merged(sink, fmt)
            store.close()
    elif fmt == "jsonld":
        from partygraph import jsonld  # the published context, canonical order

        sink.write(jsonld.serialize(read_back(driver, database)))
    else:
        raise StoreError(f"cannot export as {fmt!r}: one of trig, nq, ttl, nt, xml, jsonld")


def export_uri(uri: str, database: str | None, sink: IO[bytes], fmt: str = "ttl") -> None:
    """:func:`write_export` on the server at ``uri`` -- ``partygraph export --from-neo4j``."""
    conn = connection_from_env(uri, database)
    driver = connect(conn)
    try:
        write_export(driver, conn.database, sink, fmt)
    finally:
        driver.close()
