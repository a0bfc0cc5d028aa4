"""Where in a name a syllable stands, and how common it is there: a prior learned from
real Vietnamese names.

Arabic writes o, ô, ơ, u, ư all as و and Russian writes ch and tr both as Ч, so one
rendering stands for several syllables (ترونغ is Trung, Trọng or Trương). Which one a
person is called depends on the position: Trương is a family name, Trọng a common middle
name, Trung a common given name. ``name_prior.tsv`` counts each syllable per position in
a list of real names (its header names the source; ``_build_name_prior.py`` made it) and
also counts given names after each middle name, because the middle name carries what the
syllable alone does not: a man named "Văn X" is far likelier Thông than Thương, a woman
named "Thị X" the other way round.

The weights are smoothed probabilities: a syllable seen in one name part also counts a
little for the other (``_SPILL``), and a syllable never seen in the list falls back on the
hand-written general prior (``prior.py``) as a fraction of one observation
(``_PSEUDO``), so the data decides wherever it has evidence and unseen syllables still
rank among themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from partygraph.folding import strip_diacritics
from partygraph.translit.prior import family_weights, prior, read_tsv

#: Share of a syllable's count in the other name part (middle <-> given) lent to this one.
_SPILL = 0.2
#: Pseudo-observations given to the general prior, so unseen syllables are not all equal.
_PSEUDO = 1.0

POSITIONS = ("family", "middle", "given")


@dataclass(frozen=True)
class _Counts:
    by_position: dict[str, dict[str, float]]   # position -> plain syllable -> count
    totals: dict[str, float]
    after: dict[str, dict[str, float]]         # plain middle -> plain given -> count


@lru_cache(maxsize=1)
def _counts() -> _Counts:
    by_position: dict[str, dict[str, float]] = {p: {} for p in POSITIONS}
    after: dict[str, dict[str, float]] = {}
    for position, syllable, previous, count in read_tsv("name_prior.tsv"):
        plain = strip_diacritics(syllable.lower())
        if position == "after":
            slot = after.setdefault(strip_diacritics(previous.lower()), {})
        else:
            slot = by_position[position]
        slot[plain] = slot.get(plain, 0.0) + float(count)
    totals = {p: sum(c.values()) for p, c in by_position.items()}
    return _Counts(by_position, totals, after)


def _unigram(counts: _Counts, plain: str, position: str) -> float:
    """P(syllable | position), smoothed; the family position backs off on family names."""
    own = counts.by_position[position]
    if position == "family":
        seen = own.get(plain, 0.0)
        fallback = family_weights().get(plain, 0.0)
        total = counts.totals["family"]
    else:
        other = "given" if position == "middle" else "middle"
        seen = own.get(plain, 0.0) + _SPILL * counts.by_position[other].get(plain, 0.0)
        fallback = prior(plain)
        total = counts.totals[position] + _SPILL * counts.totals[other]
    return (seen + _PSEUDO * fallback) / (total + _PSEUDO)


def name_probability(plain: str, position: str, previous: str | None = None) -> float:
    """Smoothed probability of a mark-less syllable at a position of a person's name.

    Probabilities, not weights scaled per position, so that the first token can weigh
    "a family name" against "a given name" on the same footing.

    ``position`` is ``"family"`` (the first token), ``"middle"`` or ``"given"`` (the last);
    for a given name, ``previous`` is the chosen reading of the middle name before it, whose
    own given-name counts are mixed in (Witten-Bell interpolation).
    """
    counts = _counts()
    p = _unigram(counts, plain, position)
    seen_after = counts.after.get(previous or "", {}) if position == "given" else {}
    if seen_after:
        # Witten-Bell: trust the context as much as it has been seen, less as the number
        # of different given names after it shows how open it is
        n = sum(seen_after.values())
        trust = n / (n + len(seen_after))
        p = trust * seen_after.get(plain, 0.0) / n + (1 - trust) * p
    return p
