"""Date lines: the publication date a page prints near its top.

Sites print it in many ways — "30/10/2025 11:58", "(05:12, 18/06/2020)", "October 30,
2025 11:58", "Updated : Friday, July 06, 2018 2:49 PM (GMT+0700)", "date 2026-01-10" —
sometimes after the source's name ("Báo Nhân dân•30/09/2025"). :func:`read_dateline`
tells such a line from a sentence that happens to hold a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from partygraph.extract import lexicon
from partygraph.extract.scan import scanner
from partygraph.folding import fold_text

_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?!\d)")
ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")
_YEAR_IN_LINE = re.compile(r"(?:19|20)\d{2}")
# what may follow the date on a date line: a time, a time zone, closing brackets
_TIME_TAIL = re.compile(
    r"[\s,|•·)\]-]*(?:\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:am|pm)?)?\s*"
    r"(?:\(?\s*(?:gmt|utc)\s*[+-]?\s*\d{0,2}:?\d{0,2}\s*\)?)?[\s)\]|]*$")
# a time before the date: "(05:12, 18/06/2020)"
_TIME_HEAD = re.compile(r"^[\s(\[]*\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|AM|PM)?")
_NAME_EDGE = " \t,;:|•·-–—()[]"


def _repeated_prefix(prefix: str) -> str:
    """"Việt NamViệt Nam" -> "Việt Nam": the source name a dateline repeats."""
    half = len(prefix) // 2
    if len(prefix) % 2 == 0 and prefix[:half] == prefix[half:]:
        return prefix[:half].strip()
    return prefix.strip()


def read_dateline(line: str) -> tuple[date, str] | None:
    """(publication date, source name) when ``line`` is a date line.

    A date line is a short line that is a date and little else: "30/10/2025 11:58",
    "(05:12, 18/06/2020)", "Updated : Friday, July 06, 2018 2:49 PM (GMT+0700)",
    "date 2026-01-10". Before the date may stand the source's name, which some sites
    repeat ("Việt NamViệt Nam17/07/2024", "Sở Công thương tỉnh Lào Cai29/09/2025");
    after it only a time and a time zone. Month names are read with every language's
    date patterns, since the language is detected later, on the cleaned text.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 140 or re.search(r"[.!?;]\s", stripped) \
            or not _YEAR_IN_LINE.search(stripped):
        return None
    folded = fold_text(stripped)
    for m in _date_matches(folded.text):
        found = _date_of(m)
        if found is None or not _TIME_TAIL.match(folded.text[m.end():]):
            continue
        start = folded.span(m.start(), m.end())[0]
        prefix = _TIME_HEAD.sub("", stripped[:start]).strip(_NAME_EDGE)
        return found, _repeated_prefix(prefix)
    return None


def _date_matches(folded_line: str) -> Iterator[re.Match[str]]:
    """Numeric dates first, then the date patterns of every language (month names)."""
    for pattern in (_NUMERIC_DATE, ISO_DATE, *_month_name_patterns()):
        yield from scanner(pattern).finditer(folded_line)


@cache
def _month_name_patterns() -> tuple[re.Pattern[str], ...]:
    out: list[re.Pattern[str]] = []
    for lang in lexicon.available():
        lex = lexicon.load(lang)
        if lex is not None:
            out.extend(p for p in lex.date_patterns if "year" in p.groupindex)
    return tuple(out)


def _date_of(m: re.Match[str]) -> date | None:
    groups = m.re.groupindex
    if "year" not in groups:
        return date_from_match(m)
    if not m.group("year"):
        return None
    month = _month_number(m.group("month")) if "month" in groups and m.group("month") \
        else int(m.group("monthnum") or 0)
    try:
        return date(int(m.group("year")), month, int(m.group("day")))
    except ValueError:
        return None


def _month_number(name: str) -> int:
    for lang in lexicon.available():
        lex = lexicon.load(lang)
        if lex is not None and name in lex.months:
            return lex.months[name]
    return 0


def date_from_match(m: re.Match[str]) -> date | None:
    try:
        if "-" in m.group(0):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None
