"""What a title means: role, organization type and jurisdiction (issue 8, classes 1 and 3).

Short articles in our own words. Class 1: a title that names a level but no place
("Secretary of the Provincial Party Committee") holds in the article's province. Class
3: central bodies (Politburo, Central Committee and its commissions, ministries,
National Assembly) have no jurisdiction, never the article's province.
"""

from __future__ import annotations

from datetime import date

from partygraph import ingest
from partygraph.extract import extract
from partygraph.models import ArticleFacts


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


# -- class 3: central bodies have no jurisdiction -----------------------------------------
def test_coordinated_central_bodies_and_their_commission() -> None:
    facts = facts_of(
        "Congreso en Long An\n\nEl miembro del Buró Político y del Secretariado del Comité "
        "Central del PCV y jefe de su Comisión de Organización, Le Van Tam, asistió al "
        "congreso de la provincia de Long An.", "es")
    assert posts(facts, "Le Van Tam") == {("member", "politburo", None),
                                         ("member", "secretariat", None),
                                         ("head", "central-organization-commission", None)}


def test_general_secretary_names_the_central_committee() -> None:
    facts = facts_of(
        "Visite à Thai Binh\n\nLe secrétaire général du Parti Nguyen Van Kiet a visité la "
        "province de Thai Binh.", "fr")
    assert posts(facts, "Nguyen Van Kiet") == {
        ("general-secretary", "party-central-committee", None)}


def test_arabic_central_commissions_with_their_adjective_last() -> None:
    facts = facts_of(
        "مؤتمر في مقاطعة كوانغ نغاي\n\nحضر الرفيق فام فان تام، نائب رئيس اللجنة المنظمة "
        "المركزية، والرفيق لي فان هونغ، رئيس لجنة الدعاية والتعبئة الجماهيرية المركزية، "
        "مؤتمر مقاطعة كوانغ نغاي.", "ar")
    assert posts(facts, "Pham Van Tam") == {
        ("deputy-head", "central-organization-commission", None)}
    assert posts(facts, "Le Van Hung") == {("head", "central-commission", None)}


def test_vietnamese_central_committee_then_provincial_titles() -> None:
    facts = facts_of(
        "Đại hội Đảng bộ huyện\n\nDự Đại hội có đồng chí Trần Quốc Hưng - Ủy viên BCH TW "
        "Đảng, Bí thư Tỉnh ủy, Trưởng đoàn Đại biểu Quốc hội tỉnh Thái Bình. Đồng chí Lê "
        "Văn Hòa, Thường trực Ban Bí thư, chúc mừng đồng chí Ngô Văn Tám, tân Bí thư Tỉnh "
        "ủy Thái Bình.", "vi")
    assert posts(facts, "Tran Quoc Hung") == {
        ("member", "party-central-committee", None),
        ("secretary", "party-committee", "Thái Bình"),
        ("head", "national-assembly-delegation", "Thái Bình")}
    assert posts(facts, "Le Van Hoa") == {("standing-member", "secretariat", None)}
    assert posts(facts, "Ngo Van Tam") == {("secretary", "party-committee", "Thái Bình")}


def test_arabic_city_delegation_and_front_committee() -> None:
    facts = facts_of(
        "مؤتمر لجنة الحزب في مدينة هاي فونغ\n\nيواصل السيد نغوين فان هاي، أمين لجنة الحزب "
        "في المدينة ورئيس وفد المدينة إلى الجمعية الوطنية، عمله. وحضر السيد تران فان لونغ، "
        "رئيس لجنة جبهة الوطن الأم للمدينة.", "ar")
    assert ("head", "national-assembly-delegation", "Hải Phòng") in posts(facts, "Nguyen Van Hai")
    assert posts(facts, "Tran Van Long") == {("chair", "fatherland-front", "Hải Phòng")}


def test_a_municipality_in_the_title_is_the_city_of_its_city_committee() -> None:
    facts = facts_of(
        "Tỉnh ủy Hậu Giang có Bí thư mới\n\nHội nghị Tỉnh ủy Hậu Giang diễn ra tại tỉnh Hậu "
        "Giang. Bộ Chính trị điều động đồng chí Phó Bí thư Thường trực Thành ủy, Chủ tịch "
        "HĐND TP Cần Thơ Võ Văn Lâm làm Bí thư Tỉnh ủy Hậu Giang.", "vi")
    assert ("standing-deputy-secretary", "party-committee", "Cần Thơ") in posts(
        facts, "Vo Van Lam")


def test_merged_propaganda_and_mass_mobilization_commission() -> None:
    facts = facts_of(
        "Réunion à Phu Yen\n\nM. Tran Van Lam, directeur adjoint du Département de la "
        "propagande et de la mobilisation des masses du Comité provincial du Parti de Phu "
        "Yen, a pris la parole.", "fr")
    assert posts(facts, "Tran Van Lam") == {
        ("deputy-director", "mass-mobilization-commission", "Phú Yên")}
