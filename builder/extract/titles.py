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

from partygraph.extract.annotations import TITLE_KINDS, Ann
from partygraph.extract.lexicon import Lexicon, OrgEntry, RoleEntry, roles
from partygraph.models import OrgRef, PlaceRef

_CENTRAL_TWINS = frozenset({"propaganda-commission", "inspection-commission",
                            "mass-mobilization-commission", "internal-affairs-commission"})
#: the central bodies whose commissions are the Central Committee's own
_CENTRAL_PARENTS = frozenset({"party-central-committee", "politburo", "secretariat"})
_SEPARATOR = re.compile(r"^[\s,;:\-–—()\"']*$")
_SPACES = re.compile(r"\s+")
_MEMO_GAP = 40   # gaps up to this long are remembered per lexicon ("du", " of the ")


@dataclass
class Chain:
    items: list[Ann]
    #: ids of the organizations a conjunction joins to the title before them ("member of
    #: the Politburo and of the Secretariat"): each starts a title of the same role (ids,
    #: not positions: compound languages reorder a chain's items)
    coordinated: frozenset[int] = frozenset()

    @property
    def start(self) -> int:
        return min(a.start for a in self.items)

    @property
    def end(self) -> int:
        return max(a.end for a in self.items)

    def titles(self, lex: Lexicon) -> list[list[Ann]]:
        """Split at role words (before them, or after them in role-last languages)."""
        out: list[list[Ann]] = []
        current: list[Ann] = []
        sharing: list[list[Ann]] = []   # titles whose parents the coordinated one gives
        for a in self.items:
            role = next((r for r in current if r.kind == "ROLE"), None) \
                if id(a) in self.coordinated else None
            if lex.title_order == "head-last":
                current.append(a)
                if a.kind == "ROLE":
                    out.append(current)
                    current = []
            elif role is not None:
                # "membre du Bureau politique et du Secrétariat": the role again
                out.append(current)
                sharing.append(current)
                current = [role, a]
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
            # "Provincial Party Committee Secretary X": a compound title read right to
            # left (in compound languages `chains` has put it in reading order already)
            lead = out[0] if lex.compound_gap is not None else list(reversed(out[0]))
            out = [[*out[1], *lead], *out[2:]]
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


def _coordination(gap: str, lex: Lexicon) -> bool:
    """A conjunction, then at most connectors, before an organization ("and of the", "et
    du", "y del", ", и"): the organization is a new complement of the same role."""
    rest = _SPACES.sub(" ", gap.strip(" ,"))
    m = lex.conjunction.match(rest)
    if not m or not m.group() or (m.end() < len(rest) and rest[m.end()] != " "):
        return False
    return _gap_ok(rest[m.end():], "ORG", lex)


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
            if a.kind == "ORG" and lex.title_order == "head-first" and not compound and \
                    current[-1].kind in ("ORG", "PLACE", "LEVEL") and \
                    _coordination(gap, lex):
                coordinated.add(id(a))
            elif not _gap_ok(gap, a.kind, lex):
                out.append(Chain(current, frozenset(coordinated)))
                current, coordinated = [], set()
        current.append(a)
    if current:
        out.append(Chain(current, frozenset(coordinated)))
    if lex.compound_gap is not None:
        for c in out:
            c.items = _head_first(c.items, text, lex.compound_gap)
    return out


def _head_first(items: list[Ann], text: str, gap: re.Pattern[str]) -> list[Ann]:
    """Rewrite modifier-first compounds into the head-first order titles are read in.

    "Member of the Dien Bien Provincial Party Standing Committee" names the standing
    committee of the provincial committee of Dien Bien: a run of organizations joined
    only by ``gap`` (a space, "'s") is reversed, and the place or level word before the
    run moves after it, where it names the outermost organization's jurisdiction (so
    that a title before a name, "Quang Ninh Provincial Party Committee Secretary", is
    already in reading order).
    """
    out: list[Ann] = []
    i = 0
    while i < len(items):
        j = i
        while j + 1 < len(items) and items[j].kind == "ORG" and items[j + 1].kind == "ORG" \
                and gap.fullmatch(text[items[j].end:items[j + 1].start]):
            j += 1
        if items[i].kind != "ORG":
            out.append(items[i])
            i += 1
            continue
        lead: list[Ann] = []
        while out and out[-1].kind in ("PLACE", "LEVEL") and \
                gap.fullmatch(text[out[-1].end:items[i].start]):
            lead.insert(0, out.pop())
        out.extend(reversed(items[i:j + 1]))
        out.extend(lead)
        i = j + 1
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
        reading = TitleReading(role=role.value.role)
    else:
        reading = TitleReading(role=str(role.value))
    reading.start = min(a.start for a in items)
    reading.end = max(a.end for a in items)
    pending_level = ""
    pending_place = None    # "Secretary of the Bo Trach district Party Committee"
    for a in items:
        if a.kind == "ORG":
            entry: OrgEntry = a.value
            # a level word before the organization is its level ("председатель
            # Провинциального Народного Комитета", "Provincial People's Council")
            level = entry.level or pending_level
            reading.orgs.append(_Org(entry.org_type, level, pending_place))
            if entry.parent_type:
                reading.orgs.append(_Org(entry.parent_type, level, pending_place))
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
    # de Organización" after "Comité Central del PCV" or "Secretariado del Comité Central")
    for i in range(len(orgs) - 1):
        if orgs[i + 1].org_type in _CENTRAL_PARENTS:
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
