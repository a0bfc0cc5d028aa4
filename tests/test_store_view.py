"""StoreView, the SHACL engine's view of the merged graph, reads a value by its (subject,
predicate) pair (regression: it read a subject's every triple to answer one predicate,
so checking an event read all of its chair's thousands of evidence triples, and the
build's cross-article step cost more the larger the store)."""

from __future__ import annotations

import pyoxigraph as ox

from partygraph.shacl.data import Plan, StoreView
from partygraph.shacl.terms import key_of

EX = "https://example.org/"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
EVIDENCE = EX + "evidence"


class RecordingStore:
    """A real pyoxigraph store that records the patterns it is asked for."""

    def __init__(self, store: ox.Store) -> None:
        self.store, self.patterns = store, []

    def quads_for_pattern(self, s, p, o, g=None):
        self.patterns.append((s, p, o))
        return self.store.quads_for_pattern(s, p, o, g)


def _busy_person() -> tuple[RecordingStore, ox.NamedNode]:
    store = ox.Store()
    person = ox.NamedNode(EX + "person/a")
    quads = [ox.Quad(person, ox.NamedNode(TYPE), ox.NamedNode(EX + "Person"))]
    quads += [ox.Quad(person, ox.NamedNode(EVIDENCE), ox.NamedNode(f"{EX}mention/{i}"))
              for i in range(500)]
    store.extend(quads)
    return RecordingStore(store), person


def test_one_predicate_is_read_by_its_pattern_not_by_the_subject_s_every_triple():
    recording, person = _busy_person()
    plan = Plan(frozenset({TYPE, EVIDENCE}), frozenset(), frozenset())
    view = StoreView(recording, plan)  # type: ignore[arg-type]
    recording.patterns.clear()

    assert set(view.objects(key_of(person), TYPE)) == {key_of(ox.NamedNode(EX + "Person"))}
    assert view.has(key_of(person), TYPE)
    assert recording.patterns == [(person, ox.NamedNode(TYPE), None)]   # once, then cached


def test_the_view_agrees_with_the_whole_node_and_ignores_unplanned_predicates():
    recording, person = _busy_person()
    view = StoreView(recording, Plan(frozenset({TYPE}), frozenset(), frozenset()))  # type: ignore[arg-type]
    key = key_of(person)
    assert set(view.objects(key, TYPE)) == set(view.node(key)[TYPE])
    assert not view.has(key, EVIDENCE)          # not read by any shape: not indexed
    assert set(view.objects(key, EVIDENCE)) == set()
