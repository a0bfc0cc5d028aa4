"""Stage 2 — extract: one ``Document`` in, its ``ArticleFacts`` out (a pure function).

The engine is the same for every language; what differs is data: the language's
lexicon (:mod:`.lexicon`), its script's name finder (:mod:`.names`) and the gazetteer.
Steps, in order:

1. fold the text and annotate it with the lexicon (roles, organizations, verbs, …),
   name candidates and gazetteer places;
2. decide which name candidates are persons (honorific before, family name, title
   next to them) and which are places;
3. settle the article's place (organizer of the event, newspaper code, the places
   it names) so that "provincial" can mean a province;
4. read the titles next to each person into posts;
5. read the event (kind, date, who chaired, who attended), numbered documents and
   emulation groups.

Steps 2 and 4 live in :mod:`.persons`; the per-article working state (folded text,
sentences, offset look-ups) in :mod:`.article`; lexicon patterns are matched through
:mod:`.scan`, which finds exactly what ``re.finditer`` finds, faster.
"""

from __future__ import annotations

import re
from collections import Counter

from builder.extract import dates, documents, lexicon, names, persons, places, titles
from builder.extract.annotations import Ann, resolve_overlaps
from builder.extract.article import Article
from builder.extract.scan import scanner
from builder.extract.text import Sentence
from builder.models import (
    ArticleFacts,
    Document,
    DocumentFacts,
    EventFacts,
    GroupFacts,
    PlaceMention,
    PlaceRef,
)
from builder.newspapers import province_of_code

# between a document number and its date: at most one short word ("du", "dated", "от")
_DATE_GAP = re.compile(r"^[\s,(（]*(?:[^\W\d]{1,6}\.?[\s(（]*){0,2}$")
_RANK = {"commune": 0, "district": 1, "city": 2, "province": 3}

__all__ = ["extract"]


def extract(doc: Document) -> ArticleFacts:
    """Everything one article states, before identities are resolved across articles."""
    lex = lexicon.load(doc.lang)
    facts = ArticleFacts(document=doc)
    if lex is None:
        return facts
    art = Article(doc, lex)
    text = art.folded.text
    base = _lexicon_annotations(text, lex)
    runs = names.find_runs(doc.text, lex.script)
    hits = places.find(art.folded, lex.script, art.gz, on=doc.published)
    found, place_hits = persons.decide(art, base, runs, hits)
    province, about = _settle_place(art, base, found, place_hits)
    facts.province, facts.about_place = province, about
    place_anns = []
    for h in place_hits:
        fs, fe = art.to_folded(h.start, h.end)
        ref = places.resolve(h, art.gz, province)
        place_anns.append(Ann(fs, fe, "PLACE", ref))
        facts.places.append(PlaceMention(ref, h.surface, art.span(fs, fe)))
    anns = resolve_overlaps(base + found + place_anns)
    art.groups = [a for a in base if a.kind == "GROUP"]
    per_sentence = art.by_sentence(anns)
    persons.read(art, per_sentence, facts)
    _read_documents(art, anns, facts)
    _read_groups(art, facts)
    _read_event(art, anns, per_sentence, facts)
    return facts


# -- step 1 -----------------------------------------------------------------------------
def _lexicon_annotations(text: str, lex: lexicon.Lexicon) -> list[Ann]:
    out: list[Ann] = []
    for kind, tagger in (("HON", lex.honorific), ("ROLE", lex.role), ("ORG", lex.org),
                         ("LEVEL", lex.level), ("CHAIR", lex.chair), ("ATTEND", lex.attend),
                         ("HOLD", lex.hold), ("EVENT", lex.event), ("DOC", lex.document),
                         ("TODAY", lex.today_words)):
        out.extend(Ann(s, e, kind, v) for s, e, v in tagger.finditer(text))
    for pattern in lex.groups:
        out.extend(Ann(m.start(), m.end(), "GROUP", int(m.group("n")))
                   for m in scanner(pattern).finditer(text))
    out.extend(dates.find(text, lex))
    return out


# -- step 3 -----------------------------------------------------------------------------
def _settle_place(art: Article, base: list[Ann], people: list[Ann],
                  hits: list[places.PlaceHit]) -> tuple[PlaceRef | None, PlaceRef | None]:
    gz = art.gz
    code_province = None
    if art.doc.newspaper_code:
        code_province = province_of_code(art.doc.newspaper_code, gz, art.doc.published)
    votes: Counter[str] = Counter()
    for h in hits:
        provs = {(gz.province_of(c) or c).key for c in h.candidates}
        if len(provs) == 1:
            votes[provs.pop()] += 1
    if code_province is None and art.doc.source_name:
        code_province = _province_in_name(art.doc.source_name, gz, art.doc.published)
    province = code_province
    if province is None and votes:
        best = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        province = gz.get(best)
    organizer = _organizer_place(art, base, people, hits, province)
    if organizer is not None:
        org_province = gz.province_of(organizer)
        if province is None or org_province is None or org_province.key == province.key \
                or code_province is None:
            return org_province or province, organizer
    return province, province


def _province_in_name(name: str, gz, on) -> PlaceRef | None:
    """A province named inside a publisher's name ("Sở Công thương tỉnh Lào Cai")."""
    words = name.split()
    for n in (3, 2, 1):
        for i in range(len(words) - n, -1, -1):
            found = gz.lookup(" ".join(words[i:i + n]), levels=("province",), on=on)
            if found and len(" ".join(words[i:i + n])) >= 4:
                return found[0]
    return None


def _organizer_place(art: Article, base: list[Ann], people: list[Ann],
                     hits: list[places.PlaceHit], province: PlaceRef | None) -> PlaceRef | None:
    """The jurisdiction named in the subject of "… held a conference"."""
    holds = [a for a in base if a.kind == "HOLD"]
    events = [a for a in base if a.kind == "EVENT"]
    folded_hits: list[tuple[int, int, places.PlaceHit]] | None = None
    for hold in holds:
        sent = art.sentence_of(hold.start)
        if sent is None or not any(sent.start <= e.start < sent.end for e in events):
            continue
        if folded_hits is None:
            folded_hits = [(*art.to_folded(h.start, h.end), h) for h in hits]
        hits_here = [(fs, fe, h) for fs, fe, h in folded_hits if sent.start <= fs < sent.end]
        anns = resolve_overlaps(
            [a for a in base if sent.start <= a.start < sent.end] + people
            + [Ann(fs, fe, "PLACE", h) for fs, fe, h in hits_here])
        for chain in titles.chains(anns, art.folded.text, art.lex):
            if chain.start > hold.start + 200:
                break
            kinds = [a.kind for a in chain.items]
            if "ORG" in kinds and "PLACE" in kinds and "ROLE" not in kinds:
                # the most specific place of the chain: "谅山省平嘉县委" is Bình Gia's
                found = [places.resolve(a.value, art.gz, province)
                         for a in chain.items if a.kind == "PLACE"]
                return min(found, key=lambda u: _RANK.get(u.level, 9))
    return None


# -- step 5 -----------------------------------------------------------------------------
def _read_documents(art: Article, anns: list[Ann], facts: ArticleFacts) -> None:
    doc_anns = [a for a in anns if a.kind == "DOC"]
    if not doc_anns:
        return
    found = documents.find(art.folded.text, art.doc.text, art.folded.index, art.lex, doc_anns)
    ref_year = art.reference_year
    date_anns = [x for x in anns if x.kind == "DATE"]
    seen = set()
    for a in found:
        doc_type, number = a.value
        if (doc_type, number) in seen:
            continue
        seen.add((doc_type, number))
        issued = None
        tail = [x for x in date_anns if a.end <= x.start
                and _DATE_GAP.match(art.folded.text[a.end:x.start])]
        if tail:
            d, m, y = tail[0].value
            issued = dates.resolve(d, m, y, art.doc.published, ref_year)
        issuer = _issuer(art, anns, tail[0].end if tail else a.end, facts)
        facts.documents.append(DocumentFacts(doc_type, number, art.span(a.start, a.end),
                                             issued, issuer))


def _issuer(art: Article, anns: list[Ann], after: int, facts: ArticleFacts):
    """An organization chain right after the number or the date ("du Conseil populaire")."""
    following = [a for a in anns if after <= a.start <= after + 60]
    chain_items: list[Ann] = []
    for a in following:
        if a.kind in ("ORG", "LEVEL", "PLACE"):
            gap = art.folded.text[(chain_items[-1].end if chain_items else after):a.start]
            if titles._gap_ok(gap, a.kind, art.lex):
                chain_items.append(a)
                continue
        break
    if not any(a.kind == "ORG" for a in chain_items):
        return None
    reading = titles.read_title([Ann(after, after, "ROLE", "other"), *chain_items])
    if reading is None:
        return None
    context: dict[str, PlaceRef | None] = {"": facts.about_place, "province": facts.province}
    if facts.province is not None and facts.province.key in art.gz.municipalities:
        context["city"] = facts.province
    return titles.to_org_ref(reading, context)[1]


def _read_groups(art: Article, facts: ArticleFacts) -> None:
    """Each group number once, at its first mention (``art.groups`` is in pattern order,
    each pattern's matches in text order, as step 1 found them)."""
    seen = set()
    for a in art.groups:
        if a.value not in seen:
            seen.add(a.value)
            facts.groups.append(GroupFacts(a.value, art.span(a.start, a.end)))


def _read_event(art: Article, anns: list[Ann], per_sentence: list[list[Ann]],
                facts: ArticleFacts) -> None:
    events = [a for a in anns if a.kind == "EVENT"]
    if not events:
        return
    holds = [a for a in anns if a.kind == "HOLD"]
    hold_sentence = None
    for h in holds:
        s = art.sentence_of(h.start)
        if s is not None and any(s.start <= e.start < s.end for e in events):
            hold_sentence = s
            break
    kind_ann = next((e for e in events if hold_sentence and
                     hold_sentence.start <= e.start < hold_sentence.end), None)
    kind = str(kind_ann.value) if kind_ann else Counter(
        str(e.value) for e in events).most_common(1)[0][0]
    event = EventFacts(kind=kind, date=_event_date(art, anns, hold_sentence))
    if hold_sentence is not None:
        event.span = art.span(hold_sentence.start, hold_sentence.end)
    for sent, here in zip(art.sentences, per_sentence, strict=True):
        verbs = [a for a in here if a.kind in ("CHAIR", "ATTEND")]
        if not verbs:
            continue
        for p in (a for a in here if a.kind == "PERSON"):
            verb = min(verbs, key=lambda v: _verb_distance(art.folded.text, p, v))
            chair = [v for v in verbs if v.kind == "CHAIR"]
            if verb.kind == "ATTEND" and chair:
                # "dự và chủ trì", "attended and chaired": chairing says more
                nearest_chair = min(_verb_distance(art.folded.text, p, v) for v in chair)
                if nearest_chair - _verb_distance(art.folded.text, p, verb) < 25:
                    verb = next(v for v in chair
                                if _verb_distance(art.folded.text, p, v) == nearest_chair)
            target = event.chairs if verb.kind == "CHAIR" else event.attendees
            name = p.value.latin
            if all(n != name for n, _ in target):
                target.append((name, art.span(sent.start, sent.end)))
    chair_names = {n for n, _ in event.chairs}
    event.attendees = [(n, s) for n, s in event.attendees if n not in chair_names]
    facts.events.append(event)


def _verb_distance(text: str, person: Ann, verb: Ann) -> int:
    a, b = sorted((person.end, verb.start)) if person.end <= verb.start else \
        sorted((verb.end, person.start))
    return (b - a) + (1000 if ";" in text[a:b] else 0)


def _event_date(art: Article, anns: list[Ann], hold_sentence: Sentence | None):
    published = art.doc.published
    ref_year = art.reference_year
    doc_anns = [a for a in anns if a.kind == "DOC"]

    def after_document(date_ann: Ann) -> bool:
        """A date that belongs to a document named just before it, in its sentence."""
        if not doc_anns:
            return False
        sent = art.sentence_of(date_ann.start)
        return any(a.end <= date_ann.start <= a.end + 40
                   and sent is not None and sent.start <= a.start
                   for a in doc_anns)

    candidates = [a for a in anns if a.kind in ("DATE", "TODAY") and not after_document(a)]
    if hold_sentence is not None:
        inside = [a for a in candidates if hold_sentence.start <= a.start < hold_sentence.end]
        if inside:
            candidates = inside
    for a in candidates:
        if a.kind == "TODAY":
            if published is not None:
                return published
            continue
        d, m, y = a.value
        resolved = dates.resolve(d, m, y, published, ref_year)
        if resolved is not None:
            return resolved
    return None

