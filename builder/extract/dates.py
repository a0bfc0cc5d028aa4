"""Dates in text and the year they fall in.

Articles say "le matin du 13 décembre", "10 января", "27 فبراير" without a year; the
year is the one that puts the date closest before the article's publication date (news
reports on what happened, at most a few days ahead). Without a publication date the
reference year is the latest year the article names on its own (not inside a range such
as "2021-2025" or a target "d'ici 2030").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from builder.extract.annotations import Ann
from builder.extract.lexicon import Lexicon
from builder.extract.scan import scanner

_YEAR = re.compile(r"(?<![\d/\-–])((?:19|20)\d{2})(?![\d/\-–])")
_RANGE_PART = re.compile(r"(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}")


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


def reference_year(text: str) -> int | None:
    """The latest year named on its own in the text, if any."""
    ranges = [(m.start(), m.end()) for m in _RANGE_PART.finditer(text)]
    years = [int(m.group(1)) for m in scanner(_YEAR).finditer(text)
             if not any(s <= m.start() < e for s, e in ranges)]
    return max(years) if years else None


def resolve(day: int, month: int, year: int | None, published: date | None,
            ref_year: int | None) -> date | None:
    """A full date, the year chosen as described in the module docstring."""
    try:
        if year is not None:
            return date(year, month, day)
        if published is not None:
            for y in (published.year, published.year - 1, published.year + 1):
                d = date(y, month, day)
                if d <= published + timedelta(days=7):
                    return d
            return None
        if ref_year is not None:
            return date(ref_year, month, day)
    except ValueError:
        return None
    return None
