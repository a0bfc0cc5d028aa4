"""Steps 2 and 4 of extraction: which name runs are persons, and the posts they hold.

A run is a person when an honorific stands before it, a title next to it, or when it
starts with a family name and is long enough (see :func:`decide`). Its posts are the
title chains right after it ("X, membre du …") or right before it ("глава … Нгуен Чин"),
or shared along a list of names (:mod:`.lists`).

The neighbourhood tests look at annotations a few characters before or after a run;
they find them with ``bisect`` over sorted offsets rather than by scanning every
annotation of the article for every run.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

from partygraph.extract import lexicon, lists, names, titles
from partygraph.extract.annotations import Ann, Occupied
from partygraph.extract.article import Article
from partygraph.extract.places import PlaceHit
from partygraph.extract.windows import ORG_BEFORE_NAME
from partygraph.folding import fold_key
from partygraph.models import ArticleFacts, PersonFacts, PlaceRef, Post

_POSTFIX_GAP = re.compile(r"^\s*[,\-–—:(]\s*$")
_PREFIX_GAP = re.compile(r"^[\s,]*$")
_fold = lru_cache(maxsize=1 << 14)(fold_key)


class _Covered:
    """Which folded offsets some blocker annotation covers, for overlap tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.nonempty = all(e > s for s, e in spans)   # lexicon matches are never empty
        self.mask = bytearray(max((e for _, e in spans), default=0) + 1)
        for s, e in spans:
            if e > s:
                self.mask[s:e] = b"\x01" * (e - s)
        self.exact = frozenset(spans)

    def only(self, span: tuple[int, int]) -> bool:
        """Whether a blocker covers exactly ``span`` and none runs on past either end."""
        a, b = span
        return span in self.exact and (a == 0 or not self.mask[a - 1]) and \
            (b >= len(self.mask) or not self.mask[b])

    def overlaps(self, span: tuple[int, int]) -> bool:
        """Whether ``span`` overlaps a blocker (half-open ranges, as ``a < e and s < b``)."""
        a, b = span
        if a < b and self.nonempty:
            return self.mask.find(1, a, b) != -1
        return any(a < e and s < b for s, e in self.spans)


def _window(sorted_offsets: list[int], low: int, high: int) -> list[int]:
    """The offsets in [low, high]."""
    return sorted_offsets[bisect.bisect_left(sorted_offsets, low):
                          bisect.bisect_right(sorted_offsets, high)]


# -- step 2 -----------------------------------------------------------------------------
def decide(art: Article, base: list[Ann], runs: list[names.NameRun],
           hits: list[PlaceHit]) -> tuple[list[Ann], list[PlaceHit]]:
    """PERSON annotations among the name runs, and the place hits no person covers."""
    text = art.folded.text
    honorific_ends = sorted({a.end for a in base if a.kind == "HON"})
    title_starts = sorted(a.start for a in base if a.kind in ("ROLE", "ORG", "GROUP"))
    title_ends = sorted(a.end for a in base if a.kind in ("ROLE", "ORG", "LEVEL", "GROUP"))
    org_ends = sorted(a.end for a in base if a.kind in ("ORG", "LEVEL"))
    blockers = _Covered([(a.start, a.end) for a in base
                         if a.kind in ("HON", "ROLE", "ORG", "LEVEL")])
    # the smallest start of a place hit by its end, for "a place stands before the name"
    hit_starts: dict[int, int] = {}
    for h in hits:
        fs, fe = art.to_folded(h.start, h.end)
        hit_starts[fe] = min(fs, hit_starts.get(fe, fs))
    hit_exact = {(h.start, h.end) for h in hits}
    persons: list[Ann] = []
    person_spans: list[tuple[int, int]] = []
    for raw in runs:
        run = _trim_run(art, raw, blockers, hit_starts)
        if run is None:
            continue
        fs, fe = art.to_folded(run.start, run.end)
        # the nearest honorific before is the one with the shortest gap to test
        k = bisect.bisect_right(honorific_ends, fs)
        honorific = k > 0 and not text[honorific_ends[k - 1]:fs].strip(" ,:-")
        titled_after = any(_POSTFIX_GAP.match(text[fe:s])
                           for s in _window(title_starts, fe, fe + 4))
        titled_before = any(_PREFIX_GAP.match(text[e:fs])
                            for e in _window(title_ends, fs - 3, fs))
        after_org = any(_connector_gap(text[e:fs], art.lex)
                        for e in _window(org_ends, fs - ORG_BEFORE_NAME, fs))
        n_syllables = len(run.latin.split())
        is_place = (run.start, run.end) in hit_exact
        if _fold(run.latin) in names.eponyms():
            accept = honorific or titled_before   # "President Ho Chi Minh", not his city
        elif is_place and after_org and not honorific:
            accept = False    # "Comité provincial du Parti de Ninh Thuan, vice-président …"
        elif honorific or titled_after:
            accept = run.family_first or honorific
        elif titled_before:   # "Comité du Parti de la province de Ninh Binh" is a place
            accept = run.family_first and not is_place
        else:
            accept = run.family_first and not is_place and (
                n_syllables >= 3 or run.anchored or art.lex.script == "cyrillic")
        if accept:
            persons.append(Ann(fs, fe, "PERSON", run))
            person_spans.append((run.start, run.end))
    covered = Occupied(person_spans)
    kept = [h for h in hits if not covered.overlaps(h.start, h.end)]
    return persons, kept


def _connector_gap(gap: str, lex: lexicon.Lexicon) -> bool:
    gap = gap.strip(" ,")
    return not gap or bool(lex.connector.fullmatch(gap))


def _trim_run(art: Article, run: names.NameRun, blockers: _Covered,
              hit_starts: dict[int, int]) -> names.NameRun | None:
    """Cut title words, honorifics ("Ông", "Trưởng Ban") and a leading place ("Lạng Sơn
    Nguyễn Văn Hùng") off a Latin name run; at most four syllables remain."""
    if not run.tokens:   # other scripts: reject a run that cuts into a title word
        return None if blockers.overlaps(art.to_folded(run.start, run.end)) else run
    tokens = list(run.tokens)
    spans = [art.to_folded(t[0], t[1]) for t in tokens]
    while tokens and _title_word(art.lex, blockers, tokens[0][2], spans[0]):
        tokens, spans = tokens[1:], spans[1:]
    while tokens and _title_word(art.lex, blockers, tokens[-1][2], spans[-1]):
        tokens, spans = tokens[:-1], spans[:-1]
    # a place name standing before the name
    for k in range(1, len(tokens) - 1):
        lead = (spans[0][0], spans[k - 1][1])
        if hit_starts.get(lead[1], lead[0] + 1) <= lead[0] and \
                names.is_family(tokens[k][2]):
            tokens, spans = tokens[k:], spans[k:]
            break
    tokens = tokens[:4]
    if len(tokens) < 2:
        return None
    if len(tokens) == len(run.tokens):
        return run
    return names.make_run(art.doc.text, tokens)


def _title_word(lex: lexicon.Lexicon, blockers: _Covered, token: str,
                span: tuple[int, int]) -> bool:
    """Whether a token at an end of a name run is a title word or honorific to cut off.

    Lexicons match folded text, where "Trương Thị Mai" starts with the role word
    "trưởng" and "Trịnh Xuân Trường" ends with it. When the token is a one-word entry the
    language spells with marks (``marked_words``) and the text writes marks, the marks
    decide: only the entry's own spelling is cut.
    """
    if not blockers.overlaps(span):
        return False
    if not lex.marked_words or not blockers.only(span):
        return True
    word = unicodedata.normalize("NFC", token.lower())
    folded = _fold(word)
    if word == folded:   # no marks written: nothing to tell them apart
        return True
    entries = {w for w in lex.marked_words if _fold(w) == folded}
    return not entries or word in entries


# -- step 4 -----------------------------------------------------------------------------
def read(art: Article, per_sentence: list[list[Ann]], facts: ArticleFacts) -> None:
    """Persons with their surfaces, evidence and posts into ``facts.persons``
    (``per_sentence``: the article's annotations, sentence by sentence)."""
    text = art.folded.text
    by_name: dict[str, PersonFacts] = {}
    for here in per_sentence:
        people = [a for a in here if a.kind == "PERSON"]
        if not people:
            continue
        attached = lists.attach(people, titles.chains(here, text, art.lex), text, art.lex)
        for p in people:
            run: names.NameRun = p.value
            person = by_name.setdefault(run.latin, PersonFacts(name=run.latin))
            if (run.surface, art.doc.lang) not in person.surfaces:
                person.surfaces.append((run.surface, art.doc.lang))
            if run.vi_label and not person.vi_label:
                person.vi_label = run.vi_label
            person.spans.append(art.span(p.start, p.end))
            for chain in attached[id(p)]:
                person.posts.extend(_posts(art, chain, facts))
    for person in by_name.values():
        person.posts = _dedupe_posts(person.posts)
    facts.persons = list(by_name.values())


def _posts(art: Article, chain: titles.Chain, facts: ArticleFacts) -> list[Post]:
    """The posts a chain of titles states, jurisdictions filled from context."""
    gz = art.gz
    context: dict[str, PlaceRef | None] = {"": facts.about_place,
                                           "province": facts.province}
    if facts.about_place is not None and facts.about_place.level in ("district", "city"):
        context[facts.about_place.level] = facts.about_place
    if facts.province is not None and facts.province.key in gz.municipalities:
        context.setdefault("city", facts.province)   # Hà Nội's "Comité municipal du Parti"
    explicit = [a.value for a in chain.items if a.kind == "PLACE"]
    for place in explicit:   # the chain's own places come before the article's
        context[place.level] = place
        if place.key in gz.municipalities:
            context["city"] = place   # "Thành ủy …, Chủ tịch HĐND TP Đà Nẵng"
        if place.level != "province":
            context["province"] = gz.province_of(place) or context.get("province")
    posts = []
    numbers = {a.value for a in art.groups}
    previous: titles.TitleReading | None = None
    for items in chain.titles(art.lex):
        reading = titles.read_title(items)
        if reading is None:
            continue
        first_org = next((a for a in items if a.kind in ("ORG", "GROUP")), None)
        if previous is not None and first_org is not None and art.lex.possessive.search(
                art.folded.text[reading.start:first_org.start]):
            reading.orgs.append(previous.orgs[-1])   # "… y jefe de su Comisión"
        previous = reading
        for org in reading.orgs:   # "vice-président du Groupe d'émulation": the article's group
            if org.org_type == "emulation-group" and not org.qualifier and len(numbers) == 1:
                org.qualifier = str(next(iter(numbers)))
        role, ref = titles.to_org_ref(reading, context)
        posts.append(Post(role, ref, art.span(reading.start, reading.end)))
    return posts


def _dedupe_posts(posts: list[Post]) -> list[Post]:
    table = lexicon.roles()
    seen: dict[tuple[str, object], Post] = {}
    for p in posts:
        seen.setdefault((p.role, p.org), p)
    keys = set(seen)
    for specific, general in table.subsumes:
        for role, org in list(keys):
            if role == general and (specific, org) in keys:
                keys.discard((role, org))
    return [p for k, p in seen.items() if k in keys]
