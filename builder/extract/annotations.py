"""The annotation record every finder produces, in folded-text coordinates."""

from __future__ import annotations

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
    mask = bytearray(max((a.end for a in anns), default=0) + 1)
    for a in sorted(anns, key=lambda a: (-(a.end - a.start), _RANK.get(a.kind, 99), a.start)):
        s, e = a.start, a.end
        if s < e:
            if mask.find(1, s, e) != -1 or any(s < p < e for p in points):
                continue
            mask[s:e] = b"\x01" * (e - s)
        else:
            if any(s < te and ts < e for ts, te in taken):
                continue
            points.append(s)
        chosen.append(a)
        taken.append((s, e))
    return sorted(chosen, key=lambda a: (a.start, a.end))


_RANK = {k: i for i, k in enumerate(PRIORITY)}
