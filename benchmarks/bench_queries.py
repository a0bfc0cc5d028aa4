"""Query benchmark: every named query on the store, beside the same SPARQL on rdflib.

Why rdflib as the reference: it is what a Python user would otherwise reach for, and it
can run the very text partygraph runs (``NamedQuery.sparql_for``, variants included,
parameters as ``initBindings``) on the very triples of the merged graph, so the ratio
isolates the engine. Two forms per query:

- *listing*: no parameter (the required ones of ``post-holder-on-date`` given), the
  whole answer; its time should grow with its rows, not with the store;
- *selective*: one person / province / jurisdiction / place, 20 values drawn with a
  seeded RNG from the data (values the form can answer), p50 and p95.

Ours runs in one child per query (its peak RSS is the query's); rdflib in one child per
store size (its peak is the in-memory graph's). The CLI is timed as a user runs it,
start-up included. Functions without a leading underscore run in measured children.
"""

from __future__ import annotations

import random
import signal
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure

PREFIXES = """PREFIX pg: <https://w3id.org/partygraph/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX pgorg: <https://w3id.org/partygraph/orgtype/>
"""
#: The required parameters, given in both forms.
REQUIRED = {"role": "head", "orgType": "organization-commission", "on": "2024-01-01"}
#: query -> [(parameter, the SPARQL pattern binding ?n to values it can answer)]
SELECTIVE: dict[str, list[tuple[str, str]]] = {
    "co-attendance": [("person", "?e pg:chairedBy|pg:attendedBy ?p . ?p pg:canonicalName ?n")],
    "posts-of-person": [("person", "?m org:member ?p . ?p pg:canonicalName ?n")],
    "who-chaired-what": [("person", "?e pg:chairedBy ?p . ?p pg:canonicalName ?n"),
                         ("place", "?a pg:aboutPlace ?u . ?u pg:canonicalName ?n")],
    "people-by-province": [("province", "?u a pg:Province ; pg:canonicalName ?n")],
    "members-of-organization": [("jurisdiction", "?m org:organization ?o . "
                                 "?o pg:jurisdiction ?u . ?u pg:canonicalName ?n")],
    "documents-by-issuer": [("jurisdiction", "?d pg:issuedBy ?o . ?o pg:jurisdiction ?u . "
                             "?u pg:canonicalName ?n")],
    "organization-hierarchy": [("jurisdiction", "?o org:subOrganizationOf ?p . "
                                "?p pg:jurisdiction ?u . ?u pg:canonicalName ?n")],
    "post-holder-on-date": [("jurisdiction", "?o pg:orgType pgorg:organization-commission ; "
                             "pg:jurisdiction ?u . ?u pg:canonicalName ?n")],
}


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def _required(name: str) -> dict[str, str]:
    from partygraph import queries
    return {p.name: REQUIRED[p.name] for p in queries.load(name).params if p.required}


# -- children ---------------------------------------------------------------------------

def plan(store: str, seed: int, samples: int) -> dict[str, Any]:
    """The cases: per query its listing parameters and its selective parameter sets."""
    from partygraph import queries
    from partygraph.store import GraphStore

    db = GraphStore(Path(store), read_only=True)
    cases: dict[str, Any] = {}
    for name in queries.available():
        base = _required(name)
        selective = []
        for param, pattern in SELECTIVE.get(name, []):
            _, rows = db.query(f"{PREFIXES}SELECT DISTINCT ?n WHERE {{ {pattern} }}")
            values = sorted(str(r[0]) for r in rows if r[0] is not None)
            rng = random.Random(f"{seed}-{name}-{param}")
            picked = rng.sample(values, min(samples, len(values)))
            selective.append({"param": param, "values": [{**base, param: v} for v in picked]})
        cases[name] = {"listing": base, "selective": selective}
    return {"cases": cases, "merged_triples": db.merged_size()}


def ours(store: str, name: str, case: dict[str, Any], repeats: int) -> dict[str, Any]:
    """One query on the store, in process: listing (cold, then median of ``repeats``)
    and each selective form (p50, p95 over its values, after one warm-up)."""
    from partygraph import queries
    from partygraph.store import GraphStore

    t0 = time.perf_counter()
    db = GraphStore(Path(store), read_only=True)
    q = queries.load(name)
    opened = time.perf_counter() - t0
    times, cpus, rows = [], [], 0
    for _ in range(repeats + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        _, found = queries.run_sparql(q, case["listing"], db)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        rows = len(found)
    out: dict[str, Any] = {"open_s": opened, "listing": {
        "rows": rows, "cold_s": times[0], "median_s": statistics.median(times[1:]),
        "cpu_median_s": statistics.median(cpus[1:])}}
    out["selective"] = [_selective(q, form, db) for form in case["selective"]]
    return out


def _selective(q: Any, form: dict[str, Any], db: Any) -> dict[str, Any]:
    from partygraph import queries

    if form["values"]:
        queries.run_sparql(q, form["values"][0], db)          # warm-up
    times, cpus, rows = [], [], []
    for given in form["values"]:
        t0, c0 = time.perf_counter(), time.process_time()
        _, found = queries.run_sparql(q, given, db)
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        rows.append(len(found))
    return {"param": form["param"], "n": len(times), "rows": rows, "times_s": times,
            "p50_s": _pct(times, 0.5) if times else None,
            "p95_s": _pct(times, 0.95) if times else None,
            "cpu_p50_s": _pct(cpus, 0.5) if cpus else None,
            "cpu_p95_s": _pct(cpus, 0.95) if cpus else None}


def dump_nt(store: str, path: str) -> dict[str, Any]:
    """The merged graph of the store as N-Triples, for rdflib to load."""
    from partygraph.store import GraphStore

    db = GraphStore(Path(store), read_only=True)
    with open(path, "wb") as f:
        db.dump_merged(f, "nt")
    return {"merged_triples": db.merged_size(), "mb": Path(path).stat().st_size / 1e6}


class _Late(Exception):
    pass


def _alarm(_sig: int, _frame: Any) -> None:
    raise _Late


def reference(nt: str, cases: dict[str, Any], selective_values: int,
              limit_s: float) -> dict[str, Any]:
    """rdflib: the merged graph in memory (a plain ``Graph``), then the same SPARQL text
    with the same parameters (``initBindings``); each query stopped after ``limit_s``."""
    from rdflib import Graph

    from partygraph import queries
    from partygraph.terms import from_ox

    t0 = time.perf_counter()
    g = Graph()
    g.parse(nt, format="nt")
    out: dict[str, Any] = {"load_s": time.perf_counter() - t0, "triples": len(g),
                           "limit_s": limit_s, "queries": {}}
    signal.signal(signal.SIGALRM, _alarm)

    def timed(q: Any, given: dict[str, str]) -> tuple[float | None, float | None, int | None]:
        bindings = {k: from_ox(v) for k, v in queries.sparql_bindings(q, given).items()}
        text = q.sparql_for(set(bindings))
        if "LATERAL" in text:      # an Oxigraph/Jena extension rdflib lacks: the base text
            text = q.sparql
        signal.setitimer(signal.ITIMER_REAL, limit_s)
        try:
            t, c = time.perf_counter(), time.process_time()
            res = g.query(text, initBindings=bindings)
            columns = [str(v) for v in res.vars or []]
            rows = [tuple("" if v is None else str(v) for v in r) for r in res]
            _, rows = queries.select_output(q, columns, rows)
            return time.perf_counter() - t, time.process_time() - c, len(rows)
        except _Late:
            return None, None, None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    for name, case in cases.items():
        q = queries.load(name)
        seconds, cpu, rows = timed(q, case["listing"])
        found: dict[str, Any] = {"listing": {"seconds": seconds, "cpu_s": cpu, "rows": rows},
                                 "selective": []}
        for form in case["selective"]:
            times, cpus, counts = [], [], []
            for given in form["values"][:selective_values]:
                s, c, r = timed(q, given)
                times.append(s)
                cpus.append(c)
                counts.append(r)
                if s is None:
                    break
            done = [t for t in times if t is not None]
            done_cpu = [t for t in cpus if t is not None]
            found["selective"].append({
                "param": form["param"], "times_s": times, "rows": counts,
                "p50_s": _pct(done, 0.5) if done else None,
                "cpu_p50_s": _pct(done_cpu, 0.5) if done_cpu else None,
                "complete": len(done) == len(times)})
        out["queries"][name] = found
    return out


# -- parent -----------------------------------------------------------------------------

def _cli(store: Path, name: str, given: dict[str, str]) -> dict[str, Any]:
    exe = str(Path(sys.executable).with_name("partygraph"))
    cmd = [exe, "query", name, "--store", str(store), "--format", "csv"]
    for k, v in given.items():
        cmd += ["--param", f"{k}={v}"]
    m = measure.run(cmd)
    lines = m.pop("stdout").splitlines()
    m.pop("stderr")
    return {**m, "rows": max(0, len(lines) - 1)}


def run(label: str, store: Path, work: Path, *, seed: int, samples: int, repeats: int,
        rdflib: bool, rdflib_values: int, rdflib_limit_s: float, cli_listing: bool,
        cli_selective: int, log: Any = print) -> dict[str, Any]:
    """All query measurements on one store (``label``: its size, e.g. ``1k articles``)."""
    found: dict[str, Any] = {"label": label, "store": str(store)}
    planned = measure.task("bench_queries:plan", store=str(store), seed=seed, samples=samples)
    if "error" in planned:
        raise RuntimeError(f"cannot plan queries on {store}: {planned}")
    cases = planned["cases"]
    found["merged_triples"] = planned["merged_triples"]
    found["cases"] = cases
    log(f"queries on {label} ({planned['merged_triples']:,} triples)")
    found["ours"] = {}
    for name, case in cases.items():
        rec = measure.task("bench_queries:ours", store=str(store), name=name, case=case,
                           repeats=repeats)
        found["ours"][name] = rec
        if "error" in rec:
            log(f"  {name}: failed {rec['error']}")
            continue
        sel = " ".join(f"{s['param']} p50 {1000 * (s['p50_s'] or 0):.1f} ms p95 "
                       f"{1000 * (s['p95_s'] or 0):.1f} ms" for s in rec["selective"])
        log(f"  {name}: listing {rec['listing']['rows']} rows "
            f"{1000 * rec['listing']['median_s']:.1f} ms; {sel}")
    found["cli"] = {}
    for name, case in cases.items():
        runs = []
        if cli_listing:
            runs.append({"form": "listing", **_cli(store, name, case["listing"])})
        for form in case["selective"]:
            for given in form["values"][:cli_selective]:
                runs.append({"form": form["param"], **_cli(store, name, given)})
        found["cli"][name] = runs
    if rdflib:
        nt = work / f"merged-{store.parent.name}.nt"
        dumped = measure.task("bench_queries:dump_nt", store=str(store), path=str(nt))
        log(f"  rdflib reference: loading {dumped.get('merged_triples', 0):,} triples")
        ref = measure.task("bench_queries:reference", nt=str(nt), cases=cases,
                           selective_values=rdflib_values, limit_s=rdflib_limit_s,
                           timeout=4 * 3600, rss_limit_mb=14_000)
        found["rdflib"] = ref
        nt.unlink(missing_ok=True)
        if "error" in ref:
            log(f"  rdflib: {ref['error']}")
        else:
            log(f"  rdflib loaded in {ref['load_s']:.1f} s, peak RSS "
                f"{ref['process']['peak_rss_mb']:.0f} MB")
    return found
