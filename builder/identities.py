"""Identity clusters: which mentions became one person, and which names stayed apart.

A cluster is one ``pg:Person`` node: its canonical name, every surface form with its
language, the articles that mention it, the provinces of its posts, and the reasons the
resolver (:mod:`partygraph.clusters`) joined its mentions. Nodes that share a canonical
name but not a node are *splits*, with the reason they stayed apart (a conflict of
posts in the same period, or nothing linking them). The reasons come from
``identities.json``, which the build writes beside the store.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from partygraph.iris import person_key, slug
from partygraph.store import GraphStore
from partygraph.store_folder import locate_store

_QUERY = """
PREFIX pg: <https://w3id.org/partygraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?p ?name ?surface ?source ?prov WHERE {
  ?p a pg:Person ; pg:canonicalName ?name .
  OPTIONAL { ?p skos:altLabel ?surface }
  OPTIONAL { ?p pg:mentionedIn/pg:sourceId ?source }
  OPTIONAL { ?m org:member ?p ; org:organization/pg:jurisdiction ?u .
             ?u pg:withinUnit* ?pu . ?pu a pg:Province ; pg:canonicalName ?prov }
}
"""


@dataclass
class Cluster:
    node: str
    name: str
    surfaces: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return person_key(self.node)

    @property
    def home(self) -> str:
        """The province part of the node's key (``…/person/<province>/<name>``)."""
        return self.key.rpartition("/")[0]


@dataclass
class Decisions:
    """What the last build's resolver said: reasons by person key, and by name slug
    why its persons stayed apart."""

    joined: dict[str, list[str]] = field(default_factory=dict)
    apart: dict[str, list[str]] = field(default_factory=dict)


def decisions(store_dir: Path) -> Decisions:
    path = store_dir.parent / "identities.json"
    found = Decisions()
    if not path.is_file():
        return found
    for block in json.loads(path.read_text(encoding="utf-8")):
        found.apart[block["name"]] = block["apart"]
        for person in block["persons"]:
            found.joined[person["key"]] = person["reasons"]
    return found


def clusters(store: GraphStore, why: Decisions | None = None) -> list[Cluster]:
    why = why or Decisions()
    _, rows = store.query(_QUERY)
    by_node: dict[str, Cluster] = {}
    for p, name, surface, source, prov in rows:
        c = by_node.setdefault(str(p), Cluster(str(p), str(name)))
        if surface is not None:
            c.surfaces.add(f"{surface}@{getattr(surface, 'language', '') or ''}")
        if source is not None:
            c.articles.add(str(source))
        if prov is not None:
            c.provinces.add(str(prov))
    for c in by_node.values():
        c.reasons = why.joined.get(c.key, [])
    return sorted(by_node.values(), key=lambda c: (c.name, c.node))


def splits(found: list[Cluster], why: Decisions | None = None,
           ) -> list[tuple[str, list[Cluster], str]]:
    """Names held by more than one node, with the reason they stayed apart."""
    why = why or Decisions()
    by_name: dict[str, list[Cluster]] = defaultdict(list)
    for c in found:
        by_name[c.name].append(c)
    out = []
    for name, group in sorted(by_name.items()):
        if len(group) < 2:
            continue
        recorded = why.apart.get(slug(name))
        if recorded:
            reason = "; ".join(recorded)
        else:
            reason = "different keys: " + ", ".join(sorted(c.home for c in group))
        out.append((name, group, reason))
    return out


Split = tuple[str, list[Cluster], str]


def of_store(store_dir: Path) -> tuple[list[Cluster], list[Split]]:
    """The clusters and splits of the store in ``store_dir`` (or in its ``store``
    folder), with the reasons the last build recorded beside it."""
    folder = locate_store(store_dir)
    why = decisions(folder)
    found = clusters(GraphStore(folder, read_only=True), why)
    return found, splits(found, why)


def as_dict(found: list[Cluster], apart: list[Split]) -> dict[str, object]:
    """Clusters and splits as plain data (``partygraph identities --format json``)."""
    return {
        "clusters": [{"node": c.node, "name": c.name, "surfaces": sorted(c.surfaces),
                      "articles": sorted(c.articles), "provinces": sorted(c.provinces),
                      "reasons": c.reasons}
                     for c in found],
        "splits": [{"name": n, "nodes": [c.node for c in g], "reason": r}
                   for n, g, r in apart]}


def as_lines(found: list[Cluster], apart: list[Split]) -> list[str]:
    """Clusters and splits as text, one cluster a paragraph (``partygraph identities``)."""
    lines = []
    for c in found:
        merged = f"merged from {len(c.articles)} articles" if len(c.articles) > 1 \
            else "1 article"
        lines.append(f"{c.name}  <{c.node}>  ({merged})")
        lines.append(f"    surfaces: {', '.join(sorted(c.surfaces))}")
        lines.append(f"    articles: {', '.join(sorted(c.articles))}")
        if c.provinces:
            lines.append(f"    posts in: {', '.join(sorted(c.provinces))}")
        lines += [f"    joined: {reason}" for reason in c.reasons]
    lines += [f"SPLIT {name}: {len(group)} nodes — {reason}" for name, group, reason in apart]
    return lines
