"""Loading a :class:`~partygraph.store.GraphStore` into Neo4j: incremental and idempotent.

The unit of change is the named graph (one per article). Each graph's content hash is kept
on its ``(:NamedGraph {iri, hash, triples})`` node, so a load

- skips graphs whose hash is unchanged (loading twice changes nothing),
- adds graphs Neo4j has not seen,
- replaces graphs whose content changed: their old statements go, the nodes they touched
  are recomputed from the statements other graphs still make about them, and relationships
  or nodes nobody states any more are deleted,
- removes graphs the store no longer has (``prune``, the default: Neo4j mirrors the store).

How a write stays safe to retry: every batch runs in one managed transaction
(``session.execute_write``), which the driver retries after transient errors, and which may
also be replayed after a commit whose acknowledgement was lost. So every statement is
idempotent: nodes, relationships and ``STATED_IN`` links are MERGEd, a node's properties are
set to a value computed from the union of what it had and what the batch states (the same
result twice), deletions match before they delete, and a graph's hash is written in the same
transaction as its content. Two batches are in flight, the next beginning while the one
before commits, on keys the two cannot share (:mod:`partygraph.neo4j.writer`). Values always
travel as parameters; labels and relationship
types, which Cypher cannot take as plain parameters, go through Neo4j 5.26's dynamic
``$(...)`` syntax, so no query text is ever built from data.

Only the driver's routing-agnostic API is used (sessions with a database name, managed
transactions), so ``neo4j://`` routing URIs (a cluster, Aura) work unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import neo4j
from neo4j import ManagedTransaction

from partygraph.errors import Neo4jLoadError, StoreError
from partygraph.neo4j.batches import Batch, plan_batches, selected_graphs
from partygraph.neo4j.connect import RETRY_SECONDS, SERVER_GONE, connect, connection_from_env
from partygraph.neo4j.summary import LoadSummary
from partygraph.neo4j.writer import write_batches
from partygraph.store import GraphStore

#: Constraints first (MERGE on ``iri`` needs the unique index to be fast and safe), then the
#: indexes the named queries filter on.
SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT partygraph_resource_iri IF NOT EXISTS "
    "FOR (n:Resource) REQUIRE n.iri IS UNIQUE",
    "CREATE CONSTRAINT partygraph_named_graph_iri IF NOT EXISTS "
    "FOR (g:NamedGraph) REQUIRE g.iri IS UNIQUE",
    "CREATE INDEX partygraph_person_name IF NOT EXISTS FOR (n:Person) ON (n.canonicalName)",
    "CREATE INDEX partygraph_province_name IF NOT EXISTS FOR (n:Province) ON (n.canonicalName)",
    "CREATE INDEX partygraph_district_name IF NOT EXISTS FOR (n:District) ON (n.canonicalName)",
    "CREATE INDEX partygraph_article_source IF NOT EXISTS FOR (n:Article) ON (n.sourceId)",
    "CREATE INDEX partygraph_org_type IF NOT EXISTS FOR (n:Organization) ON (n.orgType)",
    "CREATE INDEX partygraph_membership_role IF NOT EXISTS FOR (n:Membership) ON (n.role)",
    "CREATE INDEX partygraph_document_number IF NOT EXISTS "
    "FOR (n:LegalDocument) ON (n.documentNumber)",
)

ProgressFn = Callable[[int, int], None]

#: Statements a transaction writes by default. Measured at 10,000 synthetic articles (1.6M
#: statements, warmed server, heap 4 GB): 17,700 statements/s with 50,000, 25,700 with 150,000
#: and 300,000, and 23,000 with 150,000 on a 1 GB heap -- a bigger batch looks the corpus's
#: recurring nodes (provinces, officials) up fewer times and commits less often. A batch
#: the server's transaction memory cannot hold is written in halves
#: (:func:`~partygraph.neo4j.writer.write_batch`).
DEFAULT_BATCH_TRIPLES = 150_000

def _consume(tx: ManagedTransaction, query: str) -> neo4j.ResultSummary:
    return tx.run(query).consume()


def _count(tx: ManagedTransaction, query: str, n: int) -> int:
    """Run ``query`` with ``$n``; its one row's ``c``."""
    return int(tx.run(query, n=n).single(strict=True)["c"])


# -- public API -------------------------------------------------------------------------------
def ensure_schema(driver: neo4j.Driver, database: str | None = None) -> None:
    """Create the uniqueness constraints and indexes (idempotent), and wait for them."""
    with driver.session(database=database) as session:
        for statement in SCHEMA:
            session.execute_write(_consume, statement)
        session.run("CALL db.awaitIndexes(300)").consume()


def clear_database(driver: neo4j.Driver, database: str | None = None,
                   batch: int = 20_000) -> int:
    """Delete every node partygraph wrote (labels ``Resource`` and ``NamedGraph``); return
    how many. Relationships go first, ``batch`` at a time, then the nodes: deleting a node
    deletes its relationships in the same transaction, and a province mentioned by 100,000
    articles would not fit in one transaction's memory."""
    rels = ("MATCH (:Resource)-[r]->() WITH r LIMIT $n DELETE r RETURN count(*) AS c")
    nodes = ("MATCH (n) WHERE n:Resource OR n:NamedGraph WITH n LIMIT $n "
             "DETACH DELETE n RETURN count(*) AS c")
    total = 0
    with driver.session(database=database) as session:
        for query in (rels, nodes):
            while True:
                deleted = session.execute_write(_count, query, batch)
                if query is nodes:
                    total += deleted
                if deleted == 0:
                    break
    return total


def stored_graphs(driver: neo4j.Driver, database: str | None = None) -> dict[str, str | None]:
    """Named graph IRI -> content hash, as loaded in Neo4j (None: a load was interrupted)."""
    with driver.session(database=database) as session:
        return session.execute_read(
            lambda tx: {r["g"]: r["h"] for r in tx.run(
                "MATCH (g:NamedGraph) RETURN g.iri AS g, g.hash AS h")})


def database_counts(driver: neo4j.Driver, database: str | None = None) -> dict[str, int]:
    """Nodes, relationships, properties of the view, and STATED_IN links."""
    with driver.session(database=database) as session:
        def read(tx: ManagedTransaction) -> dict[str, int]:
            nodes = tx.run("MATCH (n:Resource) RETURN count(n) AS c").single(strict=True)["c"]
            props = tx.run("MATCH (n:Resource) RETURN sum(size(keys(n))) AS c"
                           ).single(strict=True)["c"] or 0
            rels = tx.run("MATCH ()-[r]->() RETURN count(r) AS c").single(strict=True)["c"]
            links = tx.run("MATCH ()-[r:STATED_IN]->() RETURN count(r) AS c"
                           ).single(strict=True)["c"]
            graphs = tx.run("MATCH (g:NamedGraph) RETURN count(g) AS c"
                            ).single(strict=True)["c"]
            return {"nodes": nodes, "relationships": rels - links, "properties": props,
                    "statement_links": links, "graphs": graphs}
        return session.execute_read(read)


def load_store(store: GraphStore, driver: neo4j.Driver, database: str | None = None, *,
               clear: bool = False, prune: bool = True, batch_triples: int = DEFAULT_BATCH_TRIPLES,
               exclude_prefix: str = "", include_private: bool = False,
               progress: ProgressFn | None = None) -> LoadSummary:
    """Load (or update) Neo4j from ``store``; return what was done.

    ``database``: None for the server's default (Community Edition has one user database).
    ``clear``: delete partygraph's nodes first (a full reload). ``prune``: remove graphs that
    are no longer in the store, so Neo4j mirrors it. ``batch_triples``: statements per
    transaction (a graph is never split unless it alone is bigger;
    halved when the server's transaction memory cannot hold it). ``exclude_prefix``: leave
    out graphs whose IRI starts with it. ``include_private``: load the private graphs too
    (quarantine, as :meth:`GraphStore.is_private` tells under any base); by default Neo4j
    holds what the SPARQL queries see. ``progress(done, total)``
    is called with the number of graphs handled so far, for a progress bar.
    """
    start = time.perf_counter()
    summary = LoadSummary()
    if batch_triples < 1:
        raise StoreError("batch_triples must be at least 1")
    names = selected_graphs(store, exclude_prefix, include_private)
    summary.graphs_in_store = len(names)
    total = len(names)
    done = 0
    try:
        ensure_schema(driver, database)
        if clear:
            clear_database(driver, database)
        known = stored_graphs(driver, database)
        in_store = {str(n) for n in names}
        gone = sorted(set(known) - in_store) if prune else []
        total = len(names) + len(gone)

        def account(batch: Batch) -> None:
            nonlocal done
            summary.graphs_added += batch.added
            summary.graphs_replaced += batch.replaced
            summary.graphs_unchanged += batch.unchanged
            summary.graphs_removed += batch.removed
            summary.triples += batch.triples
            done += batch.graphs
            if progress is not None:
                progress(done, total)

        with driver.session(database=database) as one, \
                driver.session(database=database) as two:
            write_batches((one, two), plan_batches(store, names, known, gone, batch_triples),
                          summary, account)
            if progress is not None:
                progress(total, total)
        counts = database_counts(driver, database)
    except SERVER_GONE as exc:
        raise Neo4jLoadError(
            f"the Neo4j server failed during the load ({type(exc).__name__}: "
            f"{getattr(exc, 'message', None) or exc}) and did not come back within "
            f"{RETRY_SECONDS:g} s of retries: {done} of {total} graph(s) are in Neo4j "
            f"(loaded or unchanged), {total - done} not loaded; start the server and run "
            "`partygraph load neo4j` again (it goes on from there)") from exc
    summary.nodes = counts["nodes"]
    summary.relationships = counts["relationships"]
    summary.properties = counts["properties"]
    summary.statement_links = counts["statement_links"]
    summary.seconds = time.perf_counter() - start
    return summary


def load_uri(store_dir: Path, uri: str, database: str | None = None, *, clear: bool = False,
             prune: bool = True, batch_triples: int = DEFAULT_BATCH_TRIPLES,
             exclude_prefix: str = "", include_private: bool = False,
             progress: ProgressFn | None = None) -> LoadSummary:
    """:func:`load_store` from the store folder ``store_dir`` (opened read-only) to the server
    at ``uri`` (credentials from NEO4J_USER / NEO4J_PASSWORD) -- ``partygraph load neo4j``."""
    conn = connection_from_env(uri, database)
    store = GraphStore(store_dir, read_only=True)
    driver = connect(conn)
    try:
        return load_store(store, driver, conn.database, clear=clear, prune=prune,
                          batch_triples=batch_triples, exclude_prefix=exclude_prefix,
                          include_private=include_private, progress=progress)
    finally:
        driver.close()
