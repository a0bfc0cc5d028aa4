"""The write path for graphs Neo4j has never seen: ``CREATE`` where ``MERGE`` is not needed.

Why: a first load (and every load that only adds articles) spends most of the server's time
in ``MERGE``, which looks each node, link and relationship up, locks it and plans for both
outcomes, although for a graph whose ``NamedGraph`` node does not exist yet the answer is
known: its ``STATED_IN`` links are new, the nodes nobody has stated before are new, and so
is every relationship that touches a new node. So a batch of such graphs

1. creates its graphs (with their hash when complete) and, of the nodes no earlier batch of
   the load named, those Neo4j lacks, with their labels and properties already computed,
   their links and the relationships among them -- the part that may run while the batch
   before commits (:mod:`partygraph.neo4j.writer`);
2. then reads which of its other nodes exist, creates the rest the same way, with
   ``CREATE``, one statement per relationship type;
3. keeps ``MERGE`` and the read-modify-write of :func:`node_rows` only for what existed.

Retries stay safe: the decision is taken inside the transaction that writes, so a batch
replayed after a lost commit acknowledgement finds its graphs there and takes the general,
idempotent path of :mod:`partygraph.neo4j.merge` instead.

The relationship queries and :func:`node_rows`, shared by both paths, live here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import neo4j

from partygraph.neo4j.mapping import BY_REL, IRI_KEY, RESOURCE
from partygraph.neo4j.views import Entry, NodeView, entries_to_props, props_to_entries

#: ``run(query, **params)``: one statement of the batch's transaction, its records.
Run = Callable[..., list[neo4j.Record]]

# Relationship writes. Neo4j 5.26 takes a relationship type as a parameter ($(row.t)), but
# then plans MERGE's existence check without the type, and with the statistics of a freshly
# emptied database it picks a scan of every relationship per row (minutes for a few thousand
# rows). So the mapping's own types -- constants of partygraph.neo4j.mapping, never data -- get
# one query each with the type written in; only types outside the mapping (predicates the
# contract does not know) go through the dynamic form.
# Rows are lists, not maps, and carry only what varies: packing each value costs the pure-
# Python driver about a microsecond, and a load packs millions. Typed queries take
# [start iri, end iri]; the dynamic ones [start iri, type, end iri]. Lists, not tuples: the
# driver's PackStream (Rust) asks a Python hook how to pack each tuple (measured: 200,000
# pairs packed in 0.16 s as tuples, 0.07 s as lists).
_ENDS = "UNWIND $rows AS row MATCH (a:Resource {iri: row[0]}) MATCH (b:Resource {iri: row[2]}) "
MERGE_DYNAMIC = _ENDS + "MERGE (a)-[:$(row[1])]->(b)"
# the CREATE path knows each end's element id (read or just created): an id seek instead of
# a seek in the string index of ``iri``
_ID_ENDS = ("UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row[0] "
            "MATCH (b) WHERE elementId(b) = row[2] ")
CREATE_DYNAMIC = _ID_ENDS + "CREATE (a)-[:$(row[1])]->(b)"
# ... and between two nodes that existed, MERGE by element id: two fewer seeks a row in the
# string index of ``iri`` (the slowest statement of a first load by row)
MERGE_BY_ID_DYNAMIC = _ID_ENDS + "MERGE (a)-[:$(row[1])]->(b)"
DELETE_DYNAMIC = _ENDS + "MATCH (a)-[r:$(row[1])]->(b) DELETE r"
assert all(t.replace("_", "").isalpha() and t.isupper() for t in BY_REL)


def _typed(dynamic: str) -> dict[str, str]:
    return {t: dynamic.replace("$(row[1])", t).replace("row[2]", "row[1]") for t in BY_REL}


MERGE_TYPED = _typed(MERGE_DYNAMIC)
CREATE_TYPED = _typed(CREATE_DYNAMIC)
MERGE_BY_ID_TYPED = _typed(MERGE_BY_ID_DYNAMIC)
DELETE_TYPED = _typed(DELETE_DYNAMIC)

Triple = tuple[str, str, str]      # (start iri, relationship type, end iri)


def by_type(run: Run, typed: dict[str, str], dynamic: str, rows: Iterable[Triple]) -> None:
    """Run a relationship write per type: the typed query for the mapping's types."""
    groups: dict[str, list[Triple]] = {}
    for row in rows:
        groups.setdefault(row[1] if row[1] in typed else "", []).append(row)
    for rel_type, group in sorted(groups.items()):
        if rel_type:
            run(typed[rel_type], rows=[[a, b] for a, _, b in group])
        else:
            run(dynamic, rows=[list(row) for row in group])


def node_rows(keys: Iterable[str], views: dict[str, NodeView],
              current: dict[str, tuple[set[str], dict[str, Any]]], full: set[str],
              conflicts: list[tuple[str, str]],
              ) -> list[tuple[str, dict[str, Any], list[str], list[str]]]:
    """Rows (iri, properties, labels to add, labels to drop) for the nodes that change.

    A node in ``full`` gets exactly what ``views`` says; any other adds it to what it has."""
    rows = []
    for key in keys:
        view = views.get(key, NodeView())
        old_labels, old_props = current.get(key, ({RESOURCE}, {IRI_KEY: key}))
        if key in full:
            labels = view.labels | {RESOURCE}
            entries: set[Entry] = set(view.entries)
        else:
            labels = old_labels | view.labels
            entries = props_to_entries(old_props) | view.entries
        props, bad = entries_to_props(entries)
        conflicts.extend((key, b) for b in bad)
        props[IRI_KEY] = key
        if labels == old_labels and props == old_props:
            continue
        rows.append((key, props, sorted(labels - old_labels), sorted(old_labels - labels)))
    return rows


def collected(records: list[neo4j.Record]) -> list[Any]:
    """The rows of a query that returns them as one list (``RETURN collect([...]) AS
    rows``): one record for the whole answer, unpacked by the driver's PackStream in one
    go, instead of a :class:`neo4j.Record` made in Python per row (a first load reads back
    an element id for each of its 110,000 nodes at 10,000 articles)."""
    return records[0]["rows"] if records else []


def any_graph_exists(run: Run, graphs: list[str]) -> bool:
    """Whether Neo4j has a ``NamedGraph`` node for one of ``graphs``."""
    return bool(run("MATCH (g:NamedGraph) WHERE g.iri IN $graphs RETURN g.iri AS g LIMIT 1",
                    graphs=graphs))


#: A ``STATED_IN`` link: subject key, graph IRI, what the graph states of the subject.
Link = tuple[str, str, list[str]]


def add_views(views: dict[str, NodeView], work: Any) -> Iterator[Link]:
    """Merge one graph's (or chunk's) subject views into ``views``; yield its ``STATED_IN``
    link rows (subject key, graph IRI, the statements: sorted N-Triples without the
    subject).

    The statements travel as a list, stored as it comes (``st: row[2]``). They used to go as
    one string split by the server (``split(row[2], "\n")``), which saved packing a value
    per statement in the pure-Python driver; with the Rust PackStream that saving is gone
    and the server's split is not."""
    for key, subject in work.by_subject.items():
        view = views.get(key)
        if view is None:
            view = views[key] = NodeView()
        view.merge(subject.view)
        yield key, work.iri, subject.texts


def merged_views(works: list[Any]) -> tuple[dict[str, NodeView], list[Link]]:
    """Each subject's view merged over the batch's graphs, and one ``STATED_IN`` link row
    (subject key, graph IRI, its statements) per subject and graph: what every write path
    (:func:`create_batch`, :func:`~partygraph.neo4j.merge.merge_batch`,
    :mod:`partygraph.neo4j.bulk`) starts from."""
    views: dict[str, NodeView] = {}
    links = [link for w in works for link in add_views(views, w)]
    return views, links


def wanted_relationships(views: dict[str, NodeView]) -> set[Triple]:
    """(start key, type, end key) of every relationship the views draw."""
    wanted: set[Triple] = set()
    for key, view in views.items():
        for rel_type, other, out in view.rels:
            wanted.add((key, rel_type, other) if out else (other, rel_type, key))
    return wanted


def new_node(key: str, view: NodeView | None, conflicts: list[tuple[str, str]],
             ) -> tuple[str, dict[str, Any], list[str]]:
    """(key, properties, labels) of a node Neo4j does not have yet: a bare ``Resource``
    when only an object names it."""
    if view is None:
        return key, {IRI_KEY: key}, []
    props, bad = entries_to_props(view.entries)
    conflicts.extend((key, b) for b in bad)
    props[IRI_KEY] = key
    return key, props, sorted(view.labels)


def graph_rows(works: Iterable[Any]) -> list[dict[str, Any]]:
    """The ``NamedGraph`` nodes' properties, by IRI: the hash and size once complete."""
    graphs: dict[str, dict[str, Any]] = {}
    for w in works:
        row = graphs.setdefault(w.iri, {IRI_KEY: w.iri})
        if w.final:
            row.update(hash=w.digest, triples=w.triples)
    return [graphs[g] for g in sorted(graphs)]


#: A node's :func:`new_node` row made ahead of the transaction, with its conflicts.
Prepared = dict[str, tuple[tuple[str, dict[str, Any], list[str]], list[tuple[str, str]]]]


def prepared_nodes(keys: Iterable[str], views: dict[str, NodeView]) -> Prepared:
    """:func:`new_node` of each of ``keys``, for :func:`create_batch` to use if Neo4j turns
    out not to have them."""
    prepared: Prepared = {}
    for key in keys:
        conflicts: list[tuple[str, str]] = []
        prepared[key] = new_node(key, views.get(key), conflicts), conflicts
    return prepared


def create_batch(run: Run, works: list[Any], views: dict[str, NodeView],
                 links: list[Link], wanted: set[Triple], prepared: Prepared | None = None,
                 between: Callable[[], None] | None = None) -> list[tuple[str, str]]:
    """Write a batch of graphs none of which exists in Neo4j (checked by the caller in the
    same transaction); return the conflicts (functional properties with several values).

    ``views`` and ``links`` are :func:`merged_views` of ``works``, ``wanted`` the
    relationships they draw, ``prepared`` the rows of the nodes no earlier batch of the load
    named (:func:`prepared_nodes`): made before the transaction, off the writer's thread
    (:mod:`partygraph.neo4j.batches`).

    In two parts. First the graphs and what touches only the prepared nodes Neo4j lacks:
    nothing another batch of the load writes, so this part may run while the batch before
    commits (:mod:`partygraph.neo4j.writer`). Then ``between()`` (which waits for that
    commit) and the rest: the nodes that exist, with their values merged, links and
    relationships to them."""
    conflicts: list[tuple[str, str]] = []
    keys = set(views).union(*((a, b) for a, _, b in wanted))
    ids: dict[str, str] = {}        # iri -> element id
    graph_ids = dict(collected(run(
        "UNWIND $rows AS row CREATE (g:NamedGraph) SET g = row "
        "RETURN collect([g.iri, elementId(g)]) AS rows", rows=graph_rows(works))))

    # 1. the prepared nodes Neo4j lacks (a prepared key can exist from an earlier load)
    first: set[str] = set()
    if prepared and (candidates := sorted(prepared.keys() & keys)):
        present = set(collected(run("MATCH (n:Resource) WHERE n.iri IN $keys "
                                    "RETURN collect(n.iri) AS rows", keys=candidates)))
        first = set(candidates) - present
        created = []
        for key in sorted(first):
            row, bad = prepared[key]
            created.append(row)
            conflicts.extend(bad)
        _create_nodes(run, ids, created)
        _link(run, ids, graph_ids, [link for link in links if link[0] in first])
        inner = sorted((ids[a], t, ids[b]) for a, t, b in wanted if a in first and b in first)
        if inner:
            by_type(run, CREATE_TYPED, CREATE_DYNAMIC, inner)
    if between is not None:
        between()

    # 2. What exists: the batch's subjects with their labels and values (to merge into), the
    # nodes it only points to by element id alone -- most of the look-ups once a corpus's
    # provinces and officials are in (at 10,000 articles), and reading their values too
    # cost the server a map and the client its unpacking for nothing.
    current: dict[str, tuple[set[str], dict[str, Any]]] = {}
    for iri, labels, props, element in collected(run(
            "MATCH (n:Resource) WHERE n.iri IN $keys "
            "RETURN collect([n.iri, labels(n), properties(n), elementId(n)]) AS rows",
            keys=sorted(k for k in views if k not in first))):
        current[iri] = (set(labels), dict(props))
        ids[iri] = element
    pointed = sorted(keys - views.keys() - first)
    if pointed:
        ids.update(collected(run(
            "MATCH (n:Resource) WHERE n.iri IN $keys "
            "RETURN collect([n.iri, elementId(n)]) AS rows", keys=pointed)))
    new = keys - ids.keys()           # not prepared, or named before and still missing
    _create_nodes(run, ids, [new_node(key, views.get(key), conflicts) for key in sorted(new)])
    old = sorted(k for k in views if k in current)
    rows = node_rows(old, views, current, set(), conflicts)
    if rows:
        run("UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row[0] "
            "SET n = row[1] SET n:$(row[2]) REMOVE n:$(row[3])",
            rows=[[ids[key], *rest] for key, *rest in rows])
    _link(run, ids, graph_ids, [link for link in links if link[0] not in first])
    new |= first
    fresh = sorted((ids[a], t, ids[b]) for a, t, b in wanted
                   if (a in new or b in new) and not (a in first and b in first))
    if fresh:
        by_type(run, CREATE_TYPED, CREATE_DYNAMIC, fresh)
    known = sorted((ids[a], t, ids[b]) for a, t, b in wanted if a not in new and b not in new)
    if known:
        by_type(run, MERGE_BY_ID_TYPED, MERGE_BY_ID_DYNAMIC, known)
    return conflicts


def _create_nodes(run: Run, ids: dict[str, str],
                  rows: list[tuple[str, dict[str, Any], list[str]]]) -> None:
    """``CREATE`` the nodes of :func:`new_node` ``rows``; record their element ids."""
    if rows:
        ids.update(collected(run(
            "UNWIND $rows AS row CREATE (n:Resource) SET n = row[1] SET n:$(row[2]) "
            "RETURN collect([row[0], elementId(n)]) AS rows", rows=rows)))


def _link(run: Run, ids: dict[str, str], graph_ids: dict[str, str], links: list[Link]) -> None:
    """``CREATE`` the ``STATED_IN`` links (both ends' element ids known)."""
    if links:
        run("UNWIND $rows AS row "
            "MATCH (n) WHERE elementId(n) = row[0] MATCH (g) WHERE elementId(g) = row[1] "
            "CREATE (n)-[:STATED_IN {st: row[2]}]->(g)",
            rows=[[ids[k], graph_ids[g], texts] for k, g, texts in links])
