"""Worker processes that never outlive the build that started them.

A ``ProcessPoolExecutor`` worker waits on its call queue for the next task; when its
parent is SIGKILLed nobody closes that queue, and the worker blocks forever, holding
memory (and, in a container, a process slot). So each worker, first thing, asks the
Linux kernel to SIGKILL it when its parent dies: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``,
through ctypes. It is the standard mechanism for this: it costs nothing while the build
runs, needs no thread, and works when the worker is busy in C code (a regex, the
SHACL engine), where a watchdog thread polling the parent could only run between
bytecodes. It fires when the *thread* that forked the worker exits; the pool forks from
the build's main thread, which lives as long as the pool. A parent that died before the
call is caught by comparing ``getppid()`` with the pid it was started from. Where
``prctl`` does not exist (macOS, Windows) a daemon thread polls ``getppid()`` instead.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

PR_SET_PDEATHSIG = 1          # <linux/prctl.h>
_POLL_SECONDS = 1.0

T = TypeVar("T")
R = TypeVar("R")


def die_with_parent(parent: int) -> None:
    """Make this process end when the process ``parent`` ends (see the module doc)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:          # it died before the call
                os._exit(1)
            return
    threading.Thread(target=_watch, args=(parent,), daemon=True,
                     name="partygraph-parent-watch").start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_POLL_SECONDS)
    os._exit(1)


def _start_worker(parent: int, initializer: Callable[..., object] | None,
                  initargs: tuple[Any, ...]) -> None:
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def parallel_map(fn: Callable[[T], R], items: Iterable[T], jobs: int, *,
                 initializer: Callable[..., object] | None = None,
                 initargs: tuple[Any, ...] = (), window: int = 32) -> Iterator[R]:
    """``map(fn, items)`` in input order; with ``jobs`` > 1 in worker processes that die
    with this one, at most ``window`` items per worker in flight, so a huge corpus is
    never all in memory."""
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(fn, items)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                             initargs=(os.getpid(), initializer, initargs)) as pool:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= window * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
