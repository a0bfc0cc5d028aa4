"""Fuseki load benchmark: `partygraph load sparql` beside rdflib's SPARQLUpdateStore.

    python benchmarks/fuseki_load.py --articles 1000 10000

For each size, in one run:

1. generates the synthetic corpus's store (``benchmarks/synthetic.py``: one named graph per
   article, ~160 statements each) on disk (``--store DIR``: kept and reused);
2. starts an Apache Jena Fuseki 5.6 of its own (:mod:`partygraph.fuseki`, in-memory TDB2
   dataset, heap ``--heap``) and warms both loaders up on a 200-article corpus, so that
   neither pays for the JVM's first compilations;
3. loads the store with ``partygraph load sparql`` (the typer command, called in process,
   ``--workers`` PUTs in flight) into the empty dataset, then loads it again unchanged
   (every graph is PUT again: the protocol has no "unchanged" answer, so the reload costs
   a full load); ``--also-workers 4`` adds a load with other worker counts to compare;
4. empties the dataset (``DROP ALL``) and loads the same statements, graph by graph, with
   rdflib's ``SPARQLUpdateStore`` under a ``Dataset``: one ``Dataset.addN`` per article
   graph, which the store sends as one ``INSERT DATA { GRAPH <g> { ... } }`` request (its
   fastest form: ``Graph.add`` sends one request per triple, and ``ds.graph(g)`` adds a
   ``CREATE GRAPH`` request per graph);
5. checks that both leave the same number of quads in Fuseki, and writes statements/s,
   the ratio, the peak resident memory of the Python process and of Fuseki during each load,
   and the load average before and after each (the machine is shared), to ``--out`` (JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil
from rdflib import Dataset, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from synthetic import build_store  # benchmarks/ is on sys.path when run as a script

from partygraph import fuseki
from partygraph.cli import app
from partygraph.neo4j.server import free_port
from partygraph.store import GraphStore

HERE = Path(__file__).resolve().parent
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class PeakRss(threading.Thread):
    """Samples the resident memory of some processes; ``peak_mb`` per process name."""

    def __init__(self, pids: dict[str, int], every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.procs = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.peak_mb = dict.fromkeys(pids, 0.0)
        self.every = every
        self.done = threading.Event()

    def run(self) -> None:
        while True:
            for name, proc in self.procs.items():
                rss = proc.memory_info().rss / 2**20
                self.peak_mb[name] = max(self.peak_mb[name], rss)
            if self.done.wait(self.every):
                return


@contextmanager
def phase(record: dict[str, Any], pids: dict[str, int]) -> Iterator[None]:
    """Time the block; put its seconds, peak RSS and load averages into ``record``."""
    sampler = PeakRss(pids)
    record["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    sampler.start()
    start = time.perf_counter()
    try:
        yield
    finally:
        record["seconds"] = round(time.perf_counter() - start, 2)
        sampler.done.set()
        sampler.join()
        record["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        record["peak_rss_mb"] = {k: round(v) for k, v in sampler.peak_mb.items()}


def quads(cfg: fuseki.FusekiConfig) -> int:
    """The number of quads in the dataset's named graphs."""
    r = httpx.post(cfg.query_endpoint, content=_COUNT, timeout=600, headers={
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json"})
    r.raise_for_status()
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def drop_all(cfg: fuseki.FusekiConfig) -> None:
    r = httpx.post(cfg.update_endpoint, content="DROP ALL", timeout=600,
                   headers={"Content-Type": "application/sparql-update"})
    r.raise_for_status()
    assert quads(cfg) == 0, "DROP ALL left quads"


def load_partygraph(folder: Path, cfg: fuseki.FusekiConfig, workers: int = 1) -> None:
    """``partygraph load sparql`` in process, as the console script runs it."""
    app(["load", "sparql", "--graph-store", cfg.graph_store, "--store", str(folder),
         "--workers", str(workers)], standalone_mode=False)


def load_rdflib(store: GraphStore, cfg: fuseki.FusekiConfig,
                progress: Callable[[int], None] | None = None) -> int:
    """The same graphs with rdflib: one ``Dataset.addN`` (one INSERT DATA) per graph."""
    ds = Dataset(store=SPARQLUpdateStore(cfg.query_endpoint, cfg.update_endpoint))
    n = 0
    for i, name in enumerate(store.graph_names(), 1):
        graph = URIRef(name)
        batch = [(s, p, o, graph) for s, p, o in store.triples(name)]
        ds.addN(batch)
        n += len(batch)
        if progress is not None:
            progress(i)
    return n


def measure_size(articles: int, seed: int, folder: Path, heap: str, work: Path,
                 workers: int, also: list[int], on_disk: bool = False) -> dict[str, Any]:
    """All the figures of one corpus size, with a Fuseki of its own."""
    t0 = time.perf_counter()
    if folder.exists() and any(folder.iterdir()):
        print(f"reusing the store in {folder}", flush=True)
    else:
        print(f"generating {articles:,} synthetic articles into {folder} ...", flush=True)
        build_store(articles, seed, GraphStore(folder)).close()
    store = GraphStore(folder, read_only=True)
    statements, graphs = len(store), len(store.graph_names())
    corpus = {"articles": articles, "seed": seed, "graphs": graphs, "statements": statements,
              "generate_seconds": round(time.perf_counter() - t0, 1)}
    print(f"  {statements:,} statements in {graphs:,} graphs", flush=True)

    cfg = fuseki.FusekiConfig(home=work / f"fuseki-{articles}", port=free_port(), heap=heap,
                              in_memory=not on_disk)
    print(f"starting Fuseki (heap {heap}, {'on-disk' if on_disk else 'in-memory'} TDB2) ...",
          flush=True)
    proc = fuseki.start(cfg, timeout=300)
    pids = {"python": os.getpid(), "fuseki": proc.pid}
    runs: dict[str, dict[str, Any]] = {}
    try:
        print("warming up ...", flush=True)
        small = work / "warm-up"
        if not small.exists():
            build_store(200, seed + 1, GraphStore(small)).close()
        load_partygraph(small, cfg)
        drop_all(cfg)
        load_rdflib(GraphStore(small, read_only=True), cfg)
        drop_all(cfg)

        plan = [("partygraph", workers, ""), ("partygraph_reload", workers, "store unchanged")]
        plan += [(f"partygraph_workers_{n}", n, "into the emptied dataset") for n in also]
        for what, n, note in plan:
            print(f"loading with {what} ...", flush=True)
            if note.startswith("into"):
                drop_all(cfg)
            runs[what] = {"loader": f"partygraph load sparql --workers {n} (Graph Store "
                                    "Protocol PUT per graph)" + (f", {note}" if note else "")}
            with phase(runs[what], pids):
                load_partygraph(folder, cfg, n)
            runs[what]["quads_in_fuseki"] = quads(cfg)
            print(f"  {runs[what]['seconds']} s", flush=True)
        drop_all(cfg)

        print("loading with rdflib SPARQLUpdateStore ...", flush=True)
        ref: dict[str, Any] = {"loader": "rdflib SPARQLUpdateStore (Dataset.addN, one "
                                         "INSERT DATA per graph)"}
        start = time.perf_counter()

        def progress(done: int) -> None:
            if done % 1000 == 0:
                print(f"  rdflib: {done:,}/{graphs:,} graphs, "
                      f"{time.perf_counter() - start:.0f} s", flush=True)

        with phase(ref, pids):
            ref["statements_sent"] = load_rdflib(store, cfg, progress)
        ref["quads_in_fuseki"] = quads(cfg)
        runs["rdflib"] = ref
        print(f"  {ref['seconds']} s", flush=True)
    finally:
        fuseki.stop(proc, cfg)
        store.close()
    for run in runs.values():
        run["statements_per_second"] = round(statements / run["seconds"])
    same = runs["partygraph"]["quads_in_fuseki"] == runs["rdflib"]["quads_in_fuseki"]
    return {"corpus": corpus, "runs": runs, "same_quad_count": same,
            "ratio_statements_per_second": round(runs["rdflib"]["seconds"]
                                                 / runs["partygraph"]["seconds"], 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--heap", default="4g", help="Fuseki's Java heap (default 4g)")
    parser.add_argument("--workers", type=int, default=1, help="load sparql --workers")
    parser.add_argument("--on-disk", action="store_true",
                        help="TDB2 on disk (in the scratch folder) rather than in memory: "
                             "in 4 GB of heap the in-memory dataset holds about 1M quads")
    parser.add_argument("--also-workers", type=int, nargs="*", default=[],
                        help="also load with these --workers (after the reload), to compare")
    parser.add_argument("--store", type=Path,
                        help="keep/reuse the generated stores here (one folder per size)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "fuseki_load.json")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="partygraph-fuseki-bench-"))
    result: dict[str, Any] = {"machine": {
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "fuseki": "Apache Jena Fuseki 5.6.0 (services/fuseki), "
                  + ("on-disk" if args.on_disk else "in-memory") + " TDB2",
        "heap": args.heap}, "sizes": []}
    try:
        for n in args.articles:
            folder = (args.store or work) / f"store-{n}-s{args.seed}"
            result["sizes"].append(measure_size(n, args.seed, folder, args.heap, work,
                                                args.workers, args.also_workers, args.on_disk))
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(result, indent=2) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
