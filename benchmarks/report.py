"""The README tables, regenerated from ``benchmarks/results/*.json``.

Why generated: a figure typed by hand drifts from the run that produced it. Each table
sits between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->`` in README.md and is
rewritten whole; everything outside the markers (the prose, the Neo4j section) is kept.
Every row: size, our figure, the reference's, the ratio, peak RSS, the target, met or not.

    python benchmarks/report.py        # re-render from the stored results
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
Rec = dict[str, Any]
Summary = list[tuple[str, str, str, bool | None]]     # (target, where, figure, met)
QUERY_ORDER = ("1k", "1M", "10M", "100k")
SYNTHETIC = ("1M", "10M")     # the sizes written by one generator (stores.py)
PARALLEL_STAGES = ("extract", "build triples", "validate")


def _load(results: Path, area: str) -> dict[str, Rec]:
    path = results / f"{area}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("records", {})


def _met(ok: bool | None) -> str:
    return "—" if ok is None else "yes" if ok else "**no**"


def _mb(rec: Rec, tree: bool = False) -> str:
    p = rec.get("process", {})
    value = p.get("tree_peak_rss_mb" if tree else "peak_rss_mb")
    return "—" if value is None else f"{value:,.0f} MB"


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{1000 * seconds:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _size(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def _runs(recs: list[Rec]) -> str:
    seen = sorted({(r.get("mode", "?"), r.get("date", "?"), r.get("command", "?"),
                    r.get("commit", "?") + (" + uncommitted builder/" if r.get("builder_dirty")
                                            else "")) for r in recs})
    return "; ".join(f"{m} mode, {d}, `{c}` (commit {g})" for m, d, c, g in seen) or \
        "not run yet"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    aligns = ["---" if i < 2 else "---:" for i in range(len(head))]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join(aligns) + "|"]
    return out + ["| " + " | ".join(r) + " |" for r in rows]


# -- build ------------------------------------------------------------------------------

def build_block(recs: dict[str, Rec], summary: Summary) -> list[str]:
    ok = {k: r for k, r in recs.items() if "error" not in r}
    sizes = sorted({int(k.split("-")[1]) for k in ok if k.startswith("build-")})
    rows: list[list[str]] = []
    for n in sizes:
        b, tok = ok.get(f"build-{n}-j1"), ok.get(f"tokenize-{n}")
        if b is None:
            continue
        per_core = b["articles"] / b["cpu_s"]
        rows.append([_size(n), "articles/s per core (CPU time), `--jobs 1`",
                     f"{per_core:,.0f}/s ({b['articles'] / b['seconds']:,.0f}/s wall)",
                     "—", "—", _mb(b), "≥ 200/s", _met(per_core >= 200)])
        summary.append(("≥ 200 articles/s per core", f"{_size(n)} articles",
                        f"{per_core:,.0f}/s", per_core >= 200))
        if tok:
            ratio = b["cpu_s"] / tok["cpu_s"]
            rows.append([_size(n), "build time / spaCy blank tokenizer time (CPU; wall)",
                         f"{1000 * b['cpu_s'] / n:.1f} ms/article ({1000 * b['seconds'] / n:.1f})",
                         f"{1000 * tok['cpu_s'] / n:.2f} ms/article "
                         f"({1000 * tok['seconds'] / n:.2f})",
                         f"{ratio:,.0f}x ({b['seconds'] / tok['seconds']:,.0f}x)",
                         f"{_mb(b)} / {_mb(tok)}", "≤ 3x", _met(ratio <= 3)])
            summary.append(("build ≤ 3x spaCy tokenizer", f"{_size(n)} articles",
                            f"{ratio:,.0f}x", ratio <= 3))
        b2 = ok.get(f"build-{n}-j2")
        if b2:
            speedup = b["seconds"] / b2["seconds"]
            load = b2["process"].get("load_avg_1min")
            rows.append([_size(n), "`--jobs 2` vs `--jobs 1` (wall" + (
                f"; load average {load:.1f} on 2 cores)" if load else ")"),
                f"{b2['seconds']:,.1f} s",
                         f"{b['seconds']:,.1f} s", f"{speedup:.2f}x",
                         f"{_mb(b2, tree=True)} (all processes)", "≥ 1.7x",
                         _met(speedup >= 1.7)])
            summary.append(("`--jobs 2` ≥ 1.7x", f"{_size(n)} articles", f"{speedup:.2f}x",
                            speedup >= 1.7))
    base = 1000 if "build-1000-j1" in ok else next(
        (n for n in sizes if f"build-{n}-j1" in ok), None)
    for n in sizes:
        if base is None or n <= base or f"build-{n}-j1" not in ok:
            continue
        b0, b = ok[f"build-{base}-j1"], ok[f"build-{n}-j1"]
        t0, t = b0["cpu_s"] / b0["articles"], b["cpu_s"] / b["articles"]
        m0, m = b0["process"]["peak_rss_mb"], b["process"]["peak_rss_mb"]
        rows.append([f"{_size(n)} vs {_size(base)}", "CPU time per article",
                     f"{1000 * t:.1f} ms", f"{1000 * t0:.1f} ms", f"{t / t0:.2f}",
                     "—", "≤ 1.2", _met(t / t0 <= 1.2)])
        rows.append([f"{_size(n)} vs {_size(base)}", "peak RSS", f"{m:,.0f} MB",
                     f"{m0:,.0f} MB", f"{m / m0:.2f}", "—", "≤ 1.2", _met(m / m0 <= 1.2)])
        summary.append(("flat time per article", f"{_size(n)} vs {_size(base)}",
                        f"{t / t0:.2f}", t / t0 <= 1.2))
        summary.append(("flat peak memory", f"{_size(n)} vs {_size(base)}", f"{m / m0:.2f}",
                        m / m0 <= 1.2))
    failed = [f"{k}: {r['error']}" for k, r in recs.items() if "error" in r]
    out = [f"Run: {_runs(list(recs.values()))}.", ""]
    out += _table(["articles", "measure", "partygraph", "reference", "ratio", "peak RSS",
                   "target", "met"], rows)
    return out + ([""] + [f"Failed: {f}" for f in failed] if failed else [])


def profile_block(recs: dict[str, Rec]) -> list[str]:
    ok = [r for r in recs.values() if "error" not in r]
    if not ok:
        return ["Not run yet."]
    rec = ok[-1]
    rows = [[stage, f"{v['seconds']:,.1f} s", f"{100 * v['share']:.0f}%"]
            for stage, v in sorted(rec["stages"].items(), key=lambda kv: -kv[1]["seconds"])]
    out = [f"Run: {_runs(ok)}: pyinstrument over a `--jobs 1` build of {rec['articles']:,} "
           f"articles, {rec['seconds']:,.1f} s under the profiler (wall); the full tree is "
           "in `benchmarks/results/profile-build.txt`.", ""]
    share = {k.split(" (")[0]: v["share"] for k, v in rec["stages"].items()}
    pass1 = max(share.get("ingest", 0) + share.get("identities", 0),
                share.get("extract", 0) / 2)
    pass2 = max(share.get("store", 0),
                (share.get("validate", 0) + share.get("build triples", 0)) / 2)
    par = sum(share.get(k, 0) for k in PARALLEL_STAGES)
    serial = 1 - par - sum(share.get(k, 0) for k in ("ingest", "identities", "store"))
    out = [*out, *_table(["stage", "time", "share"], rows), "",
           f"`--jobs N` runs extract, build triples and validate in workers: {100 * par:.0f}% "
           "of the build. The parent reads the texts while the workers extract (pass 1) and "
           "stores while they validate (pass 2); everything else runs after, in the parent. "
           f"So on two idle cores `--jobs 2` can be at most "
           f"{1 / (pass1 + pass2 + serial):.2f}x faster than `--jobs 1` (Amdahl's law with "
           "that overlap)."]
    return out


# -- queries ----------------------------------------------------------------------------

def _query_recs(recs: dict[str, Rec]) -> list[Rec]:
    return sorted((r for r in recs.values() if "ours" in r),
                  key=lambda r: QUERY_ORDER.index(r["size"]))


def listing_block(recs: dict[str, Rec], summary: Summary) -> list[str]:
    rows = []
    for rec in _query_recs(recs):
        ref = rec.get("rdflib", {})
        for name, ours in rec["ours"].items():
            if "error" in ours:
                rows.append([rec["label"], name, "—", f"failed: {ours['error']}", *["—"] * 6])
                continue
            mine = ours["listing"]
            theirs = ref.get("queries", {}).get(name, {}).get("listing") if ref else None
            if not ref:
                t_ref, ratio, ok = rec.get("rdflib_note", "not run"), "—", None
            elif "error" in ref:
                t_ref, ratio, ok = f"rdflib failed ({ref['error']})", "—", None
            elif theirs["seconds"] is None:
                bound = ref["limit_s"] / mine["median_s"]
                t_ref, ratio, ok = f"> {ref['limit_s']:.0f} s (stopped)", f"> {bound:,.0f}x", \
                    bound >= 10
            else:
                r = theirs["seconds"] / mine["median_s"]
                rc = theirs.get("cpu_s", theirs["seconds"]) / mine.get("cpu_median_s",
                                                                        mine["median_s"])
                t_ref, ratio, ok = _ms(theirs["seconds"]), f"{r:,.1f}x ({rc:,.1f}x)", rc >= 10
                if theirs["rows"] != mine["rows"]:
                    t_ref += f" ({theirs['rows']} rows!)"
            rows.append([rec["label"], name, f"{mine['rows']:,}", _ms(mine["median_s"]), t_ref,
                         ratio, f"{_mb(ours)} / {_mb(ref) if ref else '—'}", "≥ 10x",
                         _met(ok)])
            if ok is not None:
                summary.append(("listing ≥ 10x rdflib", f"{name}, {rec['size']}", ratio, ok))
    return [f"Run: {_runs(_query_recs(recs))}. Time in process (median of the repeats after "
            "one cold run), rows in the answer; the ratio is on wall time (CPU time in "
            "parentheses, which decides *met*: the machine is shared); rdflib runs the same "
            "text on an in-memory `Graph` of the same merged triples "
            "(its peak RSS is the whole graph's).", "",
            *_table(["store", "query (listing)", "rows", "partygraph", "rdflib", "ratio",
                "peak RSS ours / rdflib", "target", "met"], rows)]


def selective_block(recs: dict[str, Rec], summary: Summary) -> list[str]:
    rows = []
    for rec in _query_recs(recs):
        ref = rec.get("rdflib", {})
        for name, ours in rec["ours"].items():
            for i, sel in enumerate(ours.get("selective", [])):
                if not sel["n"]:
                    continue
                theirs = None
                if ref and "error" not in ref:
                    theirs = ref["queries"][name]["selective"][i]
                p50 = theirs["p50_s"] if theirs else None
                ratio = f"{p50 / sel['p50_s']:,.0f}x" if p50 else "—"
                if p50 and theirs.get("cpu_p50_s") and sel.get("cpu_p50_s"):
                    ratio += f" ({theirs['cpu_p50_s'] / sel['cpu_p50_s']:,.0f}x)"
                n_ref = len([t for t in theirs["times_s"] if t is not None]) if theirs else 0
                same = theirs and theirs["rows"] == sel["rows"][:len(theirs["rows"])]
                ok = sel.get("cpu_p95_s", sel["p95_s"]) < 0.05
                rows.append([rec["label"], f"{name} ({sel['param']})",
                             f"{min(sel['rows'])}–{max(sel['rows'])}",
                             f"{_ms(sel['p50_s'])} / {_ms(sel['p95_s'])}"
                             + (f" ({_ms(sel['cpu_p95_s'])})" if sel.get("cpu_p95_s") else ""),
                             (f"{_ms(p50)} (n={n_ref}{'' if same else ', rows differ!'})"
                              if theirs else "not run"), ratio, _mb(ours),
                             "p95 < 50 ms", _met(ok)])
                if rec["size"] in ("10M", "100k") or rec is _query_recs(recs)[-1]:
                    summary.append(("selective p95 < 50 ms (at 10M triples)",
                                    f"{name} ({sel['param']}), {rec['size']}",
                                    _ms(sel.get("cpu_p95_s", sel["p95_s"])), ok))
    return ["Up to 20 values per form, drawn with a seeded RNG from the values the data can "
            "answer; partygraph p50 / p95 over them (after one warm-up; CPU p95 in parentheses), "
            "rdflib p50 over the first few of the same values (n), rows compared; the "
            "latency target is judged on CPU time (see above).", "",
            *_table(["store", "query (parameter)", "rows", "partygraph p50 / p95",
                "rdflib p50", "ratio p50", "peak RSS", "target", "met"], rows)]


def cli_block(recs: dict[str, Rec], summary: Summary) -> list[str]:
    rows = []
    for rec in _query_recs(recs):
        for name, runs in rec.get("cli", {}).items():
            forms: dict[str, list[Rec]] = {}
            for r in runs:
                forms.setdefault(r["form"], []).append(r)
            for form, rs in forms.items():
                walls = [r["wall_s"] for r in rs]
                cpus = [r["cpu_s"] for r in rs]
                ok = all(r["returncode"] == 0 for r in rs) and max(cpus) < 1.0
                rows.append([rec["label"], f"{name} ({form})", str(len(rs)),
                             f"{max(walls):.2f} s / {statistics.median(walls):.2f} s "
                             f"({max(cpus):.2f} s)",
                             "/".join(str(r["rows"]) for r in rs),
                             f"{max(r['peak_rss_mb'] for r in rs):,.0f} MB", "< 1 s", _met(ok)])
                summary.append(("CLI < 1 s", f"{name} ({form}), {rec['size']}",
                                f"{max(cpus):.2f} s CPU", ok))
    return ["`partygraph query NAME --store DIR --format csv [--param k=v]`, start-up "
            "included: wall time max / median over the runs (CPU time max, which decides "
            "*met*).", "",
            *_table(["store", "query (form)", "runs", "wall max / median (CPU)", "rows",
                     "peak RSS",
                "target", "met"], rows)]


def scaling_block(recs: dict[str, Rec], summary: Summary) -> list[str]:
    done = [r for r in _query_recs(recs)]
    if len(done) < 2:
        return ["Needs two store sizes (`make bench-full`)."]
    rows = []
    synthetic = sum(r["size"] in SYNTHETIC for r in done)
    for name in done[0]["ours"]:
        cells, pts, generated = [], [], []
        for rec in done:
            lst = rec["ours"].get(name, {}).get("listing")
            if lst:
                cpu = lst.get("cpu_median_s", lst["median_s"])
                cells.append(f"{lst['rows']:,} / {_ms(lst['median_s'])} (CPU {_ms(cpu)})")
                pts.append((lst["rows"], cpu))
                if rec["size"] in SYNTHETIC:
                    generated.append((lst["rows"], cpu))
            else:
                cells.append("—")
        if synthetic >= 2:          # same generator at both ends: compare those
            pts = generated
        if len(pts) >= 2 and pts[0][0] and pts[0][1]:
            growth = (pts[-1][1] / pts[0][1]) / max(pts[-1][0] / pts[0][0], 1.0)
            ok = growth <= 1.2
            rows.append([name, *cells, f"{growth:.2f}", "≤ 1.2", _met(ok)])
            summary.append(("time grows no faster than rows", name, f"{growth:.2f}", ok))
    head = ["query (listing)", *[f"rows / time, {r['label']}" for r in done],
            "time growth / rows growth", "target", "met"]
    return ["Listing forms at each store size (wall, CPU in parentheses). The growth column "
            "is (CPU time at the largest / at the smallest) / max(1, rows at the largest / at "
            "the smallest), between the synthetic stores when there are two (same generator), "
            "else from the 1k-article build.",
            "", *_table(head, rows)]


# -- validation -------------------------------------------------------------------------

def validation_block(recs: dict[str, Rec], summary: Summary) -> list[str]:
    rows = []
    for rec in recs.values():
        if "error" in rec:
            rows.append(["—", "failed", rec["error"], *["—"] * 5])
            continue
        m = rec.get("merged")
        if m:
            ours, ref = m["ours"], m["pyshacl"]
            size = f"{m['triples']:,} triples"
            if ref.get("finished"):
                ratio = ref["total_s"] / ours["total_s"]
                cpu = ref.get("cpu_s", ref["total_s"]) / ours.get("cpu_s", ours["total_s"])
                ref_txt = (f"{ref['total_s']:,.1f} s (load {ref['load_s']:.1f}, validate "
                           f"{ref['validate_s']:.1f}; CPU {ref.get('cpu_s', 0):,.1f})")
                ok = cpu >= 10
                ratio_txt = f"{ratio:,.1f}x ({cpu:,.1f}x)"
            else:
                ref_txt, ok, ratio_txt = f"not finished in {ref['timeout_s']:.0f} s", True, ">"
            rows.append([size, "load + validate the merged graph",
                         f"{ours['total_s']:,.1f} s (load {ours['load_s']:.1f}, validate "
                         f"{ours['validate_s']:.1f}; CPU {ours.get('cpu_s', 0):,.1f})", ref_txt,
                         ratio_txt,
                         f"{ours['peak_rss_mb']:,.0f} MB / "
                         f"{ref.get('peak_rss_mb', 0):,.0f} MB", "≥ 10x", _met(ok)])
            summary.append(("validation ≥ 10x pySHACL", size, ratio_txt, ok))
            same = m.get("same_results")
            rows.append([size, "violations found", str(ours["results"]),
                         str(ref.get("results", "—")), "—", "—", "equal sets",
                         _met(same)])
            summary.append(("equal violation sets", size, str(ours["results"]), same))
        a = rec.get("per_article")
        if a:
            cpu = a.get("cpu_ms_per_article", {})
            mine = cpu.get("ours_check", a["ours_check_ms"]["mean"])
            theirs = cpu.get("pyshacl", a["pyshacl_ms"]["mean"])
            ratio = theirs / mine
            rows.append([f"{a['articles']} article graphs (~{a['triples_mean']:.0f} triples)",
                         "validate one article (mean, CPU)", f"{mine:.2f} ms",
                         f"{theirs:.1f} ms", f"{ratio:,.0f}x", "—",
                         f"≥ 10x, equal ({a['equal_results']}/{a['articles']})",
                         _met(ratio >= 10 and a["equal_results"] == a["articles"])])
    script = "; ".join(sorted({r.get("script", "") for r in recs.values()}))
    return [f"Run: {_runs(list(recs.values()))} (which runs `{script}`). Ratios on wall "
            "time (CPU time in parentheses, which decides *met*). Each engine in its "
            "own process; ours is `partygraph.validate`'s path (pyoxigraph parse + compiled "
            "shapes), pySHACL is rdflib parse + `pyshacl.validate` with the project's "
            "options.", "",
            *_table(["size", "measure", "partygraph", "pySHACL", "ratio", "peak RSS ours / pySHACL",
                "target", "met"], rows)]


def summary_block(summary: Summary) -> list[str]:
    by_target: dict[str, list[tuple[str, str, bool | None]]] = {}
    for target, where, figure, ok in summary:
        by_target.setdefault(target, []).append((where, figure, ok))
    rows = []
    for target, items in by_target.items():
        bad = [f"{w}: {f}" for w, f, ok in items if ok is False]
        good = [f"{w}: {f}" for w, f, ok in items if ok]
        met = None if not bad and not good else not bad
        rows.append([target, _met(met), f"{len(good)}/{len(good) + len(bad)}",
                     "; ".join(bad[:6]) + (" …" if len(bad) > 6 else "") or "—"])
    return _table(["target", "met", "measurements meeting it", "not met (figure)"], rows)


BLOCKS: dict[str, Callable[[dict[str, dict[str, Rec]], Summary], list[str]]] = {
    "build": lambda r, s: build_block(r["build"], s),
    "profile": lambda r, s: profile_block(r["profile"]),
    "queries-listing": lambda r, s: listing_block(r["queries"], s),
    "queries-selective": lambda r, s: selective_block(r["queries"], s),
    "queries-cli": lambda r, s: cli_block(r["queries"], s),
    "queries-scaling": lambda r, s: scaling_block(r["queries"], s),
    "validation": lambda r, s: validation_block(r["validation"], s),
}


def render(results: Path) -> dict[str, str]:
    recs = {a: _load(results, a) for a in ("build", "profile", "queries", "validation")}
    summary: Summary = []
    out = {}
    for name, fn in BLOCKS.items():
        has = recs["queries" if name.startswith("queries") else name]
        out[name] = "\n".join(fn(recs, summary) if has else ["Not run yet."])
    out["summary"] = "\n".join(summary_block(summary))
    return out


def update_readme(results: Path, readme: Path) -> None:
    """Replace each marked block of ``readme`` with its table (unknown markers stay)."""
    text = readme.read_text(encoding="utf-8")
    for name, body in render(results).items():
        pattern = re.compile(rf"(<!-- bench:{name} -->).*?(<!-- /bench:{name} -->)", re.S)
        text = pattern.sub(lambda m, b=body: f"{m.group(1)}\n{b}\n{m.group(2)}", text)
    readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    update_readme(HERE / "results", HERE / "README.md")
    sys.exit(0)
