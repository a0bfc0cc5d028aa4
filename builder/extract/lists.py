"""Which title chains belong to which person of a sentence: the grammar of lists.

Articles name people with their posts in a handful of shapes, in every language:

- a title right after the name, after a comma, a dash, a colon or a bracket ("X,
  membre du …", "X – Secretary of …", "X (Chairman of …)"), or after a word that gives
  the post ("X fue reelegido secretario del …", "X làm Bí thư …", "X担任省委书记"); a
  further title may follow the first one through such a word ("X, secrétaire adjoint
  du …, au poste de président du …");
- organizations a name joins, without a role word: the person becomes a member
  ("X tham gia Ban Chấp hành Đảng bộ, Ban Thường vụ …", "X joined the Standing
  Committee", "X вошёл в состав бюро");
- a title right before the name ("Chủ tịch UBND tỉnh Hồ Văn Mừng", "省委书记阮德忠",
  "el miembro del Buró Político …, Phan Dinh Trac");
- one title for several names: before a colon that opens the list ("Les vice-secrétaires
  du Comité provincial : A, président du … ; B, …"), or after names that only commas and
  conjunctions separate ("les camarades A, B et C, vice-secrétaires du …"), or given by
  a post word to names listed before it ("A, B và C được bầu làm Phó Bí thư").

Every test looks at the text between two annotations of one sentence, so the work per
sentence is linear in the annotations it holds.
"""

from __future__ import annotations

import bisect
import re

from partygraph.extract import lexicon, titles
from partygraph.extract.annotations import Ann
from partygraph.extract.windows import POSTFIX_CONNECTOR, TITLE_BEFORE_NAME

_POSTFIX_GAP = re.compile(r"^\s*[,\-–—:(]\s*$")
_POSTFIX_WORDS = re.compile(r"^\s*[,\-–—:(]\s*(.*?)\s*$")
_POST_WORDS = re.compile(r"^\s*[,\-–—:(]?\s*(.*?)\s*$")
_PREFIX_GAP = re.compile(r"^[\s,]*$")
_COLON = re.compile(r"^\s*[:：]\s*$")
_LIST_GAP = re.compile(r"^[\s,、，]*$")


def attach(people: list[Ann], chains: list[titles.Chain], text: str,
           lex: lexicon.Lexicon) -> dict[int, list[titles.Chain]]:
    """For each person of a sentence (by ``id``), the chains that state their posts."""
    hon = lex.honorific.regex
    used: set[int] = set()
    attached: dict[int, list[titles.Chain]] = {id(p): [] for p in people}
    after: dict[int, list[titles.Chain]] = {}       # the chains after each name
    by_post_word: set[int] = set()                  # persons whose title a post word gives
    # "Chủ tịch UBND tỉnh A, Phó Bí thư Tỉnh ủy B": a title the next name follows with
    # nothing between is that name's, not the one before it
    starts = {p.start for p in people}
    tight = {i for i, c in enumerate(chains)
             if _tight_before(text, c.end, starts, hon)}
    # chains by start and by end, to visit only those near each name: a pass over every
    # chain of the sentence for each name is quadratic in a sentence without full stops
    chain_starts = [c.start for c in chains]
    chain_ends = [c.end for c in chains]
    for p in people:   # titles after the name: "X, membre du …", "X, a member of …"
        last: titles.Chain | None = None
        joining = False
        for i in range(bisect.bisect_left(chain_starts, p.end), len(chains)):
            c = chains[i]
            if i in used or c.start < p.end:
                continue
            if i in tight:
                break
            gap = text[(last.end if last else p.end):c.start]
            chain = c
            if last is None and postfix_gap(gap, lex):
                joining = False
            elif _post_gap(gap, lex):
                joining = False
                if last is None:
                    by_post_word.add(id(p))
            elif c.items[0].kind == "ORG" and (
                    _word_gap(gap, lex.join_words, lex)
                    or (joining and _LIST_GAP.match(_strip_conjunction(gap, lex)))):
                chain = _as_member(c, lex)
                joining = True
                if last is None:
                    by_post_word.add(id(p))
            else:
                break
            after.setdefault(id(p), []).append(chain)
            used.add(i)
            last = c
    for p in people:
        attached[id(p)].extend(after.get(id(p), []))
    prefixed: dict[int, titles.Chain] = {}
    for p in people:   # titles before the name: "глава … Нгуен Чин"
        for i in range(bisect.bisect_left(chain_ends, p.start - TITLE_BEFORE_NAME),
                       bisect.bisect_right(chain_ends, p.start)):
            c = chains[i]
            if i in used or c.end > p.start:
                continue
            gap = text[c.end:p.start]
            gap = hon.sub(" ", gap) if hon else gap
            if _PREFIX_GAP.match(gap):
                attached[id(p)].append(c)
                prefixed[id(p)] = c
                used.add(i)
                # "Secretary of the … Committee and People's Committee Chairman X"
                k = i - 1
                while k >= 0 and k not in used and _has_conjunction(
                        text[chains[k].end:chains[k + 1].start], lex):
                    attached[id(p)].append(chains[k])
                    used.add(k)
                    k -= 1
    _share_before_colon(people, chains, used, attached, text, hon)
    _share_along_list(people, after, prefixed, by_post_word, attached, text, lex)
    return attached


def _tight_before(text: str, end: int, starts: set[int], hon: re.Pattern[str] | None) -> bool:
    """Whether a name starts after ``end`` with only spaces (and honorifics) between."""
    i = end
    while i < len(text) and text[i] == " ":
        i += 1
    if i in starts:
        return True
    m = hon.match(text, i) if hon else None
    if m is None or m.end() == i:
        return False
    j = m.end()
    while j < len(text) and text[j] == " ":
        j += 1
    return j in starts


def postfix_gap(gap: str, lex: lexicon.Lexicon) -> bool:
    """A separator, then at most connector words: ", " / " - " / ", a " / ", l'un des "."""
    if _POSTFIX_GAP.match(gap):
        return True
    m = _POSTFIX_WORDS.match(gap)
    return bool(m and m.group(1) and len(m.group(1)) <= POSTFIX_CONNECTOR
                and (lex.connector.fullmatch(m.group(1)) or lex.article.fullmatch(m.group(1))))


def _post_gap(gap: str, lex: lexicon.Lexicon) -> bool:
    """Words that give a post, after at most a separator: " fue reelegido ", ", au poste
    de ", " làm ", "担任", " và giữ chức "."""
    return _word_gap(gap, lex.post_words, lex)


def _word_gap(gap: str, words: re.Pattern[str], lex: lexicon.Lexicon) -> bool:
    """``words``, after at most a separator and a conjunction."""
    m = _POST_WORDS.match(gap)
    if not m or not m.group(1):
        return False
    found = m.group(1)
    if words.fullmatch(found):
        return True
    lead = lex.conjunction.match(found)
    return bool(lead and found[lead.end():lead.end() + 1] == " "
                and words.fullmatch(found[lead.end():].strip()))


def _strip_conjunction(gap: str, lex: lexicon.Lexicon) -> str:
    return lex.conjunction.sub(" ", gap) if _has_conjunction(gap, lex) else gap


def _as_member(chain: titles.Chain, lex: lexicon.Lexicon) -> titles.Chain:
    """An organization joined without a role word: its membership (the role word put
    where the language writes it)."""
    if lex.title_order == "head-last":
        return titles.Chain([*chain.items, Ann(chain.end, chain.end, "ROLE", "member")],
                            chain.coordinated)
    role = Ann(chain.start, chain.start, "ROLE", "member")
    return titles.Chain([role, *chain.items], chain.coordinated)


def _share_before_colon(people: list[Ann], chains: list[titles.Chain], used: set[int],
                        attached: dict[int, list[titles.Chain]], text: str,
                        hon: re.Pattern[str] | None) -> None:
    """"Các Phó Bí thư Tỉnh ủy: A, …; B, …": a title no name claimed, then a colon and a
    name, is held by every name after it in the sentence, up to the next such title
    ("Phó Bí thư: A; Ủy viên Ban Thường vụ: B, C")."""
    openers: list[tuple[int, titles.Chain]] = []
    starts = [p.start for p in people]           # in order: a sentence's annotations
    for i, c in enumerate(chains):
        if i in used:
            continue
        k = bisect.bisect_left(starts, c.end)
        if k == len(people) or people[k].start - c.end > TITLE_BEFORE_NAME:
            continue
        later = people[k]
        gap = text[c.end:later.start]
        gap = hon.sub(" ", gap) if hon else gap
        if _COLON.match(gap):
            openers.append((i, c))
    for k, (i, c) in enumerate(openers):
        until = openers[k + 1][1].start if k + 1 < len(openers) else len(text)
        for p in people:
            if c.end <= p.start < until:
                attached[id(p)].append(c)
        used.add(i)


def _share_along_list(people: list[Ann], after: dict[int, list[titles.Chain]],
                      prefixed: dict[int, titles.Chain],
                      by_post_word: set[int], attached: dict[int, list[titles.Chain]],
                      text: str, lex: lexicon.Lexicon) -> None:
    """"A, B et C, vice-secrétaires du …": the title after the last of names that only
    separators and conjunctions join is held by each of them. When a post word gives it
    ("A, B và C được bầu làm …"), names that carry a title of their own before them
    share it too ("省委书记A、副主席B当选…")."""
    hon = lex.honorific.regex
    for k in range(len(people) - 1, 0, -1):
        shared = after.get(id(people[k]))
        if not shared:
            continue
        j = k
        while j > 0:
            before, here = people[j - 1], people[j]
            if after.get(id(before)):
                break
            if prefixed.get(id(before)) and id(people[k]) not in by_post_word:
                break
            start = prefixed[id(here)].start if id(here) in prefixed else here.start
            gap = text[before.end:start]
            gap = hon.sub(" ", gap) if hon else gap
            if not _LIST_GAP.match(_strip_conjunction(gap, lex)):
                break
            attached[id(before)].extend(shared)
            j -= 1


def _has_conjunction(gap: str, lex: lexicon.Lexicon) -> bool:
    words = gap.strip(" ,、，")
    return bool(words) and bool(lex.conjunction.fullmatch(words))
