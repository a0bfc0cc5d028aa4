"""Text normalization that remembers where every character came from.

Lexicon patterns are written in a folded form (lower case, Latin diacritics removed,
Arabic short vowels and tatweel removed, alef variants unified, ``ё`` -> ``е``,
typographic apostrophes and dashes unified). Matching runs on the folded text; the
index map turns every match back into offsets of the original text, which is what
evidence spans must point at.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ARABIC_DROP = set(range(0x064B, 0x0660)) | {0x0640, 0x0670}
_MAP = {
    "đ": "d", "Đ": "d", "ё": "е", "Ё": "е", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
    "–": "-", "—": "-", "‑": "-", "«": '"', "»": '"', "“": '"', "”": '"',
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ـ": "",
    "œ": "œ", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
    "،": ",", "؛": ";", "؟": "?", "，": ",", "；": ";", "：": ":", "（": "(", "）": ")",
}


def fold_char(c: str) -> str:
    """One character folded; '' when it carries no letter (an Arabic vowel mark)."""
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
    """Fold ``text`` character by character, keeping the offset map."""
    out: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        f = fold_char(c)
        for ch in f:
            out.append(ch)
            index.append(i)
    return Folded(text, "".join(out), tuple(index))


_SENTENCE_END = re.compile(r"(?<=[.!?؟。！？])[\"'»”)]?\s+|\n\s*\n|\n(?=\S)|(?<=[。！？])(?=\S)")
_ABBREV = re.compile(
    r"(?:\b(?:n°|no|nr|m|mme|mr|mrs|dr|st|г|гг|т|им|ст|ул|tp|tr|p|q)\.|\b[A-ZА-Я]\.)$",
    re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    start: int   # offsets in the folded text
    end: int


def sentences(folded: Folded) -> list[Sentence]:
    """Split into sentences and lines (captions stand alone), not after abbreviations."""
    text = folded.text
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece_end = m.start()
        if _ABBREV.search(text[max(start, piece_end - 6):piece_end]) and "\n" not in m.group(0):
            continue
        if text[start:piece_end].strip():
            out.append(_trim(text, start, piece_end))
        start = m.end()
    if text[start:].strip():
        out.append(_trim(text, start, len(text)))
    return out


def _trim(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(start, end)
