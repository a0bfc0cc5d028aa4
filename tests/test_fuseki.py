"""`partygraph load sparql` into a real Apache Jena Fuseki, and the named queries run on it
(`partygraph query NAME --endpoint URL`) with the same rows as on the embedded store."""

from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from partygraph import queries
from partygraph.cli import app
from partygraph.errors import StoreError
from partygraph.fuseki import FusekiConfig
from partygraph.remote import RemoteStore, load_graphs, values_clause, with_values
from partygraph.store import GraphStore

REQUIRED = dict(role="head", orgType="organization-commission", on="2024-01-01")
PARAM_VALUES = {      # a value each parameter takes on the examples' graph
    "person": ["Nguyen Thanh Nam", "nguyễn thanh nam"], "place": ["Binh Thuan"],
    "province": ["Lao Cai"], "jurisdiction": ["Binh Thuan"], "issuer": ["Lao Cai"],
}


def _clear(cfg: FusekiConfig) -> None:
    r = httpx.post(cfg.base + "/update", data={"update": "DROP ALL"})
    assert r.status_code < 300, r.text


@pytest.fixture(scope="module")
def loaded(fuseki: FusekiConfig, store: Path) -> FusekiConfig:
    _clear(fuseki)
    done = load_graphs(GraphStore(store, read_only=True), fuseki.graph_store)
    assert done.graphs > 5 and done.statements > 100
    return fuseki


def _cases(query: queries.NamedQuery) -> list[dict[str, str]]:
    base = {p.name: REQUIRED[p.name] for p in query.params if p.required}
    return [base] + [{**base, p.name: v} for p in query.params if not p.required
                     for v in PARAM_VALUES.get(p.name, [])]


@pytest.mark.fuseki
@pytest.mark.parametrize("name", queries.available())
def test_named_query_gives_the_embedded_rows(loaded: FusekiConfig, store: Path,
                                             name: str) -> None:
    query = queries.load(name)
    local = GraphStore(store, read_only=True)
    remote = RemoteStore(loaded.query_endpoint)
    try:
        compared = 0
        for given in _cases(query):
            here = queries.run_sparql(query, given, local)
            there = queries.run_sparql(query, given, remote)
            assert there == here, given
            compared += bool(here[1])
        assert compared, "no case gave rows: the comparison proved nothing"
    finally:
        remote.close()


@pytest.mark.fuseki
def test_a_reload_replaces_each_graph_and_prune_drops_gone_ones(
        fuseki: FusekiConfig, built_examples, tmp_path: Path) -> None:
    _clear(fuseki)
    out, _ = built_examples
    gs = GraphStore(out / "store", read_only=True)
    first = load_graphs(gs, fuseki.graph_store)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    remote = RemoteStore(fuseki.query_endpoint)
    try:
        (n1,), = remote.query_text(count)[1]
        load_graphs(gs, fuseki.graph_store)            # again: nothing doubles
        (n2,), = remote.query_text(count)[1]
        assert int(n1) == int(n2) == first.statements
        stray = "https://w3id.org/partygraph/id/graph/gone-article"
        r = httpx.put(fuseki.graph_store, params={"graph": stray},
                      content=b"<urn:a> <urn:b> <urn:c> .\n",
                      headers={"Content-Type": "application/n-triples"})
        assert r.status_code < 300
        done = load_graphs(gs, fuseki.graph_store, endpoint=fuseki.query_endpoint, prune=True)
        assert done.pruned == [stray]
        (n3,), = remote.query_text(count)[1]
        assert int(n3) == first.statements
    finally:
        remote.close()


@pytest.mark.fuseki
def test_the_cli_loads_and_queries(fuseki: FusekiConfig, store: Path) -> None:
    _clear(fuseki)
    runner = CliRunner()
    loaded = runner.invoke(app, ["load", "sparql", "--graph-store", fuseki.graph_store,
                                 "--store", str(store)])
    assert loaded.exit_code == 0, loaded.output
    assert "graphs" in loaded.output
    args = ["query", "who-chaired-what", "--param", "person=Nguyễn Thanh Nam", "-f", "csv"]
    there = runner.invoke(app, [*args, "--endpoint", fuseki.query_endpoint])
    here = runner.invoke(app, [*args, "--store", str(store)])
    assert there.exit_code == 0, there.output
    assert there.stdout == here.stdout and "Nguyen Thanh Nam" in here.stdout


def test_values_clause_is_made_from_typed_terms() -> None:
    clause = values_clause({"n": ox.Literal('a "quoted" name\n} DROP ALL'),
                            "o": ox.NamedNode("https://example.org/x")})
    assert clause.strip() == ('VALUES (?n ?o) { ("a \\"quoted\\" name\\n} DROP ALL" '
                              '<https://example.org/x>) }')


def test_values_open_the_outer_where_group_not_a_comment_or_a_subquery() -> None:
    text = "# WHERE { in a comment\nSELECT ?a WHERE {\n { SELECT ?b WHERE { ?b ?p ?o } }\n}"
    bound = with_values(text, {"a": ox.Literal("x")})
    assert bound.startswith("# WHERE { in a comment\nSELECT ?a WHERE {\nVALUES (?a)")
    assert bound.count("VALUES") == 1


def test_an_unreachable_graph_store_is_a_clear_error(store: Path) -> None:
    with pytest.raises(StoreError, match=r"cannot reach .* 0 graphs were loaded"):
        load_graphs(GraphStore(store, read_only=True), "http://127.0.0.1:9/ds/data")


@pytest.mark.fuseki
def test_parallel_puts_leave_what_one_at_a_time_leaves(fuseki: FusekiConfig,
                                                       store: Path) -> None:
    gs = GraphStore(store, read_only=True)
    dump = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
    remote = RemoteStore(fuseki.query_endpoint)
    seen, steps = [], []
    try:
        for workers in (1, 4):
            _clear(fuseki)
            done = load_graphs(gs, fuseki.graph_store, workers=workers,
                               progress=lambda d, t: steps.append((d, t)))
            seen.append((done.graphs, done.statements, set(remote.query_text(dump)[1])))
    finally:
        remote.close()
    assert seen[0] == seen[1] and len(seen[0][2]) == seen[0][1] > 100
    n = seen[0][0]
    assert steps == [(d, n) for d in range(1, n + 1)] * 2   # counted once per graph


@pytest.mark.fuseki
def test_a_refused_put_is_a_clear_error_with_parallel_workers(fuseki: FusekiConfig,
                                                              store: Path) -> None:
    wrong = fuseki.base.rsplit("/", 1)[0] + "/no-such-dataset/data"
    with pytest.raises(StoreError, match=r"\[E401\] loading graph \S+: HTTP 404 .*"
                                         r"\(0 graphs loaded before the failure\)"):
        load_graphs(GraphStore(store, read_only=True), wrong, workers=4)
