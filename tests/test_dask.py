"""``--executor dask``: a real ``distributed.LocalCluster`` of worker processes builds the
same bytes as a local build, a second run replaces nothing, and the failures a cluster
adds (no scheduler, a worker that dies, a cluster that stops answering, a worker running
other code) are coded messages, each within a bounded time.

Every cluster here is started by :func:`local_cluster` (workers awaited with a bound) and
closed in a ``finally`` by :func:`close_quietly` (bounded too), so a failing test never
leaves a cluster or waits for ever. The tests that fork (``--jobs 2``, ``LocalExecutor``)
come first, before the module's cluster starts: forking a process whose Dask threads
(the IO loop, the queue feeders) are running can deadlock the child on a lock one of
those threads held, and an earlier version of these tests hung once under load.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import cloudpickle
import dask
import distributed  # noqa: F401  (its config defaults load before dask.config.set)
import pytest
from conftest_neo4j import load_synthetic
from typer.testing import CliRunner

from partygraph.cli import app
from partygraph.dask_executor import DaskExecutor, close_quietly, local_cluster
from partygraph.errors import ExecutorError, InputError, WorkerLostError
from partygraph.executors import LocalExecutor
from partygraph.pipeline import build_corpus

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.trig", "graph.ttl", "identities.json", "mentions.jsonl",
           "validation.txt", "validation.ttl")
runner = CliRunner()

# the functions below travel to the workers by value (tests/ is not importable there)
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def said(result) -> str:
    return " ".join(result.output.split())


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


# -- first, what forks (no cluster running yet) ---------------------------------------

def test_the_cli_and_the_pipeline_do_not_import_dask() -> None:
    # CLI start-up is measured: dask is imported by --executor dask only
    code = ("import sys, partygraph.cli, partygraph.pipeline, partygraph.executors; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'dask', 'distributed'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_an_input_error_survives_pickling(tmp_path: Path) -> None:
    error = pickle.loads(pickle.dumps(InputError("a.txt", "is empty", "give text")))
    assert (error.source, error.problem, error.advice) == ("a.txt", "is empty", "give text")
    assert str(error) == "[E101] a.txt: is empty (give text)"
    lost = pickle.loads(pickle.dumps(WorkerLostError("b.txt", "not built")))
    assert isinstance(lost, WorkerLostError) and lost.source == "b.txt"
    # a worker process sends unreadable inputs back pickled: --jobs 2 crashed on them
    # (BrokenProcessPool, a traceback) before InputError pickled by its parts
    folder = tmp_path / "in"
    folder.mkdir()
    for name in sorted(os.listdir(ROOT / "examples"))[:2]:
        shutil.copy(ROOT / "examples" / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"),
                                 "--jobs", "2"])
    assert result.exit_code == 1, said(result)
    assert "2 built, 1 failed" in said(result) and "Traceback" not in said(result)


def _with_context(n: int, context: dict[str, int]) -> int:
    return n + context["add"]


ITEMS = [(str(n), n) for n in range(40)]


def test_the_local_executor_sends_the_context_and_keeps_input_order() -> None:
    for jobs in (1, 2):
        got = list(LocalExecutor(jobs, window=2).map(_with_context, ITEMS,
                                                     context={"add": 100}))
        assert got == [n + 100 for n in range(40)], jobs


def test_a_scheduler_without_the_dask_executor_is_refused(tmp_path: Path) -> None:
    for args, message in (
            (["--scheduler", "tcp://127.0.0.1:9"],
             "[E608] --scheduler tcp://127.0.0.1:9 needs --executor dask"),
            (["--executor", "spark"], "[E608] --executor is local or dask, not 'spark'")):
        result = runner.invoke(app, ["build", str(ROOT / "examples"), "--out",
                                     str(tmp_path / "out"), *args])
        assert result.exit_code == 2 and message in said(result), said(result)


def test_an_unreachable_scheduler_is_named(tmp_path: Path) -> None:
    # both in one process: the first must not leave the store locked (it did)
    for address in ("tcp://127.0.0.1:9", "no-port-here"):
        started = time.monotonic()
        result = runner.invoke(app, ["build", str(ROOT / "examples"), "--out",
                                     str(tmp_path / "out"), "--executor", "dask",
                                     "--scheduler", address])
        assert result.exit_code == 2, said(result)
        assert f"[E608] cannot reach the Dask scheduler at {address}" in said(result)
        assert "Traceback" not in said(result)
        assert time.monotonic() - started < 15        # at once, not after retries
    assert not (tmp_path / "out").exists()      # refused before the build touched it


def test_a_local_cluster_that_cannot_start_in_time_is_refused() -> None:
    # workers take seconds to spawn: 0.2 s is never enough, and the wait must end
    started = time.monotonic()
    with pytest.raises(ExecutorError, match=r"\[E608\] .*(did not start in 0.2 s|failed "
                                            r"to start)"):
        local_cluster(1, "1GiB", start_seconds=0.2)
    assert time.monotonic() - started < 45


# -- then the clusters -----------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """Two single-threaded worker processes with a small memory limit."""
    local = local_cluster(2, "1GiB")
    try:
        yield local
    finally:
        close_quietly(local)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/, 8 synthetic articles, and two files that cannot be read."""
    folder = tmp_path_factory.mktemp("dask-corpus")
    shutil.copytree(ROOT / "examples", folder / "examples")
    load_synthetic().write_texts(8, folder / "synthetic", seed=11)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(b"\x00\xff" * 64)
    return folder


def test_a_dask_build_gives_the_local_bytes_and_a_rerun_replaces_nothing(
        tmp_path: Path, corpus: Path, cluster) -> None:
    local = build_corpus([corpus], tmp_path / "local")
    assert local.articles == 13 and sorted(e.source for e in local.failed) == \
        ["blob.txt", "empty.txt"]
    # a LocalCluster of --jobs workers, started and closed by the build
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "dask"),
                                 "--executor", "dask", "--jobs", "2"])
    assert result.exit_code == 1, said(result)       # the two unreadable files
    assert "13 built, 2 failed" in said(result)
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    # a running scheduler's, by its address
    again = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "dask"),
                                "--executor", "dask", "--scheduler",
                                cluster.scheduler_address])
    assert again.exit_code == 1, said(again)
    assert "0 added, 0 replaced, 13 unchanged" in said(again)
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")


def test_the_context_reaches_every_worker_and_results_keep_input_order(cluster) -> None:
    with DaskExecutor(cluster.scheduler_address, window=2, batch=3) as executor:
        got = list(executor.map(_with_context, ITEMS, context={"add": 100}))
    assert got == [n + 100 for n in range(40)]


def _square_or_die(n: int) -> int:
    if n < 0:
        os._exit(3)         # what the OOM killer does to a worker, without the wait
    return n * n


def _slow(n: int) -> int:
    time.sleep(0.2 if n >= 0 else 4)
    return n


def test_a_dead_worker_fails_its_item_and_a_lost_scheduler_stops() -> None:
    # distributed blames every task *assigned* to a worker that dies, not only the one it
    # was running (dask/distributed#5234): with no failure allowed, the killer comes last
    # (tasks run in the order they were submitted), and a second worker serves the rest
    # while the first restarts. Killer in the middle on one worker, an earlier version
    # waited on a task that never came back.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        pair = local_cluster(2, "1GiB")
    try:
        with DaskExecutor(pair.scheduler_address, task_seconds=60,
                          connect_seconds=5) as executor:
            got = list(executor.map(_square_or_die,
                                    [(f"a{n}", n) for n in (1, 2, 3, 4, -1)]))
            lost = got[4]
            assert isinstance(lost, WorkerLostError) and lost.source == "a-1"
            assert str(lost).startswith("[E102] a-1: not built: every Dask worker that "
                                        "tried it died")
            assert got[:4] == [1, 4, 9, 16]

            results = executor.map(_slow, [(f"b{n}", n) for n in range(30)])
            assert next(results) == 0
            close_quietly(pair)
            started = time.monotonic()
            with pytest.raises(ExecutorError, match=r"\[E608\] lost the Dask scheduler at "
                                                    r".*article\(s\) in flight .*not built"):
                list(results)
            assert time.monotonic() - started < 60
    finally:
        close_quietly(pair)


def test_a_cluster_that_stops_answering_is_a_coded_error(cluster) -> None:
    # the wait for each result is bounded: a batch stuck past task_seconds stops the build
    with DaskExecutor(cluster.scheduler_address, batch=1, task_seconds=1) as executor, \
            pytest.raises(ExecutorError, match=r"\[E608\] no result from the Dask cluster "
                                               r"at tcp://\S+ in 1 s for the batch from c-1"):
        list(executor.map(_slow, [(f"c{n}", n) for n in (-1, 1, 2)]))


def test_a_worker_running_other_shapes_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    for name in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / name, home / name)
    with (home / "shapes" / "extra.ttl").open("w", encoding="utf-8") as f:
        f.write("# a shape this client does not have\n")
    other = local_cluster(1, "1GiB", env={"PARTYGRAPH_HOME": str(home)})
    try:
        with pytest.raises(ExecutorError, match=r"\[E608\] Dask worker tcp://\S+ .*runs "
                                                r"another partygraph"):
            DaskExecutor(other.scheduler_address).__enter__()
    finally:
        close_quietly(other)
