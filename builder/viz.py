"""Files of a network for other eyes and tools: PNG/SVG pictures (matplotlib), GEXF
(Gephi) and GraphML (yEd), and the interactive HTML page (:mod:`partygraph.viz_html`).

A picture is for a report, so it must be reproducible: the layout is seeded, the graph's
order is sorted (see :func:`partygraph.network._graph`), the SVG's ids are salted with a
constant and its date left out, so the same graph gives the same file. Beyond
:data:`PICTURE_NODES` nodes a drawing is a blot, and the force layout's cost grows with
the square of the nodes: the picture shows the most central nodes (by degree, then
betweenness) and says so in its title.

GEXF and GraphML take scalar attributes only: ``labels`` (lang → label) becomes
``label_<lang>`` attributes and a person's ``posts`` a JSON string.
"""

from __future__ import annotations

import importlib
import json
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from partygraph.errors import OutputFormatError
from partygraph.outputs import atomic_output, check_output_file

if TYPE_CHECKING:
    import networkx as nx

PICTURE_NODES = 1_500
SUFFIXES = (".png", ".svg", ".gexf", ".graphml", ".html")
COLOURS = {"person": "#d62728", "organization": "#1f77b4", "place": "#2ca02c",
           "post": "#ff7f0e", "event": "#9467bd"}


def check_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise OutputFormatError(f"-o {path}: partygraph viz writes "
                                f"{', '.join(s[1:] for s in SUFFIXES)} (by the suffix), "
                                f"not {suffix or 'a file without a suffix'}")
    return suffix


def write(graph: nx.Graph, path: Path, *, lang: str = "", seed: int = 0) -> str:
    """Write ``graph`` to ``path`` in the format its suffix names; a note to show the
    user ("" when none)."""
    suffix = check_suffix(path)
    check_output_file(path)
    if suffix == ".html":
        return write_html(graph, path, lang=lang)
    if suffix in (".gexf", ".graphml"):
        write_exchange(graph, path)
        return ""
    return write_picture(graph, path, seed=seed)


def write_html(graph: nx.Graph, path: Path, *, lang: str = "") -> str:
    """The interactive page, by :func:`partygraph.viz_html.write_html` when installed."""
    try:
        module = importlib.import_module("partygraph.viz_html")
    except ModuleNotFoundError as exc:
        if exc.name != "partygraph.viz_html":
            raise
        raise OutputFormatError(f"-o {path}: this partygraph has no HTML writer "
                                "(partygraph.viz_html); write .png, .svg, .gexf or "
                                ".graphml") from None
    if lang:
        module.write_html(graph, path, lang=lang)
    else:                                   # the page's own default language
        module.write_html(graph, path)
    return ""


def scalar_copy(graph: nx.Graph) -> nx.Graph:
    """``graph`` with scalar attributes only (what GEXF and GraphML can hold)."""
    out = graph.__class__()
    for node, attrs in graph.nodes(data=True):
        flat: dict[str, Any] = {k: v for k, v in attrs.items() if k not in ("labels", "posts")}
        for lang, label in attrs.get("labels", {}).items():
            flat[f"label_{lang}"] = label
        if "posts" in attrs:
            flat["posts"] = json.dumps(attrs["posts"], ensure_ascii=False, sort_keys=True)
        out.add_node(node, **flat)
    out.add_edges_from(graph.edges(data=True))
    return out


def write_exchange(graph: nx.Graph, path: Path) -> None:
    """GEXF or GraphML by networkx's writers, written whole or not at all."""
    import networkx as nx

    flat = scalar_copy(graph)
    with atomic_output(path) as f:
        if path.suffix.lower() == ".gexf":
            nx.write_gexf(flat, f)
        else:
            nx.write_graphml(flat, f)


def picture_nodes(graph: nx.Graph, limit: int = PICTURE_NODES) -> list[str]:
    """The nodes a picture shows: all, or the ``limit`` most central."""
    if len(graph) <= limit:
        return list(graph)
    at = graph.nodes
    ranked = sorted(graph, key=lambda n: (-at[n].get("degree", 0.0),
                                          -at[n].get("betweenness", 0.0), n))
    return sorted(ranked[:limit])


def write_picture(graph: nx.Graph, path: Path, *, seed: int = 0,
                  limit: int = PICTURE_NODES) -> str:
    """A PNG or SVG drawing: nodes coloured by kind, sized by betweenness, persons and
    organizations labelled when the graph is small enough to read."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    shown = picture_nodes(graph, limit)
    view = graph.subgraph(shown)
    note = "" if len(shown) == len(graph) else \
        f"the picture shows the {len(shown)} most central of {len(graph)} nodes"
    matplotlib.rcParams["svg.hashsalt"] = "partygraph"
    # a longer spring than networkx's 1/sqrt(n) keeps a component's nodes apart
    pos = nx.spring_layout(view, seed=seed, k=2.5 / max(len(view), 1) ** 0.5,
                           iterations=50 if len(view) > 500 else 100)
    fig, ax = plt.subplots(figsize=(12, 9), dpi=100)
    try:
        with warnings.catch_warnings():
            # a label in a script the font lacks (Han in DejaVu) shows as boxes: no error
            warnings.filterwarnings("ignore", message="Glyph .* missing from font")
            _draw(view, pos, ax, note)
            metadata = {"Date": None} if path.suffix.lower() == ".svg" else {}
            with atomic_output(path) as f:
                fig.savefig(f, format=path.suffix.lower()[1:], metadata=metadata,
                            bbox_inches="tight")
    finally:
        plt.close(fig)
    return note


def _draw(view: nx.Graph, pos: dict[str, Any], ax: Any, note: str) -> None:
    import networkx as nx

    ax.set_axis_off()
    at = view.nodes
    sizes = [40 + 1200 * at[n].get("betweenness", 0.0) for n in view]
    nx.draw_networkx_edges(view, pos, ax=ax, width=0.5, alpha=0.4, edge_color="#888888")
    nx.draw_networkx_nodes(view, pos, ax=ax, node_size=sizes, linewidths=0,
                           node_color=[COLOURS.get(at[n]["kind"], "#7f7f7f") for n in view])
    if len(view) <= 150:
        labels = {n: at[n]["label"] for n in view if at[n]["kind"] in ("person", "organization")}
        nx.draw_networkx_labels(view, pos, labels=labels, ax=ax, font_size=7)
    for kind, colour in COLOURS.items():
        ax.scatter([], [], color=colour, label=kind)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    if note:
        ax.set_title(note, fontsize=9)
