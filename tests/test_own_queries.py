"""``partygraph query --list``, ``partygraph sparql`` and ``partygraph cypher``: your own
queries, read-only, parameters bound as values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from typer.testing import CliRunner

from partygraph import queries
from partygraph.adhoc import check_read_only, sparql_value
from partygraph.cli import app
from partygraph.errors import ReadOnlyQueryError
from partygraph.store import GraphStore

runner = CliRunner()
PG = "PREFIX pg: <https://w3id.org/partygraph/ontology#>\n"
NAMES = PG + "SELECT ?p ?name WHERE { ?p a pg:Person ; pg:canonicalName ?name }"


def sparql(store: Path, text: str, *args: str):
    return runner.invoke(app, ["sparql", "-", "--store", str(store), *args], input=text)


def test_query_list_shows_every_query_with_its_parameters_and_description() -> None:
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0, result.output
    for name in queries.available():
        q = queries.load(name)
        assert f"\n{name}\n" in f"\n{result.stdout}"
        assert q.description and q.description in result.stdout
        for p in q.params:
            assert f"--param {p.name}=…  ({p.kind}) {p.doc}" in result.stdout


def test_a_select_from_a_file_with_a_bound_parameter(tmp_path: Path, store: Path) -> None:
    query = tmp_path / "mine.rq"
    query.write_text(NAMES, encoding="utf-8")
    result = runner.invoke(app, ["sparql", str(query), "--store", str(store), "-f", "json",
                                 "-p", "name=Nguyen Thanh Nam"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows] == ["Nguyen Thanh Nam"]
    assert rows[0]["p"].endswith("/nguyen-thanh-nam")


def test_a_parameter_is_a_value_never_text(store: Path) -> None:
    hostile = 'x" } UNION { ?p ?q ?name } #'
    result = sparql(store, NAMES, "-f", "json", "-p", f"name={hostile}")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_ask_prints_true_or_false(store: Path) -> None:
    ask = PG + "ASK { ?p pg:canonicalName ?name }"
    assert sparql(store, ask, "-p", "name=Le Van Dung").stdout == "true\n"
    assert sparql(store, ask, "-p", "name=Nobody").stdout == "false\n"


@pytest.mark.parametrize(("fmt", "parser"), [("ttl", "turtle"), ("nt", "nt")])
def test_construct_prints_a_graph(store: Path, fmt: str, parser: str) -> None:
    construct = PG + ("CONSTRUCT { ?p pg:canonicalName ?name } "
                      "WHERE { ?p a pg:Person ; pg:canonicalName ?name }")
    result = sparql(store, construct, "-f", fmt)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format=parser)
    assert Literal("Nguyen Thanh Nam") in set(graph.objects())
    assert len(graph) >= 10
    assert sparql(store, construct, "-f", fmt).stdout == result.stdout   # same bytes


def test_construct_defaults_to_turtle_and_refuses_a_row_format(store: Path) -> None:
    construct = PG + "CONSTRUCT { ?p a pg:Person } WHERE { ?p a pg:Person }"
    assert "@prefix pg:" in sparql(store, construct).stdout
    result = sparql(store, construct, "-f", "csv")
    assert result.exit_code == 2 and "[E601]" in result.output


@pytest.mark.parametrize("update", [
    'INSERT DATA { <urn:a> <urn:b> "c" }',
    PG + "DELETE WHERE { ?s pg:canonicalName ?o }",
    "# a comment\nCLEAR DEFAULT",
    "LOAD <http://example.org/x>"])
def test_an_update_is_refused_and_the_store_is_unchanged(store: Path, update: str) -> None:
    before = len(GraphStore(store, read_only=True))
    result = sparql(store, update)
    assert result.exit_code == 2 and "[E505]" in result.output, result.output
    assert len(GraphStore(store, read_only=True)) == before


def test_a_select_that_mentions_insert_is_not_an_update() -> None:
    check_read_only(PG + 'SELECT ?x WHERE { ?x pg:note "INSERT" }')
    with pytest.raises(ReadOnlyQueryError):
        check_read_only("prefix x: <urn:x>\n insert data { <urn:a> <urn:b> 1 }")


def test_a_syntax_error_and_an_unshown_parameter(store: Path) -> None:
    assert "[E504]" in sparql(store, "SELEKT ?x").output
    unshown = sparql(store, PG + "SELECT ?p WHERE { ?p pg:canonicalName ?name }",
                     "-p", "name=Le Van Dung")
    assert unshown.exit_code == 2 and "[E503]" in unshown.output and "?name" in unshown.output


def test_parameter_values_iri_literal_or_string() -> None:
    assert sparql_value("<https://example.org/x>") == URIRef("https://example.org/x")
    assert sparql_value('"Hà Nội"@vi') == Literal("Hà Nội", lang="vi")
    assert sparql_value("Binh Thuan") == Literal("Binh Thuan")


def test_an_iri_parameter(store: Path) -> None:
    nam = "https://w3id.org/partygraph/id/person/2025/lam-dong/nguyen-thanh-nam"
    result = sparql(store, PG + "SELECT ?p ?name WHERE { ?p pg:canonicalName ?name }",
                    "-f", "csv", "-p", f"p=<{nam}>")
    assert result.stdout.splitlines() == ["p,name", f"{nam},Nguyen Thanh Nam"]


def test_a_missing_query_file(store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["sparql", str(tmp_path / "none.rq"), "--store", str(store)])
    assert result.exit_code == 2 and "[E601]" in result.output


@pytest.mark.neo4j
def test_cypher_reads_and_cannot_write(tmp_path: Path, neo4j_server, neo4j_db,
                                       built_examples) -> None:
    from partygraph.neo4j.loader import load_store

    out, _ = built_examples
    load_store(GraphStore(out / "store", read_only=True), neo4j_db.driver, neo4j_db.database)
    conn = neo4j_server.connection
    args = ["--neo4j", conn.uri, *(["--database", conn.database] if conn.database else [])]
    query = tmp_path / "mine.cypher"
    query.write_text("MATCH (p:Person {canonicalName: $name}) RETURN p.canonicalName AS name",
                     encoding="utf-8")
    result = runner.invoke(app, ["cypher", str(query), *args, "-f", "json",
                                 "-p", "name=Nguyen Thanh Nam"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"name": "Nguyen Thanh Nam"}]

    write = runner.invoke(app, ["cypher", "-", *args], input="CREATE (:Intruder) RETURN 1")
    assert write.exit_code == 2 and "[E505]" in write.output, write.output
    with neo4j_db.driver.session(database=neo4j_db.database) as s:
        assert s.run("MATCH (n:Intruder) RETURN count(n) AS n").single()["n"] == 0
    bad = runner.invoke(app, ["cypher", "-", *args], input="MATCH (n RETURN n")
    assert bad.exit_code == 2 and "[E504]" in bad.output
