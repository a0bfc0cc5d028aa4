"""pytest plugin: a real Neo4j server for the tests marked ``neo4j``.

Register it in ``tests/conftest.py``::

    pytest_plugins = ["conftest_neo4j"]

(``tests/`` has no ``__init__.py``, so pytest puts ``tests/`` itself on ``sys.path`` and the
module imports by that name under both ``pytest`` and ``python -m pytest``;
``"tests.conftest_neo4j"`` works only under ``python -m pytest``.) Or run
``python -m pytest -p tests.conftest_neo4j``.

- ``NEO4J_URI`` unset: the session starts its own Neo4j 5.26 from the Maven-built launcher in
  ``services/neo4j`` (building it first if needed), on a free loopback port with its data
  in a temporary folder, and stops it at the end.
- ``NEO4J_URI`` set: that server is used (``NEO4J_USER``, ``NEO4J_PASSWORD``,
  ``NEO4J_DATABASE``). The tests wipe its database, so point it at a scratch server; as a
  guard they refuse to wipe a database holding nodes partygraph did not write.

Either way, a server that cannot be started or reached FAILS the tests (it never skips them):
CI must run them for real.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import neo4j
import pytest

from partygraph.errors import StoreError
from partygraph.neo4j.connect import Connection, connect, connection_from_env
from partygraph.neo4j.server import ServerConfig, free_port, start, stop

ROOT = Path(__file__).resolve().parents[1]
SYNTHETIC_ARTICLES = int(os.environ.get("PARTYGRAPH_NEO4J_TEST_ARTICLES", "2000"))


@dataclass(frozen=True, slots=True)
class Neo4jServer:
    """The server the session uses: how to reach it, and its launcher when we started it."""

    connection: Connection
    config: ServerConfig | None      # None: an external server given by NEO4J_URI


@dataclass(frozen=True, slots=True)
class Neo4jDB:
    """A driver and the database a test may write to (emptied before the test)."""

    driver: neo4j.Driver
    database: str | None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "neo4j: needs a running Neo4j server (started by the session fixture)")


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """Neo4j for the whole session: the one at NEO4J_URI, or one we start and stop."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jServer(connection_from_env(), None)
        return
    cfg = ServerConfig(home=tmp_path_factory.mktemp("neo4j-home"), port=free_port(),
                       heap=os.environ.get("NEO4J_TEST_HEAP", "1g"), pagecache="256m")
    try:
        start(cfg, timeout=300)
    except (StoreError, OSError) as exc:
        pytest.fail(f"could not start Neo4j for the tests (NEO4J_URI is not set, so the "
                    f"session starts services/neo4j itself): {exc}", pytrace=False)
    try:
        yield Neo4jServer(cfg.connection(), cfg)
    finally:
        stop(cfg)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    """A verified driver on the session's server."""
    try:
        driver = connect(neo4j_server.connection)
    except StoreError as exc:
        pytest.fail(f"Neo4j is not reachable: {exc}", pytrace=False)
    try:
        yield driver
    finally:
        driver.close()


def wipe(driver: neo4j.Driver, database: str | None) -> None:
    """Empty the database (data only: constraints and indexes stay, they are idempotent)."""
    with driver.session(database=database) as session:
        foreign = session.run(
            "MATCH (n) WHERE NOT n:Resource AND NOT n:NamedGraph RETURN count(n) AS c"
        ).single(strict=True)["c"]
        if foreign:
            pytest.fail(f"the test database holds {foreign} nodes partygraph did not write: "
                        "refusing to wipe it (point NEO4J_URI at a scratch server)",
                        pytrace=False)
        for query in ("MATCH ()-[r]->() WITH r LIMIT 50000 DELETE r RETURN count(*) AS c",
                      "MATCH (n) WITH n LIMIT 50000 DETACH DELETE n RETURN count(*) AS c"):
            while session.execute_write(lambda tx, q=query: tx.run(q).single(strict=True)["c"]):
                pass


@pytest.fixture
def neo4j_db(neo4j_driver: neo4j.Driver, neo4j_server: Neo4jServer) -> Neo4jDB:
    """The session's database, emptied for this test."""
    db = Neo4jDB(neo4j_driver, neo4j_server.connection.database)
    wipe(db.driver, db.database)
    return db


def load_synthetic() -> ModuleType:
    """``benchmarks/synthetic.py`` as a module (benchmarks/ is not a package)."""
    name = "partygraph_benchmarks_synthetic"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def synthetic() -> ModuleType:
    """The synthetic-corpus generator."""
    return load_synthetic()


# -- helpers the Neo4j tests share ------------------------------------------------------------
def snapshot(driver: neo4j.Driver, database: str | None = None) -> dict[str, object]:
    """Everything in the database, in a comparable form: nodes (labels, properties),
    relationships, STATED_IN statements and named-graph hashes."""
    def norm(value: object) -> object:
        if isinstance(value, list):
            return tuple(norm(v) for v in value)
        return value.iso_format() if hasattr(value, "iso_format") else value

    with driver.session(database=database) as session:
        nodes = {r["iri"]: (tuple(sorted(r["labels"])),
                            tuple(sorted((k, norm(v)) for k, v in r["props"].items())))
                 for r in session.run("MATCH (n:Resource) RETURN n.iri AS iri, "
                                      "labels(n) AS labels, properties(n) AS props")}
        rels = sorted((r["a"], r["t"], r["b"]) for r in session.run(
            "MATCH (a:Resource)-[r]->(b:Resource) RETURN a.iri AS a, type(r) AS t, b.iri AS b"))
        stated = sorted((r["s"], r["g"], tuple(sorted(r["st"]))) for r in session.run(
            "MATCH (n:Resource)-[f:STATED_IN]->(g:NamedGraph) "
            "RETURN n.iri AS s, g.iri AS g, f.st AS st"))
        graphs = sorted((r["g"], r["h"], r["n"]) for r in session.run(
            "MATCH (g:NamedGraph) RETURN g.iri AS g, g.hash AS h, g.triples AS n"))
    return {"nodes": nodes, "rels": rels, "stated": stated, "graphs": graphs}


@pytest.fixture(scope="session")
def neo4j_snapshot() -> object:
    """:func:`snapshot`, for tests that should not import this module by name."""
    return snapshot


@pytest.fixture(scope="session")
def neo4j_wipe() -> object:
    """:func:`wipe`, for module-scoped fixtures that load their own data."""
    return wipe


@pytest.fixture(scope="session")
def synthetic_articles() -> int:
    """How many synthetic articles the comparison loads (PARTYGRAPH_NEO4J_TEST_ARTICLES)."""
    return SYNTHETIC_ARTICLES
