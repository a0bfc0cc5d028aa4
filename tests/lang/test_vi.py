"""Vietnamese (vi): the articles as they are written before translation.

Titles are head first with no connecting word ("Trưởng Ban Tổ chức Tỉnh ủy"), the
abbreviations HĐND, UBND, BTV stand for the bodies, dates are "13/12" and "8/12/2023",
and person names keep their diacritics in the label.
"""

from __future__ import annotations

from datetime import date

import pytest

from partygraph.extract import extract
from partygraph.ingest import make_document
from tests.lang._support import (
    LATIN_TOKENS,
    PLACE_BEFORE_TITLE,
    TITLE_DOCUMENT_DATE,
    build_with_cli,
    cases,
    check_documents,
    check_event,
    check_persons,
    check_places,
    check_posts,
    engine_gap,
    found_for,
    gold,
    graph_facts,
    load_graph,
    paragraphs,
    query_json,
    run_extract,
    score,
)

LANG = "vi"

PROVINCIAL = gold("vi_lang_son.txt", LANG, paragraphs(
    "Lạng Sơn tổng kết công tác tổ chức xây dựng Đảng năm 2023",
    "13/12/2023",
    ("Sáng 13/12, Ban Tổ chức Tỉnh ủy Lạng Sơn tổ chức hội nghị tổng kết công tác tổ chức "
     "xây dựng Đảng năm 2023 và triển khai nhiệm vụ năm 2024. Đồng chí Nguyễn Thanh Nam, "
     "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy chủ trì hội nghị."),
    ("Dự hội nghị có đồng chí Hoàng Quốc Khánh, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch "
     "HĐND tỉnh; đồng chí Lương Trường Đạt, Tỉnh ủy viên, Bí thư Huyện ủy Bình Gia."),
    ("Trong năm, các cấp ủy đã cụ thể hóa Nghị quyết số 17/2023/NQ-HĐND ngày 8/12/2023 của "
     "HĐND tỉnh về chính sách hỗ trợ tổ chức đảng trong doanh nghiệp ngoài nhà nước. Các "
     "huyện Văn Quan, Bình Gia có nhiều cách làm hay; ngành Tổ chức của tỉnh đứng đầu Cụm "
     "thi đua số 4."),
), date(2023, 12, 13),
    persons={"Nguyen Thanh Nam", "Hoang Quoc Khanh", "Luong Truong Dat"},
    posts={("Nguyen Thanh Nam", "member", "standing-committee", "Lang Son"),
           ("Nguyen Thanh Nam", "head", "organization-commission", "Lang Son"),
           ("Hoang Quoc Khanh", "standing-deputy-secretary", "party-committee", "Lang Son"),
           ("Hoang Quoc Khanh", "chair", "peoples-council", "Lang Son"),
           ("Luong Truong Dat", "member", "party-committee", "Lang Son"),
           ("Luong Truong Dat", "secretary", "party-committee", "Binh Gia")},
    chairs={"Nguyen Thanh Nam"}, attendees={"Hoang Quoc Khanh", "Luong Truong Dat"},
    event_date=date(2023, 12, 13),
    documents={("resolution", "17/2023/NQ-HDND", date(2023, 12, 8))},
    places={"Lạng Sơn", "Bình Gia", "Văn Quan"}, groups={4}, about_place="Lạng Sơn")

CLUSTER = gold("vi_cum_thi_dua.txt", LANG, paragraphs(
    "Cụm thi đua số 4 ngành Tổ chức xây dựng Đảng tổng kết năm 2023",
    "14/12/2023",
    ("BTO - Chiều 13/12, tại thành phố Phan Thiết, Cụm thi đua số 4 ngành Tổ chức xây dựng "
     "Đảng tổ chức hội nghị tổng kết phong trào thi đua, khen thưởng năm 2023. Các đồng "
     "chí: Nguyễn Thanh Nam, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy "
     "Bình Thuận, Cụm trưởng Cụm thi đua số 4; Bùi Thị Yến, Ủy viên Ban Thường vụ Tỉnh ủy, "
     "Trưởng Ban Tổ chức Tỉnh ủy Ninh Thuận, Cụm phó Cụm thi đua số 4 đồng chủ trì hội "
     "nghị."),
    ("Tham dự hội nghị có đồng chí Nguyễn Hoài Anh, Ủy viên dự khuyết Ban Chấp hành Trung "
     "ương Đảng, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch HĐND tỉnh Bình Thuận."),
    ("Năm 2023, các tỉnh trong Cụm đã thực hiện nghiêm Kế hoạch số 125-KH/BTCTW ngày "
     "10/3/2023 của Ban Tổ chức Trung ương. Huyện Tuy Phong và huyện Bắc Bình được biểu "
     "dương."),
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

DISTRICT = gold("vi_binh_gia.txt", LANG, paragraphs(
    "Huyện ủy Bình Gia quán triệt nghị quyết của Tỉnh ủy",
    "26/01/2024",
    ("Ngày 26/1, Ban Thường vụ Huyện ủy Bình Gia tổ chức hội nghị quán triệt Nghị quyết số "
     "22-NQ/TU ngày 15/12/2023 của Ban Chấp hành Đảng bộ tỉnh. Đồng chí Lương Trường Đạt, "
     "Tỉnh ủy viên, Bí thư Huyện ủy, Chủ tịch HĐND huyện chủ trì hội nghị."),
    ("Dự hội nghị có các đồng chí: Nông Văn Phúc, Phó Bí thư Thường trực Huyện ủy; Hoàng "
     "Thị Mai, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện."),
    ("Hội nghị giao Đảng ủy xã Hồng Phong và Đảng ủy xã Hoa Thám cụ thể hóa Kế hoạch số "
     "45-KH/HU ngày 5/1/2024 của Ban Thường vụ Huyện ủy, hoàn thành trong quý I."),
), date(2024, 1, 26),
    persons={"Luong Truong Dat", "Nong Van Phuc", "Hoang Thi Mai"},
    posts={("Luong Truong Dat", "member", "party-committee", "Lang Son"),
           ("Luong Truong Dat", "secretary", "party-committee", "Binh Gia"),
           ("Luong Truong Dat", "chair", "peoples-council", "Binh Gia"),
           ("Nong Van Phuc", "standing-deputy-secretary", "party-committee", "Binh Gia"),
           ("Hoang Thi Mai", "deputy-secretary", "party-committee", "Binh Gia"),
           ("Hoang Thi Mai", "chair", "peoples-committee", "Binh Gia")},
    chairs={"Luong Truong Dat"}, attendees={"Nong Van Phuc", "Hoang Thi Mai"},
    event_date=date(2024, 1, 26),
    documents={("resolution", "22-NQ/TU", date(2023, 12, 15)),
               ("plan", "45-KH/HU", date(2024, 1, 5))},
    places={"Bình Gia", "Hồng Phong", "Hoa Thám"}, about_place="Bình Gia")

ARTICLES = (PROVINCIAL, CLUSTER, DISTRICT)


def _title_read_as_person() -> bool:
    doc = make_document("probe.txt", "Đồng chí Nguyễn Thanh Nam, Trưởng Ban Tổ chức Tỉnh ủy "
                        "chủ trì hội nghị.", lang=LANG)
    return {p.name for p in extract(doc).persons} != {"Nguyen Thanh Nam"}


def _chu_tich_is_a_place() -> bool:
    doc = make_document("probe.txt", "Chủ tịch HĐND tỉnh Lạng Sơn dự hội nghị.", lang=LANG)
    return any(m.place.name == "Chũ" for m in extract(doc).places)


TITLE_AS_PERSON = engine_gap(
    _title_read_as_person,
    "the capitalized title 'Trưởng Ban Tổ chức' gives the name run 'Trưởng Ban Tổ' "
    "(Trương is a family name), which wins over the role and the organization: a name run "
    "that overlaps a role or organization word must not be a person")
CHU_IS_A_PLACE = engine_gap(
    _chu_tich_is_a_place,
    "'Chủ' of 'Chủ tịch' is read as the town Chũ (Bắc Giang): a one-word Latin place "
    "match ignores the Vietnamese tone marks of the surface")

_NAMED = [LATIN_TOKENS]
GAPS = {
    **{(k, "*"): _NAMED for k in ("persons", "posts", "event")},
    **{(k, s): [*_NAMED, TITLE_AS_PERSON] for k in ("persons", "posts", "event")
       for s in (PROVINCIAL.source_id, CLUSTER.source_id)},
}
GAPS[("persons", CLUSTER.source_id)] += [PLACE_BEFORE_TITLE]
GAPS[("posts", CLUSTER.source_id)] += [PLACE_BEFORE_TITLE]
GAPS[("event", DISTRICT.source_id)] = [*_NAMED, TITLE_DOCUMENT_DATE]


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


def test_document_issuer_is_the_provincial_peoples_council():
    issuer = found_for(PROVINCIAL).issuers["17/2023/NQ-HDND"]
    assert issuer is not None and issuer.org_type == "peoples-council"
    assert issuer.jurisdiction is not None and issuer.jurisdiction.name == "Lạng Sơn"


@LATIN_TOKENS
def test_names_keep_their_diacritics_in_the_label():
    labels = {p.name: p.vi_label for p in run_extract(DISTRICT).persons}
    assert labels.get("Luong Truong Dat") == "Lương Trường Đạt"
    assert labels.get("Nong Van Phuc") == "Nông Văn Phúc"


def test_a_ratio_is_not_a_date():
    from partygraph.extract import dates, lexicon
    from partygraph.folding import fold_text

    text = "Toàn ngành hoàn thành 18/18 chỉ tiêu năm 2023."
    assert dates.find(fold_text(text).text, lexicon.load(LANG)) == []


def test_du_an_is_not_an_attending_verb():
    doc = make_document("du_an.txt", "Hội nghị bàn về dự án đường tỉnh của Nguyễn Văn Hùng.",
                        lang=LANG)
    assert all(not e.attendees for e in extract(doc).events)


@LATIN_TOKENS
@TITLE_AS_PERSON
def test_abbreviations():
    """BTV, ĐBQH, UBND, MTTQ, HĐND stand for the bodies they abbreviate."""
    doc = make_document("abbr.txt", paragraphs(
        "Lạng Sơn triển khai nhiệm vụ năm 2024",
        "13/12/2023",
        "Sáng 13/12, Tỉnh ủy Lạng Sơn tổ chức hội nghị triển khai nhiệm vụ năm 2024.",
        "Nguyễn Văn Hùng, Ủy viên BTV Tỉnh ủy, Trưởng đoàn ĐBQH tỉnh, dự hội nghị.",
        ("Hoàng Thị Hoa, Phó Chủ tịch Thường trực UBND tỉnh, Chủ tịch Ủy ban MTTQ Việt Nam "
         "tỉnh, dự hội nghị."),
    ), lang=LANG)
    posts = {(p.name, post.role, post.org.org_type,
              post.org.jurisdiction.name if post.org.jurisdiction else "")
             for p in extract(doc).persons for post in p.posts}
    assert posts >= {
        ("Nguyen Van Hung", "member", "standing-committee", "Lạng Sơn"),
        ("Nguyen Van Hung", "head", "national-assembly-delegation", "Lạng Sơn"),
        ("Hoang Thi Hoa", "standing-vice-chair", "peoples-committee", "Lạng Sơn"),
        ("Hoang Thi Hoa", "chair", "fatherland-front", "Lạng Sơn")}


def _place_swallows_name() -> bool:
    doc = make_document("probe.txt", "Bí thư Tỉnh ủy Lạng Sơn Nguyễn Văn Hùng phát biểu.",
                        lang=LANG)
    return {p.name for p in extract(doc).persons} != {"Nguyen Van Hung"}


PLACE_SWALLOWS_NAME = engine_gap(
    _place_swallows_name,
    "'Bí thư Tỉnh ủy Lạng Sơn Nguyễn Văn Hùng': the capitalized run 'Lạng Sơn Nguyễn Văn "
    "Hùng' is cut at four tokens into 'Lạng Sơn Nguyễn Văn', a person; latin_runs should "
    "split a run where a gazetteer place ends and a family name begins")


@LATIN_TOKENS
@PLACE_SWALLOWS_NAME
def test_title_place_then_name():
    doc = make_document("title_name.txt", "Bí thư Tỉnh ủy Lạng Sơn Nguyễn Văn Hùng phát biểu "
                        "chỉ đạo hội nghị.", lang=LANG)
    [person] = extract(doc).persons
    assert person.name == "Nguyen Van Hung"
    assert {(p.role, p.org.org_type) for p in person.posts} == {("secretary",
                                                                  "party-committee")}


def _honorific_in_the_run() -> bool:
    doc = make_document("probe.txt", "Ông Nguyễn Văn Hùng, Bí thư Huyện ủy Bình Gia, dự hội "
                        "nghị.", lang=LANG)
    return {p.name for p in extract(doc).persons} != {"Nguyen Van Hung"}


HONORIFIC_IN_RUN = engine_gap(
    _honorific_in_the_run,
    "a capitalized honorific opening the sentence ('Ông Nguyễn Văn Hùng', 'Bà Hoàng Thị "
    "Mai') is read as the first syllable of the name (Ông is also a family name; Bà is "
    "not, and the name is lost): latin_runs should drop a leading honorific token")


@HONORIFIC_IN_RUN
@pytest.mark.parametrize(("text", "name"), [
    ("Ông Nguyễn Văn Hùng, Bí thư Huyện ủy Bình Gia, dự hội nghị.", "Nguyen Van Hung"),
    ("Bà Hoàng Thị Mai, Chủ tịch UBND huyện Bình Gia, dự hội nghị.", "Hoang Thi Mai"),
])
def test_capitalized_honorific_is_not_part_of_the_name(text, name):
    doc = make_document("hon.txt", text, lang=LANG)
    assert {p.name for p in extract(doc).persons} == {name}


@CHU_IS_A_PLACE
def test_chu_tich_is_not_a_place():
    doc = make_document("chu.txt", "Chủ tịch HĐND tỉnh Lạng Sơn dự hội nghị.", lang=LANG)
    assert {m.place.name for m in extract(doc).places} == {"Lạng Sơn"}


@LATIN_TOKENS
@TITLE_AS_PERSON
@PLACE_BEFORE_TITLE
def test_cli_build_and_score(tmp_path):
    out = build_with_cli(ARTICLES, tmp_path)
    graph = load_graph(out)
    result = score((g, graph_facts(graph, g.source_id)) for g in ARTICLES)
    for kind in ("persons", "chairs", "attendees", "documents", "groups"):
        assert result.recall(kind) == 1.0, result.table()
    assert result.precision("persons") == 1.0, result.table()
    assert result.recall("posts") >= 0.9, result.table()
    rows = query_json("who-chaired-what", out)
    assert {r["chair"] for r in rows} >= {"Nguyen Thanh Nam", "Bui Thi Yen", "Luong Truong Dat"}
