"""A synthetic corpus in the style of provincial Party-building news, deterministic by seed.

Two outputs from one model of the facts, so that they always agree:

- article TEXTS in English and French (``write_texts``), written like the real inputs --
  a dateline, "Comrade Nguyen Van An, member of the Standing Committee, head of the
  Organization Commission of the Binh Thuan Provincial Party Committee, chaired the
  conference on the morning of 12 March ...", numbered resolutions, attendees -- so the whole
  pipeline (ingest, extract, build) can be benchmarked on as many articles as needed;
- the equivalent RDF (``build_store`` / ``article_triples``), in the patterns of
  ``/work/shared/eval/CONTRACT.md`` that the builder writes: one named graph per article
  (``Minter.graph(source_id)``), Article / Person / Province / District / Organization
  (PartyCommittee, EmulationGroup) / Membership / Conference / LegalDocument / Evidence, IRIs
  from :class:`partygraph.iris.Minter`; plus one shared graph with each membership's
  ``pg:firstSeen`` / ``pg:lastSeen`` (the earliest and latest article dates stating it),
  since a fact computed over all articles cannot live in any one article's graph. This is
  what the Neo4j tests and benchmark load until the real builder runs at scale.

The world: ~40 provinces with three districts each, officials whose names are drawn from
Vietnamese family, middle and given syllables (unique in the world, so a name is a person),
posts that change holder once in a while (so "who held the post on a date" has answers that
depend on the date), eight emulation groups of the Central Organization Commission.

    python benchmarks/synthetic.py --articles 2000 --seed 7 --texts out/synthetic/texts \\
        --store out/synthetic/store
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from partygraph.iris import Minter, digest, slug
from partygraph.namespaces import DCTERMS, ORG, PG, PGDOC, PGORG, PGROLE, PROV, RDF, RDFS, SDO, SKOS
from partygraph.store import GraphStore

Triple = tuple[Node, Node, Node]

PROVINCES: tuple[tuple[str, str], ...] = (
    ("Binh Thuan", "Bình Thuận"), ("Ninh Thuan", "Ninh Thuận"), ("Dong Nai", "Đồng Nai"),
    ("Lam Dong", "Lâm Đồng"), ("Quang Nam", "Quảng Nam"), ("Lao Cai", "Lào Cai"),
    ("Lang Son", "Lạng Sơn"), ("Ha Giang", "Hà Giang"), ("Nghe An", "Nghệ An"),
    ("Thanh Hoa", "Thanh Hóa"), ("Ben Tre", "Bến Tre"), ("Ca Mau", "Cà Mau"),
    ("Kon Tum", "Kon Tum"), ("Gia Lai", "Gia Lai"), ("Dak Lak", "Đắk Lắk"),
    ("Binh Dinh", "Bình Định"), ("Phu Yen", "Phú Yên"), ("Khanh Hoa", "Khánh Hòa"),
    ("Quang Ngai", "Quảng Ngãi"), ("Quang Tri", "Quảng Trị"), ("Ha Tinh", "Hà Tĩnh"),
    ("Thai Binh", "Thái Bình"), ("Nam Dinh", "Nam Định"), ("Ninh Binh", "Ninh Bình"),
    ("Bac Giang", "Bắc Giang"), ("Tuyen Quang", "Tuyên Quang"), ("Yen Bai", "Yên Bái"),
    ("Son La", "Sơn La"), ("Dien Bien", "Điện Biên"), ("Long An", "Long An"),
    ("Tien Giang", "Tiền Giang"), ("Vinh Long", "Vĩnh Long"), ("Tra Vinh", "Trà Vinh"),
    ("Soc Trang", "Sóc Trăng"), ("Bac Lieu", "Bạc Liêu"), ("An Giang", "An Giang"),
    ("Kien Giang", "Kiên Giang"), ("Dong Thap", "Đồng Tháp"), ("Tay Ninh", "Tây Ninh"),
    ("Binh Phuoc", "Bình Phước"),
)
PLACE_SYLLABLES: tuple[tuple[str, str], ...] = (
    ("An", "An"), ("Binh", "Bình"), ("Phu", "Phú"), ("Tan", "Tân"), ("Hoa", "Hòa"),
    ("Thanh", "Thạnh"), ("Duc", "Đức"), ("Son", "Sơn"), ("Lac", "Lạc"), ("Gia", "Gia"),
    ("Vinh", "Vĩnh"), ("Long", "Long"), ("Ham", "Hàm"), ("Thuan", "Thuận"), ("Bac", "Bắc"),
    ("Nam", "Nam"), ("Tay", "Tây"), ("Dong", "Đông"), ("Cam", "Cam"), ("Hai", "Hải"),
)
FAMILY: tuple[tuple[str, str, int], ...] = (
    ("Nguyen", "Nguyễn", 38), ("Tran", "Trần", 11), ("Le", "Lê", 9), ("Pham", "Phạm", 7),
    ("Hoang", "Hoàng", 5), ("Huynh", "Huỳnh", 5), ("Phan", "Phan", 4), ("Vu", "Vũ", 4),
    ("Vo", "Võ", 4), ("Dang", "Đặng", 2), ("Bui", "Bùi", 2), ("Do", "Đỗ", 2), ("Ho", "Hồ", 2),
    ("Ngo", "Ngô", 2), ("Duong", "Dương", 1), ("Ly", "Lý", 1), ("Luong", "Lương", 1),
    ("Dinh", "Đinh", 1), ("Lam", "Lâm", 1), ("Mai", "Mai", 1),
)
MIDDLE: tuple[tuple[str, str], ...] = (
    ("Van", "Văn"), ("Thi", "Thị"), ("Duc", "Đức"), ("Minh", "Minh"), ("Thanh", "Thanh"),
    ("Quoc", "Quốc"), ("Huu", "Hữu"), ("Hoai", "Hoài"), ("Ngoc", "Ngọc"), ("Xuan", "Xuân"),
    ("Dinh", "Đình"), ("Cong", "Công"), ("Truong", "Trường"), ("Toan", "Toàn"),
    ("Hong", "Hồng"), ("Kim", "Kim"), ("Anh", "Anh"), ("Tuan", "Tuấn"),
)
GIVEN: tuple[tuple[str, str], ...] = (
    ("An", "An"), ("Binh", "Bình"), ("Cuong", "Cường"), ("Dung", "Dũng"), ("Hai", "Hải"),
    ("Hung", "Hùng"), ("Khanh", "Khánh"), ("Lam", "Lâm"), ("Long", "Long"), ("Minh", "Minh"),
    ("Nam", "Nam"), ("Phong", "Phong"), ("Quang", "Quang"), ("Son", "Sơn"), ("Tam", "Tâm"),
    ("Thang", "Thắng"), ("Trung", "Trung"), ("Tuan", "Tuấn"), ("Viet", "Việt"), ("Yen", "Yến"),
    ("Hoa", "Hoa"), ("Lan", "Lan"), ("Ha", "Hà"), ("Anh", "Anh"), ("Chinh", "Chinh"),
    ("Dat", "Đạt"), ("Hieu", "Hiếu"), ("Huy", "Huy"), ("Kien", "Kiên"), ("Loc", "Lộc"),
    ("Nghia", "Nghĩa"), ("Phuc", "Phúc"), ("Tai", "Tài"), ("Thinh", "Thịnh"), ("Vinh", "Vinh"),
    ("Thao", "Thảo"), ("Huong", "Hương"), ("Trang", "Trang"), ("Giang", "Giang"), ("Duy", "Duy"),
)
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
}
START = dt.date(2023, 1, 2)
DAYS = 730
CENTRAL_ORG = "central/organization-commission"

# (role, org type) -> how many slots per province / per district
PROVINCE_POSTS: tuple[tuple[str, str, int], ...] = (
    ("secretary", "party-committee", 1), ("standing-deputy-secretary", "party-committee", 1),
    ("deputy-secretary", "party-committee", 2),
    ("head", "organization-commission", 1), ("deputy-head", "organization-commission", 2),
    ("head", "propaganda-commission", 1), ("head", "inspection-commission", 1),
    ("head", "mass-mobilization-commission", 1),
    ("vice-chair", "peoples-council", 1), ("chair", "peoples-committee", 1),
    ("standing-vice-chair", "peoples-committee", 1), ("vice-chair", "peoples-committee", 2),
    ("chair", "fatherland-front", 1),
)
#: Posts held together, as in the real articles: the heads of the commissions and of the
#: Front sit on the Standing Committee; the standing deputy secretary chairs the Council.
CONCURRENT: tuple[tuple[str, str, str, str], ...] = (
    ("member", "standing-committee", "head", "organization-commission"),
    ("member", "standing-committee", "head", "propaganda-commission"),
    ("member", "standing-committee", "head", "inspection-commission"),
    ("member", "standing-committee", "head", "mass-mobilization-commission"),
    ("member", "standing-committee", "chair", "fatherland-front"),
    ("chair", "peoples-council", "standing-deputy-secretary", "party-committee"),
)
DISTRICT_POSTS: tuple[tuple[str, str, int], ...] = (
    ("secretary", "party-committee", 1), ("deputy-secretary", "party-committee", 1),
    ("chair", "peoples-committee", 1),
)


# -- the world -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Place:
    key: str
    name: str          # canonical, ASCII
    vi: str            # with diacritics
    level: str         # province | district
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    key: str
    name: str          # "Nguyen Van An"
    vi: str            # "Nguyễn Văn An"


@dataclass(frozen=True, slots=True)
class Org:
    key: str
    org_type: str
    place: str | None              # key of its jurisdiction
    parent: str | None = None      # key of the organization it belongs to
    number: int | None = None      # emulation groups


@dataclass(slots=True)
class Slot:
    """A post (role in an organization) and who holds it when."""

    role: str
    org: str
    holders: list[tuple[dt.date, str]] = field(default_factory=list)   # (from, person key)

    def holder(self, day: dt.date) -> str:
        current = self.holders[0][1]
        for since, person in self.holders:
            if since <= day:
                current = person
        return current


@dataclass(slots=True)
class World:
    places: dict[str, Place]
    persons: dict[str, Person]
    orgs: dict[str, Org]
    slots: list[Slot]
    provinces: list[str]
    districts: dict[str, list[str]]           # province key -> district keys
    by_post: dict[tuple[str, str], list[Slot]] = field(default_factory=dict)
    by_person: dict[str, list[Slot]] = field(default_factory=dict)

    def index(self) -> None:
        self.by_post.clear()
        self.by_person.clear()
        for slot in self.slots:
            self.by_post.setdefault((slot.org, slot.role), []).append(slot)
            for _, person in slot.holders:
                if slot not in self.by_person.setdefault(person, []):
                    self.by_person[person].append(slot)

    def slots_of(self, org: str, role: str) -> list[Slot]:
        return self.by_post.get((org, role), [])

    def posts_of(self, person: str, day: dt.date) -> list[tuple[str, str]]:
        """(role, org key) of every post ``person`` holds on ``day``."""
        return [(s.role, s.org) for s in self.by_person.get(person, ())
                if s.holder(day) == person]


def _name(rng: random.Random, taken: set[str]) -> tuple[str, str]:
    weights = [w for _, _, w in FAMILY]
    while True:
        fam = rng.choices(FAMILY, weights)[0]
        mid = rng.choice(MIDDLE)
        giv = rng.choice(GIVEN)
        name = f"{fam[0]} {mid[0]} {giv[0]}"
        if name not in taken:
            taken.add(name)
            return name, f"{fam[1]} {mid[1]} {giv[1]}"


def make_world(seed: int = 7) -> World:
    """The provinces, districts, organizations, officials and posts of one seed."""
    rng = random.Random(f"world-{seed}")
    places: dict[str, Place] = {}
    orgs: dict[str, Org] = {}
    persons: dict[str, Person] = {}
    slots: list[Slot] = []
    taken: set[str] = set()
    districts: dict[str, list[str]] = {}

    def person() -> str:
        name, vi = _name(rng, taken)
        key = slug(name)
        persons[key] = Person(key, name, vi)
        return key

    def fill(org_key: str, role: str, count: int) -> None:
        for _ in range(count):
            slot = Slot(role, org_key, [(START, person())])
            if rng.random() < 0.25:        # the post changes holder once in the period
                change = START + dt.timedelta(days=rng.randrange(60, DAYS - 60))
                slot.holders.append((change, person()))
            slots.append(slot)

    orgs[CENTRAL_ORG] = Org(CENTRAL_ORG, "central-organization-commission", None)
    fill(CENTRAL_ORG, "head", 1)
    fill(CENTRAL_ORG, "deputy-head", 3)
    for ascii_name, vi in PROVINCES:
        pkey = slug(ascii_name)
        places[pkey] = Place(pkey, ascii_name, vi, "province")
        party = f"{pkey}/party-committee"
        orgs[party] = Org(party, "party-committee", pkey)
        for role, org_type, count in PROVINCE_POSTS:
            okey = f"{pkey}/{org_type}"
            if okey not in orgs:
                parent = party if org_type.endswith(("commission", "standing-committee")) \
                    else None
                orgs[okey] = Org(okey, org_type, pkey, parent)
            fill(okey, role, count)
        for role, org_type, src_role, src_type in CONCURRENT:
            okey = f"{pkey}/{org_type}"
            if okey not in orgs:
                orgs[okey] = Org(okey, org_type, pkey, party if org_type.endswith("committee")
                                 and org_type != "peoples-committee" else None)
            source = next(s for s in slots if s.org == f"{pkey}/{src_type}"
                          and s.role == src_role)
            slots.append(Slot(role, okey, list(source.holders)))
        districts[pkey] = []
        used: set[str] = set()
        while len(districts[pkey]) < 3:
            a, b = rng.sample(PLACE_SYLLABLES, 2)
            dname = f"{a[0]} {b[0]}"
            if dname in used or dname == ascii_name:
                continue
            used.add(dname)
            dkey = f"{pkey}/{slug(dname)}"
            places[dkey] = Place(dkey, dname, f"{a[1]} {b[1]}", "district", pkey)
            districts[pkey].append(dkey)
            dparty = f"{dkey}/party-committee"
            orgs[dparty] = Org(dparty, "party-committee", dkey, party)
            orgs[f"{dkey}/peoples-committee"] = Org(f"{dkey}/peoples-committee",
                                                   "peoples-committee", dkey)
            for role, org_type, count in DISTRICT_POSTS:
                fill(f"{dkey}/{org_type}", role, count)
    provinces = [slug(p) for p, _ in PROVINCES]
    for number in range(1, 9):
        gkey = f"central/emulation-group-{number}"
        orgs[gkey] = Org(gkey, "emulation-group", None, CENTRAL_ORG, number)
        members = provinces[(number - 1) * 5:(number - 1) * 5 + 5]
        head, deputy = rng.sample(members, 2)
        # the heads of the member provinces' organization commissions lead the group
        for role, prov in (("head", head), ("deputy-head", deputy)):
            source = next(s for s in slots if s.org == f"{prov}/organization-commission"
                          and s.role == "head")
            slots.append(Slot(role, gkey, list(source.holders)))
    world = World(places, persons, orgs, slots, provinces, districts)
    world.index()
    return world


# -- articles ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    """A person named in the text with the posts the text gives them."""

    person: str
    posts: list[tuple[str, str]]        # (role, org key)
    span: Span
    surface: str


@dataclass(slots=True)
class DocMention:
    doc_type: str
    number: str
    issued_on: dt.date
    issuer: str
    span: Span


@dataclass(slots=True)
class SyntheticArticle:
    """One article: its text and the facts that text states (with character spans)."""

    source_id: str
    lang: str
    published: dt.date
    about: str                          # place key
    places: list[str]
    text: str = ""
    chairs: list[Mention] = field(default_factory=list)
    attendees: list[Mention] = field(default_factory=list)
    documents: list[DocMention] = field(default_factory=list)
    event_span: Span | None = None


def _org_phrase(world: World, org_key: str, lang: str) -> str:
    org = world.orgs[org_key]
    place = world.places[org.place].name if org.place else ""
    level = world.places[org.place].level if org.place else ""
    en = {
        "party-committee": (f"{place} Provincial Party Committee" if level == "province"
                            else f"{place} District Party Committee"),
        "standing-committee": f"Standing Committee of the {place} Provincial Party Committee",
        "organization-commission": f"Organization Commission of the {place} Provincial Party "
                                   "Committee",
        "propaganda-commission": f"Propaganda Commission of the {place} Provincial Party "
                                 "Committee",
        "inspection-commission": f"Inspection Commission of the {place} Provincial Party "
                                 "Committee",
        "mass-mobilization-commission": f"Mass Mobilization Commission of the {place} "
                                        "Provincial Party Committee",
        "peoples-council": f"People's Council of {place} province",
        "peoples-committee": (f"People's Committee of {place} province" if level == "province"
                              else f"People's Committee of {place} district"),
        "fatherland-front": f"Vietnam Fatherland Front Committee of {place} province",
        "central-organization-commission": "Central Organization Commission",
        "emulation-group": f"Emulation Group No. {org.number} of the Party building "
                           "organization sector",
    }
    fr = {
        "party-committee": (f"Comité provincial du Parti de {place}" if level == "province"
                            else f"Comité du Parti du district de {place}"),
        "standing-committee": f"Comité permanent du Comité provincial du Parti de {place}",
        "organization-commission": f"Comité d'organisation du Comité provincial du Parti de "
                                   f"{place}",
        "propaganda-commission": f"Commission de propagande du Comité provincial du Parti de "
                                 f"{place}",
        "inspection-commission": f"Commission d'inspection du Comité provincial du Parti de "
                                 f"{place}",
        "mass-mobilization-commission": "Commission de mobilisation des masses du Comité "
                                        f"provincial du Parti de {place}",
        "peoples-council": f"Conseil populaire de la province de {place}",
        "peoples-committee": (f"Comité populaire de la province de {place}"
                              if level == "province"
                              else f"Comité populaire du district de {place}"),
        "fatherland-front": f"Comité du Front de la Patrie de la province de {place}",
        "central-organization-commission": "Comité central d'organisation",
        "emulation-group": f"Groupe d'émulation n° {org.number} du secteur de l'organisation "
                           "et de la construction du Parti",
    }
    return (en if lang == "en" else fr)[org.org_type]


ROLE_WORDS = {
    "en": {"secretary": "secretary", "deputy-secretary": "deputy secretary",
           "standing-deputy-secretary": "standing deputy secretary", "member": "member",
           "head": "head", "deputy-head": "deputy head", "chair": "chairman",
           "vice-chair": "vice chairman", "standing-vice-chair": "standing vice chairman"},
    "fr": {"secretary": "secrétaire", "deputy-secretary": "secrétaire adjoint",
           "standing-deputy-secretary": "secrétaire adjoint permanent", "member": "membre",
           "head": "chef", "deputy-head": "chef adjoint", "chair": "président",
           "vice-chair": "vice-président", "standing-vice-chair": "vice-président permanent"},
}


def _title(world: World, role: str, org_key: str, lang: str) -> str:
    phrase = _org_phrase(world, org_key, lang)
    fr_of = "de la" if phrase.startswith("Commission") else "du"
    of = "of the" if lang == "en" else fr_of
    return f"{ROLE_WORDS[lang][role]} {of} {phrase}"


def _date_words(day: dt.date, lang: str) -> str:
    month = MONTHS[lang][day.month - 1]
    return f"{day.day} {month} {day.year}"


class _Text:
    """Builds a text sentence by sentence, remembering where each sentence is."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0

    def add(self, sentence: str, gap: str = " ") -> Span:
        if self.parts:
            self.parts.append(gap)
            self.size += len(gap)
        start = self.size
        self.parts.append(sentence)
        self.size += len(sentence)
        return Span(start, self.size)

    def text(self) -> str:
        return "".join(self.parts)


def make_article(world: World, index: int, seed: int = 7, langs: tuple[str, ...] = ("en", "fr"),
                 ) -> SyntheticArticle:
    """Article number ``index`` of the corpus of ``seed`` (independent of the others)."""
    rng = random.Random(f"article-{seed}-{index}")
    lang = langs[0] if rng.random() < 0.7 or len(langs) == 1 else rng.choice(langs[1:])
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    province = rng.choice(world.provinces)
    kind = rng.choices(("organization", "emulation", "district", "resolution"),
                       (4, 1, 3, 2))[0]
    source_id = f"{index:06d}_{digest(str(seed), str(index), length=16)}.txt"
    pname = world.places[province].name
    art = SyntheticArticle(source_id, lang, day, province, [province])
    text = _Text()
    dateline = day.strftime("%d/%m/%Y")

    def holder(org: str, role: str, k: int = 0) -> Mention:
        slot = world.slots_of(org, role)[k]
        person = slot.holder(day)
        return Mention(person, [], Span(0, 0), world.persons[person].name)

    def describe(m: Mention, max_posts: int = 3) -> str:
        posts = world.posts_of(m.person, day)
        posts.sort(key=lambda p: (p[1].count("/"), p[1], p[0]))
        m.posts = posts[:max_posts]
        titles = ", ".join(_title(world, r, o, lang) for r, o in m.posts)
        word = "Comrade" if lang == "en" else "le camarade"
        return f"{word} {m.surface}, {titles}"

    chairs: list[Mention] = []
    attendees: list[Mention] = []
    if kind == "organization":
        headline = (f"{pname} reviews Party building and organization work"
                    if lang == "en" else
                    f"{pname} fait le bilan du travail d'organisation et de construction du Parti")
        chairs = [holder(f"{province}/organization-commission", "head")]
        attendees = [holder(f"{province}/party-committee", "standing-deputy-secretary"),
                     holder(f"{province}/peoples-committee", "vice-chair",
                            rng.randrange(2))]
        what = ("the conference to review the organization work of the year"
                if lang == "en" else "la conférence de bilan du travail d'organisation")
    elif kind == "emulation":
        group = rng.randrange(1, 9)
        gkey = f"central/emulation-group-{group}"
        province = rng.choice(world.provinces[(group - 1) * 5:(group - 1) * 5 + 5])
        art.about = province
        art.places = [province]
        pname = world.places[province].name
        headline = (f"Emulation Group No. {group} reviews its work" if lang == "en" else
                    f"Le groupe d'émulation n° {group} fait le bilan de ses activités")
        chairs = [holder(gkey, "head"), holder(gkey, "deputy-head")]
        attendees = [holder(f"{province}/party-committee", "secretary")]
        what = ("the conference to summarize the emulation movement" if lang == "en" else
                "la conférence pour résumer le mouvement d'émulation")
    elif kind == "district":
        district = rng.choice(world.districts[province])
        art.about = district
        art.places = [province, district]
        dname = world.places[district].name
        headline = (f"{dname} District Party Committee reviews the year" if lang == "en" else
                    f"Le Comité du Parti du district de {dname} fait le bilan de l'année")
        chairs = [holder(f"{district}/party-committee", "secretary")]
        attendees = [holder(f"{district}/peoples-committee", "chair"),
                     holder(f"{province}/standing-committee", "member", rng.randrange(5))]
        what = ("the conference to review the Party work" if lang == "en" else
                "la conférence pour résumer le travail du Parti")
    else:
        headline = (f"{pname} implements the resolutions of the Provincial People's Council"
                    if lang == "en" else
                    f"{pname} met en œuvre les résolutions du Conseil populaire provincial")
        chairs = [holder(f"{province}/party-committee", "secretary")]
        attendees = [holder(f"{province}/peoples-council", "chair"),
                     holder(f"{province}/propaganda-commission", "head")]
        what = ("the conference to disseminate the resolutions" if lang == "en" else
                "la conférence de diffusion des résolutions")

    # the same person may hold the chair and an attendee slot: keep them once
    seen = {m.person for m in chairs}
    unique: list[Mention] = []
    for m in attendees:
        if m.person not in seen:
            seen.add(m.person)
            unique.append(m)
    attendees = unique
    text.add(headline)
    text.add(dateline, gap="\n\n")
    part = "the morning" if rng.random() < 0.6 else "the afternoon"
    when = (f"on {part} of {day.day} {MONTHS['en'][day.month - 1]}" if lang == "en" else
            f"le {'matin' if part == 'the morning' else 'après-midi'} du {day.day} "
            f"{MONTHS['fr'][day.month - 1]}")
    joined = "; ".join(describe(m) for m in chairs)
    joined = joined[0].upper() + joined[1:]
    if len(chairs) == 1:
        verb = "chaired" if lang == "en" else "a présidé"
    else:
        verb = "co-chaired" if lang == "en" else "ont coprésidé"
    sentence = f"{joined}, {verb} {what} {when}."
    span = text.add(sentence, gap="\n\n")
    art.event_span = span
    for m in chairs:
        m.span = span
    if attendees:
        joined = "; ".join(describe(m, 2) for m in attendees)
        sentence = (f"Also attending the conference were {joined}." if lang == "en" else
                    f"Ont assisté à la conférence {joined}.")
        span = text.add(sentence, gap="\n\n")
        for m in attendees:
            m.span = span
    body = (
        "In the year, Party committees at all levels focused on building and rectifying the "
        "Party, developing new Party members and consolidating grassroots Party organizations."
        if lang == "en" else
        "Au cours de l'année, les comités du Parti à tous les niveaux se sont concentrés sur "
        "la construction et la rectification du Parti et le développement de nouveaux membres.")
    text.add(body, gap="\n\n")
    if kind in ("resolution", "organization") and rng.random() < 0.8:
        year = day.year - rng.randrange(0, 2)
        number = f"{rng.randrange(1, 40)}/{year}/NQ-HDND"
        # one issuer, one number, one date: the date is a function of them, not of the article
        drng = random.Random(f"document-{seed}-{province}-{number}")
        issued = dt.date(year, drng.randrange(1, 13), drng.randrange(1, 28))
        if issued > day:     # not yet issued on the article's date: cite an older one
            number = f"{drng.randrange(1, 40)}/{year - 1}/NQ-HDND"
            drng = random.Random(f"document-{seed}-{province}-{number}")
            issued = dt.date(year - 1, drng.randrange(1, 13), drng.randrange(1, 28))
        issuer = f"{province}/peoples-council"
        sentence = (
            f"The province proactively implemented Resolution No. {number} dated "
            f"{_date_words(issued, 'en')} of the {_org_phrase(world, issuer, 'en')}."
            if lang == "en" else
            f"La province a mis en œuvre la résolution n° {number} du "
            f"{_date_words(issued, 'fr')} du {_org_phrase(world, issuer, 'fr')}.")
        span = text.add(sentence, gap=" ")
        art.documents.append(DocMention("resolution", number, issued, issuer, span))
    text.add("The conference discussed key tasks for the coming period." if lang == "en" else
             "La conférence a discuté des tâches clés pour la période à venir.", gap="\n\n")
    art.text = text.text() + "\n"
    art.chairs = chairs
    art.attendees = attendees
    return art


def articles(n: int, seed: int = 7, world: World | None = None,
             langs: tuple[str, ...] = ("en", "fr")) -> Iterator[SyntheticArticle]:
    """The first ``n`` articles of the corpus of ``seed``."""
    world = world or make_world(seed)
    for i in range(n):
        yield make_article(world, i, seed, langs)


def write_texts(n: int, out_dir: Path, seed: int = 7) -> list[Path]:
    """Write ``n`` article texts (UTF-8) to ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for art in articles(n, seed):
        path = out_dir / art.source_id
        path.write_text(art.text, encoding="utf-8")
        paths.append(path)
    return paths


# -- the equivalent RDF --------------------------------------------------------------------------
ORG_CLASS = {"party-committee": PG.PartyCommittee, "emulation-group": PG.EmulationGroup}


class RdfWriter:
    """Turns articles into the builder's triples, one named graph per article."""

    def __init__(self, world: World, minter: Minter | None = None) -> None:
        self.world = world
        self.m = minter or Minter()
        self.seen: dict[str, tuple[dt.date, dt.date]] = {}   # membership IRI -> first, last

    def place(self, key: str, article: URIRef, out: list[Triple]) -> URIRef:
        p = self.world.places[key]
        iri = self.m.place(p.key)
        cls = PG.Province if p.level == "province" else PG.District
        out += [(iri, RDF.type, cls), (iri, PG.canonicalName, Literal(p.name)),
                (iri, RDFS.label, Literal(p.vi, lang="vi")), (iri, PG.mentionedIn, article)]
        if p.parent:
            out.append((iri, PG.withinUnit, self.place(p.parent, article, out)))
        return iri

    def org(self, key: str, article: URIRef, out: list[Triple]) -> URIRef:
        o = self.world.orgs[key]
        iri = self.m.organization(o.key)
        label = o.org_type.replace("-", " ") + ("" if o.number is None else f" {o.number}")
        label += f" of {self.world.places[o.place].name}" if o.place else ""
        out += [(iri, RDF.type, ORG_CLASS.get(o.org_type, ORG.Organization)),
                (iri, PG.orgType, PGORG[o.org_type]), (iri, PG.mentionedIn, article),
                (iri, RDFS.label, Literal(label, lang="en"))]
        if o.place:
            out.append((iri, PG.jurisdiction, self.place(o.place, article, out)))
        if o.parent:
            out.append((iri, ORG.subOrganizationOf, self.org(o.parent, article, out)))
        if o.number is not None:
            out.append((iri, PG.groupNumber, Literal(o.number)))
        return iri

    def evidence(self, art: SyntheticArticle, article: URIRef, fact: URIRef, prop: URIRef,
                 value: Node, span: Span, out: list[Triple]) -> None:
        ev = self.m.evidence(art.source_id, str(fact), str(prop), str(value))
        out += [(fact, PG.evidence, ev), (ev, RDF.type, PG.Evidence),
                (ev, PROV.wasDerivedFrom, article),
                (ev, PG.quote, Literal(art.text[span.start:span.end])),
                (ev, PG.startOffset, Literal(span.start)), (ev, PG.endOffset, Literal(span.end)),
                (ev, PG.assertedProperty, prop), (ev, PG.assertedValue, value)]

    def person(self, art: SyntheticArticle, m: Mention, article: URIRef,
               out: list[Triple]) -> URIRef:
        p = self.world.persons[m.person]
        iri = self.m.person(p.key)
        out += [(iri, RDF.type, PG.Person), (iri, PG.canonicalName, Literal(p.name)),
                (iri, RDFS.label, Literal(p.vi, lang="vi")),
                (iri, SKOS.altLabel, Literal(m.surface, lang=art.lang)),
                (iri, PG.mentionedIn, article)]
        for role, org_key in m.posts:
            mem = self.m.membership(p.key, role, org_key)
            out += [(mem, RDF.type, ORG.Membership), (mem, ORG.member, iri),
                    (mem, ORG.organization, self.org(org_key, article, out)),
                    (mem, ORG.role, PGROLE[role]), (mem, PROV.wasDerivedFrom, article)]
            self.evidence(art, article, mem, ORG.role, PGROLE[role], m.span, out)
            first, last = self.seen.get(str(mem), (art.published, art.published))
            self.seen[str(mem)] = (min(first, art.published), max(last, art.published))
        return iri

    def article(self, art: SyntheticArticle) -> list[Triple]:
        """The triples of one article's named graph."""
        a = self.m.article(art.source_id)
        out: list[Triple] = [
            (a, RDF.type, PG.Article), (a, PG.sourceId, Literal(art.source_id)),
            (a, DCTERMS.language, Literal(art.lang)),
            (a, SDO.datePublished, Literal(art.published)),
        ]
        for key in art.places:
            self.place(key, a, out)
        out.append((a, PG.aboutPlace, self.m.place(art.about)))
        event = self.m.event(art.source_id.rsplit(".", 1)[0])
        out += [(event, RDF.type, PG.Event), (event, RDF.type, PG.Conference),
                (event, SDO.startDate, Literal(art.published)),
                (event, PROV.wasDerivedFrom, a), (a, PG.reportsEvent, event)]
        for m in art.chairs:
            p = self.person(art, m, a, out)
            out.append((event, PG.chairedBy, p))
            self.evidence(art, a, event, PG.chairedBy, p, m.span, out)
        for m in art.attendees:
            p = self.person(art, m, a, out)
            out.append((event, PG.attendedBy, p))
            self.evidence(art, a, event, PG.attendedBy, p, m.span, out)
        for d in art.documents:
            doc = self.m.document(f"{slug(d.issuer)}--{slug(d.number)}")
            out += [(doc, RDF.type, PG.LegalDocument), (doc, PG.documentType, PGDOC[d.doc_type]),
                    (doc, PG.documentNumber, Literal(d.number)),
                    (doc, PG.issuedOn, Literal(d.issued_on)),
                    (doc, PG.issuedBy, self.org(d.issuer, a, out)),
                    (doc, PG.mentionedIn, a)]
            self.evidence(art, a, doc, PG.documentNumber, Literal(d.number), d.span, out)
        return list(dict.fromkeys(out))

    def timeline(self) -> list[Triple]:
        """The shared graph: each membership's first and last dates seen."""
        out: list[Triple] = []
        for mem, (first, last) in sorted(self.seen.items()):
            out += [(URIRef(mem), PG.firstSeen, Literal(first)),
                    (URIRef(mem), PG.lastSeen, Literal(last))]
        return out

    def timeline_graph(self) -> URIRef:
        return self.m.timeline()


def article_triples(art: SyntheticArticle, world: World, minter: Minter | None = None,
                    ) -> list[Triple]:
    """The named-graph triples of one article, on its own."""
    return RdfWriter(world, minter).article(art)


def build_store(n: int, seed: int = 7, store: GraphStore | None = None,
                minter: Minter | None = None, arts: Iterable[SyntheticArticle] | None = None,
                ) -> GraphStore:
    """A store holding the RDF of the first ``n`` articles of ``seed`` (or of ``arts``)."""
    world = make_world(seed)
    store = store if store is not None else GraphStore()
    writer = RdfWriter(world, minter)
    for art in (arts if arts is not None else articles(n, seed, world)):
        store.replace_graph(writer.m.graph(art.source_id), writer.article(art))
    store.replace_graph(writer.timeline_graph(), writer.timeline())
    store.flush()
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--texts", type=Path, help="write the article texts here")
    parser.add_argument("--store", type=Path, help="write the equivalent RDF store here")
    args = parser.parse_args(argv)
    if not args.texts and not args.store:
        parser.error("give --texts and/or --store")
    if args.texts:
        paths = write_texts(args.articles, args.texts, args.seed)
        print(f"{len(paths)} texts in {args.texts}")
    if args.store:
        store = build_store(args.articles, args.seed, GraphStore(args.store))
        print(f"{len(store):,} quads in {len(store.graph_names())} graphs in {args.store}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
