"""SIGKILL of a build at several points, then a re-run: nothing lost, nothing torn.

Each case builds corpus v1, starts building v2 over it in a child killed at one step
(see :mod:`faults_kit`), checks what the kill left — every output file is v1's or the
uninterrupted build's, byte for byte, never a truncated one; the store opens and reads —
and then re-runs the build, which must give the bytes and the store of a build that was
never interrupted.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest
from faults_kit import (
    build_killed_at,
    corpus_versions,
    files,
    merged_flag,
    snapshot,
    store_contents,
    uninterrupted,
)

from partygraph.pipeline import build_corpus


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, dict]:
    """(v1, v2, v1's build, the uninterrupted build of v1 then v2)."""
    root = tmp_path_factory.mktemp("kill")
    v1, v2 = corpus_versions(root)
    build_corpus([v1], root / "v1-out")
    return v1, v2, root / "v1-out", uninterrupted(root, v1, v2)


# (the step the child is stopped at, a file-size limit in bytes or None for SIGKILL there,
#  whether the store must still be exactly v1's)
CASES = {
    "during extract": ("read de_lao_cai_2025.txt", None, True),
    "during the store update": ("built en_quang_ninh.txt", None, True),
    # past 4 KB of any file once the last article is stored: the article graphs'
    # commit (SQLite's WAL), the merged graph's tables or RocksDB's log, whichever first
    "inside the store's writes": ("built vi_bac_ninh.txt", 4096, False),
    # graph.trig is 223 KB; no other file the build writes then grows past 180 KB
    "inside graph.trig": ("writing graph.trig", 180_000, False),
    "between graph.trig and graph.ttl": ("writing graph.ttl", None, False),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_killed_build_loses_nothing_and_a_rerun_equals_an_uninterrupted_one(
        case: str, tmp_path: Path, versions: tuple[Path, Path, Path, dict]) -> None:
    _, v2, v1_out, reference = versions
    out = tmp_path / "out"
    shutil.copytree(v1_out, out)
    before = snapshot(out)
    step, limit, store_unchanged = CASES[case]
    died_of = build_killed_at(step, [v2], out, file_limit=limit)
    assert died_of == (signal.SIGKILL if limit is None else signal.SIGXFSZ)
    # what the kill left: each file whole (the old or the new), the store readable
    for name, data in files(out).items():
        assert data in (before["files"][name], reference["files"][name]), name
    after_kill = store_contents(out)
    if store_unchanged:
        assert after_kill == before["store"]
        assert merged_flag(out) is None
    if case == "inside graph.trig":
        assert files(out)["graph.trig"] == before["files"]["graph.trig"]
        assert list(out.glob(".graph.trig.*.part"))         # the torn temporary file
    # the re-run: equal to a build that was never interrupted, and no temporary left
    build_corpus([v2], out)
    assert snapshot(out) == reference
    assert not list(out.glob(".*.part"))
    assert merged_flag(out) is None
