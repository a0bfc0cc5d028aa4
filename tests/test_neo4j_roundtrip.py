"""RDF -> Neo4j -> RDF gives back the same graphs: every named graph, isomorphic, from the
statements; and the merged graph from the property-graph view alone."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from partygraph import namespaces as ns
from partygraph.exports import export
from partygraph.neo4j.export import read_back, read_back_graph, read_back_store, write_export
from partygraph.neo4j.loader import load_store
from partygraph.store import GraphStore

if TYPE_CHECKING:
    from tests.conftest_neo4j import Neo4jDB

pytestmark = [pytest.mark.neo4j,   # rdflib 7.6 uses its own deprecated API inside Dataset
              pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")]
ID = "https://w3id.org/partygraph/id/"


def _graph(triples: Iterable[tuple[object, object, object]]) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)                                          # type: ignore[arg-type]
    return g


def same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphism; for graphs without blank nodes that is plain set equality (fast)."""
    if any(isinstance(x, BNode) for t in a for x in t) or \
            any(isinstance(x, BNode) for t in b for x in t):
        return isomorphic(a, b)
    return set(a) == set(b)


def assert_round_trip(store: GraphStore, db: Neo4jDB) -> None:
    ds = read_back(db.driver, db.database)
    back = {str(g.identifier): g for g in ds.graphs() if len(g) or
            str(g.identifier) in {str(n) for n in store.graph_names()}}
    names = {str(n) for n in store.graph_names()}
    assert set(back) >= names and not (set(back) - names - {str(ds.default_graph.identifier)})
    for name in store.graph_names():
        original = _graph(store.triples(name))
        assert same_graph(back[str(name)], original), f"graph {name} differs"
    merged = _graph(t for name in store.graph_names() for t in store.triples(name))
    view = read_back_graph(db.driver, db.database, source="view")
    assert same_graph(view, merged), (
        f"view: {len(set(view) - set(merged))} extra, {len(set(merged) - set(view))} missing")


def test_examples_round_trip(neo4j_db: Neo4jDB, built_examples: tuple[Path, object]) -> None:
    store = GraphStore(built_examples[0] / "store", read_only=True)
    load_store(store, neo4j_db.driver, neo4j_db.database)
    assert_round_trip(store, neo4j_db)


def test_synthetic_round_trip(neo4j_db: Neo4jDB, synthetic: ModuleType) -> None:
    store = synthetic.build_store(400, 7)
    load_store(store, neo4j_db.driver, neo4j_db.database)
    assert_round_trip(store, neo4j_db)


def test_what_rdflib_neo4j_loses_comes_back(neo4j_db: Neo4jDB) -> None:
    """Language tags, datatypes, repeated values, blank nodes, odd characters, terms outside
    the ontology, the same subject in two graphs with different statements."""
    p = URIRef(ID + "person/le-van-dung")
    interval = BNode()
    ex = "http://example.org/vocab#"
    g1 = [
        (p, ns.RDF.type, ns.PG.Person),
        (p, ns.PG.canonicalName, Literal("Le Van Dung")),
        (p, ns.RDFS.label, Literal("Lê Văn Dũng", lang="vi")),
        (p, ns.SKOS.altLabel, Literal("Ле Ван Зунг", lang="ru")),
        (p, ns.SKOS.altLabel, Literal("Lê Văn Dũng", lang="vi")),
        (p, ns.SKOS.altLabel, Literal("Le Van Dung", lang="fr")),
        (p, ns.SKOS.altLabel, Literal("Le V. Dung", lang="fr")),
        (p, URIRef(ex + "note"), Literal('a "quoted"\nmulti-line \\ note\twith tab')),
        (p, URIRef(ex + "score"), Literal("0.50", datatype=ns.XSD.decimal)),
        (p, URIRef(ex + "born"), Literal("1965-02-03T00:00:00+07:00",
                                          datatype=ns.XSD.dateTime)),
        (p, URIRef(ex + "active"), Literal(True)),
        (p, URIRef(ex + "count"), Literal(3)),
        (p, URIRef(ex + "count"), Literal("three")),
        (p, URIRef("urn:x-local:odd%20property:ü"), Literal("x")),
        (p, ns.ORG.memberDuring, interval),
        (interval, ns.RDF.type, URIRef("http://www.w3.org/2006/time#Interval")),
        (interval, URIRef("http://www.w3.org/2006/time#hasBeginning"),
         Literal(dt.date(2020, 10, 15))),
    ]
    g2 = [
        (p, ns.RDF.type, ns.PG.Person),
        (p, ns.PG.canonicalName, Literal("Le Van Dung")),
        (p, ns.SKOS.altLabel, Literal("لي فان دونغ", lang="ar")),
        (p, ns.PG.mentionedIn, URIRef(ID + "article/003")),
    ]
    store = GraphStore()
    store.replace_graph(URIRef(ID + "graph/001"), g1)
    store.replace_graph(URIRef(ID + "graph/002"), g2)
    store.replace_graph(URIRef(ID + "graph/empty"), [])
    summary = load_store(store, neo4j_db.driver, neo4j_db.database)
    assert summary.graphs_added == 3 and not summary.conflicts
    assert_round_trip(store, neo4j_db)
    with neo4j_db.driver.session(database=neo4j_db.database) as s:
        node = s.run("MATCH (n:Person) RETURN n").single(strict=True)["n"]
    assert node["altLabel@fr"] == ["Le V. Dung", "Le Van Dung"]
    assert node["altLabel@ar"] == ["لي فان دونغ"]
    assert node["canonicalName"] == "Le Van Dung"

    # one graph goes: what only it said goes with it, what both said stays
    store.remove_graph(URIRef(ID + "graph/001"))
    load_store(store, neo4j_db.driver, neo4j_db.database)
    assert_round_trip(store, neo4j_db)
    with neo4j_db.driver.session(database=neo4j_db.database) as s:
        node = s.run("MATCH (n:Person) RETURN n").single(strict=True)["n"]
        assert s.run("MATCH (n) WHERE n.iri STARTS WITH '_:' RETURN count(n) AS c"
                     ).single(strict=True)["c"] == 0
    assert set(node.keys()) == {"iri", "canonicalName", "altLabel@ar"}


def test_export_from_neo4j_writes_what_the_store_export_writes(
        neo4j_db: Neo4jDB, built_examples: tuple[Path, object]) -> None:
    """``partygraph export --from-neo4j`` gives the same bytes as exporting the store."""
    store = GraphStore(built_examples[0] / "store", read_only=True)
    load_store(store, neo4j_db.driver, neo4j_db.database)
    copy = read_back_store(neo4j_db.driver, neo4j_db.database)
    assert copy.graph_names() == store.graph_names()
    for fmt in ("trig", "nq", "ttl", "nt"):
        expected, got = io.BytesIO(), io.BytesIO()
        if fmt in ("trig", "nq"):
            store.dump_dataset(expected, fmt)
        else:
            store.dump_merged(expected, fmt)
        write_export(neo4j_db.driver, neo4j_db.database, got, fmt)
        assert got.getvalue() == expected.getvalue(), fmt
    expected, got = io.BytesIO(), io.BytesIO()    # JSON-LD: the published context, canonical
    export(expected, "jsonld", built_examples[0] / "store")
    write_export(neo4j_db.driver, neo4j_db.database, got, "jsonld")
    assert got.getvalue() == expected.getvalue()
    ds = read_back(neo4j_db.driver, neo4j_db.database)
    merged = Graph().parse(data=ds.serialize(format="turtle"), format="turtle")
    assert same_graph(merged, _graph(t for g in store.graph_names() for t in store.triples(g)))
