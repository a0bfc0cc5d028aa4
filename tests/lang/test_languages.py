"""Every language, one test module: the cases of ``cases/<lang>.toml`` are the data.

A language is a data file (``partygraph/data/lang/<code>.toml``) and so are its tests:
adding a language is adding its lexicon and its case file, with short articles in the
style of provincial Party-building news and what a careful reader finds in them, and
short sentences with what each must give (``[[sentences]]``), the names a name finder
must return (``[[name_runs]]``), annotations (``[[annotations]]``) and title chains
(``[[chains]]``). Each kind of check runs over every language's cases.
"""

from __future__ import annotations

from typing import Any

import pytest

from partygraph.extract import _lexicon_annotations, dates, extract, lexicon, names, titles
from partygraph.extract.annotations import Ann
from partygraph.folding import fold_key as fold
from partygraph.folding import fold_text
from partygraph.ingest import make_document
from partygraph.models import ArticleFacts
from tests.lang._support import (
    CHECKS,
    Gold,
    articles,
    build_with_cli,
    case_file,
    case_languages,
    found_for,
    graph_facts,
    load_graph,
    query_json,
    run_extract,
    score,
    text_of,
)

LANGS = case_languages()


def _cases(section: str) -> list[Any]:
    """``pytest.param`` of each ``[[section]]`` case of every language, with its language."""
    return [pytest.param(lang, case, id=f"{lang}-{i}")
            for lang in LANGS for i, case in enumerate(case_file(lang).get(section, []))]


def _articles(having: str = "") -> list[Any]:
    return [pytest.param(g, id=g.source_id) for lang in LANGS for g in articles(lang)
            if not having or getattr(g, having)]


def test_every_language_has_a_case_file_and_every_case_file_a_language() -> None:
    assert set(LANGS) == set(lexicon.available())
    for lang in LANGS:
        assert case_file(lang)["lang"] == lang and articles(lang), lang


@pytest.mark.parametrize("lang", LANGS)
def test_title_order(lang: str) -> None:
    lex = lexicon.load(lang)
    assert lex is not None and lex.title_order == case_file(lang)["title_order"]


# -- articles: what the extractor finds ------------------------------------------------
@pytest.mark.parametrize("kind", sorted(CHECKS))
@pytest.mark.parametrize("article", _articles())
def test_article(article: Gold, kind: str) -> None:
    CHECKS[kind](article, found_for(article))


@pytest.mark.parametrize("article", _articles("issuers"))
def test_document_issuers(article: Gold) -> None:
    found = found_for(article).issuers
    for number, want in article.issuers.items():
        issuer = found[number]
        assert issuer is not None and issuer.org_type == want["type"], (number, issuer)
        if "place" in want:
            assert issuer.jurisdiction is not None and issuer.jurisdiction.name == want["place"]


@pytest.mark.parametrize("article", _articles("labels"))
def test_names_keep_their_diacritics_in_the_label(article: Gold) -> None:
    labels = {p.name: p.vi_label for p in run_extract(article).persons}
    assert {n: labels.get(n) for n in article.labels} == article.labels


@pytest.mark.parametrize("article", _articles("surfaces"))
def test_surface_forms_are_kept(article: Gold) -> None:
    surfaces = {s for p in run_extract(article).persons for s, _ in p.surfaces}
    assert set(article.surfaces) <= surfaces


# -- short sentences -------------------------------------------------------------------
def _posts(facts: ArticleFacts) -> set[tuple[str, str, str, str]]:
    return {(p.name, post.role, post.org.org_type,
             fold(post.org.jurisdiction.name) if post.org.jurisdiction else "")
            for p in facts.persons for post in p.posts}


@pytest.mark.parametrize(("lang", "case"), _cases("sentences"))
def test_sentence(lang: str, case: dict[str, Any]) -> None:
    text = text_of(case)
    if "dates_found" in case:
        assert len(dates.find(fold_text(text).text, lexicon.load(lang))) == case["dates_found"]
        return
    facts = extract(make_document("case.txt", text, lang=lang))
    roles = {(post.role, post.org.org_type) for p in facts.persons for post in p.posts}
    places = {m.place.name for m in facts.places}
    if "persons" in case:
        assert {p.name for p in facts.persons} == set(case["persons"])
    if "posts" in case:
        want = {(a, b, c, fold(d)) for a, b, c, d in case["posts"]}
        assert want <= _posts(facts), sorted(want - _posts(facts))
    if "roles" in case:
        assert roles == {tuple(r) for r in case["roles"]}
    if "roles_include" in case:
        assert {tuple(r) for r in case["roles_include"]} <= roles
    if "places" in case:
        assert places == set(case["places"])
    if "not_places" in case:
        assert not places & set(case["not_places"])
    if "attendees" in case:
        assert {n for e in facts.events for n, _ in e.attendees} == set(case["attendees"])
    if "issued_on" in case:
        assert [d.issued_on for d in facts.documents] == case["issued_on"]
    if "about_place" in case:
        assert facts.about_place is not None and facts.about_place.name == case["about_place"]
    if "event_date" in case:
        assert facts.events and facts.events[0].date == case["event_date"]


@pytest.mark.parametrize(("lang", "case"), _cases("name_runs"))
def test_name_runs(lang: str, case: dict[str, Any]) -> None:
    lex = lexicon.load(lang)
    assert lex is not None
    text = case["text"]
    runs = names.find_runs(text, lex.script)
    assert all(text[r.start:r.end] == r.surface for r in runs)
    if "names" in case:
        assert [r.latin for r in runs] == case["names"]
    if "surfaces" in case:
        assert [r.surface for r in runs] == case["surfaces"]
    if "family_first" in case:
        assert [r.family_first for r in runs] == case["family_first"]
    if "labels" in case:
        assert [r.vi_label or "" for r in runs] == case["labels"]
    if "family_first_without" in case:
        words = set(case["family_first_without"])
        assert not [r.surface for r in runs if r.family_first and words & set(r.surface.split())]


@pytest.mark.parametrize(("lang", "case"), _cases("annotations"))
def test_annotations(lang: str, case: dict[str, Any]) -> None:
    lex = lexicon.load(lang)
    assert lex is not None
    found = sorted([a.start, a.kind] for a in _lexicon_annotations(fold_text(case["text"]).text,
                                                                    lex)
                   if a.kind in {k for _, k in case["kinds"]})
    assert found == case["kinds"]


@pytest.mark.parametrize(("lang", "case"), _cases("chains"))
def test_title_chains(lang: str, case: dict[str, Any]) -> None:
    lex = lexicon.load(lang)
    assert lex is not None
    anns, start = [], 0
    for kind, value, width in case["parts"]:
        anns.append(Ann(start, start + width, kind, value))
        start += width
    assert [[a.kind for a in t] for t in titles.Chain(anns).titles(lex)] == case["titles"]


# -- the command line and the graph it writes, once per language -----------------------
@pytest.mark.parametrize("lang", LANGS)
def test_cli_build_and_score(lang: str, tmp_path) -> None:
    golds = articles(lang)
    out = build_with_cli(golds, tmp_path)
    graph = load_graph(out)
    result = score((g, graph_facts(graph, g.source_id)) for g in golds)
    for kind in case_file(lang)["build"].get(
            "full_recall", ("persons", "chairs", "attendees", "dates", "documents", "groups")):
        assert result.recall(kind) == 1.0, result.table()
    assert result.precision("persons") == 1.0, result.table()
    assert result.recall("posts") >= 0.9, result.table()
    rows = query_json("who-chaired-what", out)
    assert {r["chair"] for r in rows} >= set(case_file(lang)["build"]["chairs"])
