"""The benchmark suite: build, profile, queries and validation, each beside a reference.

    python benchmarks/suite.py            # quick mode (make bench, < 10 minutes)
    python benchmarks/suite.py --full     # 1k/10k/100k articles, ~1M/~10M triples (hours)
    python benchmarks/suite.py --full --only queries --query-sizes 1M

Why this shape: users feed partygraph hundreds of thousands of articles, so the claim to
prove is how each part *scales*; the machine is a shared 2-core box, so every figure is
set beside a reference tool measured in the same run (a ratio, not an absolute time),
each measurement runs in its own process with its own peak memory (:mod:`measure`), and
CPU time is kept beside wall time. Results go to ``benchmarks/results/*.json`` (merged by
measurement id, so a partial run updates only what it measured) and the tables of
``benchmarks/README.md`` are regenerated from them (:mod:`report`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_build
import bench_queries
import bench_validation
import measure
import report
from stores import sized_store

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
AREAS = ("build", "profile", "queries", "validation")

#: What each mode measures. Query sizes: "1k" is the real build of 1,000 articles;
#: "1M" / "10M" are synthetic stores of that many merged triples (stores.py); "100k" is
#: the real build of 100,000 articles (``--only build --sizes 100000`` makes it: about an
#: hour, so it is never built here), asked for by name (``--query-sizes 100k``).
MODES: dict[str, dict[str, Any]] = {
    "quick": {"build_sizes": [200, 1000], "jobs2_sizes": [1000], "profile": 1000,
              "query_sizes": ["1k"], "samples": 20, "repeats": 3, "rdflib_values": 3,
              "rdflib_limit_s": 120.0, "cli_selective": 1,
              "validation": (50_000, 30), "pyshacl_timeout": 600.0},
    "full": {"build_sizes": [1000, 10_000, 100_000], "jobs2_sizes": [1000, 10_000],
             "profile": 1000, "query_sizes": ["1k", "1M", "10M"], "samples": 20,
             "repeats": 3, "rdflib_values": 5, "rdflib_limit_s": 600.0, "cli_selective": 5,
             "validation": (1_000_000, 200), "pyshacl_timeout": 3600.0},
}
SYNTHETIC_TRIPLES = {"1M": 1_000_000, "10M": 10_000_000}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def save(area: str, records: dict[str, Any], stamp: dict[str, Any], *,
         replace_mode: bool = False) -> None:
    """Merge ``records`` into ``results/AREA.json`` (same id: the new one wins); with
    ``replace_mode`` the earlier records of the same mode go first (a run of the mode's
    whole configuration leaves none of an older one behind)."""
    path = RESULTS / f"{area}.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    old.setdefault("records", {})
    if replace_mode:
        old["records"] = {k: r for k, r in old["records"].items()
                          if r.get("mode") != stamp["mode"]}
    for key, rec in records.items():
        old["records"][key] = {**rec, **stamp}
    path.write_text(json.dumps(old, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _revision() -> dict[str, Any]:
    """The commit measured, and whether builder/ had uncommitted changes (read-only git)."""
    def git(*a: str) -> str:
        done = subprocess.run(["git", *a], cwd=HERE.parent, capture_output=True, text=True)
        return done.stdout.strip()
    return {"commit": git("rev-parse", "--short", "HEAD"),
            "builder_dirty": bool(git("status", "--porcelain", "--", "builder"))}


def query_store(size: str, work: Path, seed: int) -> tuple[Path, str]:
    """The store folder for a query size, built if needed (not measured)."""
    if size == "1k":
        store = work / "build-1000-j1" / "store"
        if not store.exists():
            log("building the 1k-article store for the queries")
            folder = bench_build.texts(1000, work, seed)
            measure.task("bench_build:build", texts=str(folder),
                         out=str(work / "build-1000-j1"), jobs=1)
        return store, "1k articles (real build)"
    if size == "100k":
        store = work / "build-100000-j1" / "store"
        if not store.exists():
            raise SystemExit(f"{store} is missing: run `python benchmarks/suite.py --full "
                             "--only build --sizes 100000` first (about an hour)")
        return store, "100k articles (real build)"
    target = SYNTHETIC_TRIPLES[size]
    log(f"synthetic store of ~{target:,} triples (reused when already built)")
    meta = sized_store(target, work / f"store-{size}", seed)
    return work / f"store-{size}" / "store", (
        f"{meta['merged_triples'] / 1e6:.1f}M triples ({meta['articles']:,} synthetic articles)")


#: The reference tools each area imports (the ``bench`` extra), checked before anything
#: runs: a missing one used to surface as a failed measurement after an hour's build.
NEEDS = {"build": ("spacy",), "profile": ("pyinstrument",)}


def missing_tools(areas: set[str]) -> list[str]:
    """The modules the chosen areas need that this Python cannot import."""
    wanted = sorted({m for area in areas for m in NEEDS.get(area, ())})
    return [m for m in wanted if importlib.util.find_spec(m) is None]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--full", action="store_true", help="the full sizes (takes hours)")
    ap.add_argument("--only", default=",".join(AREAS), help=f"some of {','.join(AREAS)}")
    ap.add_argument("--sizes", help="build sizes, e.g. 1000,10000 (default: the mode's)")
    ap.add_argument("--query-sizes", help="query stores, e.g. 1k,1M,10M (default: the mode's)")
    ap.add_argument("--rdflib-max", default="10M",
                    help="largest query size to run the rdflib reference on (1k, 1M, 10M)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path,
                    default=Path(os.environ.get("BENCH_WORK", "/tmp/partygraph-bench")),
                    help="scratch folder for texts, builds and stores (can be large)")
    ap.add_argument("--no-readme", action="store_true", help="do not rewrite README tables")
    args = ap.parse_args(argv)
    mode = "full" if args.full else "quick"
    cfg = dict(MODES[mode])
    if args.sizes:
        cfg["build_sizes"] = [int(s) for s in args.sizes.split(",")]
        cfg["jobs2_sizes"] = [s for s in cfg["jobs2_sizes"] if s in cfg["build_sizes"]]
    if args.query_sizes:
        cfg["query_sizes"] = args.query_sizes.split(",")
    only = set(args.only.split(","))
    if missing := missing_tools(only):
        raise SystemExit(f"the benchmarks need {', '.join(missing)} (the bench extra): run "
                         "`pip install -e '.[bench]'` (make bench does) and start again")
    args.work.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(exist_ok=True)
    free_gb = shutil.disk_usage(args.work).free / 1e9
    log(f"{mode} mode in {args.work} ({free_gb:.0f} GB free), areas: {', '.join(sorted(only))}")
    command = "python benchmarks/suite.py " + " ".join(shlex.quote(a) for a in (argv or
                                                                                sys.argv[1:]))
    stamp = {"mode": mode, "date": dt.date.today().isoformat(), "command": command.strip(),
             **_revision()}
    whole = not args.sizes
    started = time.perf_counter()
    if "build" in only or "profile" in only:
        found = bench_build.run(
            args.work, cfg["build_sizes"] if "build" in only else [],
            cfg["jobs2_sizes"] if "build" in only else [],
            cfg["profile"] if "profile" in only else None, args.seed, RESULTS, log)
        save("build", {k: v for k, v in found.items() if not k.startswith("profile")}, stamp,
             replace_mode=whole and "build" in only)
        save("profile", {k: v for k, v in found.items() if k.startswith("profile")}, stamp)
    if "queries" in only:
        order = list(report.QUERY_ORDER)     # 1k, 1M, 10M, 100k
        largest = max(cfg["query_sizes"], key=order.index)
        for size in sorted(cfg["query_sizes"], key=order.index):
            store, label = query_store(size, args.work, args.seed)
            rec = bench_queries.run(
                label, store, args.work, seed=args.seed, samples=cfg["samples"],
                repeats=cfg["repeats"], rdflib=order.index(size) <= order.index(args.rdflib_max),
                rdflib_values=cfg["rdflib_values"], rdflib_limit_s=cfg["rdflib_limit_s"],
                cli_listing=size == "1k",
                cli_selective=cfg["cli_selective"] if size == largest else 0, log=log)
            rec["size"] = size
            if "rdflib" not in rec:
                rec["rdflib_note"] = f"not run (above --rdflib-max {args.rdflib_max})"
            save("queries", {f"queries-{size}": rec}, stamp,
                 replace_mode=not args.query_sizes and size == cfg["query_sizes"][0])
    if "validation" in only:
        triples, articles = cfg["validation"]
        rec = bench_validation.run(args.work, triples, articles, args.seed,
                                   cfg["pyshacl_timeout"], log)
        save("validation", {f"validation-{triples}": rec}, stamp, replace_mode=True)
    log(f"done in {time.perf_counter() - started:.0f} s")
    if not args.no_readme:
        report.update_readme(RESULTS, HERE / "README.md")
        log("benchmarks/README.md tables regenerated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
