"""Reverse indexes: rendering -> candidate syllables, built from the forward rules.

Writing the rules forward (Vietnamese -> Russian/Arabic) and inverting them by
brute force over the whole syllable inventory is what keeps the reverse direction
honest: a token is accepted only if some rule really produces it, and every
syllable the rules can produce is found again. The inverted table holds, per
normalised rendering, the mark-less syllables with the best rule weight seen.

Building both indexes takes well under a second; they are built once, lazily.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from partygraph.translit import arabic, cyrillic
from partygraph.translit.syllables import Syllable, inventory

Forward = Callable[[Syllable], list[tuple[str, float]]]

#: script -> (forward rules, normaliser applied to renderings and to input tokens)
RULES: dict[str, tuple[Forward, Callable[[str], str]]] = {
    "cyrillic": (cyrillic.forward, cyrillic.normalize),
    "arabic": (arabic.forward, arabic.normalize),
}


@cache
def reverse_index(script: str) -> dict[str, dict[str, float]]:
    """Normalised rendering -> {mark-less syllable: best rule weight} for a script."""
    forward, normalize = RULES[script]
    table: dict[str, dict[str, float]] = {}
    for syl in inventory():
        plain = syl.plain
        for text, weight in forward(syl):
            slot = table.setdefault(normalize(text), {})
            if weight > slot.get(plain, 0.0):
                slot[plain] = weight
    return table


def rule_matches(key: str, script: str) -> dict[str, float]:
    """Syllables whose rendering normalises to ``key``, with their rule weight."""
    return reverse_index(script).get(key, {})
