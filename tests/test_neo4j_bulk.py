"""``load neo4j --bulk``: a first load through the import tool gives the database a Bolt load
gives, keeps the hashes incremental loads rely on, and refuses a database that is not empty.

The Bolt load goes to the session's server, the bulk load to a server of this module's own
(a bulk load stops and restarts its server, which the session's pooled driver must not see);
one of each, shared by the tests."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import neo4j
import pytest
from rdflib import BNode, Literal, URIRef
from typer.testing import CliRunner

from partygraph import namespaces as ns
from partygraph.cli import app
from partygraph.errors import Neo4jBulkLoadError
from partygraph.neo4j.bulk import DELIMITERS, bulk_load, run_import, write_csv
from partygraph.neo4j.connect import connect
from partygraph.neo4j.export import read_back_store
from partygraph.neo4j.loader import database_counts, load_store, selected_graphs, stored_graphs
from partygraph.neo4j.server import ServerConfig, free_port, read_pid, stop
from partygraph.store import GraphStore

pytestmark = [pytest.mark.neo4j,
              pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")]
ID = "https://w3id.org/partygraph/id/"
EX = "http://example.org/vocab#"


def _odd_graphs(store: GraphStore) -> None:
    """Language tags, datatypes, repeated and conflicting values, a blank node, quotes, a
    line break, a tab, a backslash, a comma, an empty string, terms outside the ontology."""
    p = URIRef(ID + "person/le-van-dung")
    interval = BNode("interval-1")      # the same in both stores
    store.replace_graph(URIRef(ID + "graph/odd-1"), [
        (p, ns.RDF.type, ns.PG.Person),
        (p, ns.PG.canonicalName, Literal("Le Van Dung")),
        (p, ns.SKOS.altLabel, Literal("Ле Ван Зунг", lang="ru")),
        (p, ns.SKOS.altLabel, Literal("Le V. Dung, jr", lang="fr")),
        (p, ns.SKOS.altLabel, Literal("Le Van Dung", lang="fr")),
        (p, URIRef(EX + "note"), Literal('a "quoted"\nmulti-line \\ note\twith tab')),
        (p, URIRef(EX + "empty"), Literal("")),
        (p, URIRef(EX + "score"), Literal("0.50", datatype=ns.XSD.decimal)),
        (p, URIRef(EX + "active"), Literal(True)),
        (p, URIRef(EX + "count"), Literal(3)),
        (p, URIRef(EX + "count"), Literal(4)),
        (p, URIRef(EX + "count"), Literal("three")),
        (p, URIRef(EX + "day"), Literal(dt.date(1999, 1, 2))),
        (p, ns.SDO.startDate, Literal(dt.date(2020, 1, 1))),
        (p, ns.SDO.startDate, Literal(dt.date(2021, 1, 1))),         # a conflict: kept
        (p, URIRef("urn:x-local:odd%20property:ü"), Literal("x")),
        (p, ns.ORG.memberDuring, interval),
        (interval, ns.RDF.type, URIRef("http://www.w3.org/2006/time#Interval")),
        (interval, ns.PG.quote, Literal("")),
    ])
    store.replace_graph(URIRef(ID + "graph/odd-2"), [
        (p, ns.RDF.type, ns.PG.Person),
        (p, ns.SKOS.altLabel, Literal("لي فان دونغ", lang="ar")),
        (p, URIRef(EX + "count"), Literal("four")),
        (p, ns.PG.mentionedIn, URIRef(ID + "article/003")),
    ])
    store.replace_graph(URIRef(ID + "graph/empty"), [])


def typed(driver: neo4j.Driver, database: str | None, snapshot: Any) -> dict[str, object]:
    """The conftest's snapshot plus every property's Python type (True == 1 there)."""
    with driver.session(database=database) as s:
        types = sorted((r["iri"], k, type(v).__name__, type(v[0]).__name__
                        if isinstance(v, list) else "") for r in s.run(
            "MATCH (n) RETURN n.iri AS iri, properties(n) AS props") for k, v in
            r["props"].items())
        schema = sorted(r["name"] for r in s.run(
            "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' AND name STARTS WITH "
            "'partygraph_' RETURN name"))
    return {**snapshot(driver, database), "types": types, "schema": schema,
            "counts": database_counts(driver, database)}


def dump(driver: neo4j.Driver, database: str | None) -> bytes:
    out = io.BytesIO()
    read_back_store(driver, database).dump_dataset(out, "nq")
    return out.getvalue()


@pytest.fixture(scope="module")
def stores(synthetic: ModuleType) -> tuple[GraphStore, GraphStore]:
    """Store A (20 synthetic articles and the odd graphs), store B: one article changed."""
    world = synthetic.make_world(7)
    arts = list(synthetic.articles(20, 7, world))
    a = synthetic.build_store(0, 7, arts=arts)
    changed = synthetic.make_article(world, 900, 7)
    changed.source_id = arts[10].source_id
    b = synthetic.build_store(0, 7, arts=[changed if i == 10 else x for i, x in enumerate(arts)])
    for store in (a, b):
        _odd_graphs(store)
    return a, b


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerConfig]:
    """A home of this module's own that has never held a database: the bulk load imports
    into it and starts its server (one start instead of a start and a restart)."""
    cfg = ServerConfig(home=tmp_path_factory.mktemp("neo4j-bulk") / "home", port=free_port(),
                       heap="1g", pagecache="128m")
    try:
        yield cfg
    finally:
        stop(cfg)


@pytest.fixture(scope="module")
def loaded(server: ServerConfig, stores: tuple[GraphStore, GraphStore], neo4j_driver: Any,
           neo4j_server: Any, neo4j_snapshot: Any, neo4j_wipe: Any) -> dict[str, Any]:
    """A Bolt load of A into the session's server, its picture; a bulk load of A into this
    module's, its picture."""
    a, _ = stores
    database = neo4j_server.connection.database
    neo4j_wipe(neo4j_driver, database)
    bolt = load_store(a, neo4j_driver, database)
    by_bolt = typed(neo4j_driver, database, neo4j_snapshot), dump(neo4j_driver, database)
    neo4j_wipe(neo4j_driver, database)
    bulk = bulk_load(a, server)
    driver = connect(server.connection())
    try:
        by_bulk = typed(driver, "neo4j", neo4j_snapshot), dump(driver, "neo4j")
    finally:
        driver.close()
    return {"bolt": bolt, "bulk": bulk, "by_bolt": by_bolt, "by_bulk": by_bulk}


def test_a_bulk_load_gives_the_database_a_bolt_load_gives(loaded: dict[str, Any]) -> None:
    (bolt_db, bolt_rdf), (bulk_db, bulk_rdf) = loaded["by_bolt"], loaded["by_bulk"]
    assert bulk_db["counts"] == bolt_db["counts"]
    for part in ("nodes", "rels", "stated", "graphs", "types", "schema"):
        assert bulk_db[part] == bolt_db[part], part
    assert bulk_rdf == bolt_rdf and b"multi-line" in bulk_rdf
    bolt, bulk = loaded["bolt"], loaded["bulk"]
    assert (bulk.triples, bulk.graphs_added, sorted(bulk.conflicts)) == \
        (bolt.triples, bolt.graphs_added, sorted(bolt.conflicts))
    assert bulk.conflicts and bulk.elements_written == bolt.elements_written
    assert set(bulk.phases) == {"csv", "stop", "import", "start", "schema"}


def test_after_a_bulk_load_incremental_loads_write_only_what_changed(
        loaded: dict[str, Any], server: ServerConfig,
        stores: tuple[GraphStore, GraphStore]) -> None:
    a, b = stores
    driver = connect(server.connection())
    try:
        again = load_store(a, driver, "neo4j")
        assert again.graphs_unchanged == len(a.graph_names()) and again.elements_written == 0
        before = stored_graphs(driver, "neo4j")
        update = load_store(b, driver, "neo4j")
        after = stored_graphs(driver, "neo4j")
    finally:
        driver.close()
    changed = {g for g in after if after[g] != before[g]}
    differ = {str(g) for g in a.graph_names() if set(a.triples(g)) != set(b.triples(g))}
    assert changed == differ and 1 <= update.graphs_replaced == len(differ) <= 2  # + timeline
    assert update.graphs_unchanged == len(b.graph_names()) - update.graphs_replaced
    assert update.graphs_added == update.graphs_removed == 0


def test_a_bulk_load_into_a_database_that_is_not_empty_is_refused(
        loaded: dict[str, Any], server: ServerConfig, stores: tuple[GraphStore, GraphStore],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(Neo4jBulkLoadError, match=r"^\[E407\] the database neo4j .* is not empty"):
        bulk_load(stores[0], server)
    folder = tmp_path / "store"
    copy = GraphStore(folder)
    copy.replace_graph(URIRef(ID + "graph/one"), [(URIRef(ID + "x"), ns.PG.quote,
                                                   Literal("y"))])
    copy.close()
    monkeypatch.setenv("NEO4J_PASSWORD", server.password)
    result = CliRunner().invoke(app, ["load", "neo4j", "--uri", server.uri, "--store",
                                      str(folder), "--bulk", "--home", str(server.home)])
    assert result.exit_code == 2, result.output
    assert "[E407] the database neo4j" in result.output and "without --bulk" in result.output
    elsewhere = CliRunner().invoke(app, ["load", "neo4j", "--uri", "bolt://192.0.2.1:7687",
                                         "--store", str(folder), "--bulk"])
    assert elsewhere.exit_code == 2 and "[E407]" in elsewhere.output
    with connect(server.connection()) as driver:         # the server still runs, unchanged
        assert stored_graphs(driver, "neo4j")
    stop(server)       # a stopped server's database may hold anything: refused, not started
    with pytest.raises(Neo4jBulkLoadError, match=r"^\[E407\] no Neo4j launcher .* runs in"):
        bulk_load(stores[0], server)
    assert read_pid(server) is None


def test_the_import_tool_takes_files_without_line_breaks(synthetic: ModuleType,
                                                         tmp_path: Path) -> None:
    """Regression: with no file listed in --multiline-fields, the database name came last
    and the tool read it as one more --relationships file ("File 'neo4j' doesn't exist")."""
    store = synthetic.build_store(5, 7)
    folder = tmp_path / "csv"
    folder.mkdir()
    files = write_csv(store, folder, selected_graphs(store), DELIMITERS[0])
    assert not files.multiline
    (tmp_path / "home").mkdir()
    proc = run_import(ServerConfig(home=tmp_path / "home", heap="512m"), files, "neo4j")
    assert proc.returncode == 0, proc.stdout[-800:] + proc.stderr[-800:]
    assert f"{files.summary.changes.nodes_created} nodes" in proc.stdout
