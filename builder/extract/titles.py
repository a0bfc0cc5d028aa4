"""The grammar of titles: "chef du Comité d'organisation du Comité provincial du Parti".

A *chain* is a run of title parts (role words, organization names, level words,
places, numbered groups) separated only by connectors ("du", "de la", "of the", the
genitive of other languages) — a comma or a conjunction is allowed only before a new
role word, where a new title begins. A chain is split into *titles* at role words; a
title reads, in role-first languages, ROLE ORG₁ ORG₂ … [PLACE]: the role is held in
ORG₁, which is a sub-organization of ORG₂, and so on; a place names the jurisdiction of
the organization before it, and sub-organizations inherit it.

Organizations joined by a conjunction share the role before them: "membre du Bureau
politique et du Secrétariat", "member of the Standing Committee and of the Executive
Committee of the Provincial Party Committee" are two titles, each with the role, and
the parents written after the last of them ("of the Provincial Party Committee") belong
to every one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from builder.extract.annotations import TITLE_KINDS, Ann
from builder.extract.lexicon import Lexicon, OrgEntry, RoleEntry, roles
from builder.models import OrgRef, PlaceRef

_CENTRAL_TWINS = frozenset({"propaganda-commission", "inspection-commission",
                            "mass-mobilization-commission", "internal-affairs-commission"})
_SEPARATOR = re.compile(r"^[\s,;:\-–—()\"']*$")
_SPACES = re.compile(r"\s+")
_MEMO_GAP = 40   # gaps up to this long are remembered per lexicon ("du", " of the ")


@dataclass
class Chain:
    items: list[Ann]
    #: indices of organizations a conjunction joins to the one before ("… et du Secrétariat")
    coordinated: frozenset[int] = frozenset()

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end

    def titles(self, lex: Lexicon) -> list[list[Ann]]:
        """Split at role words (before them, or after them in role-last languages)."""
        out: list[list[Ann]] = []
        current: list[Ann] = []
        sharing: list[list[Ann]] = []   # titles whose parents the coordinated one gives
        for i, a in enumerate(self.items):
            if lex.title_order == "head-last":
                current.append(a)
                if a.kind == "ROLE":
                    out.append(current)
                    current = []
            elif i in self.coordinated and current and current[0].kind == "ROLE":
                # "membre du Bureau politique et du Secrétariat": the role again
                out.append(current)
                sharing.append(current)
                current = [current[0], a]
            else:
                if a.kind == "ROLE" and current:
                    _share_parents(sharing, current)
                    out.append(current)
                    current = []
                current.append(a)
        if current:
            _share_parents(sharing, current)
            out.append(current)
        if lex.title_order == "head-first" and len(out) >= 2 and \
                not any(a.kind == "ROLE" for a in out[0]) and \
                not any(a.kind in ("ORG", "GROUP") for a in out[1]):
            # "Provincial Party Committee Secretary X": a compound title read right to left
            out = [[*out[1], *reversed(out[0])], *out[2:]]
        return [t if lex.title_order == "head-first" else list(reversed(t))
                for t in out if any(a.kind == "ROLE" for a in t)]


def _share_parents(sharing: list[list[Ann]], last: list[Ann]) -> None:
    """Give the titles of a coordination the parents written after its last member
    ("… et du Comité exécutif *du Comité provincial du Parti*")."""
    if sharing:
        tail = last[2:]
        for title in sharing:
            title.extend(tail)
        sharing.clear()


def _coordinating(gap: str, lex: Lexicon) -> bool:
    """A conjunction and a connector between two organizations: "et du", "y del",
    "and of the", "и" — the second is a new complement of the same role."""
    return bool(lex.coordination.fullmatch(_SPACES.sub(" ", gap.strip(" ,"))))


def _gap_ok(gap: str, next_kind: str, lex: Lexicon) -> bool:
    """May ``gap`` stand between two title parts?

    The same short gaps come back in every title ("du", "de la", " of the "), so their
    answers are kept in the lexicon's memo.
    """
    if len(gap) > _MEMO_GAP:
        return _gap_ok_uncached(gap, next_kind, lex)
    memo = lex.gap_memo
    key = (gap, next_kind)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _gap_ok_uncached(gap, next_kind, lex)
    return found


def _gap_ok_uncached(gap: str, next_kind: str, lex: Lexicon) -> bool:
    rest = gap.strip()
    rest = _SPACES.sub(" ", rest)
    if not rest:
        return True
    if "," in rest or ";" in rest:
        if ";" in rest or next_kind != "ROLE":
            return False
        rest = rest.replace(",", " ").strip()
    # strip conjunctions (only before a role) and connectors
    words = rest
    for _ in range(4):
        before = words
        if next_kind == "ROLE" or lex.title_order == "head-last":
            words = lex.conjunction.sub(" ", words).strip()
        m = lex.connector.fullmatch(words)
        if m or not words:
            return True
        words = _SPACES.sub(" ", lex.connector.sub(" ", words)).strip()
        if not words or _SEPARATOR.match(words):
            return True
        if words == before:
            break
    return bool(_SEPARATOR.match(words))


def chains(anns: list[Ann], text: str, lex: Lexicon) -> list[Chain]:
    """Maximal chains of title parts in a sentence's annotations."""
    out: list[Chain] = []
    current: list[Ann] = []
    coordinated: set[int] = set()
    for k, a in enumerate(anns):
        if a.kind not in TITLE_KINDS:
            if current:
                out.append(Chain(current, frozenset(coordinated)))
                current, coordinated = [], set()
            continue
        if current:
            gap = text[current[-1].end:a.start]
            after = anns[k + 1] if k + 1 < len(anns) else None
            compound = after is not None and after.kind == "ROLE" and \
                not text[a.end:after.start].strip()   # "… and People's Committee Chairman"
            joins = a.kind == "ORG" and current[-1].kind in ("ORG", "PLACE", "LEVEL") \
                and lex.title_order == "head-first" and not compound \
                and _coordinating(gap, lex)
            if joins:
                coordinated.add(len(current))
            elif not _gap_ok(gap, a.kind, lex):
                out.append(Chain(current, frozenset(coordinated)))
                current, coordinated = [], set()
        current.append(a)
    if current:
        out.append(Chain(current, frozenset(coordinated)))
    return out


@dataclass
class _Org:
    org_type: str
    level: str = ""
    place: PlaceRef | None = None
    qualifier: str = ""
    implied_parent: str = ""


@dataclass
class TitleReading:
    """A title read into a role and a chain of organizations, places unresolved."""

    role: str            # abstract role
    orgs: list[_Org] = field(default_factory=list)
    start: int = 0
    end: int = 0


def read_title(items: list[Ann]) -> TitleReading | None:
    """ROLE ORG… into a reading; None when the title names no organization."""
    role = next((a for a in items if a.kind == "ROLE"), None)
    if role is None:
        return None
    implied: _Org | None = None
    if isinstance(role.value, RoleEntry):
        if role.value.org_type:
            implied = _Org(role.value.org_type, role.value.level)
        reading = TitleReading(role=role.value.role, start=items[0].start, end=items[-1].end)
    else:
        reading = TitleReading(role=str(role.value), start=items[0].start, end=items[-1].end)
    pending_level = ""
    pending_place = None    # "Secretary of the Bo Trach district Party Committee"
    for a in items:
        if a.kind == "ORG":
            entry: OrgEntry = a.value
            reading.orgs.append(_Org(entry.org_type, entry.level, pending_place))
            if entry.parent_type:
                reading.orgs.append(_Org(entry.parent_type, entry.level, pending_place))
            pending_level = ""
            pending_place = None
        elif a.kind == "GROUP":
            reading.orgs.append(_Org("emulation-group", "", None, str(a.value)))
        elif a.kind == "LEVEL":
            if reading.orgs and not reading.orgs[-1].level and reading.orgs[-1].place is None:
                reading.orgs[-1].level = str(a.value)
            pending_level = str(a.value)
        elif a.kind == "PLACE" and reading.orgs and reading.orgs[-1].place is None:
            target = reading.orgs[-1]
            target.place = a.value
            if pending_level and not target.level:
                target.level = pending_level
        elif a.kind == "PLACE":
            pending_place = a.value
    if not reading.orgs and implied is not None:
        reading.orgs.append(implied)
        for a in items:   # "Provinzparteisekretär von Lao Cai"
            if a.kind == "PLACE" and implied.place is None:
                implied.place = a.value
    if not reading.orgs:
        return None
    return reading


def _level_of(place: PlaceRef) -> str:
    return {"city": "city", "province": "province", "district": "district",
            "commune": "commune"}.get(place.level, "")


def to_org_ref(reading: TitleReading, context: dict[str, PlaceRef | None]) -> tuple[str, OrgRef]:
    """Turn a reading into (role concept, OrgRef), collapsing translation artefacts
    ("chef adjoint du Comité permanent du Comité directeur") and filling jurisdictions
    from the chain, then from the article's context (``context[level]``)."""
    table = roles()
    orgs = list(reading.orgs)
    role = table.concept(reading.role, orgs[0].org_type)
    promoted = False
    while (len(orgs) > 1 and orgs[0].org_type == "standing-committee"
           and orgs[1].org_type in table.standing_parents):
        orgs = orgs[1:]
        promoted = True
    if promoted:
        role = table.concept(reading.role, orgs[0].org_type)
        role = table.standing_promote.get(role, role)
    # a commission of the Central Committee is a central commission ("jefe de su Comisión
    # de Organización" after "Comité Central del PCV")
    for i in range(len(orgs) - 1):
        if orgs[i + 1].org_type == "party-central-committee":
            if orgs[i].org_type == "organization-commission":
                orgs[i].org_type = "central-organization-commission"
            elif orgs[i].org_type in _CENTRAL_TWINS:
                orgs[i].org_type = "central-commission"
    # jurisdiction flows down from parents; levels too
    for i in range(len(orgs) - 2, -1, -1):
        child, parent = orgs[i], orgs[i + 1]
        if child.place is None and parent.place is not None and \
                child.org_type not in table.central_org_types:
            child.place = parent.place
        if not child.level and parent.level:
            child.level = parent.level
    parent_ref: OrgRef | None = None
    for o in reversed(orgs):
        place = o.place
        if place is None and o.org_type not in table.central_org_types:
            place = context.get(o.level or "")
        if o.org_type in table.central_org_types:
            place = None
        parent_ref = OrgRef(org_type=o.org_type, jurisdiction=place, parent=parent_ref,
                            qualifier=o.qualifier,
                            level=o.level if place is None else _level_of(place))
    assert parent_ref is not None
    return role, parent_ref
