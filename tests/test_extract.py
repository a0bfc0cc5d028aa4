"""Engine regressions on short articles written for these tests (not the seeds)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from partygraph import ingest
from partygraph.extract import extract
from partygraph.models import ArticleFacts

FIXTURES = Path(__file__).parent / "fixtures" / "articles"


def facts_of(name: str) -> ArticleFacts:
    doc = next(ingest.read([FIXTURES / name]))
    return extract(doc)


def posts(facts: ArticleFacts, person: str) -> set[tuple[str, str, str | None]]:
    p = next(x for x in facts.persons if x.name == person)
    return {(post.role, post.org.org_type,
             post.org.jurisdiction.name if post.org.jurisdiction else None) for post in p.posts}


@pytest.fixture(scope="module")
def quang_ninh() -> ArticleFacts:
    return facts_of("en_quang_ninh.txt")


@pytest.fixture(scope="module")
def ha_noi() -> ArticleFacts:
    return facts_of("fr_ha_noi.txt")


def test_name_after_a_capitalized_title_is_whole(quang_ninh: ArticleFacts) -> None:
    names = {p.name for p in quang_ninh.persons}
    assert "Nguyen Van Hoang" in names and "Nguyen Van" not in names


def test_possessive_title(quang_ninh: ArticleFacts) -> None:
    assert ("head", "organization-commission", "Quảng Ninh") in posts(
        quang_ninh, "Nguyen Van Hoang")


def test_titles_and_central_bodies(quang_ninh: ArticleFacts) -> None:
    assert posts(quang_ninh, "Vu Dai Thang") == {
        ("member", "party-central-committee", None), ("secretary", "party-committee", "Quảng Ninh")}
    assert posts(quang_ninh, "Cao Tuong Huy") == {
        ("deputy-secretary", "party-committee", "Quảng Ninh"),
        ("chair", "peoples-committee", "Quảng Ninh")}


def test_event_chair_attendees_date(quang_ninh: ArticleFacts) -> None:
    (event,) = quang_ninh.events
    assert event.date == date(2025, 1, 14)
    assert [n for n, _ in event.chairs] == ["Vu Dai Thang"]
    assert {n for n, _ in event.attendees} == {"Dang Xuan Phuong", "Cao Tuong Huy"}


def test_documents_with_issuers(quang_ninh: ArticleFacts) -> None:
    docs = {(d.doc_type, d.number): d for d in quang_ninh.documents}
    assert set(docs) == {("resolution", "21-NQ/TW"), ("plan", "15-KH/TU")}
    assert docs[("resolution", "21-NQ/TW")].issued_on == date(2022, 6, 16)
    assert docs[("resolution", "21-NQ/TW")].issuer.org_type == "party-central-committee"


def test_cities_of_a_province_and_groups(quang_ninh: ArticleFacts) -> None:
    assert quang_ninh.about_place.name == "Quảng Ninh"
    assert {p.place.name for p in quang_ninh.places} >= {"Hạ Long", "Cẩm Phả", "Móng Cái"}
    assert [g.number for g in quang_ninh.groups] == [2]


def test_municipal_bodies_of_a_city_province(ha_noi: ArticleFacts) -> None:
    assert ("secretary", "party-committee", "Hà Nội") in posts(ha_noi, "Dinh Tien Dung")
    assert ("standing-deputy-secretary", "party-committee", "Hà Nội") in posts(
        ha_noi, "Nguyen Thi Tuyen")


def test_document_date_is_not_borrowed_from_the_next_one(ha_noi: ArticleFacts) -> None:
    docs = {(d.doc_type, d.number): d for d in ha_noi.documents}
    assert docs[("resolution", "05-NQ/TU")].issued_on is None
    assert docs[("plan", "120/KH-UBND")].issued_on == date(2024, 2, 2)


def test_russian_places_are_read_joined_and_inflected() -> None:
    facts = facts_of("ru_binh_thuan.txt")
    assert facts.about_place.name == "Bình Thuận"
    assert {p.place.name for p in facts.places} == {"Bình Thuận", "Hàm Thuận Nam", "Tuy Phong"}
    assert posts(facts, "Duong Van An") == {("secretary", "party-committee", "Bình Thuận")}
    assert posts(facts, "Phan Van Thanh") == {("vice-chair", "peoples-committee", "Bình Thuận")}
    (event,) = facts.events
    assert event.date == date(2023, 12, 19)
    assert [n for n, _ in event.attendees] == ["Phan Van Thanh"]


def test_arabic_place_after_a_level_word_is_not_a_person() -> None:
    facts = facts_of("ar_ninh_binh.txt")
    assert "Ninh Binh" not in {p.name for p in facts.persons}
    assert facts.about_place.name == "Ninh Bình"
    assert posts(facts, "Doan Minh Hoan") == {("secretary", "party-committee", "Ninh Bình")}
    (event,) = facts.events
    assert [n for n, _ in event.chairs] == ["Doan Minh Hoan"]
    assert [n for n, _ in event.attendees] == ["Pham Quang Ngoc"]
    assert [(d.doc_type, d.number, d.issued_on) for d in facts.documents] == [
        ("resolution", "26-NQ/TU", date(2023, 10, 10))]


def test_vietnamese_code_in_brackets_and_attend_and_chair() -> None:
    doc = next(ingest.read([FIXTURES / "vi_bac_ninh.txt"]))
    assert doc.newspaper_code == "BBNĐT"
    facts = extract(doc)
    assert facts.about_place.name == "Bắc Ninh"
    (event,) = facts.events
    assert [n for n, _ in event.chairs] == ["Tran Van Khoa"]
    assert [n for n, _ in event.attendees] == ["Le Thi Hang"]
    assert ("standing-deputy-secretary", "party-committee", "Bắc Ninh") in posts(
        facts, "Le Thi Hang")
    labels = {p.name: p.vi_label for p in facts.persons}
    assert labels["Tran Van Khoa"] == "Trần Văn Khoa"


def test_english_chair_phrase_article_and_place_before_its_organization() -> None:
    facts = facts_of("en_lang_son.txt")
    assert facts.about_place.name == "Lạng Sơn"
    (event,) = facts.events
    assert [n for n, _ in event.chairs] == ["Nguyen Thi Lan"]
    assert ("chair", "peoples-committee", "Lạng Sơn") in posts(facts, "Ho Tien Dung")
    assert posts(facts, "Mai Van Quang") == {("member", "party-committee", "Lạng Sơn"),
                                            ("secretary", "party-committee", "Cao Lộc")}


def test_dateline_with_a_repeated_source_name_after_the_2025_reform() -> None:
    doc = next(ingest.read([FIXTURES / "de_lao_cai_2025.txt"]))
    assert doc.published == date(2025, 10, 15)
    assert doc.source_name == "Báo Lào Cai"
    facts = extract(doc)
    assert facts.about_place.key == "2025/lao-cai"          # the merged province
    assert {(p.place.key, p.place.level) for p in facts.places} == {
        ("2025/lao-cai/yen-bai", "commune")}               # a ward since July 2025
    assert ("vice-chair", "peoples-committee", "Lào Cai") in posts(facts, "Tran Minh Duc")
    assert ("head", "government", None) in posts(facts, "Vu Thanh Hai")
    (event,) = facts.events
    assert event.date == date(2025, 10, 14)
    assert [n for n, _ in event.chairs] == ["Vu Thanh Hai"]


def test_arabic_lead_before_the_dateline_and_city_bodies() -> None:
    doc = next(ingest.read([FIXTURES / "ar_hue_2025.txt"]))
    assert doc.title == "اجتماع لجنة الحزب في المدينة"
    assert doc.published == date(2025, 10, 7)
    facts = extract(doc)
    assert facts.about_place.key == "2025/hue"     # Thừa Thiên Huế, a city since 2025
    # "مدينة هوي": a short rendering, kept because a level word stands before it
    assert {p.place.key for p in facts.places} == {"2025/hue"}
    assert posts(facts, "Tran Van Hoa") >= {("secretary", "party-committee", "Huế"),
                                           ("head", "national-assembly-delegation", "Huế")}
    assert ("chair", "peoples-committee", "Huế") in posts(facts, "Pham Van Nam")
    (event,) = facts.events
    assert event.date == date(2025, 10, 6)
    assert [n for n, _ in event.chairs] == ["Tran Van Hoa"]
    assert [n for n, _ in event.attendees] == ["Pham Van Nam"]


def test_a_possessive_ties_a_commission_to_the_previous_title() -> None:
    text = ("Reunión en Ben Tre\n\nEl miembro del Buró Político, secretario del Comité Central "
            "del PCV y jefe de su Comisión de Organización, Tran Van Lam, presidió la reunión "
            "en la provincia de Ben Tre.")
    facts = extract(ingest.make_document("es.txt", text, lang="es",
                                         published=date(2025, 3, 2)))
    assert posts(facts, "Tran Van Lam") == {("member", "politburo", None),
                                           ("secretary", "party-central-committee", None),
                                           ("head", "central-organization-commission", None)}


# -- fast paths: the same answers as the plain computations they replace ----------------
def _fixture_texts() -> list[str]:
    from partygraph.folding import fold_text
    texts = [fold_text(d.text).text for d in ingest.read([FIXTURES]) if hasattr(d, "text")]
    return [*texts, "", "x", "comite provincial du parti" * 3, "الللجنة ولجنة ال لجنة"]


def test_scanner_finds_what_finditer_finds() -> None:
    """Every lexicon pattern, on every fixture: same spans and groups as ``finditer``."""
    from partygraph.extract import lexicon
    from partygraph.extract.scan import scanner
    texts = _fixture_texts()
    for lang in lexicon.available():
        lex = lexicon.load(lang)
        assert lex is not None
        patterns = [p for tagger in (lex.honorific, lex.role, lex.org, lex.level, lex.chair,
                                     lex.attend, lex.hold, lex.event, lex.document,
                                     lex.today_words) for p, _ in tagger.patterns]
        for pattern in [*patterns, *lex.groups, *lex.date_patterns]:
            for text in texts:
                want = [(m.span(), m.groups()) for m in pattern.finditer(text)]
                got = [(m.span(), m.groups()) for m in scanner(pattern).finditer(text)]
                assert got == want, (lang, pattern.pattern)


@pytest.mark.parametrize("source", [
    r"(?<![\w])(?:(?:provincial )?national assembly)(?![\w])",   # anchored start
    r"(?<![\w])(?:[وف])?(?:لل(?=\w{2})|[لبك])?(?:(?:ال)?لجنة)(?![\w])",
    r"(?<![\w])(?:heads?|chiefs?)(?![\w])",                     # guarded search
    r"(?<!(a))b",                # a guard with a group: plain finditer
    r"(?<!x)(?:ab)?",            # may match empty: plain finditer
    r"x(?:ab){1,3}cd",           # a needle inside a bounded repeat
    r"(?:ab)+cd",
    r"(?i)head",                 # flags: plain finditer
    r"(?<!\d)(?P<day>\d{1,2})/(?P<month>\d{1,2})",
    r"(?<!\d)(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)",
    r"(?<![\w])(?:(?:партийн\w+ )?комитет\w*|райком\w*)(?![\w])",   # first needles
    r"(?<![\w])(?:x?y?z|(?:ab)*cd)(?![\w])",
])
def test_scanner_edge_cases(source: str) -> None:
    import random
    import re

    from partygraph.extract.scan import Scanner
    pattern = re.compile(source)
    rng = random.Random(source)
    alphabet = ["a", "b", "x", "y", "z", "c", "d", " ", "1", "/", "19", "2024", "head",
                "HEAD", "chief", "national assembly", "provincial ", "ال", "لجنة", "و",
                "ل", "لل", "ab", "cd", "партийного ", "комитет", "райкома", "ы"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        want = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in Scanner(pattern).finditer(text)] == want


def test_required_literals_are_in_every_match() -> None:
    import re

    from partygraph.extract.scan import required_literals
    assert required_literals(re.compile(r"(?:provincial )?national assembly")) == (
        "national assembly",)
    assert required_literals(re.compile(r"heads?|chiefs?")) == ("chief", "head")
    assert required_literals(re.compile(r"(?:a|)b?")) is None
    assert required_literals(re.compile(r"\w+")) is None


def test_fold_text_keeps_offsets_of_dropped_and_mapped_characters() -> None:
    from partygraph.folding import Folded, fold_char, fold_text

    def one_by_one(text: str) -> Folded:
        out, index = [], []
        for i, c in enumerate(text):
            for ch in fold_char(c):
                out.append(ch)
                index.append(i)
        return Folded(text, "".join(out), tuple(index))

    for text in ("", "Đồng chí Nguyễn Văn Ánh", "اللَّجْنَةُ ـ المركزية", "Провинция Ёлка",
                 "省委「組織部」", "a\u00a0b–c’d", "ﬁ ẞ İ Σς"):
        assert fold_text(text) == one_by_one(text)


def test_resolve_overlaps_matches_pairwise_rule() -> None:
    """Longest first, then priority; empty annotations overlap what strictly holds them."""
    import random

    from partygraph.extract.annotations import PRIORITY, Ann, resolve_overlaps

    def pairwise(anns: list[Ann]) -> list[Ann]:
        rank = {k: i for i, k in enumerate(PRIORITY)}
        chosen: list[Ann] = []
        for a in sorted(anns, key=lambda a: (-(a.end - a.start), rank.get(a.kind, 99),
                                             a.start)):
            if not any(a.start < c.end and c.start < a.end for c in chosen):
                chosen.append(a)
        return sorted(chosen, key=lambda a: (a.start, a.end))

    rng = random.Random(7)
    for _ in range(500):
        anns = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, 30)
            anns.append(Ann(s, s + rng.choice([0, 0, 1, 2, 3, 5, 8]), rng.choice(PRIORITY)))
        assert resolve_overlaps(anns) == pairwise(anns)


def test_sentence_lookup_agrees_with_a_scan() -> None:
    from partygraph.extract import lexicon
    from partygraph.extract.article import Article
    doc = next(ingest.read([FIXTURES / "fr_ha_noi.txt"]))
    lex = lexicon.load(doc.lang)
    assert lex is not None
    art = Article(doc, lex)
    for pos in range(len(art.folded.text) + 1):
        want = next((s for s in art.sentences if s.start <= pos < s.end), None)
        assert art.sentence_of(pos) == want


def test_han_place_renderings_are_found_as_by_one_search_each() -> None:
    import re

    from partygraph.extract import places
    index = places._rendering_index("han")
    text = "谅山省平嘉县委书记和平嘉县、河内市与胡志明市的干部出席会议。广南省委广南"
    want = [(m.start(), m.end(), m.group(0), key) for rendering, key in index.items()
            for m in re.finditer(re.escape(rendering), text)]
    assert want and places._literal_spans(text, "han") == want


def _facts(text: str, lang: str) -> ArticleFacts:
    return extract(ingest.make_document("t.txt", text, lang=lang))


def test_a_target_year_never_dates_the_event() -> None:
    facts = _facts("A made-up headline\n\nOn the morning of March 3, the Provincial Party "
                   "Standing Committee held a conference on the road plan to 2030, with a "
                   "vision to 2045.\n", "en")
    (event,) = facts.events
    assert event.date is None                      # not 2045-03-03: no year is stated


def test_the_year_is_the_one_nearest_the_latest_full_date() -> None:
    facts = _facts("Un titre inventé\n\nLe matin du 1er novembre, le Comité provincial du "
                   "Parti a organisé une conférence sur les écoles. La décision n° 12-QD/TU "
                   "du 29 octobre 2024 a été lue.\n", "fr")
    assert facts.events[0].date == date(2024, 11, 1)
    facts = _facts("A made-up headline\n\nOn December 30, the Provincial Party Standing "
                   "Committee held a conference on schools. Decision No. 5-QD/TU dated "
                   "January 5, 2025 was read.\n", "en")
    assert facts.events[0].date == date(2024, 12, 30)    # not the December to come


def test_the_event_date_never_lands_after_the_publication_date() -> None:
    facts = _facts("Un titre inventé\n05/01/2025\n\nLe 8 janvier, le Comité provincial du "
                   "Parti a tenu une conférence sur les écoles.\n", "fr")
    assert facts.events[0].date == date(2024, 1, 8)


def test_a_congress_is_held_in_the_first_year_of_its_term() -> None:
    facts = _facts("A made-up headline\n\nThe 20th Congress of the Provincial Party "
                   "Committee (term 2020-2025) opened on September 21 in the provincial "
                   "hall.\n", "en")
    assert facts.events[0].date == date(2020, 9, 21)


def test_a_date_below_the_lead_is_not_the_event_date() -> None:
    facts = _facts("A made-up headline\n\nThe Provincial Party Standing Committee held a "
                   "conference on water.\n\nThe delegates spoke about wells.\n\nThey spoke "
                   "about rivers.\n\nThey also recalled Plan No. 4-KH/TU, adopted by the "
                   "committee, which on April 26, 2016 set up the water fund.\n", "en")
    (event,) = facts.events
    assert event.date is None


def test_a_province_named_in_the_text_outranks_the_newspaper_code() -> None:
    facts = _facts("A made-up headline\n\n(QNO) - On May 5, the Standing Committee of the "
                   "Quang Ninh Provincial Party Committee held a conference on ports.\n", "en")
    assert facts.about_place.name == "Quảng Ninh"


def test_a_province_named_outranks_the_one_a_commune_name_implies() -> None:
    facts = _facts("Un titre inventé\n\nLe secrétaire a présidé la conférence du Comité "
                   "provincial du Parti. Le Comité du Parti de la commune de Vi Xuyen a "
                   "organisé un congrès à l'avance. Le congrès de la province de Tuyen Quang "
                   "suivra.\n", "fr")
    assert facts.about_place.name == "Tuyên Quang"


def test_a_unit_written_with_its_level_word_votes_first() -> None:
    facts = _facts("A made-up headline\n\nThe Provincial Party Standing Committee held a "
                   "conference on the Bac Binh Garden housing area in Don Xa commune, Binh "
                   "Luc district.\n", "en")
    assert facts.province.name == "Hà Nam"


def test_an_unpublished_article_is_read_in_the_era_of_its_latest_date() -> None:
    facts = _facts("Un titre inventé\n\nLe 5 août 2025, le Comité du Parti de la commune "
                   "de Vi Xuyen a tenu une conférence sur les routes.\n", "fr")
    assert {p.place.key for p in facts.places} == {"2025/tuyen-quang/vi-xuyen"}
    assert facts.about_place.key == "2025/tuyen-quang/vi-xuyen"


# --------------------------------------------------------------------------- names


def _person_names(text: str, lang: str) -> set[str]:
    from partygraph.ingest import make_document

    return {p.name for p in extract(make_document("probe.txt", text, lang=lang)).persons}


def test_vietnamese_marks_tell_a_name_from_a_title_word() -> None:
    """Folded, "Trương" and "Trường" read as the title "trưởng"; with marks they do not."""
    found = _person_names(
        "Đồng chí Trương Thị Hạnh, Bí thư Tỉnh ủy, phát biểu. Dự hội nghị có đồng chí "
        "Lê Văn Trường, Phó Chủ tịch UBND tỉnh, và ông Phạm Bá Lộc.", "vi")
    assert {"Truong Thi Hanh", "Le Van Truong", "Pham Ba Loc"} <= found
    assert "Thi Hanh" not in found and "Le Van" not in found


def test_han_names_around_appointment_verbs_and_conjunctions() -> None:
    """指定X担任, X被指定担任, "A和B被指定", a list ending in 被, X再次当选."""
    found = _person_names(
        "据此，指定吴明山担任省委书记；黎文勇、范春和和陈德海被指定担任省委副书记。"
        "邓氏兰被指定担任省人民议会主席。武文安、丁光明被指定担任省人民委员会副主席。"
        "书记阮氏秋再次当选省委书记。", "zh")
    assert {"Ngo Minh Son", "Le Van Dung", "Tran Duc Hai", "Dang Thi Lan", "Vo Van An",
            "Dinh Quang Minh", "Nguyen Thi Thu"} <= found


def test_han_title_then_name_then_verb_before_an_organization() -> None:
    found = _person_names("会上，副总理黎明海交付了国会的决议。", "zh")
    assert "Le Minh Hai" in found


def test_han_two_character_name_anchored_by_a_verb_is_a_person() -> None:
    assert "Le Phong" in _person_names("黎峰被指定担任省人民委员会主席。", "zh")
