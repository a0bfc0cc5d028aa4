"""French (fr): "le camarade X, membre du Comité permanent, chef du Comité d'organisation
du Comité provincial du Parti, a présidé la conférence"."""

from __future__ import annotations

from datetime import date

import pytest

from tests.lang._support import (
    build_with_cli,
    cases,
    check_documents,
    check_event,
    check_persons,
    check_places,
    check_posts,
    found_for,
    gold,
    graph_facts,
    load_graph,
    paragraphs,
    query_json,
    score,
)

LANG = "fr"

PROVINCIAL = gold("fr_quang_ngai.txt", LANG, paragraphs(
    "Quang Ngai fait le bilan du travail d'organisation du Parti en 2023",
    "13/12/2023",
    ("Le matin du 13 décembre, le Comité d'organisation du Comité provincial du Parti de "
     "Quang Ngai a tenu une conférence pour faire le bilan du travail d'édification du Parti "
     "en 2023. Le camarade Do Minh Tuan, membre du Comité permanent, chef du Comité "
     "d'organisation du Comité provincial du Parti, a présidé la conférence."),
    ("Ont assisté à la conférence le camarade Dang Van Minh, secrétaire adjoint permanent du "
     "Comité provincial du Parti et président du Conseil populaire provincial, et la "
     "camarade Nguyen Thi Lan, secrétaire du Comité du Parti du district de Binh Son."),
    ("La province a mis en œuvre la Résolution n° 17/2023/NQ-HDND du 8 décembre 2023 du "
     "Conseil populaire provincial. Les districts de Binh Son et de Son Tinh ont obtenu de "
     "bons résultats ; la province fait partie du groupe d'émulation n° 4."),
), date(2023, 12, 13),
    persons={"Do Minh Tuan", "Dang Van Minh", "Nguyen Thi Lan"},
    posts={("Do Minh Tuan", "member", "standing-committee", "Quang Ngai"),
           ("Do Minh Tuan", "head", "organization-commission", "Quang Ngai"),
           ("Dang Van Minh", "standing-deputy-secretary", "party-committee", "Quang Ngai"),
           ("Dang Van Minh", "chair", "peoples-council", "Quang Ngai"),
           ("Nguyen Thi Lan", "secretary", "party-committee", "Binh Son")},
    chairs={"Do Minh Tuan"}, attendees={"Dang Van Minh", "Nguyen Thi Lan"},
    event_date=date(2023, 12, 13),
    documents={("resolution", "17/2023/NQ-HDND", date(2023, 12, 8))},
    places={"Quảng Ngãi", "Bình Sơn", "Sơn Tịnh"}, groups={4}, about_place="Quảng Ngãi")

DISTRICT = gold("fr_bao_yen.txt", LANG, paragraphs(
    "Bao Yen diffuse la résolution du Comité provincial du Parti",
    "26/01/2024",
    ("Le 25 janvier, le Comité permanent du Comité du Parti du district de Bao Yen a "
     "organisé une conférence pour diffuser la Résolution n° 22-NQ/TU du 15 décembre 2023 "
     "du Comité provincial du Parti de Lao Cai. Le camarade Hoang Van Binh, membre du Comité "
     "provincial du Parti, secrétaire du Comité du Parti du district et président du Conseil "
     "populaire du district, a présidé la conférence."),
    ("Étaient présents les camarades Vu Thi Hoa, secrétaire adjointe permanente du Comité "
     "du Parti du district, et Ly Van Cuong, secrétaire adjoint du Comité du Parti du "
     "district et président du Comité populaire du district."),
    ("Les comités du Parti de la commune de Xuan Hoa et de la commune de Tan Tien ont "
     "présenté leurs programmes d'action."),
), date(2024, 1, 26),
    persons={"Hoang Van Binh", "Vu Thi Hoa", "Ly Van Cuong"},
    posts={("Hoang Van Binh", "member", "party-committee", "Lao Cai"),
           ("Hoang Van Binh", "secretary", "party-committee", "Bao Yen"),
           ("Hoang Van Binh", "chair", "peoples-council", "Bao Yen"),
           ("Vu Thi Hoa", "standing-deputy-secretary", "party-committee", "Bao Yen"),
           ("Ly Van Cuong", "deputy-secretary", "party-committee", "Bao Yen"),
           ("Ly Van Cuong", "chair", "peoples-committee", "Bao Yen")},
    chairs={"Hoang Van Binh"}, attendees={"Vu Thi Hoa", "Ly Van Cuong"},
    event_date=date(2024, 1, 25),
    documents={("resolution", "22-NQ/TU", date(2023, 12, 15))},
    places={"Bảo Yên", "Lào Cai", "Xuân Hòa", "Tân Tiến"}, about_place="Bảo Yên")

ARTICLES = (PROVINCIAL, DISTRICT)
GAPS: dict = {}


@pytest.mark.parametrize("article", cases(ARTICLES, "persons", GAPS))
def test_persons(article):
    check_persons(article, found_for(article))


@pytest.mark.parametrize("article", cases(ARTICLES, "posts", GAPS))
def test_posts(article):
    check_posts(article, found_for(article))


@pytest.mark.parametrize("article", cases(ARTICLES, "event", GAPS))
def test_event(article):
    check_event(article, found_for(article))


@pytest.mark.parametrize("article", cases(ARTICLES, "documents", GAPS))
def test_documents(article):
    check_documents(article, found_for(article))


@pytest.mark.parametrize("article", cases(ARTICLES, "places", GAPS))
def test_places_and_groups(article):
    check_places(article, found_for(article))


def test_cli_build_and_score(tmp_path):
    out = build_with_cli(ARTICLES, tmp_path)
    graph = load_graph(out)
    result = score((g, graph_facts(graph, g.source_id)) for g in ARTICLES)
    for kind in ("persons", "chairs", "attendees", "dates", "documents", "groups"):
        assert result.recall(kind) == 1.0, result.table()
    assert result.precision("persons") == 1.0, result.table()
    assert result.recall("posts") >= 0.9, result.table()
    rows = query_json("who-chaired-what", out)
    assert {r["chair"] for r in rows} >= {"Do Minh Tuan", "Hoang Van Binh"}
