"""Validation benchmark: a thin wrapper over ``benchmarks/validation.py``.

Why a wrapper and not a rewrite: validation.py already generates the merged graph with
seeded violations, validates it with pySHACL and with partygraph's compiled shapes each
in its own process (so each peak RSS is that engine's), and compares the result lists.
The suite only runs it at the mode's size and files its ``validation.json`` with the rest.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import measure

SCRIPT = Path(__file__).resolve().parent / "validation.py"


def run(work: Path, triples: int, articles: int, seed: int, pyshacl_timeout: float,
        log: Any = print) -> dict[str, Any]:
    """validation.py at ``triples`` (merged graph) and ``articles`` (per-article graphs)."""
    out = work / f"validation-{triples}"
    log(f"validation at {triples:,} triples: ours vs pySHACL (validation.py)")
    cmd = [sys.executable, str(SCRIPT), "--triples", str(triples), "--articles", str(articles),
           "--seed", str(seed), "--out", str(out), "--pyshacl-timeout", str(pyshacl_timeout)]
    m = measure.run(cmd)
    for line in m.pop("stdout").splitlines():
        log(f"  {line}")
    stderr = m.pop("stderr")
    if m["returncode"] != 0:
        return {"error": f"exit {m['returncode']}", "stderr": stderr[-1500:], "process": m}
    found = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    for name in (f"merged-{triples}.nt", "rows-ours.json", "rows-pyshacl.json"):
        (out / name).unlink(missing_ok=True)
    found["process"] = m
    found["script"] = (f"python benchmarks/validation.py --triples {triples} --articles "
                       f"{articles} --seed {seed} --pyshacl-timeout {pyshacl_timeout:.0f}")
    return found
