"""Frequency priors that rank the candidate readings of a rendered syllable.

The forward rules are deliberately permissive (Russian "Ч" is both ch and tr,
Arabic "و" is o, ô, ơ, u and ư), so one rendering usually maps back to several
syllables. Two hand-written data files decide between them:

* ``syllable_prior.tsv`` - how common each syllable is in Vietnamese personal
  and place names (a list of syllables, not of names);
* ``family_names.tsv`` - common family names with a rough frequency, used for the
  first token of a name and by ``is_family_name``.

Both are keyed here by the mark-less spelling, because that is what the public
API returns; the data files keep the real spellings for readability.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from partygraph.folding import strip_diacritics, strip_tones
from partygraph.translit.text import tone_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "translit"

#: Weight given to syllables the prior does not list, relative to the top weight.
FLOOR = 0.02


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, skipping ``#`` comments and blank lines."""
    rows = []
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                rows.append(line.split("\t"))
    return rows


def _weights(name: str) -> dict[str, float]:
    """Mark-less syllable -> weight in (0, 1], forms differing in marks summed."""
    totals: dict[str, float] = {}
    for row in read_tsv(name):
        key = strip_diacritics(row[0].lower())
        totals[key] = totals.get(key, 0.0) + float(row[1])
    top = max(totals.values())
    return {k: v / top for k, v in totals.items()}


@lru_cache(maxsize=1)
def syllable_weights() -> dict[str, float]:
    """Mark-less syllable -> prior weight in (0, 1]."""
    return _weights("syllable_prior.tsv")


@lru_cache(maxsize=1)
def spelling_weights() -> dict[str, float]:
    """Tone-less spelling with vowel marks (``"dương"``) -> raw weight.

    Used by ``render`` to pick the likeliest marked spelling of an unmarked input
    ("Duong" is far more often Dương than the unattested "Duông").
    """
    totals: dict[str, float] = {}
    for row in read_tsv("syllable_prior.tsv"):
        key = strip_tones(row[0].lower())
        totals[key] = totals.get(key, 0.0) + float(row[1])
    return totals


@lru_cache(maxsize=1)
def toned_weights() -> dict[str, float]:
    """Tone key (``text.tone_key``: spelling plus tone number) -> raw weight."""
    totals: dict[str, float] = {}
    for row in read_tsv("syllable_prior.tsv"):
        key = tone_key(row[0])
        totals[key] = totals.get(key, 0.0) + float(row[1])
    return totals


@lru_cache(maxsize=1)
def family_weights() -> dict[str, float]:
    """Mark-less family name -> weight in (0, 1]."""
    return _weights("family_names.tsv")


def prior(plain: str) -> float:
    """Prior weight of a mark-less syllable, at least ``FLOOR``."""
    return max(syllable_weights().get(plain, 0.0), FLOOR)
