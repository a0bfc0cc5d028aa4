"""Forward rules Vietnamese -> Russian Cyrillic, and Russian case endings.

The rules follow the Kontsevich system as Russian media apply it (Нгуен, Тхань,
Зунг, Чыонг, Тьинь, Хюэ), with the variants actually met in print given lower
weights (Ч for ch, С for s, Р for r, Дунг for Dũng). Russian renders the *sound*:
c/k/qu are all к, gi and d are з, and the palatal initials ch, nh, gi soften the
vowel after them (Châu -> Тяу, Nhân -> Нян, Giang -> Зянг).

Each rule returns ``(rendering, weight)`` pairs, weight in (0, 1], 1 for the
standard form. Renderings are lower case; ``normalize`` folds ё into е because
Russian print mostly omits the dots, and the reverse index is keyed on that.
"""

from __future__ import annotations

from functools import cache

from partygraph.translit.syllables import Syllable

Variants = list[tuple[str, float]]

#: Plain (non-palatal) onsets.
_ONSETS: dict[str, Variants] = {
    "b": [("б", 1.0)], "c": [("к", 1.0)], "d": [("з", 1.0), ("д", 0.3)],
    "đ": [("д", 1.0)], "g": [("г", 1.0)], "h": [("х", 1.0)], "kh": [("кх", 1.0)],
    "l": [("л", 1.0)], "m": [("м", 1.0)], "n": [("н", 1.0)], "ng": [("нг", 1.0)],
    "p": [("п", 1.0)], "ph": [("ф", 1.0)], "r": [("з", 1.0), ("р", 0.5)],
    "s": [("ш", 1.0), ("с", 0.7)], "t": [("т", 1.0)], "th": [("тх", 1.0)],
    "tr": [("ч", 1.0), ("тр", 0.3)], "v": [("в", 1.0)], "x": [("с", 1.0)],
}  # fmt: skip

#: Vowel parts after a plain consonant.
_VOWELS: dict[str, Variants] = {
    "a": [("а", 1.0)], "ă": [("а", 1.0)], "â": [("а", 1.0)],
    "ai": [("ай", 1.0)], "ao": [("ао", 1.0)], "au": [("ау", 1.0)],
    "ay": [("ай", 1.0), ("аи", 0.3)], "âu": [("ау", 1.0)],
    "ây": [("эй", 1.0), ("ей", 0.6), ("ай", 0.6)],
    "e": [("е", 1.0), ("э", 0.6)], "eo": [("эо", 1.0), ("ео", 0.8)],
    "ê": [("е", 1.0), ("э", 0.6)], "êu": [("еу", 1.0), ("эу", 0.6)],
    "i": [("и", 1.0)], "iu": [("иу", 1.0)], "ia": [("иа", 1.0), ("ия", 0.5)],
    "iê": [("ие", 1.0), ("ье", 0.8)], "iêu": [("иеу", 1.0), ("ьеу", 0.6)],
    "o": [("о", 1.0)], "oi": [("ой", 1.0)], "ô": [("о", 1.0)], "ôi": [("ой", 1.0)],
    "ơ": [("о", 1.0)], "ơi": [("ой", 1.0)],
    "u": [("у", 1.0)], "ui": [("уй", 1.0)], "ua": [("уа", 1.0)], "uô": [("уо", 1.0)],
    "uôi": [("уой", 1.0)],
    "ư": [("ы", 1.0)], "ưi": [("ый", 1.0)], "ưu": [("ыу", 1.0)], "ưa": [("ыа", 1.0)],
    "ươ": [("ыо", 1.0)], "ươi": [("ыой", 1.0)], "ươu": [("ыоу", 1.0)],
    "oa": [("оа", 1.0)], "oai": [("оай", 1.0)], "oay": [("оай", 1.0)], "oao": [("оао", 1.0)],
    "oă": [("оа", 1.0)], "oe": [("оэ", 1.0), ("ое", 0.6)], "oeo": [("оэо", 1.0)],
    "uâ": [("уа", 1.0)], "uây": [("уэй", 1.0), ("уай", 0.6)],
    "uê": [("уэ", 1.0), ("юэ", 0.8), ("уе", 0.6)],
    "uy": [("уи", 1.0), ("юи", 0.6), ("уй", 0.4)], "uya": [("уиа", 1.0)],
    "uyu": [("уиу", 1.0)], "uyê": [("уе", 1.0), ("уйе", 0.6), ("уие", 0.6)],
    "uơ": [("уо", 1.0)],
    # spelled after qu (qu + a = "куа", not "коа")
    "uă": [("уа", 1.0)], "ue": [("уэ", 1.0), ("уе", 0.6)], "uai": [("уай", 1.0)],
    "uay": [("уай", 1.0)], "uao": [("уао", 1.0)], "ueo": [("уэо", 1.0)],
}  # fmt: skip

_FINALS: dict[str, Variants] = {
    "": [("", 1.0)], "c": [("к", 1.0)], "ch": [("ть", 1.0), ("к", 0.5), ("ч", 0.3)],
    "m": [("м", 1.0)], "n": [("н", 1.0)], "ng": [("нг", 1.0)], "nh": [("нь", 1.0)],
    "p": [("п", 1.0)], "t": [("т", 1.0)],
}  # fmt: skip

#: Softening of the first vowel letter after ch, nh, gi (Châu -> Тяу).
_IOTATE = str.maketrans({"а": "я", "у": "ю", "о": "ё", "э": "е"})
#: Onsets after which Kontsevich writes ю for the medial u (Huệ -> Хюэ, Huỳnh -> Хюинь).
_YU_AFTER = frozenset({"h", "kh", "th", "t", "l", "n", "x", "s", "d", "đ"})


def _vowel_variants(syl: Syllable) -> Variants:
    # After qu the written vowel decides: qu + a is "куа" where h + oa is "хоа".
    variants = _VOWELS["u" + syl.sp_vowel] if syl.sp_initial == "qu" else _VOWELS[syl.vowel]
    if syl.onset not in _YU_AFTER:
        variants = [(r, w) for r, w in variants if not r.startswith("ю")]
    return variants


def _onset_vowel(syl: Syllable) -> Variants:
    """Renderings of onset + vowel part, where the onset may soften the vowel."""
    vowels = _vowel_variants(syl)
    out: Variants = []
    if syl.onset == "":
        for r, w in vowels:
            if r.startswith("ь"):
                continue
            if syl.vowel.startswith("iê"):
                out += [("й" + r[1:], w), (r, 0.6 * w)]  # Yên -> Йен
            elif r[0] == "е":
                out.append(("э" + r[1:], w))  # Ê -> Э
            else:
                out.append((r, w))
        return out
    if syl.onset in ("ch", "nh", "gi"):
        hard = {"ch": "т", "nh": "н", "gi": "з"}[syl.onset]
        for r, w in vowels:
            if r.startswith("ь"):
                out.append((hard + r, w))  # Chiến -> Тьен
                continue
            soft = hard + r[0].translate(_IOTATE) + r[1:]
            if syl.onset == "gi" or r[0] not in "иеыэ":
                out.append((soft, w))  # Châu -> Тяу, Nhân -> Нян, Giang -> Зянг
            elif syl.onset == "ch" or r[0] == "ы":
                out += [(hard + "ь" + r, w), (soft, 0.9 * w)]  # Chính -> Тьинь, Như -> Ньы
            else:
                out += [(soft, w), (hard + "ь" + r, 0.8 * w)]  # Nhi -> Ни
            if syl.onset == "ch":
                out.append(("ч" + r, 0.5 * w))  # Chín -> Чин
        return out
    for c, wc in _ONSETS[syl.onset]:
        for r, w in vowels:
            out.append((c + r, wc * w))
    return out


def forward(syl: Syllable) -> Variants:
    """Russian renderings of one syllable, best first, lower case (may contain ё)."""
    best: dict[str, float] = {}
    for head, w1 in _onset_vowel(syl):
        for tail, w2 in _FINALS[syl.final]:
            text = head + tail
            best[text] = max(best.get(text, 0.0), w1 * w2)
    return sorted(best.items(), key=lambda kv: -kv[1])


def normalize(token: str) -> str:
    """Index key of a Cyrillic token: lower case, ё -> е, no hyphens or stress marks."""
    return token.lower().replace("ё", "е").replace("\u0301", "").strip("-")


# Case endings of names declined as Russian masculine nouns. Hard stems (Зунг,
# Нгуен) take -а -у -ом -е; soft stems in -й/-ь (Хай, Минь) take -я -ю -ем -е.
_HARD_ENDINGS = ("ом", "а", "у", "е")
_SOFT_ENDINGS = ("ем", "я", "ю", "е")
#: Letters a rendered syllable can end in before a hard ending (к м н г п т).
_HARD_FINAL = frozenset("кмнгпт")
#: Vowels that take й in renderings (ай ой уй ый эй ей).
_J_VOWELS = frozenset("аоуыэе")


def strip_inflection(token: str) -> list[str]:
    """The token itself, then the base forms its Russian case ending may hide.

    ``"Хая"`` -> ``["Хая", "Хай"]``, ``"Нгуеном"`` -> ``["Нгуеном", "Нгуен"]``,
    ``"Ханое"`` -> ``["Ханое", "Ханой"]``. A base is offered only if it could end a
    rendering: a hard stem must end in к м н нг п т, a soft stem is vowel + й or
    н/т + ь. Works for joined place names too (it only looks at the ending).
    """
    out = [token]
    low = token.lower()
    for ending in _HARD_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            stem = token[: -len(ending)]
            if stem[-1].lower() in _HARD_FINAL and _has_vowel(stem):
                out.append(stem)
    for ending in _SOFT_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending) + 1:
            stem = token[: -len(ending)]
            last = stem[-1].lower()
            if last in _J_VOWELS:
                out.append(stem + ("Й" if stem.isupper() else "й"))
            elif last in "нт" and _has_vowel(stem):
                out.append(stem + ("Ь" if stem.isupper() else "ь"))
    return list(dict.fromkeys(out))


def _has_vowel(text: str) -> bool:
    return any(c in "аеёиоуыэюя" for c in text.lower())


def is_function_word(token: str) -> bool:
    """Whether a token is a function word that is also a valid rendering (на = na, до =
    đô …): the ``function_words`` of the languages written in Cyrillic. A lower-case
    token that is one is never a name syllable; names are capitalised."""
    return normalize(token) in _function_words()




@cache
def _function_words() -> frozenset[str]:
    from partygraph.extract import lexicon  # imported late: the lexicons import translit
    return lexicon.function_words("cyrillic")
