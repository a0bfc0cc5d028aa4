"""Helpers of the fault tests: two versions of a small corpus, snapshots of a build's
outputs and store, and a build in a forked child that is SIGKILLed at a chosen step.

Why a fork server (multiprocessing's, preloading :mod:`faults_warm`) and not a fresh
interpreter per build: the child starts with warm caches (lexicons, gazetteer, shapes),
so a killed build costs a second or two, not the ~8 s of a cold start; and not a fork
of the test process, which has opened stores: RocksDB's background threads do not
survive a fork, and the child would wait for them forever.

Why the kill lands deterministically: the child reports each progress step of the
build (the public ``progress`` callback: ``read X``, ``built X``, ``writing F``) over a
pipe and waits for the parent's answer, so when the parent sees the step it wants, the
child is stopped right after it and the SIGKILL comes from outside. A kill *inside* a
write is an OS signal too: at the step, the child lowers its own ``RLIMIT_FSIZE``, and
the kernel sends SIGXFSZ (whose default action ends the process, like SIGKILL) when a
write passes that many bytes of a file. (Python ignores SIGXFSZ, so the write would fail
with EFBIG instead: an I/O error, not a kill; the child restores the default action.)
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import signal
from multiprocessing.connection import Connection
from pathlib import Path

from partygraph.article_graphs import ArticleGraphs
from partygraph.pipeline import build_corpus
from partygraph.store import GraphStore

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
OUTPUTS = ("graph.trig", "graph.ttl", "validation.txt", "validation.ttl", "mentions.jsonl",
           "identities.json")
Snapshot = dict[str, object]


def corpus_versions(root: Path) -> tuple[Path, Path]:
    """(v1, v2): v1 holds five of the eight fixture articles, one of them changed (a
    name replaced); v2 all eight as they are. Building v2 over v1 replaces an article
    (triples leave the merged graph) and adds three."""
    v1, v2 = root / "v1", root / "v2"
    shutil.copytree(ARTICLES, v2)
    v1.mkdir()
    for path in sorted(v2.iterdir())[:5]:
        shutil.copy(path, v1 / path.name)
    changed = v1 / "en_lang_son.txt"
    text = changed.read_text(encoding="utf-8")
    assert "Mai Van Quang" in text
    changed.write_text(text.replace("Mai Van Quang", "Dinh Cong Thanh"), encoding="utf-8")
    return v1, v2


def files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def store_contents(out: Path) -> Snapshot:
    """The article graphs (name -> lines) and the merged graph (sorted lines), read as
    a query would: opened read-only, so a store a kill made unreadable fails here."""
    store = GraphStore(out / "store", read_only=True)
    graphs = dict(store.graphs.all_graphs(store.graphs.names()))
    merged = sorted(f"{s} {p} {o} ." for s, p, o in store.merged_triples())
    store.graphs.close()
    return {"graphs": graphs, "merged": merged}


def merged_flag(out: Path) -> str | None:
    """The store's "merged graph being written" flag (set: a writer died in the middle)."""
    graphs = ArticleGraphs(out / "store" / "graphs.sqlite", read_only=True)
    try:
        return graphs.flag("merged")
    finally:
        graphs.db.close()


def snapshot(out: Path) -> Snapshot:
    return {"files": files(out), "store": store_contents(out)}


def _child(conn: Connection, inputs: list[Path], out: Path, jobs: int) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))     # SIGXFSZ would dump core
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)        # Python ignores it (EFBIG instead)

    def progress(description: str, _advance: int | None) -> None:
        conn.send(description)
        answer = conn.recv()
        if isinstance(answer, int):
            resource.setrlimit(resource.RLIMIT_FSIZE, (answer, resource.RLIM_INFINITY))

    build_corpus(inputs, out, progress=progress, jobs=jobs)
    conn.send("done")


def build_killed_at(step: str, inputs: list[Path], out: Path, *, jobs: int = 1,
                    file_limit: int | None = None) -> int:
    """Build ``inputs`` into ``out`` in a forked child and kill it at the first progress
    step starting with ``step``: SIGKILL there, or with ``file_limit``, SIGXFSZ at the
    first write past that many bytes of a file after it. Returns the signal that ended
    the child (the test asserts it died, not finished)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["faults_warm"])
    ours, theirs = ctx.Pipe()
    child = ctx.Process(target=_child, args=(theirs, inputs, out, jobs), daemon=True)
    child.start()
    theirs.close()
    try:
        while True:
            if not ours.poll(120):
                raise AssertionError(f"the build reported nothing for 120 s (waiting for {step})")
            try:
                seen = ours.recv()
            except EOFError:      # it died
                break
            if seen == "done":
                raise AssertionError(f"the build finished without reaching {step!r}")
            if not seen.startswith(step):
                ours.send(None)
            elif file_limit is not None:
                ours.send(file_limit)
                step = "\0never"           # let it run into the limit
            else:
                os.kill(child.pid or 0, signal.SIGKILL)
                break
    finally:
        child.join(60)
        ours.close()
    assert child.exitcode is not None and child.exitcode < 0, child.exitcode
    return -child.exitcode


def uninterrupted(root: Path, v1: Path, v2: Path) -> Snapshot:
    """What building v1 then v2 gives without a fault (the reference of a re-run)."""
    out = root / "reference"
    build_corpus([v1], out)
    build_corpus([v2], out)
    return snapshot(out)
