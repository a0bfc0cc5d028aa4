"""Places, numbered documents and the event an article reports, on short texts written
for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from partygraph import api
from partygraph.extract import places
from partygraph.models import ArticleFacts


def facts(text: str, lang: str, published: date | None = None) -> ArticleFacts:
    return api.extract_text(text, lang=lang, published=published)


def place_names(text: str, lang: str) -> set[str]:
    return {m.place.name for m in facts(text, lang).places}


def event_kind(text: str, lang: str) -> str | None:
    found = facts(text, lang).events
    return found[0].kind if found else None


def documents(text: str, lang: str) -> set[tuple[str, str]]:
    return {(d.doc_type, d.number) for d in facts(text, lang).documents}


# -- events -------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le Comité provincial du Parti a organisé une cérémonie pour remettre les "
           "décisions. Étaient présents à la cérémonie les camarades : Tran Van Minh."),
    ("en", "The provincial Party Committee held a ceremony to hand over the decisions."),
    ("es", "El Comité Provincial del Partido celebró una ceremonia para entregar las "
           "decisiones."),
    ("de", "Das Provinzparteikomitee veranstaltete eine Zeremonie zur Übergabe der "
           "Beschlüsse."),
    ("ru", "В возложении цветов к памятнику приняли участие руководители провинции."),
    ("ru", "Провинциальный комитет партии провел церемонию вручения решений."),
    ("ar", "حضر مراسم تسليم القرارات قادة المقاطعة."),
    ("ar", "كما حضر الحفل أعضاء اللجنة الدائمة."),
    ("zh", "省委隆重举行了决定公布仪式。"),
    ("vi", "Tỉnh ủy tổ chức lễ công bố quyết định về công tác cán bộ."),
    ("en", "The provincial Party Committee held a workshop on the draft documents."),
    ("ru", "Провинциальный комитет партии провел семинар по проектам документов."),
    ("ar", "عقدت لجنة الحزب ندوة حول مشاريع الوثائق."),
])
def test_a_ceremony_is_a_meeting_in_every_language(lang: str, text: str) -> None:
    """A ceremony (decisions handed over, flowers laid) is the event the article reports:
    a meeting of the bodies present (the ontology has conference, meeting, congress);
    so is a workshop or seminar."""
    assert event_kind(text, lang) == "Meeting"


def test_attendees_of_a_ceremony_are_read() -> None:
    found = facts("Le matin du 4 mars, le Comité provincial du Parti a organisé une "
                  "cérémonie. Étaient présents à la cérémonie les camarades : Tran Van "
                  "Minh, secrétaire adjoint du Comité provincial du Parti.", "fr",
                  date(2024, 3, 5)).events
    assert [(e.date, [n for n, _ in e.attendees]) for e in found] == [
        (date(2024, 3, 4), ["Tran Van Minh"])]


def test_arabic_mutamar_of_the_party_is_a_congress_and_opens_its_term() -> None:
    """"مؤتمر" before the Party (or its committee, its delegates) is the Party congress
    (Đại hội): its year is the first of the term it opens."""
    text = ("في 12 أكتوبر، في المؤتمر الأول للجنة حزب المقاطعة، للفترة 2025-2030، أعلنت "
            "اللجنة المركزية القرار.")
    found = facts(text, "ar").events
    assert [(e.kind, e.date) for e in found] == [("Congress", date(2025, 10, 12))]
    assert event_kind("في مؤتمر الحزب الإقليمي، أعلن الرفيق القرار.", "ar") == "Congress"


def test_arabic_mutamar_alone_stays_a_conference() -> None:
    assert event_kind("خلال المؤتمر، أعلن عن قرار الأمانة المركزية.", "ar") == "Conference"


def test_the_event_is_the_noun_nearest_the_hold_verb() -> None:
    """A congress the delegation goes to is not the meeting it held."""
    assert event_kind("The delegation to the National Party Congress held a meeting to "
                      "review the rules.", "en") == "Meeting"
    assert event_kind("Делегация, участвовавшая в Национальном съезде партии, провела "
                      "совещание.", "ru") == "Meeting"


def test_without_a_hold_verb_the_first_event_noun_is_the_event() -> None:
    """Later mentions are often the events the one reported prepares."""
    assert event_kind("The conference reviewed the preparations for the Congress. The "
                      "Congress documents and the Congress agenda were discussed.",
                      "en") == "Conference"


@pytest.mark.parametrize(("lang", "text"), [
    ("es", "Se inauguró la sesión principal del primer Congreso del Partido provincial."),
    ("en", "The opening session of the Provincial Party Congress was held on Monday."),
    ("fr", "La séance d'ouverture du congrès du Parti provincial a eu lieu lundi."),
])
def test_a_session_of_the_congress_is_the_congress(lang: str, text: str) -> None:
    assert event_kind(text, lang) == "Congress"


# -- documents ------------------------------------------------------------------------
def test_a_personnel_decision_is_a_decision_whatever_the_word() -> None:
    """QĐNS (quyết định nhân sự) is a decision even where the translation says قرار,
    the word Arabic uses for resolutions too."""
    found = documents("عُيّن الرفيق بموجب القرار رقم 1234-QĐNS/TW، وبالقرار رقم "
                      "1240-QDNS/TW.", "ar")
    assert found == {("decision", "1234-QDNS/TW"), ("decision", "1240-QDNS/TW")}


@pytest.mark.parametrize(("number", "doc_type"), [
    ("12-CTr/TU", "programme"), ("3-QĐi/TW", "regulation"), ("8/QyĐ-UBND", "regulation"),
    ("5-TC/TW", "notice"), ("17/2023/NQ-HĐND", "resolution"), ("01/2021/NĐ-CP", "decision"),
    ("44-QH/TW", "plan"), ("9/PA-UBND", "plan"), ("45/2019/QH14", None),
    ("2145/UBND-KH", None),
])
def test_the_type_code_is_the_first_part_after_the_digits(number: str,
                                                          doc_type: str | None) -> None:
    """Later parts name the issuer ("UBND-KH" is a department, not a plan); a National
    Assembly term ("QH14") is no code."""
    from partygraph.extract.documents import normalize_number, type_from_number
    assert type_from_number(normalize_number(number)) == doc_type


def test_a_coded_number_is_a_document_without_a_document_word() -> None:
    """Words run together ("ProgramNo.07-CTr/TU") or a number cited alone: the code says
    what the document is."""
    found = documents("The report on the Action ProgramNo.07-CTr/TU dated April 2, 2016 "
                      "was approved, in line with 12-KL/TW.", "en")
    assert found == {("programme", "07-CTR/TU"), ("conclusion", "12-KL/TW")}


def test_a_coded_number_of_no_contract_type_alone_is_no_document() -> None:
    assert documents("The delegates came under 15-GM/TU and 3-BB/TU.", "en") == set()


def test_a_worded_document_is_not_found_twice_by_its_code() -> None:
    found = facts("Under Decision No. 4896-QĐ/TU of the Provincial Party Committee, "
                  "the board was set up.", "en").documents
    assert [(d.doc_type, d.number) for d in found] == [("decision", "4896-QD/TU")]


# -- places ---------------------------------------------------------------------------
def test_arabic_ie_written_ya_is_found_in_places() -> None:
    """Điện Biên as Arabic press writes it (ديان بيان): iê as يا in both syllables."""
    assert "Điện Biên" in place_names(
        "انعقد الاجتماع في مقر لجنة الحزب الإقليمية في ديان بيان.", "ar")


def test_a_french_exonym_keeps_its_own_marks() -> None:
    """"Hué" is Huế; a marked name that is neither the unit's nor an exonym's is not."""
    assert "Huế" in place_names(
        "Le camarade Tran Van Nam, président du Comité populaire de la ville de Hué, "
        "était présent.", "fr")
    assert "Huế" not in place_names(
        "La camarade Tran Thi Huệ, secrétaire du Comité du Parti, était présente.", "fr")


def test_an_english_commune_word_after_the_name() -> None:
    assert "Thanh Hà" in place_names(
        "The Ha Nam Provincial Party Committee met in Thanh Ha commune, Thanh Liem "
        "district.", "en")


def test_han_units_are_read_back_before_their_level_word() -> None:
    """唯仙 is Duy Tiên by its characters' readings though no rendering lists it."""
    assert "唯仙" not in places._rendering_index("han")
    assert "Duy Tiên" in place_names("唯仙市人民委员会主席出席了会议。", "zh")


def test_han_reading_needs_the_level_word() -> None:
    assert "Duy Tiên" not in place_names("唯仙人出席了会议。", "zh")


def test_a_chinese_name_that_is_no_reading() -> None:
    """洞海 is the Chinese name of Đồng Hới, not the reading of its syllables."""
    assert "Đồng Hới" in place_names("在洞海市隆重举行了仪式。", "zh")
