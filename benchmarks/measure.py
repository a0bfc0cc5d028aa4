"""One measurement = one child process, so that each figure has its own peak memory.

Why a child per measurement: ``ru_maxrss`` only ever grows, so in one process the second
measurement would report the first one's peak. The parent starts the child, reaps it
with ``os.wait4`` (the rusage of that child alone: CPU time, including the worker
processes it reaped, and the largest resident set of any of them) and, for builds that
fork workers, samples ``/proc`` for the *sum* of the process tree's resident sets.

A child is ``python benchmarks/measure.py MODULE:FUNCTION 'JSON kwargs'``: it calls the
function of a ``benchmarks/`` module and prints its JSON result as the last line.

The machine is shared and noisy, so every record has wall time *and* CPU time, and the
suite compares ratios measured in the same run rather than absolute times.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc/PID/task/*/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            continue
    return out


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * PAGE_KB
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


class _Sampler(threading.Thread):
    """Polls the summed RSS of a process tree; kills the tree past ``limit_mb``."""

    def __init__(self, pid: int, limit_mb: float | None, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.limit_mb, self.every = pid, limit_mb, every
        self.peak_mb, self.over = 0.0, False
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            rss = _rss_mb(_tree(self.pid))
            self.peak_mb = max(self.peak_mb, rss)
            if self.limit_mb and rss > self.limit_mb and not self.over:
                self.over = True
                _kill(self.pid)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)     # the child leads its own session


def run(cmd: list[str], *, timeout: float | None = None, rss_limit_mb: float | None = None,
        stdout_path: Path | None = None) -> dict[str, Any]:
    """Run ``cmd`` as a measured child: wall, CPU, peak RSS (largest process and sampled
    tree sum), exit code, and its stdout (text)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
        sampler = _Sampler(proc.pid, rss_limit_mb)
        sampler.start()
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - started > timeout:
                timed_out = True
                _kill(proc.pid)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        sampler.done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        text = out.read().decode("utf-8", "replace")
        if stdout_path is not None:
            stdout_path.write_text(text, encoding="utf-8")
        return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                "peak_rss_mb": usage.ru_maxrss / 1024,
                "tree_peak_rss_mb": max(sampler.peak_mb, usage.ru_maxrss / 1024),
                "load_avg_1min": os.getloadavg()[0],
                "returncode": proc.returncode, "timed_out": timed_out,
                "killed_for_memory": sampler.over, "stdout": text,
                "stderr": err.read().decode("utf-8", "replace")[-4000:]}


def task(ref: str, *, timeout: float | None = None, rss_limit_mb: float | None = None,
         **kwargs: Any) -> dict[str, Any]:
    """Run ``module:function(**kwargs)`` of ``benchmarks/`` in a measured child; its JSON
    result with the measurement under ``"process"`` (``"error"`` if it failed)."""
    cmd = [sys.executable, str(HERE / "measure.py"), ref, json.dumps(kwargs)]
    m = run(cmd, timeout=timeout, rss_limit_mb=rss_limit_mb)
    result: dict[str, Any] = {}
    lines = m.pop("stdout").strip().splitlines()
    if m["returncode"] == 0 and lines:
        result = json.loads(lines[-1])
    else:
        why = ("timed out" if m["timed_out"] else "over the memory limit"
               if m["killed_for_memory"] else f"exit {m['returncode']}")
        result = {"error": why, "stderr": m["stderr"][-1500:]}
    m.pop("stderr")
    result["process"] = m
    return result


def cpu_now() -> float:
    """CPU seconds of this process and its reaped children (for in-child timings)."""
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


def _child(ref: str, kwargs: str) -> int:
    sys.path.insert(0, str(HERE))
    module, function = ref.split(":")
    fn = getattr(importlib.import_module(module), function)
    print(json.dumps(fn(**json.loads(kwargs))))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], sys.argv[2]))
