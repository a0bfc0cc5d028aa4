"""The benchmark suite refuses to start without the reference tools it will need
(regression: a 100k-article build ran for 24 minutes, then its spaCy reference failed)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import suite


def test_a_missing_reference_tool_is_named_before_anything_runs(monkeypatch, tmp_path):
    monkeypatch.setitem(suite.NEEDS, "build", ("no_such_reference_tool_xyz",))
    with pytest.raises(SystemExit, match=r"no_such_reference_tool_xyz .*bench"):
        suite.main(["--only", "build", "--work", str(tmp_path / "work"), "--no-readme"])
    assert not (tmp_path / "work").exists()


def test_areas_without_a_reference_tool_need_nothing():
    assert suite.missing_tools({"queries", "validation"}) == []
