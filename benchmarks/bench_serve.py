"""Latency of ``partygraph serve``: p50/p95 of SPARQL requests and of person pages.

A real server (``partygraph serve --port 0``, uvicorn, in its own process) over a store;
one client (httpx, keep-alive) sends the requests one after another, after one warm-up
each. Measured:

- ``sparql small``: a 10-row SELECT (the protocol's own cost: HTTP, parsing, JSON);
- ``sparql who-chaired-what``: the named query's text as ``partygraph query`` runs it
  (its final ORDER BY left to the client, :func:`partygraph.queries.runner_order`), the
  whole listing, as JSON (the server runs with ``--max-rows`` above the listing's size,
  so that it sends every row, as the reference reads them);
- ``person page``: the HTML page of a person (posts, events, colleagues, names, articles,
  statements: about ten queries and the labels of what they show), over the persons
  holding the most posts and as many more in IRI order;

beside the reference measured in the same run: the same SELECT run in-process on the
same store (``GraphStore.query_text``, no HTTP, no serialization), so the ratio is what
serving adds. Stores: the examples' build (made if missing) and a synthetic store of
``--articles`` articles (``synthetic.build_store``, reused if present).

    python benchmarks/bench_serve.py --articles 10000 --requests 50
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import build_store

from partygraph.pipeline import build_corpus
from partygraph.queries import load, runner_order
from partygraph.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "serve.json"
SMALL = ("SELECT ?p ?n WHERE { ?p <https://w3id.org/partygraph/ontology#canonicalName> ?n }"
         " LIMIT 10")
BUSIEST = """PREFIX org: <http://www.w3.org/ns/org#>
SELECT ?p (COUNT(?m) AS ?n) WHERE { ?m org:member ?p } GROUP BY ?p ORDER BY DESC(?n) ?p
LIMIT 10"""
IN_ORDER = """PREFIX pg: <https://w3id.org/partygraph/ontology#>
SELECT ?p WHERE { ?p a pg:Person } ORDER BY ?p LIMIT 10"""
BASE = "https://w3id.org/partygraph/id/"


def percentiles(seconds: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    cuts = statistics.quantiles(ms, n=20, method="inclusive")
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(cuts[18], 2),
            "n": len(ms)}


def timed(client: httpx.Client, url: str, params: dict[str, str], accept: str) -> float:
    start = time.perf_counter()
    answer = client.get(url, params=params, headers={"Accept": accept})
    elapsed = time.perf_counter() - start
    answer.raise_for_status()
    return elapsed


def serve(store: Path) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "partygraph.cli", "serve", "--store",
                             str(store), "--port", "0", "--max-rows", "1000000",
                             "--timeout", "120"], stdout=subprocess.PIPE, text=True,
                            env=os.environ.copy())
    assert proc.stdout is not None
    found = re.search(r"at (http://\S+/) ", proc.stdout.readline())
    if found is None:
        proc.kill()
        raise SystemExit("serve did not start")
    return proc, found.group(1)


def measure(store: Path, label: str, requests: int) -> dict[str, object]:
    named = load("who-chaired-what")
    text, _ = runner_order(named.sparql or "", named.output)
    graphs = GraphStore(store, read_only=True)
    persons = [row[0] for q in (BUSIEST, IN_ORDER) for row in graphs.query_text(q)[1]]
    reference = []
    for _ in range(requests):
        start = time.perf_counter()
        _, rows = graphs.query_text(text)
        reference.append(time.perf_counter() - start)
    del graphs
    proc, url = serve(store)
    try:
        with httpx.Client(timeout=60) as client:
            out: dict[str, object] = {"store": label, "rows": len(rows),
                                      "reference in-process": percentiles(reference)}
            json_accept = "application/sparql-results+json"
            for name, query in (("sparql small", SMALL), ("sparql who-chaired-what", text)):
                timed(client, url + "sparql", {"query": query}, json_accept)
                out[name] = percentiles([timed(client, url + "sparql", {"query": query},
                                               json_accept) for _ in range(requests)])
            pages = [url + "id/" + p[len(BASE):] for p in dict.fromkeys(persons)]
            for page in pages:
                timed(client, page, {}, "text/html")        # warm-up (labels cached)
            out["person page"] = percentiles([timed(client, pages[i % len(pages)], {},
                                                    "text/html") for i in range(requests)])
            cold = proc_cold(store, pages)
            out["person page, first view"] = percentiles(cold)
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
    return out


def proc_cold(store: Path, pages: list[str]) -> list[float]:
    """Each page once on a fresh server: no label cached yet."""
    proc, url = serve(store)
    try:
        with httpx.Client(timeout=60) as client:
            timed(client, url + "sparql", {"query": "ASK {}"}, "application/sparql-results+json")
            return [timed(client, url + p.split("/", 3)[3], {}, "text/html") for p in pages]
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--work", type=Path, default=Path("/tmp/serve-bench"))
    args = parser.parse_args(argv)
    examples = args.work / "examples-out"
    if not (examples / "store" / "graphs.sqlite").exists():
        build_corpus([ROOT / "examples"], examples)
    synthetic = args.work / f"store-{args.articles}"
    if not (synthetic / "graphs.sqlite").exists():
        build_store(args.articles, store=GraphStore(synthetic)).close()
    results = [measure(examples / "store", "examples", args.requests),
               measure(synthetic, f"synthetic {args.articles:,} articles", args.requests)]
    load_avg = os.getloadavg()[0]
    RESULTS.write_text(json.dumps({"load_average": load_avg, "results": results}, indent=1)
                       + "\n", encoding="utf-8")
    print(f"load average {load_avg:.1f}")
    for r in results:
        print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
