"""Stage 3 — resolve: which node of the graph each thing an article names is.

Two parts, because a person is decided by the whole corpus and everything else by one
article:

* over the corpus, :class:`~partygraph.matching.IdentityIndex` clusters the mentions of
  each name (every script was read back to Latin Vietnamese by :mod:`partygraph.translit`
  when the names were found): mentions of one name are one person when their posts say
  so — the same body, the same province, a stated transfer, a central cadre rotated —
  and never when their posts conflict in the same period;
  :func:`resolve_corpus` seeds it with the persons of stored articles the build does
  not re-read, clusters, and writes the stage's record beside the store: the reasons
  of every merge and split (``identities.json``, for ``partygraph identities``) and
  each mention with its key (``mentions.jsonl``, read back by the next build);
* per article, :func:`resolve_article` gives every person its cluster's key, every
  organization, document and event its content key (:mod:`partygraph.keys`), and every
  place its gazetteer unit, canonical Latin name, containing unit and 2025 successor.

The result, a :class:`~partygraph.models.ResolvedArticle`, is all the build stage reads:
build maps it to triples and decides no identity itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from partygraph.folding import strip_diacritics
from partygraph.gazetteer import Gazetteer
from partygraph.iris import Minter
from partygraph.keys import document_key, event_key, org_key
from partygraph.matching import (
    IdentityIndex,
    Mention,
    ResolvedName,
    from_record,
    stored_mention,
    to_record,
)
from partygraph.models import ArticleFacts, OrgRef, PlaceRef, ResolvedArticle, ResolvedPlace
from partygraph.outputs import atomic_output, write_atomic
from partygraph.store import GraphStore

__all__ = ["IDENTITIES_FILE", "MENTIONS_FILE", "canonical_place_name", "resolve_article",
           "resolve_corpus"]

MENTIONS_FILE = "mentions.jsonl"
IDENTITIES_FILE = "identities.json"


def canonical_place_name(name: str) -> str:
    """"Lào Cai" -> "Lao Cai": a unit's canonical Latin form, without diacritics."""
    return strip_diacritics(name)


def resolve_article(facts: ArticleFacts, identities: IdentityIndex,
                    gz: Gazetteer) -> ResolvedArticle:
    """The keys of every node ``facts`` names (see the module doc); pure, given the
    index the corpus filled."""
    return _Resolution(facts, identities, gz).run()


class _Resolution:
    """Walks an article's facts in the order build writes them, so that when two units
    or bodies share a key, the one build names is the first one met (as before)."""

    def __init__(self, facts: ArticleFacts, identities: IdentityIndex, gz: Gazetteer) -> None:
        self.facts, self.ids, self.gz = facts, identities, gz
        self.source = facts.document.source_id
        self.places: dict[str, ResolvedPlace] = {}
        self.orgs: dict[OrgRef, str] = {}
        self._walked: set[str] = set()

    def place(self, unit: PlaceRef) -> None:
        if unit.key in self.places:
            return
        parent = self.gz.get(unit.parent) if unit.parent else None
        successor = self.gz.successor.get(unit.key) if unit.level == "province" else None
        after = self.gz.get(successor) if successor and successor != unit.key else None
        self.places[unit.key] = ResolvedPlace(
            unit, canonical_place_name(unit.name), parent.key if parent else None,
            after.key if after else None)
        if parent is not None:
            self.place(parent)
        if after is not None:
            self.place(after)

    def organization(self, org: OrgRef) -> None:
        key = self.orgs[org] = org_key(org, self.source)
        if key in self._walked:
            return
        self._walked.add(key)
        if org.jurisdiction is not None:
            self.place(org.jurisdiction)
        if org.parent is not None:
            self.organization(org.parent)

    def run(self) -> ResolvedArticle:
        f = self.facts
        if f.about_place is not None:
            self.place(f.about_place)
        for mention in f.places:
            if mention.place.level != "country":
                self.place(mention.place)
        person_keys = tuple(self.ids.person_key(p, f, self.gz) for p in f.persons)
        for person in f.persons:
            for post in person.posts:
                self.organization(post.org)
        by_name = dict(zip((p.name for p in f.persons), person_keys, strict=True))
        event_keys = tuple(
            event_key(f, i, [by_name[n] for n, _ in event.chairs if n in by_name])
            for i, event in enumerate(f.events))
        for doc in f.documents:
            if doc.issuer is not None:
                self.organization(doc.issuer)
        for group in f.groups:
            self.organization(ResolvedArticle.group_org(group))
        return ResolvedArticle(f, person_keys, self.orgs, event_keys,
                               tuple(document_key(d, f) for d in f.documents), self.places)


# -- over the corpus ----------------------------------------------------------------------
def resolve_corpus(identities: IdentityIndex, store: GraphStore, minter: Minter,
                   keep: Callable[[str], bool], out_dir: Path,
                   ) -> dict[str, Callable[[Path], None]]:
    """Decide the persons of the corpus: ``identities`` holds the mentions this build
    read; the persons of the stored articles ``keep`` says (those not re-read) join them
    with their keys; then every name block is clustered. Returns the writers of the
    reasons and mentions records (see the module doc), by file name: the build writes
    them with its other outputs, once the store is durable."""
    _seed_identities(store, identities, minter, keep, out_dir / MENTIONS_FILE)
    seen = list(identities.pending)
    resolved = identities.resolve()
    return {IDENTITIES_FILE: lambda path: _write_identities(path, resolved),
            MENTIONS_FILE: lambda path: _write_mentions(path, seen, identities)}


def _seed_identities(store: GraphStore, identities: IdentityIndex, minter: Minter,
                     keep: Callable[[str], bool], recorded: Path) -> None:
    """The persons of stored articles this run does not read (those ``keep`` says), as
    mentions that keep their keys (read back from the last build's record, else from
    the stored keys): a re-read article's persons are decided afresh, from its text."""
    if recorded.is_file() and store.graph_names():
        with recorded.open(encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if keep(record["source"]):
                    identities.add([from_record(record)])
        return
    _, rows = store.query(
        "PREFIX pg: <https://w3id.org/partygraph/ontology#> "
        "SELECT ?p ?src WHERE { ?p a pg:Person ; pg:mentionedIn/pg:sourceId ?src }")
    for p, src in rows:
        if p is None or src is None or not keep(str(src)):
            continue
        key = minter.person_key_of(str(p))
        seed = stored_mention(key, str(src)) if key is not None else None
        if seed is not None:
            identities.add([seed])


def _write_mentions(path: Path, seen: list[Mention], identities: IdentityIndex) -> None:
    rows = sorted((m.name, m.source, m.pinned) for m in seen)
    by_ident = {(m.name, m.source, m.pinned): m for m in seen}
    with atomic_output(path) as f:
        for row in rows:
            m = by_ident[row]
            key = identities.keys.get(m.ident, m.pinned)
            f.write((json.dumps(to_record(m, key), ensure_ascii=False, sort_keys=True)
                     + "\n").encode("utf-8"))


def _write_identities(path: Path, resolved: list[ResolvedName]) -> None:
    """The reasons of every merge and split, for ``partygraph identities``."""
    data = [{"name": r.name, "apart": r.apart,
             "persons": [{"key": p.key, "mentions": [s for s, _ in p.mentions],
                          "reasons": p.reasons} for p in r.persons]}
            for r in resolved]
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
