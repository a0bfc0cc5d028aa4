"""English (en): both title styles, "Comrade X, head of the Organization Commission of the
Provincial Party Committee" and "Provincial Party Committee Secretary X"."""

from __future__ import annotations

from datetime import date

import pytest

from tests.lang._support import (
    TITLE_DOCUMENT_DATE,
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

LANG = "en"

PROVINCIAL = gold("en_ninh_thuan.txt", LANG, paragraphs(
    "Ninh Thuan reviews Party building work in 2023",
    "13/12/2023",
    ("On the morning of December 13, the Organization Commission of the Ninh Thuan "
     "Provincial Party Committee held a conference to review Party building work in 2023. "
     "Comrade Bui Thi Yen, member of the Standing Committee and head of the Organization "
     "Commission of the Provincial Party Committee, chaired the conference."),
    ("Attending the conference were Provincial Party Committee Secretary Tran Quoc Nam and "
     "comrade Pham Van Hau, standing deputy secretary of the Provincial Party Committee and "
     "chairman of the Provincial People's Council."),
    ("The province implemented Resolution No. 17/2023/NQ-HDND dated December 8, 2023 of the "
     "Provincial People's Council. The districts of Ninh Hai and Ninh Phuoc achieved good "
     "results, and the province belongs to Emulation Group No. 4."),
), date(2023, 12, 13),
    persons={"Bui Thi Yen", "Tran Quoc Nam", "Pham Van Hau"},
    posts={("Bui Thi Yen", "member", "standing-committee", "Ninh Thuan"),
           ("Bui Thi Yen", "head", "organization-commission", "Ninh Thuan"),
           ("Tran Quoc Nam", "secretary", "party-committee", "Ninh Thuan"),
           ("Pham Van Hau", "standing-deputy-secretary", "party-committee", "Ninh Thuan"),
           ("Pham Van Hau", "chair", "peoples-council", "Ninh Thuan")},
    chairs={"Bui Thi Yen"}, attendees={"Tran Quoc Nam", "Pham Van Hau"},
    event_date=date(2023, 12, 13),
    documents={("resolution", "17/2023/NQ-HDND", date(2023, 12, 8))},
    places={"Ninh Thuận", "Ninh Hải", "Ninh Phước"}, groups={4}, about_place="Ninh Thuận")

DISTRICT = gold("en_hoa_vang.txt", LANG, paragraphs(
    "Hoa Vang district Party Committee disseminates the city's plan",
    "26/01/2024",
    ("On January 25, the Standing Board of the Hoa Vang District Party Committee held a "
     "meeting to disseminate Plan No. 45-KH/TU dated January 5, 2024 of the Da Nang "
     "Municipal Party Committee. The meeting was chaired by comrade Le Van Hung, member of "
     "the Municipal Party Committee, secretary of the District Party Committee and chairman "
     "of the District People's Council."),
    ("Also present were comrade Vo Thi Thu, standing deputy secretary of the District Party "
     "Committee, and comrade Ngo Minh Quang, deputy secretary of the District Party "
     "Committee and chairman of the District People's Committee."),
), date(2024, 1, 26),
    persons={"Le Van Hung", "Vo Thi Thu", "Ngo Minh Quang"},
    posts={("Le Van Hung", "member", "party-committee", "Da Nang"),
           ("Le Van Hung", "secretary", "party-committee", "Hoa Vang"),
           ("Le Van Hung", "chair", "peoples-council", "Hoa Vang"),
           ("Vo Thi Thu", "standing-deputy-secretary", "party-committee", "Hoa Vang"),
           ("Ngo Minh Quang", "deputy-secretary", "party-committee", "Hoa Vang"),
           ("Ngo Minh Quang", "chair", "peoples-committee", "Hoa Vang")},
    chairs={"Le Van Hung"}, attendees={"Vo Thi Thu", "Ngo Minh Quang"},
    event_date=date(2024, 1, 25),
    documents={("plan", "45-KH/TU", date(2024, 1, 5))},
    places={"Hòa Vang", "Đà Nẵng"}, about_place="Hòa Vang")

ARTICLES = (PROVINCIAL, DISTRICT)
GAPS = {("event", DISTRICT.source_id): [TITLE_DOCUMENT_DATE]}


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
    # event dates: see test_event (a gap of the engine loses one)
    for kind in ("persons", "chairs", "attendees", "documents", "groups"):
        assert result.recall(kind) == 1.0, result.table()
    assert result.precision("persons") == 1.0, result.table()
    assert result.recall("posts") >= 0.9, result.table()
    rows = query_json("who-chaired-what", out)
    assert {r["chair"] for r in rows} >= {"Bui Thi Yen", "Le Van Hung"}
