"""The store's merged graph: each fact once, maintained as article graphs change."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from partygraph.errors import StoreError
from partygraph.iris import Minter
from partygraph.namespaces import PG, RDF
from partygraph.store import GraphStore
from partygraph.terms import from_ox, to_ox_triple

M = Minter()
A, B = M.graph("a"), M.graph("b")
P = M.person("binh-thuan/nguyen-van-an")
NAME = (P, PG.canonicalName, Literal("Nguyen Van An"))
TYPE = (P, RDF.type, PG.Person)
OTHER = (P, PG.aboutPlace, M.graph("c"))


def merged(store: GraphStore) -> set[tuple[str, str, str]]:
    return {(s.value, p.value, o.value) for s, p, o in store.merged_triples()}


def as_text(*triples: tuple) -> set[tuple[str, str, str]]:
    return {tuple(str(t) for t in triple) for triple in triples}  # type: ignore[misc]


def test_a_fact_stated_by_two_articles_is_in_the_merged_graph_once() -> None:
    store = GraphStore()
    store.replace_graph(A, [NAME, TYPE])
    store.replace_graph(B, [NAME])
    assert merged(store) == as_text(NAME, TYPE)
    assert store.merged_size() == 2
    assert len(store) == 3      # what the articles state, with the repeat
    _, rows = store.query("SELECT ?n WHERE { ?p ?x ?n . ?p a ?t }")
    assert len(rows) == 2       # no join multiplied by the number of graphs


def test_a_fact_leaves_the_merged_graph_only_when_no_article_states_it() -> None:
    store = GraphStore()
    store.replace_graph(A, [NAME, TYPE])
    store.replace_graph(B, [NAME])
    store.replace_graph(A, [TYPE])           # A no longer names the person; B does
    assert merged(store) == as_text(NAME, TYPE)
    store.remove_graph(B)                    # now nobody does
    assert merged(store) == as_text(TYPE)
    store.replace_graph(A, [])
    assert merged(store) == set()


def test_quarantine_graphs_stay_out_of_the_merged_graph_and_the_queries() -> None:
    store = GraphStore()
    bad = (P, PG.canonicalName, Literal("Нгуен"))
    store.replace_graph(M.quarantine("a"), [bad, TYPE])
    store.replace_graph(A, [NAME])
    assert merged(store) == as_text(NAME)
    _, rows = store.query(f"SELECT ?n WHERE {{ ?p <{PG.canonicalName}> ?n }}")
    assert [str(r[0]) for r in rows] == ["Nguyen Van An"]


def test_a_quarantined_copy_does_not_keep_a_fact_alive() -> None:
    store = GraphStore()
    store.replace_graph(A, [NAME])
    store.replace_graph(M.quarantine("b"), [NAME])
    store.remove_graph(A)
    assert merged(store) == set()


def test_replacing_with_the_same_triples_changes_nothing() -> None:
    store = GraphStore()
    store.replace_graph(A, [NAME, TYPE])
    change = store.replace_graph(A, [TYPE, NAME])
    assert not change and change.size == 2


def test_a_store_of_the_earlier_layout_is_refused_with_what_to_do(tmp_path: Path) -> None:
    raw = ox.Store(str(tmp_path / "store"))
    raw.add(ox.Quad(ox.NamedNode(str(P)), ox.NamedNode(str(RDF.type)),
                    ox.NamedNode(str(PG.Person)), ox.NamedNode(str(A))))
    raw.flush()
    del raw
    with pytest.raises(StoreError, match="delete it and run `partygraph build` again"):
        GraphStore(tmp_path / "store")


def test_the_merged_dump_is_the_same_bytes_whatever_the_order(tmp_path: Path) -> None:
    """Streamed from the on-disk index, not sorted in memory: still one order."""
    import io

    one, two = GraphStore(tmp_path / "one"), GraphStore(tmp_path / "two")
    other = (URIRef(str(P) + "x"), PG.canonicalName, Literal("Le Van Binh"))
    one.replace_graph(A, [NAME, TYPE])
    one.replace_graph(B, [other])
    two.replace_graph(B, [other])
    two.replace_graph(A, [TYPE, NAME])
    a, b = io.BytesIO(), io.BytesIO()
    one.dump_merged(a)
    two.dump_merged(b)
    assert a.getvalue() == b.getvalue() and b"Le Van Binh" in a.getvalue()


def test_updating_single_triples_keeps_those_both_sides_name() -> None:
    """Regression: a triple in both the removed and the added set was dropped."""
    store = GraphStore()
    store.replace_graph(A, [NAME, TYPE])
    store.update_graph(A, remove=[NAME, TYPE], add=[TYPE])
    assert merged(store) == as_text(TYPE)
    assert {t for t in store.triples(A)} == {TYPE}


def test_buffered_writes_are_seen_by_every_read(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "store", batch=1_000_000)
    store.replace_graph(A, [NAME, TYPE])
    assert store.merged_size() == 2
    _, rows = store.query(f"SELECT ?n WHERE {{ ?p <{PG.canonicalName}> ?n }}")
    assert [str(r[0]) for r in rows] == ["Nguyen Van An"]
    store.replace_graph(A, [TYPE])           # the graph is still buffered: read it back
    assert set(store.triples(A)) == {TYPE}


def test_a_writer_killed_while_writing_the_merged_graph_leaves_it_repaired(
        tmp_path: Path) -> None:
    """The bulk loader is not transactional: a killed writer may leave the merged graph
    short of what the article graphs state; the flag makes the next writer rebuild it."""
    store = GraphStore(tmp_path / "store")
    store.replace_graph(A, [NAME, TYPE])
    store.flush()
    assert store.graphs.flag("merged") is None
    store.oxigraph.remove(ox.Quad(*(ox.NamedNode(str(t)) for t in TYPE), ox.DefaultGraph()))
    store.graphs.set_flag("merged", "being written")     # as a killed writer leaves it
    store.oxigraph.flush()
    del store
    again = GraphStore(tmp_path / "store")
    assert merged(again) == as_text(NAME, TYPE)
    assert again.graphs.flag("merged") is None


def test_a_batch_of_writes_sets_the_flag_until_flushed(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "store", batch=1)
    store.replace_graph(A, [NAME])
    assert store.graphs.flag("merged") == "being written"
    store.flush()
    assert store.graphs.flag("merged") is None


def test_article_scoped_facts_enter_and_leave_with_their_graph_uncounted() -> None:
    store = GraphStore()
    evidence = (M.evidence("x"), PG.quote, Literal("the sentence"))
    mention = (P, PG.mentionedIn, M.article("a"))
    store.replace_graph(A, [NAME, evidence, mention])
    assert merged(store) == as_text(NAME, evidence, mention)
    (counted,) = store.graphs.db.execute("SELECT COUNT(*) FROM counts").fetchone()
    assert counted == 1                        # only the name could be stated elsewhere
    store.replace_graph(A, [NAME])
    assert merged(store) == as_text(NAME)


def test_terms_that_are_not_rdf_1_1_triples_are_refused_in_words() -> None:
    assert to_ox_triple(NAME) == (ox.NamedNode(str(P)), ox.NamedNode(str(PG.canonicalName)),
                                  ox.Literal("Nguyen Van An"))
    with pytest.raises(StoreError, match="literal subject"):
        to_ox_triple((Literal("x"), PG.canonicalName, P))
    with pytest.raises(StoreError, match="only IRIs, blank nodes and literals"):
        from_ox(ox.Triple(ox.NamedNode(str(P)), ox.NamedNode(str(RDF.type)),
                          ox.NamedNode(str(PG.Person))))


def test_the_merged_graph_is_compacted_once_enough_lines_were_loaded(tmp_path: Path) -> None:
    """Bulk loads stack overlapping files that every look-up searches. A new store is
    compacted at its first flush (a small build's queries gain from it too); after that,
    once the lines changed since the last compaction reach ``compact_after`` or the size
    the merged graph had then. The count survives the process, so small builds add up."""
    store = GraphStore(tmp_path / "store", compact_after=3)
    store.replace_graph(A, [NAME, TYPE])
    store.flush()
    assert (store.compactions, store.graphs.flag("uncompacted")) == (1, None)
    assert store.graphs.flag("compacted size") == "2"
    store.flush()                           # nothing changed: nothing to compact
    assert store.compactions == 1
    store.replace_graph(B, [OTHER])          # 1 line changed, fewer than 2 and than 3
    store.flush()
    assert (store.compactions, store.graphs.flag("uncompacted")) == (1, "1")
    store.close()
    again = GraphStore(tmp_path / "store", compact_after=3)
    again.replace_graph(A, [NAME])           # one line leaves: it counts too
    again.flush()
    assert (again.compactions, again.graphs.flag("uncompacted")) == (1, None)
    assert again.graphs.flag("compacted size") == "2"
    again.replace_graph(B, [])
    again.flush()
    assert (again.compactions, again.graphs.flag("uncompacted")) == (1, "1")
    assert merged(again) == as_text(NAME)
