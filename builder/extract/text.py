"""Sentences and runs of linked tokens in folded text.

The folding itself (lower case, marks removed, with the map back to original offsets)
is :func:`partygraph.folding.fold_text`; here are what the extractor builds on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from partygraph.extract import lexicon
from partygraph.folding import Folded


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


@cache
def _abbreviation() -> re.Pattern[str]:
    """The end of a piece that closes on an abbreviation or an initial ("Mme.", "ул.",
    "TP.", "A."): the ``abbreviations`` of every language, since translated articles
    keep the Vietnamese ones."""
    words = sorted({w for lex in lexicon.in_every_language() for w in lex.abbreviations})
    alt = "|".join(map(re.escape, words)) or "(?!)"
    return re.compile(rf"(?:\b(?:{alt})\.|\b[A-ZА-Я]\.)$", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    start: int   # offsets in the folded text
    end: int


def sentences(folded: Folded) -> list[Sentence]:
    """Split into sentences and lines (captions stand alone), not after abbreviations."""
    text = folded.text
    abbreviation = _abbreviation()
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece_end = m.start()
        if "\n" not in m.group(0) and abbreviation.search(
                text[max(start, piece_end - 6):piece_end]):
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
