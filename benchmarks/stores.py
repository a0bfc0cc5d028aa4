"""Synthetic stores of a given merged-graph size, for the query benchmarks.

Why not the real build: at ~1M and ~10M distinct triples (10k-100k articles) the real
pipeline would take hours; :func:`synthetic.build_store` writes the same RDF patterns
straight into a :class:`~partygraph.store.GraphStore`. This module only adds what the suite
needs on top: stop once the *merged* graph (``GraphStore.merged_size()``) reaches a target,
and remember what was built (``meta.json`` beside the store) so that a later run with the
same seed and target reuses the folder instead of spending half an hour rebuilding it
(unless the builder's store layout or the generator changed since: then it is rebuilt —
a store written by an older ``synthetic.py`` lacks the triples today's queries read).

    python benchmarks/stores.py --triples 1000000 --out /tmp/partygraph-bench/store-1M
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import RdfWriter, articles, make_world

from partygraph.errors import StoreError
from partygraph.store import GraphStore

CHECK_EVERY = 2_000        # articles between two counts of the merged graph
#: what wrote a store: the generator's source, so that a changed generator rebuilds
WRITER = hashlib.sha256((Path(__file__).resolve().parent / "synthetic.py").read_bytes()
                        ).hexdigest()[:16]


def _opens(path: Path) -> bool:
    """Whether today's builder reads the store (its layout changes now and then)."""
    try:
        GraphStore(path / "store", read_only=True)
    except StoreError:
        return False
    return True


def sized_store(target: int, path: Path, seed: int = 7) -> dict:
    """A store at ``path`` whose merged graph holds at least ``target`` triples; reused
    when ``path/meta.json`` says it was built for the same target and seed."""
    meta_path = path / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if (meta.get("target"), meta.get("seed"), meta.get("writer")) == (
                target, seed, WRITER) and _opens(path):
            meta["reused"] = True
            return meta
    shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    world = make_world(seed)
    store = GraphStore(path / "store")
    writer = RdfWriter(world)
    count, merged = 0, 0
    for art in articles(10**9, seed, world):
        store.replace_graph(writer.m.graph(art.source_id), writer.article(art))
        count += 1
        if count % CHECK_EVERY == 0:
            merged = store.merged_size()
            if merged >= target:
                break
    store.replace_graph(writer.timeline_graph(), writer.timeline())
    store.flush()
    merged = store.merged_size()
    meta = {"target": target, "seed": seed, "writer": WRITER, "articles": count,
            "merged_triples": merged,
            "statements": len(store), "seconds": time.perf_counter() - started,
            "disk_mb": sum(f.stat().st_size for f in (path / "store").rglob("*")
                           if f.is_file()) / 1e6}
    del store
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    meta["reused"] = False
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    print(json.dumps(sized_store(args.triples, args.out, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
