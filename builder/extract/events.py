"""Step 5 of extraction: the event an article reports — its kind, its date, who chaired
and who attended.

The event is the one the "hold" sentence names ("… held a conference …"), nearest its
verb, else the first the article names; a person is a chair or an attendee by the
nearest chair or attend verb of their sentence, a chair verb winning a near tie
("attended and chaired"). The date is the first date of the hold
sentence that is not a document's date (else the first date of the lead), resolved against
the article's own date (:mod:`.dates`).

An article may name no event noun at all and still report one: "Attending the
wreath-laying were comrades A, B …", "В подношении цветов приняли участие …". People
who attend or chair attend or chair *something*, so a sentence where an attend or chair
verb stands with a person makes an event of the generic kind ``Event``, that sentence
standing in for the hold sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from partygraph.extract import dates
from partygraph.extract.annotations import Ann, around
from partygraph.extract.article import Article
from partygraph.extract.text import Sentence
from partygraph.extract.windows import (
    ACROSS_SEMICOLON,
    CHAIR_OVER_ATTEND,
    DATE_AFTER_DOCUMENT,
    LEAD_SENTENCES,
)
from partygraph.models import ArticleFacts, EventFacts

#: Event kinds that open a term (a party congress elects the committee of its term).
CONGRESS_KINDS = frozenset({"Congress"})
_WORD = re.compile(r"\S+")


def read_event(art: Article, anns: list[Ann], per_sentence: list[list[Ann]],
                facts: ArticleFacts) -> None:
    events = [a for a in anns if a.kind == "EVENT"]
    if not events:
        _read_unnamed_event(art, anns, per_sentence, facts)
        return
    holds = [a for a in anns if a.kind == "HOLD"]
    hold_sentence = None
    event_starts = sorted(e.start for e in events)
    for h in holds:
        s = art.sentence_of(h.start)
        if s is not None and bisect.bisect_left(event_starts, s.start) < \
                bisect.bisect_left(event_starts, s.end):
            hold_sentence = s
            break
    kind = _event_kind(art, events, holds, hold_sentence)
    event = EventFacts(kind=kind, date=_event_date(art, anns, hold_sentence, kind))
    if hold_sentence is not None:
        event.span = art.span(hold_sentence.start, hold_sentence.end)
    _read_roles(art, per_sentence, event)
    facts.events.append(event)


def _read_unnamed_event(art: Article, anns: list[Ann], per_sentence: list[list[Ann]],
                        facts: ArticleFacts) -> None:
    """The event of an article that names none: the first sentence where a person
    stands with an attend or chair verb holds it (and its date, if it gives one)."""
    text = art.folded.text
    for i, (sent, here) in enumerate(zip(art.sentences, per_sentence, strict=True)):
        kinds = {a.kind for a in here}
        opens_list = text[sent.start:sent.end].rstrip().endswith((":", "：")) and \
            i + 1 < len(per_sentence) and any(a.kind == "PERSON" for a in per_sentence[i + 1])
        if ("PERSON" in kinds or opens_list) and kinds & {"ATTEND", "CHAIR"}:
            # only a date of that sentence: with no event named, another date of the
            # article is as likely a document's or a term's as the event's
            dated = bool(kinds & {"DATE", "TODAY"})
            event = EventFacts(kind="Event",
                               date=_event_date(art, anns, sent, "Event") if dated else None,
                               span=art.span(sent.start, sent.end))
            _read_roles(art, per_sentence, event)
            facts.events.append(event)
            return


def _read_roles(art: Article, per_sentence: list[list[Ann]], event: EventFacts) -> None:
    """Chairs and attendees, each person by the nearest verb of their sentence.

    A list laid out one person a line ("Attending were:" then "- Comrade A, …;" …)
    takes the verbs of the line that opens it with a colon, for as long as its lines
    name people and do not close with a full stop.
    """
    text = art.folded.text
    carried: list[Ann] = []
    for sent, here in zip(art.sentences, per_sentence, strict=True):
        verbs = [a for a in here if a.kind in ("CHAIR", "ATTEND")]
        people = [a for a in here if a.kind == "PERSON"]
        line = text[sent.start:sent.end].rstrip()
        if verbs:
            carried = verbs if line.endswith((":", "：")) else []
        elif carried and people:
            verbs = carried
            if line.endswith((".", "。")):
                carried = []
        else:
            carried = []
        if not verbs:
            continue
        verb_starts = [v.start for v in verbs]
        chairs = [v for v in verbs if v.kind == "CHAIR"]
        chair_starts = [v.start for v in chairs]
        for p in people:
            verb = min(around(verbs, verb_starts, p),
                       key=lambda v: _verb_distance(art.folded.text, p, v))
            chair = around(chairs, chair_starts, p)
            if verb.kind == "ATTEND" and chair:
                # "dự và chủ trì", "attended and chaired": chairing says more
                nearest_chair = min(_verb_distance(art.folded.text, p, v) for v in chair)
                if nearest_chair - _verb_distance(art.folded.text, p, verb) \
                        < CHAIR_OVER_ATTEND:
                    verb = next(v for v in chair
                                if _verb_distance(art.folded.text, p, v) == nearest_chair)
            target = event.chairs if verb.kind == "CHAIR" else event.attendees
            name = p.value.latin
            if all(n != name for n, _ in target):
                target.append((name, art.span(sent.start, sent.end)))
    chair_names = {n for n, _ in event.chairs}
    event.attendees = [(n, s) for n, s in event.attendees if n not in chair_names]


def _event_kind(art: Article, events: list[Ann], holds: list[Ann],
                hold_sentence: Sentence | None) -> str:
    """The kind of the event the article reports.

    In the hold sentence, the verb's object ("… delegates to the National Congress held
    a meeting", only articles between), else the event noun nearest a hold verb ("The
    conference was held to prepare the congress"); without a hold sentence, the first
    event noun of the article: the title and the lead name the event, later mentions
    are often other events it prepares or recalls.
    """
    if hold_sentence is None:
        return str(min(events, key=lambda e: e.start).value)
    inside = [e for e in events if hold_sentence.start <= e.start < hold_sentence.end]
    verbs = [h for h in holds if hold_sentence.start <= h.start < hold_sentence.end]
    text = art.folded.text
    verb_starts = [h.start for h in verbs]
    # the verb right before an event is the only one whose gap can hold only articles
    # (a farther one's gap holds that verb); its words are read lazily, up to a non-article
    objects = [e for e in inside for h in [v for v in around(verbs, verb_starts, e)
                                           if v.end <= e.start][-1:]
               if all(art.lex.article.fullmatch(w.group())
                      for w in _WORD.finditer(text, h.end, e.start))]
    if objects:
        return str(min(objects, key=lambda e: e.start).value)
    nearest = min(inside, key=lambda e: (min(_gap(e, h) for h in
                                             around(verbs, verb_starts, e)), e.start))
    return str(nearest.value)


def _gap(a: Ann, b: Ann) -> int:
    """Characters between two annotations (0 when they touch or overlap)."""
    return max(a.start - b.end, b.start - a.end, 0)


def _verb_distance(text: str, person: Ann, verb: Ann) -> int:
    a, b = sorted((person.end, verb.start)) if person.end <= verb.start else \
        sorted((verb.end, person.start))
    return (b - a) + (ACROSS_SEMICOLON if ";" in text[a:b] else 0)


def _event_date(art: Article, anns: list[Ann], hold_sentence: Sentence | None,
                kind: str) -> dt.date | None:
    published = art.doc.published
    doc_anns = sorted((a for a in anns if a.kind == "DOC"), key=lambda a: a.end)
    doc_ends = [a.end for a in doc_anns]

    def after_document(date_ann: Ann) -> bool:
        """A date that belongs to a document named just before it, in its sentence
        (the documents ending in the window before it found by bisection: one pass
        over all of them per date is quadratic in a long article)."""
        if not doc_anns:
            return False
        sent = art.sentence_of(date_ann.start)
        low = bisect.bisect_left(doc_ends, date_ann.start - DATE_AFTER_DOCUMENT)
        high = bisect.bisect_right(doc_ends, date_ann.start)
        return sent is not None and any(sent.start <= a.start for a in doc_anns[low:high])

    candidates = [a for a in anns if a.kind in ("DATE", "TODAY") and not after_document(a)]
    inside = [a for a in candidates if hold_sentence is not None
              and hold_sentence.start <= a.start < hold_sentence.end]
    if inside:
        candidates = inside
    else:
        # the lead says when ("Le matin du 7 février, …"); a date further down belongs
        # to a document, an earlier event or a deadline
        lead = art.sentences[:LEAD_SENTENCES]
        lead_end = lead[-1].end if lead else 0
        candidates = [a for a in candidates if a.start < lead_end]
    for a in candidates:
        if a.kind == "TODAY":
            if published is not None:
                return published
            continue
        d, m, y = a.value
        resolved = dates.resolve(d, m, y, published, art.reference,
                                 _term_opened(art, a, hold_sentence, kind))
        if resolved is not None:
            return resolved
    return None


def _term_opened(art: Article, date_ann: Ann, hold_sentence: Sentence | None,
                 kind: str) -> int | None:
    """A congress opens the term it elects: the first year of the term named in the
    date's sentence (or the hold sentence) is the congress's year."""
    if kind not in CONGRESS_KINDS:
        return None
    text = art.folded.text
    for sent in (art.sentence_of(date_ann.start), hold_sentence):
        if sent is not None:
            year = dates.term_start(text, sent.start, sent.end)
            if year is not None:
                return year
    return None
