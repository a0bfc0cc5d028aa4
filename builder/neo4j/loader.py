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
transaction as its content. Values always travel as parameters; labels and relationship
types, which Cypher cannot take as plain parameters, go through Neo4j 5.26's dynamic
``$(...)`` syntax, so no query text is ever built from data.

Only the driver's routing-agnostic API is used (sessions with a database name, managed
transactions), so ``neo4j://`` routing URIs (a cluster, Aura) work unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import neo4j
from neo4j import ManagedTransaction

from partygraph.errors import Neo4jLoadError, StoreError
from partygraph.neo4j.batches import Batch, plan_batches, selected_graphs, split_batch
from partygraph.neo4j.connect import RETRY_SECONDS, SERVER_GONE, connect, connection_from_env
from partygraph.neo4j.create import (
    any_graph_exists,
    create_batch,
)
from partygraph.neo4j.merge import merge_batch
from partygraph.neo4j.summary import Counters, LoadSummary
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
#: the server's transaction memory cannot hold is written in halves (:func:`_write_batch`).
DEFAULT_BATCH_TRIPLES = 150_000

#: Neo4j's codes for a transaction that ran out of memory: the same batch would fail again,
#: so it is split instead of retried.
_OUT_OF_MEMORY = frozenset({
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.TransientError.General.TransactionOutOfMemoryError",
    "Neo.TransientError.General.OutOfMemoryError",
})

# -- the transaction of one batch -----------------------------------------------------------
class ParameterRows(list[Any]):
    """A statement's list parameter, packed like any list, with a short ``repr``.

    Why: the driver formats each RUN message for its DEBUG log before it asks whether that
    level is on (neo4j 6.4: ``" ".join(map(repr, fields))``), so every batch's rows were
    turned into text -- 150,000 statements' worth, tens of megabytes -- and thrown away:
    1.8 s of the writer's thread in a 30 s first load of 10,000 articles (pyinstrument).
    With this, a DEBUG log line says how many rows a parameter had instead."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self):,} rows>"


def _run(tx: ManagedTransaction, counters: Counters, query: str, **params: Any,
         ) -> list[neo4j.Record]:
    params = {k: ParameterRows(v) if isinstance(v, list) else v for k, v in params.items()}
    result = tx.run(query, params)
    records = list(result)
    counters.add(result.consume())
    return records


class _BatchTooBig(Exception):
    """A batch the server's transaction memory could not hold (not retried as it is)."""


def _write_batch(session: neo4j.Session, batch: Batch, summary: LoadSummary,
                 fits: list[float]) -> None:
    """Write ``batch`` in one transaction, or in halves (recursively) when the server's
    transaction memory cannot hold it: the load goes on, and the summary says how many
    batches were split. ``fits[0]`` is the size known to fit: after a failure the later
    batches above it are split before they are tried (a failed try can cost the driver's
    retries, when the memory runs out at commit). Only a single subject's statements too
    big for the server stop the load."""
    halves = split_batch(batch) if batch.size > fits[0] else [batch]
    if len(halves) == 1:
        failure = _try_batch(session, batch, summary)
        if failure is None:
            return
        fits[0] = min(fits[0], batch.size / 2)
        halves = split_batch(batch)
        if len(halves) == 1:
            raise Neo4jLoadError(
                f"the statements about one subject of graph {batch.works[0].iri} do not fit "
                f"in the Neo4j server's transaction memory ({failure}); raise the server's "
                "dbms.memory.transaction.total.max (or its heap) and load again: what is "
                "loaded stays") from failure
    summary.batches_split += 1
    for half in halves:
        _write_batch(session, half, summary, fits)


def _try_batch(session: neo4j.Session, batch: Batch, summary: LoadSummary,
               ) -> BaseException | None:
    """Write ``batch`` in one transaction; the server's out-of-memory error, if that is how
    it failed (any other error is raised)."""
    try:
        counters, conflicts = session.execute_write(_apply_batch, batch)
    except _BatchTooBig as exc:
        return exc
    except neo4j.exceptions.TransientError as exc:
        if exc.code not in _OUT_OF_MEMORY:
            raise
        return exc
    summary.changes.merge(counters)
    summary.conflicts.extend(conflicts)
    return None


def _apply_batch(tx: ManagedTransaction, batch: Batch,
                 ) -> tuple[Counters, list[tuple[str, str]]]:
    """Write one batch; the whole function is the unit the driver retries (except when the
    server runs out of transaction memory: :func:`_write_batch` splits the batch then)."""
    try:
        return _write_in(tx, batch)
    except neo4j.exceptions.TransientError as exc:
        if exc.code in _OUT_OF_MEMORY:
            raise _BatchTooBig(exc.message) from exc
        raise


def _write_in(tx: ManagedTransaction, batch: Batch,
              ) -> tuple[Counters, list[tuple[str, str]]]:
    counters = Counters()
    run = partial(_run, tx, counters)
    works = batch.works
    replaced = [w.iri for w in works if w.replace]
    if not replaced and not any(w.remove_only for w in works) \
            and not any_graph_exists(run, sorted({w.iri for w in works})):
        # new graphs only: the CREATE path
        return counters, create_batch(run, works, batch.views, batch.links, batch.wanted,
                                      batch.prepared)
    # graphs Neo4j has (replaced, removed, or a later part of a split graph)
    return counters, merge_batch(run, batch)


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

        fits = [float("inf")]
        with driver.session(database=database) as session:
            for batch in plan_batches(store, names, known, gone, batch_triples):
                if batch.works:
                    _write_batch(session, batch, summary, fits)
                summary.graphs_added += batch.added
                summary.graphs_replaced += batch.replaced
                summary.graphs_unchanged += batch.unchanged
                summary.graphs_removed += batch.removed
                summary.triples += batch.triples
                done += batch.graphs
                if progress is not None:
                    progress(done, total)
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
