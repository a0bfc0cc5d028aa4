"""Writing the loader's batches: one managed transaction each, two in flight.

Why two: a batch's commit is the server's work alone (7-11 s of a 26 s first load of
10,000 articles, benchmarks/README.md), and the client waited through it. So while batch N
commits, batch N+1 begins in a second session and writes what touches only keys no earlier
batch of the load named (its new nodes, their ``STATED_IN`` links, the relationships
among them: :func:`~partygraph.neo4j.create.create_batch` before its ``between``); then it
waits for N's commit and writes the rest. Neo4j reads committed data statement by
statement, so the rest sees N's nodes. The two cannot meet: N never names N+1's new keys,
and N+1 shares no graph with N (else it waits for N before it starts, as does a batch that
replaces or removes graphs). If N fails, N+1 rolls back and the load stops with N's error.

Each batch's transaction is retried by the driver and is idempotent (see
:mod:`partygraph.neo4j.loader`); a batch the server's transaction memory cannot hold is
written in halves (:func:`write_batch`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import neo4j
from neo4j import ManagedTransaction

from partygraph.errors import Neo4jLoadError
from partygraph.neo4j.batches import Batch, split_batch
from partygraph.neo4j.create import any_graph_exists, create_batch
from partygraph.neo4j.merge import merge_batch
from partygraph.neo4j.summary import Counters, LoadSummary

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


def write_batch(session: neo4j.Session, batch: Batch, summary: LoadSummary,
                fits: list[float], turn: _Turn | None = None) -> None:
    """Write ``batch`` in one transaction, or in halves (recursively) when the server's
    transaction memory cannot hold it: the load goes on, and the summary says how many
    batches were split. ``fits[0]`` is the size known to fit: after a failure the later
    batches above it are split before they are tried (a failed try can cost the driver's
    retries, when the memory runs out at commit). Only a single subject's statements too
    big for the server stop the load. ``turn``: the batch's place in :func:`write_batches`
    (its halves, if any, are written once the previous batch is done)."""
    halves = split_batch(batch) if batch.size > fits[0] else [batch]
    if len(halves) == 1:
        failure = _try_batch(session, batch, summary, turn)
        if failure is None:
            return
        if turn is not None:
            turn.wait_previous()
        fits[0] = min(fits[0], batch.size / 2)
        halves = split_batch(batch)
        if len(halves) == 1:
            raise Neo4jLoadError(
                f"the statements about one subject of graph {batch.works[0].iri} do not fit "
                f"in the Neo4j server's transaction memory ({failure}); raise the server's "
                "dbms.memory.transaction.total.max (or its heap) and load again: what is "
                "loaded stays") from failure
    elif turn is not None:
        turn.wait_previous()
    summary.batches_split += 1
    for half in halves:
        write_batch(session, half, summary, fits)


def _try_batch(session: neo4j.Session, batch: Batch, summary: LoadSummary,
               turn: _Turn | None) -> BaseException | None:
    """Write ``batch`` in one transaction; the server's out-of-memory error, if that is how
    it failed (any other error is raised)."""
    try:
        counters, conflicts = session.execute_write(_apply_batch, batch, turn)
    except _BatchTooBig as exc:
        return exc
    except neo4j.exceptions.TransientError as exc:
        if exc.code not in _OUT_OF_MEMORY:
            raise
        return exc
    summary.changes.merge(counters)
    summary.conflicts.extend(conflicts)
    return None


def _apply_batch(tx: ManagedTransaction, batch: Batch, turn: _Turn | None = None,
                 ) -> tuple[Counters, list[tuple[str, str]]]:
    """Write one batch; the whole function is the unit the driver retries (except when the
    server runs out of transaction memory: :func:`write_batch` splits the batch then).
    Its end hands over to the next batch: the commit that follows is the server's."""
    try:
        written = _write_in(tx, batch, turn.wait_previous if turn is not None else None)
    except neo4j.exceptions.TransientError as exc:
        if exc.code in _OUT_OF_MEMORY:
            raise _BatchTooBig(exc.message) from exc
        raise
    if turn is not None:
        turn.handed.set()
    return written


def _write_in(tx: ManagedTransaction, batch: Batch, between: Callable[[], None] | None,
              ) -> tuple[Counters, list[tuple[str, str]]]:
    counters = Counters()
    run = partial(_run, tx, counters)
    works = batch.works
    replaced = [w.iri for w in works if w.replace]
    if not replaced and not any(w.remove_only for w in works) \
            and not any_graph_exists(run, sorted({w.iri for w in works})):
        # new graphs only: the CREATE path
        return counters, create_batch(run, works, batch.views, batch.links, batch.wanted,
                                      batch.prepared, between)
    # graphs Neo4j has (replaced, removed, or a later part of a split graph)
    if between is not None:
        between()
    return counters, merge_batch(run, batch)


# -- two batches in flight --------------------------------------------------------------------
class _PreviousBatchFailed(Exception):
    """Raised in a batch's transaction when the batch before it failed (it rolls back)."""


@dataclass(slots=True)
class _Turn:
    """One batch's place in :func:`write_batches`: ``handed`` once its statements are
    written (the next batch may begin), ``done`` once it is committed or has failed."""

    previous: _Turn | None = None
    handed: threading.Event = field(default_factory=threading.Event)
    done: threading.Event = field(default_factory=threading.Event)
    failed: bool = False

    def wait_previous(self) -> None:
        """Wait until the batch before is committed; raise if it failed."""
        if self.previous is None:
            return
        self.previous.done.wait()
        if self.previous.failed:
            raise _PreviousBatchFailed


def _may_overlap(before: Batch, batch: Batch) -> bool:
    """Whether ``batch`` may begin while ``before`` commits: both only add graphs, and no
    graph is in both (a graph split across the two would be created twice)."""
    if any(w.replace or w.remove_only for w in (*before.works, *batch.works)):
        return False
    return not {w.iri for w in before.works} & {w.iri for w in batch.works}


def _write_turn(session: neo4j.Session, batch: Batch, summary: LoadSummary,
                fits: list[float], turn: _Turn) -> None:
    try:
        write_batch(session, batch, summary, fits, turn)
    except BaseException:
        turn.failed = True
        raise
    finally:
        turn.done.set()
        turn.handed.set()


def write_batches(sessions: tuple[neo4j.Session, neo4j.Session], batches: Iterable[Batch],
                  summary: LoadSummary, account: Callable[[Batch], None]) -> None:
    """Write ``batches`` in order, each in one transaction, the next beginning while the one
    before commits (:func:`_may_overlap`); ``account(batch)`` is called in order, in this
    thread, once a batch is committed (or at once for a batch with nothing to write). On an
    error the write in flight ends first, then the first error is raised."""
    fits = [float("inf")]
    flight: deque[tuple[Batch, Future[None], _Turn]] = deque()

    def settle(wait: bool) -> None:
        while flight and (wait or flight[0][1].done()):
            batch, future, _turn = flight.popleft()
            future.result()
            account(batch)

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="partygraph-neo4j-writer") as pool:
        try:
            submitted = 0
            for batch in batches:
                if not batch.works:
                    settle(True)
                    account(batch)
                    continue
                before = flight[-1] if flight else None
                if before is not None and not _may_overlap(before[0], batch):
                    settle(True)
                    before = None
                turn = _Turn(before[2] if before is not None else None)
                future = pool.submit(_write_turn, sessions[submitted % 2], batch, summary,
                                     fits, turn)
                submitted += 1
                flight.append((batch, future, turn))
                turn.handed.wait()
                settle(turn.failed)
            settle(True)
        except BaseException:
            for _batch, future, _turn in flight:
                future.exception()          # let it end; the first error is raised
            raise



