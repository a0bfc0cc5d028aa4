"""Network benchmark: ``partygraph network`` and ``partygraph viz -o x.png`` on a store,
as a user runs them (start-up included, one measured child each), and the stages inside:
the SPARQL reads of the snapshot, the projection in Python, networkx's measures on the
projected graph, and the picture.

Why the stages beside each other: the question is where the time goes once the store
is large: in the store (SPARQL), in our projection, or in networkx itself, whose time on
the projected graph is the reference a notebook user pays whatever reads the store.
Stage times come from one measured child per (store, kind), CPU time beside wall time
(the machine is shared), so the ratios of one run are what to compare.

    python benchmarks/bench_network.py --store /tmp/network-10k/out [--store examples-out]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure

KINDS = ("organizational", "co-attendance")


def stages(store: str, kind: str) -> dict[str, Any]:
    """Run in a measured child: the time of each stage of one projection."""
    import networkx as nx

    from partygraph.analytics import BETWEENNESS_SOURCES, EXACT_BETWEENNESS, SEED, report
    from partygraph.network import Filters, _View
    from partygraph.network_data import load
    from partygraph.store import GraphStore
    from partygraph.store_folder import locate_store

    out: dict[str, Any] = {}

    def timed(name: str, fn: Any) -> Any:
        wall, cpu = time.perf_counter(), measure.cpu_now()
        value = fn()
        out[name] = {"wall_s": time.perf_counter() - wall, "cpu_s": measure.cpu_now() - cpu}
        return value

    gs = GraphStore(locate_store(Path(store)), read_only=True)
    snap = timed("sparql_snapshot", lambda: load(gs))
    view = _View(snap, Filters(), gs, "")
    # the projection includes the evidence sentence of each post shown (a SELECT each)
    graph = timed("projection", view.co_attendance if kind == "co-attendance"
                  else view.organizational)
    out["nodes"], out["edges"] = len(graph), graph.number_of_edges()
    degree = timed("nx_degree", lambda: nx.degree_centrality(graph))
    k = None if len(graph) <= EXACT_BETWEENNESS else BETWEENNESS_SOURCES
    between = timed("nx_betweenness", lambda: nx.betweenness_centrality(graph, k=k, seed=SEED))
    parts = timed("nx_louvain", lambda: nx.community.louvain_communities(
        graph, weight="weight", seed=SEED))
    for node, attrs in graph.nodes(data=True):
        attrs["degree"], attrs["betweenness"] = degree[node], between[node]
    for i, members in enumerate(sorted(parts, key=lambda g: (-len(g), min(g)))):
        for node in members:
            graph.nodes[node]["community"] = i
    timed("tables", lambda: report(graph, kind))
    out["betweenness_sources"] = k or len(graph)
    return out


def cli(store: str, args: list[str]) -> dict[str, Any]:
    record = measure.run([sys.executable, "-m", "partygraph.cli", *args, "--store", store])
    record.pop("stdout")
    if record["returncode"] != 0:
        raise SystemExit(f"{args}: {record['stderr']}")
    record.pop("stderr")
    return record


def bench(store: str) -> dict[str, Any]:
    result: dict[str, Any] = {"store": store}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in KINDS:
            result[kind] = {
                "network": cli(store, ["network", "--kind", kind, "-o", f"{tmp}/n.csv"]),
                "viz_png": cli(store, ["viz", "--kind", kind, "-o", f"{tmp}/n.png"]),
                "stages": measure.task("bench_network:stages", store=store, kind=kind),
            }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", action="append", required=True)
    parser.add_argument("--json", type=Path, help="write the records here too")
    args = parser.parse_args(argv)
    records = [bench(s) for s in args.store]
    text = json.dumps(records, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
