"""The annotation record every finder produces, in folded-text coordinates."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Ann:
    """A typed stretch of the folded text.

    ``kind`` is one of PERSON, PLACE, HON, ROLE, ORG, LEVEL, GROUP, CHAIR, ATTEND, HOLD,
    EVENT, DOC, DATE, TODAY.
    """

    start: int
    end: int
    kind: str
    value: Any = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


TITLE_KINDS = frozenset({"ROLE", "ORG", "LEVEL", "PLACE", "GROUP"})
# When two annotations overlap, the longer one wins; on a tie, the earlier kind here.
PRIORITY = ("PERSON", "GROUP", "ORG", "ROLE", "PLACE", "DOC", "DATE", "CHAIR", "ATTEND",
            "HOLD", "EVENT", "LEVEL", "HON", "TODAY")


def resolve_overlaps(anns: list[Ann]) -> list[Ann]:
    """Keep a set of non-overlapping annotations: longest first, then by priority.

    Two annotations overlap as half-open ranges (``a.start < e and s < a.end``). The
    offsets already taken are kept in a byte mask, so testing a candidate is one
    ``find`` instead of a pass over everything chosen; empty annotations (which overlap
    only what strictly surrounds them, or what they strictly sit in) are tested
    against the chosen ranges one by one.
    """
    chosen: list[Ann] = []
    taken: list[tuple[int, int]] = []
    points: list[int] = []     # chosen empty annotations
    # the mask spans only the annotations' own stretch: a sentence's annotations late in
    # a long article must not cost a mask of the whole article (quadratic over sentences)
    low = min((a.start for a in anns), default=0)
    mask = bytearray(max((a.end for a in anns), default=0) - low + 1)
    for a in sorted(anns, key=lambda a: (-(a.end - a.start), _RANK.get(a.kind, 99), a.start)):
        s, e = a.start, a.end
        if s < e:
            if mask.find(1, s - low, e - low) != -1 or any(s < p < e for p in points):
                continue
            mask[s - low:e - low] = b"\x01" * (e - s)
        else:
            if any(s < te and ts < e for ts, te in taken):
                continue
            points.append(s)
        chosen.append(a)
        taken.append((s, e))
    return sorted(chosen, key=lambda a: (a.start, a.end))


_RANK = {k: i for i, k in enumerate(PRIORITY)}


class Occupied:
    """Half-open spans taken so far, for "does this span overlap one?" (``a < e and
    s < b``) in time that depends on the span tested, not on how many are taken: the
    same test as ``any(a < e and s < b for s, e in taken)``, which, asked once per
    candidate of a long article, is quadratic in it."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.mask = bytearray()
        self.spans: list[tuple[int, int]] = []
        self.points: list[int] = []          # empty spans, rare
        for s, e in spans:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        self.spans.append((s, e))
        if e <= s:
            self.points.append(s)
            return
        if e > len(self.mask):
            self.mask.extend(bytes(max(e - len(self.mask), len(self.mask))))
        self.mask[s:e] = b"\x01" * (e - s)

    def overlaps(self, a: int, b: int) -> bool:
        if a < b:
            low, high = max(a, 0), max(b, 0)     # a negative end would count from the end
            return (high > low and self.mask.find(1, low, high) != -1) or \
                any(a < p < b for p in self.points)
        return any(a < e and s < b for s, e in self.spans)     # an empty span: rare


def around(anns: Sequence[Ann], starts: Sequence[int], a: Ann, reach: int = 2
           ) -> Sequence[Ann]:
    """The annotations of ``anns`` (sorted by start, ``starts`` their starts, none
    overlapping another or ``a``) next to ``a``, ``reach`` on either side, in their
    order: the only ones that can be nearest to it by any distance that grows with the
    text between (a farther one has a nearer one between). Looking at every one for
    every ``a`` is quadratic in a sentence with many of both.
    """
    i = bisect.bisect_left(starts, a.start)
    return anns[max(0, i - reach):i + reach]
