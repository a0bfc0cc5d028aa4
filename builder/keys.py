"""The content keys of the nodes that are one thing across articles and scripts.

Keys are functions of content, so they do not depend on the order of the input:

* an **organization** is its type, jurisdiction and qualifier (an emulation group's
  number), so "Comité provincial du Parti de Binh Thuan", "Binh Thuan Provincial Party
  Committee" and "Tỉnh ủy Bình Thuận" are one node;
* a **document** is its type and number within its issuer's scope (a province's
  "17/2023/NQ-HĐND" is not another province's), and year when the number has none;
* an **event** is its place, date and chairs when all are known.

Person keys are decided over the whole corpus (:mod:`partygraph.matching`); the resolve
stage (:mod:`partygraph.resolve`) applies all of them to an article.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from partygraph.iris import article_key, digest, slug
from partygraph.models import ArticleFacts, DocumentFacts, OrgRef


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
    from partygraph.extract.lexicon import roles
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
