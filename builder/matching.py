"""Identity across articles: which mentions of one name are one person.

A name alone does not make a person: the General Secretary is named in every
province's news, a provincial secretary is rotated to another province or to the
centre, and two cadres called Nguyen Van Hung are two people. So resolution is a
matching step over the whole corpus (:class:`IdentityIndex`, filled in the first pass
of a build):

1. **block** on the folded canonical name (every script is read back to Latin
   Vietnamese before, so "Фам Минь Тинь" and "Pham Minh Chinh" share a block);
2. **profile** each mention (:class:`Mention`): the bodies of its posts, the provinces
   they are in, whether it is a central post, the article's province and date;
3. **link** mentions by evidence, strongest first (:mod:`partygraph.clusters`): the same
   organization, the same province, a transfer stated in one text (one mention with
   posts in two provinces bridges them), a central cadre rotated to a senior post;
   a mention without any post joins the one person its name can mean;
4. **never** link two clusters whose posts conflict in the same period: local posts in
   two provinces (or one at the centre) that no stated transfer explains, or the same
   exclusive role in two bodies of one type.

Every decision is a function of the mentions' content, taken in an order fixed by
their content (article and name), so the clusters — and the person keys minted from
them by :mod:`partygraph.iris` — do not depend on the order of the input. The reasons for
each merge and split are kept (:meth:`IdentityIndex.resolve` returns them; the build
writes them beside the graph and ``partygraph identities`` shows them).
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from partygraph.gazetteer import Gazetteer
from partygraph.iris import slug
from partygraph.keys import org_key
from partygraph.models import ArticleFacts, OrgRef, PersonFacts, PlaceRef, Post

V = TypeVar("V")

NO_PROVINCE = "vn"
CENTRAL = "central"
CENTRE_SEAT = "@central"   # the seat of full-time central posts, beside province keys
TWIN_MARK = "--"        # before the digest that tells apart two persons of one key


@dataclass(frozen=True)
class PostRules:
    """builder/data/identity.toml: what posts say about identity."""

    central_bodies: frozenset[str]
    membership_not_central: frozenset[str]
    multi_province: frozenset[str]
    cadre_bodies: frozenset[str]
    full_time_central_bodies: frozenset[str]
    large_bodies: frozenset[str]
    exclusive_roles: frozenset[str]
    leadership: dict[str, frozenset[str]]


@cache
def post_rules() -> PostRules:
    data = tomllib.loads(resources.files("partygraph").joinpath("data/identity.toml")
                         .read_text(encoding="utf-8"))
    from partygraph.extract.lexicon import roles

    central = (frozenset(data["central_bodies"]) | roles().central_org_types) \
        - frozenset(data["not_central"])
    return PostRules(
        central_bodies=central,
        membership_not_central=frozenset(data["membership_not_central"]),
        multi_province=frozenset(data["not_central"]),
        cadre_bodies=frozenset(data["cadre_bodies"]),
        full_time_central_bodies=frozenset(data["full_time_central_bodies"]),
        large_bodies=frozenset(data["large_bodies"]),
        exclusive_roles=frozenset(data["exclusive_roles"]),
        leadership={k: frozenset(v) for k, v in data["leadership"].items()},
    )


@dataclass(frozen=True, slots=True)
class Mention:
    """One person as one article names them: all identity needs of it (small, so the
    extraction workers send it back)."""

    source: str                      # the article's source id
    name: str                        # the folded name's slug: the block
    date: date | None = None         # the article's date (published, else its event's)
    context: str = ""                # the article's province (identity key), "" if none
    seats: frozenset[str] = frozenset()      # provinces the posts name; CENTRE_SEAT
    assumed: frozenset[str] = frozenset()    # the article's, for posts naming none
    orgs: frozenset[str] = frozenset()       # keys of the (placed or central) bodies
    heads: frozenset[tuple[str, str, str]] = frozenset()   # (role, org type, org key)
    central: bool = False            # holds a central office (not plain CC membership)
    cadre: bool = False              # member of the Central Committee, Politburo …
    senior: bool = False             # a central post or a provincial leadership post
    has_posts: bool = False
    pinned: str = ""                 # the key of a stored person (incremental builds)

    @property
    def ident(self) -> tuple[str, str]:
        return (self.source, self.name)

    @property
    def provinces(self) -> frozenset[str]:
        """The provinces of the local posts: named, or assumed to be the article's
        ("Secretary of the Provincial Party Committee" in a Nghe An article). Only the
        named ones (:attr:`seats`) can conflict: an assumption is too weak to split."""
        return (self.seats - {CENTRE_SEAT}) | self.assumed

    @property
    def places(self) -> frozenset[str]:
        """Where the mention places the person: their posts' provinces; without any
        post, the article's province. Posts that place nobody (a central office, an
        emulation group of several provinces) do not fall back on the article's."""
        if self.provinces:
            return self.provinces
        if self.context and not self.has_posts:
            return frozenset((self.context,))
        return frozenset()


def identity_province(prov: PlaceRef, gz: Gazetteer) -> str:
    """The province key a person is known by: the unit in force since the 2025 reform,
    so an official of Yên Bái before July 2025 and of (new) Lào Cai after it, named the
    same, stays one person."""
    return gz.successor.get(prov.key, prov.key)


def article_date(facts: ArticleFacts) -> date | None:
    """When the article's posts were held: its publication date, else its first event's."""
    if facts.document.published is not None:
        return facts.document.published
    dates = [e.date for e in facts.events if e.date is not None]
    return min(dates) if dates else None


def mentions(facts: ArticleFacts, gz: Gazetteer) -> list[Mention]:
    """The identity profile of every person the article names."""
    context = identity_province(facts.province, gz) if facts.province is not None else ""
    when = article_date(facts)
    return [profile(p, facts.document.source_id, context, when, gz) for p in facts.persons]


def profile(person: PersonFacts, source: str, context: str, when: date | None,
            gz: Gazetteer) -> Mention:
    rules = post_rules()
    seats: set[str] = set()
    assumed: set[str] = set()
    orgs: set[str] = set()
    heads: set[tuple[str, str, str]] = set()
    central = cadre = senior = False
    for post in person.posts:
        body = _central_body(post.org, rules)
        key = org_key(post.org, source)
        placed = "unplaced/" not in key
        plain = post.role in ("member", "alternate-member")
        if body:
            central |= not (plain and body in rules.membership_not_central)
            cadre |= body in rules.cadre_bodies
            senior = True
            if body in rules.full_time_central_bodies:
                seats.add(CENTRE_SEAT)
        else:
            prov = _province(post.org, gz)
            if prov is not None:
                seats.add(identity_province(prov, gz))
            elif context and post.org.org_type not in rules.multi_province:
                assumed.add(context)
            senior |= _leads_province(post, rules)
        if placed and not (plain and post.org.org_type in rules.large_bodies):
            orgs.add(key)
        if placed and post.role in rules.exclusive_roles:
            heads.add((post.role, post.org.org_type, key))
    return Mention(source, slug(person.name), when, context, frozenset(seats),
                   frozenset(assumed), frozenset(orgs), frozenset(heads), central, cadre,
                   senior, bool(person.posts))


def _central_body(org: OrgRef, rules: PostRules) -> str:
    """The central body type a post's organization belongs to, "" for a local one."""
    found = ""
    node: OrgRef | None = org
    while node is not None:
        central = node.org_type in rules.central_bodies or node.level == "central"
        if node.jurisdiction is not None or (not central and node.level):
            return ""          # placed, or of a local level: a local body
        if central and not found:
            found = node.org_type
        node = node.parent
    return found


def _province(org: OrgRef, gz: Gazetteer) -> PlaceRef | None:
    node: OrgRef | None = org
    while node is not None:
        if node.jurisdiction is not None:
            prov = gz.province_of(node.jurisdiction)
            if prov is not None and prov.level == "province":
                return prov
        node = node.parent
    return None


def _leads_province(post: Post, rules: PostRules) -> bool:
    if post.role not in rules.leadership.get(post.org.org_type, frozenset()):
        return False
    j = post.org.jurisdiction
    return j.level == "province" if j is not None else post.org.level == "province"


def stored_mention(person_key: str, source: str) -> Mention | None:
    """A stored person's mention in a stored article this build does not re-read, when
    the build's record of mentions is missing: it keeps its key, and what the key says
    of its province."""
    prov, _, name = person_key.rpartition("/")
    if not prov or not name:
        return None
    name = name.split(TWIN_MARK, 1)[0]
    if prov == CENTRAL:
        return Mention(source, name, central=True, has_posts=True, pinned=person_key)
    if prov == NO_PROVINCE:
        return Mention(source, name, pinned=person_key)
    return Mention(source, name, seats=frozenset((prov,)), has_posts=True,
                   pinned=person_key)


def to_record(m: Mention, key: str) -> dict[str, object]:
    """A mention and the key it was given, as JSON: what the next build reads back for
    the articles it does not re-read (:func:`from_record`)."""
    return {"source": m.source, "name": m.name, "key": key,
            "date": m.date.isoformat() if m.date else None, "context": m.context,
            "seats": sorted(m.seats), "assumed": sorted(m.assumed), "orgs": sorted(m.orgs),
            "heads": sorted(list(h) for h in m.heads),
            "flags": "".join(f for f, on in (("c", m.central), ("k", m.cadre),
                                             ("s", m.senior), ("p", m.has_posts)) if on)}


def from_record(r: dict) -> Mention:
    """The stored mention, pinned to its key."""
    flags = r["flags"]
    return Mention(r["source"], r["name"], date.fromisoformat(r["date"]) if r["date"] else None,
                   r["context"], frozenset(r["seats"]), frozenset(r["assumed"]),
                   frozenset(r["orgs"]),
                   frozenset(tuple(h) for h in r["heads"]), "c" in flags, "k" in flags,
                   "s" in flags, "p" in flags, pinned=r["key"])


@dataclass
class IdentityIndex:
    """Collects the mentions of a corpus, clusters them (:meth:`resolve`) and gives
    each article's person their cluster's key."""

    pending: list[Mention] = field(default_factory=list)
    keys: dict[tuple[str, str], str] = field(default_factory=dict)
    # one object for each distinct value the mentions hold (see :meth:`add`)
    _shared: dict[Any, Any] = field(default_factory=dict, repr=False)

    def add(self, found: Iterable[Mention]) -> None:
        """Keep the mentions with their values shared: a mention comes pickled from a
        worker, with sets, dates and strings of its own that most mentions repeat (the
        same provinces, bodies, names). Shared, a mention costs about a tenth of its
        1.5 kB, and the index — all of the corpus's mentions, until resolved — stops
        being what grows a 100k-article build's memory."""
        def share(value: V) -> V:
            shared: V = self._shared.setdefault(value, value)
            return shared

        self.pending.extend(
            replace(m, name=share(m.name), date=share(m.date), context=share(m.context),
                    seats=share(m.seats), assumed=share(m.assumed), orgs=share(m.orgs),
                    heads=share(m.heads))
            for m in found)

    def observe(self, facts: ArticleFacts, gz: Gazetteer) -> None:
        self.add(mentions(facts, gz))

    def resolve(self) -> list[ResolvedName]:
        """Cluster every name block; the keys replace the pending mentions (which the
        build workers need not receive). Returns the reasons, block by block."""
        from partygraph.clusters import resolve_block

        blocks: dict[str, list[Mention]] = defaultdict(list)
        for m in self.pending:
            blocks[m.name].append(m)
        self.pending = []
        out = []
        for name in sorted(blocks):
            resolved = resolve_block(name, blocks[name])
            for person in resolved.persons:
                for ident in person.mentions:
                    self.keys[ident] = person.key
            out.append(resolved)
        return out

    def person_key(self, person: PersonFacts, facts: ArticleFacts, gz: Gazetteer) -> str:
        """The key of the person's cluster; a mention the index never saw is a cluster
        of its own."""
        name = slug(person.name)
        key = self.keys.get((facts.document.source_id, name))
        if key is not None:
            return key
        context = identity_province(facts.province, gz) if facts.province is not None else ""
        m = profile(person, facts.document.source_id, context, article_date(facts), gz)
        from partygraph.clusters import preferred_key
        return preferred_key(name, [m])


@dataclass
class ResolvedPerson:
    key: str
    mentions: list[tuple[str, str]]
    reasons: list[str]


@dataclass
class ResolvedName:
    """One name block: its persons and why those of several stayed apart."""

    name: str
    persons: list[ResolvedPerson]
    apart: list[str]
