"""Where the project's shared files live: ``ontology/``, ``shapes/``, ``queries/``.

In the repository they sit at the top (the layout shows the architecture), beside the
code; a built wheel carries copies inside the package (``setup.py`` puts them there), read
through ``importlib.resources``. ``PARTYGRAPH_HOME`` points at another tree holding all
three (a checkout whose ontology you are editing, say).
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from partygraph.errors import ConfigurationError

if TYPE_CHECKING:
    from rdflib import Graph


def home() -> Path:
    """The folder holding ontology/, shapes/ and queries/: PARTYGRAPH_HOME, else the
    installed package, else the checkout the package was imported from."""
    env = os.environ.get("PARTYGRAPH_HOME")
    package = Path(str(resources.files(__name__.rpartition(".")[0])))
    candidates = [Path(env)] if env else [package, package.parent]
    for root in candidates:
        if (root / "ontology").is_dir():
            return root
    raise ConfigurationError(
        f"cannot find ontology/ under {' or '.join(map(str, candidates))}; set "
        "PARTYGRAPH_HOME to a folder holding ontology/, shapes/ and queries/")


def folder(name: str) -> Path:
    return home() / name


@cache
def ontology_graph() -> Graph:
    """The ontology and the three SKOS schemes, merged."""
    from rdflib import Graph  # the query path finds queries/ here without rdflib

    g = Graph()
    for path in sorted(folder("ontology").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@cache
def shapes_graph() -> Graph:
    from rdflib import Graph

    g = Graph()
    paths = sorted(folder("shapes").glob("*.ttl"))
    if not paths:
        raise ConfigurationError(f"no SHACL shapes in {folder('shapes')}")
    for path in paths:
        g.parse(path, format="turtle")
    return g
