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

Steps 2 and 4 live in :mod:`.persons` (names in :mod:`.names`, titles in :mod:`.titles`,
which names a title belongs to in :mod:`.lists`), step 3 in :mod:`.mainplace`, step 5
in :mod:`.events` and :mod:`.documents`, dates in :mod:`.dates`; every distance the
steps measure is named in :mod:`.windows`. The per-article working state (folded text,
sentences, offset look-ups) in :mod:`.article`; lexicon patterns are matched through
:mod:`.scan`, which finds exactly what ``re.finditer`` finds, faster.
"""

from __future__ import annotations

from partygraph.extract import dates, documents, events, lexicon, mainplace, names, persons, places
from partygraph.extract.annotations import Ann, resolve_overlaps
from partygraph.extract.article import Article
from partygraph.extract.scan import scanner
from partygraph.models import ArticleFacts, Document, PlaceMention

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
    art.date_anns = [a for a in base if a.kind == "DATE"]
    hits = places.find(art.folded, lex.script, art.gz, on=art.on, level_after=lex.level_after,
                       level_suffixes=lex.level_suffixes)
    found, place_hits = persons.decide(art, base, runs, hits)
    province, about = mainplace.settle_place(art, base, found, place_hits)
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
    documents.read_documents(art, anns, facts)
    documents.read_groups(art, facts)
    events.read_event(art, anns, per_sentence, facts)
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
