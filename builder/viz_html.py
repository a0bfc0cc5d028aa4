"""The interactive network page: one self-contained HTML file that works offline.

A researcher mails the page or opens it on a train, so everything is inside it: sigma.js
and graphology (WebGL, usable with thousands of nodes) come from ``data/vendor/`` (npm
builds fetched by ``tools/vendor_js.py``, never a CDN), the page's own script and style
from ``data/viz/``, and the graph as JSON in a ``<script type="application/json">`` block.
The JSON has every ``<``, ``>`` and ``&`` written as ``\\u00XX``, so no name can close the
block or open a comment, and the page's script puts text into the DOM with
``textContent`` only: a name holding ``<script>`` is shown, never run. A
Content-Security-Policy of ``default-src 'none'`` keeps the page from fetching anything.

The input is the networkx graph of :mod:`partygraph.network`'s projections (node id = IRI;
``kind``, ``label``, ``labels``, ``province``, ``orgtype``, ``degree``, ``betweenness``,
``community``, ``posts``; edges ``relation``, ``weight``, ``start``, ``end``). The output
is byte-identical for the same graph: nodes and edges are sorted, the starting positions
are a golden-angle spiral computed here and the ForceAtlas2 layout that the page runs from
them is deterministic.
"""

from __future__ import annotations

import html
import json
import math
import re
import tomllib
from collections.abc import Mapping
from functools import cache
from hashlib import sha256
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from partygraph.errors import ConfigurationError, OutputPathError

#: A colour per node kind (ColorBrewer Set1, readable on white); other kinds are grey.
KIND_COLORS: dict[str, str] = {
    "person": "#e41a1c",
    "organization": "#377eb8",
    "place": "#4daf4a",
    "post": "#984ea3",
    "event": "#ff7f00",
}
OTHER_COLOR = "#999999"
MIN_SIZE, MAX_SIZE = 2.5, 16.0
_MARKER = re.compile("@(?:LANG|TITLE|CSS|DATA|VENDOR|JS)@")
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def write_html(graph: nx.Graph, path: Path, *, lang: str = "vi",
               title: str = "partygraph network") -> None:
    """Write the interactive page of ``graph`` to ``path``, labels in ``lang``."""
    page = render_html(graph, lang=lang, title=title)
    path = Path(path)
    if path.is_dir():
        raise OutputPathError(f"{path} is a folder: give a file name such as "
                              f"{path / 'network.html'}")
    if not path.parent.is_dir():
        raise OutputPathError(f"cannot write {path}: the folder {path.parent} does not "
                              "exist; create it first or choose another path")
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise OutputPathError(f"cannot write {path}: {exc.strerror}; choose a path you "
                              "can write to") from exc


def render_html(graph: nx.Graph, *, lang: str = "vi",
                title: str = "partygraph network") -> str:
    """The page as a string (what :func:`write_html` writes)."""
    template = _asset("viz/page.html")
    parts = {
        "@LANG@": html.escape(lang, quote=True),
        "@TITLE@": html.escape(title, quote=True),
        "@CSS@": _asset("viz/viz.css"),
        "@DATA@": script_json(page_data(graph, lang=lang)),
        "@VENDOR@": "\n".join(f"<script>\n{code}\n</script>" for code in vendored()),
        "@JS@": _asset("viz/viz.js"),
    }
    # one pass over the template, so a marker inside the data is never expanded
    return _MARKER.sub(lambda m: parts[m.group(0)], template)


def page_data(graph: nx.Graph, *, lang: str = "vi") -> dict[str, Any]:
    """The JSON the page reads: sorted nodes with size, colour and position; edges."""
    ids = sorted(graph.nodes, key=str)
    centrality = _centrality(graph)
    top = max(centrality.values(), default=0.0) or 1.0
    positions = _spiral(graph, ids, centrality)
    nodes = []
    for node in ids:
        attrs = graph.nodes[node]
        labels = {str(k): str(v) for k, v in sorted((attrs.get("labels") or {}).items()) if v}
        label = str(attrs.get("label") or node)
        kind = str(attrs.get("kind") or "")
        entry: dict[str, Any] = {
            "id": str(node), "kind": kind, "label": label, "labels": labels,
            "display": labels.get(lang) or label,
            "province": str(attrs.get("province") or ""),
            "orgtype": str(attrs.get("orgtype") or ""),
            "color": KIND_COLORS.get(kind, OTHER_COLOR),
            "size": round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(centrality[node] / top),
                          3),
            "x": positions[node][0], "y": positions[node][1],
        }
        for key in ("degree", "betweenness"):
            if isinstance(attrs.get(key), int | float):
                entry[key] = round(float(attrs[key]), 6)
        if isinstance(attrs.get("community"), int):
            entry["community"] = attrs["community"]
        if attrs.get("posts"):
            entry["posts"] = [_post(p) for p in attrs["posts"]]
        nodes.append(entry)
    directed = graph.is_directed()
    edges = sorted((_edge(u, v, d, directed) for u, v, d in graph.edges(data=True)),
                   key=lambda e: (e["source"], e["target"], e["relation"], e["start"],
                                  e["end"], e["weight"]))
    return {"lang": lang, "directed": directed, "kinds": KIND_COLORS,
            "iterations": _iterations(len(ids)), "positioned": False,
            "nodes": nodes, "edges": edges}


def script_json(data: Mapping[str, Any]) -> str:
    """``data`` as JSON safe inside a ``<script>`` block (no ``</``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in _SCRIPT_ESCAPES:  # str.replace: 20x faster than str.translate
        text = text.replace(char, escape)
    return text


def vendored() -> list[str]:
    """The vendored scripts in load order, checked against ``VERSIONS.toml``."""
    return list(_vendored())


@cache
def _vendored() -> tuple[str, ...]:
    record = tomllib.loads(_asset("vendor/VERSIONS.toml"))
    scripts = []
    for entry in record["file"]:
        code = _asset(f"vendor/{entry['name']}")
        if sha256(code.encode("utf-8")).hexdigest() != entry["sha256"]:
            raise ConfigurationError(
                f"data/vendor/{entry['name']} differs from VERSIONS.toml: run "
                "`make vendor` to fetch it again")
        if "</script" in code.lower() or "<!--" in code:
            raise ConfigurationError(
                f"data/vendor/{entry['name']} holds '</script' or '<!--' and cannot be "
                "inlined: vendor another build of it")
        scripts.append(code)
    return tuple(scripts)


def _asset(name: str) -> str:
    return resources.files("partygraph").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _centrality(graph: nx.Graph) -> dict[Any, float]:
    """Degree centrality per node: the graph's own ``degree`` where every node has one,
    else computed (the page sizes nodes by it)."""
    given = {n: a.get("degree") for n, a in graph.nodes(data=True)}
    if all(isinstance(v, int | float) for v in given.values()):
        return {n: float(v) for n, v in given.items() if v is not None}
    return {n: float(v) for n, v in nx.degree_centrality(graph).items()}


def _spiral(graph: nx.Graph, ids: list[Any], centrality: Mapping[Any, float]
            ) -> dict[Any, tuple[float, float]]:
    """Starting positions on a golden-angle spiral, communities together and the most
    central first, so ForceAtlas2 starts near a good layout and converges quickly."""
    def key(node: Any) -> tuple[int, float, str]:
        community = graph.nodes[node].get("community")
        return (community if isinstance(community, int) else -1, -centrality[node], str(node))
    order = sorted(ids, key=key)
    return {node: (round(10 * math.sqrt(i) * math.cos(i * _GOLDEN_ANGLE), 3),
                   round(10 * math.sqrt(i) * math.sin(i * _GOLDEN_ANGLE), 3))
            for i, node in enumerate(order)}


def _iterations(order: int) -> int:
    """ForceAtlas2 iterations the page runs: fewer on big graphs, which Barnes-Hut makes
    cheaper per iteration but which must still open in a few seconds."""
    if order <= 500:
        return 300
    if order <= 2000:
        return 120
    return 50


def _post(post: Mapping[str, Any]) -> dict[str, str]:
    return {key: str(post.get(key) or "") for key in
            ("role", "organization", "start", "end", "evidence", "source")}


def _edge(u: Any, v: Any, attrs: Mapping[str, Any], directed: bool) -> dict[str, Any]:
    """One edge; an undirected one with its ends in order, whichever was added first."""
    source, target = (str(u), str(v)) if directed else sorted((str(u), str(v)))
    weight = attrs.get("weight")
    return {"source": source, "target": target, "relation": str(attrs.get("relation") or ""),
            "weight": weight if isinstance(weight, int) else 1,
            "start": str(attrs.get("start") or ""), "end": str(attrs.get("end") or "")}
