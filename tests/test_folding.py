"""partygraph.folding: the one module that folds text, and the keys it gives stay put."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from partygraph import folding
from partygraph.folding import (
    fold_key,
    fold_text,
    has_vietnamese_marks,
    squash,
    squash_marked,
    strip_diacritics,
    strip_tones,
)
from partygraph.iris import slug

BUILDER = Path(__file__).resolve().parents[1] / "builder"


def test_the_doctests_hold() -> None:
    result = doctest.testmod(folding)
    assert result.attempted >= 5 and result.failed == 0


@pytest.mark.parametrize(("text", "key", "squashed", "slugged"), [
    ("Nguyễn Thành Nam", "nguyen thanh nam", "nguyenthanhnam", "nguyen-thanh-nam"),
    ("Bà Rịa - Vũng Tàu", "ba ria vung tau", "bariavungtau", "ba-ria-vung-tau"),
    ("ĐẮK LẮK", "dak lak", "daklak", "dak-lak"),
    ("Нгуен Тхань Нам", "нгуен тхань нам", "нгуентханьнам", "x"),
])
def test_keys_and_slugs_are_what_iris_were_minted_from(
        text: str, key: str, squashed: str, slugged: str) -> None:
    assert fold_key(text) == key and squash(text) == squashed and slug(text) == slugged


def test_spelling_keeps_the_case_and_drops_the_marks() -> None:
    assert strip_diacritics("Đặng Thị Ưng") == "Dang Thi Ung"
    assert strip_tones("Nguyễn Thị Hằng") == "Nguyên Thi Hăng"
    assert has_vietnamese_marks("Đà") and not has_vietnamese_marks("Da Nang")
    assert squash_marked("Chủ tịch") != squash_marked("Chũ tich")


def test_every_gazetteer_name_has_an_ascii_spelling() -> None:
    """The canonical names of places (pg:canonicalName) are strip_diacritics of the
    gazetteer's names: every one must come out plain ASCII."""
    from partygraph.gazetteer import load
    names = {u.name for u in load().units.values()}
    assert len(names) > 5000
    assert [n for n in names if not strip_diacritics(n).isascii()] == []


def test_matching_fold_maps_back_to_the_original() -> None:
    folded = fold_text("Tỉnh ủy Lào Cai — الْمدينة")
    assert folded.text.startswith("tinh uy lao cai - ")
    start = folded.text.index("lao")
    assert folded.original_text(start, start + 7) == "Lào Cai"


def test_no_module_but_folding_strips_marks_itself() -> None:
    """One folding module: a new ``unicodedata.combining`` elsewhere is a new stripper."""
    strippers = [p.relative_to(BUILDER).as_posix() for p in BUILDER.rglob("*.py")
                 if "combining(" in p.read_text(encoding="utf-8") and p.name != "folding.py"]
    assert strippers == []
