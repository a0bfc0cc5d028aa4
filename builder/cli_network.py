"""``partygraph network`` and ``partygraph viz``: the store as a networkx graph, its
measures as tables (CSV/JSON), and the graph as a picture or a file for Gephi, yEd or a
browser.

Registered by :mod:`partygraph.cli` with one line each; networkx, matplotlib and the
store are imported inside the commands, so ``partygraph --help`` does not pay for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from partygraph.errors import OutputFormatError

if TYPE_CHECKING:
    import networkx as nx

STORE = Annotated[Path, typer.Option(help="The store folder (or the build's output folder)")]
KIND = Annotated[str, typer.Option(help="organizational | co-attendance | ego")]
FOCUS = Annotated[str | None, typer.Option(
    help="The person, organization or place of an ego network, written any way (any script)")]
DEPTH = Annotated[int, typer.Option(help="Steps from the focus (a post is a step)")]
PROVINCE = Annotated[str | None, typer.Option(
    help="Only posts in organizations of this province (and events there)")]
ORGTYPE = Annotated[str | None, typer.Option(help="Only organizations of this type")]
DATE = Annotated[str | None, typer.Option(help="Only posts held on this date (YYYY-MM-DD)")]
LANG = Annotated[str | None, typer.Option(
    help="Only facts from articles in this language; labels in it")]


def _graph(store: Path, kind: str, focus: str | None, depth: int, province: str | None,
           orgtype: str | None, date: str | None, lang: str | None) -> nx.Graph:
    from partygraph.analytics import annotate
    from partygraph.network import Filters, project
    from partygraph.store import GraphStore
    from partygraph.store_folder import locate_store

    filters = Filters.of(province, orgtype, date, lang)   # checked before the store opens
    graph = project(GraphStore(locate_store(store), read_only=True), kind, filters,
                    focus=focus or "", depth=depth)
    return annotate(graph)


def network(
    store: STORE = Path("out/store"),
    kind: KIND = "organizational",
    focus: FOCUS = None,
    depth: DEPTH = 2,
    province: PROVINCE = None,
    orgtype: ORGTYPE = None,
    date: DATE = None,
    lang: LANG = None,
    top: Annotated[int, typer.Option(min=1, help="Rows of each ranking shown")] = 10,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write every node's measures and the rankings: .csv or .json")
    ] = None,
) -> None:
    """Project the store into a network and print its centralities, communities,
    components, the most central persons per province and the brokers."""
    from partygraph.analytics import (
        BROKER_COLUMNS,
        CENTRAL_COLUMNS,
        NODE_COLUMNS,
        report,
        to_csv,
        to_json,
    )
    from partygraph.outputs import check_output_file, write_atomic
    from partygraph.terminal import err_console, out_console, print_rows

    suffix = output.suffix.lower() if output else ""
    if output is not None:
        if suffix not in (".csv", ".json"):
            raise OutputFormatError(f"-o {output}: partygraph network writes .csv or .json, "
                                    f"not {suffix or 'a file without a suffix'}")
        check_output_file(output)
    rep = report(_graph(store, kind, focus, depth, province, orgtype, date, lang), kind, top)
    print_rows(["measure", "value"], rep.summary, "table", out=out_console(), err=err_console())
    for title, columns, rows in (
            (f"the {top} most central nodes", NODE_COLUMNS, rep.nodes[:top]),
            ("the most central persons of each province", CENTRAL_COLUMNS, rep.central),
            ("brokers", BROKER_COLUMNS, rep.brokers[:top])):
        out_console().print(f"\n{title}", highlight=False)
        print_rows(list(columns), rows, "table", out=out_console(), err=err_console())
    if output is not None:
        write_atomic(output, to_csv(rep) if suffix == ".csv" else to_json(rep))
        err_console().print(f"wrote {output}", highlight=False)


def viz(
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="network.png | .svg | .gexf | .graphml | .html")],
    store: STORE = Path("out/store"),
    kind: KIND = "organizational",
    focus: FOCUS = None,
    depth: DEPTH = 2,
    province: PROVINCE = None,
    orgtype: ORGTYPE = None,
    date: DATE = None,
    lang: LANG = None,
) -> None:
    """Draw the network (PNG, SVG), write it for Gephi (GEXF) or yEd (GraphML), or as an
    interactive page (HTML); the same graph always gives the same file."""
    from partygraph.outputs import check_output_file
    from partygraph.terminal import err_console
    from partygraph.viz import check_suffix, write

    check_suffix(output)
    check_output_file(output)
    graph = _graph(store, kind, focus, depth, province, orgtype, date, lang)
    note = write(graph, output, lang=(lang or "").strip().lower())
    if note:
        err_console().print(f"[cyan]note[/cyan] {note}", highlight=False)
    err_console().print(f"wrote {output} ({len(graph)} nodes, {graph.number_of_edges()} edges)",
                  highlight=False)
