"""The write path for batches touching graphs Neo4j already has: ``MERGE`` and recompute.

A batch takes this path when one of its graphs is replaced (re-built article), removed, or
is a later part of a graph split across batches; first loads take
:mod:`partygraph.neo4j.create`. Every statement here is idempotent (a transaction replayed
after a lost commit acknowledgement gives the same database): nodes, relationships and
``STATED_IN`` links are MERGEd, a node's properties set to what the union of its graphs
states, deletions match before they delete, and a graph's hash is written with its content.
"""

from __future__ import annotations

from typing import Any

from rdflib import Literal

from partygraph.neo4j.batches import Batch
from partygraph.neo4j.create import (
    DELETE_DYNAMIC,
    DELETE_TYPED,
    MERGE_DYNAMIC,
    MERGE_TYPED,
    Run,
    by_type,
    collected,
    node_rows,
    wanted_relationships,
)
from partygraph.neo4j.mapping import REVERSED_TYPES, node_key, parse_statements
from partygraph.neo4j.views import NodeView


def merge_batch(run: Run, batch: Batch) -> list[tuple[str, str]]:
    """Write ``batch`` by the general path; return the conflicts (functional properties
    with several values) of the nodes it writes."""
    works = batch.works
    replaced = [w.iri for w in works if w.replace]
    conflicts: list[tuple[str, str]] = []

    # 1. forget what replaced graphs said before. Only subjects that lose a statement need
    # recomputing from all their graphs ("touched"); a subject whose statements in the graph
    # only stayed or grew (most of them: a re-built article still names the same province)
    # takes the cheap additive path below.
    touched: set[str] = set()
    orphans: set[str] = set()
    if replaced:
        new_texts: dict[tuple[str, str], set[str]] = {
            (w.iri, key): set(subject.texts)
            for w in works for key, subject in w.by_subject.items()}
        for graph, subject, texts in collected(run(
                "MATCH (g:NamedGraph) WHERE g.iri IN $graphs "
                "MATCH (n:Resource)-[f:STATED_IN]->(g) "
                "RETURN collect([g.iri, n.iri, f.st]) AS rows", graphs=replaced)):
            lost = set(texts) - new_texts.get((graph, subject), set())
            if not lost:
                continue
            touched.add(subject)
            orphans.add(subject)
            for _p, o in parse_statements(subject, sorted(lost)):
                if not isinstance(o, Literal):          # IRI or blank node object
                    orphans.add(node_key(o))
        run("MATCH (g:NamedGraph) WHERE g.iri IN $graphs SET g.hash = null "
            "WITH g MATCH (:Resource)-[f:STATED_IN]->(g) DELETE f", graphs=replaced)

    # 2. what this batch states, subject by subject
    views, frag_rows = batch.views, batch.links
    keys = set(views)
    for view in views.values():
        keys.update(other for _t, other, _out in view.rels)

    graphs = sorted({w.iri for w in works if not w.remove_only})
    if graphs:
        run("UNWIND $graphs AS g MERGE (:NamedGraph {iri: g})", graphs=graphs)
    if keys:
        run("UNWIND $keys AS k MERGE (:Resource {iri: k})", keys=sorted(keys))
    if frag_rows:
        run("UNWIND $rows AS row "
            "MATCH (n:Resource {iri: row[0]}) MATCH (g:NamedGraph {iri: row[1]}) "
            "MERGE (n)-[f:STATED_IN]->(g) SET f.st = row[2]", rows=[list(r) for r in frag_rows])

    # 3. nodes whose statements shrank are recomputed from every graph still stating them
    full_views: dict[str, NodeView] = {}
    if touched:
        for subject, texts in collected(run(
                "MATCH (n:Resource)-[f:STATED_IN]->() WHERE n.iri IN $keys "
                "RETURN collect([n.iri, f.st]) AS rows", keys=sorted(touched))):
            view = full_views.setdefault(subject, NodeView())
            for p, o in parse_statements(subject, texts):
                view.add(p, o)
    merged = {k: v for k, v in views.items() if k not in touched}
    merged.update({k: full_views.get(k, NodeView()) for k in touched})

    subjects = sorted(set(views) | touched)
    current: dict[str, tuple[set[str], dict[str, Any]]] = {}
    if subjects:
        for subject, labels, props in collected(run(
                "MATCH (n:Resource) WHERE n.iri IN $keys "
                "RETURN collect([n.iri, labels(n), properties(n)]) AS rows", keys=subjects)):
            current[subject] = (set(labels), dict(props))
    rows = node_rows(subjects, merged, current, touched, conflicts)
    if rows:
        run("UNWIND $rows AS row MATCH (n:Resource {iri: row[0]}) "
            "SET n = row[1] SET n:$(row[2]) REMOVE n:$(row[3])", rows=rows)

    # 4. relationships: new ones MERGEd; for recomputed nodes, the ones no graph states go
    wanted = wanted_relationships(merged)        # (start, type, end)
    unwanted: list[tuple[str, str, str]] = []
    have: set[tuple[str, str, str]] = set()
    if touched:
        for rec in run("MATCH (n:Resource)-[r]->(m:Resource) WHERE n.iri IN $keys "
                       "AND NOT type(r) IN $reversed RETURN n.iri AS a, type(r) AS t, "
                       "m.iri AS b UNION "
                       "MATCH (m:Resource)-[r]->(n:Resource) WHERE n.iri IN $keys "
                       "AND type(r) IN $reversed RETURN m.iri AS a, type(r) AS t, n.iri AS b",
                       keys=sorted(touched), reversed=sorted(REVERSED_TYPES)):
            have.add((rec["a"], rec["t"], rec["b"]))
        for a, t, b in sorted(have - wanted):
            # only relationships owned by a recomputed node are judged here
            owner = b if t in REVERSED_TYPES else a
            if owner in touched:
                unwanted.append((a, t, b))
                orphans.update((a, b))
    if unwanted:
        by_type(run, DELETE_TYPED, DELETE_DYNAMIC, unwanted)
    missing = wanted - have
    if missing:
        by_type(run, MERGE_TYPED, MERGE_DYNAMIC, sorted(missing))

    # 5. nodes nothing states and nothing points to any more
    if orphans:
        run("UNWIND $keys AS k MATCH (n:Resource {iri: k}) WHERE NOT (n)--() DELETE n",
            keys=sorted(orphans))

    # 6. bookkeeping, in the same transaction as the content
    done = [{"g": w.iri, "hash": w.digest, "triples": w.triples}
            for w in works if w.final and not w.remove_only]
    if done:
        run("UNWIND $rows AS row MATCH (g:NamedGraph {iri: row.g}) "
            "SET g.hash = row.hash, g.triples = row.triples", rows=done)
    gone = [w.iri for w in works if w.remove_only]
    if gone:
        run("MATCH (g:NamedGraph) WHERE g.iri IN $graphs DETACH DELETE g", graphs=gone)
    return conflicts
