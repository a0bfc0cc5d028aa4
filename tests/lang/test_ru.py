"""Russian (ru): names and places in Cyrillic are read back into Vietnamese
(Нгуен Тхань Нам -> Nguyen Thanh Nam, Тхангбинь -> Thang Binh) by partygraph.translit;
titles inflect ("глава Организационного комитета провинциального комитета партии")."""

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

LANG = "ru"

PROVINCIAL = gold("ru_quang_nam.txt", LANG, paragraphs(
    "Куангнам подвел итоги работы по партийному строительству в 2023 году",
    "10/01/2024",
    ("(QNO) - Утром 10 января Организационный комитет провинциального комитета партии "
     "провел конференцию по подведению итогов работы по партийному строительству в 2023 "
     "году. Товарищ Чан Ван Хай, член Постоянного комитета, глава Организационного комитета "
     "провинциального комитета партии, председательствовал на конференции."),
    ("На конференции присутствовали товарищ Ле Ван Зунг, постоянный заместитель секретаря "
     "провинциального комитета партии, председатель провинциального Народного совета, и "
     "товарищ Фам Ван Там, секретарь уездного комитета партии Тхангбинь."),
    ("Провинция выполнила Резолюцию № 17/2023/NQ-HDND от 8 декабря 2023 года "
     "провинциального Народного совета. Уезды Зуисуен и Тхангбинь показали хорошие "
     "результаты, а провинция вошла в число лучших в группе соревнования № 2."),
), date(2024, 1, 10),
    persons={"Tran Van Hai", "Le Van Dung", "Pham Van Tam"},
    posts={("Tran Van Hai", "member", "standing-committee", "Quang Nam"),
           ("Tran Van Hai", "head", "organization-commission", "Quang Nam"),
           ("Le Van Dung", "standing-deputy-secretary", "party-committee", "Quang Nam"),
           ("Le Van Dung", "chair", "peoples-council", "Quang Nam"),
           ("Pham Van Tam", "secretary", "party-committee", "Thang Binh")},
    chairs={"Tran Van Hai"}, attendees={"Le Van Dung", "Pham Van Tam"},
    event_date=date(2024, 1, 10),
    documents={("resolution", "17/2023/NQ-HDND", date(2023, 12, 8))},
    places={"Quảng Nam", "Duy Xuyên", "Thăng Bình"}, groups={2}, about_place="Quảng Nam")

CLUSTER = gold("ru_gruppa.txt", LANG, paragraphs(
    "Группа соревнования № 4 организационного сектора подвела итоги 2023 года",
    "14/12/2023",
    ("(BTO) - Днем 13 декабря в городе Фантхьет группа соревнования № 4 сектора "
     "организации и партийного строительства провела конференцию по подведению итогов "
     "движения соревнования в 2023 году. Товарищи Нгуен Тхань Нам, член Постоянного "
     "комитета провинциального комитета партии, глава Организационного комитета "
     "провинциального комитета партии Биньтхуан, руководитель группы соревнования № 4, и "
     "Буй Тхи Йен, член Постоянного комитета провинциального комитета партии, глава "
     "Организационного комитета провинциального комитета партии Ниньтхуан, заместитель "
     "руководителя группы соревнования, сопредседательствовали на конференции."),
    ("В конференции принял участие товарищ Нгуен Хоай Ань, кандидат в члены ЦК партии, "
     "постоянный заместитель секретаря провинциального комитета партии, председатель "
     "провинциального Народного совета Биньтхуан."),
    ("Участники обсудили выполнение Плана № 125-KH/BTCTW от 10 марта 2023 года "
     "Центрального организационного комитета. Уезды Туифонг и Бакбинь получили высокую "
     "оценку."),
), date(2023, 12, 14),
    persons={"Nguyen Thanh Nam", "Bui Thi Yen", "Nguyen Hoai Anh"},
    posts={("Nguyen Thanh Nam", "member", "standing-committee", "Binh Thuan"),
           ("Nguyen Thanh Nam", "head", "organization-commission", "Binh Thuan"),
           ("Nguyen Thanh Nam", "head", "emulation-group", ""),
           ("Bui Thi Yen", "member", "standing-committee", "Ninh Thuan"),
           ("Bui Thi Yen", "head", "organization-commission", "Ninh Thuan"),
           ("Bui Thi Yen", "deputy-head", "emulation-group", ""),
           ("Nguyen Hoai Anh", "alternate-member", "party-central-committee", ""),
           ("Nguyen Hoai Anh", "standing-deputy-secretary", "party-committee", "Binh Thuan"),
           ("Nguyen Hoai Anh", "chair", "peoples-council", "Binh Thuan")},
    chairs={"Nguyen Thanh Nam", "Bui Thi Yen"}, attendees={"Nguyen Hoai Anh"},
    event_date=date(2023, 12, 13),
    documents={("plan", "125-KH/BTCTW", date(2023, 3, 10))},
    places={"Bình Thuận", "Ninh Thuận", "Phan Thiết", "Tuy Phong", "Bắc Bình"}, groups={4},
    about_place="Bình Thuận")

ARTICLES = (PROVINCIAL, CLUSTER)
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


def test_surface_forms_are_kept():
    from tests.lang._support import run_extract

    surfaces = {s for p in run_extract(PROVINCIAL).persons for s, _ in p.surfaces}
    assert "Чан Ван Хай" in surfaces


def test_cli_build_and_score(tmp_path):
    out = build_with_cli(ARTICLES, tmp_path)
    graph = load_graph(out)
    result = score((g, graph_facts(graph, g.source_id)) for g in ARTICLES)
    for kind in ("persons", "chairs", "attendees", "dates", "documents", "groups"):
        assert result.recall(kind) == 1.0, result.table()
    assert result.precision("persons") == 1.0, result.table()
    assert result.recall("posts") >= 0.9, result.table()
    rows = query_json("who-chaired-what", out)
    assert {r["chair"] for r in rows} >= {"Tran Van Hai", "Nguyen Thanh Nam"}
