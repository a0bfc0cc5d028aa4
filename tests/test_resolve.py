"""Identity across articles: one node per real person, event, organization."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from builder.namespaces import PG, PROV, RDF
from builder.pipeline import build_corpus

FIXTURES = Path(__file__).parent / "fixtures" / "identity"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    out = tmp_path_factory.mktemp("identity")
    build_corpus([FIXTURES], out)
    return Graph().parse(out / "graph.ttl")


def persons_named(g: Graph, name: str) -> set[str]:
    return {str(p) for p in g.subjects(PG.canonicalName, None)
            if (p, RDF.type, PG.Person) in g and str(g.value(p, PG.canonicalName)) == name}


def test_a_translation_gives_one_event_with_both_witnesses(graph: Graph) -> None:
    events = [e for e in graph.subjects(RDF.type, PG.Conference)
              if str(graph.value(e, PG.chairedBy)).endswith("binh-thuan/nguyen-thanh-nam")]
    assert len(events) == 1
    sources = {str(graph.value(a, PG.sourceId)) for a in graph.objects(events[0],
                                                                       PROV.wasDerivedFrom)}
    assert sources == {"translation_en.txt", "translation_fr.txt"}


def test_namesakes_in_two_provinces_stay_apart(graph: Graph) -> None:
    nodes = persons_named(graph, "Nguyen Thanh Nam")
    assert {n.rsplit("/person/", 1)[1] for n in nodes} == {
        "binh-thuan/nguyen-thanh-nam", "dong-nai/nguyen-thanh-nam"}


def test_a_mention_without_province_joins_the_one_known_person(graph: Graph) -> None:
    nodes = persons_named(graph, "Bui Thi Yen")
    assert len(nodes) == 1 and next(iter(nodes)).endswith("dong-nai/bui-thi-yen")
    node = URIRef(next(iter(nodes)))
    articles = {str(graph.value(a, PG.sourceId)) for a in graph.objects(node, PG.mentionedIn)}
    assert articles == {"no_province.txt", "yen_dong_nai.txt"}


def test_an_unknown_person_without_province_stays_unplaced(graph: Graph) -> None:
    assert {n.rsplit("/person/", 1)[1] for n in persons_named(graph, "Tran Quoc Viet")} == {
        "vn/tran-quoc-viet"}
