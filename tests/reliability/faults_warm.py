"""Imported once by the fault tests' fork server (:mod:`faults_kit`): the modules, the
gazetteer, the shapes and every fixture language's lexicons loaded and warm, so that
each build forked from it skips the cold start. No store is opened here: RocksDB's
thread pool does not survive a fork, so a process that opened one could not fork a
working build."""

from __future__ import annotations

from pathlib import Path

from partygraph import gazetteer
from partygraph.api import extract_text
from partygraph.pipeline import build_corpus  # noqa: F401  (imported to be warm)
from partygraph.shacl import Shapes

gazetteer.load()
Shapes.load()
for _article in sorted((Path(__file__).resolve().parents[1] / "fixtures" / "articles").iterdir()):
    extract_text(_article.read_text(encoding="utf-8"), source=_article.name)
