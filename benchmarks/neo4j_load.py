"""Neo4j load benchmark: partygraph's loader beside rdflib-neo4j, same graph, same run.

    python benchmarks/neo4j_load.py --articles 100000 --budget 600

1. generates the synthetic corpus's RDF (``benchmarks/synthetic.py``: one named graph per
   article, ~155 statements each) into an in-memory store (``--store DIR``: on disk, kept);
2. starts a Neo4j 5.26 of its own (the launcher of ``services/neo4j``, heap and page cache
   from the flags) unless ``--uri`` names one -- whose database it WIPES;
3. loads the store with :func:`partygraph.neo4j.loader.load_store` into an empty database,
   then loads it again (nothing changed: the cost of an incremental no-op);
4. empties the database and loads the same statements, graph by graph and grouped by
   subject, with rdflib-neo4j (``Neo4jStore``, batching, SHORTEN names, ARRAY for the
   multi-valued labels -- its documented set-up for keeping repeated values);
5. with ``--bulk``, empties the database and makes the first load through the import tool
   (:func:`partygraph.neo4j.bulk.bulk_load`: CSV files, server stopped, ``neo4j-admin
   database import``, restarted, schema and index wait -- all in its time), then reloads it
   unchanged over Bolt (the hashes must match: nothing written);
6. prints and writes (``--out``, JSON) statements/s and nodes+relationships/s of each,
   and their ratios; the 1-minute load average, sampled every 5 s, beside each load.

Steps 3-4 are repeated ``--rounds`` times (3 by default): the figure is the median of the
rounds' ratios, with their range (on a shared machine one pair of loads is not enough).

Each load stops at ``--budget`` seconds (10 minutes by default); the rates are then those of
the part loaded, and rdflib-neo4j is given the same graphs as partygraph loaded, so the two
always load the same graph. rdflib-neo4j is optional (``pip install rdflib-neo4j``); without
it, or with ``--skip-reference``, only partygraph is measured.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import neo4j

from partygraph.namespaces import PREFIXES
from partygraph.neo4j import server
from partygraph.neo4j.connect import Connection, connect, connection_from_env
from partygraph.neo4j.loader import DEFAULT_BATCH_TRIPLES, database_counts, load_store
from partygraph.store import GraphStore

HERE = Path(__file__).resolve().parent


@contextlib.contextmanager
def load_average(run_extra: dict[str, Any]) -> Iterator[None]:
    """Sample the 1-minute load average every 5 s while the block runs; store min and max
    in ``run_extra["load_average"]`` (the machine is shared: say how loaded it was)."""
    samples = [os.getloadavg()[0]]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(5.0):
            samples.append(os.getloadavg()[0])

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        samples.append(os.getloadavg()[0])
        run_extra["load_average"] = [round(min(samples), 2), round(max(samples), 2)]


class BudgetExceeded(Exception):
    """Raised from a progress callback to stop a load at the time budget."""


@dataclass
class Run:
    """One loader's figures."""

    loader: str
    graphs: int = 0
    statements: int = 0           # quads read from the store and written
    seconds: float = 0.0
    complete: bool = True
    nodes: int = 0                # in the database afterwards
    relationships: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def statements_per_second(self) -> float:
        return self.statements / self.seconds if self.seconds else 0.0

    @property
    def elements_per_second(self) -> float:
        return (self.nodes + self.relationships) / self.seconds if self.seconds else 0.0


def _synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("partygraph_benchmarks_synthetic",
                                                  HERE / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def wipe(driver: neo4j.Driver, database: str | None) -> None:
    """Empty the database: relationships first, in bounded transactions (a hub node's
    relationships would not fit in one), then nodes; then drop every constraint and index
    but Neo4j's own token look-ups, so that each load starts from no schema and makes (and
    pays for) its own. (Found in the fifth session: the two loaders share the server, and
    each then kept up the other's indexes -- rdflib-neo4j's unique ``Resource.uri`` during
    partygraph's loads, partygraph's ``Person.canonicalName`` and others during
    rdflib-neo4j's.)"""
    with driver.session(database=database) as session:
        for query in ("MATCH ()-[r]->() WITH r LIMIT 50000 DELETE r RETURN count(*) AS c",
                      "MATCH (n) WITH n LIMIT 50000 DETACH DELETE n RETURN count(*) AS c"):
            while session.execute_write(lambda tx, q=query: tx.run(q).single(strict=True)["c"]):
                pass
        for name in [r["name"] for r in session.run("SHOW CONSTRAINTS YIELD name")]:
            session.run("DROP CONSTRAINT $name IF EXISTS", name=name).consume()
        for name in [r["name"] for r in session.run(
                "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")]:
            session.run("DROP INDEX $name IF EXISTS", name=name).consume()


def all_counts(driver: neo4j.Driver, database: str | None) -> tuple[int, int]:
    with driver.session(database=database) as s:
        nodes = s.run("MATCH (n) RETURN count(n) AS c").single(strict=True)["c"]
        rels = s.run("MATCH ()-[r]->() RETURN count(r) AS c").single(strict=True)["c"]
    return nodes, rels


def run_partygraph(store: GraphStore, driver: neo4j.Driver, database: str | None,
                   budget: float, batch: int) -> tuple[Run, int]:
    """Load into an empty database; return the figures and how many graphs were loaded."""
    wipe(driver, database)
    start = time.perf_counter()
    loaded = 0
    last_print = start

    def progress(done: int, total: int) -> None:
        nonlocal loaded, last_print
        loaded = done
        now = time.perf_counter()
        if now - last_print > 15:
            print(f"  partygraph: {done:,}/{total:,} graphs, {now - start:.0f} s", flush=True)
            last_print = now
        if now - start > budget and done < total:
            raise BudgetExceeded

    run = Run("partygraph (partygraph.neo4j.loader)")
    try:
        summary = load_store(store, driver, database, batch_triples=batch, progress=progress)
        run.seconds = summary.seconds
        loaded = summary.graphs_in_store
        run.statements = summary.triples
        run.extra = {"statement_links": summary.statement_links,
                     "view_properties": summary.properties,
                     "created_nodes_and_relationships": summary.elements_written,
                     "conflicts": len(summary.conflicts)}
    except BudgetExceeded:
        run.seconds = time.perf_counter() - start
        run.complete = False
        names = store.graph_names()[:loaded]
        run.statements = sum(1 for g in names for _ in store.triples(g))
    counts = database_counts(driver, database)
    run.graphs = loaded
    run.nodes, run.relationships = counts["nodes"], counts["relationships"]
    run.extra.setdefault("statement_links", counts["statement_links"])
    run.extra["named_graph_nodes"] = counts["graphs"]
    # what was written in all: the view plus the STATED_IN bookkeeping
    written = run.nodes + run.relationships + counts["graphs"] + counts["statement_links"]
    run.extra["all_nodes_and_relationships"] = written
    run.extra["all_elements_per_second"] = round(written / run.seconds) if run.seconds else 0
    return run, loaded


def run_noop_reload(store: GraphStore, driver: neo4j.Driver, database: str | None,
                    batch: int) -> float:
    summary = load_store(store, driver, database, batch_triples=batch)
    assert summary.graphs_unchanged == summary.graphs_in_store, "the reload changed graphs"
    return summary.seconds


def _quads_by_subject(store: GraphStore, names: list[Any]) -> Iterator[tuple[Any, Any, Any]]:
    for name in names:
        yield from sorted(store.triples(name), key=lambda t: str(t[0]))


def run_reference(store: GraphStore, graphs: int, driver: neo4j.Driver,
                  database: str | None, budget: float, batch: int = 5_000) -> Run | str:
    """rdflib-neo4j on the same graphs; a string says why it could not run."""
    try:
        from rdflib import Graph
        from rdflib_neo4j import (
            HANDLE_MULTIVAL_STRATEGY,
            HANDLE_VOCAB_URI_STRATEGY,
            Neo4jStore,
            Neo4jStoreConfig,
        )
    except ImportError as exc:
        return f"rdflib-neo4j is not installed ({exc}); pip install rdflib-neo4j"
    wipe(driver, database)
    if database not in (None, "neo4j"):
        return "rdflib-neo4j writes to the driver's default database only"
    config = Neo4jStoreConfig(
        auth_data=None, custom_prefixes={k: str(v) for k, v in PREFIXES.items()},
        handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.SHORTEN,
        handle_multival_strategy=HANDLE_MULTIVAL_STRATEGY.ARRAY,
        multival_props_names=[("skos", "altLabel"), ("rdfs", "label")],
        batching=True, batch_size=batch)
    names = store.graph_names()[:graphs]
    run = Run("rdflib-neo4j 1.1 (Neo4jStore)")
    start = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):     # it prints as it goes
        g = Graph(store=Neo4jStore(config=config, neo4j_driver=driver))
        n = 0
        for triple in _quads_by_subject(store, names):
            g.add(triple)
            n += 1
            if n % 100_000 == 0:
                elapsed = time.perf_counter() - start
                print(f"  rdflib-neo4j: {n:,} statements, {elapsed:.0f} s", file=sys.__stdout__,
                      flush=True)
                if elapsed > budget:
                    run.complete = False
                    break
        g.close(True)
    run.seconds = time.perf_counter() - start
    run.statements = n
    run.graphs = len(names)
    run.nodes, run.relationships = all_counts(driver, database)
    return run


def run_bulk(store: GraphStore, cfg: server.ServerConfig, batch: int) -> Run:
    """The first load through the import tool into the (emptied) database of ``cfg``, then
    the unchanged reload over Bolt."""
    from partygraph.neo4j.bulk import bulk_load

    run = Run("partygraph bulk (partygraph.neo4j.bulk, neo4j-admin database import)")
    with load_average(run.extra):
        summary = bulk_load(store, cfg)
    run.seconds, run.statements = summary.seconds, summary.triples
    run.graphs, run.nodes, run.relationships = (summary.graphs_in_store, summary.nodes,
                                                summary.relationships)
    written = summary.elements_written
    run.extra.update(phases=summary.phases, statement_links=summary.statement_links,
                     all_nodes_and_relationships=written,
                     all_elements_per_second=round(written / run.seconds),
                     conflicts=len(summary.conflicts))
    driver = connect(cfg.connection())
    try:
        run.extra["noop_reload_seconds"] = round(run_noop_reload(store, driver, None, batch), 1)
    finally:
        driver.close()
    return run


def _run_dict(run: Run) -> dict[str, Any]:
    return {**asdict(run), "statements_per_second": round(run.statements_per_second),
            "elements_per_second": round(run.elements_per_second)}


def _ratio(ours: Run, reference: Run | str, elements: bool = False) -> float | None:
    if not isinstance(reference, Run) or not reference.statements_per_second:
        return None
    if elements:
        return round(ours.elements_per_second / reference.elements_per_second, 2)
    return round(ours.statements_per_second / reference.statements_per_second, 2)


def save(out: Path, corpus: dict[str, Any], machine: dict[str, Any],
         rounds: list[tuple[Run, Run | str]], bulk: Run | str | None = None) -> dict[str, Any]:
    """Write the results so far as JSON (after each load, so a crash keeps the rest).

    Each round is partygraph's load and then rdflib-neo4j's, on the same server: the ratio
    of a round compares two loads made minutes apart, and the median over the rounds is the
    figure (on this shared machine the same load's time moves by a third from run to run,
    for both loaders alike, while a round's ratio moves much less)."""
    result: dict[str, Any] = {"corpus": corpus, "machine": machine, "rounds": []}
    ratios, element_ratios = [], []
    for ours, reference in rounds:
        entry: dict[str, Any] = {"partygraph": _run_dict(ours)}
        entry["rdflib-neo4j"] = (_run_dict(reference) if isinstance(reference, Run)
                                 else {"error": reference})
        ratio, element_ratio = _ratio(ours, reference), _ratio(ours, reference, True)
        if ratio is not None and element_ratio is not None:
            entry.update(ratio_statements_per_second=ratio,
                         ratio_elements_per_second=element_ratio)
            ratios.append(ratio)
            element_ratios.append(element_ratio)
        result["rounds"].append(entry)
    if ratios:
        result["ratio_statements_per_second"] = statistics.median(ratios)
        result["ratio_statements_per_second_min_max"] = [min(ratios), max(ratios)]
        result["ratio_elements_per_second"] = statistics.median(element_ratios)
    if isinstance(bulk, Run):
        result["bulk"] = _run_dict(bulk)
        references = [r for _o, r in rounds if isinstance(r, Run) and r.statements_per_second]
        if references:
            result["ratio_bulk_statements_per_second"] = round(
                bulk.statements_per_second / references[0].statements_per_second, 2)
            result["ratio_bulk_elements_per_second"] = round(
                bulk.elements_per_second / references[0].elements_per_second, 2)
        if rounds and rounds[0][0].statements_per_second:
            result["ratio_bulk_to_bolt_statements_per_second"] = round(
                bulk.statements_per_second / rounds[0][0].statements_per_second, 2)
    elif isinstance(bulk, str):
        result["bulk"] = {"error": bulk}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--budget", type=float, default=600.0,
                        help="seconds each loader may run (default 600)")
    parser.add_argument("--batch-triples", type=int, default=DEFAULT_BATCH_TRIPLES,
                        help="partygraph's statements a transaction (the loader's default)")
    parser.add_argument("--reference-batch", type=int, default=5_000,
                        help="rdflib-neo4j's batch_size (its default, 5,000)")
    parser.add_argument("--uri", help="use this Neo4j (its database is wiped)")
    parser.add_argument("--database")
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="4g")
    parser.add_argument("--warm-up-articles", type=int, default=1_000,
                        help="synthetic articles of the warm-up corpus (default 1,000)")
    parser.add_argument("--warm-up-loads", type=int, default=3,
                        help="loads of it by each loader before measuring (default 3)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of (partygraph, rdflib-neo4j) loads; the median ratio "
                             "is the figure (default 3)")
    parser.add_argument("--store", type=Path, help="keep/reuse the generated store here")
    parser.add_argument("--skip-reference", action="store_true")
    parser.add_argument("--bulk", action="store_true",
                        help="also the first load through neo4j-admin import (own server only)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "neo4j_load.json")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="partygraph-neo4j-bench-"))
    cfg: server.ServerConfig | None = None
    try:
        t0 = time.perf_counter()
        if args.store and args.store.exists() and any(args.store.iterdir()):
            store = GraphStore(args.store)
            print(f"reusing the store in {args.store}")
        else:
            print(f"generating {args.articles:,} synthetic articles ...", flush=True)
            # in memory unless --store: writing 100k graphs to disk takes minutes
            store = _synthetic().build_store(
                args.articles, args.seed, GraphStore(args.store) if args.store else None)
        generated = time.perf_counter() - t0
        n_graphs, n_quads = len(store.graph_names()), len(store)
        print(f"  {n_quads:,} statements in {n_graphs:,} graphs ({generated:.0f} s)")

        if args.uri:
            conn: Connection = connection_from_env(args.uri, args.database)
        else:
            cfg = server.ServerConfig(home=work / "neo4j", port=server.free_port(),
                                      heap=args.heap, pagecache=args.pagecache)
            print(f"starting Neo4j 5.26 (heap {args.heap}, page cache {args.pagecache}) ...",
                  flush=True)
            server.start(cfg, timeout=300)
            conn = cfg.connection()
        machine = {"cpus": os.cpu_count(), "python": platform.python_version(),
                   "neo4j": "5.26 community (services/neo4j launcher)",
                   "heap": args.heap, "pagecache": args.pagecache,
                   "rust_packstream": importlib.util.find_spec("neo4j._rust") is not None}
        corpus = {"articles": args.articles, "seed": args.seed, "graphs": n_graphs,
                  "warm_up": f"{args.warm_up_loads} x {args.warm_up_articles:,} articles "
                             "by each loader",
                  "statements": n_quads, "generate_seconds": round(generated, 1),
                  "batch_triples": args.batch_triples, "reference_batch": args.reference_batch}
        rounds: list[tuple[Run, Run | str]] = []
        driver = connect(conn)
        try:
            # warm up: both loaders in turn on a corpus of their own, so that neither pays
            # in its figures for the server's query compilations and JIT warm-up. Measured:
            # a fresh server spends the first three loads of 1,000 articles compiling
            # (its CPU time per load 34, 25, 18, then 11 s), so one small load is not enough
            small = _synthetic().build_store(args.warm_up_articles, args.seed + 1)
            for i in range(args.warm_up_loads):
                print(f"warming up ({i + 1}/{args.warm_up_loads}) ...", flush=True)
                run_partygraph(small, driver, conn.database, args.budget, args.batch_triples)
                if not args.skip_reference:
                    run_reference(small, args.warm_up_articles + 1, driver, conn.database,
                                  args.budget, args.reference_batch)
            for i in range(args.rounds):
                print(f"round {i + 1}/{args.rounds}: loading with partygraph ...", flush=True)
                extra: dict[str, Any] = {}
                with load_average(extra):
                    ours, graphs = run_partygraph(store, driver, conn.database, args.budget,
                                                  args.batch_triples)
                ours.extra.update(extra)
                print(f"  {ours.statements:,} statements in {ours.seconds:.1f} s", flush=True)
                if ours.complete and i == 0:
                    ours.extra["noop_reload_seconds"] = round(
                        run_noop_reload(store, driver, conn.database, args.batch_triples), 1)
                rounds.append((ours, "not run yet"))
                save(args.out, corpus, machine, rounds)
                if not args.skip_reference:
                    print("  loading the same graphs with rdflib-neo4j ...", flush=True)
                    reference: Run | str
                    try:
                        with load_average(extra := {}):
                            reference = run_reference(store, graphs, driver, conn.database,
                                                      args.budget, args.reference_batch)
                        if isinstance(reference, Run):
                            reference.extra.update(extra)
                            print(f"  {reference.statements:,} statements in "
                                  f"{reference.seconds:.1f} s", flush=True)
                    except neo4j.exceptions.Neo4jError as exc:
                        reference = f"rdflib-neo4j failed: {exc}"
                    rounds[-1] = (ours, reference)
                else:
                    rounds[-1] = (ours, "skipped (--skip-reference)")
            if args.bulk:
                wipe(driver, conn.database)
        finally:
            driver.close()
        bulk: Run | str | None = None
        if args.bulk and cfg is None:
            bulk = "--bulk needs the benchmark's own server (not --uri)"
        elif args.bulk and cfg is not None:
            save(args.out, corpus, machine, rounds)
            print("loading the same store through the import tool ...", flush=True)
            bulk = run_bulk(store, cfg, args.batch_triples)
        print(json.dumps(save(args.out, corpus, machine, rounds, bulk), indent=2))
    finally:
        if cfg is not None:
            server.stop(cfg)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
