"""Where a build's per-article stages run: here, in a local process pool, or on a Dask
cluster — with the same results in the same order, so the outputs are the same bytes.

:func:`partygraph.pipeline.build_corpus` hands an executor ``(label, item)`` pairs (the
label names the article or file, for messages) and a function; the executor yields
``fn(item)`` — or ``fn(item, context)`` when a ``context`` is given — in input order, with
a bounded number of items in flight so that memory stays flat whatever the corpus size.
The ``context`` (the identity index of pass 2) is sent once to each worker, not with
every item: the process pool's initializer, Dask's ``scatter(broadcast=True)``.

The writer (the store, the cross-article steps) always stays in the calling process.
:class:`LocalExecutor` is :func:`partygraph.workers.parallel_map`, the local build
unchanged (its workers die with the build).

:class:`~partygraph.dask_executor.DaskExecutor` (``--executor dask``) lives in
:mod:`partygraph.dask_executor`, imported only when asked for: ``distributed`` is heavy
and CLI start-up is measured.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from types import TracebackType
from typing import Any, Protocol

from partygraph.errors import ExecutorError
from partygraph.workers import parallel_map

Labelled = tuple[str, Any]          # (the article or file it is about, the item)

#: Items in flight per worker: enough to keep every worker busy while the writer stores
#: one result, few enough that a huge corpus is never all in memory.
WINDOW = 32


class Executor(Protocol):
    """Runs ``fn`` over labelled items, results in input order. ``remote``: its workers
    may not see this machine's files (the input files are read here and sent)."""

    workers: int
    remote: bool

    def map(self, fn: Callable[..., Any], items: Iterable[Labelled], *,
            context: Any = None) -> Iterator[Any]: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...


_CONTEXT: list[Any] = [None]


def _set_context(context: Any) -> None:
    _CONTEXT[0] = context


def _with_context(fn: Callable[..., Any], item: Any) -> Any:
    """In a pool worker: ``fn`` with the context its initializer received."""
    return fn(item, _CONTEXT[0])


class LocalExecutor:
    """This process (``jobs`` = 1) or :func:`~partygraph.workers.parallel_map`'s pool of
    ``jobs`` worker processes."""

    remote = False

    def __init__(self, jobs: int = 1, window: int = WINDOW) -> None:
        self.workers = max(1, jobs)
        self.window = window

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def map(self, fn: Callable[..., Any], items: Iterable[Labelled], *,
            context: Any = None) -> Iterator[Any]:
        plain = (item for _, item in items)
        if self.workers <= 1:
            yield from (fn(i) if context is None else fn(i, context) for i in plain)
        elif context is None:
            yield from parallel_map(fn, plain, self.workers, window=self.window)
        else:
            yield from parallel_map(partial(_with_context, fn), plain, self.workers,
                                    initializer=_set_context, initargs=(context,),
                                    window=self.window)


def make_executor(executor: str, jobs: int, scheduler: str | None) -> Executor:
    """``--executor`` and ``--scheduler`` as an executor (E608 for a mix that cannot be)."""
    if executor == "dask":
        from partygraph.dask_executor import DaskExecutor
        return DaskExecutor(scheduler, jobs)
    if executor != "local":
        raise ExecutorError(f"--executor is local or dask, not {executor!r}")
    if scheduler is not None:
        raise ExecutorError(f"--scheduler {scheduler} needs --executor dask")
    return LocalExecutor(jobs)
