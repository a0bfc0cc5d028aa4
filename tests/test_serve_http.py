"""``serve`` over raw HTTP (httpx against a real server): content negotiation, the
/id/ pages, search, limits, and every refusal with its code and status."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import httpx
import pytest
from conftest_serve import HOSTILE_BASE, HOSTILE_NAME, serving
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from partygraph.cli import app
from partygraph.errors import NotAcceptableError, RequestError
from partygraph.serve.app import network_renderer
from partygraph.serve.negotiate import GRAPH, ROWS, choose

NAM = "person/2025/lam-dong/nguyen-thanh-nam"
NAM_IRI = URIRef("https://w3id.org/partygraph/id/" + NAM)
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SELECT = "SELECT ?s ?o WHERE { ?s <https://w3id.org/partygraph/ontology#chairedBy> ?o }"


def get(url: str, path: str, accept: str | None = None, **params: str) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    return httpx.get(url + path, params=params, headers=headers, timeout=30)


@pytest.mark.parametrize(("accept", "chosen"), [
    (None, "json"), ("", "json"), ("*/*", "json"),
    ("text/*;q=0.5, text/tab-separated-values", "tsv"),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "xml"),
    ("application/json;q=1, text/csv;q=1", "json"),
])
def test_accept_picks_by_q_value_then_by_the_listed_order(accept: str | None,
                                                          chosen: str) -> None:
    assert choose(ROWS, None, accept).name == chosen


def test_an_unreadable_or_unmatched_accept_is_refused() -> None:
    with pytest.raises(NotAcceptableError, match=r"\[E702\].*text/turtle"):
        choose(ROWS, None, "text/turtle")
    with pytest.raises(NotAcceptableError, match=r"format='yaml'.*ttl, jsonld"):
        choose(GRAPH, "yaml", None)
    with pytest.raises(RequestError, match=r"\[E701\]"):
        choose(ROWS, None, "garbage")


@pytest.mark.parametrize(("accept", "media"), [
    (None, "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, text/tab-separated-values", "text/tab-separated-values"),
])
def test_select_answers_in_the_format_accept_asks(served: str, accept: str | None,
                                                  media: str) -> None:
    answer = get(served, "sparql", accept, query=SELECT)
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media
    assert "Accept" in answer.headers["vary"]


def test_format_parameter_wins_over_accept(served: str) -> None:
    answer = get(served, "sparql", "application/sparql-results+json", query=SELECT,
                 format="csv")
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.text.splitlines()[0] == "s,o"


def test_construct_answers_turtle_or_json_ld(served: str) -> None:
    q = "CONSTRUCT WHERE { ?s <https://w3id.org/partygraph/ontology#chairedBy> ?o }"
    ttl = get(served, "sparql", "text/turtle", query=q)
    jsonld = get(served, "sparql", "application/ld+json", query=q)
    assert ttl.headers["content-type"].startswith("text/turtle")
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    a = Graph().parse(data=ttl.text, format="turtle")
    b = Graph().parse(data=jsonld.text, format="json-ld")
    assert len(a) == len(b) >= 5 and set(a) == set(b)
    assert get(served, "sparql", "text/turtle", query=q).content == ttl.content  # stable


@pytest.mark.parametrize(("params", "code", "status"), [
    ({}, "E701", 400),
    ({"query": SELECT, "default-graph-uri": "urn:g"}, "E701", 400),
    ({"update": "CLEAR ALL"}, "E505", 400),
    ({"query": "CLEAR ALL"}, "E505", 400),
    ({"query": "SELECT * WHERE {"}, "E504", 400),
    ({"query": SELECT, "format": "yaml"}, "E702", 406),
])
def test_a_request_the_endpoint_refuses_gets_a_coded_line(served: str, params: dict,
                                                           code: str, status: int) -> None:
    answer = get(served, "sparql", "*/*", **params)
    assert answer.status_code == status
    assert answer.text.startswith(f"[{code}] ") and "\n" not in answer.text.strip()


def test_posts_the_endpoint_cannot_read_are_refused(served: str) -> None:
    update = httpx.post(served + "sparql", content=b"CLEAR ALL",
                        headers={"Content-Type": "application/sparql-update"})
    assert update.status_code == 400 and update.text.startswith("[E505]")
    plain = httpx.post(served + "sparql", content=SELECT.encode(),
                       headers={"Content-Type": "text/plain"})
    assert plain.status_code == 400 and "application/sparql-query" in plain.text
    garbled = httpx.post(served + "sparql", content=b"\xff\xfe",
                         headers={"Content-Type": "application/sparql-query"})
    assert garbled.status_code == 400 and "UTF-8" in garbled.text


def test_an_accept_nothing_matches_is_a_406(served: str) -> None:
    answer = get(served, "sparql", "image/png", query=SELECT)
    assert answer.status_code == 406 and answer.text.startswith("[E702]")


def test_a_browser_gets_the_query_form(served: str) -> None:
    page = get(served, "sparql", BROWSER)
    assert page.status_code == 200 and "<textarea" in page.text


def test_an_entity_iri_dereferences_by_accept(served: str) -> None:
    html = get(served, "id/" + NAM, BROWSER)
    assert html.headers["content-type"].startswith("text/html")
    assert "Nguyen Thanh Nam" in html.text and 'href="/id/event/' in html.text
    ttl = get(served, "id/" + NAM, "text/turtle")
    graph = Graph().parse(data=ttl.text, format="turtle")
    assert (NAM_IRI, None, None) in graph and (None, None, NAM_IRI) in graph
    jsonld = get(served, "id/" + NAM, "application/ld+json")
    assert set(Graph().parse(data=jsonld.text, format="json-ld")) == set(graph)
    assert get(served, "id/" + NAM, BROWSER, format="ttl").content == ttl.content
    assert ttl.headers["vary"] == "Accept"
    refused = get(served, "id/" + NAM, "image/png")
    assert refused.status_code == 406 and refused.text.startswith("[E702]")


@pytest.mark.parametrize("path", ["id/person/nobody", "id/a/../person", "id/%3Cscript%3E"])
def test_a_path_with_no_entity_is_a_404(served: str, path: str) -> None:
    answer = get(served, path, "text/turtle")
    assert answer.status_code == 404 and answer.text.startswith("[E703]")
    page = get(served, path, BROWSER)
    assert page.status_code == 404 and "[E703]" in page.text


@pytest.mark.parametrize("q", ["Nguyễn Thanh Nam", "nguyen thanh nam", "Нгуен Тхань Нам",
                               "NGUYEN THANH"])
def test_search_finds_one_person_however_the_name_is_written(served: str, q: str) -> None:
    page = get(served, "search", BROWSER, q=q)
    assert page.status_code == 200
    assert f'href="/id/{NAM}"' in page.text


def test_search_for_an_unknown_name_says_so(served: str) -> None:
    assert "No name in the store matches" in get(served, "search", BROWSER, q="Zzyzx").text


def test_describe_answers_the_graph_of_the_entity(served: str) -> None:
    answer = get(served, "sparql", "text/turtle", query=f"DESCRIBE <{NAM_IRI}>")
    graph = Graph().parse(data=answer.text, format="turtle")
    assert len(graph) >= 5 and set(graph.subjects()) == {NAM_IRI}


def test_a_store_built_under_another_base_is_noticed(store: Path, hostile_store: Path
                                                     ) -> None:
    from partygraph.serve.app import holds_base
    from partygraph.store import GraphStore

    examples = GraphStore(store, read_only=True)
    assert holds_base(examples, "https://w3id.org/partygraph/id/")
    assert not holds_base(examples, HOSTILE_BASE)
    assert holds_base(GraphStore(hostile_store, read_only=True), HOSTILE_BASE)


def test_the_base_maps_paths_to_iris(served_hostile: str) -> None:
    page = get(served_hostile, "id/person/tran-van-ba", "text/turtle")
    graph = Graph().parse(data=page.text, format="turtle")
    assert (URIRef(HOSTILE_BASE + "person/tran-van-ba"), None, None) in graph
    assert 'href="/id/org/x"' in get(served_hostile, "id/person/tran-van-ba", BROWSER).text


def test_markup_in_the_store_is_escaped_in_every_page(served_hostile: str) -> None:
    page = get(served_hostile, "id/person/tran-van-ba", BROWSER).text
    assert "<script>window" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in page
    escaped = HOSTILE_NAME.replace("<", "&lt;").replace(">", "&gt;")
    assert HOSTILE_NAME not in page and escaped in page
    hits = get(served_hostile, "search", BROWSER, q="Tran Van Ba").text
    assert "<script>window" not in hits and 'href="/id/person/tran-van-ba"' in hits


def test_the_network_page_or_a_501(served: str) -> None:
    answer = get(served, "network", BROWSER)
    if network_renderer() is None:
        assert answer.status_code == 501 and "partygraph.viz_html" in answer.text
    else:
        assert answer.status_code == 200 and "<html" in answer.text.lower()


def test_the_cap_cuts_an_answer_and_says_so(store: Path) -> None:
    with serving(store, "--max-rows", "3") as url:
        cut = get(url, "sparql", query="SELECT * WHERE { ?s ?p ?o }")
        assert cut.headers["x-partygraph-truncated"] == "3"
        assert len(json.loads(cut.text)["results"]["bindings"]) == 3
        whole = get(url, "sparql", query="SELECT * WHERE { ?s ?p ?o } LIMIT 3")
        assert "x-partygraph-truncated" not in whole.headers
        described = get(url, "id/" + NAM, "text/turtle")
        assert described.headers["x-partygraph-truncated"] == "3"


def test_a_query_past_the_time_limit_is_a_503_and_the_server_goes_on(store: Path) -> None:
    slow = ("SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f "
            "FILTER(STR(?a) = CONCAT(STR(?f), STR(?d), 'x')) }")
    with serving(store, "--timeout", "0.5", "--workers", "2") as url:
        start = time.monotonic()
        answer = get(url, "sparql", query=slow)
        assert answer.status_code == 503 and answer.text.startswith("[E508]")
        assert time.monotonic() - start < 5
        assert get(url, "sparql", query="ASK {}").status_code == 200   # a free worker


def test_serve_refuses_a_taken_port_a_missing_store_and_a_bad_base(store: Path,
                                                                   tmp_path: Path) -> None:
    runner = CliRunner()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = str(taken.getsockname()[1])
        busy = runner.invoke(app, ["serve", "--store", str(store), "--port", port])
    assert busy.exit_code == 2 and "[E607]" in busy.output and port in busy.output
    missing = runner.invoke(app, ["serve", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "[E402]" in missing.output
    bad = runner.invoke(app, ["serve", "--store", str(store), "--base", "example.org"])
    assert bad.exit_code == 2 and "[E302]" in bad.output
