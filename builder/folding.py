"""Every way partygraph folds text, in one module: one function per purpose.

Text is folded for three different jobs, and each job has its own function so that no
module grows a private diacritic stripper that drifts from the others:

- **matching with offsets** — :func:`fold_text` (and :func:`fold_char`): lower case,
  Latin diacritics removed, Arabic short vowels and tatweel removed, alef variants
  unified, ``ё`` -> ``е``, typographic apostrophes and dashes unified, character by
  character, with a map back to the original offsets (evidence spans point there).
  Lexicon patterns are written in this form.
- **keys** — :func:`fold_key`: lower case, marks gone, ``đ`` -> ``d``, every run of
  non-word characters one space. Names are compared on it, and IRI slugs
  (:func:`partygraph.iris.slug`) are made from it; :func:`squash` is the same key
  without spaces, the form the gazetteer indexes places in, and
  :func:`squash_marked` the spelling-sensitive twin that keeps the marks.
- **spelling** — :func:`strip_diacritics`: the case kept, every Vietnamese mark gone
  (the canonical Latin spelling of a name, "Lào Cai" -> "Lao Cai"), :func:`strip_tones`
  only the tone marks, :func:`has_vietnamese_marks` whether any is written.

Changing any of these changes IRIs or keys: the examples' ``graph.trig`` must stay
byte-identical.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Combining tone marks of Vietnamese: grave, acute, tilde, hook above, dot below.
TONE_MARKS = {"\u0300": 2, "\u0301": 1, "\u0303": 4, "\u0309": 3, "\u0323": 5}
#: A Vietnamese mark in decomposed text: the tones, horn, circumflex, breve; or đ.
_VI_MARKS = re.compile(r"[\u0300-\u0303\u0309\u0323\u031b\u0302\u0306]|đ|Đ")
_NON_WORD = re.compile(r"[^\w]+")


# -- keys ---------------------------------------------------------------------------
def fold_key(text: str) -> str:
    """Lower-case form of a name without marks, words separated by one space.

    >>> fold_key("Nguyễn Thành Nam"), fold_key("Đà Nẵng!"), fold_key("Нгуен  Ван")
    ('nguyen thanh nam', 'da nang', 'нгуен ван')
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """:func:`fold_key` without spaces: the form place names are compared in.

    Cached: place finding squashes every capitalized run of words of every article,
    and the same names come back article after article.

    >>> squash("Bà Rịa - Vũng Tàu")
    'bariavungtau'
    """
    return fold_key(text).replace(" ", "")


def squash_marked(text: str) -> str:
    """Lower case without spaces or hyphens, the marks kept: "Chủ" and "Chũ" differ.

    >>> squash_marked("Thừa Thiên-Huế")
    'thừathiênhuế'
    """
    return unicodedata.normalize("NFC", text).lower().replace(" ", "").replace("-", "")


# -- spelling -----------------------------------------------------------------------
def strip_diacritics(text: str) -> str:
    """Drop every Vietnamese mark, keeping the case: ``"Đặng Thị Ưng"`` -> ``"Dang Thi Ung"``.

    >>> strip_diacritics("Lào Cai")
    'Lao Cai'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def strip_tones(text: str) -> str:
    """Drop tone marks but keep vowel quality marks: ``"Nguyễn"`` -> ``"Nguyên"``."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))


def has_vietnamese_marks(text: str) -> bool:
    """Whether a Vietnamese mark (a tone, a vowel mark, đ) is written in ``text``.

    >>> has_vietnamese_marks("Chủ tịch"), has_vietnamese_marks("Chu tich")
    (True, False)
    """
    return bool(_VI_MARKS.search(unicodedata.normalize("NFD", text)))


# -- matching with offsets ----------------------------------------------------------
_ARABIC_DROP = set(range(0x064B, 0x0660)) | {0x0640, 0x0670}
_MAP = {
    "đ": "d", "Đ": "d", "ё": "е", "Ё": "е", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
    "–": "-", "—": "-", "‑": "-", "«": '"', "»": '"', "“": '"', "”": '"',
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ـ": "",
    "œ": "œ", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "،": ",", "؛": ";", "؟": "?", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")",
}


def fold_char(c: str) -> str:
    """One character folded for matching; '' when it carries no letter (an Arabic
    vowel mark)."""
    if c in _MAP:
        return _MAP[c]
    if ord(c) in _ARABIC_DROP:
        return ""
    if c.isascii():
        return c.lower()
    if c.isdigit():
        return str(unicodedata.digit(c, 0))
    base = unicodedata.normalize("NFD", c)
    if not _is_latin(base[0]):
        # й, ё (mapped above), Arabic hamza seats: the mark is part of the letter
        low = c.lower()
        return low if len(low) == 1 else c
    base = "".join(ch for ch in base if not unicodedata.combining(ch)) or c
    low = base.lower()
    return low if len(low) == 1 else base


def _is_latin(c: str) -> bool:
    o = ord(c)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


@dataclass(frozen=True)
class Folded:
    """A folded text and, for each of its characters, the offset in the original."""

    original: str
    text: str
    index: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Folded [start, end) -> original [start, end)."""
        if start >= len(self.index):
            return len(self.original), len(self.original)
        o_start = self.index[start]
        o_end = self.index[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def original_text(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


def fold_text(text: str) -> Folded:
    """Fold ``text`` character by character for matching, keeping the offset map.

    Folding is per character, so it runs as ``str.translate`` over a table of the
    characters seen so far (each folded once per process by :func:`fold_char`); the
    offset map is the identity except around the few characters that fold to nothing
    (Arabic vowel marks) or to more than one character.
    """
    table = _FOLD_TABLE
    new = set(text).difference(_SEEN)
    if new:
        _learn(new)
    out = text.translate(table)
    if len(out) == len(text) and not _IRREGULAR.intersection(text):
        return Folded(text, out, tuple(range(len(text))))
    index: list[int] = []
    prev = 0
    for i, c in enumerate(text):
        if c in _IRREGULAR:
            index.extend(range(prev, i))
            index.extend([i] * len(table[ord(c)]))
            prev = i + 1
    index.extend(range(prev, len(text)))
    return Folded(text, out, tuple(index))


_FOLD_TABLE: dict[int, str] = {}    # code point -> folded string, for str.translate
_SEEN: set[str] = set()
_IRREGULAR: set[str] = set()         # characters that do not fold to exactly one


def _learn(chars: set[str]) -> None:
    for c in chars:
        f = fold_char(c)
        _FOLD_TABLE[ord(c)] = f
        if len(f) != 1:
            _IRREGULAR.add(c)
        _SEEN.add(c)
