"""Adversarial inputs under a time budget: one build per input, each in a measured child.

The unit tests (``tests/reliability/``) check with small inputs that each pass is linear;
this is where large ones are timed: single-line articles of 1 to 4.9 MB (under the 5 MB
limit of a document), with and without full stops (a page without them is one sentence,
where every per-sentence pass meets thousands of names and titles), a list of titles
and names joined by commas, 100,000 nested ``<div>``\\ s, a page of ``<`` without ``>``, and
a 6 MB JSONL feed of 2,040 small records. Each build must end (exit 0 or 1) within its
budget of CPU time; the figures go to ``results/hostile.json`` and the README's table.

    python benchmarks/bench_hostile.py [--only NAME …] [--work /tmp/partygraph-hostile]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
import synthetic  # noqa: E402

MB = 1_000_000
RESULTS = HERE / "results" / "hostile.json"
KILL_AFTER = 5


def _sentences(size: int, full_stops: bool = True) -> str:
    """Synthetic article text (English and French) on one line, ``size`` bytes."""
    parts: list[str] = []
    total = 0
    for art in synthetic.articles(400):
        line = " ".join(art.text.split())
        if not full_stops:
            line = line.replace(".", " ")
        parts.append(line)
        total += len(line.encode()) + 1
        if total >= size:
            break
    text = " ".join(parts)
    while len(text.encode()) < size:
        text = text + " " + text
    return text.encode()[:size].decode("utf-8", "ignore")


def _commas(size: int) -> str:
    unit = "Secretary Nguyen Van An, Vice-Chairman Tran Thi Binh, member Le Van Cuong, "
    return (unit * (size // len(unit) + 1))[:size]


def _nested(n: int) -> str:
    return "<html><body>" + "<div>" * n + "Comrade Nguyen Van An chaired the meeting" \
        + "</div>" * n + "</body></html>"


def _jsonl(records: int, size: int) -> str:
    body = _sentences(size // records)
    return "".join(json.dumps({"id": f"r{i:04d}", "text": f"Record {i}. {body}",
                               "lang": "en"}) + "\n" for i in range(records))


#: name -> (file name, text maker, budget in seconds)
CASES: dict[str, tuple[str, Callable[[], str], float]] = {
    "line-1mb": ("line-1mb.txt", lambda: _sentences(1 * MB), 120),
    "line-4.9mb": ("line-4.9mb.txt", lambda: _sentences(4_900_000), 600),
    "no-stops-1mb": ("no-stops-1mb.txt", lambda: _sentences(1 * MB, False), 120),
    "no-stops-4.9mb": ("no-stops-4.9mb.txt", lambda: _sentences(4_900_000, False), 600),
    "commas-1mb": ("commas-1mb.txt", lambda: _commas(1 * MB), 120),
    "nested-divs-100k": ("nested.html", lambda: _nested(100_000), 60),
    "angle-brackets-1mb": ("angles.html", lambda: "<html><body>" + "<" * MB + "</body></html>",
                           60),
    "jsonl-6mb-2040": ("feed.jsonl", lambda: _jsonl(2040, 6_100_000), 900),
}


def run_case(name: str, work: Path) -> dict[str, object]:
    file_name, make, budget = CASES[name]
    folder = work / name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    if not path.exists():
        path.write_text(make(), encoding="utf-8")
    out = folder / "out"
    # the budget is CPU time (the machine is shared: wall time there is 2-5x the CPU
    # time); a run is killed at KILL_AFTER times the budget in wall time
    m = measure.run([sys.executable, "-m", "partygraph.cli", "build", str(path), "--out",
                     str(out), "--fresh"], timeout=budget * KILL_AFTER)
    m.pop("stdout")
    stderr = m.pop("stderr")
    ok = not m["timed_out"] and m["returncode"] in (0, 1) and m["cpu_s"] <= budget
    return {"input": file_name, "bytes": path.stat().st_size, "budget_s": budget,
            "met": ok, **m, "last_error": "" if ok else stderr[-500:]}


def table(results: dict[str, dict]) -> str:
    lines = ["| input | size | CPU budget | wall | CPU | peak RSS | exit | met |",
             "|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['bytes'] / MB:.1f} MB | {r['budget_s']:.0f} s | "
                     f"{r['wall_s']:.1f} s | {r['cpu_s']:.1f} s | {r['peak_rss_mb']:.0f} MB | "
                     f"{r['returncode']} | {'yes' if r['met'] else '**no**'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=sorted(CASES))
    parser.add_argument("--work", type=Path, default=Path("/tmp/partygraph-hostile"))
    args = parser.parse_args(argv)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for name in args.only or CASES:
        results[name] = run_case(name, args.work)
        print(f"{name}: {results[name]['wall_s']:.1f} s wall, "
              f"{results[name]['cpu_s']:.1f} s CPU, met={results[name]['met']}", flush=True)
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    print(table({k: results[k] for k in CASES if k in results}))
    return 0 if all(r["met"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
