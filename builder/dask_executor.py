"""The Dask executor of a build (``--executor dask --scheduler tcp://HOST:8786``):
the per-article stages on a Dask cluster, the results in input order, so the outputs are
the bytes a local build writes (:mod:`partygraph.executors` says what an executor is).

``distributed`` is imported only when an executor starts (CLI start-up is measured).
Its choices, and why:

- **results in input order**: each future is awaited in the order it was submitted; a
  completion order would make the store's insertion order, so the bytes, depend on timing.
- **every wait is bounded**: the local cluster's workers must start within
  ``start_seconds`` (it is started without workers, then scaled, so that the wait is
  ours), the scheduler must answer within :data:`CONNECT_SECONDS`, each batch's result
  must come within ``task_seconds``, and closing gives up after :data:`CLOSE_SECONDS`. A
  cluster that stops answering is an :class:`~partygraph.errors.ExecutorError` (E608),
  never a build that waits for ever (the tests of an earlier version hung once, on a
  loaded machine, in a wait that had no bound).
- **a worker death is one article's failure**: distributed re-runs the task of a worker
  that died on another worker; when it has died ``distributed.scheduler.allowed-failures``
  + 1 times (an article that exhausts any worker's memory), the batch is re-run article by
  article and the article that kills its workers again is reported as
  :class:`~partygraph.errors.WorkerLostError` (E102), like an unreadable input: the rest
  of the batch is built, and the exit code says one failed.
- **a lost scheduler stops the build** (E608, with how many articles were not built):
  nothing else could run them.
- **the workers must run this partygraph**: on connecting, each worker's
  :func:`fingerprint` (a digest of the package's code and data files, the ontology and the
  shapes) is compared with the client's; a worker with another version would build other
  bytes, so it is refused, by address. Install the same wheel on the workers
  (``pip install partygraph[dask]``); ``Client.upload_file`` is not enough, see
  ``docs/dask.md``.
"""
from __future__ import annotations

import hashlib
import itertools
import logging
import socket
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from importlib import resources as _resources
from pathlib import Path
from typing import Any

from partygraph.errors import ExecutorError, WorkerLostError
from partygraph.executors import WINDOW, Labelled

#: Items a Dask task: few enough round trips through the scheduler per article.
BATCH = 16

#: How long the scheduler has to answer a connection (and a lost one to come back).
CONNECT_SECONDS = 20
#: How long a local cluster's workers (or a remote scheduler's first one) have to start.
START_SECONDS = 90
#: How long one batch's result may take once it is the oldest one waited for.
TASK_SECONDS = 600
#: How long closing the client, then the local cluster, may take before it is left.
CLOSE_SECONDS = 30



def fingerprint() -> str:
    """A digest of what decides a build's bytes besides its inputs: the package's code
    and data files, and the ontology and shapes it validates with."""
    from partygraph.resources import folder

    package = Path(str(_resources.files("partygraph")))
    digest = hashlib.sha256()
    roots = [("partygraph", package), ("ontology", folder("ontology")),
             ("shapes", folder("shapes"))]
    for name, root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            rel = path.relative_to(root)
            if "__pycache__" in rel.parts or path.suffix in {".pyc", ".so"} or \
                    (name == "partygraph" and rel.parts[0] in {"ontology", "shapes", "queries"}):
                continue
            digest.update(f"{name}/{rel.as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _run_batch(fn: Callable[..., Any], items: list[Any], context: Any) -> list[Any]:
    """On a Dask worker: ``fn`` over a batch, with the scattered context (which dask
    resolves to the worker's copy) if there is one."""
    return [fn(item) if context is None else fn(item, context) for item in items]


def _batches(items: Iterable[Labelled], size: int) -> Iterator[list[Labelled]]:
    batch: list[Labelled] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class DaskExecutor:
    """A Dask cluster: the scheduler at ``scheduler`` (``tcp://host:8786``), or a
    ``distributed.LocalCluster`` of ``jobs`` single-threaded worker processes."""

    remote = True

    def __init__(self, scheduler: str | None = None, jobs: int = 1, *,
                 window: int = WINDOW, batch: int = BATCH,
                 memory_limit: str | None = None, start_seconds: float = START_SECONDS,
                 task_seconds: float = TASK_SECONDS,
                 connect_seconds: float = CONNECT_SECONDS) -> None:
        self.scheduler = scheduler
        self.jobs = max(1, jobs)
        self.window = window
        self.batch = max(1, batch)
        self.memory_limit = memory_limit
        self.start_seconds = start_seconds
        self.task_seconds = task_seconds
        self.connect_seconds = connect_seconds     # also how long a lost scheduler is awaited
        self.workers = self.jobs
        self._cluster: Any = None
        self._client: Any = None

    @property
    def where(self) -> str:
        return self.scheduler or f"a local Dask cluster of {self.jobs} workers"

    def __enter__(self) -> DaskExecutor:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ExecutorError("--executor dask needs the dask extra: pip install "
                                "'partygraph[dask]' (here and on every worker)") from exc
        try:
            if self.scheduler is None:
                self._cluster = local_cluster(self.jobs, self.memory_limit or "auto",
                                              start_seconds=self.start_seconds)
            address = self.scheduler or self._cluster.scheduler_address
            try:
                _answers(address, self.connect_seconds)
                self._client = Client(address, timeout=f"{self.connect_seconds}s",
                                      set_as_default=False)
            except (OSError, TimeoutError, ValueError, TypeError) as exc:
                raise ExecutorError(
                    f"cannot reach the Dask scheduler at {address} ({_reason(exc)}); start "
                    "one (`dask scheduler`) or give its address as --scheduler "
                    "tcp://HOST:8786") from exc
            self._check_workers()
        except BaseException:
            self.close()
            raise
        return self

    def _check_workers(self) -> None:
        """Wait (bounded) for a worker, then compare every worker's fingerprint with
        ours; a task a worker rather than ``Client.run``, which has no timeout."""
        client = self._client
        try:
            client.wait_for_workers(1, timeout=self.start_seconds)
        except TimeoutError as exc:
            raise ExecutorError(
                f"the Dask scheduler at {self.where} has no workers after "
                f"{self.start_seconds:g} s; start some (`dask worker "
                f"{self.scheduler or 'ADDRESS'}`)") from exc
        info = client.scheduler_info(n_workers=-1)["workers"]
        run = uuid.uuid4().hex[:8]
        asked = {address: client.submit(fingerprint, key=f"fingerprint-{run}-{n}",
                                        workers=[address], allow_other_workers=False,
                                        pure=False)
                 for n, address in enumerate(sorted(info))}
        theirs: dict[str, str] = {}
        for address, future in asked.items():
            try:
                theirs[address] = future.result(timeout=self.start_seconds)
            except Exception as exc:
                raise ExecutorError(
                    f"Dask worker {address} cannot run partygraph ({_reason(exc)}); install "
                    "this wheel on every worker: pip install 'partygraph[dask]'") from exc
            finally:
                future.release()
        ours = fingerprint()
        unlike = sorted(addr for addr, fp in theirs.items() if fp != ours)
        if unlike:
            raise ExecutorError(
                f"Dask worker {unlike[0]} (and {len(unlike) - 1} more) runs another "
                f"partygraph (fingerprint {theirs[unlike[0]]}, here {ours}), which would "
                "build other bytes; install this wheel on every worker")
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.values()))

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the client, then the local cluster, each within :data:`CLOSE_SECONDS`."""
        client, self._client = self._client, None
        cluster, self._cluster = self._cluster, None
        close_quietly(client)
        close_quietly(cluster)

    def map(self, fn: Callable[..., Any], items: Iterable[Labelled], *,
            context: Any = None) -> Iterator[Any]:
        """``fn`` over ``items`` on the cluster, in input order, ``batch`` items a task
        (a task an article, 1,000 articles took 5.5x the local time: the round trips);
        a :class:`WorkerLostError` in place of the result of an item whose workers died.
        A batch given up is run again item by item, so only the item that kills its
        workers is lost."""
        from distributed import KilledWorker

        client = self._client
        if client is None:
            raise RuntimeError("DaskExecutor.map outside its `with` block")
        run = f"{getattr(fn, '__name__', 'task')}-{uuid.uuid4().hex[:8]}"
        scattered = None if context is None else client.scatter(   # one future, even
            [context], broadcast=True, hash=False, timeout=self.start_seconds)[0]  # of a dict
        pending: deque[tuple[list[Labelled], Any]] = deque()
        keys = itertools.count()

        def submit(batch: list[Labelled]) -> Any:
            return client.submit(_run_batch, fn, [item for _, item in batch], scattered,
                                 key=f"{run}-{next(keys)}")

        def settle(batch: list[Labelled], future: Any) -> list[Any]:
            try:
                return list(future.result(timeout=self.task_seconds))
            except KilledWorker:
                if len(batch) > 1:
                    alone = [([one], submit([one])) for one in batch]
                    return [r for one, f in alone for r in settle(one, f)]
                return [WorkerLostError(
                    batch[0][0], "not built: every Dask worker that tried it died "
                    "(out of memory?)", "raise the workers' memory limit, or build it "
                    "alone to see why")]
            except (CancelledError, OSError, TimeoutError) as exc:
                unbuilt = len(batch) + sum(len(b) for b, _ in pending)
                raise self._stuck(exc, batch[0][0], unbuilt) from exc
            finally:
                future.release()

        in_flight = max(2 * self.workers, self.window * self.workers // self.batch)
        try:
            for batch in _batches(items, self.batch):
                pending.append((batch, submit(batch)))
                if len(pending) >= in_flight:
                    yield from settle(*pending.popleft())
            while pending:
                yield from settle(*pending.popleft())
        finally:                    # a build stopped early leaves nothing queued
            for _, future in pending:
                future.release()
            if scattered is not None:
                scattered.release()

    def _stuck(self, exc: BaseException, first: str, unbuilt: int) -> ExecutorError:
        """The scheduler lost (the client closed its futures), or no answer in time."""
        if isinstance(exc, TimeoutError) and self._client.status == "running":
            what = (f"no result from the Dask cluster at {self.where} in "
                    f"{self.task_seconds:g} s for the batch from {first}")
        else:
            what = f"lost the Dask scheduler at {self.where} ({_reason(exc)})"
        return ExecutorError(f"{what}: {unbuilt} article(s) in flight and those after them "
                             "not built; run the build again when the cluster is back")


def local_cluster(workers: int, memory_limit: str = "auto", *,
                  start_seconds: float = START_SECONDS, **options: Any) -> Any:
    """A started ``distributed.LocalCluster`` of ``workers`` single-threaded processes
    (the stages are pure Python: threads would share one GIL), quiet, on loopback,
    without a dashboard, and with the scheduler's HTTP server on a free port (it takes
    8787 otherwise, and a second cluster on the machine warns).

    It is made without workers and then scaled, so that waiting for them is bounded by
    ``start_seconds`` (``LocalCluster(n_workers=...)`` waits for them without a bound of
    its own); E608 if they do not come. ``death_timeout`` also bounds each nanny's start.
    Its scheduler sends a worker one task per thread
    (``worker-saturation`` 1.0, not 1.1): when a worker dies, only the article it was
    running is suspected, not the next one queued behind it (give a remote scheduler
    the same setting). Close it with :func:`close_quietly`."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.worker-saturation": 1.0}):
        cluster = LocalCluster(n_workers=0, threads_per_worker=1, processes=True,
                               host="127.0.0.1", memory_limit=memory_limit,
                               dashboard_address=None,
                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                               silence_logs=logging.CRITICAL, death_timeout=start_seconds,
                               **options)
    try:
        cluster.scale(workers)
        _wait_for_workers(cluster, workers, start_seconds)
    except BaseException:
        close_quietly(cluster)
        raise
    return cluster


def _wait_for_workers(cluster: Any, workers: int, seconds: float) -> None:
    """Wait for a local cluster's workers at most ``seconds``, and not at all once one
    of them has failed to start (its nanny logs why): E608 either way."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            left = deadline - time.monotonic()
            cluster.wait_for_workers(workers, timeout=max(0.1, min(1.0, left)))
            return
        except TimeoutError as exc:
            failed = sorted(str(name) for name, w in cluster.workers.items()
                            if getattr(w.status, "name", "") == "failed")
            if failed:
                raise ExecutorError(f"worker {failed[0]} of the local Dask cluster failed "
                                    "to start (its log says why)") from exc
            if time.monotonic() >= deadline:
                raise ExecutorError(
                    f"the local Dask cluster's {workers} worker(s) did not start in "
                    f"{seconds:g} s; try fewer (--jobs) or retry when the machine is less "
                    "loaded") from exc


def close_quietly(closable: Any, seconds: float = CLOSE_SECONDS) -> None:
    """Close a Dask client or cluster, giving up after ``seconds``: a scheduler that is
    gone cannot answer a polite close, and a build must not wait for it."""
    if closable is None:
        return
    try:
        closable.close(timeout=seconds)
    except (TimeoutError, OSError, RuntimeError) as exc:
        logging.getLogger(__name__).warning("closing %s: %s", type(closable).__name__,
                                            _reason(exc))


def _answers(address: str, seconds: float) -> None:
    """Raise at once when nothing listens at a tcp:// or tls:// ``address`` (or it is
    not an address): ``Client`` would retry until its timeout, and a half-made client
    hangs again while it is collected."""
    from distributed.comm.addressing import get_address_host_port, parse_address

    scheme, _ = parse_address(address)
    if scheme in {"tcp", "tls"}:
        host, port = get_address_host_port(address)
        socket.create_connection((host, port), timeout=seconds).close()


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
