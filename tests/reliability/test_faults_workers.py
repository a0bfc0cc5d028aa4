"""Workers die with their parent: a SIGKILLed ``build --jobs 2`` leaves no process.

The build is the real command line in a subprocess; the test waits until its two worker
processes exist (found by their parent pid in /proc), kills the build, and then watches
those pids: each must be gone (or a zombie, which holds no memory) within seconds.
Without ``PR_SET_PDEATHSIG`` (:mod:`partygraph.workers`) they block on their task
queue forever.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat[stat.rindex(")") + 2:].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_of_a_parallel_build_leaves_no_worker(tmp_path: Path) -> None:
    build = subprocess.Popen(
        [sys.executable, "-m", "partygraph.cli", "build", str(ARTICLES), "--jobs", "2",
         "--out", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: list[int] = []
        while len(workers) < 2:
            assert build.poll() is None, "the build ended before its workers started"
            assert time.monotonic() < deadline, "no two workers after 120 s"
            time.sleep(0.05)
            workers = children(build.pid)
        os.kill(build.pid, signal.SIGKILL)
        build.wait(30)
        deadline = time.monotonic() + 15
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if alive(w)]
    finally:
        if build.poll() is None:
            build.kill()
            build.wait(30)
    for w in left:                      # do not leave them to the next test
        os.kill(w, signal.SIGKILL)
    assert not left, f"workers {left} outlived the build they belonged to"
