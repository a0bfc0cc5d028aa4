"""Stage 3 — resolve: the keys that make one node of one real person, organization,
place or document across articles and scripts.

Keys are functions of content, so they do not depend on the order of the input:

* a **person** is their Latin name (every script is read back to Latin Vietnamese by
  :mod:`builder.translit`) in their *home province* — the province of the posts the
  article gives them, else the article's province. Two Nguyen Van Hung of two provinces
  stay two persons; a person named in an article without any province joins the one
  person of that name the corpus knows, when there is exactly one
  (:class:`IdentityIndex`, filled in a first pass over the corpus);
* an **organization** is its type, jurisdiction and qualifier (an emulation group's
  number), so "Comité provincial du Parti de Binh Thuan", "Binh Thuan Provincial Party
  Committee" and "Tỉnh ủy Bình Thuận" are one node;
* a **place** is its gazetteer key;
* a **document** is its type and number within its issuer's scope (a province's
  "17/2023/NQ-HĐND" is not another province's), and year when the number has none.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from builder.gazetteer import Gazetteer
from builder.iris import article_key, digest, slug
from builder.models import ArticleFacts, DocumentFacts, OrgRef, PersonFacts, PlaceRef

NO_PROVINCE = "vn"


def home_province(person: PersonFacts, facts: ArticleFacts, gz: Gazetteer) -> PlaceRef | None:
    """The province of the person's first local post, else the article's province."""
    for post in person.posts:
        org: OrgRef | None = post.org
        while org is not None:
            if org.jurisdiction is not None:
                prov = gz.province_of(org.jurisdiction)
                if prov is not None and prov.level == "province":
                    return prov
            org = org.parent
    return facts.province


def identity_province(prov: PlaceRef, gz: Gazetteer) -> str:
    """The province key a person is known by: the unit in force since the 2025 reform,
    so an official of Yên Bái before July 2025 and of (new) Lào Cai after it, named the
    same, stays one person."""
    return gz.successor.get(prov.key, prov.key)


@dataclass
class IdentityIndex:
    """Latin name slug -> the province slugs persons of that name were seen in."""

    provinces: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def observe(self, facts: ArticleFacts, gz: Gazetteer) -> None:
        self.add(sightings(facts, gz))

    def add(self, seen: Iterable[tuple[str, str]]) -> None:
        """Note (name slug, province key) pairs, as :func:`sightings` gives them."""
        for name, prov in seen:
            self.provinces[name].add(prov)

    def observe_key(self, person_key: str) -> None:
        prov, _, name = person_key.rpartition("/")
        if prov and prov != NO_PROVINCE and name:
            self.provinces[name].add(prov)

    def person_key(self, person: PersonFacts, facts: ArticleFacts, gz: Gazetteer) -> str:
        name = slug(person.name)
        prov = home_province(person, facts, gz)
        if prov is not None:
            return f"{identity_province(prov, gz)}/{name}"
        known = self.provinces.get(name, set())
        if len(known) == 1:
            return f"{next(iter(known))}/{name}"
        return f"{NO_PROVINCE}/{name}"


def sightings(facts: ArticleFacts, gz: Gazetteer) -> list[tuple[str, str]]:
    """(name slug, province key) of each person of the article whose home province is
    known: all the identity index needs of an article (small, so workers send it)."""
    out = []
    for person in facts.persons:
        prov = home_province(person, facts, gz)
        if prov is not None:
            out.append((slug(person.name), identity_province(prov, gz)))
    return out


def org_key(org: OrgRef, source_id: str) -> str:
    """Type / jurisdiction / qualifier; an unplaced local body stays within its article."""
    where = org.jurisdiction.key if org.jurisdiction is not None else ""
    if not where:
        where = "central" if org.level in ("", "central") and _is_central(org) else \
            f"unplaced/{article_key(source_id)}"
    parts = [org.org_type, where]
    if org.qualifier:
        parts.append(slug(org.qualifier))
    if org.parent is not None and org.parent.org_type not in ("party-committee",):
        parts.append(f"of-{org.parent.org_type}")
    return "/".join(parts)


def _is_central(org: OrgRef) -> bool:
    from builder.extract.lexicon import roles
    return org.org_type in roles().central_org_types


def document_key(doc: DocumentFacts, facts: ArticleFacts) -> str:
    """Type / issuer scope / year / number.

    A number is unique only within its issuer: two provinces' councils both issue a
    "17/2023/NQ-HĐND". So the scope is the issuer's jurisdiction, else "central" for a
    central issuer (by its type, or a central code ending the number: "18-NQ/TW"), else
    the article's province. The year is the one inside the number, else the date of
    issue ("Plan 256" of 2023 and of 2024 are two plans)."""
    scope = _document_scope(doc, facts)
    if _YEAR.search(doc.number):
        return f"{doc.doc_type}/{scope}/{slug(doc.number)}"
    year = str(doc.issued_on.year) if doc.issued_on else "undated"
    return f"{doc.doc_type}/{scope}/{year}/{slug(doc.number)}"


_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")


def _document_scope(doc: DocumentFacts, facts: ArticleFacts) -> str:
    issuer = doc.issuer
    if issuer is not None and issuer.jurisdiction is not None:
        return issuer.jurisdiction.key
    if issuer is not None and _is_central(issuer):
        return "central"
    code = slug(doc.number).rsplit("-", 1)[-1].upper()
    if code in _central_codes():
        return "central"
    return facts.province.key if facts.province else "vn"


@cache
def _central_codes() -> frozenset[str]:
    with (Path(__file__).parent / "data" / "documents.toml").open("rb") as f:
        data = tomllib.load(f)
    return frozenset(c.upper() for c in data["central_issuer_codes"]["codes"])


def event_key(facts: ArticleFacts, index: int, chair_keys: list[str]) -> str:
    """An event is its place, date and chairs when all are known — so the same
    conference reported by two articles (or by an article and its translation) is one
    node with both articles as witnesses; otherwise it stays within its article."""
    event = facts.events[index]
    if event.date is not None and facts.about_place is not None and chair_keys:
        return f"{facts.about_place.key}/{event.date.isoformat()}/" + digest(*sorted(chair_keys))
    return f"{article_key(facts.document.source_id)}/{index}"
