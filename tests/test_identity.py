"""Identity as a matching step (builder/matching.py, builder/clusters.py): central
officials, rotated cadres, stated transfers, namesakes whose posts conflict."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from partygraph.cli import app
from partygraph.clusters import resolve_block
from partygraph.matching import CENTRE_SEAT, IdentityIndex, Mention
from partygraph.namespaces import PG, RDF
from partygraph.pipeline import build_corpus

# Short invented articles: one headline, one dateline, one paragraph each.
ARTICLES = {
    "tam_ha_tinh.txt": ("Ha Tinh reviews cadre work", "12/03/2024",
                        "On the morning of March 11, the Ha Tinh Provincial Party Committee held "
                        "a conference. Comrade Hoang Van Tam, member of the Party Central "
                        "Committee, Deputy Head of the Central Organization Commission, attended."),
    "tam_quang_tri.txt": ("Quang Tri reviews cadre work", "20/09/2024",
                          "On the morning of September 19, the Quang Tri Provincial Party "
                          "Committee held a conference. Comrade Hoang Van Tam, Deputy Head of the "
                          "Central Organization Commission, attended."),
    "khoa_lai_chau.txt": ("Lai Chau conference", "12/03/2023",
                          "On the morning of March 11, the Lai Chau Provincial Party Committee "
                          "held a conference. Comrade Do Minh Khoa, member of the Party Central "
                          "Committee, Secretary of the Lai Chau Provincial Party Committee, "
                          "chaired the conference."),
    "khoa_phu_tho.txt": ("Phu Tho conference", "12/10/2025",
                         "On the morning of October 11, the Phu Tho Provincial Party Committee "
                         "held a conference. Comrade Do Minh Khoa, Secretary of the Phu Tho "
                         "Provincial Party Committee, chaired the conference."),
    "hung_dien_bien.txt": ("Dien Bien meets", "12/10/2025",
                           "On the morning of October 11, the Dien Bien Provincial People's "
                           "Committee held a meeting. Comrade Nguyen Van Hung, member of the Party "
                           "Central Committee, Chairman of the Dien Bien Provincial People's "
                           "Committee, chaired the meeting. Comrades Hoang Van Tam and Do Minh "
                           "Khoa attended."),
    "hung_lai_chau.txt": ("Lai Chau meets", "30/10/2025",
                          "On the morning of October 29, the Lai Chau Provincial People's "
                          "Committee held a meeting. Comrade Nguyen Van Hung, Chairman of the "
                          "Lai Chau Provincial People's Committee, chaired the meeting."),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Graph]:
    root = tmp_path_factory.mktemp("identity-matching")
    folder = root / "in"
    folder.mkdir()
    for name, (headline, dateline, body) in ARTICLES.items():
        (folder / name).write_text(f"{headline}\n\nVietnam.vn {dateline}\n\n{body}\n",
                                   encoding="utf-8")
    build_corpus([folder], root / "out")
    return root / "out", Graph().parse(root / "out" / "graph.ttl")


def nodes_of(g: Graph, name: str) -> dict[str, set[str]]:
    """Person node key -> the articles that mention it."""
    out: dict[str, set[str]] = {}
    for p in g.subjects(RDF.type, PG.Person):
        if str(g.value(p, PG.canonicalName)) == name:
            out[str(p).rsplit("/person/", 1)[1]] = {
                str(g.value(a, PG.sourceId)) for a in g.objects(p, PG.mentionedIn)}
    return out


def test_a_central_official_is_one_person_in_every_province(built) -> None:
    _, g = built
    # named without a post in a Dien Bien article, he is still the one central official
    assert nodes_of(g, "Hoang Van Tam") == {"central/hoang-van-tam": {
        "tam_ha_tinh.txt", "tam_quang_tri.txt", "hung_dien_bien.txt"}}


def test_a_central_cadre_rotated_to_another_province_stays_one_person(built) -> None:
    _, g = built
    found = sorted(map(sorted, nodes_of(g, "Do Minh Khoa").values()))
    # a seat on the Central Committee is not a central office: named without a post in
    # a third province's article, he is not assumed to be the rotated cadre
    assert found == [["hung_dien_bien.txt"], ["khoa_lai_chau.txt", "khoa_phu_tho.txt"]]


def test_namesakes_chairing_two_provinces_at_once_stay_apart(built) -> None:
    _, g = built
    # one of them sits on the Central Committee, yet chairing Dien Bien's and Lai Chau's
    # People's Committees in the same month is two people
    assert sorted(map(sorted, nodes_of(g, "Nguyen Van Hung").values())) == [
        ["hung_dien_bien.txt"], ["hung_lai_chau.txt"]]


def test_the_identities_command_shows_the_reasons(built) -> None:
    out, _ = built
    result = CliRunner().invoke(app, ["identities", "--store", str(out / "store")])
    assert result.exit_code == 0, result.output
    assert ("joined: tam_ha_tinh.txt ~ tam_quang_tri.txt: same organization "
            "central-organization-commission/central") in result.stdout
    assert "rotated to a senior post" in result.stdout
    split = {line.split(":", 1)[0]: line for line in result.stdout.splitlines()
             if line.startswith("SPLIT")}
    assert sorted(split) == ["SPLIT Do Minh Khoa", "SPLIT Nguyen Van Hung"]
    assert ("refused: chair of peoples-committee/2025/dien-bien and of "
            "peoples-committee/2025/lai-chau in the same period") in split[
                "SPLIT Nguyen Van Hung"]
    assert "nothing links them" in split["SPLIT Do Minh Khoa"]
    data = json.loads((out / "identities.json").read_text(encoding="utf-8"))
    assert [b["name"] for b in data] == sorted(b["name"] for b in data)


def test_rebuilding_one_article_keeps_it_on_the_stored_person(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("khoa_lai_chau.txt", "khoa_phu_tho.txt"):
        headline, dateline, body = ARTICLES[name]
        (folder / name).write_text(f"{headline}\n\nVietnam.vn {dateline}\n\n{body}\n",
                                   encoding="utf-8")
    build_corpus([folder], tmp_path / "out")
    build_corpus([folder / "khoa_phu_tho.txt"], tmp_path / "out")
    g = Graph().parse(tmp_path / "out" / "graph.ttl")
    assert list(nodes_of(g, "Do Minh Khoa").values()) == [
        {"khoa_lai_chau.txt", "khoa_phu_tho.txt"}]


# -- the decision on records ---------------------------------------------------------

def local(source: str, seat: str, when: date | None, *, head: str = "",
          cadre: bool = False, org: str = "") -> Mention:
    org = org or f"party-committee/{seat}"
    heads = frozenset(((head, org.split("/", 1)[0], org),)) if head else frozenset()
    return Mention(source, "le-van-an", when, seat, seats=frozenset((seat,)),
                   orgs=frozenset((org,)), heads=heads, central=cadre, cadre=cadre,
                   senior=True, has_posts=True)


def persons(found: list[Mention]) -> list[list[str]]:
    return sorted(sorted(s for s, _ in p.mentions)
                  for p in resolve_block("le-van-an", found).persons)


def test_a_stated_transfer_bridges_two_provinces() -> None:
    before = local("a.txt", "lai-chau", date(2025, 1, 10), head="chair",
                   org="peoples-committee/lai-chau")
    after = local("c.txt", "dien-bien", date(2025, 2, 20))
    assert persons([before, after]) == [["a.txt"], ["c.txt"]]     # nothing links them
    transfer = Mention("b.txt", "le-van-an", date(2025, 2, 1), "dien-bien",
                       seats=frozenset(("lai-chau", "dien-bien")), has_posts=True)
    assert persons([before, after, transfer]) == [["a.txt", "b.txt", "c.txt"]]


def test_a_move_to_the_centre_conflicts_with_a_local_post_unless_stated() -> None:
    home = local("a.txt", "ha-tinh", date(2024, 5, 1))
    centre = Mention("b.txt", "le-van-an", date(2024, 5, 20), "quang-tri",
                     seats=frozenset((CENTRE_SEAT,)),
                     orgs=frozenset(("party-central-committee/central",)),
                     central=True, cadre=True, senior=True, has_posts=True)
    assert persons([home, centre]) == [["a.txt"], ["b.txt"]]
    later = Mention("b.txt", "le-van-an", date(2025, 5, 20), "quang-tri",
                    seats=centre.seats, orgs=centre.orgs, central=True, cadre=True,
                    senior=True, has_posts=True)
    assert persons([home, later]) == [["a.txt", "b.txt"]]        # a year on: rotated


def test_one_exclusive_role_in_two_bodies_at_once_is_two_people() -> None:
    one = local("a.txt", "ha-tinh", date(2024, 5, 1), head="secretary",
                org="party-committee/ha-tinh/ky-anh")
    two = local("b.txt", "ha-tinh", date(2024, 5, 3), head="secretary",
                org="party-committee/ha-tinh/huong-son")
    assert persons([one, two]) == [["a.txt"], ["b.txt"]]
    later = local("b.txt", "ha-tinh", date(2025, 5, 3), head="secretary",
                  org="party-committee/ha-tinh/huong-son")
    assert persons([one, later]) == [["a.txt", "b.txt"]]          # same province, later


def test_a_post_less_mention_joins_only_a_single_central_official() -> None:
    visitor = Mention("v.txt", "le-van-an", None, "ha-tinh")
    minister = Mention("m.txt", "le-van-an", None, "", seats=frozenset((CENTRE_SEAT,)),
                       orgs=frozenset(("ministry/central",)), central=True, senior=True,
                       has_posts=True)
    assert persons([visitor, minister]) == [["m.txt", "v.txt"]]
    other = Mention("o.txt", "le-van-an", None, "", seats=frozenset((CENTRE_SEAT,)),
                    orgs=frozenset(("government/central",)), central=True, senior=True,
                    has_posts=True)
    assert persons([visitor, minister, other]) == [["m.txt"], ["o.txt"], ["v.txt"]]


def test_the_decision_does_not_depend_on_the_order_of_the_mentions() -> None:
    found = [local("a.txt", "lai-chau", date(2025, 1, 10), head="chair",
                   org="peoples-committee/lai-chau", cadre=True),
             local("b.txt", "dien-bien", date(2025, 1, 12), head="chair",
                   org="peoples-committee/dien-bien"),
             local("c.txt", "son-la", date(2023, 6, 1)),
             Mention("d.txt", "le-van-an", None, ""),
             Mention("e.txt", "le-van-an", None, "lai-chau")]
    results = {json.dumps([(p.key, p.mentions, p.reasons) for p in
                           resolve_block("le-van-an", list(order)).persons])
               for order in itertools.permutations(found)}
    assert len(results) == 1
    keys = [p.key for p in resolve_block("le-van-an", found).persons]
    assert len(keys) == len(set(keys))                            # namesakes, two keys


def test_a_province_only_assumed_from_the_article_does_not_split() -> None:
    # "Secretary of the Provincial Party Committee" in an article about another
    # province: the assumed province links, but is too weak to refuse a link
    named = local("a.txt", "ha-tinh", date(2024, 5, 1), cadre=True)
    assumed = Mention("b.txt", "le-van-an", date(2024, 5, 9), "nghe-an",
                      assumed=frozenset(("nghe-an",)), senior=True, has_posts=True)
    assert persons([named, assumed]) == [["a.txt", "b.txt"]]
    stated = Mention("b.txt", "le-van-an", date(2024, 5, 9), "nghe-an",
                     seats=frozenset(("nghe-an",)), senior=True, has_posts=True)
    assert persons([named, stated]) == [["a.txt"], ["b.txt"]]


def test_mentions_that_nothing_places_are_one_unplaced_person() -> None:
    bare = [Mention(f"{c}.txt", "le-van-an") for c in "abc"]
    assert persons(bare) == [["a.txt", "b.txt", "c.txt"]]
    two = [local("p.txt", "ha-tinh", None), local("q.txt", "son-la", None)]
    assert persons(bare + two) == [["a.txt", "b.txt", "c.txt"], ["p.txt"], ["q.txt"]]


def test_an_emulation_group_post_places_nobody_in_the_article_province() -> None:
    from partygraph import gazetteer
    from partygraph.matching import profile
    from partygraph.models import OrgRef, PersonFacts, Post, Span

    span = Span(0, 1, "x")
    head = PersonFacts("Le Van An", posts=[
        Post("head", OrgRef("emulation-group", qualifier="4"), span)])
    m = profile(head, "g.txt", "binh-dinh", date(2024, 5, 1), gazetteer.load())
    assert m.places == frozenset() and m.orgs == {"emulation-group/central/4"}
    # the host province's namesake is not him
    host = local("h.txt", "binh-dinh", date(2024, 9, 1))
    assert persons([m, host]) == [["g.txt"], ["h.txt"]]


def test_a_mention_with_a_body_does_not_join_by_the_name_alone() -> None:
    group = Mention("g.txt", "le-van-an", date(2024, 5, 1), "",
                    orgs=frozenset(("emulation-group/central/4",)), has_posts=True)
    assert persons([group, local("h.txt", "binh-dinh", None)]) == [["g.txt"], ["h.txt"]]
    bare = Mention("b.txt", "le-van-an")
    assert persons([bare, local("h.txt", "binh-dinh", None)]) == [["b.txt", "h.txt"]]


def test_the_index_keeps_one_object_for_each_value_its_mentions_repeat() -> None:
    """Mentions arrive pickled from workers, each with copies of its own; the index
    shares them, which is what keeps a large build's memory from growing with them."""
    index = IdentityIndex()
    # built from fresh parts, as unpickling makes them
    made = [Mention(f"{n}.txt", "-".join(["le", "van", "an"]), date(2024, 5, n),
                    "quang-tri", seats=frozenset([f"quang-{'tri'}"])) for n in (1, 2)]
    assert made[0].seats is not made[1].seats and made[0].name is not made[1].name
    index.add(made)
    first, second = index.pending
    assert first.seats is second.seats and first.name is second.name
    assert (first, second) == tuple(made)
