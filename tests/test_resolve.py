"""Identity across articles: one node per real person, event, organization."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from partygraph.namespaces import PG, PROV, RDF
from partygraph.pipeline import build_corpus

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
              if str(graph.value(e, PG.chairedBy)).endswith("2025/lam-dong/nguyen-thanh-nam")]
    assert len(events) == 1
    sources = {str(graph.value(a, PG.sourceId)) for a in graph.objects(events[0],
                                                                       PROV.wasDerivedFrom)}
    assert sources == {"translation_en.txt", "translation_fr.txt"}


def test_namesakes_in_two_provinces_stay_apart(graph: Graph) -> None:
    nodes = persons_named(graph, "Nguyen Thanh Nam")
    assert {n.rsplit("/person/", 1)[1] for n in nodes} == {
        # Bình Thuận became part of Lâm Đồng in the 2025 reform; Đồng Nai kept its name
        "2025/lam-dong/nguyen-thanh-nam", "2025/dong-nai/nguyen-thanh-nam"}


def test_a_mention_without_province_joins_the_one_known_person(graph: Graph) -> None:
    nodes = persons_named(graph, "Bui Thi Yen")
    assert len(nodes) == 1 and next(iter(nodes)).endswith("2025/dong-nai/bui-thi-yen")
    node = URIRef(next(iter(nodes)))
    articles = {str(graph.value(a, PG.sourceId)) for a in graph.objects(node, PG.mentionedIn)}
    assert articles == {"no_province.txt", "yen_dong_nai.txt"}


def test_an_unknown_person_without_province_stays_unplaced(graph: Graph) -> None:
    assert {n.rsplit("/person/", 1)[1] for n in persons_named(graph, "Tran Quoc Viet")} == {
        "vn/tran-quoc-viet"}


def test_an_official_keeps_one_node_across_the_2025_merger(tmp_path) -> None:
    texts = {
        "before.txt": ("Yen Bai conference\n\nVietnam.vn 10/03/2025\n\nOn the morning of March 9, "
                       "the Yen Bai Provincial Party Committee held a conference. Comrade Tran Huy "
                       "Tuan, Secretary of the Yen Bai Provincial Party Committee, chaired the "
                       "conference."),
        "after.txt": ("Lao Cai conference\n\nVietnam.vn 12/09/2025\n\nOn the morning of "
                      "September 11, the Lao Cai Provincial Party Committee held a conference. "
                      "Comrade Tran Huy Tuan, Standing Deputy Secretary of the Lao Cai Provincial "
                      "Party Committee, chaired the conference."),
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    build_corpus([folder], tmp_path / "out")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    (node,) = persons_named(g, "Tran Huy Tuan")
    assert node.endswith("/person/2025/lao-cai/tran-huy-tuan")
    about = {str(g.value(a, PG.sourceId)): g.value(a, PG.aboutPlace)
             for a in g.subjects(RDF.type, PG.Article)}
    assert str(about["before.txt"]).endswith("/place/yen-bai")          # in force in March 2025
    assert str(about["after.txt"]).endswith("/place/2025/lao-cai")      # the merged province
    assert (about["before.txt"], PG.succeededBy, about["after.txt"]) in g
