"""Dates in text and the year they fall in.

Articles say "le matin du 13 décembre", "10 января", "27 فبراير" without a year. The
year comes from the article's own date: the one that puts the date closest on or before
the publication date (news reports on what happened), never after it. Without a
publication date the article is dated by what it names itself (:func:`reference`):

- a congress opens the term it elects, so "the congress (term 2020–2025) opened on
  21 September" is in 2020 — the first year of a term named beside the date;
- else the latest full date the text names ("Decision … of 29 October 2024"), the year
  chosen to put the date nearest to it (a December meeting cited in January stays in
  the year before);
- else the latest year named on its own — never one inside a range ("2021–2025") or a
  target ("d'ici 2030", "by 2030, with a vision to 2045"): those are not the article's
  time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from partygraph.extract.annotations import Ann, Occupied
from partygraph.extract.lexicon import Lexicon
from partygraph.extract.scan import scanner
from partygraph.extract.windows import MAX_TERM_YEARS, TARGET_WORD_BEFORE

_YEAR = re.compile(r"(?<![\d/\-–.])((?:19|20)\d{2})(?![\d/\-–])")
_RANGE_PART = re.compile(r"((?:19|20)\d{2})\s*[-–/]\s*((?:19|20)\d{2})")


def find(text: str, lex: Lexicon) -> list[Ann]:
    """DATE annotations: value = (day, month, year or None)."""
    out = []
    for pattern in lex.date_patterns:
        for m in scanner(pattern).finditer(text):
            g = m.groupdict()
            month = lex.months.get(g.get("month") or "", 0) or int(g.get("monthnum") or 0)
            try:
                day = int(g.get("day") or 0)
            except ValueError:
                continue
            year = int(g["year"]) if g.get("year") else None
            if 1 <= day <= 31 and 1 <= month <= 12:
                out.append(Ann(m.start(), m.end(), "DATE", (day, month, year)))
    return out


@dataclass(frozen=True)
class Reference:
    """What an article without a publication date is dated by (module docstring)."""

    latest_full: date | None = None     # the latest full date the text names
    latest_year: int | None = None      # the latest year named on its own

    def year_for(self, day: int, month: int) -> date | None:
        """The date of a day and month without a year, or None."""
        try:
            if self.latest_year is not None and (
                    self.latest_full is None or self.latest_year > self.latest_full.year):
                return date(self.latest_year, month, day)
            if self.latest_full is not None:
                anchor = self.latest_full
                options = []
                for y in (anchor.year - 1, anchor.year, anchor.year + 1):
                    try:
                        options.append(date(y, month, day))
                    except ValueError:
                        continue
                return min(options, key=lambda d: (abs((d - anchor).days), d),
                           default=None)
        except ValueError:
            return None
        return None


def _is_target(text: str, start: int, lex: Lexicon) -> bool:
    """A year written as a horizon ("d'ici 2030", "đến năm 2030", "到2030年")."""
    return lex.target_year.search(text[max(0, start - TARGET_WORD_BEFORE):start]) is not None


def reference(text: str, date_anns: list[Ann], lex: Lexicon) -> Reference:
    """The article's own time, read from the folded text and its DATE annotations."""
    # a year inside a range or a date is not counted: the spans of both in one
    # ``Occupied`` (``s <= p < e`` is its overlap test of [p, p + 1)), where a pass over
    # all of them per year is quadratic in a long article
    taken = Occupied([m.span() for m in _RANGE_PART.finditer(text)]
                     + [(a.start, a.end) for a in date_anns])
    years = [int(m.group(1)) for m in scanner(_YEAR).finditer(text)
             if not taken.overlaps(m.start(), m.start() + 1)
             and not _is_target(text, m.start(), lex)]
    full = []
    for a in date_anns:
        d, m, y = a.value
        if y is None or _is_target(text, a.start, lex):
            continue
        try:
            full.append(date(y, m, d))
        except ValueError:
            continue
    return Reference(max(full, default=None), max(years, default=None))


def term_start(text: str, start: int, end: int) -> int | None:
    """The first year of the first term ("2020-2025") written in text[start:end]."""
    for m in _RANGE_PART.finditer(text, start, end):
        if 0 < int(m.group(2)) - int(m.group(1)) <= MAX_TERM_YEARS:
            return int(m.group(1))
    return None


def resolve(day: int, month: int, year: int | None, published: date | None,
            ref: Reference | None, term_year: int | None = None) -> date | None:
    """A full date, the year chosen as described in the module docstring."""
    try:
        if year is not None:
            return date(year, month, day)
        if published is not None:
            for y in (published.year, published.year - 1):
                try:
                    d = date(y, month, day)
                except ValueError:
                    continue
                if d <= published:
                    return d
            return None
        if term_year is not None:
            return date(term_year, month, day)
        if ref is not None:
            return ref.year_for(day, month)
    except ValueError:
        return None
    return None

