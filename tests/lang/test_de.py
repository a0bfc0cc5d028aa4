"""German (de): "Genosse X, Mitglied des Ständigen Ausschusses und Leiter der
Organisationskommission des Provinzparteikomitees, leitete die Konferenz".

German capitalizes every noun, and some nouns have the shape of a Vietnamese syllable
("Am", "Im", "An", "Den", "Die", "Nach"): the Latin name finder must not take them for
names, which the person tests check with exact sets.
"""

from __future__ import annotations

from datetime import date

import pytest

from partygraph.extract import extract, names
from partygraph.ingest import make_document
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

LANG = "de"

PROVINCIAL = gold("de_lang_son.txt", LANG, paragraphs(
    "Bilanz der Parteiaufbauarbeit 2023 in der Provinz Lang Son",
    "13/12/2023",
    ("Am Morgen des 13. Dezember hielt die Organisationskommission des "
     "Provinzparteikomitees Lang Son eine Konferenz ab, um die Arbeit des Jahres 2023 zu "
     "bewerten. Genosse Nguyen Thanh Nam, Mitglied des Ständigen Ausschusses und Leiter der "
     "Organisationskommission des Provinzparteikomitees, leitete die Konferenz."),
    ("An der Konferenz nahmen Genosse Hoang Quoc Khanh, ständiger stellvertretender "
     "Sekretär des Provinzparteikomitees und Vorsitzender des Provinzvolksrates, sowie "
     "Genosse Luong Truong Dat, Sekretär des Parteikomitees des Bezirks Binh Gia, teil."),
    ("Die Provinz setzte die Resolution Nr. 17/2023/NQ-HDND vom 8. Dezember 2023 des "
     "Provinzvolksrates um. Lang Son gehört zur Wettbewerbsgruppe Nr. 4; der Bezirk Van "
     "Quan erzielte die besten Ergebnisse."),
), date(2023, 12, 13),
    persons={"Nguyen Thanh Nam", "Hoang Quoc Khanh", "Luong Truong Dat"},
    posts={("Nguyen Thanh Nam", "member", "standing-committee", "Lang Son"),
           ("Nguyen Thanh Nam", "head", "organization-commission", "Lang Son"),
           ("Hoang Quoc Khanh", "standing-deputy-secretary", "party-committee", "Lang Son"),
           ("Hoang Quoc Khanh", "chair", "peoples-council", "Lang Son"),
           ("Luong Truong Dat", "secretary", "party-committee", "Binh Gia")},
    chairs={"Nguyen Thanh Nam"}, attendees={"Hoang Quoc Khanh", "Luong Truong Dat"},
    event_date=date(2023, 12, 13),
    documents={("resolution", "17/2023/NQ-HDND", date(2023, 12, 8))},
    places={"Lạng Sơn", "Bình Gia", "Văn Quan"}, groups={4}, about_place="Lạng Sơn")

CLUSTER = gold("de_wettbewerbsgruppe.txt", LANG, paragraphs(
    "Wettbewerbsgruppe Nr. 3 des Organisationssektors zieht Bilanz",
    "20/12/2023",
    ("Am Nachmittag des 19. Dezember hielt die Wettbewerbsgruppe Nr. 3 des Sektors "
     "Parteiorganisation in der Stadt Lao Cai eine Konferenz ab, um die "
     "Wettbewerbsbewegung des Jahres 2023 auszuwerten. Den Vorsitz der Konferenz führten "
     "Genosse Pham Toan Thang, Mitglied des Ständigen Ausschusses des Provinzparteikomitees, "
     "Leiter der Organisationskommission des Provinzparteikomitees Lao Cai und Leiter der "
     "Wettbewerbsgruppe Nr. 3, sowie Genossin Ha Thi Nga, Mitglied des Ständigen "
     "Ausschusses des Provinzparteikomitees, Leiterin der Organisationskommission des "
     "Provinzparteikomitees Yen Bai und stellvertretende Leiterin der Wettbewerbsgruppe."),
    ("Im Namen der Provinz begrüßte Genosse Hoang Quoc Viet, ständiger stellvertretender "
     "Sekretär des Provinzparteikomitees und Vorsitzender des Provinzvolksrates, die "
     "Delegierten. Nach Angaben der Gruppe setzten die Provinzen das Projekt Nr. 24 und den "
     "Plan Nr. 125-KH/TU vom 10. März 2023 um. Die Bezirke Bao Yen und Bac Ha erzielten "
     "gute Ergebnisse."),
), date(2023, 12, 20),
    persons={"Pham Toan Thang", "Ha Thi Nga", "Hoang Quoc Viet"},
    posts={("Pham Toan Thang", "member", "standing-committee", "Lao Cai"),
           ("Pham Toan Thang", "head", "organization-commission", "Lao Cai"),
           ("Pham Toan Thang", "head", "emulation-group", ""),
           ("Ha Thi Nga", "member", "standing-committee", "Yen Bai"),
           ("Ha Thi Nga", "head", "organization-commission", "Yen Bai"),
           ("Ha Thi Nga", "deputy-head", "emulation-group", ""),
           ("Hoang Quoc Viet", "standing-deputy-secretary", "party-committee", "Lao Cai"),
           ("Hoang Quoc Viet", "chair", "peoples-council", "Lao Cai")},
    chairs={"Pham Toan Thang", "Ha Thi Nga"}, attendees=set(),
    event_date=date(2023, 12, 19),
    documents={("project", "24", None), ("plan", "125-KH/TU", date(2023, 3, 10))},
    places={"Lào Cai", "Yên Bái", "Bảo Yên", "Bắc Hà"}, groups={3}, about_place="Lào Cai")

DISTRICT = gold("de_bac_ha.txt", LANG, paragraphs(
    "Bezirk Bac Ha setzt die Resolution des Provinzparteikomitees um",
    "26/01/2024",
    ("Am 25. Januar organisierte der Ständige Ausschuss des Bezirksparteikomitees Bac Ha "
     "eine Konferenz zur Verbreitung der Resolution Nr. 22-NQ/TU vom 15. Dezember 2023 des "
     "Provinzparteikomitees. Die Konferenz fand unter dem Vorsitz von Genosse Nguyen Van "
     "Son, Mitglied des Provinzparteikomitees, Sekretär des Bezirksparteikomitees und "
     "Vorsitzender des Bezirksvolksrates, statt."),
    ("An der Konferenz nahmen Genossin Tran Thi Lan, ständige stellvertretende Sekretärin "
     "des Bezirksparteikomitees, und Genosse Vu Duc Minh, stellvertretender Sekretär des "
     "Bezirksparteikomitees und Vorsitzender des Bezirksvolkskomitees, teil."),
    ("Die Parteikomitees der Gemeinde Na Hoi und der Gemeinde Ban Pho legten ihre "
     "Aktionsprogramme vor."),
), date(2024, 1, 26),
    persons={"Nguyen Van Son", "Tran Thi Lan", "Vu Duc Minh"},
    posts={("Nguyen Van Son", "member", "party-committee", "Lao Cai"),
           ("Nguyen Van Son", "secretary", "party-committee", "Bac Ha"),
           ("Nguyen Van Son", "chair", "peoples-council", "Bac Ha"),
           ("Tran Thi Lan", "standing-deputy-secretary", "party-committee", "Bac Ha"),
           ("Vu Duc Minh", "deputy-secretary", "party-committee", "Bac Ha"),
           ("Vu Duc Minh", "chair", "peoples-committee", "Bac Ha")},
    chairs={"Nguyen Van Son"}, attendees={"Tran Thi Lan", "Vu Duc Minh"},
    event_date=date(2024, 1, 25),
    documents={("resolution", "22-NQ/TU", date(2023, 12, 15))},
    places={"Bắc Hà", "Na Hối", "Bản Phố"}, about_place="Bắc Hà")

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


def test_german_nouns_are_not_names():
    text = ("Am Ende der Sitzung dankte Genosse Nguyen Van Son den Delegierten. Im Namen "
            "der Provinz Lang Son sprach Die Linh nicht. Nach Angaben der Kommission Bac Ha "
            "Mitte Dezember.")
    german = {"Am", "Im", "Die", "Nach", "Mitte", "Ende", "Namen"}
    runs = [r for r in names.find_runs(text, "latin") if r.family_first]
    assert not [r.surface for r in runs if german & set(r.surface.split())]
    doc = make_document("nouns.txt", text, lang=LANG)
    assert {p.name for p in extract(doc).persons} == {"Nguyen Van Son"}


def test_compound_title_before_the_name():
    # a role entry that names its organization: {role, org, level} in the lexicon
    doc = make_document("compound.txt", "Provinzparteisekretär Nguyen Van Son leitete die "
                        "Konferenz in der Provinz Lao Cai.", lang=LANG)
    posts = {(p.role, p.org.org_type) for person in extract(doc).persons for p in person.posts}
    assert ("secretary", "party-committee") in posts


def test_cli_build_and_score(tmp_path):
    out = build_with_cli(ARTICLES, tmp_path)
    graph = load_graph(out)
    result = score((g, graph_facts(graph, g.source_id)) for g in ARTICLES)
    for kind in ("persons", "chairs", "attendees", "dates", "documents", "groups"):
        assert result.recall(kind) == 1.0, result.table()
    assert result.precision("persons") == 1.0, result.table()
    assert result.recall("posts") >= 0.9, result.table()
    rows = query_json("who-chaired-what", out)
    assert {r["chair"] for r in rows} >= {"Nguyen Thanh Nam", "Pham Toan Thang",
                                          "Nguyen Van Son"}
