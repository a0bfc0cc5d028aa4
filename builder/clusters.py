"""Linking the mentions of one name into persons: the decision step of
:mod:`partygraph.matching`.

Links are tried strongest first, each kind in an order fixed by the mentions' content
(article, then name), and a link is refused when it would join two groups whose posts
conflict in the same period (:func:`conflict`) or two stored persons. So the persons
found are the same whatever order the articles came in, and every join and refusal
leaves its reason.

1. the same article (one person named twice);
2. the same organization: a post in one body ("deputy head of the Central Organization
   Commission" in two articles; plain membership of a very large body does not count);
3. the same province: posts there, or no post in an article about it;
4. a central cadre rotated: when the name has exactly one member of the Central
   Committee (Politburo, Secretariat), a senior post of that name elsewhere (a
   provincial leadership post or a central one) is theirs;
5. a name without any post: in a provincial article, the one central official of that
   name; with no province either, the one person of that name known at all.

A stated transfer needs no rule of its own: one mention with posts in two provinces
(or a province and the centre) links both by rule 3 and, being stated, explains why the
person held posts in two places (:func:`conflict` lets the pair pass).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

from partygraph.extract.windows import SAME_PERIOD_DAYS
from partygraph.iris import digest
from partygraph.matching import (
    CENTRAL,
    NO_PROVINCE,
    TWIN_MARK,
    Mention,
    ResolvedName,
    ResolvedPerson,
)

SAME_PERIOD = timedelta(days=SAME_PERIOD_DAYS)
Mark = tuple[str, ...]      # ("seat", province) | ("head", role, org type, org key)


@dataclass
class _Group:
    """Mentions found to be one person so far, with what :func:`conflict` checks."""

    members: list[Mention]
    marks: dict[Mark, list[date]] = field(default_factory=dict)
    bridges: set[frozenset[str]] = field(default_factory=set)
    pins: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, m: Mention) -> _Group:
        g = cls([m])
        if m.date is not None:
            for seat in m.seats:
                g.marks[("seat", seat)] = [m.date]
            for role, org_type, key in m.heads:
                g.marks[("head", role, org_type, key)] = [m.date]
        g.bridges = {frozenset(p) for p in combinations(sorted(m.seats), 2)}
        if m.pinned:
            g.pins.add(m.pinned)
        return g

    def absorb(self, other: _Group, reason: str) -> None:
        self.members += other.members
        for mark, dates in other.marks.items():
            mine = self.marks.setdefault(mark, [])
            if len(dates) < 8:
                for d in dates:
                    insort(mine, d)
            else:
                mine[:] = sorted(mine + dates)
        self.bridges |= other.bridges
        self.pins |= other.pins
        self.reasons += [*other.reasons, reason]

    def first(self) -> tuple[str, str]:
        return min(m.ident for m in self.members)

    def any(self, test: Callable[[Mention], bool]) -> bool:
        return any(test(m) for m in self.members)


def conflict(a: _Group, b: _Group) -> str:
    """Why ``a`` and ``b`` cannot be one person ("" if they can): posts that cannot be
    held together, stated within :data:`SAME_PERIOD` of each other."""
    bridges = a.bridges | b.bridges
    for ma, da in sorted(a.marks.items()):
        for mb, db in sorted(b.marks.items()):
            if not _incompatible(ma, mb, bridges):
                continue
            near = _nearest(da, db)
            if near is not None:
                what = (f"posts in {ma[1]} and {mb[1]}" if ma[0] == "seat"
                        else f"{ma[1]} of {ma[3]} and of {mb[3]}")
                return f"{what} in the same period ({near[0]}, {near[1]})"
    return ""


def _incompatible(a: Mark, b: Mark, bridges: set[frozenset[str]]) -> bool:
    if a[0] != b[0]:
        return False
    if a[0] == "seat":
        return a[1] != b[1] and frozenset((a[1], b[1])) not in bridges
    return a[1:3] == b[1:3] and a[3] != b[3]


def _nearest(xs: list[date], ys: list[date]) -> tuple[date, date] | None:
    """A pair of dates (one of each sorted list) at most SAME_PERIOD apart, if any:
    each date of the shorter list against its neighbours in the longer one."""
    short, long_, flip = (xs, ys, False) if len(xs) <= len(ys) else (ys, xs, True)
    for d in short:
        k = bisect_left(long_, d)
        for other in long_[max(k - 1, 0):k + 1]:
            if abs(other - d) <= SAME_PERIOD:
                return (other, d) if flip else (d, other)
    return None


class _Linker:
    def __init__(self, found: list[Mention]) -> None:
        self.mentions = sorted(found, key=lambda m: (m.ident, m.pinned))
        self.root = list(range(len(self.mentions)))
        self.groups = {i: _Group.of(m) for i, m in enumerate(self.mentions)}
        self.refused: list[tuple[int, int, str]] = []

    def find(self, i: int) -> int:
        while self.root[i] != i:
            self.root[i] = self.root[self.root[i]]
            i = self.root[i]
        return i

    def join(self, i: int, j: int, why: str) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        a, b = self.groups[ri], self.groups[rj]
        reason = f"{self.mentions[i].source} ~ {self.mentions[j].source}: {why}"
        clash = conflict(a, b)
        if not clash and a.pins and b.pins and a.pins != b.pins:
            clash = "two stored persons"
        if clash:
            self.refused.append((i, j, f"{reason} — refused: {clash}"))
            return False
        keep, gone = (ri, rj) if ri < rj else (rj, ri)
        self.groups[keep].absorb(self.groups.pop(gone), reason)
        self.root[gone] = keep
        return True

    def link_by(self, features: Callable[[Mention], frozenset[str]], why: str) -> None:
        """Join each mention to the first group that shares a feature with it. Each
        feature keeps one mention per group that refused a join (``reps``), so a
        person named in thousands of articles costs one try per mention."""
        reps: dict[str, list[int]] = defaultdict(list)
        for i, m in enumerate(self.mentions):
            for value in sorted(features(m)):
                tried: set[int] = set()
                for j in reps[value]:
                    r = self.find(j)
                    if r in tried:
                        continue
                    tried.add(r)
                    if r == self.find(i) or self.join(j, i, f"{why} {value}"):
                        break
                else:
                    reps[value].append(i)

    def current(self) -> list[tuple[int, _Group]]:
        return sorted(self.groups.items(), key=lambda kv: kv[1].first())

    def refusals(self) -> list[str]:
        """The refused joins between mentions that stayed apart in the end."""
        return sorted({text for i, j, text in self.refused if self.find(i) != self.find(j)})


def resolve_block(name: str, found: list[Mention]) -> ResolvedName:
    """The persons among the mentions of one name, with the reasons."""
    ln = _Linker(found)
    ln.link_by(lambda m: frozenset((m.source,)), "named twice in one article")
    ln.link_by(lambda m: m.orgs, "same organization")
    ln.link_by(lambda m: m.places, "same province")
    _rotated_cadre(ln)
    _without_posts(ln)
    _floating_together(ln)
    return _named(name, ln)


def _floating_together(ln: _Linker) -> None:
    """Mentions that say nothing but the name (no body, no province, no central office)
    are one unplaced person of the name: there is nothing to tell them apart."""
    floating = [i for i, g in ln.current() if _anonymous(g)]
    for i in floating[1:]:
        ln.join(floating[0], i, "nothing places either: one unplaced person of the name")


def _anonymous(g: _Group) -> bool:
    """No body, no province, no central office: only a name (and perhaps a role)."""
    return not g.any(lambda m: bool(m.places or m.orgs) or m.central)


def _rotated_cadre(ln: _Linker) -> None:
    cadres = [i for i, g in ln.current() if g.any(lambda m: m.cadre)]
    if len(cadres) != 1:
        return
    for i, g in ln.current():
        if ln.find(i) != ln.find(cadres[0]) and g.any(lambda m: m.senior):
            ln.join(cadres[0], i, "the one central cadre of the name, rotated to a "
                                  "senior post")


def _without_posts(ln: _Linker) -> None:
    def postless(g: _Group) -> bool:
        return not g.any(lambda m: m.has_posts)

    central = [i for i, g in ln.current() if g.any(lambda m: m.central)]
    for i, g in ln.current():
        if postless(g) and g.any(lambda m: bool(m.context)) and len(central) == 1:
            ln.join(central[0], i, "no post, in a provincial article: the one central "
                                   "official of the name")
    floating = [i for i, g in ln.current() if _anonymous(g)]
    known = [i for i, g in ln.current() if not _anonymous(g)]
    if len(known) == 1:
        for i in floating:
            ln.join(known[0], i, "no body, province or central office: the one person "
                                 "of the name")


def preferred_key(name: str, members: list[Mention]) -> str:
    """A person's key: a stored one, else where their posts are (the province most of
    their mentions hold posts in, "central" for the centre), else the article's
    province, else none ("vn")."""
    pins = sorted(m.pinned for m in members if m.pinned)
    if pins:
        return pins[0]
    provinces = Counter(p for m in members for p in m.provinces)
    if provinces:
        return f"{_most(provinces)}/{name}"
    if any(m.central for m in members):
        return f"{CENTRAL}/{name}"
    contexts = Counter(m.context for m in members if m.context)
    if contexts:
        return f"{_most(contexts)}/{name}"
    return f"{NO_PROVINCE}/{name}"


def _most(counts: Counter[str]) -> str:
    return min(counts, key=lambda k: (-counts[k], k))


def _named(name: str, ln: _Linker) -> ResolvedName:
    groups = sorted(ln.groups.values(),
                    key=lambda g: (not g.pins, -len(g.members), g.first()))
    taken: set[str] = set()
    persons = []
    for g in groups:
        key = preferred_key(name, g.members)
        if key in taken:
            key += TWIN_MARK + digest(*g.first(), length=8)
        taken.add(key)
        persons.append(ResolvedPerson(key, sorted({m.ident for m in g.members}),
                                      sorted(g.reasons)))
    persons.sort(key=lambda p: p.key)
    apart = ln.refusals()
    if len(persons) > 1 and not apart:
        apart = ["nothing links them: no shared organization or province, no stated "
                 "transfer, no rotation of the name's one central cadre, no central "
                 "office for a mention without a post"]
    return ResolvedName(name, persons, apart)
