"""The public API (``builder/api.py``, re-exported by the package): pinned, and used the
way the README's notebook section uses it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

import partygraph
from partygraph.store import GraphStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PUBLIC = ["PartygraphError", "__version__", "build", "dataset", "extract_text",
          "merged_graph", "named_queries", "open_store", "query", "sparql", "to_networkx"]


def test_the_public_names_are_pinned() -> None:
    assert sorted(partygraph.__all__) == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(partygraph, name) is not None
    with pytest.raises(AttributeError):
        _ = partygraph.not_a_public_name


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("api")
    summary = partygraph.build(str(EXAMPLES), out)      # a str path, as a notebook gives it
    assert summary.articles > 0 and not summary.failed
    return out


def test_open_store_takes_the_out_folder_or_the_store(built: Path) -> None:
    for path in (built, built / "store", str(built)):
        store = partygraph.open_store(path)
        assert isinstance(store, GraphStore) and store.merged_size() > 0


def test_a_named_query_gives_rows_keyed_by_column(built: Path) -> None:
    store = partygraph.open_store(built)
    rows = partygraph.query(store, "who-chaired-what")
    assert rows and set(rows[0]) == {"chair", "event", "date", "article", "about"}
    chair = rows[0]["chair"]
    mine = partygraph.query(store, "who-chaired-what", person=chair)
    assert mine and {r["chair"] for r in mine} == {chair}


def test_sparql_binds_values_instead_of_splicing_them(built: Path) -> None:
    store = partygraph.open_store(built)
    text = ("SELECT ?p ?name WHERE { ?p <https://w3id.org/partygraph/ontology#canonicalName> "
            "?name }")
    everyone = partygraph.sparql(store, text)
    name = everyone[0]["name"]
    assert [r["p"] for r in partygraph.sparql(store, text, name=name)] == \
        [r["p"] for r in everyone if r["name"] == name]
    assert partygraph.sparql(store, text, name=Literal('" } ?x ?y ?z . { "')) == []


def test_the_graphs_come_back_as_rdflib(built: Path) -> None:
    store = partygraph.open_store(built)
    merged, ds = partygraph.merged_graph(store), partygraph.dataset(store)
    assert len(merged) == store.merged_size()
    assert {g.identifier for g in ds.graphs()} >= set(store.graph_names()) - \
        {g for g in store.graph_names() if store.is_private(g)}


def test_named_queries_describe_themselves() -> None:
    found = {q.name: q for q in partygraph.named_queries()}
    assert "who-chaired-what" in found and found["who-chaired-what"].description


def test_the_examples_in_the_api_docstrings_run() -> None:
    """The doctests of ``partygraph.api``, imported under the package's own name (pytest's
    --doctest-modules would import builder/api.py by its folder's name, as a second copy)."""
    import doctest

    import partygraph.api

    result = doctest.testmod(partygraph.api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3 and result.failed == 0


def test_build_takes_the_executor_of_the_command_line(tmp_path: Path) -> None:
    from partygraph.errors import ExecutorError

    with pytest.raises(ExecutorError, match="needs --executor dask"):
        partygraph.build(tmp_path, tmp_path / "out", scheduler="tcp://127.0.0.1:1")
    with pytest.raises(ExecutorError, match="local or dask"):
        partygraph.build(tmp_path, tmp_path / "out", executor="spark")
    assert not (tmp_path / "out").exists()
