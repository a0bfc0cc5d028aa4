"""Lists of people with their titles, and who attended: short texts written for these
tests in the shapes the articles use (builder/extract/lists.py, events.py)."""

from __future__ import annotations

from datetime import date

from partygraph import ingest
from partygraph.extract import extract
from partygraph.models import ArticleFacts


def facts_of(text: str, lang: str, published: date = date(2025, 3, 2)) -> ArticleFacts:
    return extract(ingest.make_document(f"{lang}.txt", text, lang=lang, published=published))


def posts(facts: ArticleFacts, person: str) -> set[tuple[str, str, str | None]]:
    p = next(x for x in facts.persons if x.name == person)
    return {(post.role, post.org.org_type,
             post.org.jurisdiction.name if post.org.jurisdiction else None) for post in p.posts}


def attendees(facts: ArticleFacts) -> list[str]:
    (event,) = facts.events
    return [n for n, _ in event.attendees]


# -- attendance -------------------------------------------------------------------------
def test_attending_without_an_event_noun_still_makes_an_event() -> None:
    facts = facts_of(
        "Provincial leaders pay tribute at the memorial\n\n"
        "On the morning of 25 July, leaders of Quang Tri province offered incense at the "
        "memorial of fallen soldiers. Also present were comrades Nguyen Van Binh, Secretary of "
        "the Provincial Party Committee, and Tran Thi Hoa, Chairwoman of the Provincial "
        "People's Council.", "en", date(2025, 7, 25))
    (event,) = facts.events
    assert event.kind == "Event"
    assert attendees(facts) == ["Nguyen Van Binh", "Tran Thi Hoa"]
    assert ("secretary", "party-committee", "Quảng Trị") in posts(facts, "Nguyen Van Binh")


def test_an_unnamed_event_takes_the_date_of_its_sentence() -> None:
    """Regression: the event of an article naming no event noun, when its sentence gives a
    date, called the date rule without the event's kind (TypeError); mypy found it."""
    facts = facts_of(
        "Provincial leaders pay tribute at the memorial\n\n"
        "Present at the memorial on 25 July 2025 were comrades Nguyen Van Binh, Secretary of "
        "the Provincial Party Committee of Quang Tri, and Tran Thi Hoa.", "en",
        date(2025, 7, 26))
    (event,) = facts.events
    assert event.kind == "Event" and event.date == date(2025, 7, 25)


def test_a_ceremony_with_a_captioned_chair_and_a_colon_list() -> None:
    facts = facts_of(
        "Nghe An annonce des décisions sur le personnel\n\n"
        "Le matin du 3 mars, le Comité provincial du Parti de Nghe An a organisé une "
        "cérémonie pour annoncer les décisions sur le personnel.\n"
        "Camarade Tran Van Hung - secrétaire adjoint permanent du Comité provincial du Parti, "
        "présidé.\n"
        "Se trouvaient à la cérémonie les camarades : Le Van Phuc - membre du Comité permanent "
        "du Parti provincial ; Nguyen Thi Mai - vice-présidente du Conseil populaire "
        "provincial.", "fr", date(2025, 3, 3))
    (event,) = facts.events
    assert event.date == date(2025, 3, 3)
    assert [n for n, _ in event.chairs] == ["Tran Van Hung"]
    assert attendees(facts) == ["Le Van Phuc", "Nguyen Thi Mai"]


# -- one title for several names --------------------------------------------------------
def test_a_title_before_a_colon_is_held_by_every_name_after_it() -> None:
    facts = facts_of(
        "Congreso en Dong Nai\n\n"
        "Los vicesecretarios del Comité provincial del Partido de Dong Nai: Tran Van Nam, "
        "presidente del Comité Popular provincial; y Le Thi Hoa, presidenta del Consejo "
        "Popular provincial.", "es")
    for name in ("Tran Van Nam", "Le Thi Hoa"):
        assert ("deputy-secretary", "party-committee", "Đồng Nai") in posts(facts, name)
    assert ("chair", "peoples-committee", "Đồng Nai") in posts(facts, "Tran Van Nam")
    assert ("chair", "peoples-committee", "Đồng Nai") not in posts(facts, "Le Thi Hoa")


def test_names_joined_by_commas_share_the_title_after_the_last() -> None:
    facts = facts_of(
        "Conférence à Ha Tinh\n\n"
        "Étaient présents les camarades Nguyen Van An, Tran Van Binh et Le Thi Cuc, "
        "vice-secrétaires du Comité provincial du Parti de Ha Tinh.", "fr")
    for name in ("Nguyen Van An", "Tran Van Binh", "Le Thi Cuc"):
        assert posts(facts, name) == {("deputy-secretary", "party-committee", "Hà Tĩnh")}
    assert attendees(facts) == ["Nguyen Van An", "Tran Van Binh", "Le Thi Cuc"]


def test_a_name_with_its_own_title_does_not_take_the_next_one() -> None:
    facts = facts_of(
        "Conférence à Ha Tinh\n\n"
        "Étaient présents le camarade Nguyen Van An, secrétaire du Comité provincial du Parti "
        "de Ha Tinh, et Tran Van Binh, président du Comité populaire provincial.", "fr")
    assert posts(facts, "Nguyen Van An") == {("secretary", "party-committee", "Hà Tĩnh")}
    assert posts(facts, "Tran Van Binh") == {("chair", "peoples-committee", "Hà Tĩnh")}


# -- words that give a post -------------------------------------------------------------
def test_a_post_word_gives_the_title_after_it() -> None:
    facts = facts_of(
        "Quảng Nam có tân Bí thư\n\n"
        "Bộ Chính trị điều động, chỉ định đồng chí Nguyễn Văn An, Phó Bí thư Thường trực "
        "Thành ủy Đà Nẵng, làm Bí thư Tỉnh ủy Quảng Nam.", "vi")
    assert posts(facts, "Nguyen Van An") == {
        ("standing-deputy-secretary", "party-committee", "Đà Nẵng"),
        ("secretary", "party-committee", "Quảng Nam")}


def test_a_reelection_gives_the_post() -> None:
    facts = facts_of(
        "Congreso en An Giang\n\n"
        "Tran Thi Lan fue reelegida secretaria del Comité provincial del Partido de An Giang "
        "para el mandato 2025-2030.", "es")
    assert posts(facts, "Tran Thi Lan") == {("secretary", "party-committee", "An Giang")}


def test_a_second_title_through_a_post_word() -> None:
    facts = facts_of(
        "Election à Thanh Tri\n\n"
        "Le Conseil populaire du district de Thanh Tri a élu M. Nguyen Van An, secrétaire "
        "adjoint du Comité du Parti du district de Thanh Tri, au poste de président du Comité "
        "populaire du district de Thanh Tri.", "fr")
    assert posts(facts, "Nguyen Van An") == {
        ("deputy-secretary", "party-committee", "Thanh Trì"),
        ("chair", "peoples-committee", "Thanh Trì")}


def test_names_listed_before_a_post_word_share_the_post() -> None:
    facts = facts_of(
        "New deputy secretaries in Lai Chau\n\n"
        "Tran Van An, Le Van Binh and Pham Thi Cuc were elected Deputy Secretaries of the Lai "
        "Chau Provincial Party Committee.", "en")
    for name in ("Tran Van An", "Le Van Binh", "Pham Thi Cuc"):
        assert posts(facts, name) == {("deputy-secretary", "party-committee", "Lai Châu")}


def test_a_han_name_before_a_post_word() -> None:
    facts = facts_of("广治省委人事决定\n\n据此，指定阮文安担任广治省委书记。", "zh")
    assert posts(facts, "Nguyen Van An") == {("secretary", "party-committee", "Quảng Trị")}


# -- organizations joined by a conjunction ----------------------------------------------
def test_organizations_joined_by_a_conjunction_share_the_role() -> None:
    facts = facts_of(
        "Congreso en Dong Nai\n\n"
        "El miembro del Buró Político y del Secretariado, Nguyen Van Hai, habló en el congreso "
        "de la provincia de Dong Nai.", "es")
    assert posts(facts, "Nguyen Van Hai") == {("member", "politburo", None),
                                             ("member", "secretariat", None)}


def test_coordinated_organizations_share_the_parent_after_them() -> None:
    facts = facts_of(
        "Conférence à Ha Tinh\n\n"
        "Le camarade Le Van Hoa, chef du Comité de propagande et du Comité de mobilisation "
        "de masse du Comité provincial du Parti de Ha Tinh, a assisté à la conférence.", "fr")
    assert posts(facts, "Le Van Hoa") == {("head", "propaganda-commission", "Hà Tĩnh"),
                                         ("head", "mass-mobilization-commission", "Hà Tĩnh")}


def test_a_compound_title_after_a_conjunction_keeps_its_own_role() -> None:
    facts = facts_of(
        "Meeting in Lai Chau\n\n"
        "Secretary of the Lai Chau Provincial Party Committee and People's Committee "
        "Chairman Tran Van Hai attended the meeting in Lai Chau.", "en")
    assert posts(facts, "Tran Van Hai") == {("secretary", "party-committee", "Lai Châu"),
                                           ("chair", "peoples-committee", "Lai Châu")}


def test_a_list_laid_out_one_person_a_line() -> None:
    facts = facts_of(
        "Conference in Ha Nam\n\n"
        "On 3 March, the Ha Nam Provincial Party Committee held a conference.\n"
        "Attending the conference were:\n"
        "- Comrade Nguyen Van Binh, Secretary of the Provincial Party Committee;\n"
        "- Comrade Tran Thi Hoa, Chairwoman of the Provincial People's Council.\n"
        "Comrade Le Van Nam spoke at the end.", "en", date(2025, 3, 3))
    assert attendees(facts) == ["Nguyen Van Binh", "Tran Thi Hoa"]
    assert ("secretary", "party-committee", "Hà Nam") in posts(facts, "Nguyen Van Binh")


# -- organizations a name joins ---------------------------------------------------------
def test_joining_organizations_makes_their_member() -> None:
    facts = facts_of(
        "Quảng Nam có tân Bí thư\n\n"
        "Bộ Chính trị chỉ định ông Trần Văn Hải tham gia Ban Chấp hành Đảng bộ, Ban Thường vụ "
        "và giữ chức Bí thư Tỉnh ủy Quảng Nam.", "vi")
    assert posts(facts, "Tran Van Hai") == {("member", "party-committee", "Quảng Nam"),
                                           ("member", "standing-committee", "Quảng Nam"),
                                           ("secretary", "party-committee", "Quảng Nam")}


def test_leaving_an_organization_is_no_membership() -> None:
    facts = facts_of(
        "Đà Nẵng\n\n"
        "Ông Trần Văn Hải thôi tham gia Ban Chấp hành Đảng bộ thành phố Đà Nẵng.", "vi")
    assert posts(facts, "Tran Van Hai") == set()


def test_joined_the_standing_committee() -> None:
    facts = facts_of(
        "Personnel work in Lai Chau\n\n"
        "Comrade Nguyen Van Hung, Director of the Department of Finance, joined the Standing "
        "Committee of the Lai Chau Provincial Party Committee.", "en")
    assert ("member", "standing-committee", "Lai Châu") in posts(facts, "Nguyen Van Hung")


def test_a_title_right_before_a_name_is_not_the_previous_name_s() -> None:
    facts = facts_of(
        "Hội nghị tại Quảng Ngãi\n\n"
        "Chủ tịch UBND tỉnh Hồ Văn Mừng, Phó Bí thư Thường trực Tỉnh ủy Nguyễn Văn Lâm dự "
        "hội nghị tại Quảng Ngãi.", "vi")
    assert posts(facts, "Ho Van Mung") == {("chair", "peoples-committee", "Quảng Ngãi")}
    assert posts(facts, "Nguyen Van Lam") == {
        ("standing-deputy-secretary", "party-committee", "Quảng Ngãi")}


def test_attendance_phrases() -> None:
    facts = facts_of(
        "Conference in Ha Nam\n\n"
        "The Ha Nam Provincial Party Committee held a conference with the attendance of "
        "comrade Nguyen Van Binh, Secretary of the Provincial Party Committee.\n"
        "Present at the conference was comrade Tran Thi Hoa, Chairwoman of the Provincial "
        "People's Council.", "en")
    assert attendees(facts) == ["Nguyen Van Binh", "Tran Thi Hoa"]


def test_the_central_office_in_an_attendance_list_is_no_person() -> None:
    facts = facts_of(
        "Đại hội Đảng bộ huyện\n\n"
        "Dự đại hội có đồng chí Trần Văn Hải, Bí thư Tỉnh ủy; các đồng chí trong Ủy ban Kiểm "
        "tra Trung ương, Văn Phòng Trung ương Đảng; Ban Thường vụ Tỉnh ủy.", "vi")
    assert {p.name for p in facts.persons} == {"Tran Van Hai"}
    assert attendees(facts) == ["Tran Van Hai"]


def test_on_the_side_of_there_were_comrades() -> None:
    facts = facts_of(
        "Hội nghị tổng kết\n\n"
        "Ngày 3/3, Tỉnh ủy Hà Nam tổ chức hội nghị tổng kết. Về phía tỉnh có các đồng chí "
        "Trần Văn Hải, Phó Bí thư Tỉnh ủy; Lê Thị Hoa, Chủ tịch HĐND tỉnh.", "vi")
    assert attendees(facts) == ["Tran Van Hai", "Le Thi Hoa"]


def test_han_names_share_a_post_given_with_its_term() -> None:
    facts = facts_of("广宁省委人事\n\n"
                     "广宁省人民委员会主席阮文安、陈文平当选2020-2025年任期广宁省委副书记。", "zh")
    for name in ("Nguyen Van An", "Tran Van Binh"):
        assert ("deputy-secretary", "party-committee", "Quảng Ninh") in posts(facts, name)
    assert ("chair", "peoples-committee", "Quảng Ninh") in posts(facts, "Nguyen Van An")


def test_each_colon_title_holds_up_to_the_next() -> None:
    facts = facts_of(
        "Kiện toàn nhân sự\n\n"
        "Phó Bí thư Tỉnh ủy Hà Nam: đồng chí Trần Văn Hải; Ủy viên Ban Thường vụ Tỉnh ủy Hà "
        "Nam: đồng chí Lê Văn Nam, đồng chí Phạm Thị Hoa.", "vi")
    assert posts(facts, "Tran Van Hai") == {("deputy-secretary", "party-committee", "Hà Nam")}
    for name in ("Le Van Nam", "Pham Thi Hoa"):
        assert posts(facts, name) == {("member", "standing-committee", "Hà Nam")}
