"""Finding Vietnamese personal names written in Han characters (Chinese text).

Chinese writes a Vietnamese name with the characters of its Sino-Vietnamese reading
(阮清南 = Nguyễn Thanh Nam) and puts no space around it, so a name is found by where it
stands rather than by its shape alone:

1. every word of the language's lexicon (titles, organizations, level words, verbs,
   honorifics, event and document words, dates, group numbers) is masked out; what
   remains are *segments*: maximal runs of unmasked Han characters;
2. a segment is *anchored* on a side by what touches it there: strongly by a title word
   before it ("部长阮清南") or by the honorific 同志, a verb of chairing or attending or a
   word that gives a post after it ("阮清南同志", "阮清南主持", "阮清南担任");
   weakly by punctuation or the edge of the text;
3. a name is 2-4 characters, the first a Vietnamese family name, every one a character
   with a Sino-Vietnamese reading (:func:`partygraph.translit.latinize_name`). A strongly
   anchored segment of that size is a name; a longer one gives the three characters
   next to its strong anchor ("部长阮清南强调" -> 阮清南); a weakly anchored one counts
   only in an enumeration ("、") next to a name already found;
4. a segment that an organization or a level word follows ("平顺省委", "谅山省") is a
   place, never a name.

Offsets are those of the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partygraph import translit
from partygraph.extract import dates, lexicon, names
from partygraph.folding import fold_text

__all__ = ["find_han_runs"]

_HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")
_WEAK = frozenset("，,、：:；;（(「『“\"'‘。！？!?）)」』”\n\t 　")
_ENUM = frozenset("、")
_MIN, _MAX, _PREFERRED = 2, 4, 3


@dataclass(frozen=True)
class _Segment:
    start: int
    end: int
    left: str     # "strong" | "weak" | ""
    right: str    # "strong" | "weak" | "place" | ""


def _masks(text: str, lex: lexicon.Lexicon) -> tuple[list[bool], dict[str, set[int]]]:
    """Which original characters belong to lexicon words, and where those words are."""
    folded = fold_text(text)
    masked = [False] * len(text)
    where: dict[str, set[int]] = {"title_end": set(), "after_name": set(),
                                  "place_next": set()}
    spans: list[tuple[int, int, str]] = []
    for kind, tagger in (("HON", lex.honorific), ("ROLE", lex.role), ("ORG", lex.org),
                         ("LEVEL", lex.level), ("CHAIR", lex.chair), ("ATTEND", lex.attend),
                         ("HOLD", lex.hold), ("EVENT", lex.event), ("DOC", lex.document),
                         ("TODAY", lex.today_words), ("EDGE", lex.name_edge)):
        spans.extend((s, e, kind) for s, e, _ in tagger.finditer(folded.text))
    for pattern in lex.groups:
        spans.extend((m.start(), m.end(), "GROUP") for m in pattern.finditer(folded.text))
    # "指定黎玉光担任…": a word that gives a post follows a name as a verb does
    spans.extend((m.start(), m.end(), "POST") for m in lex.post_words.finditer(folded.text)
                 if m.end() > m.start())
    spans.extend((a.start, a.end, "DATE") for a in dates.find(folded.text, lex))
    for fs, fe, kind in spans:
        start, end = folded.span(fs, fe)
        for i in range(start, end):
            masked[i] = True
        if kind in ("ROLE", "ORG", "GROUP", "EDGE"):
            where["title_end"].add(end)
        if kind in ("HON", "CHAIR", "ATTEND", "EDGE", "POST"):
            where["after_name"].add(start)
        if kind in ("ORG", "LEVEL"):
            where["place_next"].add(start)
    return masked, where


def _segments(text: str, masked: list[bool], where: dict[str, set[int]]) -> list[_Segment]:
    out = []
    for m in _HAN.finditer(text):
        i = m.start()
        while i < m.end():
            if masked[i]:
                i += 1
                continue
            j = i
            while j < m.end() and not masked[j]:
                j += 1
            left = "strong" if i in where["title_end"] else (
                "weak" if i == 0 or text[i - 1] in _WEAK else "")
            if j in where["place_next"]:
                right = "place"
            elif j in where["after_name"]:
                right = "strong"
            else:
                right = "weak" if j == len(text) or text[j] in _WEAK else ""
            out.append(_Segment(i, j, left, right))
            i = j
    return out


def _name(text: str, start: int, end: int) -> names.NameRun | None:
    chars = list(text[start:end])
    if not _MIN <= len(chars) <= _MAX or not translit.is_family_name(chars[0], "han"):
        return None
    latin = translit.latinize_name(chars, "han")
    if not latin:
        return None
    return names.NameRun(start, end, latin, text[start:end], True, anchored=True)


def _strong_names(text: str, seg: _Segment, lex: lexicon.Lexicon) -> list[names.NameRun]:
    """Names a segment gives on its strong sides.

    A segment that an organization word follows ends in a place ("平顺省委"): it gives no
    name, unless a title before it anchors a name with room left for the place
    ("副总理陈红河交付了国会": the name, then words, then the organization).
    """
    length = seg.end - seg.start
    if seg.right == "place":
        if seg.left != "strong" or length < _PREFERRED + _MIN:
            return []
        seg = _Segment(seg.start, seg.end, seg.left, "")
    if length <= _MAX and (seg.left == "strong" or seg.right == "strong"):
        whole = _name(text, seg.start, seg.end)
        if whole:
            return [whole]
    found: list[names.NameRun] = []
    if seg.left == "strong":
        for n in (_PREFERRED, _MIN):
            run = _name(text, seg.start, seg.start + n)
            if run:
                found.append(run)
                break
    if seg.right == "strong":
        for n in (_PREFERRED, _MAX, _MIN):
            if seg.end - n < (found[-1].end if found else seg.start):
                continue
            run = _name(text, seg.end - n, seg.end)
            if run:
                found.append(run)
                found.extend(_joined_before(text, seg, run, lex))
                break
    return sorted(found, key=lambda r: r.start)


def _joined_before(text: str, seg: _Segment, run: names.NameRun,
                   lex: lexicon.Lexicon) -> list[names.NameRun]:
    """The name that a conjunction joins to one found at a segment's strong end:
    "阮登光和陈峰被指定" gives 陈峰 by its anchor and 阮登光 through "和"."""
    if seg.left == "":
        return []
    head = text[seg.start:run.start]
    for m in lex.conjunction.finditer(head):
        if m.end() == len(head) and m.start() > 0:
            other = _name(text, seg.start, seg.start + m.start())
            return [other] if other else []
    return []


def _holds_name(seg: _Segment, found: dict[int, names.NameRun]) -> bool:
    return any(seg.start <= r.start < seg.end for r in found.values())


def _enumerated(text: str, seg: _Segment, other: _Segment) -> bool:
    """Whether only an enumeration comma stands between two segments."""
    gap = text[other.end:seg.start] if other.end <= seg.start else text[seg.end:other.start]
    return gap in _ENUM


def find_han_runs(text: str, lang: str = "zh") -> list[names.NameRun]:
    """Vietnamese names written in Han characters, in text order (original offsets).

    >>> [r.latin for r in find_han_runs("省委组织部部长阮清南同志主持会议。")]
    ['Nguyen Thanh Nam']
    """
    lex = lexicon.load(lang)
    if lex is None:
        return []
    masked, where = _masks(text, lex)
    segments = _segments(text, masked, where)
    found: dict[int, names.NameRun] = {}
    for seg in segments:
        for run in _strong_names(text, seg, lex):
            found[run.start] = run
    # enumerations: "出席会议的有：阮清南、黎文勇、范明正同志" -- a weakly anchored segment
    # is a name when "、" links it to a name found on either side, until nothing changes
    changed = True
    while changed:
        changed = False
        for k, seg in enumerate(segments):
            if seg.left == "" or seg.right in ("", "place") or _holds_name(seg, found):
                continue
            neighbours = (nb for nb in segments[max(0, k - 1):k + 2] if nb is not seg)
            if not any(_enumerated(text, seg, nb) and _holds_name(nb, found)
                       for nb in neighbours):
                continue
            weak = _name(text, seg.start, seg.end)
            if weak:
                found[weak.start] = weak
                changed = True
    return [found[s] for s in sorted(found)]
