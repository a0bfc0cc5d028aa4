"""Shared fixtures: the example corpus built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partygraph.pipeline import BuildSummary, build_corpus

# a real Neo4j server for the tests marked `neo4j` (started once per session); a real
# headless Chromium for those marked `browser`; a real Fuseki for those marked `fuseki`;
# `partygraph serve` servers (conftest_serve)
pytest_plugins = ["conftest_neo4j", "conftest_browser", "conftest_fuseki", "conftest_serve"]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildSummary]:
    """The graph of examples/, built once (out dir, summary)."""
    out = tmp_path_factory.mktemp("examples-out")
    summary = build_corpus([EXAMPLES], out)
    return out, summary


@pytest.fixture(scope="session")
def store(built_examples: tuple[Path, BuildSummary]) -> Path:
    """The store folder of the examples' build (a test module may define its own)."""
    out, _ = built_examples
    return out / "store"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of examples/ that a test may change."""
    target = tmp_path / "in"
    shutil.copytree(EXAMPLES, target)
    return target
