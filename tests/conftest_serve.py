"""pytest plugin: real ``partygraph serve`` servers (uvicorn, in a subprocess, through the
command line) on free loopback ports, over real stores.

``serve --port 0`` binds any free port and prints the address it listens on; the fixture
reads that line, then waits until the server answers. Two stores: the examples' build
(fixture ``store`` of conftest.py), and a small one made here by hand whose names and
quotes hold markup (``<script>`` …), under another base IRI.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from partygraph.namespaces import ORG, PG, PROV
from partygraph.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
HOSTILE_BASE = "https://example.org/kg/"
HOSTILE_NAME = "<script>window.pwned = 1</script> Tran <b>Van</b> Ba"
HOSTILE_QUOTE = 'Comrade <img src=x onerror="window.pwned = 2"> Tran Van Ba chaired it.'
_LISTENING = re.compile(r"at (http://\S+/) ")


@contextmanager
def serving(store: Path, *args: str) -> Iterator[str]:
    """A ``partygraph serve`` of ``store`` (extra command-line ``args``); yields its URL."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT / "build" / "typecheck"), os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "partygraph.cli", "serve", "--store", str(store),
         "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = _LISTENING.search(line)
        if found is None:
            proc.kill()
            _, err = proc.communicate(timeout=10)
            pytest.fail(f"serve did not start: {line!r} {err}")
        assert found is not None
        url = found.group(1)
        _wait(url)
        yield url
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=10)     # reaps it and closes the pipes
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate(timeout=10)


def _wait(url: str, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while True:
        try:
            httpx.get(url + "sparql", params={"query": "ASK {}"}, timeout=2.0)
            return
        except httpx.TransportError:
            if time.monotonic() > end:
                raise
            time.sleep(0.05)


@pytest.fixture(scope="session")
def served(store: Path) -> Iterator[str]:
    """The URL of a ``serve`` of the examples' store (default limits)."""
    with serving(store) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store made by hand, under HOSTILE_BASE: a person whose name and evidence hold
    markup, a post in an organization, an event he chaired."""
    folder = tmp_path_factory.mktemp("hostile") / "store"
    ns = HOSTILE_BASE
    person, org, post = URIRef(ns + "person/tran-van-ba"), URIRef(ns + "org/x"), \
        URIRef(ns + "membership/1")
    event, ev, article = URIRef(ns + "event/1"), URIRef(ns + "evidence/1"), \
        URIRef(ns + "article/a1")
    triples = [
        (person, RDF.type, PG.Person), (person, PG.canonicalName, Literal(HOSTILE_NAME)),
        (person, SKOS.altLabel, Literal("</td></tr><script>window.pwned = 3</script>",
                                        lang="vi")),
        (org, RDF.type, ORG.Organization),
        (org, RDFS.label, Literal("<i>committee</i>", lang="en")),
        (post, RDF.type, ORG.Membership), (post, ORG.member, person),
        (post, ORG.organization, org), (post, PG.evidence, ev),
        (ev, RDF.type, PG.Evidence), (ev, PG.quote, Literal(HOSTILE_QUOTE)),
        (ev, PROV.wasDerivedFrom, article), (article, RDF.type, PG.Article),
        (article, PG.sourceId, Literal("a1.txt")),
        (event, RDF.type, PG.Event), (event, PG.chairedBy, person),
    ]
    graphs = GraphStore(folder)
    graphs.replace_graph(URIRef(ns + "graph/a1"), triples)
    graphs.close()
    return folder


@pytest.fixture(scope="session")
def served_hostile(hostile_store: Path) -> Iterator[str]:
    """A ``serve`` of the hand-made store, with its base given."""
    with serving(hostile_store, "--base", HOSTILE_BASE) as url:
        yield url
