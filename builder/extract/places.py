"""Finding administrative units in text, in any script, with the gazetteer.

Provinces, cities and districts are found by name alone; communes only beside a commune
word ("commune de", "xã", "коммуна", "Don Xa commune"), since ten thousand commune names
would otherwise match ordinary words and personal names. Candidates stay ambiguous
("Châu Thành" is a district in six provinces) until the article's province is known;
:func:`resolve` then picks the unit inside that province.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from partygraph import translit
from partygraph.extract import lexicon
from partygraph.extract.annotations import Occupied
from partygraph.extract.text import reach
from partygraph.extract.windows import LEVEL_WORD_AFTER, LEVEL_WORD_BEFORE
from partygraph.folding import Folded, fold_text, has_vietnamese_marks, squash, squash_marked
from partygraph.gazetteer import REFORM_DATE, Gazetteer
from partygraph.models import PlaceRef

# words not starting with a-z (the caller keeps those starting upper case)
_LATIN_WORD = re.compile(r"(?<![\w'])[^\W\d_a-z][^\W\d_]*")
_JOINERS = frozenset((" ", "-", "\u00a0"))
_SCRIPT_JOINERS = frozenset((" ", "-"))
_BARE_LEVELS = ("province", "city", "district")


@dataclass
class PlaceHit:
    start: int            # original-text offsets
    end: int
    surface: str
    candidates: list[PlaceRef]
    level_hint: str = ""


#: The order levels are tried in before a name: "thi xa" (district) before "xa" (commune).
_LEVEL_ORDER = ("province", "city", "district", "commune")


@cache
def _level_words_before() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(level, words) of the ``[level_before]`` of every language, in ``_LEVEL_ORDER``:
    translated articles keep the Vietnamese ones ("tinh Ninh Binh", "xa Don Xa")."""
    lexicons = lexicon.in_every_language()
    return tuple((level, tuple(w for lex in lexicons for w in lex.level_before.get(level, ())))
                 for level in _LEVEL_ORDER)


def _level_before(folded_prefix: str) -> str:
    tail = folded_prefix[-LEVEL_WORD_BEFORE:].rstrip()
    for level, words in _level_words_before():
        if tail.endswith(words):   # the first level with a word the prefix ends in
            return level
    return ""


def _level_after(original_suffix: str,
                 level_after: tuple[tuple[str, re.Pattern[str]], ...]) -> str:
    """The level a word written after the name gives ("Ha Noi City", "Binh Luc district",
    "谅山省"); the words are the language's (``[level_after]`` of its lexicon)."""
    head = original_suffix[:LEVEL_WORD_AFTER].lower()
    for level, pattern in level_after:
        if pattern.match(head):
            return level
    return ""


def find(folded: Folded, script: str, gz: Gazetteer, *, on: date | None,
         exclude: Iterable[tuple[int, int]] = (),
         level_after: tuple[tuple[str, re.Pattern[str]], ...] = (),
         level_suffixes: Mapping[str, tuple[str, ...]] | None = None) -> list[PlaceHit]:
    """Units named in the text (original offsets), skipping the ``exclude`` spans;
    ``level_after`` and ``level_suffixes`` are the language's (its lexicon's)."""
    text = folded.original
    blocked = Occupied(exclude)
    hits: list[PlaceHit] = []

    def free(a: int, b: int) -> bool:
        return not blocked.overlaps(a, b)

    spans = _latin_spans(text) if script == "latin" else _script_spans(
        text, script, level_suffixes or {})
    for start, end, surface, key in spans:
        if not free(start, end):
            continue
        prefix = _fold_prefix(folded, start)
        level = _level_before(prefix)
        after = _level_after(text[end:end + LEVEL_WORD_AFTER], level_after)
        if not level and after == "commune":
            level = after   # "Don Xa commune": a commune word after the name counts too
        if key.startswith("?"):
            if not level:
                continue
            key = key[1:]
        if key in gz.city_word_names:
            if after != "city" and level != "city":
                continue
            key = squash(gz.city_word_names[key])
        levels: tuple[str, ...] = (level,) if level in ("commune",) else _BARE_LEVELS
        if level == "district" and on is not None and on >= REFORM_DATE:
            # districts were abolished on 1 July 2025: "Bezirk Yen Bai" is now a ward
            levels = ("commune", *_BARE_LEVELS)
        found = gz.lookup(key, levels=levels, on=on)
        if not found and level == "city":
            found = gz.lookup(key, levels=("province", "city"), on=on)
        if found and script == "latin" and has_vietnamese_marks(surface):
            # "Chủ tịch" is not the town of Chũ: with marks written, they must agree,
            # unless the marks are those of an exonym's own spelling ("Hué")
            exonym = gz.marked_exonyms.get(squash_marked(surface))
            found = [u for u in found if squash_marked(surface) == squash_marked(u.name)
                     or exonym == u.name]
        if found:
            hits.append(PlaceHit(start, end, surface, found, level or after))
            blocked.add(start, end)
    return sorted(hits, key=lambda h: h.start)


def _fold_prefix(folded: Folded, original_start: int) -> str:
    # the folded text just before an original offset
    j = bisect.bisect_left(folded.index, original_start)
    return folded.text[max(0, j - 40):j]


def _latin_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Capitalized runs of up to four words, longest sub-run first at each start."""
    words = [(m.start(), m.end()) for m in _LATIN_WORD.finditer(text)
             if text[m.start()].isupper()]
    linked = reach(text, words, _JOINERS.__contains__, 4)
    known = _known_keys()
    out = []
    i = 0
    while i < len(words):
        matched = False
        for n in (4, 3, 2, 1):
            if n > linked[i]:
                continue
            start, end = words[i][0], words[i + n - 1][1]
            surface = text[start:end]
            key = squash(surface)
            if key and key in known:
                out.append((start, end, surface, key))
                i += n
                matched = True
                break
        if not matched:
            i += 1
    return out


@cache
def _known_keys() -> frozenset[str]:
    from partygraph.gazetteer import load
    gz = load()
    return frozenset(k for k, units in gz.by_name.items()
                     if any(u.level in ("province", "city", "district", "commune")
                            for u in units)) | frozenset(gz.exonyms) | frozenset(
                                gz.city_word_names)


@cache
def _rendering_index(script: str) -> dict[str, str]:
    """Rendering in a script (folded) -> squashed Latin key, for provinces and districts."""
    from partygraph.gazetteer import load
    gz = load()
    index: dict[str, str] = {}
    for units in gz.by_name.values():
        for u in units:
            if u.level not in ("province", "city", "district"):
                continue
            for r in translit.render(u.name, script):
                index.setdefault(fold_text(r).text, squash(u.name))
    return index


@cache
def _rendering_order(script: str) -> tuple[dict[str, int], tuple[int, ...], frozenset[str]]:
    """Rank of each rendering in the index, the lengths renderings have, their first
    characters: what :func:`_literal_spans` needs to find them all in one pass."""
    index = _rendering_index(script)
    return ({r: i for i, r in enumerate(index)}, tuple(sorted({len(r) for r in index})),
            frozenset(r[0] for r in index if r))


def _literal_spans(text: str, script: str) -> list[tuple[int, int, str, str]]:
    """Every rendering written in the text (Han: no spaces, so anywhere), rendering by
    rendering in index order and each left to right without overlapping itself — the
    order of one ``re.finditer`` per rendering, found with one pass over the text."""
    index = _rendering_index(script)
    rank, lengths, firsts = _rendering_order(script)
    found: dict[str, list[int]] = {}
    n = len(text)
    for i, ch in enumerate(text):
        if ch not in firsts:
            continue
        for length in lengths:
            if i + length > n:
                break
            piece = text[i:i + length]
            if piece in rank:
                found.setdefault(piece, []).append(i)
    out = []
    for rendering in sorted(found, key=rank.__getitem__):
        key, size, free_from = index[rendering], len(rendering), 0
        for i in found[rendering]:
            if i >= free_from:
                out.append((i, i + size, rendering, key))
                free_from = i + size
    return out


_HAN_NAME_CHARS = (4, 3, 2)   # unit names in Han: two to four characters, longest first


@cache
def _unit_levels() -> dict[str, frozenset[str]]:
    """Squashed name -> levels of the provinces, cities and districts of that name."""
    from partygraph.gazetteer import load
    out: dict[str, set[str]] = {}
    for key, units in load().by_name.items():
        for u in units:
            if u.level in ("province", "city", "district"):
                out.setdefault(key, set()).add(u.level)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1 << 14)
def _han_reading_key(piece: str, levels: tuple[str, ...]) -> str:
    """The unit a run of Han characters reads as, by the Hán-Việt readings of each
    character (any homophone: 唯仙 and 維仙 are both Duy Tiên); "" if none."""
    keys = [""]
    for char in piece:
        readings = [plain for plain, _ in translit.syllable_candidates(char, "han")]
        if not readings:
            return ""
        keys = [k + r for k in keys for r in readings]
    known = _unit_levels()
    return next((k for k in keys if known.get(k, frozenset()) & set(levels)), "")


def _han_read_spans(text: str, level_suffixes: Mapping[str, tuple[str, ...]]
                    ) -> list[tuple[int, int, str, str]]:
    """Units written in Han with characters the rendering index does not list, read
    back right before the level word that follows them ("唯仙市", "X县"); only there,
    since any two characters read as some place name somewhere. The level words are the
    language's ``[level_suffixes]``."""
    out = []
    for i, char in enumerate(text):
        levels = level_suffixes.get(char)
        if levels is None:
            continue
        for n in _HAN_NAME_CHARS:
            piece = text[max(0, i - n):i]
            if len(piece) < n or not all("\u4e00" <= c <= "\u9fff" for c in piece):
                continue
            key = _han_reading_key(piece, levels)
            if key:
                out.append((i - n, i, piece, key))
                break
    return out


_SCRIPT_TOKEN = {"cyrillic": re.compile(r"[А-ЯЁ][а-яё]+"),
                 "arabic": re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")}


@lru_cache(maxsize=1 << 14)
def _fold_form(form: str) -> str:
    """A candidate place form folded like the index keys; the same capitalized words
    are tried at every position and in every article, so each is folded once."""
    return fold_text(form).text


@lru_cache(maxsize=1 << 14)
def _inflections(token: str) -> tuple[str, ...]:
    """The base forms a Russian case ending may hide, once per token."""
    return tuple(translit.strip_inflection(token))


def _script_spans(text: str, script: str, level_suffixes: Mapping[str, tuple[str, ...]]
                  ) -> list[tuple[int, int, str, str]]:
    """Renderings of unit names in Cyrillic, Arabic or Han text."""
    index = _rendering_index(script)
    if not index:
        return []
    if script == "han":
        # a name its level word follows first: in "和平嘉县" it is 平嘉 (Bình Gia), and
        # the rendering 和平 (Hòa Bình) that overlaps it is the conjunction 和 read in
        return _han_read_spans(text, level_suffixes) + _literal_spans(text, script)
    out = []
    token = _SCRIPT_TOKEN.get(script, _SCRIPT_TOKEN["arabic"])
    words = [(m.start(), m.end(), m.group(0)) for m in token.finditer(text)]
    linked = reach(text, words, _SCRIPT_JOINERS.__contains__, 3)
    i = 0
    while i < len(words):
        matched = False
        for n in (3, 2, 1):
            if n > linked[i]:
                continue
            run = words[i:i + n]
            surface = text[run[0][0]:run[-1][1]]
            forms = [surface]
            if script == "cyrillic":
                forms = [" ".join(run_[2] for run_ in run[:-1]) + (" " if n > 1 else "") + f
                         for f in _inflections(run[-1][2])]
            for form in forms:
                key = index.get(_fold_form(form))
                # a short single word ("هوي", "Хюэ") only after a level word (checked by find)
                if key and (n > 1 or len(form) >= 5):
                    out.append((run[0][0], run[-1][1], surface, key))
                elif key:
                    out.append((run[0][0], run[-1][1], surface, "?" + key))
                    i += n
                    matched = True
                    break
            if matched:
                break
        if not matched:
            i += 1
    return out


def resolve(hit: PlaceHit, gz: Gazetteer, province: PlaceRef | None) -> PlaceRef:
    """The candidate inside the article's province, else the highest-level one."""
    if province is not None:
        for c in hit.candidates:
            p = gz.province_of(c)
            if p is not None and p.key == province.key:
                if hit.level_hint and c.level != hit.level_hint and any(
                        x.level == hit.level_hint for x in hit.candidates):
                    continue
                return c
    if hit.level_hint:
        for c in hit.candidates:
            if c.level == hit.level_hint:
                return c
    return hit.candidates[0]
