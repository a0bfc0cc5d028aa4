"""Numbered documents: "Résolution n° 17/2023/NQ-HDND du 8 décembre 2023 du Conseil
populaire provincial", "План № 256 от 10 марта 2023 года".

A document word is followed, with at most a number marker between, by a number; then
optionally by a date and by the issuing organization (a title chain without a role).
The type code inside a Vietnamese number (NQ, KH, QĐ …) overrides the word, which
translation often garbles. A bare number that starts a fuller number of the same type
in the same article ("résolution n° 17" and "17/2023/NQ-HDND") is the same document.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from functools import cache
from importlib import resources

from partygraph.extract import dates, titles
from partygraph.extract.annotations import Ann
from partygraph.extract.article import Article
from partygraph.extract.lexicon import Lexicon
from partygraph.extract.windows import ISSUER_AFTER_NUMBER
from partygraph.models import ArticleFacts, DocumentFacts, GroupFacts, OrgRef, PlaceRef

# between a document number and its date: at most one short word ("du", "dated", "от").
# Matched with ``fullmatch(text, pos, endpos)``, not on a slice: a slice from each number
# to every later date was quadratic in a long article. Every prefix of a gap it matches
# is matched too, so a date further away than the first one after the number has no
# matching gap when that first one has none.
_DATE_GAP = re.compile(r"[\s,(（]*(?:[^\W\d]{1,6}\.?[\s(（]*){0,2}")
_NUMBER = r"(\d{1,5}(?:[/\-.][0-9A-Za-zĐđ]{1,12})*)"


@cache
def number_codes() -> dict[str, str]:
    data = tomllib.loads(resources.files("partygraph").joinpath("data/documents.toml")
                         .read_text(encoding="utf-8"))
    return {k.upper(): v for k, v in data["number_codes"].items()}


def normalize_number(raw: str) -> str:
    """Upper case, no spaces, Vietnamese letters folded (HĐND -> HDND)."""
    return re.sub(r"\s+", "", raw).replace("đ", "d").replace("Đ", "D").upper().strip(".-/")


def type_from_number(number: str) -> str | None:
    """The type its code gives a number: the first part after the digits and the year
    ("1101-QĐNS/TW", "17/2023/NQ-HĐND"); later parts name the issuer, whose letters
    may spell a type code too ("…/BC-UBND" is not a report when its type code is KH)."""
    for part in re.split(r"[/\-]", number)[1:]:
        if not part.isdigit():
            return number_codes().get(part.upper())
    return None


def find(folded_text: str, original: str, index: tuple[int, ...], lex: Lexicon,
         doc_anns: list[Ann]) -> list[Ann]:
    """DOCNUM annotations (value = (type, number)) from DOC annotations."""
    out: list[Ann] = []
    marker = lex.number_marker
    follow = re.compile(rf"\s*(?:{marker})?\s*{_NUMBER}(?![\d%,.]\d)(?!\s*%)")
    for a in doc_anns:
        m = follow.match(folded_text, a.end)
        if not m:
            continue
        start, end = m.start(1), m.end(1)
        raw = original[index[start]:index[end - 1] + 1]
        number = normalize_number(raw)
        if re.fullmatch(r"(?:19|20)\d{2}", number) or not number:
            continue  # a year ("plan 2024"), not a number
        if re.fullmatch(r"\d+", number) and int(number) > 2000 and "/" not in number:
            continue
        doc_type = type_from_number(number) or str(a.value)
        out.append(Ann(a.start, end, "DOCNUM", (doc_type, number)))
    out.extend(coded_numbers(folded_text, original, index, {a.value[1] for a in out}))
    return merge_short_numbers(out)


# A number with a type code and an issuer ("07-CTr/TU", "17/2023/NQ-HĐND") on its own:
# after a space, a bracket or a marker's dot ("No.07-CTr/TU"), never inside a longer
# number or word.
_CODED = re.compile(r"(?<![\w/\-])(?<!\d\.)\d{1,5}(?:/\d{4})?[/\-][^\W\d_]{1,6}"
                    r"(?:[/\-][^\W_]{1,12})+(?![\w/\-])")


def coded_numbers(folded_text: str, original: str, index: tuple[int, ...],
                  known: set[str]) -> list[Ann]:
    """Numbers whose type code names a document type, wherever no document word stands
    before them: the code says what the document is ("the Action ProgramNo.07-CTr/TU",
    with its words run together, or a number cited alone in brackets). Codes of the
    "other" kind (invitations, minutes …) are not documents the graph records alone."""
    out = []
    for m in _CODED.finditer(folded_text):
        start, end = m.span()
        number = normalize_number(original[index[start]:index[end - 1] + 1])
        doc_type = type_from_number(number)
        if doc_type is None or doc_type == "other" or number in known:
            continue
        known.add(number)
        out.append(Ann(start, end, "DOCNUM", (doc_type, number)))
    return out


def merge_short_numbers(anns: list[Ann]) -> list[Ann]:
    """Drop "17" when "17/2023/NQ-HDND" of the same type is in the article.

    "17" starts a fuller number when it is one of that number's parts before a "/"
    ("17", "17/2023" of "17/2023/NQ-HDND"): those prefixes are put in a set once, where
    comparing each short number with every full one is quadratic in a long article.
    """
    prefixes = {(t, n[:i]) for t, n in (a.value for a in anns) if "/" in n
                for i, c in enumerate(n) if c == "/"}
    return [a for a in anns if "/" in a.value[1] or a.value not in prefixes]


def read_documents(art: Article, anns: list[Ann], facts: ArticleFacts) -> None:
    """Each numbered document once, with the date and the issuer written after it; a
    coded number counts without a document word."""
    doc_anns = [a for a in anns if a.kind == "DOC"]
    text = art.folded.text
    found = find(text, art.doc.text, art.folded.index, art.lex, doc_anns)
    date_anns = [x for x in anns if x.kind == "DATE"]     # sorted by start, as ``anns``
    date_starts = [x.start for x in date_anns]
    starts = [x.start for x in anns]
    seen = set()
    for a in found:
        doc_type, number = a.value
        if (doc_type, number) in seen:
            continue
        seen.add((doc_type, number))
        issued = None
        i = bisect.bisect_left(date_starts, a.end)
        tail = date_anns[i] if i < len(date_anns) and \
            _DATE_GAP.fullmatch(text, a.end, date_starts[i]) else None
        if tail is not None:
            d, m, y = tail.value
            issued = dates.resolve(d, m, y, art.doc.published, art.reference)
        issuer = _issuer(art, anns, starts, tail.end if tail else a.end, facts)
        facts.documents.append(DocumentFacts(doc_type, number, art.span(a.start, a.end),
                                             issued, issuer))


def _issuer(art: Article, anns: list[Ann], starts: list[int], after: int,
            facts: ArticleFacts) -> OrgRef | None:
    """An organization chain right after the number or the date ("du Conseil populaire");
    the annotations starting in that window found by bisection (``anns`` are sorted by
    start, ``starts`` their starts), not by a pass over the article per document."""
    following = anns[bisect.bisect_left(starts, after):
                     bisect.bisect_right(starts, after + ISSUER_AFTER_NUMBER)]
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


def read_groups(art: Article, facts: ArticleFacts) -> None:
    """Each group number once, at its first mention (``art.groups`` is in pattern order,
    each pattern's matches in text order, as step 1 found them)."""
    seen = set()
    for a in art.groups:
        if a.value not in seen:
            seen.add(a.value)
            facts.groups.append(GroupFacts(a.value, art.span(a.start, a.end)))
