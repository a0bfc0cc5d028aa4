"""Name parameters match however the user writes the name (marks, case, script)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from partygraph import api, queries
from partygraph.cli import app
from partygraph.names import canonical_names, canonical_spelling, name_key
from partygraph.store import GraphStore

runner = CliRunner()
SPELLINGS = ["Nguyen Thanh Nam", "Nguyễn Thanh Nam", "nguyen thanh nam", "NGUYỄN THANH NAM",
             "  Nguyễn   Thành  Nam ", "Нгуен Тхань Нам", "نجوين ثانه نام"]


@pytest.fixture(scope="module")
def store(built_examples) -> GraphStore:
    out, _ = built_examples
    return GraphStore(out / "store", read_only=True)


@pytest.mark.parametrize("spelled", SPELLINGS)
def test_every_spelling_finds_him(store: GraphStore, spelled: str) -> None:
    assert canonical_names(store, spelled) == ["Nguyen Thanh Nam"]
    rows = api.query(store, "posts-of-person", person=spelled)
    assert {r["person"] for r in rows} == {"Nguyen Thanh Nam"}
    assert {r["role"] for r in rows} >= {"head", "member"}


@pytest.mark.parametrize("spelled", ["Nguyễn Thanh Nam", "nguyen thanh nam", "Нгуен Тхань Нам"])
def test_the_cli_finds_him_as_written(store: GraphStore, spelled: str) -> None:
    assert store.path is not None
    result = runner.invoke(app, ["query", "who-chaired-what", "--store", str(store.path),
                                 "-f", "json", "-p", f"person={spelled}"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and {r["chair"] for r in rows} == {"Nguyen Thanh Nam"}


def test_a_place_parameter_is_matched_too(store: GraphStore) -> None:
    given = {"role": "head", "orgType": "organization-commission", "on": "2024-01-01"}
    q = queries.load("post-holder-on-date")
    exact = queries.run_sparql(q, {**given, "jurisdiction": "Binh Thuan"}, store)
    marked = queries.run_sparql(q, {**given, "jurisdiction": "bình thuận"}, store)
    assert exact == marked and exact[1]


def test_the_same_rows_as_the_canonical_name(store: GraphStore) -> None:
    q = queries.load("posts-of-person")
    assert queries.run_sparql(q, {"person": "Нгуен Тхань Нам"}, store) == \
        queries.run_sparql(q, {"person": "Nguyen Thanh Nam"}, store)


def test_an_unknown_name_finds_nothing(store: GraphStore) -> None:
    assert api.query(store, "posts-of-person", person="Nobody At All") == []
    assert canonical_names(store, "Nobody At All") == ["Nobody At All"]


def test_a_canonical_name_written_with_marks_is_found_by_folding() -> None:
    """The store's canonical name is what it is: a store that kept the marks is still
    found from a mark-less or Cyrillic spelling (the folded scan after the lookups)."""
    from rdflib import Literal, URIRef

    from partygraph.namespaces import PG

    mem = GraphStore()
    mem.replace_graph(URIRef("urn:g"), [(URIRef("urn:p"), PG.canonicalName,
                                         Literal("Nguyễn Thanh Nam"))])
    assert canonical_names(mem, "nguyen thanh nam") == ["Nguyễn Thanh Nam"]
    assert canonical_names(mem, "Нгуен Тхань Нам") == ["Nguyễn Thanh Nam"]


def test_the_folded_key_and_the_canonical_spelling() -> None:
    assert {name_key(s) for s in SPELLINGS} == {"nguyen thanh nam"}
    assert canonical_spelling("nguyễn thanh nam") == "Nguyen Thanh Nam"
    assert canonical_spelling("Нгуен Тхань Нам") == "Nguyen Thanh Nam"
    assert canonical_spelling("Binh Thuan") == "Binh Thuan"


def test_cypher_parameters_take_the_canonical_spelling() -> None:
    q = queries.load("posts-of-person")
    assert queries.cypher_parameters(q, {"person": "Нгуен Тхань Нам"}) == \
        {"person": "Nguyen Thanh Nam"}
