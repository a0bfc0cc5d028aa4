"""Named queries on the merged graph: the same rows as over the article graphs, and every
variant (``NAME@PARAM.rq``) the same rows as its base query."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from partygraph import queries
from partygraph.store import GraphStore
from partygraph.terms import from_ox, to_ox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import build_store

PG = "https://w3id.org/partygraph/ontology#"
# where each parameter's test values come from
VALUES = {
    "person": f"SELECT DISTINCT ?v WHERE {{ ?x <{PG}canonicalName> ?v ; a <{PG}Person> }}",
    "place": f"SELECT DISTINCT ?v WHERE {{ ?a <{PG}aboutPlace>/<{PG}canonicalName> ?v }}",
    "jurisdiction": f"SELECT DISTINCT ?v WHERE {{ ?o <{PG}jurisdiction>/<{PG}canonicalName> ?v }}",
    "province": f"SELECT DISTINCT ?v WHERE {{ ?u a <{PG}Province> ; <{PG}canonicalName> ?v }}",
}


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> GraphStore:
    return build_store(300, seed=3, store=GraphStore(tmp_path_factory.mktemp("syn") / "s"))


@pytest.fixture(scope="module")
def examples_store(built_examples) -> GraphStore:
    out, _ = built_examples
    return GraphStore(out / "store", read_only=True)


def values_of(store: GraphStore, param: str) -> list[str]:
    _, rows = store.query(VALUES[param])
    return sorted(str(r[0]) for r in rows)


def run(text: str, store: GraphStore, query: queries.NamedQuery, given: dict[str, str]
        ) -> list[tuple]:
    _, rows = store.query(text, queries.sparql_bindings(query, given))
    return sorted(rows, key=str)


VARIANTS = [(name, params) for name in queries.available()
            for params, _ in queries.load(name).variants]


def test_there_are_variants_to_check() -> None:
    assert len(VARIANTS) >= 5


@pytest.mark.parametrize(("name", "params"), VARIANTS, ids=lambda v: str(v))
@pytest.mark.parametrize("which", ["examples", "synthetic"])
def test_a_variant_gives_the_rows_of_its_base_query(name: str, params: frozenset[str],
                                                    which: str, request) -> None:
    store = request.getfixturevalue(f"{which}_store")
    query = queries.load(name)
    variant = query.sparql_for(params)
    assert variant is not None and variant != query.sparql
    extra = dict(role="head", orgType="organization-commission", on="2024-01-01")
    base_given = {p.name: extra[p.name] for p in query.params
                  if p.required and p.name in extra}
    compared = 0
    for param in sorted(params):
        for value in values_of(store, param):
            given = {**base_given, param: value}
            assert run(variant, store, query, given) == run(query.sparql, store, query, given)
            compared += 1
    assert compared > 0


@pytest.mark.parametrize("name", queries.available())
def test_the_merged_graph_answers_as_the_article_graphs_do(name: str,
                                                           examples_store: GraphStore) -> None:
    """Each fact once (the merged graph) or once per article (the union of the article
    graphs, quarantine left out): the same distinct rows."""
    query = queries.load(name)
    if query.sparql is None:
        pytest.skip("no SPARQL form")
    required = dict(role="head", orgType="organization-commission", on="2024-01-01")
    given = {p.name: required[p.name] for p in query.params if p.required}
    bindings = queries.sparql_bindings(query, given)
    merged = run(query.sparql, examples_store, query, given)
    raw = ox.Store()        # the article graphs as named graphs, queried as a union
    for graph, lines in examples_store.graphs.contributing():
        raw.load("\n".join(lines).encode(), format=ox.RdfFormat.N_TRIPLES,
                 to_graph=ox.NamedNode(graph))
    graphs = [g for g in raw.named_graphs() if isinstance(g, ox.NamedNode)]
    assert len(graphs) > 5
    union = raw.query(query.sparql, default_graph=graphs,
                      substitutions={ox.Variable(k): to_ox(v) for k, v in bindings.items()})
    rows = sorted({tuple(None if s[v.value] is None else from_ox(s[v.value])
                         for v in union.variables) for s in union}, key=str)
    assert merged == rows and merged


@pytest.mark.parametrize("name", queries.available())
@pytest.mark.parametrize("which", ["examples", "synthetic"])
def test_the_runner_orders_rows_as_sparql_would(name: str, which: str, request) -> None:
    """run_sparql sorts on the rows' text instead of Oxigraph's ORDER BY: the same order,
    for the base query and for each variant (its parameter bound to a few values)."""
    store = request.getfixturevalue(f"{which}_store")
    query = queries.load(name)
    if query.sparql is None:
        pytest.skip("no SPARQL form")
    required = dict(role="head", orgType="organization-commission", on="2024-01-01")
    base = {p.name: required[p.name] for p in query.params if p.required}
    cases = [base] + [{**base, param: value} for params, _ in query.variants
                      for param in sorted(params) for value in values_of(store, param)[:3]]
    checked = 0
    for given in cases:
        bindings = queries.sparql_bindings(query, given)
        text = query.sparql_for(set(bindings))
        assert text is not None
        _, keys = queries.runner_order(text, query.output)
        if not keys:
            continue
        columns, rows = queries.run_sparql(query, given, store)
        by_sparql = queries.select_output(query, *store.query_text(text, bindings))
        assert columns == by_sparql[0]
        at = [columns.index(k) for k in keys]
        assert [[r[i] for i in at] for r in rows] == [[r[i] for i in at] for r in by_sparql[1]]
        assert sorted(rows) == sorted(by_sparql[1])
        checked += 1
    if name != "co-attendance":             # DESC(?events): left to Oxigraph
        assert checked


def test_only_plain_shown_keys_are_sorted_by_the_runner() -> None:
    text = "SELECT ?a ?b WHERE { ?a ?p ?b }\nORDER BY ?a ?b"
    assert queries.runner_order(text, ("a", "b")) == ("SELECT ?a ?b WHERE { ?a ?p ?b }\n",
                                                      ["a", "b"])
    assert queries.runner_order(text, ("a",)) == (text, [])
    desc = "SELECT ?a WHERE { ?a ?p ?b }\nORDER BY DESC(?a)"
    assert queries.runner_order(desc, ("a",)) == (desc, [])


@pytest.mark.parametrize("name", queries.available())
def test_a_named_query_shows_labels_not_iris(name: str, examples_store: GraphStore) -> None:
    """Regression: tables showed organizations and events as their IRIs."""
    query = queries.load(name)
    required = dict(role="head", orgType="organization-commission", on="2024-01-01")
    given = {p.name: required[p.name] for p in query.params if p.required}
    columns, rows = queries.run_sparql(query, given, examples_store)
    assert rows and columns == list(query.output)
    assert not [v for r in rows for v in r if "://" in v]
