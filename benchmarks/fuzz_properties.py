"""The property tests of tests/reliability/test_properties.py, for longer than CI runs
them: random (not derandomized) documents and names, ``--examples`` of each, and a
tally of what happened to them (built, or refused with which code).

    python benchmarks/fuzz_properties.py --examples 200

A failure prints hypothesis's shrunk example and exits 1. The last run's result is in
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))
import test_properties as props


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=200)
    args = parser.parse_args(argv)
    tally: Counter[str] = Counter()
    budget = settings(max_examples=args.examples, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))

    @budget
    @given(props.documents)
    def documents(text: str) -> None:
        tally["document " + props.build_or_refuse(text)] += 1

    @budget
    @given(st.sampled_from(props.TITLES), props.names)
    def names(title: str, name: str) -> None:
        tally["name " + props.build_or_refuse(
            f"{title} {name}\n\nOn 8 April 2024, {title} {name} chaired the meeting of "
            "the provincial Party Committee.")] += 1

    started = time.perf_counter()
    failed = 0
    for run in (documents, names):
        try:
            run()
        except Exception as exc:           # hypothesis re-raises the shrunk failure
            failed += 1
            print(f"FAILED {run.__name__}: {type(exc).__name__}: {exc}", file=sys.stderr)
    seconds = time.perf_counter() - started
    print(f"{sum(tally.values())} builds in {seconds:.0f} s, {failed} propert"
          f"{'y' if failed == 1 else 'ies'} failed")
    for outcome, n in sorted(tally.items()):
        print(f"  {outcome}: {n}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
