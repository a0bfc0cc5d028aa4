"""The inventory of tone-less Vietnamese syllables, built from initials x rimes.

Why generate instead of listing: the reverse transliteration must recognise any
Vietnamese syllable a foreign text may render, not only those of names we have
seen. Every syllable is an optional initial consonant plus a rime (optional medial
o/u, a vowel nucleus, an optional glide or final consonant). The spelling rules
that couple the two are applied here:

* /k/ is ``k`` before i, y, e, ê (and iê, ia), ``qu`` before a medial /w/, else ``c``;
* /ɣ/ and /ŋ/ are ``gh`` and ``ngh`` before i, e, ê (and iê, ia), else ``g``, ``ng``;
* ``gi`` absorbs a following ``i`` (gi + in -> "gin", gi + iêng -> "giêng");
* without an initial, ``iê`` is written ``yê`` ("yên") and open ``i`` also ``y``;
* after most consonants open ``i`` also has a ``y`` spelling ("lý", "mỹ", "vy").

The product over-generates a little (a few combinations are unattested); the
syllable prior (``prior.py``) ranks real name syllables far above those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from partygraph.folding import strip_diacritics, strip_tones

INITIALS: tuple[str, ...] = (
    "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh",
    "p", "ph", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
"""Initials by sound; k/q, gh, ngh are spellings of c, g, ng chosen by ``spell``."""

FINALS: tuple[str, ...] = ("ch", "ng", "nh", "c", "m", "n", "p", "t")

#: Vowel part (nucleus with medial and glide) -> the final consonants it takes.
_RIMES: dict[str, str] = {
    "a": "- c ch m n ng nh p t", "ai": "-", "ao": "-", "au": "-", "ay": "-",
    "ă": "c m n ng p t",
    "â": "c m n ng p t", "âu": "-", "ây": "-",
    "e": "- c m n ng p t", "eo": "-",
    "ê": "- ch m n nh p t", "êu": "-",
    "i": "- ch m n nh p t", "iu": "-", "ia": "-",
    "iê": "c m n ng p t", "iêu": "-",
    "o": "- c m n ng p t", "oi": "-",
    "ô": "- c m n ng p t", "ôi": "-",
    "ơ": "- m n p t", "ơi": "-",
    "u": "- c m n ng p t", "ui": "-",
    "ua": "-", "uô": "c m n ng t", "uôi": "-",
    "ư": "- c ng t", "ưi": "-", "ưu": "-",
    "ưa": "-", "ươ": "c m n ng p t", "ươi": "-", "ươu": "-",
    "oa": "- c ch m n ng nh p t", "oai": "-", "oay": "-", "oao": "-",
    "oă": "c m n ng t",
    "oe": "- n t", "oeo": "-",
    "uâ": "n ng t", "uây": "-",
    "uê": "- ch nh",
    "uy": "- ch nh t", "uya": "-", "uyu": "-",
    "uyê": "n t",
    "uơ": "-",
    "oô": "c",  # medial + ô, written only after qu: "quốc"
}  # fmt: skip

#: Vowel parts that begin with the medial /w/, and their spelling after ``qu``.
MEDIAL_AFTER_QU: dict[str, str] = {
    "oa": "a", "oai": "ai", "oay": "ay", "oao": "ao", "oă": "ă", "oe": "e", "oeo": "eo",
    "uâ": "â", "uây": "ây", "uê": "ê", "uy": "y", "uya": "ya", "uyu": "yu", "uyê": "yê",
    "uơ": "ơ", "oô": "ô",
}  # fmt: skip

_FRONT = ("i", "e", "ê", "y")
_LABIALS = frozenset({"b", "m", "p", "ph", "v"})
_Y_AFTER = frozenset({"b", "d", "đ", "h", "k", "l", "m", "n", "s", "t", "th", "v"})


@dataclass(frozen=True, slots=True)
class Syllable:
    """One tone-less syllable, as sound parts and as spelling.

    ``onset``/``vowel``/``final`` are the sound parts the Russian rules read
    (onset ``"c"`` for c, k and qu; vowel ``"iê"`` also for "yê", ``"oa"`` also for
    the "a" of "qua"). ``sp_initial``/``sp_vowel`` are the letters actually written
    (``"qu"`` + ``"a"``; ``"g"`` + ``"in"`` for "gin"), which the Arabic rules read
    because Arabic renderings follow the Latin letters.
    """

    onset: str
    vowel: str
    final: str
    sp_initial: str
    sp_vowel: str

    @property
    def spelling(self) -> str:
        """Tone-less spelling with vowel marks, e.g. ``"nguyên"``."""
        return self.sp_initial + self.sp_vowel + self.final

    @property
    def plain(self) -> str:
        """Spelling without any mark, e.g. ``"nguyen"`` (the public output form)."""
        return strip_diacritics(self.spelling)


def _spell(initial: str, vowel: str) -> list[tuple[str, str]]:
    """Spelled (initial, vowel) pairs for a sound initial and a vowel part."""
    front = vowel.startswith(_FRONT)
    if vowel in MEDIAL_AFTER_QU:
        if initial in _LABIALS or initial == "gi" or (vowel == "oô" and initial != "c"):
            return []
        if initial == "c":
            return [("qu", MEDIAL_AFTER_QU[vowel])]
    if initial == "":
        if vowel.startswith("iê"):
            return [("", "y" + vowel[1:])]
        if vowel == "i":
            return [("", "i"), ("", "y")]
        return [("", vowel)]
    if initial == "c":
        return [("k" if front else "c", vowel)]
    if initial in ("g", "ng"):
        return [(initial + "h" if front else initial, vowel)]
    if initial == "gi" and vowel.startswith("i"):
        return [("g", vowel)]  # gi + in -> "gin": the i is shared
    return [(initial, vowel)]


@lru_cache(maxsize=1)
def inventory() -> tuple[Syllable, ...]:
    """All tone-less syllables, in a stable order (initial, then rime table order).

    A spelling reachable two ways (gi + a and gi + ia both give "gia") is kept
    once, with its first sound analysis.
    """
    seen: set[str] = set()
    result: list[Syllable] = []
    for initial in INITIALS:
        for vowel, finals in _RIMES.items():
            for final in finals.split():
                final = "" if final == "-" else final
                for sp_initial, sp_vowel in _spell(initial, vowel):
                    variants = [sp_vowel]
                    if sp_vowel == "i" and not final and sp_initial in _Y_AFTER:
                        variants.append("y")
                    for v in variants:
                        syl = Syllable(initial, vowel, final, sp_initial, v)
                        if syl.spelling not in seen:
                            seen.add(syl.spelling)
                            result.append(syl)
    return tuple(result)


@lru_cache(maxsize=1)
def by_spelling() -> dict[str, Syllable]:
    """Tone-less spelling (with vowel marks) -> syllable."""
    return {s.spelling: s for s in inventory()}


@lru_cache(maxsize=1)
def by_plain() -> dict[str, tuple[Syllable, ...]]:
    """Mark-less spelling -> every syllable that loses its marks to it."""
    table: dict[str, list[Syllable]] = {}
    for s in inventory():
        table.setdefault(s.plain, []).append(s)
    return {k: tuple(v) for k, v in table.items()}


def parse(text: str) -> tuple[Syllable, ...]:
    """Syllables a Latin spelling may stand for, most specific first.

    With vowel marks (``"Dương"``, tones ignored) the answer is that one syllable;
    without (``"Duong"``) it is every syllable spelled so once marks are dropped.
    Place names of minority origin write k where the norm has c ("Đắk Lắk",
    "Kon Tum"); they are read as the standard spelling. ``()`` if the text is not
    a Vietnamese syllable.
    """
    bare = strip_tones(text.strip().lower())
    for spelling in (bare, _LOAN_K.sub("c", bare)):
        exact = by_spelling().get(spelling)
        if exact is not None:
            return (exact,)
        found = by_plain().get(spelling)
        if found:
            return found
    return ()


#: k before a back vowel, or k as a final: loan spellings of c.
_LOAN_K = re.compile(r"^k(?=[aăâoôơuư])|(?<=[aăâeêioôơuưy])k$")
