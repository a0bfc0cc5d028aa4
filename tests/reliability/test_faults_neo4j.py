"""Neo4j faults: a server stopped in the middle of a load, and a password in the URI.

The stopped server is a private one (builder/neo4j/server.py), started for the test and
stopped from the loader's progress callback once the first batch is committed; the load
must end within its retry bound with E406 naming how many graphs were and were not
loaded. A password given inside the URI must never reach a message or a traceback.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from partygraph.cli import app
from partygraph.errors import Neo4jLoadError
from partygraph.neo4j import connect
from partygraph.neo4j.connect import RETRY_SECONDS
from partygraph.neo4j.loader import load_store
from partygraph.neo4j.server import ServerConfig, free_port, start, stop
from partygraph.store import GraphStore

SECRET = "Zq81-never-print-me"


def test_a_password_in_the_uri_stays_out_of_the_messages(store: Path) -> None:
    """Nothing listens on the port: the real command line fails with a clean message,
    and neither it nor anything else printed holds the password."""
    uri = f"bolt://neo4j:{SECRET}@127.0.0.1:{free_port()}"
    for args in (["load", "neo4j", "--uri", uri, "--store", str(store)],
                 ["cypher", "--neo4j", uri, "-"],
                 ["load", "neo4j", "--uri", uri.replace("bolt", "http"), "--store", str(store)]):
        done = subprocess.run([sys.executable, "-m", "partygraph.cli", *args],
                              input="MATCH (n) RETURN count(n)", capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 2, (args, done.stderr)
        assert SECRET not in done.stdout + done.stderr
        assert "Traceback" not in done.stderr and done.stderr.startswith("error: [E4"), \
            done.stderr


@pytest.mark.neo4j
def test_credentials_in_the_uri_are_used_and_never_shown(neo4j_server, neo4j_db, store: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    conn = neo4j_server.connection
    host = conn.uri.split("://", 1)[1]
    monkeypatch.setenv("NEO4J_PASSWORD", SECRET)        # wrong: the URI's must win
    result = CliRunner().invoke(app, ["load", "neo4j", "--store", str(store), "--uri",
                                      f"bolt://{conn.user}:{conn.password}@{host}"])
    assert result.exit_code == 0, result.output
    assert conn.password not in result.output
    monkeypatch.delenv("NEO4J_PASSWORD")
    result = CliRunner().invoke(app, ["load", "neo4j", "--store", str(store), "--uri",
                                      f"bolt://{conn.user}:{SECRET}@{host}"])
    assert result.exit_code == 2 and "refused the login" in result.stderr, result.output
    assert SECRET not in result.output


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[ServerConfig]:
    cfg = ServerConfig(home=tmp_path / "neo4j", port=free_port(), heap="512m",
                       pagecache="64m")
    start(cfg, timeout=300)
    try:
        yield cfg
    finally:
        stop(cfg)


@pytest.mark.neo4j
def test_a_server_stopped_mid_load_gives_a_bounded_clear_error(private_server: ServerConfig,
                                                               store: Path) -> None:
    graphs = GraphStore(store, read_only=True)
    driver = connect(private_server.connection())
    stopped_at: list[int] = []
    gone_since: list[float] = []

    def progress(done: int, total: int) -> None:
        if done and not stopped_at:         # a first graph is in: now the server goes
            stopped_at.append(done)
            stop(private_server)
            gone_since.append(time.monotonic())

    try:
        with pytest.raises(Neo4jLoadError) as caught:
            load_store(graphs, driver, batch_triples=100, progress=progress)
    finally:
        driver.close()
    elapsed = time.monotonic() - gone_since[0]
    message = str(caught.value)
    assert message.startswith("[E406] the Neo4j server failed during the load"), message
    loaded = int(message.split(" graph(s) are in Neo4j")[0].rsplit(" ", 3)[-3])
    total = int(message.split(" graph(s) are in Neo4j")[0].rsplit(" ", 1)[-1])
    assert 0 < loaded < total and f"{total - loaded} not loaded" in message, message
    assert loaded == stopped_at[0]
    assert elapsed < RETRY_SECONDS + 30, elapsed      # bounded, not the driver's 30 s+
