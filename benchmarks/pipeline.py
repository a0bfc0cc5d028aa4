"""Pipeline throughput: build N synthetic articles end to end and time each stage.

    python benchmarks/pipeline.py --articles 500

Prints articles/s for extraction alone and for the whole build (extract, build,
validate, store, outputs), and the peak memory of the process. Figures go to
``benchmarks/README.md``; there are no timing assertions in the unit tests.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_texts

from partygraph import ingest
from partygraph.extract import extract
from partygraph.pipeline import build_corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for the build")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts"
        write_texts(args.articles, texts, seed=args.seed)
        docs = [d for d in ingest.read([texts]) if not isinstance(d, Exception)]
        extract(docs[0])   # warm the lexicons, gazetteer and transliteration indexes
        t = time.perf_counter()
        for d in docs:
            extract(d)
        t_extract = time.perf_counter() - t
        t = time.perf_counter()
        summary = build_corpus([texts], Path(tmp) / "out", jobs=args.jobs)
        t_build = time.perf_counter() - t
        size = sum(f.stat().st_size for f in (Path(tmp) / "out").glob("graph.*"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles            {len(docs)}")
    print(f"extract only        {len(docs) / t_extract:8.1f} articles/s")
    print(f"whole build         {len(docs) / t_build:8.1f} articles/s  ({t_build:.1f} s, "
          f"{args.jobs} job(s))")
    print(f"triples in store    {summary.triples}")
    print(f"violations          {len(summary.violations)}")
    print(f"output files        {size / 1e6:.1f} MB")
    print(f"peak memory (RSS)   {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
