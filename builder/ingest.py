"""Stage 1 — ingest: files, folders or JSONL in; clean ``Document`` records out.

Reading is defensive because users feed whatever their crawler saved: the bytes are
decoded per document with every guess reported (:mod:`partygraph.decoding`), HTML is
flattened when nested too deep (:mod:`partygraph.markup`), each JSONL record is checked
field by field (:mod:`partygraph.records`); empty, binary, undecodable or oversized
inputs, pipes and devices, and bad records become :class:`InputError` records that name
the document (and line and field) and say what to do, and the batch goes on.

Boilerplate (site header, photo file names, "Source", "Comment (0)", lists of unrelated
headlines) is *blanked* with spaces rather than cut, so that every character offset in
``Document.text`` is still the offset in the decoded input.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import py3langid

from partygraph import decoding, records
from partygraph.datelines import ISO_DATE as _ISO_DATE
from partygraph.datelines import date_from_match as _date_from_match
from partygraph.datelines import read_dateline
from partygraph.decoding import MAX_BYTES
from partygraph.errors import InputError
from partygraph.extract import lexicon
from partygraph.folding import fold_key
from partygraph.inputs import HTML_SUFFIXES, JSONL_SUFFIXES, Candidate, Identities, survey
from partygraph.markup import html_to_text
from partygraph.models import Document
from partygraph.shown import neutral

#: Languages the identifier may answer besides those with a language file: near ones,
#: so that a Portuguese article is not read as Spanish, nor an Italian one as French.
DETECT_ONLY = ("pt", "it", "ja", "ko", "th", "id", "lo", "km")
_CODE = re.compile(
    r"^[\s\u2013\u2014-]*(?:\(\s*([A-ZĐ][A-Za-zĐđ0-9&]{1,14}(?:\.(?:vn|com|net))?)\s*\)"
    r"|([A-ZĐ][A-Za-zĐđ0-9&]{1,14}(?:\.(?:vn|com|net))?)\s*[-\u2013\u2014:])")

Item = Document | InputError


@cache
def _boilerplate() -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """Trailer lines (folded) and noise-line patterns: boilerplate.toml's and the
    ``[boilerplate]`` of every language file, since pages are cleaned before their
    language is known."""
    data = tomllib.loads(resources.files("partygraph").joinpath("data/boilerplate.toml")
                         .read_text(encoding="utf-8"))
    lexicons = lexicon.in_every_language()
    trailers = frozenset(_fold_line(x) for x in [*data["trailer_lines"],
                                                 *(t for lex in lexicons for t in lex.trailers)])

    def words(kind: str) -> str:
        found = {w for lex in lexicons for w in getattr(lex, kind)}
        return "|".join(map(re.escape, sorted(found))) or "(?!)"

    noise = tuple(re.compile(p, re.IGNORECASE) for p in (
        data["file_name_line"], data["photo_line"].replace("{words}", words("photo_words")),
        data["share_line"].replace("{words}", words("share_words"))))
    return trailers, noise


@cache
def _longest_trailer() -> int:
    return max((len(t) for t in _boilerplate()[0]), default=0)


# code point -> the character if it alone folds to at least one letter or digit, else
# None; filled as characters are met, for str.translate
_KEEPS_LETTER: dict[int, str | None] = {}
_MET: set[str] = set()


def _could_be_trailer(line: str) -> bool:
    """False when ``_fold_line(line)`` is surely longer than every trailer line.

    Folding treats each character on its own (decomposition, case, punctuation to
    space), so the folded line has at least one character for every character that
    folds to a letter or digit by itself. Counting those with a translate table is
    much cheaper than folding each paragraph of the body only to compare it with a
    handful of short lines ("Source", "Comment (0)").
    """
    table = _KEEPS_LETTER
    new = set(line).difference(_MET)
    for c in new:
        table[ord(c)] = c if fold_key(c).replace(" ", "") else None
        _MET.add(c)
    return len(line.translate(table)) <= _longest_trailer()


def _fold_line(line: str) -> str:
    return " ".join(fold_key(line).split()) if not line.strip().endswith(")") else \
        " ".join(fold_key(line.replace("(", " ( ").replace(")", " ) ")).split()).replace(
            "( ", "(").replace(" )", ")")


# -- decoding (partygraph.decoding) ---------------------------------------------------
def decode(raw: bytes, source: str, limit: int | None = MAX_BYTES) -> tuple[str, str]:
    """Bytes -> (text, encoding name); raise InputError for what is not text."""
    found = decoding.decode(raw, source, limit)
    return found.text, found.encoding


# -- boilerplate -------------------------------------------------------------------
def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def clean(text: str) -> tuple[str, str, date | None, str]:
    """Blank site boilerplate; return (text, title, date read from the dateline, the
    source name standing before that date)."""
    trailers, noise = _boilerplate()
    lines = text.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    # dateline: a line near the top that is mostly a date
    published = None
    dateline_idx = None
    source_name = ""
    for i, line in enumerate(lines[:12]):
        found = read_dateline(line)
        if found is not None:
            published, source_name = found
            dateline_idx = i
            break
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    title_idx = None
    if dateline_idx is not None:
        # site header, title, sometimes the lead paragraph, then the dateline
        before = [i for i in nonempty if i < dateline_idx]
        title_idx = (before[1] if len(before) >= 2 else before[0]) if before else None
    elif nonempty:
        title_idx = nonempty[0]
    title = lines[title_idx].strip() if title_idx is not None else ""
    out = text
    # site header lines above the title
    if title_idx is not None and title_idx > 0:
        out = _blank(out, 0, offsets[title_idx])
    if dateline_idx is not None:
        out = _blank(out, offsets[dateline_idx], offsets[dateline_idx] + len(lines[dateline_idx]))
    # trailer: from the first trailer line after the body has begun
    body_start = (dateline_idx if dateline_idx is not None else title_idx or 0) + 1
    for i in range(body_start, len(lines)):
        line = lines[i].strip()
        if _could_be_trailer(line) and _fold_line(line) in trailers:
            out = _blank(out, offsets[i], len(out))
            break
    # noise lines inside the body
    for i, line in enumerate(lines):
        if line.strip() and any(p.match(line.strip()) for p in noise):
            out = _blank(out, offsets[i], offsets[i] + len(line))
    return out, title, published, source_name


def newspaper_code(text: str) -> str | None:
    """The code that opens the first paragraph: "BTO - ...", "(QNO) - ...".

    >>> newspaper_code("\\n\\nBTO- Le matin du 13")
    'BTO'
    """
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = _CODE.match(line)
        code = m and (m.group(1) or m.group(2))
        if code and (code.isupper() or "." in code or code.startswith(_newspaper_prefixes())):
            return code
    return None


@cache
def _newspaper_prefixes() -> tuple[str, ...]:
    """The words a mixed-case newspaper code may start with, of every language (the code
    is read before the language is known)."""
    return tuple(p for lex in lexicon.in_every_language() for p in lex.newspaper_prefixes)


def supported_languages() -> list[str]:
    """What language identification chooses from: every language with a language file
    (adding a file adds its language), and :data:`DETECT_ONLY`."""
    return sorted({*lexicon.available(), *DETECT_ONLY})


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text and a confidence in [0, 1]."""
    identifier = _identifier()
    lang, prob = identifier.classify(text[:20000])
    return lang, float(prob)


@cache
def _identifier() -> py3langid.langid.LanguageIdentifier:
    ident = py3langid.langid.LanguageIdentifier.from_model_file(
        py3langid.langid.MODEL_FILE, norm_probs=True)
    ident.set_languages(supported_languages())
    return ident


def make_document(source_id: str, text: str, *, encoding: str = "utf-8",
                  lang: str | None = None, url: str | None = None,
                  published: date | None = None, title: str | None = None,
                  notes: Iterable[str] = ()) -> Document:
    """Clean a decoded text into a Document (language, dateline, newspaper code); the
    text is put in NFC first (:mod:`partygraph.decoding`), whoever decoded it."""
    body, found_title, dateline, source_name = clean(unicodedata.normalize("NFC", text))
    if not body.strip():
        raise InputError(source_id, "has no article text once site boilerplate is removed",
                         "check that the file holds the article, not only the page frame")
    noted = list(notes)
    confidence = 1.0
    if not lang:
        lang, confidence = detect_language(body)
        if confidence < 0.5:
            noted.append(f"language uncertain: {lang} at {confidence:.2f}")
    return Document(
        source_id=source_id, text=body, lang=lang.lower()[:2], title=title or found_title,
        published=published or dateline, url=url, encoding=encoding,
        newspaper_code=newspaper_code(body), lang_confidence=confidence, notes=tuple(noted),
        source_name=source_name)


def read_file(path: Path, source: str | None = None) -> Iterator[Item]:
    """One file -> its documents (a JSONL file holds many); ``source`` is the article
    identity (:mod:`partygraph.inputs`), by default the file name."""
    for _, item in read_candidate(Candidate(path, source or path.name, str(path))):
        yield item


def read_candidate(found: Candidate) -> Iterator[tuple[str, Item]]:
    """One file -> (where each came from, document or error): the file's path as the
    user named it, or ``path:line`` for a JSONL record."""
    raw = read_raw(found)
    if isinstance(raw, InputError):
        yield found.origin, raw
        return
    yield from parse_raw(found, raw)


def read_raw(found: Candidate) -> bytes | InputError:
    """The bytes of one file, or why they cannot be read. Split from :func:`parse_raw`
    so that the process that can see the file reads it, and a worker that cannot (a
    Dask worker on another machine) parses it."""
    limit = None if found.path.suffix.lower() in JSONL_SUFFIXES else MAX_BYTES
    try:
        return read_bytes(found.path, found.source, limit)
    except InputError as exc:
        return exc


def parse_raw(found: Candidate, raw: bytes) -> Iterator[tuple[str, Item]]:
    """The documents in the bytes :func:`read_raw` read from ``found``."""
    source, suffix = found.source, found.path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        for n, item in read_jsonl_lines(raw, source):
            yield (f"{found.origin}:{n}" if n else found.origin), item
        return
    try:
        got = decoding.decode(raw, source)
        notes = [got.note] if got.note else []
        text = got.text
        if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
            plain, meta = html_to_text(text, notes)
            lang = _page_language(meta.get("lang"), notes)
            yield found.origin, make_document(
                source, plain, encoding=got.encoding, url=meta.get("og:url"), lang=lang,
                published=_meta_date(meta), title=meta.get("title"), notes=notes)
        else:
            yield found.origin, make_document(source, text, encoding=got.encoding,
                                              notes=notes)
    except InputError as exc:
        yield found.origin, exc


def read_bytes(path: Path, source: str, limit: int | None) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; a named pipe, a device or
    a socket is refused before it is opened (reading one would block, or never end)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
            raise InputError(source, f"is {kind}, not a file of articles",
                             "save the articles to a file and give that")
        if limit is not None and info.st_size > limit:
            raise InputError(source, f"the document is {info.st_size:,} bytes, over the "
                             f"{limit:,}-byte limit", "split it or strip embedded media")
        with open(path, "rb") as f:
            raw = f.read() if limit is None else f.read(limit + 1)
    except OSError as exc:
        raise InputError(source, f"cannot be read: {exc.strerror}", "check permissions") \
            from exc
    if limit is not None and len(raw) > limit:
        raise InputError(source, f"the document grew over the {limit:,}-byte limit while "
                         "it was read", "split it or strip embedded media")
    return raw


_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket",
          stat.S_IFDIR: "a folder"}


def _page_language(tag: str | None, notes: list[str]) -> str | None:
    """The page's ``<html lang>`` if partygraph reads that language; else None (the
    language is detected) and a note."""
    if not tag:
        return None
    code = records.language(tag)
    if code is None:
        notes.append(f"the page's lang {neutral(repr(tag[:20]))} is not a language "
                     "partygraph reads; detected instead")
    return code


def _meta_date(meta: dict[str, str]) -> date | None:
    for key in ("article:published_time", "date", "pubdate"):
        m = _ISO_DATE.search(meta.get(key, ""))
        if m:
            return _date_from_match(m)
    return None


def read_jsonl(raw: bytes, source: str) -> Iterator[Item]:
    """``{"id", "text", "lang"?, "url"?, "published"?}`` per line."""
    for _, item in read_jsonl_lines(raw, source):
        yield item


def read_jsonl_lines(raw: bytes, source: str) -> Iterator[tuple[int, Item]]:
    """(line number, document or error) of each record, every field checked
    (:func:`partygraph.records.check_record`). The size limit is a record's, not the
    file's: a feed of many articles may be as large as it likes."""
    try:
        got = decoding.decode(raw, source, limit=None)
    except InputError as exc:
        yield 0, exc
        return
    for n, line in enumerate(got.text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        if len(line) > MAX_BYTES // 4 and len(line.encode("utf-8")) > MAX_BYTES:
            yield n, InputError(where, f"the record is over the {MAX_BYTES:,}-byte limit",
                                "split it or strip embedded media")
            continue
        try:
            rec = records.check_record(json.loads(line), where)
        except (json.JSONDecodeError, RecursionError) as exc:
            problem = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deep"
            yield n, InputError(where, f"is not valid JSON ({problem})", "fix or drop the line")
            continue
        if isinstance(rec, InputError):
            yield n, rec
            continue
        doc_id = rec.id or where
        notes = [got.note] if got.note else []
        try:
            body = rec.text
            if body.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
                body, _ = html_to_text(body, notes)
            if not body.strip():
                raise InputError(doc_id, "the text is empty", "drop the line")
            yield n, make_document(doc_id, body, lang=rec.lang, url=rec.url,
                                   published=rec.published, title=rec.title, notes=notes)
        except InputError as exc:
            yield n, exc


def discover(inputs: Iterable[Path]) -> Iterator[Path]:
    """Files to read, in a stable order: folders walked recursively and sorted (what is
    skipped, and why: :func:`partygraph.inputs.survey`)."""
    for entry in survey(inputs):
        if isinstance(entry, Candidate):
            yield entry.path


def read(inputs: Iterable[Path]) -> Iterator[Item]:
    """Every document of the inputs, or an InputError in its place (a missing input, a
    folder with nothing to read, a file given twice, two articles with one identity)."""
    claims = Identities()
    for entry in survey(inputs):
        if isinstance(entry, InputError):
            yield entry
        elif isinstance(entry, Candidate):
            for origin, item in read_candidate(entry):
                clash = claims.claim(item.source_id, origin) \
                    if isinstance(item, Document) else None
                yield clash or item
