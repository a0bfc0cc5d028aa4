"""The Fuseki load benchmark's two loaders put the same quads into a real Fuseki: the
ratio it reports compares equal work. Also its clean-up between loads really empties."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from partygraph.fuseki import FusekiConfig
from partygraph.remote import RemoteStore
from partygraph.store import GraphStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import fuseki_load
from synthetic import build_store


def _dump(cfg: FusekiConfig) -> set[str]:
    """Every quad of the dataset's named graphs, as N-Quads text."""
    remote = RemoteStore(cfg.query_endpoint)
    try:
        answer = remote.run("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(answer, ox.QuerySolutions)
        return {str(ox.Quad(row["s"], row["p"], row["o"], row["g"])) for row in answer}
    finally:
        remote.close()


@pytest.mark.fuseki
def test_both_loaders_leave_the_same_quads(fuseki: FusekiConfig, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    build_store(12, seed=5, store=GraphStore(folder)).close()
    store = GraphStore(folder, read_only=True)
    expected = {str(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(g))))
                for g in store.graph_names()
                for t in ox.parse("\n".join(store.graph_lines(g)),
                                  format=ox.RdfFormat.N_TRIPLES)}
    assert len(expected) == len(store) > 500

    fuseki_load.drop_all(fuseki)
    fuseki_load.load_partygraph(folder, fuseki)
    ours = _dump(fuseki)
    assert fuseki_load.quads(fuseki) == len(expected)
    fuseki_load.drop_all(fuseki)
    assert fuseki_load.quads(fuseki) == 0
    sent = fuseki_load.load_rdflib(store, fuseki)
    theirs = _dump(fuseki)
    fuseki_load.drop_all(fuseki)
    assert sent == len(expected)
    assert ours == theirs == expected
