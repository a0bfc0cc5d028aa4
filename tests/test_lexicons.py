"""Every language file loads, and every value it names is in the contract's vocabularies."""

from __future__ import annotations

import pytest

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
