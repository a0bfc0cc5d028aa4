"""Step 3 of extraction: the article's province and its main place.

"Provincial" in a title means the article's province, so it must be settled before
titles are read. In order of trust: the organizer of the event ("The Standing Committee
of the X Provincial Party Committee held …"), then the newspaper's code or the
publisher's name — unless the text names other provinces and never the code's — then the
provinces the text names, then those its districts and communes imply. A lower-level
organizer is the main place only inside that province: "la commune de Vi Xuyen" does
not move an article about the province of Tuyen Quang to the former Hà Giang.
"""

from __future__ import annotations

import bisect
from collections import Counter

from partygraph.extract import places, titles
from partygraph.extract.annotations import Ann, resolve_overlaps
from partygraph.extract.article import Article
from partygraph.extract.windows import ORGANIZER_AFTER_HOLD
from partygraph.models import PlaceRef
from partygraph.newspapers import province_of_code

_RANK = {"commune": 0, "district": 1, "city": 2, "province": 3}


def settle_place(art: Article, base: list[Ann], people: list[Ann],
                 hits: list[places.PlaceHit]) -> tuple[PlaceRef | None, PlaceRef | None]:
    """(the article's province, its main place): the place the organizer names when it
    agrees with the article's province, else the province."""
    gz = art.gz
    code_province = None
    if art.doc.newspaper_code:
        code_province = province_of_code(art.doc.newspaper_code, gz, art.on)
    if code_province is None and art.doc.source_name:
        code_province = _province_in_name(art.doc.source_name, gz, art.on)
    named, inferred = _province_votes(gz, hits)
    if code_province is not None and named and code_province.key not in named:
        # "(QNO) - … the Quang Ninh Provincial Party Committee": the text says which
        code_province = None
    province = code_province
    if province is None and (named or inferred):
        best = sorted((named or inferred).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        province = gz.get(best)
    organizer = _organizer_place(art, base, people, hits, province)
    if organizer is not None:
        org_province = gz.province_of(organizer)
        if province is None or org_province is None or org_province.key == province.key:
            return org_province or province, organizer
        if organizer.level == "province" and code_province is not None:
            # the organizer names its province outright: it outranks a newspaper code
            return organizer, organizer
    return province, province


def _province_votes(gz, hits: list[places.PlaceHit]) -> tuple[Counter[str], Counter[str]]:
    """Provinces the text names ("province de Tuyen Quang", "Quang Ninh"), and those its
    districts and communes imply, each ranked by how many places vote for it.

    A name that is a province's is the province (a namesake district is named with its
    level word); a lower unit votes only when its name is unique to one province, and
    one written with its level word ("Binh Luc district") counts before one without.
    """
    named: Counter[str] = Counter()
    inferred: Counter[str] = Counter()
    for h in hits:
        provinces = [c for c in h.candidates if c.level == "province"]
        if provinces and h.level_hint in ("", "province"):
            named[provinces[0].key] += 1
            continue
        provs = {(gz.province_of(c) or c).key for c in h.candidates}
        if len(provs) == 1:
            inferred[provs.pop()] += 1 + (1 if h.level_hint else 0)
    return named, inferred


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
    if not holds:
        return None
    # by start, for the annotations of one sentence in log time: a pass over the whole
    # article for each "held" is quadratic in a long article
    event_starts = sorted(a.start for a in base if a.kind == "EVENT")
    in_base = _ByStart(base)
    in_people = _ByStart(people)
    widest = max((p.end - p.start for p in people), default=0)
    folded_hits: _ByStart | None = None
    # the first organizer chain of each sentence: every "held" of a sentence takes it
    # when it starts early enough, so a sentence is read once, not once per "held"
    first: dict[int, titles.Chain | None] = {}
    for hold in holds:
        sent = art.sentence_of(hold.start)
        if sent is None or not _any_in(event_starts, sent.start, sent.end):
            continue
        if sent.start not in first:
            if folded_hits is None:
                folded_hits = _ByStart([Ann(*art.to_folded(h.start, h.end), "PLACE", h)
                                        for h in hits])
            here = in_base.between(sent.start, sent.end)
            places_here = folded_hits.between(sent.start, sent.end)
            high = max((a.end for a in here + places_here), default=sent.end)
            # only the persons that can touch the sentence's annotations: the others
            # stand before or after every chain, which they cannot break
            near = [p for p in in_people.between(sent.start - widest, high)
                    if p.end > sent.start]
            anns = resolve_overlaps(here + near + places_here)
            first[sent.start] = next(
                (c for c in titles.chains(anns, art.folded.text, art.lex)
                 if _names_organizer([a.kind for a in c.items])), None)
        chain = first[sent.start]
        if chain is not None and chain.start <= hold.start + ORGANIZER_AFTER_HOLD:
            # the most specific place of the chain: "谅山省平嘉县委" is Bình Gia's
            found = [places.resolve(a.value, art.gz, province)
                     for a in chain.items if a.kind == "PLACE"]
            return min(found, key=lambda u: _RANK.get(u.level, 9))
    return None


def _names_organizer(kinds: list[str]) -> bool:
    return "ORG" in kinds and "PLACE" in kinds and "ROLE" not in kinds


class _ByStart:
    """Annotations found by start offset in log time, each window in the list's order."""

    def __init__(self, anns: list[Ann]) -> None:
        self.order = sorted(range(len(anns)), key=lambda i: anns[i].start)
        self.starts = [anns[i].start for i in self.order]
        self.anns = anns

    def between(self, low: int, high: int) -> list[Ann]:
        """The annotations with ``low <= start < high``, in their first order."""
        i, j = bisect.bisect_left(self.starts, low), bisect.bisect_left(self.starts, high)
        return [self.anns[k] for k in sorted(self.order[i:j])]


def _any_in(starts: list[int], low: int, high: int) -> bool:
    i = bisect.bisect_left(starts, low)
    return i < len(starts) and starts[i] < high
