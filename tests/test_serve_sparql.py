"""``serve``'s SPARQL endpoint through standard clients (SPARQLWrapper, rdflib's
SPARQLStore) against a real uvicorn server on a loopback port."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    JSON,
    POST,
    POSTDIRECTLY,
    TSV,
    TURTLE,
    URLENCODED,
    XML,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from typer.testing import CliRunner

from partygraph import queries
from partygraph.adhoc import run_sparql
from partygraph.cli import app
from partygraph.store import GraphStore

PG = "PREFIX pg: <https://w3id.org/partygraph/ontology#>\n"
CHAIRS = PG + "SELECT ?e ?n WHERE { ?e pg:chairedBy ?p . ?p pg:canonicalName ?n } ORDER BY ?e ?n"


def client(url: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sw = SPARQLWrapper(url + "sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def cli_rows(store: Path, name: str) -> list[dict[str, str]]:
    done = CliRunner().invoke(app, ["query", name, "--store", str(store), "-f", "csv"])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(io.StringIO(done.stdout)))


def json_rows(answer: dict, columns: list[str]) -> list[dict[str, str]]:
    return [{c: b[c]["value"] if c in b else "" for c in columns}
            for b in answer["results"]["bindings"]]


def test_who_chaired_what_through_sparqlwrapper_gives_the_rows_of_query(
        served: str, store: Path) -> None:
    expected = cli_rows(store, "who-chaired-what")
    assert len(expected) >= 5
    text = queries.load("who-chaired-what").sparql
    assert text is not None
    answer = client(served, text).query().convert()
    columns = list(expected[0])
    assert set(columns) <= set(answer["head"]["vars"])
    got = json_rows(answer, columns)
    key = ["chair", "date", "event", "article"]
    assert sorted(got, key=lambda r: [r[k] for k in key]) == expected


@pytest.mark.parametrize("method", [URLENCODED, POSTDIRECTLY])
def test_post_as_a_form_and_as_a_body_answers_like_get(served: str, method: str) -> None:
    get = client(served, CHAIRS).query().convert()
    sw = client(served, CHAIRS)
    sw.setMethod(POST)
    sw.setRequestMethod(method)
    assert sw.query().convert() == get
    assert len(get["results"]["bindings"]) >= 5


def test_every_row_format_holds_the_same_rows(served: str, store: Path) -> None:
    _, rows = GraphStore(store, read_only=True).query_text(CHAIRS)
    expected = [list(r) for r in rows]
    as_csv = client(served, CHAIRS, CSV).query().convert().decode("utf-8")
    assert list(csv.reader(io.StringIO(as_csv)))[1:] == expected
    as_tsv = client(served, CHAIRS, TSV).query().convert().decode("utf-8").splitlines()
    assert as_tsv[0] == "?e\t?n" and len(as_tsv) == len(expected) + 1
    assert as_tsv[1] == f"<{expected[0][0]}>\t\"{expected[0][1]}\""
    xml = client(served, CHAIRS, XML).query().convert()        # a minidom Document
    values = [[b.getElementsByTagName(tag)[0].firstChild.data for tag in ("uri", "literal")]
              for b in xml.getElementsByTagName("result")]
    assert values == expected


def test_ask_answers_a_boolean(served: str) -> None:
    assert client(served, PG + "ASK { ?e pg:chairedBy ?p }").query().convert()["boolean"]
    assert not client(served, "ASK { <urn:x> <urn:y> <urn:z> }").query().convert()["boolean"]


def test_construct_in_turtle_is_the_graph_the_store_constructs(served: str, store: Path
                                                               ) -> None:
    text = PG + "CONSTRUCT { ?e pg:chairedBy ?p } WHERE { ?e pg:chairedBy ?p }"
    data = client(served, text, TURTLE).query().convert()
    served_graph = Graph().parse(data=data, format="turtle")
    answer = run_sparql(GraphStore(store, read_only=True), text)
    assert len(served_graph) >= 5
    assert isomorphic(served_graph, Graph().parse(data=answer.graph, format="turtle"))


def test_rdflib_sparqlstore_reads_the_endpoint(served: str) -> None:
    remote = Graph(store=SPARQLStore(served + "sparql", returnFormat="json"))
    rows = list(remote.query(CHAIRS))
    assert len(rows) >= 5 and {str(r[1]) for r in rows} >= {"Nguyen Thanh Nam"}


def test_an_update_is_refused_with_a_clear_message(served: str) -> None:
    sw = client(served, PG + "INSERT DATA { <urn:a> pg:chairedBy <urn:b> }")
    sw.setMethod(POST)           # SPARQLWrapper sends it as update=
    with pytest.raises(QueryBadFormed, match=r"E505.*only reads"):
        sw.query()
    sneaked = client(served, "DELETE WHERE { ?s ?p ?o }")
    sneaked.setMethod(POST)
    sneaked.setRequestMethod(POSTDIRECTLY)
    sneaked.queryType = "SELECT"     # sent as a query, not as an update
    with pytest.raises(QueryBadFormed, match="E505"):
        sneaked.query()
    still = client(served, PG + "ASK { <urn:a> pg:chairedBy <urn:b> }").query().convert()
    assert still["boolean"] is False


def test_a_syntax_error_is_a_400_that_quotes_the_parser(served: str) -> None:
    with pytest.raises(QueryBadFormed, match=r"E504.*syntax"):
        client(served, "SELECT ?x WHERE { ?x").query()
