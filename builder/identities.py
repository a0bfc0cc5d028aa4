"""Identity clusters: which mentions became one person, and which names stayed apart.

A cluster is one ``pg:Person`` node: its canonical name, every surface form with its
language, the articles that mention it and the provinces of its posts — the evidence
for the merge. Nodes that share a canonical name but not a node are *splits*, with the
reason (their home provinces differ, or one has none).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from builder.store import GraphStore

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

    @property
    def home(self) -> str:
        """The province part of the node's key (``…/person/<province>/<name>``)."""
        return self.node.rsplit("/person/", 1)[-1].rpartition("/")[0]


def clusters(store: GraphStore) -> list[Cluster]:
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
    return sorted(by_node.values(), key=lambda c: (c.name, c.node))


def splits(found: list[Cluster]) -> list[tuple[str, list[Cluster], str]]:
    """Names held by more than one node, with the reason they stayed apart."""
    by_name: dict[str, list[Cluster]] = defaultdict(list)
    for c in found:
        by_name[c.name].append(c)
    out = []
    for name, group in sorted(by_name.items()):
        if len(group) < 2:
            continue
        homes = sorted(c.home for c in group)
        reason = "different home provinces: " + ", ".join(homes)
        if "vn" in homes:
            reason += " (vn: no province known, and the name is held in several provinces)"
        out.append((name, group, reason))
    return out
