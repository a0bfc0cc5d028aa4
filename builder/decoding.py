"""Bytes to text, one document at a time, every guess reported with its confidence.

Crawlers save what the site sent, and sites lie about their encoding, so the order is:

1. a byte-order mark (UTF-8, UTF-16 LE/BE) is believed;
2. UTF-16 without a mark shows itself by its zero bytes: most characters of a Latin or
   Vietnamese text are ASCII, whose high byte is 0, so one parity of positions is mostly
   NUL and the other almost never (a binary file has NULs at both);
3. strict UTF-8;
4. UTF-8 with a few broken sequences (a truncated copy, one byte flipped) stays UTF-8,
   each broken sequence a U+FFFD: when nearly all non-ASCII sequences are valid UTF-8,
   that is what the text is; charset-normalizer's guess for it (ISO-8859-5, cp1252 …)
   garbles every other accent and quote, which loses names and posts;
5. otherwise charset-normalizer's best guess, with its coherence as the confidence.

The text is then put in NFC: Vietnamese written decomposed (NFD, by some sites and
editors) is the same text, and every pattern and lexicon of partygraph is composed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import charset_normalizer

from partygraph.errors import InputError

MAX_BYTES = 5_000_000
_SAMPLE = 4096
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# valid non-ASCII UTF-8 characters wanted per broken sequence for "UTF-8 with errors": a
# text in a legacy encoding has about none (é alone is a broken sequence; a valid pair
# needs a capital like "Ã" followed by a symbol like "©")
_VALID_PER_BROKEN = 3


@dataclass(frozen=True)
class Decoded:
    """A document's text, the encoding it was read in, and a note when that was a guess."""

    text: str
    encoding: str
    note: str | None = None


def decode(raw: bytes, source: str, limit: int | None = MAX_BYTES) -> Decoded:
    """Bytes -> :class:`Decoded` (NFC); raise InputError for what is not text."""
    if not raw.strip():
        raise InputError(source, "the document is empty", "check the crawler saved the page")
    if limit is not None and len(raw) > limit:
        raise InputError(source, f"the document is {len(raw):,} bytes, over the "
                         f"{limit:,}-byte limit", "split it or strip embedded media")
    found = _decode(raw, source)
    return Decoded(unicodedata.normalize("NFC", found.text), found.encoding, found.note)


def _decode(raw: bytes, source: str) -> Decoded:
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"has a {enc} byte-order mark but is not {enc}",
                                 "re-save it as UTF-8") from exc
    utf16 = utf16_order(raw)
    if utf16 is not None:
        enc, confidence = utf16
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            text = ""
        if _looks_like_prose(text):
            return Decoded(text, enc, f"decoded as {enc} without a byte-order mark "
                           f"(guessed from its zero bytes, confidence {confidence:.2f})")
    if b"\x00" in raw[:_SAMPLE]:
        raise InputError(source, "looks binary (NUL bytes), not text",
                         "give partygraph .txt, .html or .jsonl files")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(raw)
    if mostly is not None:
        return mostly
    best = charset_normalizer.from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise InputError(source, "cannot be decoded as text in any known encoding",
                         "re-save it as UTF-8")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise InputError(source, f"decodes as {best.encoding} only to control characters; "
                         "it is probably binary", "give partygraph text or HTML files")
    confidence = max(0.0, 1.0 - best.chaos)
    return Decoded(text, best.encoding,
                   f"decoded as {best.encoding} (guessed, confidence {confidence:.2f})")


def utf16_order(raw: bytes) -> tuple[str, float] | None:
    """("utf-16-le" or "utf-16-be", confidence) when the zero bytes of the start of
    ``raw`` fall on one parity of positions only, as in UTF-16 text; else None."""
    sample = raw[:_SAMPLE - _SAMPLE % 2]
    if len(sample) < 8 or len(raw) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) // 2)
    odd = sample[1::2].count(0) / (len(sample) // 2)
    high, low, enc = (odd, even, "utf-16-le") if odd >= even else (even, odd, "utf-16-be")
    if high < 0.3 or low > 0.01:
        return None
    return enc, round(min(1.0, high / 0.6) * (1.0 - low * 50), 2)


def _mostly_utf8(raw: bytes) -> Decoded | None:
    """UTF-8 with its broken sequences replaced, when they are few beside the valid
    non-ASCII characters; else None."""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - raw.count("\xef\xbf\xbd".encode("latin-1"))
    valid = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    if broken <= 0 or valid < _VALID_PER_BROKEN * broken:
        return None
    confidence = valid / (valid + broken)
    return Decoded(text, "utf-8", f"decoded as UTF-8 with {broken} invalid byte "
                   f"sequence{'s' if broken != 1 else ''} replaced by U+FFFD "
                   f"(confidence {confidence:.2f})")


def _looks_like_prose(text: str) -> bool:
    """Words and spaces, not a binary pattern that happens to have zeros on one side
    ("\\x00\\xff" repeated reads as "ÿÿÿ…")."""
    sample = text[:_SAMPLE]
    spaces = sum(1 for c in sample if c.isspace())
    return bool(sample) and spaces * 30 >= len(sample) and _control_ratio(sample) <= 0.01


def _control_ratio(text: str) -> float:
    sample = text[:4000]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t")
    return bad / max(1, len(sample))
