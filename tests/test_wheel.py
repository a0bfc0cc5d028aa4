"""The built wheel works on its own: installed into a fresh virtualenv, away from the
checkout, it builds the examples, answers a named query and exports the graph.

This is what a user who runs ``pip install partygraph`` gets, so nothing of the source
tree may leak in: the venv has no access to the checkout's packages and the commands run
from an empty folder (the ontology, shapes and queries must come from inside the wheel).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PARTYGRAPH_HOME")}
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv holding only the wheel and its dependencies."""
    work = tmp_path_factory.mktemp("wheel")
    # from a copy of the sources: pip builds in place, and a stale build/ of the checkout
    # must not end up in the wheel
    source = work / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "out", "__pycache__", "target",
        "data"))
    shutil.copytree(ROOT / "builder" / "data", source / "builder" / "data")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work / "dist",
          source], cwd=work)
    wheels = sorted((work / "dist").glob("partygraph-*.whl"))
    assert len(wheels) == 1
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / "bin"
    _run([bin_dir / "python", "-m", "pip", "install", "-q", wheels[0]], cwd=work)
    return bin_dir


def test_the_wheel_carries_the_ontology_shapes_and_queries(installed: Path,
                                                         tmp_path: Path) -> None:
    code = ("import partygraph.resources as r, sys; h = r.home();"
            "print(h); sys.exit(0 if 'site-packages' in str(h) else 1)")
    done = _run([installed / "python", "-c", code], cwd=tmp_path)
    assert (Path(done.stdout.strip()) / "queries" / "who-chaired-what.rq").is_file()


def test_the_installed_wheel_builds_queries_and_exports(installed: Path,
                                                        tmp_path: Path) -> None:
    exe = installed / "partygraph"
    _run([exe, "build", ROOT / "examples", "--out", tmp_path / "out"], cwd=tmp_path)
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 0
    rows = _run([exe, "query", "who-chaired-what", "--store", tmp_path / "out" / "store",
                 "--format", "csv"], cwd=tmp_path).stdout.splitlines()
    assert rows[0].startswith("chair,") and len(rows) > 1
    _run([exe, "export", "--store", tmp_path / "out" / "store", "-f", "jsonld", "-o",
          tmp_path / "graph.jsonld"], cwd=tmp_path)
    assert (tmp_path / "graph.jsonld").read_text(encoding="utf-8").lstrip().startswith(("[", "{"))
    assert _run([exe, "--version"], cwd=tmp_path).stdout.strip()
