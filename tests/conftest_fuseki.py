"""pytest plugin: a real Apache Jena Fuseki 5.6 (from Maven Central, see
:mod:`partygraph.fuseki`) for the tests marked ``fuseki``, started once per session on a
free loopback port with an in-memory dataset, stopped at the end. A Fuseki that cannot be
fetched or started FAILS the tests (never skips them): CI must run them for real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from partygraph.errors import StoreError
from partygraph.fuseki import FusekiConfig, start, stop
from partygraph.neo4j.server import free_port


@pytest.fixture(scope="session")
def fuseki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FusekiConfig]:
    cfg = FusekiConfig(home=tmp_path_factory.mktemp("fuseki"), port=free_port())
    try:
        proc = start(cfg, timeout=180)
    except StoreError as exc:
        pytest.fail(f"Fuseki could not be started: {exc}")
    try:
        yield cfg
    finally:
        stop(proc, cfg)
