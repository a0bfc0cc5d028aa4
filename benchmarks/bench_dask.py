"""Dask benchmark: ``--executor dask`` on a LocalCluster of 1, 2 and 3 workers beside the
local ``--jobs 1`` and ``--jobs 2``, in one run, on the same synthetic texts; and whether
every build gave the bytes of the ``--jobs 1`` build.

Each build is a measured child (:func:`measure.task`: wall, CPU of the process tree, peak
memory). A Dask build's time includes starting its cluster (the workers import
partygraph), reported apart as ``cluster_s``. The machine is shared: read the speed-ups
as ratios within one run, beside its load average.

    python benchmarks/bench_dask.py --sizes 1000 [10000] [--work /tmp/bench-dask]
    python benchmarks/bench_dask.py --sizes 10000 --workers 2 --json /tmp/dask-10k.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure
from bench_build import texts

OUTPUTS = ("graph.trig", "graph.ttl", "identities.json", "mentions.jsonl",
           "validation.txt", "validation.ttl")
#: (label, --jobs, Dask workers or 0 for the local executor)
RUNS = (("local --jobs 1", 1, 0), ("local --jobs 2", 2, 0), ("dask, 1 worker", 1, 1),
        ("dask, 2 workers", 2, 2), ("dask, 3 workers", 3, 3))
#: A build that takes longer is reported as failed, not waited for.
TIMEOUT = 3600.0


# -- child ------------------------------------------------------------------------------

def build(texts: str, out: str, jobs: int, workers: int) -> dict[str, Any]:
    """Build ``texts`` into ``out`` (emptied first): locally with ``jobs``, or on a
    LocalCluster of ``workers``; the digest of each output."""
    from partygraph.dask_executor import DaskExecutor
    from partygraph.executors import LocalExecutor
    from partygraph.pipeline import build_corpus

    shutil.rmtree(out, ignore_errors=True)
    t0, c0 = time.perf_counter(), measure.cpu_now()
    executor = DaskExecutor(jobs=workers) if workers else LocalExecutor(jobs)
    with executor:
        cluster_s = time.perf_counter() - t0
        summary = build_corpus([Path(texts)], Path(out), executor=executor)
    seconds, cpu = time.perf_counter() - t0, measure.cpu_now() - c0
    return {"articles": summary.articles, "failed": len(summary.failed), "jobs": jobs,
            "workers": workers, "seconds": seconds, "cluster_s": cluster_s, "cpu_s": cpu,
            "digests": {name: hashlib.sha256((Path(out) / name).read_bytes()).hexdigest()
                        for name in OUTPUTS}}


# -- parent -----------------------------------------------------------------------------

def run(sizes: list[int], work: Path, seed: int = 7,
        runs: tuple[tuple[str, int, int], ...] = RUNS) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"cores": os.cpu_count(), "sizes": {}}
    for n in sizes:
        folder = texts(n, work, seed)
        rows = []
        for label, jobs, workers in runs:
            load = os.getloadavg()[0]
            got = measure.task("bench_dask:build", timeout=TIMEOUT, texts=str(folder),
                               out=str(work / f"out-{n}-{jobs}-{workers}"),
                               jobs=jobs, workers=workers)
            got.update(label=label, load=load)
            rows.append(got)
            print(f"{n} {label}: {got.get('seconds', got.get('error'))} s", file=sys.stderr)
        reference = rows[0].get("digests")
        for row in rows:
            row["same_bytes"] = reference is not None and row.get("digests") == reference
            row["speedup"] = rows[0]["seconds"] / row["seconds"] if "seconds" in row else None
        report["sizes"][str(n)] = rows
    return report


def table(report: dict[str, Any]) -> str:
    lines = [f"{report['cores']} cores.", "",
             "| articles | executor | wall | of which cluster start | CPU (all processes) "
             "| speed-up vs `--jobs 1` (wall) | peak RSS, all processes | same bytes as "
             "`--jobs 1` | load average at start |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for n, rows in report["sizes"].items():
        for row in rows:
            if "error" in row:
                lines.append(f"| {int(n):,} | {row['label']} | {row['error']} | | | | | | |")
                continue
            tree = row["process"].get("tree_peak_rss_mb", 0.0)
            lines.append(
                f"| {int(n):,} | {row['label']} | {row['seconds']:.1f} s | "
                f"{row['cluster_s']:.1f} s | {row['cpu_s']:.1f} s | {row['speedup']:.2f}x | "
                f"{tree:.0f} MB | {'yes' if row['same_bytes'] else '**no**'} | "
                f"{row['load']:.1f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-dask"))
    parser.add_argument("--json", type=Path,
                        default=Path(__file__).resolve().parent / "results" / "dask.json")
    parser.add_argument("--workers", type=int, nargs="+", default=None,
                        help="only the local --jobs 1 build and Dask on these worker counts")
    args = parser.parse_args()
    runs = RUNS if args.workers is None else \
        (RUNS[0], *(r for r in RUNS if r[2] in args.workers))
    report = run(args.sizes, args.work, runs=runs)
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(table(report))
    return 0 if all(r.get("same_bytes") for rows in report["sizes"].values()
                    for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
