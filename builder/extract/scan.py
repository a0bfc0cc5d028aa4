"""``pattern.finditer(text)`` with the same matches, several times faster.

Lexicon patterns are wrapped in a word-boundary lookbehind (``(?<![\\w])(?:…)``) and
many of them are never in a given article. Both cost: a pattern that *starts* with an
assertion or an optional group gets no literal or character-set prefix from the ``re``
compiler, so the engine tries the whole pattern at every position of the text, and
that ~150 times per article. A :class:`Scanner` does exact things instead:

* it skips a pattern outright when none of its *required literals* is in the text —
  strings of which every match must contain one ("national assembly" in
  ``(?:provincial )?national assembly``), read off the parsed pattern;
* it splits a leading lookbehind off (the *guard*) and searches the rest (the *body*),
  which has a prefix the engine can skip to, then tests the guard where the body
  matched. A lookbehind consumes nothing, so "the pattern matches at *p*" is "the guard
  holds at *p* and the body matches at *p*", with the same end and groups;
* when the body has no prefix either (Arabic patterns open with optional clitics), it
  tries the body only at the *anchored* starts: a required literal found at *q* that
  sits at most *lead* characters into any match puts the match start in
  ``[q - lead, q]``, so no other position can start a match (when those windows
  are too many, only their positions where the guard holds, found once per text for
  all patterns sharing the guard).

In both of the last two, trying starts left to right and resuming after a match (or
one past a failed start) is exactly the leftmost-first, non-overlapping order of
``finditer``. Patterns this cannot handle safely (a guard with groups, a body that can
match the empty string, flags) are simply run with ``finditer``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache

try:  # the parser of the re module: public in spirit, private in name since 3.11
    # typeshed leaves the private modules out of re's stub: they are typed as Any here
    from re import _constants as _sre_c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _sre_c = _sre_parse = None

__all__ = ["Scanner", "required_literals", "scanner"]

# a leading lookbehind without nested groups: "(?<![\w])", "(?<!\d)", "(?<![\w'])"
_GUARD = re.compile(r"\(\?<[!=](?:\\.|\[(?:\\.|[^\]\\])*\]|[^()\[\]\\])*\)")
_INF = 1 << 30           # "unbounded" for widths and leads
_MAX_LEAD = 32           # anchors further into the match than this are not used
_ANCHOR_SHARE = 4        # anchored starts only while fewer than len(text) / this

Candidate = tuple[frozenset[str], int]   # (needles, lead)


class Scanner:
    """The matches of one compiled pattern, found the fast way when that is safe.

    Built once per pattern from one parse of it; the body is compiled on first use,
    so patterns whose literals never turn up cost no second compilation.
    """

    __slots__ = (
        "_body",
        "_body_source",
        "anchor",
        "guard",
        "needles",
        "pattern",
        "prefixed",
    )

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles: tuple[str, ...] | None = None
        self.anchor: tuple[tuple[str, ...], int] | None = None   # (needles, lead)
        self.prefixed = True
        self.guard: re.Pattern[str] | None = None
        self._body_source: str | None = None
        self._body: re.Pattern[str] | None = None
        parsed = _parse(pattern)
        if parsed is None:
            return
        candidates = _candidates(parsed.data, parsed.state)
        first = _first(parsed.data, parsed.state)
        if first is not None:
            candidates.append(first)
        if candidates:
            best = max(candidates, key=lambda c: _score(c[0]))
            self.needles = tuple(sorted(best[0]))
            near = [(tuple(sorted(n)), lead) for n, lead in candidates if lead <= _MAX_LEAD]
            if near:   # long needles first (fewer places to try), then near the start
                self.anchor = min(near, key=lambda a: (-min(map(len, a[0])), a[1], a))
        core = parsed.data
        guard = _guard(pattern, parsed)
        if guard is not None:
            self.guard, self._body_source = guard
            core = parsed.data[1:]
        self.prefixed = _has_prefix(core)

    @property
    def body(self) -> re.Pattern[str] | None:
        """The pattern without its guard, or None when it has none (or splitting fails)."""
        if self._body is None and self._body_source is not None:
            try:
                body = re.compile(self._body_source)
            except re.error:
                body = None
            if body is None or body.groups != self.pattern.groups or \
                    body.groupindex != self.pattern.groupindex:
                self.guard = self._body_source = None
            else:
                self._body = body
        return self._body

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches ``self.pattern.finditer(text)`` gives (spans and groups)."""
        needles = self.needles
        if needles is not None and not any(map(text.__contains__, needles)):
            return iter(())
        if not self.prefixed and self.anchor is not None:
            starts = self._anchored_starts(text)
            if starts is not None:
                return self._at(text, starts)
        if self.body is None:
            return self.pattern.finditer(text)
        return self._guarded(text)

    def _guarded(self, text: str) -> Iterator[re.Match[str]]:
        body, guard = self.body, self.guard
        assert body is not None and guard is not None
        search, holds = body.search, guard.match
        pos, n = 0, len(text)
        while pos <= n:
            m = search(text, pos)
            if m is None:
                return
            start = m.start()
            if holds(text, start) is None:
                pos = start + 1
                continue
            yield m
            pos = m.end()   # the body never matches empty (checked in _guard)

    def _anchored_starts(self, text: str) -> list[int] | None:
        """Every position a match can start at, or None when there are too many (a
        plain search is then as cheap): the anchors' windows, or when those are too
        many, the positions in them where the guard holds."""
        assert self.anchor is not None
        needles, lead = self.anchor
        limit = max(16, len(text) // _ANCHOR_SHARE)
        starts = _starts(text, needles, lead, None, limit)
        if starts is None and self.body is not None:
            starts = _starts(text, needles, lead, _guard_positions(self.guard, text), limit)
        return starts

    def _at(self, text: str, starts: list[int]) -> Iterator[re.Match[str]]:
        """Leftmost-first, non-overlapping matches among ``starts``."""
        body = self.body
        core, guard = (body, self.guard) if body is not None else (self.pattern, None)
        pos = 0
        for s in starts:
            if s < pos or (guard is not None and guard.match(text, s) is None):
                continue
            m = core.match(text, s)
            if m is not None:
                yield m
                pos = m.end()   # never empty: every match holds a needle


def _starts(text: str, needles: tuple[str, ...], lead: int, holds: list[int] | None,
            limit: int) -> list[int] | None:
    """Positions within ``lead`` before an occurrence of a needle (only those in
    ``holds`` when given), sorted; None as soon as there are more than ``limit``."""
    starts: set[int] = set()
    for needle in needles:
        q = text.find(needle)
        while q != -1:
            if holds is None:
                starts.update(range(max(0, q - lead), q + 1))
            else:
                starts.update(holds[bisect.bisect_left(holds, q - lead):
                                    bisect.bisect_right(holds, q)])
            if len(starts) > limit:
                return None
            q = text.find(needle, q + 1)
    return sorted(starts)


@cache
def scanner(pattern: re.Pattern[str]) -> Scanner:
    """The scanner of a pattern, built once (patterns of lexicons live for the process)."""
    return Scanner(pattern)


@lru_cache(maxsize=8)
def _guard_positions(guard: re.Pattern[str] | None, text: str) -> list[int]:
    """The positions of ``text`` where a zero-width guard holds, in order; asked by
    every anchored pattern of an article, so kept for the last few texts."""
    assert guard is not None
    return [m.start() for m in guard.finditer(text)]


def _guard(pattern: re.Pattern[str], parsed) -> tuple[re.Pattern[str], str] | None:
    """(guard, body source) of ``(?<!…)body``, or None when splitting is not exact: the
    guard must be a lookbehind without groups and the body must not match empty."""
    m = _GUARD.match(pattern.pattern)
    if m is None or m.end() == len(pattern.pattern) or not parsed.data:
        return None
    op, av = parsed.data[0]
    if op not in (_sre_c.ASSERT, _sre_c.ASSERT_NOT) or av[0] != -1 or \
            parsed.getwidth()[0] == 0:
        return None
    try:
        guard = re.compile(m.group(0))
    except re.error:
        return None
    if guard.groups:
        return None
    return guard, pattern.pattern[m.end():]


def _parse(pattern: re.Pattern[str]):
    if _sre_parse is None or pattern.flags & ~re.UNICODE:
        return None
    try:
        return _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:   # an unreadable pattern gets no shortcut, not a wrong one
        return None


def required_literals(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` contains; None if none are known.

    >>> required_literals(re.compile(r"(?<![\\w])(?:(?:provincial )?national assembly)"))
    ('national assembly',)
    >>> required_literals(re.compile(r"heads?|chiefs?"))
    ('chief', 'head')
    """
    return Scanner(pattern).needles


def _candidates(items, state) -> list[Candidate]:
    """(needles, lead) pairs of a parsed sequence: every match of it contains one of
    the needles, starting at most ``lead`` characters after the match starts."""
    c = _sre_c
    out: list[Candidate] = []
    offset = 0          # the widest the items so far can be
    run: list[str] = []
    run_lead = 0
    for item in items:
        op, av = item
        if op is c.LITERAL:
            if not run:
                run_lead = offset
            run.append(chr(av))
            offset = min(_INF, offset + 1)
            continue
        if run:
            out.append((frozenset({"".join(run)}), run_lead))
            run = []
        inner: list[Candidate] = []
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                inner = _candidates(sub.data, state)
        elif op is c.ATOMIC_GROUP:
            inner = _candidates(av.data, state)
        elif op is c.BRANCH:
            # one needle set from every alternative: the rarest strings (to skip the
            # pattern) and the ones nearest the start (to anchor it)
            alts = [_candidates(alt.data, state) for alt in av[1]]
            if all(alts):
                for pick in (lambda a: max(a, key=lambda cand: _score(cand[0])),
                             lambda a: min(a, key=lambda cand: (cand[1], _score(cand[0])))):
                    picks = [pick(a) for a in alts]
                    inner.append((frozenset().union(*(n for n, _ in picks)),
                                  max(lead for _, lead in picks)))
        elif op is c.IN and 0 < len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
            inner = [(frozenset(chr(ch) for _, ch in av), 0)]   # "[sz]" needs "s" or "z"
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            low, high, sub = av
            if low >= 1:
                width = _width(sub.data, state)
                before = 0 if high == 1 else (_INF if high >= c.MAXREPEAT
                                              else (high - 1) * width)
                inner = [(n, min(_INF, before + lead))
                         for n, lead in _candidates(sub.data, state)]
        # anything else (classes, assertions, anchors, ...) requires no known literal
        out.extend((n, min(_INF, offset + lead)) for n, lead in inner)
        offset = min(_INF, offset + _width([item], state))
    if run:
        out.append((frozenset({"".join(run)}), run_lead))
    return [(n, lead) for n, lead in out if n and all(n)]


def _first(items, state, offset: int = 0) -> Candidate | None:
    """Needles one of which starts every non-empty match near its start: the literals a
    match can begin with, looking past optional parts ("(?:партийн\\w+ )?комитет"
    begins with "партийн" or "комитет") and parts of bounded width without literals."""
    c = _sre_c
    for k, (op, av) in enumerate(items):
        if offset > _MAX_LEAD:
            return None
        if op is c.LITERAL:
            run = [chr(av)]
            for op2, av2 in items[k + 1:]:
                if op2 is not c.LITERAL:
                    break
                run.append(chr(av2))
            return frozenset({"".join(run)}), offset
        inner = _first_of(op, av, state)
        low, high = _sre_parse.SubPattern(state, [(op, av)]).getwidth()
        if inner is not None and low >= 1:
            return inner[0], offset + inner[1]
        if inner is not None:   # optional: the match starts with it, or with what follows
            rest = _first(items[k + 1:], state, offset)
            if rest is None:
                return None
            return inner[0] | rest[0], max(offset + inner[1], rest[1])
        if high >= c.MAXREPEAT:
            return None
        offset += high          # no literal here: the needle is at most this much later
    return None


def _first_of(op, av, state) -> Candidate | None:
    """``_first`` of one parsed item, for its non-empty matches."""
    c = _sre_c
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _first(sub.data, state)
    if op is c.ATOMIC_GROUP:
        return _first(av.data, state)
    if op is c.BRANCH:
        alts = [_first(alt.data, state) for alt in av[1]]
        found = [a for a in alts if a is not None]
        if len(found) < len(alts):
            return None
        return frozenset().union(*(n for n, _ in found)), max(lead for _, lead in found)
    if op is c.IN and 0 < len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
        return frozenset(chr(ch) for _, ch in av), 0
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        return _first(av[2].data, state)
    return None


def _width(items, state) -> int:
    """The widest a parsed sequence can match (``_INF`` when unbounded)."""
    high = _sre_parse.SubPattern(state, list(items)).getwidth()[1]
    return _INF if high >= _sre_c.MAXREPEAT else high


def _has_prefix(items) -> bool:
    """Whether the ``re`` compiler finds a literal or character-set prefix to skip to
    (mirrors its own test; a wrong guess only costs speed)."""
    c = _sre_c
    while items and items[0][0] is c.SUBPATTERN:
        _group, add_flags, del_flags, sub = items[0][1]
        if add_flags or del_flags:
            return False
        items = sub.data
    if not items:
        return False
    op, av = items[0]
    if op in (c.LITERAL, c.IN):
        return True
    if op is c.BRANCH:
        return all(alt.data and alt.data[0][0] is c.LITERAL for alt in av[1])
    return False


def _score(needles: frozenset[str]) -> tuple[int, int]:
    """Longer shortest string first (rarer in text), then fewer strings to look for."""
    return (min(len(s) for s in needles), -len(needles))
