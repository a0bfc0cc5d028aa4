"""Facts that only the whole corpus decides: document identity across provinces, the
first and last dates of a post, and the shapes checked on the merged graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from partygraph.pipeline import build_corpus

PG = "https://w3id.org/partygraph/ontology#"

COUNCIL = """{place} carries out the council's resolution

{day}/03/2024

Comrade {name}, secretary of the {place} Provincial Party Committee, chaired the \
conference on the morning of {day} March.

The province implemented Resolution No. 17/2023/NQ-HDND dated {issued} April 2023 of the \
People's Council of {place} province.
"""

CENTRAL = """{place} studies the Politburo's resolution

{day}/05/2024

Comrade {name}, secretary of the {place} Provincial Party Committee, chaired the \
conference on the morning of {day} May.

The conference studied Resolution No. 18-NQ/TW dated {issued} October 2017 of the Party \
Central Committee.
"""


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def merged(out: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def rows(store: ox.Store, sparql: str) -> list[tuple[str, ...]]:
    return sorted(tuple(t.value for t in sol) for sol in store.query(sparql))


def test_one_number_from_two_provinces_is_two_documents(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src, "a.txt", COUNCIL.format(place="Lao Cai", name="Nguyen Van An", day=12,
                                       issued=14))
    write(src, "b.txt", COUNCIL.format(place="Binh Thuan", name="Tran Van Binh", day=13,
                                       issued=20))
    summary = build_corpus([src], tmp_path / "out")
    found = rows(merged(tmp_path / "out"), f"""
        SELECT ?d ?date WHERE {{ ?d <{PG}documentNumber> "17/2023/NQ-HDND" ;
                                    <{PG}issuedOn> ?date }}""")
    assert sorted(date for _, date in found) == ["2023-04-14", "2023-04-20"]
    assert len({d for d, _ in found}) == 2
    assert summary.violations == []


def test_a_central_document_is_one_node_whichever_province_cites_it(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src, "a.txt", CENTRAL.format(place="Lao Cai", name="Nguyen Van An", day=12,
                                       issued=25))
    write(src, "b.txt", CENTRAL.format(place="Binh Thuan", name="Tran Van Binh", day=13,
                                       issued=25))
    summary = build_corpus([src], tmp_path / "out")
    found = rows(merged(tmp_path / "out"), f"""
        SELECT ?d WHERE {{ ?d <{PG}documentNumber> "18-NQ/TW" }}""")
    assert len(found) == 1
    assert summary.violations == []


def test_the_merged_graph_is_checked_where_each_article_conforms(tmp_path: Path) -> None:
    """Two articles give one central resolution two dates of issue: each article graph
    conforms, their union does not (pg:issuedOn sh:maxCount 1), and the build says so."""
    src = tmp_path / "in"
    write(src, "a.txt", CENTRAL.format(place="Lao Cai", name="Nguyen Van An", day=12,
                                       issued=25))
    write(src, "b.txt", CENTRAL.format(place="Binh Thuan", name="Tran Van Binh", day=13,
                                       issued=26))
    summary = build_corpus([src], tmp_path / "out")
    assert [v.path for v in summary.violations] == ["issuedOn"]
    assert "issuedOn" in (tmp_path / "out" / "validation.txt").read_text(encoding="utf-8")


TIMELINE = f"""
    SELECT ?first ?last WHERE {{
      ?m <http://www.w3.org/ns/org#member>/<{PG}canonicalName> "Nguyen Van An" ;
         <http://www.w3.org/ns/org#role> <https://w3id.org/partygraph/role/secretary> ;
         <{PG}firstSeen> ?first ; <{PG}lastSeen> ?last }}"""


def test_first_and_last_dates_follow_rebuilds(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src, "a.txt", COUNCIL.format(place="Lao Cai", name="Nguyen Van An", day=12,
                                       issued=14))
    build_corpus([src], tmp_path / "out")
    assert rows(merged(tmp_path / "out"), TIMELINE) == [("2024-03-12", "2024-03-12")]
    write(src, "b.txt", COUNCIL.format(place="Lao Cai", name="Nguyen Van An", day=20,
                                       issued=14))
    build_corpus([src], tmp_path / "out")
    assert rows(merged(tmp_path / "out"), TIMELINE) == [("2024-03-12", "2024-03-20")]
    # the later article now names somebody else: the post was last seen on the 12th
    write(src, "b.txt", COUNCIL.format(place="Lao Cai", name="Le Thi Hoa", day=20,
                                       issued=14))
    build_corpus([src], tmp_path / "out")
    assert rows(merged(tmp_path / "out"), TIMELINE) == [("2024-03-12", "2024-03-12")]


def test_an_article_moved_to_another_date_moves_the_dates_of_its_posts(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for name, day in (("a.txt", 12), ("b.txt", 20)):
        write(src, name, COUNCIL.format(place="Lao Cai", name="Nguyen Van An", day=day,
                                        issued=14))
    build_corpus([src], tmp_path / "out")
    assert rows(merged(tmp_path / "out"), TIMELINE) == [("2024-03-12", "2024-03-20")]
    write(src, "b.txt", COUNCIL.format(place="Lao Cai", name="Nguyen Van An", day=15,
                                       issued=14))
    build_corpus([src], tmp_path / "out")
    assert rows(merged(tmp_path / "out"), TIMELINE) == [("2024-03-12", "2024-03-15")]
