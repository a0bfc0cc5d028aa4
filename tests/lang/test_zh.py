"""Chinese (zh): titles read role-last ("省委组织部部长阮清南同志主持会议"), the honorific
follows the name, names and places are written in the characters of their
Sino-Vietnamese readings, and numbered documents put the number first
("第17/2023/NQ-HĐND号决议")."""

from __future__ import annotations

from datetime import date

import pytest

from partygraph.extract import extract, lexicon, titles
from partygraph.extract.annotations import Ann
from partygraph.extract.han import find_han_runs
from partygraph.ingest import make_document
from tests.lang._support import (
    HAN_NAMES,
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
    score,
)

LANG = "zh"

PROVINCIAL = gold("zh_lang_son.txt", LANG, paragraphs(
    "谅山省总结2023年党建组织工作",
    "13/12/2023",
    ("12月13日上午，谅山省委组织部召开会议，总结2023年党建组织工作并部署2024年任务。"
     "省委常委、省委组织部部长阮清南同志主持会议。"),
    "出席会议的有省委常务副书记、省人民议会主席黄国庆同志，省委委员、平嘉县委书记梁长达同志。",
    ("会议指出，各级党委认真落实省人民议会第17/2023/NQ-HĐND号决议（2023年12月8日）。"
     "谅山省属于第4竞赛集团，文关县和平嘉县工作成效突出。"),
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

CLUSTER = gold("zh_jingsai.txt", LANG, paragraphs(
    "第4竞赛集团总结2023年竞赛奖励工作",
    "14/12/2023",
    ("12月13日下午，第4竞赛集团在平顺省潘切市召开会议，总结2023年竞赛奖励工作。"
     "平顺省委常委、省委组织部部长、第4竞赛集团团长阮清南同志和宁顺省委常委、"
     "省委组织部部长、竞赛集团副团长裴氏燕同志共同主持会议。"),
    "越共中央候补委员、平顺省委常务副书记、省人民议会主席阮怀英同志出席会议。",
    "会议期间，各省交流了落实中央组织部第125-KH/BTCTW号计划的经验。平顺省北平县受到表扬。",
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
    documents={("plan", "125-KH/BTCTW", None)},
    places={"Bình Thuận", "Ninh Thuận", "Phan Thiết", "Bắc Bình"}, groups={4},
    about_place="Bình Thuận")

DISTRICT = gold("zh_binh_gia.txt", LANG, paragraphs(
    "平嘉县委贯彻省委决议",
    "26/01/2024",
    ("1月25日，谅山省平嘉县委常委会召开会议，传达省委第22-NQ/TU号决议。省委委员、县委书记、"
     "县人民议会主席梁长达同志主持会议。出席会议的有县委常务副书记农文福同志，县委副书记、"
     "县人民委员会主席黄氏梅同志。"),
), date(2024, 1, 26),
    persons={"Luong Truong Dat", "Nong Van Phuc", "Hoang Thi Mai"},
    posts={("Luong Truong Dat", "member", "party-committee", "Lang Son"),
           ("Luong Truong Dat", "secretary", "party-committee", "Binh Gia"),
           ("Luong Truong Dat", "chair", "peoples-council", "Binh Gia"),
           ("Nong Van Phuc", "standing-deputy-secretary", "party-committee", "Binh Gia"),
           ("Hoang Thi Mai", "deputy-secretary", "party-committee", "Binh Gia"),
           ("Hoang Thi Mai", "chair", "peoples-committee", "Binh Gia")},
    chairs={"Luong Truong Dat"}, attendees={"Nong Van Phuc", "Hoang Thi Mai"},
    event_date=date(2024, 1, 25),
    documents={("resolution", "22-NQ/TU", None)},
    places={"Bình Gia", "Lạng Sơn"}, about_place="Bình Gia")

ARTICLES = (PROVINCIAL, CLUSTER, DISTRICT)


def _bracketed_date_lost() -> bool:
    doc = make_document("probe.txt", "会议落实第17/2023/NQ-HĐND号决议（2023年12月8日）。",
                        lang=LANG)
    return [d.issued_on for d in extract(doc).documents] != [date(2023, 12, 8)]


BRACKETED_DATE = engine_gap(
    _bracketed_date_lost,
    "the date of '第17/2023/NQ-HĐND号决议（2023年12月8日）' is not read: _DATE_GAP allows "
    "an opening bracket only before the words between number and date, not after them")


def _organizer_is_the_province() -> bool:
    doc = make_document("probe.txt", "1月25日，谅山省平嘉县委常委会召开会议。", lang=LANG)
    about = extract(doc).about_place
    return about is None or about.name != "Bình Gia"


ORGANIZER_PLACE = engine_gap(
    _organizer_is_the_province,
    "in '谅山省平嘉县委常委会召开会议' the organizer's place is the first place of the chain "
    "(the province); in a role-last title the place next to the organization (the "
    "district) is the organizer's: take the most specific place of the chain")

_HAN = [HAN_NAMES]
GAPS = {(k, "*"): _HAN for k in ("persons", "posts", "event")}
GAPS[("documents", PROVINCIAL.source_id)] = [BRACKETED_DATE]
GAPS[("places", DISTRICT.source_id)] = [ORGANIZER_PLACE]
GAPS[("posts", DISTRICT.source_id)] = [*_HAN, ORGANIZER_PLACE]


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


def test_a_conjunction_is_not_read_into_a_place():
    """和平嘉县 is Bình Gia: the name its level word follows wins over 和平 (Hòa Bình)."""
    doc = make_document("he.txt", "谅山省文关县和平嘉县工作成效突出。", lang=LANG)
    assert "Hòa Bình" not in {m.place.name for m in extract(doc).places}


# -- the Han name finder (partygraph.extract.han), on its own ------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("省委组织部部长阮清南同志主持会议。", ["Nguyen Thanh Nam"]),
    ("出席会议的有：阮清南、黎文勇、范明正同志。",
     ["Nguyen Thanh Nam", "Le Van Dung", "Pham Minh Chinh"]),
    ("部长阮清南强调，各级党委要高度重视，总体而言，工作取得成效。", ["Nguyen Thanh Nam"]),
    ("会上，阮氏青花同志发言。", ["Nguyen Thi Thanh Hoa"]),
    ("会上阮清南同志发言。", ["Nguyen Thanh Nam"]),
    ("平顺省委书记阮怀英出席会议。", ["Nguyen Hoai Anh"]),
    ("谅山省和高禄县的代表高度评价会议成果。", []),
    ("同志们认真学习决议。", []),
])
def test_han_runs(text, expected):
    assert [r.latin for r in find_han_runs(text)] == expected


def test_han_runs_give_original_offsets():
    text = "（越通社）省委常委、组织部部长阮清南同志，出席。"
    [run] = find_han_runs(text)
    assert text[run.start:run.end] == run.surface == "阮清南"
    assert run.family_first and run.vi_label is None


def test_title_order_is_head_last():
    lex = lexicon.load(LANG)
    assert lex.title_order == "head-last"
    role, org = Ann(5, 7, "ROLE", "head"), Ann(2, 5, "ORG", "x")
    chain = titles.Chain([Ann(0, 2, "ORG", "y"), org, role])
    assert [[a.kind for a in t] for t in chain.titles(lex)] == [["ROLE", "ORG", "ORG"]]


def test_standing_committee_member_is_split():
    """"省委常委": the provincial committee (省委), its standing committee (常), member (委)."""
    from partygraph.extract import _lexicon_annotations
    from partygraph.folding import fold_text

    text = fold_text("省委常委").text
    kinds = sorted((a.start, a.kind) for a in _lexicon_annotations(text, lexicon.load(LANG))
                   if a.kind in ("ORG", "ROLE"))
    assert kinds == [(0, "ORG"), (2, "ORG"), (3, "ROLE")]


@HAN_NAMES
@ORGANIZER_PLACE
def test_cli_build_and_score(tmp_path):
    out = build_with_cli(ARTICLES, tmp_path)
    graph = load_graph(out)
    result = score((g, graph_facts(graph, g.source_id)) for g in ARTICLES)
    for kind in ("persons", "chairs", "attendees", "dates", "groups"):
        assert result.recall(kind) == 1.0, result.table()
    assert result.precision("persons") == 1.0, result.table()
    assert result.recall("posts") >= 0.9, result.table()
    rows = query_json("who-chaired-what", out)
    assert {r["chair"] for r in rows} >= {"Nguyen Thanh Nam", "Bui Thi Yen", "Luong Truong Dat"}
