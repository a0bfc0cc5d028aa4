"""Typed records that flow between the stages.

``Document`` (ingest) -> ``ArticleFacts`` (extract) -> ``ResolvedArticle`` (resolve)
-> triples (build); :data:`partygraph.pipeline.STAGES` declares the chain.
Every fact carries a :class:`Span`: offsets into ``Document.text``, which keeps the
character positions of the decoded input (boilerplate is blanked, not cut), so an
offset can be checked against the original file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Span:
    """Where a fact was read: character offsets and the sentence around them."""

    start: int
    end: int
    sentence: str


@dataclass(frozen=True, slots=True)
class Document:
    """One ingested article, boilerplate blanked out, language detected."""

    source_id: str
    text: str
    lang: str
    title: str = ""
    published: date | None = None
    url: str | None = None
    encoding: str = "utf-8"
    newspaper_code: str | None = None
    lang_confidence: float = 1.0
    notes: tuple[str, ...] = ()
    source_name: str = ""   # the publisher a dateline names ("Báo Lào Cai", "Việt Nam")


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A unit of the gazetteer: stable key, canonical Vietnamese name, level."""

    key: str            # e.g. "lao-cai" or "lang-son/binh-gia"
    name: str           # "Lào Cai", diacritics kept
    level: str          # country | province | city | district | commune
    code: str = ""      # GSO code
    parent: str | None = None   # key of the containing unit


@dataclass(frozen=True, slots=True)
class OrgRef:
    """An organization as a title names it: type, jurisdiction, parent, qualifier."""

    org_type: str
    jurisdiction: PlaceRef | None = None
    parent: OrgRef | None = None
    qualifier: str = ""   # emulation-group number, enterprise name, ...
    level: str = ""       # central | province | district | commune (when no place is known)


@dataclass(frozen=True, slots=True)
class Post:
    """A post held: role concept of an organization, as stated in one title."""

    role: str
    org: OrgRef
    span: Span


@dataclass(slots=True)
class PersonFacts:
    """A person as one article mentions them."""

    name: str                      # Latin Vietnamese, family name first
    surfaces: list[tuple[str, str]] = field(default_factory=list)   # (surface, lang)
    vi_label: str | None = None    # with diacritics, when the source gives it
    posts: list[Post] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class EventFacts:
    """The conference or meeting an article reports."""

    kind: str                      # Conference | Meeting | Congress | Event
    date: date | None
    chairs: list[tuple[str, Span]] = field(default_factory=list)      # person name, evidence
    attendees: list[tuple[str, Span]] = field(default_factory=list)
    organizer: OrgRef | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """A numbered resolution, plan, notice... mentioned in an article."""

    doc_type: str
    number: str
    span: Span
    issued_on: date | None = None
    issuer: OrgRef | None = None


@dataclass(frozen=True, slots=True)
class GroupFacts:
    """An emulation group named by its number."""

    number: int
    span: Span


@dataclass(slots=True)
class PlaceMention:
    place: PlaceRef
    surface: str
    span: Span


@dataclass(slots=True)
class ArticleFacts:
    """Everything extracted from one document, before identities are resolved."""

    document: Document
    persons: list[PersonFacts] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[EventFacts] = field(default_factory=list)
    documents: list[DocumentFacts] = field(default_factory=list)
    groups: list[GroupFacts] = field(default_factory=list)
    about_place: PlaceRef | None = None
    province: PlaceRef | None = None


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """A place as the graph names it: its unit, canonical Latin name (no diacritics),
    and the keys of the unit containing it and of the one it became part of in 2025."""

    ref: PlaceRef
    name: str
    within: str | None = None
    successor: str | None = None


@dataclass(frozen=True, slots=True, eq=False)
class ResolvedArticle:
    """One article's facts with every node's identity decided (the resolve stage's
    record): build only maps it to triples, so what makes two mentions one node is
    decided in one stage, and build needs neither the gazetteer nor the identity index.

    The tuples run parallel to the facts' lists (``person_keys[i]`` is the key of
    ``facts.persons[i]``); ``org_keys`` holds every organization the facts name, their
    parents and the emulation groups; ``places`` every unit the graph names, by key,
    the containing units and successors included."""

    facts: ArticleFacts
    person_keys: tuple[str, ...]
    org_keys: Mapping[OrgRef, str]
    event_keys: tuple[str, ...]
    document_keys: tuple[str, ...]
    places: Mapping[str, ResolvedPlace]

    @staticmethod
    def group_org(group: GroupFacts) -> OrgRef:
        """The organization an emulation group named by its number is."""
        return OrgRef("emulation-group", qualifier=str(group.number))
