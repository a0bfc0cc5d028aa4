"""Numbered documents: "Résolution n° 17/2023/NQ-HDND du 8 décembre 2023 du Conseil
populaire provincial", "План № 256 от 10 марта 2023 года".

A document word is followed, with at most a number marker between, by a number; then
optionally by a date and by the issuing organization (a title chain without a role).
The type code inside a Vietnamese number (NQ, KH, QĐ …) overrides the word, which
translation often garbles. A bare number that starts a fuller number of the same type
in the same article ("résolution n° 17" and "17/2023/NQ-HDND") is the same document.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from builder.extract.annotations import Ann
from builder.extract.lexicon import Lexicon

_NUMBER = r"(\d{1,5}(?:[/\-.][0-9A-Za-zĐđ]{1,12})*)"


@cache
def number_codes() -> dict[str, str]:
    data = tomllib.loads(resources.files("builder").joinpath("data/documents.toml")
                         .read_text(encoding="utf-8"))
    return {k.upper(): v for k, v in data["number_codes"].items()}


def normalize_number(raw: str) -> str:
    """Upper case, no spaces, Vietnamese letters folded (HĐND -> HDND)."""
    return re.sub(r"\s+", "", raw).replace("đ", "d").replace("Đ", "D").upper().strip(".-/")


def type_from_number(number: str) -> str | None:
    parts = re.split(r"[/\-]", number)
    for part in parts[1:]:
        t = number_codes().get(part.upper())
        if t:
            return t
    return None


def find(folded_text: str, original: str, index: tuple[int, ...], lex: Lexicon,
         doc_anns: list[Ann]) -> list[Ann]:
    """DOCNUM annotations (value = (type, number)) from DOC annotations."""
    out: list[Ann] = []
    marker = lex.number_marker
    follow = re.compile(rf"\s*(?:{marker})?\s*{_NUMBER}(?![\d%,.]\d)(?!\s*%)")
    for a in doc_anns:
        m = follow.match(folded_text, a.end)
        if not m:
            continue
        start, end = m.start(1), m.end(1)
        raw = original[index[start]:index[end - 1] + 1]
        number = normalize_number(raw)
        if re.fullmatch(r"(?:19|20)\d{2}", number) or not number:
            continue  # a year ("plan 2024"), not a number
        if re.fullmatch(r"\d+", number) and int(number) > 2000 and "/" not in number:
            continue
        doc_type = type_from_number(number) or str(a.value)
        out.append(Ann(a.start, end, "DOCNUM", (doc_type, number)))
    return merge_short_numbers(out)


def merge_short_numbers(anns: list[Ann]) -> list[Ann]:
    """Drop "17" when "17/2023/NQ-HDND" of the same type is in the article."""
    full = [a for a in anns if "/" in a.value[1]]
    keep = []
    for a in anns:
        t, n = a.value
        if "/" not in n and any(f.value[0] == t and f.value[1].startswith(n + "/")
                                for f in full):
            continue
        keep.append(a)
    return keep
