"""Loading into a real Neo4j: schema first, idempotent, incremental, retry-safe."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from rdflib import URIRef

from partygraph.neo4j import loader, writer
from partygraph.neo4j.loader import database_counts, load_store
from partygraph.store import GraphStore

if TYPE_CHECKING:
    from tests.conftest_neo4j import Neo4jDB

pytestmark = pytest.mark.neo4j
Snapshot = Callable[..., dict[str, Any]]


@pytest.fixture(scope="module")
def examples_store(built_examples: tuple[Path, object]) -> GraphStore:
    out, _ = built_examples
    return GraphStore(out / "store", read_only=True)


def _stores(synthetic: ModuleType) -> tuple[GraphStore, GraphStore, dict[str, str]]:
    """Store A (100 articles) and store B: one article changed, one removed, five added."""
    world = synthetic.make_world(7)
    arts = list(synthetic.articles(106, 7, world))
    a = synthetic.build_store(0, 7, arts=arts[:100])
    changed = synthetic.make_article(world, 900, 7)
    changed.source_id = arts[10].source_id
    b_arts = [changed if i == 10 else x for i, x in enumerate(arts[:100]) if i != 20]
    b = synthetic.build_store(0, 7, arts=b_arts + arts[100:105])
    return a, b, {"changed": arts[10].source_id, "removed": arts[20].source_id}


def test_schema_comes_first(neo4j_db: Neo4jDB, examples_store: GraphStore) -> None:
    load_store(examples_store, neo4j_db.driver, neo4j_db.database)
    with neo4j_db.driver.session(database=neo4j_db.database) as s:
        constraints = {(r["labels"][0], r["properties"][0]) for r in s.run(
            "SHOW CONSTRAINTS YIELD type, labelsOrTypes AS labels, properties "
            "WHERE type = 'UNIQUENESS' RETURN labels, properties")}
        indexes = {r["name"] for r in s.run("SHOW INDEXES YIELD name RETURN name")}
    assert {("Resource", "iri"), ("NamedGraph", "iri")} <= constraints
    assert {"partygraph_person_name", "partygraph_membership_role"} <= indexes


def test_examples_load_and_loading_twice_changes_nothing(neo4j_db: Neo4jDB,
                                                        examples_store: GraphStore,
        neo4j_snapshot: Snapshot) -> None:
    first = load_store(examples_store, neo4j_db.driver, neo4j_db.database)
    assert first.graphs_added == len(examples_store.graph_names()) > 5
    assert first.triples == len(examples_store)
    assert first.nodes > 50 and first.relationships > 100 and not first.conflicts
    before = neo4j_snapshot(neo4j_db.driver, neo4j_db.database)
    again = load_store(examples_store, neo4j_db.driver, neo4j_db.database)
    assert again.graphs_unchanged == first.graphs_added and again.triples == 0
    assert again.changes.nodes_created == again.changes.relationships_created == 0
    assert again.changes.properties_set == 0
    assert (again.nodes, again.relationships, again.properties) == \
        (first.nodes, first.relationships, first.properties)
    assert neo4j_snapshot(neo4j_db.driver, neo4j_db.database) == before


def test_the_cli_load_in_small_batches_gives_the_same_database(
        neo4j_db: Neo4jDB, neo4j_server: Any, built_examples: tuple[Path, object],
        examples_store: GraphStore, neo4j_snapshot: Snapshot) -> None:
    from typer.testing import CliRunner

    from partygraph.cli import app

    if neo4j_server.connection.database not in (None, "neo4j"):
        pytest.skip("the CLI loads the server's default database here")
    load_store(examples_store, neo4j_db.driver, neo4j_db.database)
    expected = neo4j_snapshot(neo4j_db.driver, neo4j_db.database)
    neo4j_db_wipe = loader.clear_database(neo4j_db.driver, neo4j_db.database)
    assert neo4j_db_wipe > 50
    out, _ = built_examples
    result = CliRunner().invoke(app, ["load", "neo4j", "--uri", neo4j_server.connection.uri,
                                      "--store", str(out / "store"), "--batch-triples", "40"])
    assert result.exit_code == 0, result.output
    assert neo4j_snapshot(neo4j_db.driver, neo4j_db.database) == expected
    refused = CliRunner().invoke(app, ["load", "neo4j", "--uri", neo4j_server.connection.uri,
                                       "--store", str(out / "store"), "--batch-triples", "0"])
    assert refused.exit_code == 2 and "batch-triples" in refused.output


def test_labels_language_tags_and_provenance_are_kept(neo4j_db: Neo4jDB,
                                                      examples_store: GraphStore) -> None:
    load_store(examples_store, neo4j_db.driver, neo4j_db.database)
    with neo4j_db.driver.session(database=neo4j_db.database) as s:
        person = s.run("MATCH (p:Person {canonicalName: 'Pham Toan Thang'}) "
                       "RETURN p").single(strict=True)["p"]
        assert person["iri"].startswith("https://w3id.org/partygraph/id/person/")
        assert any(k.startswith("altLabel@") for k in person)     # surface forms, tagged
        post = s.run(
            "MATCH (p:Person {canonicalName: 'Pham Toan Thang'})-[:HOLDS]->(m:Membership)"
            "-[:IN_ORGANIZATION]->(o:Organization {orgType: 'organization-commission'}) "
            "MATCH (m)-[:DERIVED_FROM]->(a:Article) "
            "OPTIONAL MATCH (m)-[:EVIDENCE]->(ev:Evidence)-[:DERIVED_FROM]->(a) "
            "RETURN m.role AS role, a.sourceId AS source, ev.quote AS quote, "
            "ev.startOffset AS start, ev.endOffset AS end").data()
        assert post and post[0]["role"] == "head"
        assert post[0]["source"] == "000_acaa6c502574b0ff.txt"
        assert any(r["quote"] and r["end"] > r["start"] >= 0 for r in post)
        article = s.run("MATCH (a:Article {sourceId: '000_acaa6c502574b0ff.txt'}) "
                        "RETURN a.language AS lang, a.datePublished AS day").single(strict=True)
        assert article["lang"] == "fr" and article["day"].iso_format() == "2024-07-17"
        unique = s.run("MATCH (n:Resource) RETURN count(n) = count(DISTINCT n.iri) AS ok")
        assert unique.single(strict=True)["ok"]


def test_incremental_load_equals_a_fresh_load(neo4j_db: Neo4jDB, synthetic: ModuleType,
        neo4j_snapshot: Snapshot) -> None:
    a, b, which = _stores(synthetic)
    db, name = neo4j_db.driver, neo4j_db.database
    load_store(a, db, name)
    update = load_store(b, db, name)
    assert (update.graphs_added, update.graphs_removed) == (5, 1)
    assert update.graphs_replaced == 2            # the changed article and the timeline
    assert update.graphs_unchanged == 98
    incremental = neo4j_snapshot(db, name)
    fresh = load_store(b, db, name, clear=True)
    assert fresh.graphs_added == len(b.graph_names())
    assert neo4j_snapshot(db, name) == incremental
    removed = str(synthetic.Minter().graph(which["removed"]))
    assert removed not in {g for g, _, _ in incremental["graphs"]}        # type: ignore[union-attr]
    again = load_store(b, db, name)
    assert again.graphs_unchanged == len(b.graph_names()) and again.elements_written == 0


def test_big_graphs_are_split_and_replaced_correctly(neo4j_db: Neo4jDB,
                                                     synthetic: ModuleType,
        neo4j_snapshot: Snapshot) -> None:
    a, b, _ = _stores(synthetic)
    db, name = neo4j_db.driver, neo4j_db.database
    load_store(b, db, name)
    reference = neo4j_snapshot(db, name)
    load_store(a, db, name, clear=True, batch_triples=97)     # every graph in many chunks
    load_store(b, db, name, batch_triples=97)
    assert neo4j_snapshot(db, name) == reference


def test_replayed_batches_change_nothing(neo4j_db: Neo4jDB, synthetic: ModuleType,
                                         monkeypatch: pytest.MonkeyPatch,
        neo4j_snapshot: Snapshot) -> None:
    """A managed transaction may run again after a commit whose answer was lost: every
    write must be idempotent. Each batch is applied twice here."""
    a, b, _ = _stores(synthetic)
    db, name = neo4j_db.driver, neo4j_db.database
    load_store(a, db, name)
    load_store(b, db, name)
    reference = neo4j_snapshot(db, name)
    original = writer._apply_batch

    def twice(tx, *args):                      # type: ignore[no-untyped-def]
        original(tx, *args)
        return original(tx, *args)

    monkeypatch.setattr(writer, "_apply_batch", twice)
    load_store(a, db, name, clear=True)
    load_store(b, db, name)
    assert neo4j_snapshot(db, name) == reference


def test_removed_graphs_leave_no_orphans(neo4j_db: Neo4jDB, synthetic: ModuleType) -> None:
    store = synthetic.build_store(20, 7)
    db, name = neo4j_db.driver, neo4j_db.database
    load_store(store, db, name)
    empty = GraphStore()
    summary = load_store(empty, db, name)
    assert summary.graphs_removed == 21
    assert database_counts(db, name) == {"nodes": 0, "relationships": 0, "properties": 0,
                                         "statement_links": 0, "graphs": 0}


def test_prune_off_keeps_other_graphs(neo4j_db: Neo4jDB, synthetic: ModuleType) -> None:
    store = synthetic.build_store(10, 7)
    db, name = neo4j_db.driver, neo4j_db.database
    load_store(store, db, name)
    one = GraphStore()
    g = URIRef("https://w3id.org/partygraph/id/graph/extra")
    one.replace_graph(g, list(store.triples(store.graph_names()[0])))
    summary = load_store(one, db, name, prune=False)
    assert (summary.graphs_added, summary.graphs_removed) == (1, 0)
    assert database_counts(db, name)["graphs"] == 12


def test_a_batch_begins_while_the_one_before_commits(neo4j_db: Neo4jDB, synthetic: ModuleType,
                                                     monkeypatch: pytest.MonkeyPatch,
        neo4j_snapshot: Snapshot) -> None:
    """Each batch's commit is held back half a second (the driver commits when the
    transaction function returns): the next batch must have written its first part and be
    waiting by then, and the database must be the one a load without overlap gives."""
    store = synthetic.build_store(40, 7)
    db, name = neo4j_db.driver, neo4j_db.database
    load_store(store, db, name, batch_triples=10**9)          # one batch: nothing overlaps
    reference = neo4j_snapshot(db, name)

    original_apply, original_wait = writer._apply_batch, writer._Turn.wait_previous
    overlapped: list[bool] = []

    def slow_commit(tx, *args):                # type: ignore[no-untyped-def]
        written = original_apply(tx, *args)
        time.sleep(0.5)
        return written

    def wait_previous(turn: writer._Turn) -> None:
        overlapped.append(turn.previous is not None and not turn.previous.done.is_set())
        original_wait(turn)

    monkeypatch.setattr(writer, "_apply_batch", slow_commit)
    monkeypatch.setattr(writer._Turn, "wait_previous", wait_previous)
    summary = load_store(store, db, name, clear=True, batch_triples=600)
    assert summary.graphs_added == len(store.graph_names())
    assert len(overlapped) > 5 and sum(overlapped) >= len(overlapped) - 2
    assert neo4j_snapshot(db, name) == reference


def test_a_failed_batch_stops_the_next_and_a_reload_completes(
        neo4j_db: Neo4jDB, synthetic: ModuleType, monkeypatch: pytest.MonkeyPatch,
        neo4j_snapshot: Snapshot) -> None:
    store = synthetic.build_store(40, 7)
    db, name = neo4j_db.driver, neo4j_db.database
    load_store(store, db, name)
    reference = neo4j_snapshot(db, name)
    loader.clear_database(db, name)

    original = writer._apply_batch
    calls = [0]

    class Injected(Exception):
        pass

    def fail_fourth(tx, *args):                # type: ignore[no-untyped-def]
        calls[0] += 1
        written = original(tx, *args)
        if calls[0] == 4:
            raise Injected("the fourth batch fails after its statements")
        return written

    monkeypatch.setattr(writer, "_apply_batch", fail_fourth)
    with pytest.raises(Injected):
        load_store(store, db, name, batch_triples=600)
    monkeypatch.undo()
    # the three batches before it are in, nothing of the fourth or later
    assert 0 < database_counts(db, name)["graphs"] < len(store.graph_names()) / 2
    load_store(store, db, name, batch_triples=600)
    assert neo4j_snapshot(db, name) == reference
