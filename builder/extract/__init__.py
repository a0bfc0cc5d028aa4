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
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from builder import gazetteer as gazetteer_mod
from builder.extract import dates, documents, lexicon, names, places, titles
from builder.extract.annotations import Ann, resolve_overlaps
from builder.extract.text import Folded, Sentence, fold_text, sentences
from builder.iris import fold
from builder.models import (
    ArticleFacts,
    Document,
    DocumentFacts,
    EventFacts,
    GroupFacts,
    PersonFacts,
    PlaceMention,
    PlaceRef,
    Post,
    Span,
)
from builder.newspapers import province_of_code

_POSTFIX_GAP = re.compile(r"^\s*[,\-–—:(]\s*$")
_PREFIX_GAP = re.compile(r"^[\s,]*$")
# between a document number and its date: at most one short word ("du", "dated", "от")
_DATE_GAP = re.compile(r"^[\s,(（]*(?:[^\W\d]{1,6}\.?[\s(（]*){0,2}$")

__all__ = ["extract"]


class _Article:
    """Working state of one extraction; discarded when ``extract`` returns."""

    def __init__(self, doc: Document, lex: lexicon.Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.gz = gazetteer_mod.load()
        self.folded: Folded = fold_text(doc.text)
        self.sentences: list[Sentence] = sentences(self.folded)
        self.groups: list[Ann] = []

    # -- coordinates ---------------------------------------------------------------
    def to_folded(self, start: int, end: int) -> tuple[int, int]:
        idx = self.folded.index
        return bisect.bisect_left(idx, start), bisect.bisect_left(idx, end)

    def span(self, a_start: int, a_end: int) -> Span:
        """Evidence for a folded range: original offsets and the sentence around it."""
        o_start, o_end = self.folded.span(a_start, a_end)
        sent = next((s for s in self.sentences if s.start <= a_start < s.end), None)
        if sent is None:
            text = self.doc.text[o_start:o_end]
        else:
            s0, s1 = self.folded.span(sent.start, sent.end)
            text = self.doc.text[s0:s1]
        return Span(o_start, o_end, " ".join(text.split()))

    def sentence_of(self, pos: int) -> Sentence | None:
        return next((s for s in self.sentences if s.start <= pos < s.end), None)


def extract(doc: Document) -> ArticleFacts:
    """Everything one article states, before identities are resolved across articles."""
    lex = lexicon.load(doc.lang)
    facts = ArticleFacts(document=doc)
    if lex is None:
        return facts
    art = _Article(doc, lex)
    text = art.folded.text
    base = _lexicon_annotations(text, lex)
    runs = names.find_runs(doc.text, lex.script)
    hits = places.find(art.folded, lex.script, art.gz, on=doc.published)
    persons, place_hits = _decide_persons(art, base, runs, hits)
    province, about = _settle_place(art, base, persons, place_hits)
    facts.province, facts.about_place = province, about
    resolved = {id(h): places.resolve(h, art.gz, province) for h in place_hits}
    place_anns = []
    for h in place_hits:
        fs, fe = art.to_folded(h.start, h.end)
        place_anns.append(Ann(fs, fe, "PLACE", resolved[id(h)]))
        facts.places.append(PlaceMention(resolved[id(h)], h.surface, art.span(fs, fe)))
    anns = resolve_overlaps(base + persons + place_anns)
    art.groups = [a for a in base if a.kind == "GROUP"]
    _read_persons(art, anns, facts)
    _read_documents(art, anns, facts)
    _read_groups(art, facts)
    _read_event(art, anns, facts)
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
                   for m in pattern.finditer(text))
    out.extend(dates.find(text, lex))
    return out


# -- step 2 -----------------------------------------------------------------------------
def _decide_persons(art: _Article, base: list[Ann], runs: list[names.NameRun],
                    hits: list[places.PlaceHit]) -> tuple[list[Ann], list[places.PlaceHit]]:
    text = art.folded.text
    honorific_ends = {a.end for a in base if a.kind == "HON"}
    title_starts = sorted(a.start for a in base if a.kind in ("ROLE", "ORG", "GROUP"))
    title_ends = sorted(a.end for a in base if a.kind in ("ROLE", "ORG", "LEVEL", "GROUP"))
    org_ends = sorted(a.end for a in base if a.kind in ("ORG", "LEVEL"))
    blockers = [(a.start, a.end) for a in base if a.kind in ("HON", "ROLE", "ORG", "LEVEL")]
    hit_spans = [art.to_folded(h.start, h.end) for h in hits]
    persons: list[Ann] = []
    person_spans: list[tuple[int, int]] = []
    for raw in runs:
        run = _trim_run(art, raw, blockers, hit_spans)
        if run is None:
            continue
        fs, fe = art.to_folded(run.start, run.end)
        honorific = any(not text[e:fs].strip(" ,:-") for e in honorific_ends if e <= fs)
        titled_after = any(_POSTFIX_GAP.match(text[fe:s]) for s in title_starts
                           if fe <= s <= fe + 4)
        titled_before = any(_PREFIX_GAP.match(text[e:fs]) for e in title_ends
                            if fs - 3 <= e <= fs)
        after_org = any(_connector_gap(text[e:fs], art.lex) for e in org_ends
                        if fs - 25 <= e <= fs)
        n_syllables = len(run.latin.split())
        is_place = any(h.start == run.start and h.end == run.end for h in hits)
        if fold(run.latin) in names.eponyms():
            accept = honorific or titled_before   # "President Ho Chi Minh", not his city
        elif is_place and after_org and not honorific:
            accept = False    # "Comité provincial du Parti de Ninh Thuan, vice-président …"
        elif honorific or titled_after:
            accept = run.family_first or honorific
        elif titled_before:   # "Comité du Parti de la province de Ninh Binh" is a place
            accept = run.family_first and not is_place
        else:
            accept = run.family_first and (n_syllables >= 3 or art.lex.script == "cyrillic") \
                and not is_place
        if accept:
            persons.append(Ann(fs, fe, "PERSON", run))
            person_spans.append((run.start, run.end))
    kept = [h for h in hits
            if not any(h.start < e and s < h.end for s, e in person_spans)]
    return persons, kept


def _postfix_gap(gap: str, lex: lexicon.Lexicon) -> bool:
    """A separator, then at most connector words: ", " / " - " / ", a " / ", l'un des "."""
    if _POSTFIX_GAP.match(gap):
        return True
    m = re.match(r"^\s*[,\-–—:(]\s*(.*?)\s*$", gap)
    return bool(m and m.group(1) and len(m.group(1)) <= 12
                and (lex.connector.fullmatch(m.group(1)) or lex.article.fullmatch(m.group(1))))


def _connector_gap(gap: str, lex: lexicon.Lexicon) -> bool:
    gap = gap.strip(" ,")
    return not gap or bool(lex.connector.fullmatch(gap))


def _trim_run(art: _Article, run: names.NameRun, blockers: list[tuple[int, int]],
              hit_spans: list[tuple[int, int]]) -> names.NameRun | None:
    """Cut title words, honorifics ("Ông", "Trưởng Ban") and a leading place ("Lạng Sơn
    Nguyễn Văn Hùng") off a Latin name run; at most four syllables remain."""
    def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
        return any(span[0] < e and s < span[1] for s, e in spans)

    if not run.tokens:   # other scripts: reject a run that cuts into a title word
        return None if overlaps(art.to_folded(run.start, run.end), blockers) else run
    tokens = list(run.tokens)
    spans = [art.to_folded(t[0], t[1]) for t in tokens]
    while tokens and overlaps(spans[0], blockers):
        tokens, spans = tokens[1:], spans[1:]
    while tokens and overlaps(spans[-1], blockers):
        tokens, spans = tokens[:-1], spans[:-1]
    # a place name standing before the name
    for k in range(1, len(tokens) - 1):
        lead = (spans[0][0], spans[k - 1][1])
        if any(s <= lead[0] and lead[1] == e for s, e in hit_spans) and \
                names.is_family(tokens[k][2]):
            tokens, spans = tokens[k:], spans[k:]
            break
    tokens = tokens[:4]
    if len(tokens) < 2:
        return None
    if len(tokens) == len(run.tokens):
        return run
    return names.make_run(art.doc.text, tokens)


# -- step 3 -----------------------------------------------------------------------------
def _settle_place(art: _Article, base: list[Ann], persons: list[Ann],
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
    organizer = _organizer_place(art, base, persons, hits, province)
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


def _organizer_place(art: _Article, base: list[Ann], persons: list[Ann],
                     hits: list[places.PlaceHit], province: PlaceRef | None) -> PlaceRef | None:
    """The jurisdiction named in the subject of "… held a conference"."""
    holds = [a for a in base if a.kind == "HOLD"]
    events = [a for a in base if a.kind == "EVENT"]
    for hold in holds:
        sent = art.sentence_of(hold.start)
        if sent is None or not any(sent.start <= e.start < sent.end for e in events):
            continue
        hits_here = []
        for h in hits:
            fs, fe = art.to_folded(h.start, h.end)
            if sent.start <= fs < sent.end:
                hits_here.append((fs, fe, h))
        anns = resolve_overlaps(
            [a for a in base if sent.start <= a.start < sent.end] + persons
            + [Ann(fs, fe, "PLACE", h) for fs, fe, h in hits_here])
        for chain in titles.chains(anns, art.folded.text, art.lex):
            if chain.start > hold.start + 200:
                break
            kinds = [a.kind for a in chain.items]
            if "ORG" in kinds and "PLACE" in kinds and "ROLE" not in kinds:
                # the most specific place of the chain: "谅山省平嘉县委" is Bình Gia's
                found = [places.resolve(a.value, art.gz, province)
                         for a in chain.items if a.kind == "PLACE"]
                rank = {"commune": 0, "district": 1, "city": 2, "province": 3}
                return min(found, key=lambda u: rank.get(u.level, 9))
    return None


# -- step 4 -----------------------------------------------------------------------------
def _read_persons(art: _Article, anns: list[Ann], facts: ArticleFacts) -> None:
    text = art.folded.text
    by_name: dict[str, PersonFacts] = {}
    for sent in art.sentences:
        here = [a for a in anns if sent.start <= a.start < sent.end]
        sent_chains = titles.chains(here, text, art.lex)
        used: set[int] = set()
        people = [a for a in here if a.kind == "PERSON"]
        attached: dict[int, list[titles.Chain]] = {id(p): [] for p in people}
        for p in people:   # titles after the name: "X, membre du …", "X, a member of …"
            for i, c in enumerate(sent_chains):
                if i not in used and c.start >= p.end and \
                        _postfix_gap(text[p.end:c.start], art.lex):
                    attached[id(p)].append(c)
                    used.add(i)
                    break
        for p in people:   # titles before the name: "глава … Нгуен Чин"
            for i, c in enumerate(sent_chains):
                if i in used or c.end > p.start:
                    continue
                gap = text[c.end:p.start]
                gap = art.lex.honorific.regex.sub(" ", gap) if art.lex.honorific.regex else gap
                if _PREFIX_GAP.match(gap):
                    attached[id(p)].append(c)
                    used.add(i)
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


def _posts(art: _Article, chain: titles.Chain, facts: ArticleFacts) -> list[Post]:
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
        role, org = titles.to_org_ref(reading, context)
        posts.append(Post(role, org, art.span(reading.start, reading.end)))
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


# -- step 5 -----------------------------------------------------------------------------
def _read_documents(art: _Article, anns: list[Ann], facts: ArticleFacts) -> None:
    doc_anns = [a for a in anns if a.kind == "DOC"]
    found = documents.find(art.folded.text, art.doc.text, art.folded.index, art.lex, doc_anns)
    ref_year = dates.reference_year(art.doc.text)
    seen = set()
    for a in found:
        doc_type, number = a.value
        if (doc_type, number) in seen:
            continue
        seen.add((doc_type, number))
        issued = None
        tail = [x for x in anns if x.kind == "DATE" and a.end <= x.start
                and _DATE_GAP.match(art.folded.text[a.end:x.start])]
        if tail:
            d, m, y = tail[0].value
            issued = dates.resolve(d, m, y, art.doc.published, ref_year)
        issuer = _issuer(art, anns, tail[0].end if tail else a.end, facts)
        facts.documents.append(DocumentFacts(doc_type, number, art.span(a.start, a.end),
                                             issued, issuer))


def _issuer(art: _Article, anns: list[Ann], after: int, facts: ArticleFacts):
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


def _read_groups(art: _Article, facts: ArticleFacts) -> None:
    seen = set()
    for pattern in art.lex.groups:
        for m in pattern.finditer(art.folded.text):
            n = int(m.group("n"))
            if n not in seen:
                seen.add(n)
                facts.groups.append(GroupFacts(n, art.span(m.start(), m.end())))


def _read_event(art: _Article, anns: list[Ann], facts: ArticleFacts) -> None:
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
    for sent in art.sentences:
        here = [a for a in anns if sent.start <= a.start < sent.end]
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


def _event_date(art: _Article, anns: list[Ann], hold_sentence: Sentence | None):
    published = art.doc.published
    ref_year = dates.reference_year(art.doc.text)
    def after_document(date_ann: Ann) -> bool:
        """A date that belongs to a document named just before it, in its sentence."""
        sent = art.sentence_of(date_ann.start)
        return any(a.kind == "DOC" and a.end <= date_ann.start <= a.end + 40
                   and sent is not None and sent.start <= a.start
                   for a in anns)

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

