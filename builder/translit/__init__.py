"""Read Vietnamese names back from Cyrillic, Arabic and Han renderings, and forward.

Machine-translated articles spell Vietnamese people and places the way Russian,
Arabic or Chinese press does (Нгуен Фу Чонг, نجوين فو ترونغ, 阮富仲). To merge
them with the Latin Vietnamese spelling we transliterate back *by rule*, never by
a list of known names:

1. ``syllables`` generates every Vietnamese syllable from initials x rimes;
2. ``cyrillic`` and ``arabic`` hold the forward rules (Latin -> script) with
   weighted variants; ``han`` holds the Hán-Việt reading of each character;
3. ``index`` inverts the forward rules over the whole inventory, so a token is
   a plausible syllable exactly when some rule renders some syllable as it;
4. ``prior`` ranks the candidates by how common each syllable is in names.

Outputs are mark-less Latin, each syllable capitalised, family name first
("Nguyen Thanh Nam"); Latin input keeps its marks.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from partygraph.folding import strip_diacritics
from partygraph.translit import arabic, cyrillic, han
from partygraph.translit.index import RULES, rule_matches
from partygraph.translit.name_prior import name_probability
from partygraph.translit.prior import family_weights, prior, read_tsv, spelling_weights
from partygraph.translit.syllables import parse
from partygraph.translit.text import capitalize, script_of, tone_key

__all__ = [
    "is_family_name",
    "latinize_name",
    "render",
    "script_of",
    "strip_inflection",
    "syllable_candidates",
]

#: Share of the general name prior kept when scoring a first token as a family name.
_GIVEN_NAME_SHARE = 0.25
#: Penalty for a reading found only after removing a case ending or a clitic.
_STRIPPED = 0.9
#: Separators between syllables of a Latin name and between Han name characters.
_LATIN_SPLIT = re.compile(r"[\s\-\u2010\u2011]+")
_HAN_DOTS = frozenset("·•・‧ \u3000")


def strip_inflection(token: str) -> list[str]:
    """Russian case endings on a transliterated name: the token, then base forms.

    ``"Хая"`` -> ``["Хая", "Хай"]``, ``"Зунга"`` -> ``["Зунга", "Зунг"]``,
    ``"Ханое"`` -> ``["Ханое", "Ханой"]``, ``"Нгуеном"`` -> ``["Нгуеном", "Нгуен"]``.
    """
    return cyrillic.strip_inflection(token)


def _rule_weights(token: str, script: str, strip: bool) -> dict[str, float]:
    """Mark-less syllables a Cyrillic/Arabic token renders, with their rule weight.

    The token as written is tried first; only if it renders nothing are the forms
    without a Russian case ending (``strip_inflection``) or, when ``strip`` is set,
    without Arabic clitics (و ل ب ال ...) tried, at a small penalty.
    """
    normalize = RULES[script][1]
    if script == "cyrillic":
        if token.islower() and cyrillic.is_function_word(token):
            return {}
        variants = strip_inflection(token)
    else:
        variants = arabic.strip_prefixes(normalize(token)) if strip else [token]
    found: dict[str, float] = {}
    for i, variant in enumerate(variants):
        penalty = 1.0 if i == 0 else _STRIPPED
        for plain, weight in rule_matches(normalize(variant), script).items():
            found[plain] = max(found.get(plain, 0.0), weight * penalty)
        if found and i == 0:
            break
    return found


def _first_token_score(plain: str, rule: float) -> float:
    """Score of a reading for the first token: family names first, then the prior."""
    return rule * max(_GIVEN_NAME_SHARE * prior(plain), family_weights().get(plain, 0.0))


def _position_of(i: int, n: int) -> str:
    """Name part of the i-th of n tokens: family first, given last, middle between."""
    if i == 0:
        return "family"
    return "given" if i == n - 1 else "middle"


def _position_score(plain: str, position: str, previous: str | None) -> float:
    """Learned prior of a reading at its place in the name (``name_prior``).

    The first token may also be a given name (a run that starts after the family name,
    a name of another tradition), at a share of its weight there.
    """
    if position == "family":
        as_other = max(name_probability(plain, "middle"), name_probability(plain, "given"))
        return max(name_probability(plain, "family"), _GIVEN_NAME_SHARE * as_other)
    return name_probability(plain, position, previous if position == "given" else None)


def _best_reading(options: list[dict[str, float]]) -> list[str] | None:
    """The likeliest reading of a whole name: rule weight x positional prior per token,
    the given name conditioned on the middle name chosen before it (a Viterbi pass over
    the few readings of each token, so it stays linear in the name's length)."""
    n = len(options)
    paths: dict[str, tuple[float, list[str]]] = {"": (1.0, [])}
    for i, readings in enumerate(options):
        position = _position_of(i, n)
        step: dict[str, tuple[float, list[str]]] = {}
        for plain, rule in sorted(readings.items()):
            best: tuple[float, list[str]] | None = None
            for prev, (score, chosen) in sorted(paths.items()):
                context = prev if i >= 2 else None   # a middle name, not the family name
                total = score * rule * _position_score(plain, position, context)
                if best is None or total > best[0]:
                    best = (total, [*chosen, plain])
            if best is not None:
                step[plain] = best
        if not step:
            return None
        paths = step
    return min(paths.values(), key=lambda sp: (-sp[0], sp[1]))[1]


def _ranked(token: str, script: str, first: bool) -> list[tuple[str, float]]:
    if script == "latin":
        plains = dict.fromkeys(s.plain for s in parse(token))
        found = dict.fromkeys(plains, 1.0)
    elif script == "han":
        if len(token) != 1:
            return []
        found = dict(han.candidates(token))
    elif script in RULES:
        found = _rule_weights(token, script, strip=first)
    else:
        return []
    if first:
        scored = {p: _first_token_score(p, w) for p, w in found.items()}
    elif script == "han":
        scored = found
    else:
        scored = {p: w * prior(p) for p, w in found.items()}
    return sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))


def syllable_candidates(token: str, script: str) -> list[tuple[str, float]]:
    """Ranked mark-less Vietnamese syllables a token may render, score in (0, 1].

    The score is rule weight x name prior (Han: 1.0 for the standard reading,
    0.8 for the next ...). Cyrillic case endings and Arabic clitics are tried when
    the token as written renders nothing. ``[]`` if the token renders no syllable.
    """
    if script == "arabic":
        found = _rule_weights(token, script, strip=True)
        ranked = {p: w * prior(p) for p, w in found.items()}
        return sorted(ranked.items(), key=lambda kv: (-kv[1], kv[0]))
    return _ranked(token, script, first=False)


@lru_cache(maxsize=1 << 14)
def is_family_name(token: str, script: str) -> bool:
    """Whether the token renders one of the common Vietnamese family names.

    Cached: name finders ask it of the same tokens at every window position.
    """
    if script == "latin":
        return strip_diacritics(token.lower()) in family_weights()
    if script == "han":
        chars = [c for c in token if c not in _HAN_DOTS]
        return len(chars) == 1 and han.is_family_name(chars[0])
    if script in RULES:
        return any(p in family_weights() for p in _rule_weights(token, script, strip=True))
    return False


def latinize_name(tokens: list[str], script: str) -> str | None:
    """Person name tokens in a script -> "Family Middle Given" in mark-less Latin.

    Cyrillic/Arabic tokens are one syllable each, as written; a Han name may come
    as one string or split into characters. The first token prefers a family-name
    reading. ``None`` when any token is not a plausible rendering of a Vietnamese
    syllable, or (Arabic) is a function word such as في or أن anywhere but at the
    head of a 3+ token name. Latin tokens are validated and returned capitalised
    with their marks.

    Results are cached per token sequence: a name finder tries every window of two to
    four tokens, and the same names recur across articles.
    """
    return _latinize(tuple(tokens), script)


@lru_cache(maxsize=1 << 15)
def _latinize(raw: tuple[str, ...], script: str) -> str | None:
    tokens = list(raw)
    if script == "han":
        tokens = [c for t in tokens for c in t if c not in _HAN_DOTS]
    tokens = [t.strip() for t in tokens if t and t.strip()]
    if not tokens:
        return None
    conventional = _conventional_person(tokens, script)
    if conventional is not None:
        return conventional
    if script in RULES:
        return _latinize_by_rules(tokens, script)
    out = []
    for i, token in enumerate(tokens):
        ranked = _ranked(token, script, first=i == 0)
        if not ranked:
            return None
        out.append(capitalize(token) if script == "latin" else capitalize(ranked[0][0]))
    return " ".join(out)


def _latinize_by_rules(tokens: list[str], script: str) -> str | None:
    """Cyrillic/Arabic tokens -> the likeliest whole name (see ``_best_reading``)."""
    options = []
    for i, token in enumerate(tokens):
        if script == "arabic" and arabic.is_function_word(token) and (i or len(tokens) < 3):
            return None
        readings = _rule_weights(token, script, strip=i == 0)
        if not readings:
            return None
        options.append(readings)
    chosen = _best_reading(options)
    return None if chosen is None else " ".join(capitalize(p) for p in chosen)


def render(latin: str, script: str) -> list[str]:
    """Latin Vietnamese (marks optional) -> usual renderings in a script, best first.

    Multi-syllable names come both joined (Russian habit for places: "Куангнам")
    and spaced (Arabic habit: "كوانغ نام"); Han gives traditional then simplified
    ("廣南", "广南"). Conventional exonyms (``conventional.tsv``) come first.
    ``[]`` if the text is not Vietnamese syllables or the script is unknown.
    """
    syllables = [s for s in _LATIN_SPLIT.split(latin.strip()) if s]
    forms = _conventional_place(syllables, script)
    if not syllables or any(not parse(s) for s in syllables):
        return forms
    if script == "latin":
        marked = " ".join(capitalize(s) for s in syllables)
        forms += [marked, strip_diacritics(marked)]
    elif script == "han":
        forms += han.render(syllables)
    elif script in RULES:
        forms += _render_rules(syllables, script)
    else:
        return []
    return list(dict.fromkeys(forms))


def _syllable_renderings(text: str, script: str) -> list[tuple[str, float]]:
    """Renderings of one Latin syllable; unmarked input weighs its likely markings."""
    weights = spelling_weights()
    options = sorted(parse(text), key=lambda s: -weights.get(s.spelling, 0.0))
    forward = RULES[script][0]
    best: dict[str, float] = {}
    for rank, syl in enumerate(options[:3]):
        for form, weight in forward(syl):
            score = weight * (0.5**rank)
            if score > best.get(form, 0.0):
                best[form] = score
    return sorted(best.items(), key=lambda kv: -kv[1])


def _render_rules(syllables: list[str], script: str, combos: int = 9) -> list[str]:
    per = [_syllable_renderings(s, script)[:3] for s in syllables]
    paths: list[tuple[list[str], float]] = [([], 1.0)]
    for options in per:
        paths = [([*p, f], w * fw) for p, w in paths for f, fw in options]
        paths = sorted(paths, key=lambda pw: -pw[1])[:combos]
    out: list[str] = []
    for parts, _ in paths:
        if script == "cyrillic":
            joined = capitalize("".join(parts))
            spaced = " ".join(capitalize(p) for p in parts)
            group = [joined, spaced] if len(parts) > 1 else [spaced]
            group += [g.replace("ё", "е").replace("Ё", "Е") for g in group if "ё" in g.lower()]
        else:
            group = [" ".join(parts), arabic.join(parts)] if len(parts) > 1 else parts
        out += group
    return out


_CONVENTIONAL_COLUMNS = {"cyrillic": 2, "arabic": 3, "han": 4}


@lru_cache(maxsize=1)
def _conventional() -> list[list[str]]:
    return read_tsv("conventional.tsv")


def _conventional_place(syllables: list[str], script: str) -> list[str]:
    """Conventional forms of a place; marked input must match marks ("Huệ" is not Huế)."""
    column = _CONVENTIONAL_COLUMNS.get(script)
    if column is None:
        return []
    text = " ".join(syllables).lower()
    marked = text != strip_diacritics(text)
    by_marked, by_plain = _conventional_places()
    row = by_marked.get(_marked_key(text)) if marked else by_plain.get(text)
    return [f for f in row[column].split("|") if f] if row is not None else []


@cache
def _conventional_places() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Place rows by tone key and by mark-less name, the first row winning a key (as a
    scan of the file in order would)."""
    by_marked: dict[str, list[str]] = {}
    by_plain: dict[str, list[str]] = {}
    for row in _conventional():
        if row[0] == "place":
            name = row[1].lower()
            by_marked.setdefault(_marked_key(name), row)
            by_plain.setdefault(strip_diacritics(name), row)
    return by_marked, by_plain


def _marked_key(text: str) -> str:
    return " ".join(tone_key(s) for s in text.split())


def _conventional_person(tokens: list[str], script: str) -> str | None:
    """The conventional form of a person, also declined ("президенту Хо Ши Мину")."""
    index = _conventional_people(script)
    if index is None:
        return None
    normalize = RULES[script][1] if script in RULES else (lambda s: s)
    sep = "" if script == "han" else " "
    lasts = strip_inflection(tokens[-1]) if script == "cyrillic" else tokens[-1:]
    for last in lasts:
        found = index.get(sep.join(normalize(t) for t in [*tokens[:-1], last]))
        if found is not None:
            return found
    return None


@cache
def _conventional_people(script: str) -> dict[str, str] | None:
    """Normalized conventional form of a person in a script -> the Latin name, the first
    row and form winning a key (as a scan of the file in order would)."""
    column = _CONVENTIONAL_COLUMNS.get(script)
    if column is None:
        return None
    normalize = RULES[script][1] if script in RULES else (lambda s: s)
    sep = "" if script == "han" else " "
    index: dict[str, str] = {}
    for row in _conventional():
        if row[0] == "person":
            for form in row[column].split("|"):
                index.setdefault(sep.join(normalize(t) for t in form.split()),
                                 strip_diacritics(row[1]))
    return index
