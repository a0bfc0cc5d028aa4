"""How the Neo4j loader's reader thread cuts the store into batches (no server needed)."""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import threading
import time
from collections.abc import Iterator
from types import ModuleType

import pytest
from rdflib import BNode, Literal, URIRef

from partygraph.neo4j.batches import (
    plan_batches,
    prefetch,
    read_graph,
    selected_graphs,
    split_batch,
)
from partygraph.neo4j.create import merged_views, new_node, wanted_relationships
from partygraph.neo4j.mapping import ox_key
from partygraph.neo4j.views import NodeView
from partygraph.store import GraphStore
from partygraph.terms import parse_lines


def _reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "partygraph-neo4j-reader"]


def test_batches_count_every_graph_once_and_respect_the_limit(synthetic: ModuleType) -> None:
    store = synthetic.build_store(12, 7)
    names = selected_graphs(store)
    batches = list(plan_batches(store, names, {}, [], limit=400))
    assert sum(b.graphs for b in batches) == len(names)
    assert sum(b.added for b in batches) == len(names)
    assert sum(b.triples for b in batches) == len(store)
    assert len(batches) > 3
    for b in batches:
        # a batch goes over the limit only when one graph alone is bigger
        assert b.size <= 400 or len(b.works) == 1
        views, links = merged_views(b.works)
        assert (b.views, b.links, b.wanted) == (views, links, wanted_relationships(views))


def test_a_split_batch_keeps_every_statement_once_in_order(synthetic: ModuleType) -> None:
    store = synthetic.build_store(8, 7)
    [batch] = list(plan_batches(store, selected_graphs(store), {}, [], limit=10**9))
    halves = split_batch(batch)
    assert len(halves) == 2 and all(h.works for h in halves)
    assert [w.iri for h in halves for w in h.works] == [w.iri for w in batch.works]
    assert abs(halves[0].size - halves[1].size) < batch.size / 2
    for h in halves:
        views, links = merged_views(h.works)
        assert (h.views, h.links, h.wanted) == (views, links, wanted_relationships(views))
        assert h.graphs == h.added == h.triples == 0        # the caller counts the batch once

    # one graph is split by subjects: the first part replaces, the last writes the hash
    [work] = batch.works[:1]
    one = split_batch(type(batch)(works=[work], size=batch.size).prepare())
    parts = [w for h in one for w in h.works]
    assert [(w.iri, w.replace, w.final) for w in parts] == \
        [(work.iri, work.replace, False), (work.iri, False, work.final)]
    assert sorted(k for w in parts for k in w.by_subject) == sorted(work.by_subject)

    # a single subject cannot be split
    key, subject = next(iter(work.by_subject.items()))
    single = type(batch)(works=[type(work)(work.iri, work.digest, 1, {key: subject},
                                           replace=False, final=True)], size=1).prepare()
    assert split_batch(single) == [single]


def test_unchanged_graphs_are_counted_not_written(synthetic: ModuleType) -> None:
    store = synthetic.build_store(6, 7)
    names = selected_graphs(store)
    known: dict[str, str | None] = {}
    for name in names[:4]:
        read = read_graph(store, name)
        known[read.iri] = read.digest
    known["https://w3id.org/partygraph/id/graph/gone"] = "x"
    batches = list(plan_batches(store, names, known, ["https://w3id.org/partygraph/id/graph/gone"],
                                limit=10_000))
    assert sum(b.unchanged for b in batches) == 4
    assert sum(b.added for b in batches) == len(names) - 4
    assert sum(b.removed for b in batches) == 1
    written = {w.iri for b in batches for w in b.works if not w.remove_only}
    assert written == {str(n) for n in names[4:]}


def test_a_consumer_that_stops_early_stops_the_reader() -> None:
    """Regression: the reader thread, once its queue was full, blocked for ever on the
    end-of-items marker after the consumer had gone (one thread leaked per aborted load)."""
    before = len(_reader_threads())
    items = prefetch(itertools.count(), depth=1)
    assert next(items) == 0
    time.sleep(0.3)                     # let the reader fill the queue
    items.close()                       # type: ignore[attr-defined]
    deadline = time.monotonic() + 5
    while len(_reader_threads()) > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_reader_threads()) == before


def test_an_error_in_the_reader_reaches_the_consumer() -> None:
    def broken() -> Iterator[int]:
        yield 1
        raise OSError("disk gone")

    items = prefetch(broken())
    assert next(items) == 1
    with pytest.raises(OSError, match="disk gone"):
        next(items)


def test_the_driver_packs_in_rust() -> None:
    """``neo4j-rust-ext`` is a dependency: without it packing the load's parameters in
    pure Python was a third of the loader's CPU time."""
    assert importlib.util.find_spec("neo4j._rust") is not None


def test_reading_a_graph_from_its_lines_equals_parsing_every_statement() -> None:
    """The reader cuts IRIs and blank nodes from the store's canonical lines and parses only
    literals: the views, texts and hash must be those of parsing every statement."""
    ex = "https://w3id.org/partygraph/id/"
    pg = "https://w3id.org/partygraph/ontology#"
    person, org, blank = URIRef(ex + "person/a"), URIRef(ex + "org/b"), BNode("n1")
    graph = URIRef(ex + "graph/g1")
    store = GraphStore()
    store.replace_graph(graph, [
        (person, URIRef(pg + "canonicalName"), Literal('Lê "Văn" A\\b\nc', lang="vi")),
        (person, URIRef(pg + "note"), Literal("x y . z")),
        (person, URIRef(pg + "memberOf"), org),
        (person, URIRef(pg + "seenIn"), blank),
        (blank, URIRef(pg + "count"), Literal(3)),
        (org, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
         URIRef(pg + "Organization")),
    ])
    read = read_graph(store, graph)
    lines = store.graph_lines(graph)
    expected: dict[str, NodeView] = {}
    for s, p, o in parse_lines(lines):
        expected.setdefault(ox_key(s), NodeView()).add_ox(p.value, o)
    assert {k: v.view for k, v in read.by_subject.items()} == expected
    assert sorted(t for v in read.by_subject.values() for t in v.texts) == sorted(
        line.split(" ", 1)[1][:-2] for line in lines)
    h = hashlib.sha256()
    for line in sorted(line[:-2] for line in lines):
        h.update(line.encode("utf-8") + b"\n")
    assert read.digest == h.hexdigest()


def test_each_key_gets_a_prepared_node_row_in_the_first_batch_that_names_it(
        synthetic: ModuleType) -> None:
    store = synthetic.build_store(12, 7)
    batches = list(plan_batches(store, selected_graphs(store), {}, [], limit=400))
    assert len(batches) > 3
    seen: set[str] = set()
    for b in batches:
        keys = set(b.views).union(*((s, e) for s, _, e in b.wanted))
        assert set(b.prepared) == keys - seen
        for key, (row, conflicts) in b.prepared.items():
            fresh: list[tuple[str, str]] = []
            assert row == new_node(key, b.views.get(key), fresh) and conflicts == fresh
        seen |= keys
    # the corpus's recurring nodes (provinces, officials) are named again by later batches
    assert sum(len(b.prepared) for b in batches) < sum(
        len(set(b.views).union(*((s, e) for s, _, e in b.wanted))) for b in batches)
