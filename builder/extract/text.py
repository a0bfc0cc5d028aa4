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
from collections.abc import Callable, Sequence
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
    """Fold ``text`` character by character, keeping the offset map.

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


def reach(text: str, tokens: Sequence[tuple[int, int] | tuple[int, int, str]],
          joins: Callable[[str], bool], cap: int) -> list[int]:
    """For each token, how many tokens from it on (at most ``cap``) are linked by gaps
    ``joins`` accepts: a run of n tokens from k is linked exactly when n <= reach[k].

    Name and place finders try runs of 4, 3, 2 … tokens at every token; testing each
    gap once here replaces testing it again in every run that spans it.
    """
    out = [1] * len(tokens)
    for k in range(len(tokens) - 2, -1, -1):
        if joins(text[tokens[k][1]:tokens[k + 1][0]]):
            out[k] = min(cap, out[k + 1] + 1)
    return out


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
