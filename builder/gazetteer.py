"""Vietnamese administrative units from a real gazetteer, in every script we read.

The units come from the ``vietnamadminunits`` package's database: the 63 provinces with
their districts and communes in force until 30 June 2025, and the 34 provinces with
their communes from 1 July 2025 (the 2025 reform), with the package's conversion table
for the succession. Names are indexed folded and without spaces ("Lào Cai" ->
``laocai``), plus their Cyrillic, Arabic and Han renderings made by
:mod:`partygraph.translit` from the same rules that read personal names back.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from partygraph.errors import ConfigurationError
from partygraph.folding import fold_key, squash
from partygraph.iris import slug
from partygraph.models import PlaceRef

#: Every ward row of the database repeats its province and district: slugged once each
#: while loading (the cache is emptied when the gazetteer is built).
_slug = lru_cache(maxsize=None)(slug)
REFORM_DATE = date(2025, 7, 1)
COUNTRY = PlaceRef(key="vn", name="Việt Nam", level="country", code="VN")


def _package_data(name: str) -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigurationError("the gazetteer package vietnamadminunits is not installed "
                                 "(pip install vietnamadminunits)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


@dataclass
class Gazetteer:
    """Units by key and by squashed name, for each era (legacy / 2025)."""

    units: dict[str, PlaceRef] = field(default_factory=dict)
    by_name: dict[str, list[PlaceRef]] = field(default_factory=lambda: defaultdict(list))
    successor: dict[str, str] = field(default_factory=dict)   # legacy province -> 2025 key
    exonyms: dict[str, str] = field(default_factory=dict)
    city_word_names: dict[str, str] = field(default_factory=dict)
    marked_exonyms: dict[str, str] = field(default_factory=dict)   # "hué" -> "Huế"
    country_names: frozenset[str] = frozenset()
    municipalities: frozenset[str] = frozenset()   # provinces that are cities (Hà Nội …)

    # -- look-ups ------------------------------------------------------------------
    def get(self, key: str) -> PlaceRef | None:
        return self.units.get(key)

    def province_of(self, unit: PlaceRef | None) -> PlaceRef | None:
        while unit is not None and unit.level not in ("province", "country"):
            unit = self.units.get(unit.parent or "")
        return unit

    def lookup(self, name: str, *, levels: tuple[str, ...] = (), on: date | None = None,
               within: PlaceRef | None = None) -> list[PlaceRef]:
        """Units named ``name`` (any script, folded), best first.

        ``on`` picks the era (units in force on that date); ``within`` prefers units
        inside that province.
        """
        key = squash(name)
        key = squash(self.exonyms.get(key, "")) or key
        found = [u for u in self.by_name.get(key, []) if not levels or u.level in levels]
        era_2025 = on is not None and on >= REFORM_DATE
        found = [u for u in found if _era(u) == ("2025" if era_2025 else "legacy")
                 or (u.level in ("district",) and not era_2025)] or [
                     u for u in found if _era(u) == "legacy"]
        rank = {"province": 0, "city": 1, "district": 2, "commune": 3}

        def score(u: PlaceRef) -> tuple[int, int, str]:
            inside = within is not None and (self.province_of(u) or u).key == within.key
            return (0 if inside else 1, rank.get(u.level, 9), u.key)

        return sorted(found, key=score)

    def in_force(self, unit: PlaceRef, on: date | None) -> PlaceRef:
        """The province that stands for ``unit`` on a date (2025 reform succession)."""
        if on is None or on < REFORM_DATE or unit.level != "province" or _era(unit) == "2025":
            return unit
        new = self.successor.get(unit.key)
        return self.units.get(new, unit) if new else unit

    def is_country(self, name: str) -> bool:
        return fold_key(name) in self.country_names or squash(name) in self.country_names


def _era(unit: PlaceRef) -> str:
    return "2025" if unit.key.startswith("2025/") else "legacy"


@cache
def load() -> Gazetteer:
    """Build the gazetteer once per process (about 0.2 s)."""
    gz = Gazetteer()
    extra = tomllib.loads(resources.files("partygraph").joinpath("data/places.toml")
                          .read_text(encoding="utf-8"))
    gz.exonyms = dict(extra["exonyms"])
    gz.city_word_names = dict(extra["needs_city_word"])
    gz.marked_exonyms = dict(extra.get("marked_exonyms", {}))
    gz.country_names = frozenset({fold_key(n) for n in extra["country"]["names"]}
                                 | {squash(n) for n in extra["country"]["names"]})
    db = sqlite3.connect(_package_data("dataset.db"))
    try:
        types = extra["unit_types"]
        _load_legacy(gz, db, types["municipality"], dict(types["district_levels"]))
        _load_2025(gz, db)
    finally:
        db.close()
    _load_succession(gz)
    gz.units[COUNTRY.key] = COUNTRY
    _slug.cache_clear()
    return gz


def _add(gz: Gazetteer, unit: PlaceRef) -> None:
    if unit.key in gz.units:
        return
    gz.units[unit.key] = unit
    gz.by_name[squash(unit.name)].append(unit)


def _load_legacy(gz: Gazetteer, db: sqlite3.Connection, city: str,
                 district_levels: dict[str, str]) -> None:
    """The units in force until 30 June 2025. ``city`` and ``district_levels`` are the
    ``[unit_types]`` of places.toml: the database's Vietnamese words for kinds of unit."""
    gz.municipalities = frozenset(
        _slug(short) for long, short in db.execute(
            "SELECT DISTINCT province, provinceShort FROM admin_units_legacy")
        if long.startswith(city)) | frozenset(
        f"2025/{_slug(short)}" for long, short in db.execute(
            "SELECT DISTINCT province, provinceShort FROM admin_units")
        if long.startswith(city))
    rows = db.execute(
        "SELECT DISTINCT provinceShort, provinceCode, districtShort, districtCode, "
        "districtType, wardShort, wardCode, wardType FROM admin_units_legacy")
    for prov, pcode, dist, dcode, dtype, ward, wcode, _wtype in rows:
        pkey = _slug(prov)
        _add(gz, PlaceRef(key=pkey, name=prov, level="province", code=pcode or ""))
        if dist:
            dkey = f"{pkey}/{_slug(dist)}"
            _add(gz, PlaceRef(key=dkey, name=dist, level=district_levels.get(
                dtype or "", "district"), code=dcode or "", parent=pkey))
            if ward:
                _add(gz, PlaceRef(key=f"{dkey}/{_slug(ward)}", name=ward, level="commune",
                                  code=wcode or "", parent=dkey))


def _load_2025(gz: Gazetteer, db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT DISTINCT provinceShort, provinceCode, wardShort, wardCode "
                      "FROM admin_units")
    for prov, pcode, ward, wcode in rows:
        pkey = f"2025/{_slug(prov)}"
        _add(gz, PlaceRef(key=pkey, name=prov, level="province", code=pcode or ""))
        if ward:
            _add(gz, PlaceRef(key=f"{pkey}/{_slug(ward)}", name=ward, level="commune",
                              code=wcode or "", parent=pkey))


def _load_succession(gz: Gazetteer) -> None:
    """Legacy province -> the 2025 province it became part of (converter table)."""
    data = json.loads(_package_data("converter_2025.json").read_text(encoding="utf-8"))
    legacy_by_long = {}
    for unit in gz.units.values():
        if unit.level == "province" and _era(unit) == "legacy":
            legacy_by_long[squash(unit.name)] = unit.key
    new_by_short = {squash(u.name): u.key for u in gz.units.values()
                    if u.level == "province" and _era(u) == "2025"}
    for new_long, old_longs in data["DICT_PROVINCE"].items():
        new_key = _strip_prefix(new_long, new_by_short)
        for old_long in old_longs:
            old_key = _strip_prefix(old_long, legacy_by_long)
            if new_key and old_key:
                gz.successor[old_key] = new_key


def _strip_prefix(long_key: str, table: dict[str, str]) -> str | None:
    for prefix in ("thanhpho", "tinh"):
        if long_key.startswith(prefix) and long_key[len(prefix):] in table:
            return table[long_key[len(prefix):]]
    return table.get(long_key)
