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
    """Keep a set of non-overlapping annotations: longest first, then by priority."""
    rank = {k: i for i, k in enumerate(PRIORITY)}
    chosen: list[Ann] = []
    taken: list[tuple[int, int]] = []
    for a in sorted(anns, key=lambda a: (-(a.end - a.start), rank.get(a.kind, 99), a.start)):
        if any(a.start < e and s < a.end for s, e in taken):
            continue
        chosen.append(a)
        taken.append((a.start, a.end))
    return sorted(chosen, key=lambda a: (a.start, a.end))
