"""How long the network page takes to write and to open in a real browser.

    python benchmarks/bench_viz.py                  # 500, 2,000 and 5,000 nodes
    python benchmarks/bench_viz.py --sizes 5000 --runs 3

The issue asks that the page "stays usable with 5,000 nodes": the figure that says so is
the time from navigation to the first drawn frame, read from the page itself
(``window.partygraphViz.renderedAt``, a ``performance.now()`` taken in the frame after
set-up), and to the end of the ForceAtlas2 layout the page runs a few iterations a frame
after that (``layout.doneAt``), in Debian's headless Chromium (software WebGL, so a
machine with a GPU does better). Beside it: the seconds :func:`write_html` takes, the page's
size, and the time of a search over every node. Results: ``benchmarks/results/viz.json``
and the table between ``<!-- bench:viz -->`` markers in ``benchmarks/README.md``.

The synthetic network is shaped like the organizational projection: organizations in a
hierarchy per province, persons holding one to three posts in them, with dates; its
generator is also what the browser test of 5,000 nodes draws.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "viz.json"
README = HERE / "README.md"
PROVINCES = ("Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Lào Cai", "Nghệ An", "Sơn La", "An Giang")
ORGTYPES = ("party", "state", "front")


def synthetic_network(nodes: int, seed: int = 7) -> nx.Graph:
    """About ``nodes`` nodes to the network helper's contract: one organization for every
    nine persons, each person linked to one to three of them with dated posts."""
    rng = random.Random(seed)
    g = nx.Graph()
    n_orgs = max(1, nodes // 10)
    orgs = []
    for i in range(n_orgs):
        org = f"https://example.org/id/org/{i}"
        province = PROVINCES[i % len(PROVINCES)]
        g.add_node(org, kind="organization", label=f"Tỉnh ủy số {i}", province=province,
                   orgtype=ORGTYPES[i % len(ORGTYPES)],
                   labels={"vi": f"Tỉnh ủy số {i}", "en": f"Provincial Committee {i}"})
        if i:
            parent = orgs[(i - 1) // 4]
            g.add_edge(org, parent, relation="subOrganizationOf", weight=1, start="", end="")
        orgs.append(org)
    for j in range(nodes - n_orgs):
        person = f"https://example.org/id/person/{j}"
        held = rng.sample(orgs, k=min(len(orgs), rng.randint(1, 3)))
        start = rng.randint(1995, 2020)
        posts = [{"role": "Phó Bí thư", "organization": g.nodes[o]["label"],
                  "start": f"{start}-0{rng.randint(1, 9)}-01", "end": str(start + 5),
                  "evidence": f"Ông Trần Văn {j} giữ chức Phó Bí thư.",
                  "source": f"https://example.org/id/doc/{j}"} for o in held]
        g.add_node(person, kind="person", label=f"Trần Văn {j}",
                   labels={"vi": f"Trần Văn {j}", "ru": f"Чан Ван {j}"},
                   province=g.nodes[held[0]]["province"], orgtype="", posts=posts)
        for org, post in zip(held, posts, strict=True):
            g.add_edge(person, org, relation="holds", weight=1, start=post["start"],
                       end=post["end"])
    return g


def open_page(driver: Any, page: Path, timeout: float = 120.0,
              settle: bool = False) -> tuple[float, float | None]:
    """Open ``page``, wait for its first drawn frame (and with ``settle`` for the end of
    its layout); the milliseconds from navigation to each."""
    driver.get(page.as_uri())
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = driver.execute_script(
            "var v = window.partygraphViz; if (!v || !v.isRendered()) return null;"
            "return [v.renderedAt, v.layout.done ? (v.layout.doneAt || v.renderedAt) : null]")
        if done is not None and (not settle or done[1] is not None):
            return float(done[0]), None if done[1] is None else float(done[1])
        time.sleep(0.05)
    raise TimeoutError(f"{page} was not drawn within {timeout} s")


def _driver() -> Any:
    sys.path.insert(0, str(HERE.parent / "tests"))
    import conftest_browser  # the tests' own flags and binaries
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = conftest_browser.CHROMIUM
    for flag in conftest_browser._FLAGS:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(conftest_browser.CHROMEDRIVER), options=options)


def run(sizes: list[int], runs: int) -> dict[str, Any]:
    from partygraph.viz_html import write_html

    results: dict[str, Any] = {}
    driver = _driver()
    try:
        with tempfile.TemporaryDirectory(prefix="partygraph-bench-viz-") as tmp:
            for size in sizes:
                graph = synthetic_network(size)
                page = Path(tmp) / f"network-{size}.html"
                started = time.perf_counter()
                write_html(graph, page)
                write_s = time.perf_counter() - started
                timings = [open_page(driver, page, settle=True) for _ in range(runs)]
                opened = [first for first, _ in timings]
                settled = [last or first for first, last in timings]
                search_ms = driver.execute_script(
                    "var t = performance.now(); window.partygraphViz.search('tran van 1');"
                    "return performance.now() - t")
                results[str(size)] = {
                    "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
                    "write_s": round(write_s, 3), "page_mb": round(page.stat().st_size / 1e6, 2),
                    "first_frame_ms_median": round(statistics.median(opened)),
                    "first_frame_ms_runs": [round(t) for t in opened],
                    "layout_settled_ms_median": round(statistics.median(settled)),
                    "search_ms": round(float(search_ms), 1)}
                print(f"{size:>6} nodes: write {write_s:.2f} s, first frame "
                      f"{statistics.median(opened) / 1000:.2f} s, layout settled "
                      f"{statistics.median(settled) / 1000:.2f} s, search {search_ms:.0f} ms, "
                      f"{page.stat().st_size / 1e6:.1f} MB")
    finally:
        driver.quit()
    return results


def table(record: dict[str, Any]) -> str:
    """The README block of one run."""
    lines = [f"Run: {record['date']}, `{record['command']}` (commit {record['commit']}), "
             "headless Debian Chromium with software WebGL, medians of "
             f"{record['runs']} loads. First frame: navigation to the first drawn frame; "
             "settled: to the end of the page's ForceAtlas2 layout (the graph can be "
             "searched, clicked and dragged meanwhile).", "",
             "| nodes | edges | write_html | page | first frame | layout settled | search |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for rec in record["sizes"].values():
        lines.append(f"| {rec['nodes']:,} | {rec['edges']:,} | {rec['write_s']:.2f} s "
                     f"| {rec['page_mb']:.1f} MB | {rec['first_frame_ms_median'] / 1000:.2f} s "
                     f"| {rec['layout_settled_ms_median'] / 1000:.1f} s "
                     f"| {rec['search_ms']:.0f} ms |")
    return "\n".join(lines)


def update_readme(record: dict[str, Any]) -> None:
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(r"(<!-- bench:viz -->).*?(<!-- /bench:viz -->)", re.S)
    body = table(record)
    README.write_text(pattern.sub(lambda m: f"{m.group(1)}\n{body}\n{m.group(2)}", text),
                      encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE,
                            capture_output=True, text=True, check=False).stdout.strip()
    record = {"date": dt.date.today().isoformat(), "commit": commit or "unknown",
              "command": "python benchmarks/bench_viz.py " + " ".join(sys.argv[1:]),
              "runs": args.runs, "sizes": run(args.sizes, args.runs)}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    update_readme(record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
