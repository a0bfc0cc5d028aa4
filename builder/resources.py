"""Where the project's shared files live: ``ontology/``, ``shapes/``, ``queries/``.

They sit at the top of the repository (the layout shows the architecture), beside the
``builder`` package. ``PARTYGRAPH_HOME`` points elsewhere when partygraph is installed
without its source tree.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from rdflib import Graph

from builder.errors import ConfigurationError


def home() -> Path:
    env = os.environ.get("PARTYGRAPH_HOME")
    root = Path(env) if env else Path(__file__).resolve().parent.parent
    if not (root / "ontology").is_dir():
        raise ConfigurationError(
            f"cannot find ontology/ under {root}; set PARTYGRAPH_HOME to the partygraph "
            "source tree")
    return root


def folder(name: str) -> Path:
    return home() / name


@cache
def ontology_graph() -> Graph:
    """The ontology and the three SKOS schemes, merged."""
    g = Graph()
    for path in sorted(folder("ontology").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@cache
def shapes_graph() -> Graph:
    g = Graph()
    paths = sorted(folder("shapes").glob("*.ttl"))
    if not paths:
        raise ConfigurationError(f"no SHACL shapes in {folder('shapes')}")
    for path in paths:
        g.parse(path, format="turtle")
    return g
