"""SHACL validation: partygraph's validator (partygraph.shacl) beside pySHACL, in one run.

    python benchmarks/validation.py --triples 1000000 --articles 200

1. A merged graph of about ``--triples`` distinct triples: the union of synthetic
   articles (``benchmarks/synthetic.py``, the builder's patterns) plus the shared
   first/last-seen dates, with violations seeded in one article in ``--every`` (each of
   the kinds in :data:`SEEDS`, one of them visible only in the merged graph: a document
   given a second issue date by another article). Written as N-Triples.
2. The file validated twice, each in its own process (so that peak memory is the
   engine's): pySHACL (rdflib parse + ``pyshacl.validate`` with the project's options)
   and ours (``partygraph.validate.validate_file``'s path: pyoxigraph parse + the compiled
   shapes). Prints both times (wall and CPU, from after the imports), the ratio, each
   peak RSS (VmHWM) and whether the two result lists are equal.
3. ``--articles`` synthetic article graphs validated one by one: pySHACL on each article's
   rdflib graph against ours on its pyoxigraph triples (``Shapes.check``, and
   ``split_valid``, which adds the quarantine), ms per article, results compared.

``--pyshacl-timeout`` bounds the pySHACL run on the big file (it is reported as not
finished rather than waited for). Results also go to ``--out``/validation.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pyoxigraph as ox
from synthetic import RdfWriter, articles, make_world

from partygraph.terms import to_ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Triple = tuple[Term, Term, Term]
PG = "https://w3id.org/partygraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"


# -- seeded violations ----------------------------------------------------------------------

def _first(triples: list[Triple], predicate: str) -> int | None:
    return next((i for i, t in enumerate(triples) if t[1].value == predicate), None)


def _set(predicate: str, value: Callable[[Term], Term]) -> Callable[[list[Triple]], None]:
    def seed(triples: list[Triple]) -> None:
        i = _first(triples, predicate)
        if i is not None:
            s, p, o = triples[i]
            triples[i] = (s, p, value(o))
    return seed


def _drop(predicate: str) -> Callable[[list[Triple]], None]:
    def seed(triples: list[Triple]) -> None:
        i = _first(triples, predicate)
        if i is not None:
            del triples[i]
    return seed


def _issued_again(triples: list[Triple]) -> None:
    """Another issue date for the article's document: conforms in the article, and the
    merged graph then has two pg:issuedOn on one document."""
    i = _first(triples, PG + "issuedOn")
    if i is not None:
        s, p, o = triples[i]
        day = dt.date.fromisoformat(o.value) + dt.timedelta(days=1)
        triples[i] = (s, p, ox.Literal(day.isoformat(), datatype=ox.NamedNode(XSD + "date")))


def _extra_level(triples: list[Triple]) -> None:
    i = next((i for i, t in enumerate(triples) if t[2].value == PG + "District"), None)
    if i is not None:
        triples.append((triples[i][0], triples[i][1], ox.NamedNode(PG + "Province")))


SEEDS: dict[str, Callable[[list[Triple]], None]] = {
    "no-canonical-name": _drop(PG + "canonicalName"),
    "unknown-role": _set("http://www.w3.org/ns/org#role",
                         lambda o: ox.NamedNode("https://w3id.org/partygraph/role/emperor")),
    "empty-quote": _set(PG + "quote", lambda o: ox.Literal("")),
    "start-after-end": _set(PG + "startOffset",
                            lambda o: ox.Literal("999999", datatype=ox.NamedNode(XSD + "integer"))),
    "ill-typed-date": _set("https://schema.org/datePublished",
                           lambda o: ox.Literal("2024-13-45", datatype=ox.NamedNode(XSD + "date"))),
    "lower-case-number": _set(PG + "documentNumber", lambda o: ox.Literal(o.value.lower())),
    "two-levels": _extra_level,
    "issued-again": _issued_again,
}


SUPERTYPE = {PG + "PartyCommittee": "http://www.w3.org/ns/org#Organization",
             PG + "EmulationGroup": "http://www.w3.org/ns/org#Organization",
             PG + "Province": PG + "AdministrativeUnit", PG + "District": PG + "AdministrativeUnit"}


def with_supertypes(triples: list[Triple]) -> list[Triple]:
    """The explicit contract class beside each subclass type, as the builder writes it
    (``synthetic.py`` leaves it out, which the typing shapes report as warnings)."""
    extra = [(s, p, ox.NamedNode(SUPERTYPE[o.value])) for s, p, o in triples
             if p.value == RDF_TYPE and o.value in SUPERTYPE]
    return list(dict.fromkeys(triples + extra))


def corpus(seed: int, every: int) -> Iterator[list[Triple]]:
    """Synthetic article graphs as pyoxigraph triples (conforming, like the builder's),
    violations seeded in one in ``every`` (the kinds of :data:`SEEDS` in turn); endless."""
    world = make_world(seed)
    writer = RdfWriter(world)
    kinds = list(SEEDS.values())
    for i, art in enumerate(articles(10**9, seed, world)):
        triples = with_supertypes([(to_ox(s), to_ox(p), to_ox(o))
                                   for s, p, o in writer.article(art)])
        if every and i % every == every - 1:
            kinds[(i // every) % len(kinds)](triples)
        yield triples


def write_merged(path: Path, target: int, seed: int, every: int) -> tuple[int, int]:
    """Write the union of enough articles for ``target`` distinct triples (and the
    shared first/last-seen dates); (triples, articles)."""
    merged: dict[Triple, None] = {}
    count = 0
    for triples in corpus(seed, every):
        merged.update(dict.fromkeys(triples))
        count += 1
        if len(merged) >= target:
            break
    ox.serialize([ox.Triple(s, p, o) for s, p, o in merged],  # type: ignore[arg-type]
                 output=str(path),
                 format=ox.RdfFormat.N_TRIPLES)
    return len(merged), count


# -- one engine on one file, in a child process ---------------------------------------------

def run_engine(engine: str, path: Path, rows_out: Path) -> dict:
    """Validate ``path`` with ``engine`` (in this process); write the result rows."""
    from partygraph.validate import reference_rows, result_rows

    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_start = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    if engine == "pyshacl":
        from rdflib import Graph

        from partygraph.validate import pyshacl_reference
        g = Graph().parse(path, format="nt")
        loaded = time.perf_counter()
        conforms, report = pyshacl_reference(g)
        rows = reference_rows(report)
    else:
        from partygraph.shacl import Shapes
        from partygraph.validate import read_file
        shapes = Shapes.load()
        data = read_file(path, shapes)
        loaded = time.perf_counter()
        result = shapes.check(data)
        conforms, rows = result.conforms, result_rows(result.results)
    done = time.perf_counter()
    rows_out.write_text(json.dumps(rows), encoding="utf-8")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"engine": engine, "load_s": loaded - started, "validate_s": done - loaded,
            "total_s": done - started, "cpu_s": usage.ru_utime + usage.ru_stime - cpu_start,
            "conforms": conforms, "results": len(rows), "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: ``ru_maxrss`` would also count the
    parent's memory at the fork that started this process)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(engine: str, path: Path, out: Path, timeout: float | None) -> dict:
    rows = out / f"rows-{engine}.json"
    cmd = [sys.executable, __file__, "--engine", engine, "--file", str(path),
           "--rows", str(rows)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              check=True)
    except subprocess.TimeoutExpired:
        return {"engine": engine, "finished": False, "timeout_s": timeout}
    stats = json.loads(done.stdout.strip().splitlines()[-1])
    stats["finished"] = True
    stats["rows"] = json.loads(rows.read_text(encoding="utf-8"))
    return stats


# -- per article ---------------------------------------------------------------------------

def per_article(n: int, seed: int, every: int) -> dict:
    from rdflib import Graph

    from partygraph.shacl import Shapes
    from partygraph.terms import from_ox
    from partygraph.validate import pyshacl_reference, reference_rows, result_rows, split_valid

    shapes = Shapes.load()
    graphs = []
    for triples in corpus(seed + 1, every):
        graphs.append(triples)
        if len(graphs) == n:
            break
    for triples in graphs[:5]:                 # warm the caches of both
        shapes.check(triples)
        split_valid(triples, "bench")
    theirs, ours, split, equal = [], [], [], 0
    cpu = [0.0, 0.0, 0.0]
    for triples in graphs:
        g = Graph()
        for s, p, o in triples:
            g.add((from_ox(s), from_ox(p), from_ox(o)))
        c0, t0 = time.process_time(), time.perf_counter()
        conforms, report = pyshacl_reference(g)
        c1, t1 = time.process_time(), time.perf_counter()
        result = shapes.check(triples)
        c2, t2 = time.process_time(), time.perf_counter()
        split_valid(triples, "bench")
        c3, t3 = time.process_time(), time.perf_counter()
        theirs.append(t1 - t0)
        ours.append(t2 - t1)
        split.append(t3 - t2)
        for i, (a, b) in enumerate(((c0, c1), (c1, c2), (c2, c3))):
            cpu[i] += b - a
        equal += (conforms, reference_rows(report)) == (result.conforms,
                                                         result_rows(result.results))
    steady = []                                # ours back to back, as in a build
    for _ in range(5):
        c0 = time.process_time()
        for triples in graphs:
            split_valid(triples, "bench")
        steady.append(time.process_time() - c0)
    clean = [t for t in graphs if shapes.check(t).conforms and not shapes.validate(t)]
    c0 = time.process_time()
    for _ in range(5):
        for triples in clean:
            shapes.check(triples)
    clean_ms = 1000 * (time.process_time() - c0) / (5 * max(len(clean), 1))
    ms = lambda xs: {"mean": 1000 * statistics.fmean(xs),  # noqa: E731
                     "median": 1000 * statistics.median(xs)}
    return {"articles": n, "triples_mean": statistics.fmean(len(g) for g in graphs),
            "pyshacl_ms": ms(theirs), "ours_check_ms": ms(ours), "ours_split_valid_ms": ms(split),
            "equal_results": equal, "ratio_mean": statistics.fmean(theirs) / statistics.fmean(ours),
            "cpu_ms_per_article": {"pyshacl": 1000 * cpu[0] / n, "ours_check": 1000 * cpu[1] / n,
                                   "ours_split_valid": 1000 * cpu[2] / n,
                                   "ours_split_valid_back_to_back": 1000 * min(steady) / n,
                                   "ours_check_no_result": clean_ms},
            "no_result_articles": len(clean)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--every", type=int, default=50, help="seed a violation in 1 article in N")
    ap.add_argument("--out", type=Path, default=Path("out/benchmarks/validation"))
    ap.add_argument("--pyshacl-timeout", type=float, default=3600.0)
    ap.add_argument("--engine", choices=["ours", "pyshacl"], help=argparse.SUPPRESS)
    ap.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.engine:                                  # the child process
        print(json.dumps(run_engine(args.engine, args.file, args.rows)))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    report: dict = {}
    if args.triples:
        path = args.out / f"merged-{args.triples}.nt"
        started = time.perf_counter()
        triples, count = write_merged(path, args.triples, args.seed, args.every)
        print(f"merged graph: {triples:,} triples from {count:,} articles "
              f"({time.perf_counter() - started:.1f} s to generate) -> {path}")
        ours = in_child("ours", path, args.out, None)
        print(f"ours:    {ours['total_s']:8.1f} s (load {ours['load_s']:.1f} s, validate "
              f"{ours['validate_s']:.1f} s; CPU {ours['cpu_s']:.1f} s), peak RSS "
              f"{ours['peak_rss_mb']:,.0f} MB, {ours['results']} results, "
              f"conforms={ours['conforms']}")
        theirs = in_child("pyshacl", path, args.out, args.pyshacl_timeout)
        if theirs["finished"]:
            same = theirs["rows"] == ours["rows"]
            print(f"pySHACL: {theirs['total_s']:8.1f} s (load {theirs['load_s']:.1f} s, "
                  f"validate {theirs['validate_s']:.1f} s; CPU {theirs['cpu_s']:.1f} s), peak RSS "
                  f"{theirs['peak_rss_mb']:,.0f} MB, {theirs['results']} results, "
                  f"conforms={theirs['conforms']}")
            print(f"ratio pySHACL/ours: {theirs['total_s'] / ours['total_s']:.1f}x wall, "
                  f"{theirs['cpu_s'] / ours['cpu_s']:.1f}x CPU; same results: {same}")
        else:
            same = None
            print(f"pySHACL: not finished after {args.pyshacl_timeout:.0f} s")
        for stats in (ours, theirs):
            stats.pop("rows", None)
        report["merged"] = {"triples": triples, "articles": count, "ours": ours,
                            "pyshacl": theirs, "same_results": same}
    if args.articles:
        found = per_article(args.articles, args.seed, args.every)
        print(f"per article ({found['articles']} graphs, {found['triples_mean']:.0f} triples "
              f"on average): mean (median) pySHACL {found['pyshacl_ms']['mean']:.1f} "
              f"({found['pyshacl_ms']['median']:.1f}) ms, ours "
              f"{found['ours_check_ms']['mean']:.3f} ({found['ours_check_ms']['median']:.3f})"
              f" ms, split_valid {found['ours_split_valid_ms']['mean']:.3f} "
              f"({found['ours_split_valid_ms']['median']:.3f}) ms; ratio "
              f"{found['ratio_mean']:.0f}x; equal results {found['equal_results']}/"
              f"{found['articles']}")
        cpu = found["cpu_ms_per_article"]
        print(f"per article, CPU: pySHACL {cpu['pyshacl']:.1f} ms, ours {cpu['ours_check']:.3f} "
              f"ms, split_valid {cpu['ours_split_valid']:.3f} ms; back to back: split_valid "
              f"{cpu['ours_split_valid_back_to_back']:.3f} ms, check of an article with no "
              f"result {cpu['ours_check_no_result']:.3f} ms ({found['no_result_articles']} "
              "such articles)")
        report["per_article"] = found
    (args.out / "validation.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
