"""A load whose batches the server's transaction memory cannot hold goes on in halves.

The default batch (150,000 statements) suits a server with a 1 GB heap; a smaller server, or
one whose ``dbms.memory.transaction.total.max`` is low, answers a batch with an out-of-memory
error that retrying the same batch cannot cure. This module's own server has 10 MB of
transaction memory: the loader must split its batches until they fit and write exactly the
database a load in small batches writes."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from partygraph.neo4j.connect import connect
from partygraph.neo4j.loader import load_store
from partygraph.neo4j.server import ServerConfig, free_port, start, stop
from partygraph.store import GraphStore

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def small_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerConfig]:
    cfg = ServerConfig(home=tmp_path_factory.mktemp("neo4j-small") / "home", port=free_port(),
                       heap="512m", pagecache="64m", tx_memory="10m")
    start(cfg, timeout=300)
    try:
        yield cfg
    finally:
        stop(cfg)


@pytest.fixture(scope="module")
def store(synthetic: ModuleType) -> GraphStore:
    built: GraphStore = synthetic.build_store(100, 7)
    return built


def test_batches_too_big_for_the_server_are_split_and_the_load_completes(
        small_server: ServerConfig, store: GraphStore, neo4j_driver: Any, neo4j_server: Any,
        neo4j_snapshot: Any, neo4j_wipe: Any) -> None:
    database = neo4j_server.connection.database
    neo4j_wipe(neo4j_driver, database)
    reference = load_store(store, neo4j_driver, database, batch_triples=2_000)
    assert reference.batches_split == 0
    expected = neo4j_snapshot(neo4j_driver, database)

    driver = connect(small_server.connection())
    try:
        split = load_store(store, driver, batch_triples=10**9)        # one batch: too big
        assert split.batches_split > 0
        assert "batches split" in str(split)
        assert (split.triples, split.graphs_added, split.nodes, split.relationships,
                split.statement_links) == (reference.triples, reference.graphs_added,
                                           reference.nodes, reference.relationships,
                                           reference.statement_links)
        assert neo4j_snapshot(driver, None) == expected
        again = load_store(store, driver, batch_triples=10**9)        # nothing left to do
        assert again.graphs_unchanged == len(store.graph_names()) and again.triples == 0
    finally:
        driver.close()
