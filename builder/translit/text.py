"""Script detection and Vietnamese diacritic handling.

Vietnamese spelling stacks two kinds of marks on a vowel: the *vowel quality*
marks (ă â ê ô ơ ư, and the consonant đ) and the *tone* marks (grave, acute,
tilde, hook, dot below). Russian and Arabic renderings keep (some of) the vowel
quality and never the tone, so the inventory works on tone-less spellings and the
public output drops both kinds of marks (stripping them is
:mod:`partygraph.folding`'s). Everything here is plain Unicode arithmetic; no data
files.
"""

from __future__ import annotations

import unicodedata

from partygraph.folding import TONE_MARKS

_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "latin"),
    (0x1E00, 0x1EFF, "latin"),  # Latin Extended Additional: most toned Vietnamese vowels
    (0x0400, 0x052F, "cyrillic"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x2E80, 0x2FDF, "han"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xF900, 0xFAFF, "han"),
    (0x20000, 0x3134F, "han"),
)


def _char_script(ch: str) -> str:
    code = ord(ch)
    for low, high, name in _SCRIPT_RANGES:
        if low <= code <= high:
            return name
    return "other"


def script_of(text: str) -> str:
    """Return the script of most letters in ``text``.

    Only letters count (digits, punctuation and spaces are ignored), so
    ``"Нгуен Ван А, 45"`` is ``"cyrillic"``. Ties go to the script seen first;
    text without letters is ``"other"``.
    """
    counts: dict[str, int] = {}
    for ch in text:
        if not (ch.isalpha() or unicodedata.category(ch) == "Lo"):
            continue
        name = _char_script(ch)
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return "other"
    return max(counts, key=lambda k: counts[k])


def split_tone(syllable: str) -> tuple[str, int]:
    """Split a Vietnamese syllable into its tone-less spelling and tone number.

    Tone 0 is *ngang* (no mark); 1..5 are sắc, huyền, hỏi, ngã, nặng. The mark may
    sit on any vowel (old "hoà" and new "hòa" placement give the same result).
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = 0
    kept = []
    for ch in decomposed:
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def capitalize(token: str) -> str:
    """Upper-case the first letter and lower-case the rest (keeps diacritics)."""
    return token[:1].upper() + token[1:].lower()


def tone_key(syllable: str) -> str:
    """A spelling-independent key for a toned syllable: ``"hoà"`` and ``"hòa"`` agree."""
    base, tone = split_tone(syllable.lower())
    return f"{base}{tone}"
