"""``make score``: build the development set and the seeds, print the scorer's tables.

The scorer (``../shared/eval/score.py``) and the annotated corpora (``../shared/corpus``)
live beside the checkout, not in it: article text stays out of the repository. When they
are missing this says so and exits 0, so that nothing else depends on them.

Besides the scorer's own table for each corpus, it prints one line per language (the
scorer run on that language's gold files against the same graph): the issue's targets are
per language too. Identity pairs are scored within a language there, across languages only
in the corpus table.

    python tools/score.py [--shared ../shared] [--out /tmp/partygraph-score] [--errors]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("persons", "places", "memberships", "chairs", "attendees", "event_dates",
         "documents", "emulation_groups", "identity", "about_place", "published")


def _run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):   # 1: some input failed or shapes not met; still scored
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr}")
    return done.stdout


def _build(docs: Path, out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    exe = Path(sys.executable).with_name("partygraph")
    _run([str(exe), "build", str(docs), "--out", str(out)])
    return out / "graph.ttl"


def _score(scorer: Path, graph: Path, gold: Path, *extra: str) -> str:
    return _run([sys.executable, str(scorer), "--graph", str(graph), "--gold", str(gold),
                 *extra])


def _by_language(scorer: Path, graph: Path, gold: Path) -> list[tuple[str, int, dict]]:
    files: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(gold.glob("*.json")):
        files[json.loads(path.read_text(encoding="utf-8")).get("lang", "?")].append(path)
    rows = []
    for lang, paths in sorted(files.items()):
        with tempfile.TemporaryDirectory() as tmp:
            for p in paths:
                shutil.copy(p, tmp)
            rows.append((lang, len(paths), json.loads(_score(scorer, graph, Path(tmp),
                                                             "--json"))))
    return rows


def _f1(figures: dict, kind: str) -> str:
    found = figures["kinds"].get(kind) or figures["accuracy"].get(kind) or {}
    tp, fn, fp = (found.get(k, 0) for k in ("tp", "fn", "fp"))
    if ("of" in found and not found["of"]) or ("of" not in found and not tp + fn + fp):
        return "     -"     # nothing stated, nothing predicted
    return f"{found.get('f1', found.get('accuracy', 0.0)):6.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "partygraph-score")
    ap.add_argument("--errors", action="store_true", help="also list every miss")
    args = ap.parse_args(argv)
    scorer = args.shared / "eval" / "score.py"
    if not scorer.exists():
        print(f"no scorer at {scorer}: nothing to score (pass --shared DIR)")
        return 0
    for name in ("seeds", "dev"):
        corpus = args.shared / "corpus" / name
        if not (corpus / "gold").is_dir():
            print(f"no corpus at {corpus}: skipped")
            continue
        docs = corpus / "docs" if (corpus / "docs").is_dir() else corpus  # seeds: no docs/
        graph = _build(docs, args.out / name)
        print(f"== {name} ({len(list((corpus / 'gold').glob('*.json')))} articles)")
        print(_score(scorer, graph, corpus / "gold",
                     *(["--show-errors"] if args.errors else [])))
        rows = _by_language(scorer, graph, corpus / "gold")
        if len(rows) > 1:
            print("lang  n  " + " ".join(f"{k[:6]:>6}" for k in KINDS) + "  micro  macro")
            for lang, n, fig in rows:
                print(f"{lang:4} {n:2}  " + " ".join(_f1(fig, k) for k in KINDS)
                      + f" {fig.get('micro_f1', 0):6.3f} {fig.get('macro_f1', 0):6.3f}")
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
