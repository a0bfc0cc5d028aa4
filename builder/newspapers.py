"""Newspaper codes that open Vietnamese provincial articles ("BTO -", "(QNO) -").

The table is data (``builder/data/newspapers.toml``); a code that spells a province's
name ("Baonghean.vn", "baolaocai") is read through the gazetteer instead.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib import resources

from partygraph.folding import squash
from partygraph.gazetteer import Gazetteer
from partygraph.models import PlaceRef


@cache
def _table() -> tuple[dict[str, str], frozenset[str]]:
    data = tomllib.loads(resources.files("partygraph").joinpath("data/newspapers.toml")
                         .read_text(encoding="utf-8"))
    provincial = {squash(k).upper(): v for k, v in data["provincial"].items()}
    national = frozenset(squash(c).upper() for c in data["national"]["codes"])
    return provincial, national


def province_of_code(code: str, gz: Gazetteer, on: date | None = None) -> PlaceRef | None:
    """The province a newspaper code stands for, or None (national or unknown)."""
    provincial, national = _table()
    key = squash(code).upper()
    if key in national:
        return None
    if key in provincial:
        found = gz.lookup(provincial[key], levels=("province",), on=on)
        return found[0] if found else None
    lowered = key.lower().removeprefix("bao").split(".")[0]
    if len(lowered) >= 5:
        found = gz.lookup(lowered, levels=("province",), on=on)
        if found:
            return found[0]
    return None
