"""Finding Vietnamese personal names in any script.

A name is a run of two to four Vietnamese syllables. In Latin script the run is
capitalized and each token has the shape of a Vietnamese syllable; in Cyrillic, Arabic
and Han each token must be a standard rendering of a syllable (:mod:`partygraph.translit`).
A run counts as a person when an honorific stands before it ("camarade", "товарищ",
"الرفيق", "đồng chí"), or when it starts with a family name and is long enough or sits
next to a title — the title test is done by the caller, which knows the titles.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from partygraph import translit
from partygraph.extract.text import reach
from partygraph.folding import fold_key, has_vietnamese_marks

_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    r"(?:[aeiouy]{1,3})(?:ch|nh|ng|[cmnpt])?$")
# a word that does not start with a-z: only capitalized words can be names, and
# leaving lower-case ASCII out here saves building most match objects (the caller
# still keeps only the words whose first letter is upper case)
_LATIN_TOKEN = re.compile(r"(?<![\w'])[^\W\d_a-z][^\W\d_]*(?:'[a-z]+)?")
_CYR_TOKEN = re.compile(r"[А-ЯЁ][а-яё]+")
_ARABIC_TOKEN = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u064B-\u065F]+")


#: Name tokens recur across articles; folding them is the cost of every test below.
fold = lru_cache(maxsize=1 << 16)(fold_key)


@dataclass(frozen=True)
class NameRun:
    """A candidate name: original-text offsets, Latin form, surface, Vietnamese form."""

    start: int
    end: int
    latin: str
    surface: str
    family_first: bool
    vi_label: str | None = None
    tokens: tuple[tuple[int, int, str], ...] = ()
    #: Found by what stands around it (a title, an honorific, an appointment verb), as
    #: Han names are: a two-syllable run then counts as a person like a longer one.
    anchored: bool = False


@cache
def _names_data() -> dict[str, list[str]]:
    return tomllib.loads(resources.files("partygraph").joinpath("data/names.toml")
                         .read_text(encoding="utf-8"))


@cache
def family_names() -> frozenset[str]:
    return frozenset(_names_data()["family"])


@cache
def eponyms() -> frozenset[str]:
    """Folded names that need an honorific to count as a person."""
    return frozenset(_names_data().get("eponyms", []))


def is_family(token: str) -> bool:
    return fold(token) in family_names()


@lru_cache(maxsize=1 << 16)
def is_latin_syllable(token: str) -> bool:
    return bool(_SYLLABLE.match(fold(token)))



def make_run(text: str, tokens: list[tuple[int, int, str]]) -> NameRun:
    surface = text[tokens[0][0]:tokens[-1][1]]
    latin = " ".join(fold(t[2]).capitalize() for t in tokens)
    return NameRun(tokens[0][0], tokens[-1][1], latin, surface, is_family(tokens[0][2]),
                   surface if has_vietnamese_marks(surface) else None, tuple(tokens))


def latin_runs(text: str) -> Iterator[NameRun]:
    """Capitalized runs of Vietnamese syllables in Latin script (up to six tokens; the
    caller trims title words and places off the ends and keeps at most four).

    A run starts at a capitalized, syllable-shaped token and grows over the ones that
    follow it after a single space, so "Organization Commission Nguyen Van Hoang" gives
    "Nguyen Van Hoang".
    """
    tokens = [(m.start(), m.end(), m.group(0)) for m in _LATIN_TOKEN.finditer(text)
              if m.group(0)[0].isupper()]
    i = 0
    while i < len(tokens):
        if not is_latin_syllable(tokens[i][2]):
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while (j < len(tokens) and len(run) < 6 and is_latin_syllable(tokens[j][2])
               and text[run[-1][1]:tokens[j][0]] in (" ", "\u00a0")):
            run.append(tokens[j])
            j += 1
        if len(run) >= 2:
            yield make_run(text, run)
        i = j


def _script_runs(text: str, pattern: re.Pattern[str], script: str,
                 max_gap: int = 2) -> Iterator[NameRun]:
    """Runs of tokens that are all renderings of Vietnamese syllables."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
    linked = reach(text, tokens, lambda gap: len(gap) <= max_gap and not gap.strip(), 4)
    i = 0
    while i < len(tokens):
        best: NameRun | None = None
        for n in (4, 3, 2):
            if n > linked[i]:   # fewer tokens left, or a gap that is not blank and short
                continue
            run = tokens[i:i + n]
            words = [t[2] for t in run]
            latin = translit.latinize_name(words, script)
            if latin:
                best = NameRun(run[0][0], run[-1][1], latin, text[run[0][0]:run[-1][1]],
                               translit.is_family_name(words[0], script))
                break
        if best is not None:
            yield best
            while i < len(tokens) and tokens[i][0] < best.end:
                i += 1
        else:
            i += 1


def find_runs(text: str, script: str) -> list[NameRun]:
    """Every name candidate of a text written in ``script``."""
    if script == "cyrillic":
        return list(_script_runs(text, _CYR_TOKEN, "cyrillic"))
    if script == "arabic":
        return list(_script_runs(text, _ARABIC_TOKEN, "arabic"))
    if script == "han":
        from partygraph.extract import han  # Han names need the title words around them
        return han.find_han_runs(text)
    return list(latin_runs(text))
