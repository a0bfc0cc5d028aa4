"""Build benchmark: the whole build (texts -> store + outputs) beside spaCy's tokenizer.

Why spaCy's blank tokenizer as the reference: it is the cheapest thing any NLP pipeline
does to a text (split it into tokens, no model), so "build time / tokenizer time" says
how many tokenizations' worth of work the build spends per article, a ratio that does
not depend on how busy the shared machine is. Both read the same files in the same run.

The functions without a leading underscore run in a measured child
(:func:`measure.task`); :func:`run` is the parent side.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure
from synthetic import write_texts

#: (stage, fragment of the frame's file, function names, class names): the first rule an
#: outermost frame matches gives its stage (empty = any). By name, not line, because
#: builder/ moves code around (see :func:`_stages`).
STAGE_RULES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("outputs (graph.trig, graph.ttl, validation.*)", "builder/", ("_write_outputs",), ()),
    ("cross-article (timeline, merged-graph SHACL)", "builder/", (),
     ("AcrossArticles", "_AcrossArticles")),
    ("cross-article (timeline, merged-graph SHACL)", "builder/across.py", (), ()),
    ("store (replace_graph: article + merged graph)", "builder/", ("store_article",), ()),
    ("validate (split_valid, compiled SHACL)", "builder/", ("split_valid",), ()),
    ("build triples (article_triples)", "builder/", ("article_triples",), ()),
    ("extract", "builder/extract/", ("extract",), ()),
    ("identities (resolve)", "builder/resolve.py", (), ()),
    ("identities (resolve)", "builder/keys.py", (), ()),
    ("ingest (read, decode, detect language)", "builder/ingest.py", (), ()),
    ("gazetteer load", "builder/gazetteer.py", ("load",), ()),
)


def texts(n: int, work: Path, seed: int) -> Path:
    """The folder of ``n`` synthetic texts of ``seed`` (written once, then reused)."""
    folder = work / f"texts-{n}-s{seed}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_texts(n, folder, seed)
        done.touch()
    return folder


# -- children ---------------------------------------------------------------------------

def build(texts: str, out: str, jobs: int) -> dict[str, Any]:
    """Build ``texts`` into ``out`` (emptied first) with ``jobs`` workers."""
    from partygraph.pipeline import build_corpus

    shutil.rmtree(out, ignore_errors=True)
    t0, c0 = time.perf_counter(), measure.cpu_now()
    summary = build_corpus([Path(texts)], Path(out), jobs=jobs)
    seconds, cpu = time.perf_counter() - t0, measure.cpu_now() - c0
    return {"articles": summary.articles, "failed": len(summary.failed), "jobs": jobs,
            "seconds": seconds, "cpu_s": cpu, "merged_triples": summary.triples,
            "violations": len(summary.violations),
            "outputs_mb": sum(f.stat().st_size for f in Path(out).glob("graph.*")) / 1e6}


def tokenize(texts: str) -> dict[str, Any]:
    """spaCy's blank English tokenizer over the same files (read included)."""
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.blank("en")
    loaded = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), measure.cpu_now()
    paths = sorted(p for p in Path(texts).iterdir() if p.suffix == ".txt")
    docs = (p.read_text(encoding="utf-8") for p in paths)
    tokens = sum(len(doc) for doc in nlp.pipe(docs, batch_size=256))
    seconds, cpu = time.perf_counter() - t0, measure.cpu_now() - c0
    return {"articles": len(paths), "tokens": tokens, "seconds": seconds, "cpu_s": cpu,
            "load_s": loaded, "spacy": spacy.__version__}


def profile(texts: str, out: str, report: str) -> dict[str, Any]:
    """pyinstrument over a ``--jobs 1`` build; the text report to ``report``, the share
    of each stage returned."""
    from pyinstrument import Profiler

    from partygraph.pipeline import build_corpus

    shutil.rmtree(out, ignore_errors=True)
    profiler = Profiler(interval=0.002)
    profiler.start()
    summary = build_corpus([Path(texts)], Path(out), jobs=1)
    profiler.stop()
    Path(report).write_text(profiler.output_text(unicode=True, color=False),
                            encoding="utf-8")
    root = profiler.last_session.root_frame() if profiler.last_session else None
    total = root.time if root else 0.0
    stages = _stages(root) if root else {}
    stages["other (loop, interpreter, imports)"] = max(0.0, total - sum(stages.values()))
    return {"articles": summary.articles, "seconds": total,
            "stages": {k: {"seconds": v, "share": v / total if total else 0.0}
                       for k, v in sorted(stages.items(), key=lambda kv: -kv[1])}}


def _stage_of(frame: Any) -> str | None:
    path = (frame.file_path or "").replace("\\", "/")
    for stage, where, functions, classes in STAGE_RULES:
        if (where in path and (not functions or frame.function in functions)
                and (not classes or getattr(frame, "class_name", None) in classes)):
            return stage
    return None


def _stages(root: Any) -> dict[str, float]:
    """Seconds per stage: the outermost frame of each stage counts, nothing under it."""
    found: dict[str, float] = {}
    todo = [root]
    while todo:
        frame = todo.pop()
        stage = _stage_of(frame)
        if stage is not None:
            found[stage] = found.get(stage, 0.0) + frame.time
        else:
            todo += frame.children
    return found


# -- parent -----------------------------------------------------------------------------

def run(work: Path, sizes: list[int], jobs2_sizes: list[int], profile_size: int | None,
        seed: int, results: Path, log: Any = print) -> dict[str, Any]:
    """Every build measurement; keys are measurement ids (``build-N-jN``, ...)."""
    found: dict[str, Any] = {}
    for n in sorted(set(sizes) | set(jobs2_sizes)):
        folder = texts(n, work, seed)
        for jobs in ([1] if n in sizes else []) + ([2] if n in jobs2_sizes else []):
            log(f"build {n} articles, --jobs {jobs}")
            rec = measure.task("bench_build:build", texts=str(folder),
                               out=str(work / f"build-{n}-j{jobs}"), jobs=jobs)
            found[f"build-{n}-j{jobs}"] = rec
            log(f"  {_rate(rec)}")
        log(f"spaCy tokenizer over {n} articles")
        rec = measure.task("bench_build:tokenize", texts=str(folder))
        found[f"tokenize-{n}"] = rec
        log(f"  {_rate(rec)}")
    if profile_size:
        log(f"profile (pyinstrument) of a {profile_size}-article build")
        found[f"profile-{profile_size}"] = measure.task(
            "bench_build:profile", texts=str(texts(profile_size, work, seed)),
            out=str(work / f"profile-{profile_size}"),
            report=str(results / "profile-build.txt"))
    return found


def _rate(rec: dict[str, Any]) -> str:
    if "error" in rec:
        return f"failed: {rec['error']} {rec.get('stderr', '')[-300:]}"
    return (f"{rec['articles'] / rec['seconds']:.1f} articles/s ({rec['seconds']:.1f} s, "
            f"CPU {rec['cpu_s']:.1f} s, peak RSS {rec['process']['peak_rss_mb']:.0f} MB)")
