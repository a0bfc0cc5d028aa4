"""The Neo4j the tests run on is a real Neo4j 5.26, reachable the ways users reach it, and
the launcher behind ``make neo4j-start`` / ``make neo4j-stop`` starts, reuses and stops it."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import neo4j
import pytest

from partygraph import queries
from partygraph.errors import StoreError
from partygraph.neo4j import server
from partygraph.neo4j.connect import Connection, connect
from partygraph.neo4j.export import read_back_graph
from partygraph.neo4j.loader import load_store
from partygraph.neo4j.queries import run_cypher

if TYPE_CHECKING:
    from tests.conftest_neo4j import Neo4jDB, Neo4jServer

pytestmark = pytest.mark.neo4j


def test_it_is_neo4j_5_26(neo4j_driver: neo4j.Driver) -> None:
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.components() YIELD name, versions RETURN name, versions[0] AS version")
    assert records[0]["name"] == "Neo4j Kernel"
    assert records[0]["version"].startswith("5.26.")


def test_a_wrong_password_is_refused(neo4j_server: Neo4jServer) -> None:
    conn = neo4j_server.connection
    with pytest.raises(StoreError, match="refused the login"):
        connect(Connection(conn.uri, conn.user, conn.password + "-wrong"))


def test_routing_uris_work_unchanged(neo4j_db: Neo4jDB, neo4j_server: Neo4jServer,
                                     synthetic: ModuleType) -> None:
    """``neo4j://`` (what a cluster or Aura needs) for loading, querying, reading back."""
    conn = neo4j_server.connection
    routed = Connection(conn.uri.replace("bolt://", "neo4j://", 1), conn.user, conn.password,
                        conn.database)
    store = synthetic.build_store(15, 7)
    driver = connect(routed)
    try:
        summary = load_store(store, driver, routed.database)
        assert summary.graphs_added == 16
        q = queries.load("who-chaired-what")
        _, rows = run_cypher(q, queries.cypher_parameters(q, {}), driver, routed.database)
        assert len(rows) >= 15
        assert len(read_back_graph(driver, routed.database)) == len(
            {t for g in store.graph_names() for t in store.triples(g)})
    finally:
        driver.close()


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")) and not os.environ.get(
    "PARTYGRAPH_TEST_LAUNCHER"), reason="an external Neo4j is in use (set "
    "PARTYGRAPH_TEST_LAUNCHER=1 to test the launcher too)")
def test_launcher_starts_reuses_and_stops(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The command ``make neo4j-start`` / ``neo4j-stop`` run, on a home and port of its own."""
    home, port = tmp_path / "neo4j", server.free_port()
    args = ["--home", str(home), "--port", str(port)]
    monkeypatch.setenv("NEO4J_HEAP", "512m")
    try:
        assert server.main(["start", *args]) == 0
        cfg = server.ServerConfig(home=home, port=port)
        pid = server.read_pid(cfg)
        assert pid is not None and _port_open(port)
        assert server.READY_MARK in cfg.log_file.read_text()
        assert "neo4j.conf" in {p.name for p in (home / "conf").iterdir()}
        conf = (home / "conf" / "neo4j.conf").read_text()
        assert f"server.bolt.listen_address=127.0.0.1:{port}" in conf
        assert "db.tx_log.preallocate=false" in conf

        assert server.main(["start", *args]) == 0                  # idempotent
        assert server.read_pid(cfg) == pid
        assert server.main(["status", *args]) == 0
        assert f"pid {pid}" in capsys.readouterr().out

        other = server.ServerConfig(home=tmp_path / "other", port=port)
        with pytest.raises(StoreError, match="already in use"):
            server.start(other, build=False)
    finally:
        assert server.main(["stop", *args]) == 0
    assert server.read_pid(server.ServerConfig(home=home, port=port)) is None
    assert not (home / "neo4j.pid").exists() and not _port_open(port)
    assert server.main(["stop", *args]) == 0
    assert "was not running" in capsys.readouterr().out
