"""Every language file loads, and every value it names is in the contract's vocabularies."""

from __future__ import annotations

import re

import pytest

from partygraph.errors import LanguageFileError
from partygraph.extract import lexicon
from partygraph.extract.lexicon import OrgEntry, RoleEntry
from partygraph.namespaces import DOC_TYPES, ORG_TYPES

LANGS = lexicon.available()


def test_the_eight_languages_are_there() -> None:
    assert set(LANGS) >= {"fr", "en", "ru", "ar", "vi", "es", "de", "zh"}


@pytest.mark.parametrize("lang", LANGS)
def test_values_are_in_the_vocabularies(lang: str) -> None:
    lex = lexicon.load(lang)
    assert lex is not None and lex.lang == lang
    abstract = set(lexicon.roles().abstract)
    for _, value in lex.role.patterns:
        role = value.role if isinstance(value, RoleEntry) else value
        assert role in abstract, (lang, value)
        if isinstance(value, RoleEntry) and value.org_type:
            assert value.org_type in ORG_TYPES, (lang, value)
    for _, value in lex.org.patterns:
        assert isinstance(value, OrgEntry) and value.org_type in ORG_TYPES, (lang, value)
        assert not value.parent_type or value.parent_type in ORG_TYPES, (lang, value)
    for _, value in lex.document.patterns:
        assert value in DOC_TYPES, (lang, value)
    assert set(lex.months.values()) <= set(range(1, 13))
    assert lex.date_patterns, lang


def test_role_table_names_contract_roles() -> None:
    from partygraph.namespaces import ROLES
    table = lexicon.roles()
    for pair in table.abstract.values():
        assert set(pair) <= set(ROLES)
    assert table.chair_org_types <= set(ORG_TYPES)


# -- the schema: a typo in a language file is an error, never silence ------------------
@pytest.mark.parametrize(("body", "key", "nearest"), [
    ('titels = ["a"]', "titels", "title_order"),
    ('[verbs]\nchiar = ["presided"]', "verbs.chiar", "chair"),
    ('[roles]\n"vice head" = { role = "deputy-head", orgg = "government" }',
     'roles."vice head".orgg', "org"),
    ('[level_afer]\ncity = ["city"]', "level_afer", "level_after"),
])
def test_an_unknown_key_names_the_file_the_key_and_the_nearest_known_key(
        tmp_path, body: str, key: str, nearest: str) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(f'lang = "xx"\n{body}\n', encoding="utf-8")
    with pytest.raises(LanguageFileError) as caught:
        lexicon.load_file(path)
    message = str(caught.value)
    assert message.startswith("[E303] ") and str(path) in message, message
    assert f"unknown key {key} " in message and f"{nearest!r}" in message, message


@pytest.mark.parametrize(("body", "expected"), [
    ('[months]\nmay = "5"', 'months.may must be an integer, not str'),
    ('script = "latn"', "script must be one of 'latin'"),
    ('honorifics = "mr"', "honorifics must be a list of strings"),
    ("honorifics = [1]", "honorifics.0 must be a string, not int"),
    ('[roles]\n"x" = 3', "roles.x must be a string or a table"),
    ('[roles]\n"x" = { org = "government" }', "roles.x lacks 'role'"),
    ("[months]\nmay = true", "months.may must be an integer, not bool"),
    ('script = "latin"', "the file lacks 'lang'"),
])
def test_a_value_of_the_wrong_type_is_named(tmp_path, body: str, expected: str) -> None:
    path = tmp_path / "xx.toml"
    head = "" if "lacks 'lang'" in expected else 'lang = "xx"\n'
    path.write_text(f"{head}{body}\n", encoding="utf-8")
    with pytest.raises(LanguageFileError, match="^\\[E303\\] .*" + re.escape(expected)):
        lexicon.load_file(path)


def test_a_well_formed_new_language_file_loads(tmp_path) -> None:
    path = tmp_path / "xx.toml"
    path.write_text('lang = "xx"\nhonorifics = ["sir"]\n[roles]\n"chief" = "head"\n'
                    '[level_before]\nprovince = ["province of"]\n', encoding="utf-8")
    lex = lexicon.load_file(path)
    assert lex.lang == "xx" and lex.level_before == {"province": ("province of",)}
    assert [v for _, v in lex.role.patterns] == ["head"]


# -- words that used to live in Python are read from the language files -----------------
def test_the_languages_detected_are_those_with_a_file_and_near_ones() -> None:
    from partygraph.ingest import DETECT_ONLY, supported_languages
    assert set(supported_languages()) == set(LANGS) | set(DETECT_ONLY)


def test_abbreviations_of_any_language_do_not_end_a_sentence() -> None:
    from partygraph.extract.text import sentences
    from partygraph.folding import fold_text
    text = "Il a vu Mme. Lan à TP. Hué hier. Puis il est parti."
    assert len(sentences(fold_text(text))) == 2
    words = {w for lex in lexicon.in_every_language() for w in lex.abbreviations}
    assert {"mme", "tp", "ул", "nr"} <= words


def test_level_words_and_newspaper_prefixes_come_from_the_files() -> None:
    zh, vi = lexicon.load("zh"), lexicon.load("vi")
    assert zh is not None and vi is not None
    assert zh.level_suffixes["市"] == ("city", "district", "province")
    assert "thi xa" in vi.level_before["district"] and vi.newspaper_prefixes == ("Bao",)
    from partygraph.ingest import newspaper_code
    assert newspaper_code("BaoLaoCai - Sáng nay") == "BaoLaoCai"


def test_function_words_are_read_from_the_files_of_their_script() -> None:
    from partygraph.translit import arabic, cyrillic, syllable_candidates
    assert "на" in lexicon.function_words("cyrillic") and cyrillic.is_function_word("на")
    assert arabic.is_function_word("في") and not arabic.is_function_word("نجوين")
    assert lexicon.function_words("latin") == frozenset()
    # a lower-case function word is no syllable, the capitalised rendering is one
    assert syllable_candidates("на", "cyrillic") == []
    assert syllable_candidates("На", "cyrillic")


def test_boilerplate_words_come_from_every_language_file() -> None:
    from partygraph.ingest import clean
    text = ("Tiêu đề\n\n13/12/2023\n\nĐoạn một của bài.\n\nẢnh: TTXVN\n\nĐoạn hai.\n\n"
            "Поделиться\n\nXem thêm\n\nMột tin khác")
    out = clean(text)[0]
    assert "Đoạn hai." in out and len(out) == len(text)
    assert "TTXVN" not in out and "Поделиться" not in out and "Một tin khác" not in out
    vi = lexicon.load("vi")
    assert vi is not None and "xem them" in vi.trailers and vi.photo_words == ("ảnh",)
