"""The edge of a build: each JSONL record checked field by field before anything reads it.

A feed of articles is written by someone else's crawler, so a record is trusted for
nothing: ``"lang": 7`` or ``"lang": "1x"`` must not stop the build (once before anything
was built, once half-way, leaving the store and the files disagreeing), and an ``id``
holding a newline or terminal escape codes must not reach the store, a report or a
terminal as it is. :func:`check_record` turns one parsed line into a :class:`Record`, or
an :class:`~partygraph.errors.InputError` naming the file, the line, the field and what to
do; the batch goes on without it.

A record's ``id`` (like a file's relative path, :mod:`partygraph.inputs`) goes through
:func:`partygraph.shown.safe_key`: the characters that act on a terminal or a file
(controls, bidi overrides, line separators) are percent-encoded, so ``pg:sourceId`` holds
only text that shows as it is. Ids without such characters are kept byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from partygraph.datelines import ISO_DATE, date_from_match
from partygraph.errors import InputError
from partygraph.extract import lexicon
from partygraph.shown import safe_key

# a language tag: a primary subtag of letters, then optional region/script subtags
_LANG_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")
MAX_ID = 1000


@dataclass(frozen=True)
class Record:
    """A JSONL record whose every field has been checked."""

    id: str | None
    text: str
    lang: str | None
    url: str | None
    published: date | None
    title: str | None


def language(value: str) -> str | None:
    """The partygraph language of a tag (``vi``, ``VI``, ``vi-VN``, ``fr_FR``), or None
    when it is not a tag of a language partygraph has a lexicon for."""
    m = _LANG_TAG.fullmatch(value.strip())
    if m is None:
        return None
    code = m.group(1).lower()
    return code if code in lexicon.available() else None


def check_record(rec: object, where: str) -> Record | InputError:
    """One parsed JSONL line -> a :class:`Record`, or the error of its first bad field."""
    if not isinstance(rec, dict):
        return InputError(where, f"is a JSON {type(rec).__name__}, not an object",
                          'each line needs {"id": …, "text": …}')

    def bad(field: str, problem: str, advice: str) -> InputError:
        return InputError(where, f'field "{field}" {problem}', advice)

    text = rec.get("text")
    if not isinstance(text, str):
        return bad("text", "is missing" if text is None else f"is a {_kind(text)}, not a string",
                   'each line needs {"id": …, "text": "the article"}')
    raw_id = rec.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return bad("id", f"is a {_kind(raw_id)}", "give each record a string id")
    doc_id = safe_key(str(raw_id)).strip() if raw_id is not None else ""
    if raw_id is not None and not doc_id:
        return bad("id", "is empty", "give each record a non-empty id, or leave the field out")
    if len(doc_id) > MAX_ID:
        return bad("id", f"is {len(doc_id):,} characters long", f"keep ids under {MAX_ID}")
    lang = rec.get("lang")
    if lang is not None and not isinstance(lang, str):
        return bad("lang", f"is a {_kind(lang)}, not a language code",
                   f"give one of {', '.join(lexicon.available())}, or leave it out")
    code = language(lang) if lang else None
    if lang and code is None:
        return bad("lang", f"is {_show(lang)}, not a language partygraph reads",
                   f"give one of {', '.join(lexicon.available())}, or leave it out "
                   "to have it detected")
    strings: dict[str, str | None] = {}
    for field in ("url", "title", "published"):
        value = rec.get(field)
        if value is not None and not isinstance(value, str):
            return bad(field, f"is a {_kind(value)}, not a string", f"write {field} as a "
                       "string, or leave it out")
        strings[field] = value or None
    published = None
    if strings["published"]:
        m = ISO_DATE.search(strings["published"])
        if m is None or (published := date_from_match(m)) is None:
            return bad("published", f"is {_show(strings['published'])}, not a date",
                       "write it as YYYY-MM-DD, or leave it out")
    return Record(doc_id or None, text, code, strings["url"], published, strings["title"])


def _kind(value: object) -> str:
    return {bool: "boolean", int: "number", float: "number", list: "list", dict: "object",
            type(None): "null"}.get(type(value), type(value).__name__)


def _show(value: str) -> str:
    """A bad value, quoted and cut, for a message (made neutral where it is shown)."""
    return repr(value if len(value) <= 40 else value[:40] + "…")
