"""What a title means: role, organization type and jurisdiction (issue 8, classes 1 and 3).

Short articles in our own words. Class 1: a title that names a level but no place
("Secretary of the Provincial Party Committee") holds in the article's province. Class
3: central bodies (Politburo, Central Committee and its commissions, ministries,
National Assembly) have no jurisdiction, never the article's province.
"""

from __future__ import annotations

from datetime import date

from builder import ingest
from builder.extract import extract
from builder.models import ArticleFacts


def facts_of(text: str, lang: str) -> ArticleFacts:
    return extract(ingest.make_document(f"{lang}.txt", text, lang=lang,
                                        published=date(2024, 5, 6)))


def posts(facts: ArticleFacts, person: str) -> set[tuple[str, str, str | None]]:
    p = next(x for x in facts.persons if x.name == person)
    return {(post.role, post.org.org_type,
             post.org.jurisdiction.name if post.org.jurisdiction else None) for post in p.posts}


# -- English noun compounds: the modifier comes first ------------------------------------
def test_english_compound_organizations_read_head_last() -> None:
    facts = facts_of(
        "Bac Giang cadres meet\n\nThe Bac Giang Provincial Party Committee met on Monday. "
        "Comrade Hoang Van Tuan, Member of the Provincial Party Standing Committee, Head of "
        "the Provincial Party Organisation Committee, spoke at the meeting. Comrade Do Thi "
        "Mai, Provincial Party Committee member and Head of the Provincial Party "
        "Committee's Internal Affairs Department, also attended.", "en")
    assert posts(facts, "Hoang Van Tuan") == {
        ("member", "standing-committee", "Bắc Giang"),
        ("head", "organization-commission", "Bắc Giang")}
    assert posts(facts, "Do Thi Mai") == {
        ("member", "party-committee", "Bắc Giang"),
        ("head", "internal-affairs-commission", "Bắc Giang")}


def test_english_place_before_a_compound_names_the_outer_organization() -> None:
    facts = facts_of(
        "Meeting in Tay Ninh\n\nComrade Le Van Hai, member of the Tay Ninh Provincial "
        "Party Standing Committee, chaired the meeting. Tay Ninh Provincial Party "
        "Committee Secretary Nguyen Thanh Long attended.", "en")
    assert posts(facts, "Le Van Hai") == {("member", "standing-committee", "Tây Ninh")}
    assert posts(facts, "Nguyen Thanh Long") == {("secretary", "party-committee", "Tây Ninh")}


# -- class 1: a level word before the organization is its level --------------------------
def test_russian_level_before_people_s_council_and_front_committee() -> None:
    facts = facts_of(
        "Провинция Лаокай подвела итоги\n\nВ провинции Лаокай прошла конференция. "
        "Присутствовали товарищи: Ву Ван Нам, председатель Провинциального Народного "
        "Совета; Ле Тхи Хоа, председатель Провинциального Комитета Отечественного Фронта.",
        "ru")
    assert posts(facts, "Vu Van Nam") == {("chair", "peoples-council", "Lào Cai")}
    assert posts(facts, "Le Thi Hoa") == {("chair", "fatherland-front", "Lào Cai")}


def test_french_provincial_front_committee_and_council_hold_in_the_province() -> None:
    facts = facts_of(
        "Conférence à Ninh Binh\n\nLa conférence s'est tenue dans la province de Ninh Binh, "
        "commune de Gia Vien. Étaient présents le camarade Tran Van Binh, président du "
        "Comité provincial du Front de la Patrie, et le camarade Le Quoc Dat, président du "
        "Conseil populaire provincial.", "fr")
    assert posts(facts, "Tran Van Binh") == {("chair", "fatherland-front", "Ninh Bình")}
    assert posts(facts, "Le Quoc Dat") == {("chair", "peoples-council", "Ninh Bình")}


def test_german_standing_vice_president_and_delegation_of_deputies() -> None:
    facts = facts_of(
        "Sitzung in Ha Tinh\n\nIn der Provinz Ha Tinh fand eine Sitzung statt. Genosse Tran "
        "Van Dong – Leiter der Provinzdelegation der Abgeordneten der Nationalversammlung, "
        "Ständiger Vizepräsident des Provinzvolksrats – leitete die Sitzung.", "de")
    assert posts(facts, "Tran Van Dong") == {
        ("head", "national-assembly-delegation", "Hà Tĩnh"),
        ("standing-vice-chair", "peoples-council", "Hà Tĩnh")}


def test_spanish_provincial_front_committee() -> None:
    facts = facts_of(
        "Reunión en Ben Tre\n\nEn la provincia de Ben Tre se celebró la reunión, con Vo "
        "Thanh Son, presidente del Comité del Frente Provincial de la Patria.", "es")
    assert posts(facts, "Vo Thanh Son") == {("chair", "fatherland-front", "Bến Tre")}
