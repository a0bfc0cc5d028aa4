"""Forward rules Vietnamese -> Arabic script, and Arabic token clean-up.

Arabic press renders Vietnamese names from their *Latin spelling without marks*
(mostly via English or French copy), letter group by letter group: ng -> نج or
نغ, nh -> نه, th -> ث or ت, ch -> تش, ph/v -> ف, x -> ش or س, every a -> ا,
every e/i/y -> ي, every o/u -> و (so Nguyen -> نجوين, Thanh -> ثانه, Hoang ->
هوانغ, Quoc -> كووك or كوك). A vowel letter is rarely written twice (Nguyen ->
نجوين, Truong -> ترونغ; the doubled forms are kept as variants), and the i of
-inh is sometimes dropped (Minh -> منه). The rules therefore read the
syllable's spelled parts with marks removed, except that đ (always د) is kept
apart from d (د or ز).

``normalize`` folds the spelling variation of Arabic text itself (hamza seats,
alif maqsura, Persian letters, harakat, tatweel) so the reverse index matches
whatever orthography an article uses.
"""

from __future__ import annotations

from functools import cache

from partygraph.folding import strip_diacritics
from partygraph.translit.syllables import Syllable

Variants = list[tuple[str, float]]

_ONSETS: dict[str, Variants] = {
    "b": [("ب", 1.0)], "c": [("ك", 1.0), ("ق", 0.3)], "k": [("ك", 1.0), ("ق", 0.3)],
    "qu": [("كو", 1.0), ("قو", 0.4)], "ch": [("تش", 1.0), ("ش", 0.6)],
    "d": [("د", 0.9), ("ز", 0.6)], "đ": [("د", 1.0)], "g": [("غ", 1.0), ("ج", 0.8)],
    "gh": [("غ", 1.0), ("ج", 0.6)], "gi": [("جي", 1.0), ("ج", 0.8), ("زي", 0.4)],
    "h": [("ه", 1.0), ("ح", 0.4)], "kh": [("خ", 1.0), ("ك", 0.4)],
    "l": [("ل", 1.0)], "m": [("م", 1.0)], "n": [("ن", 1.0)],
    "ng": [("نج", 1.0), ("نغ", 1.0)], "ngh": [("نغ", 1.0), ("نج", 1.0)],
    "nh": [("نه", 0.8), ("ني", 0.8), ("ن", 0.5)], "p": [("ب", 1.0)], "ph": [("ف", 1.0)],
    "r": [("ر", 1.0), ("ز", 0.4)], "s": [("س", 1.0), ("ش", 0.5)], "t": [("ت", 1.0)],
    "th": [("ث", 1.0), ("ت", 0.8)], "tr": [("تر", 1.0), ("تش", 0.3)],
    "v": [("ف", 1.0)], "x": [("ش", 1.0), ("س", 0.8), ("كس", 0.3)],
}  # fmt: skip

_FINALS: dict[str, Variants] = {
    "": [("", 1.0)], "c": [("ك", 1.0), ("ق", 0.3)],
    "ch": [("تش", 1.0), ("ك", 0.5), ("ش", 0.4)], "m": [("م", 1.0)], "n": [("ن", 1.0)],
    "ng": [("نغ", 1.0), ("نج", 0.9)], "nh": [("نه", 1.0), ("ن", 0.15)],
    "p": [("ب", 1.0)], "t": [("ت", 1.0)],
}  # fmt: skip

_LETTER = {"a": "ا", "e": "ي", "i": "ي", "y": "ي", "o": "و", "u": "و"}

#: Vowel-initial syllables: how the first vowel letter is seated (An -> آن).
_INITIAL_VOWEL: dict[str, Variants] = {
    "a": [("آ", 1.0), ("أ", 0.8), ("ا", 0.8)],
    "e": [("إي", 1.0), ("اي", 0.8)], "i": [("إي", 1.0), ("اي", 0.8)],
    "y": [("ي", 1.0), ("إي", 0.8)],
    "o": [("أو", 1.0), ("او", 0.8)], "u": [("أو", 1.0), ("او", 0.8)],
}  # fmt: skip


def _vowel_variants(vowel: str, final: str) -> Variants:
    """Renderings of a mark-less vowel group, letter by letter plus collapses."""
    full = "".join(_LETTER[c] for c in vowel)
    collapsed = full.replace("يي", "ي").replace("وو", "و")
    # Arabic seldom writes a vowel letter twice: Nguyen -> نجوين rather than نجويين
    out: Variants = [(collapsed, 1.0)] if collapsed == full else [(collapsed, 1.0), (full, 0.8)]
    if vowel in ("ie", "ye"):
        out.append(("يا", 0.3))  # Dien Bien -> ديان بيان
    if vowel.endswith("e") and not final:
        out.append((full + "ه", 0.5))  # Le -> ليه
    if vowel == "i" and final == "nh":
        out.append(("", 0.5))  # Minh -> منه
    return out


def forward(syl: Syllable) -> Variants:
    """Arabic renderings of one syllable, best first (display forms, with hamza)."""
    initial = "đ" if syl.sp_initial == "đ" else strip_diacritics(syl.sp_initial)
    vowel = strip_diacritics(syl.sp_vowel)
    if initial == "g" and syl.onset == "gi":
        heads = [("ج", 1.0), ("غ", 0.6), ("ز", 0.4)]  # "gin", "giêng": the i is shared
        vowels = _vowel_variants(vowel, syl.final)
    elif initial:
        heads = _ONSETS[initial]
        vowels = _vowel_variants(vowel, syl.final)
    else:
        heads = _INITIAL_VOWEL[vowel[0]]
        vowels = _vowel_variants(vowel[1:], syl.final) if vowel[1:] else [("", 1.0)]
    best: dict[str, float] = {}
    for head, w1 in heads:
        for mid, w2 in vowels:
            for tail, w3 in _FINALS[syl.final]:
                text = head + mid + tail
                weight = w1 * w2 * w3
                # doubled vowel letters across the parts are often written once
                # (qu + oc -> كوك, y + en -> ين)
                collapsed = text.replace("يي", "ي").replace("وو", "و")
                best[collapsed] = max(best.get(collapsed, 0.0), weight)
                if collapsed != text:
                    best[text] = max(best.get(text, 0.0), 0.8 * weight)
    return sorted(best.items(), key=lambda kv: -kv[1])


def join(parts: list[str]) -> str:
    """Write syllable renderings as one word (هانوي); inner vowels lose their hamza seat."""
    return parts[0] + "".join(_unseat(p) for p in parts[1:])


def _unseat(part: str) -> str:
    return "ا" + part[1:] if part[:1] in ("آ", "أ", "إ") else part


_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ؤ": "و",
        "ک": "ك", "ڤ": "ف", "ڥ": "ف", "پ": "ب", "گ": "ج", "ژ": "ز", "ـ": None,
        "\u200c": None, "\u200d": None, "\u0670": None,
    }
)  # fmt: skip


def normalize(token: str) -> str:
    """Index key of an Arabic token: harakat, tatweel and hamza seats folded away."""
    token = token.replace("چ", "تش")
    token = "".join(c for c in token if not ("\u064b" <= c <= "\u065f"))
    return token.translate(_FOLD).strip()


def strip_prefixes(token: str) -> list[str]:
    """The token, then the token without attached clitics (و ف, then ب ل ك, then ال).

    ``"ونجوين"`` -> ``["ونجوين", "نجوين"]``; ``"للرئيس"`` -> [..., ``"رئيس"``].
    Only the forms whose remainder still has two letters are offered.
    """
    out = [token]
    stems = [token]
    if token[:1] in ("و", "ف"):
        stems.append(token[1:])
    for stem in list(stems):
        if stem[:1] in ("ب", "ل", "ك"):
            stems.append(stem[1:])
    for stem in list(stems):
        if stem.startswith("ال"):
            stems.append(stem[2:])
        if stem.startswith("لل"):
            stems.append(stem[2:])
    for stem in stems[1:]:
        if len(stem) >= 2:
            out.append(stem)
    return list(dict.fromkeys(out))




def is_function_word(token: str) -> bool:
    """Whether a token, as written, is a function word that is also the rendering of a
    syllable (في = Vi, أن = An, هو = Hồ, لا = La …): the ``function_words`` of the
    languages written in Arabic script. ``latinize_name`` accepts one only as the first
    of three or more tokens (هو دوك فوك = Hồ Đức Phớc), never inside or at the end of a
    name, where it is almost always the next word of the sentence."""
    bare = "".join(c for c in token if not ("\u064b" <= c <= "\u065f") and c != "ـ")
    return bare in _function_words()


@cache
def _function_words() -> frozenset[str]:
    from partygraph.extract import lexicon  # imported late: the lexicons import translit
    return lexicon.function_words("arabic")
