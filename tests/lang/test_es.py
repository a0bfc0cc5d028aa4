"""Spanish (es): "el camarada X, miembro del Comité Permanente, jefe de la Comisión de
Organización del Comité Provincial del Partido, presidió la conferencia"."""

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

LANG = "es"

PROVINCIAL = gold("es_binh_thuan.txt", LANG, paragraphs(
    "Binh Thuan hace balance del trabajo de organización del Partido en 2023",
    "13/12/2023",
    ("BTO - En la mañana del 13 de diciembre, la Comisión de Organización del Comité "
     "Provincial del Partido de Binh Thuan celebró una conferencia para evaluar el trabajo "
     "de construcción del Partido en 2023. El camarada Nguyen Thanh Nam, miembro del Comité "
     "Permanente, jefe de la Comisión de Organización del Comité Provincial del Partido, "
     "presidió la conferencia."),
    ("Asistieron a la conferencia el camarada Nguyen Hoai Anh, vicesecretario permanente "
     "del Comité Provincial del Partido y presidente del Consejo Popular provincial, y el "
     "camarada Le Van Dung, secretario del Comité del Partido del distrito de Tuy Phong."),
    ("Según el informe, la provincia aplicó la Resolución n.º 17/2023/NQ-HDND del 8 de "
     "diciembre de 2023 del Consejo Popular provincial. Binh Thuan forma parte del Grupo de "
     "Emulación n.º 4, y el distrito de Bac Binh fue elogiado."),
), date(2023, 12, 13),
    persons={"Nguyen Thanh Nam", "Nguyen Hoai Anh", "Le Van Dung"},
    posts={("Nguyen Thanh Nam", "member", "standing-committee", "Binh Thuan"),
           ("Nguyen Thanh Nam", "head", "organization-commission", "Binh Thuan"),
           ("Nguyen Hoai Anh", "standing-deputy-secretary", "party-committee", "Binh Thuan"),
           ("Nguyen Hoai Anh", "chair", "peoples-council", "Binh Thuan"),
           ("Le Van Dung", "secretary", "party-committee", "Tuy Phong")},
    chairs={"Nguyen Thanh Nam"}, attendees={"Nguyen Hoai Anh", "Le Van Dung"},
    event_date=date(2023, 12, 13),
    documents={("resolution", "17/2023/NQ-HDND", date(2023, 12, 8))},
    places={"Bình Thuận", "Tuy Phong", "Bắc Bình"}, groups={4}, about_place="Bình Thuận")

CLUSTER = gold("es_grupo_emulacion.txt", LANG, paragraphs(
    "El Grupo de Emulación n.º 2 del sector de Organización del Partido resume el año 2023",
    "20/12/2023",
    ("QNO - En la tarde del 19 de diciembre, en la ciudad de Tam Ky, el Grupo de Emulación "
     "n.º 2 del sector de Organización y Construcción del Partido celebró una conferencia "
     "para resumir el movimiento de emulación de 2023. Los camaradas Tran Van Hai, miembro "
     "del Comité Permanente del Comité Provincial del Partido, jefe de la Comisión de "
     "Organización del Comité Provincial del Partido de Quang Nam y jefe del Grupo de "
     "Emulación n.º 2; y Do Minh Tuan, miembro del Comité Permanente del Comité Provincial "
     "del Partido, jefe de la Comisión de Organización del Comité Provincial del Partido de "
     "Quang Ngai y subjefe del Grupo de Emulación, copresidieron la conferencia."),
    ("Asistió a la conferencia el camarada Le Quang Vinh, vicesecretario permanente del "
     "Comité Provincial del Partido de Quang Nam y jefe de la Delegación de Diputados de la "
     "Asamblea Nacional de la provincia."),
    ("Los delegados evaluaron la aplicación del Plan n.º 256-KH/TU del 10 de marzo de 2023 "
     "del Comité Permanente del Comité Provincial del Partido. Los distritos de Duy Xuyen y "
     "Thang Binh obtuvieron los mejores resultados."),
), date(2023, 12, 20),
    persons={"Tran Van Hai", "Do Minh Tuan", "Le Quang Vinh"},
    posts={("Tran Van Hai", "member", "standing-committee", "Quang Nam"),
           ("Tran Van Hai", "head", "organization-commission", "Quang Nam"),
           ("Tran Van Hai", "head", "emulation-group", ""),
           ("Do Minh Tuan", "member", "standing-committee", "Quang Ngai"),
           ("Do Minh Tuan", "head", "organization-commission", "Quang Ngai"),
           ("Do Minh Tuan", "deputy-head", "emulation-group", ""),
           ("Le Quang Vinh", "standing-deputy-secretary", "party-committee", "Quang Nam"),
           ("Le Quang Vinh", "head", "national-assembly-delegation", "Quang Nam")},
    chairs={"Tran Van Hai", "Do Minh Tuan"}, attendees={"Le Quang Vinh"},
    event_date=date(2023, 12, 19),
    documents={("plan", "256-KH/TU", date(2023, 3, 10))},
    places={"Quảng Nam", "Quảng Ngãi", "Tam Kỳ", "Duy Xuyên", "Thăng Bình"}, groups={2},
    about_place="Quảng Nam")

DISTRICT = gold("es_thang_binh.txt", LANG, paragraphs(
    "Thang Binh difunde la resolución del Comité Provincial del Partido",
    "26/01/2024",
    ("El 25 de enero, el Comité Permanente del Comité del Partido del distrito de Thang "
     "Binh organizó una conferencia para difundir la Resolución n.º 22-NQ/TU del 15 de "
     "diciembre de 2023 del Comité Provincial del Partido de Quang Nam. La conferencia fue "
     "presidida por el camarada Pham Van Tam, miembro del Comité Provincial del Partido, "
     "secretario del Comité del Partido del distrito y presidente del Consejo Popular del "
     "distrito."),
    ("Estuvieron presentes los camaradas Vo Thi Hong, vicesecretaria permanente del Comité "
     "del Partido del distrito, y Ngo Quang Vinh, vicesecretario del Comité del Partido del "
     "distrito y presidente del Comité Popular del distrito."),
    ("El Comité del Partido de la comuna de Binh Lanh y el de la comuna de Binh Trieu "
     "presentaron sus programas de acción."),
), date(2024, 1, 26),
    persons={"Pham Van Tam", "Vo Thi Hong", "Ngo Quang Vinh"},
    posts={("Pham Van Tam", "member", "party-committee", "Quang Nam"),
           ("Pham Van Tam", "secretary", "party-committee", "Thang Binh"),
           ("Pham Van Tam", "chair", "peoples-council", "Thang Binh"),
           ("Vo Thi Hong", "standing-deputy-secretary", "party-committee", "Thang Binh"),
           ("Ngo Quang Vinh", "deputy-secretary", "party-committee", "Thang Binh"),
           ("Ngo Quang Vinh", "chair", "peoples-committee", "Thang Binh")},
    chairs={"Pham Van Tam"}, attendees={"Vo Thi Hong", "Ngo Quang Vinh"},
    event_date=date(2024, 1, 25),
    documents={("resolution", "22-NQ/TU", date(2023, 12, 15))},
    places={"Thăng Bình", "Quảng Nam", "Bình Lãnh", "Bình Triều"}, about_place="Thăng Bình")

ARTICLES = (PROVINCIAL, CLUSTER, DISTRICT)
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


def test_document_issuer():
    issuer = found_for(PROVINCIAL).issuers["17/2023/NQ-HDND"]
    assert issuer is not None and issuer.org_type == "peoples-council"
    assert issuer.jurisdiction is not None and issuer.jurisdiction.name == "Bình Thuận"


def test_cli_build_and_score(tmp_path):
    out = build_with_cli(ARTICLES, tmp_path)
    graph = load_graph(out)
    result = score((g, graph_facts(graph, g.source_id)) for g in ARTICLES)
    for kind in ("persons", "chairs", "attendees", "dates", "documents", "groups"):
        assert result.recall(kind) == 1.0, result.table()
    assert result.precision("persons") == 1.0, result.table()
    assert result.recall("posts") >= 0.9, result.table()
    rows = query_json("who-chaired-what", out)
    assert {r["chair"] for r in rows} >= {"Nguyen Thanh Nam", "Tran Van Hai", "Pham Van Tam"}


