"""``partygraph load sparql``: the store into any SPARQL 1.1 store (Graph Store Protocol).

Registered on the ``load`` group by :mod:`partygraph.cli`; the work is in
:mod:`partygraph.remote`, imported when the command runs (start-up stays light)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from partygraph.terminal import err_console


def load_sparql(
    graph_store: Annotated[str, typer.Option(
        "--graph-store", help="The Graph Store Protocol service, e.g. http://host:3030/ds/data")],
    endpoint: Annotated[str | None, typer.Option(
        help="The SPARQL query service (needed by --prune), e.g. http://host:3030/ds/sparql")
    ] = None,
    store: Annotated[Path, typer.Option(
        help="The store folder (or the build's output folder)")] = Path("out/store"),
    include_quarantine: Annotated[bool, typer.Option(
        help="Also load the quarantined (rejected) facts")] = False,
    prune: Annotated[bool, typer.Option(
        help="Delete remote graphs of this dataset that the store no longer holds")] = False,
    workers: Annotated[int, typer.Option(
        min=1, help="Graphs sent at once (parallel PUTs), for stores that write graphs "
        "concurrently; Fuseki is fastest with 1")] = 1,
) -> None:
    """Load the store into a SPARQL 1.1 store: one named graph per article, each replaced
    (HTTP PUT) on a re-load. Query it with `partygraph query NAME --endpoint URL`."""
    from partygraph.remote import load_graphs
    from partygraph.show import load_progress
    from partygraph.store import GraphStore
    from partygraph.store_folder import locate_store

    gs = GraphStore(locate_store(store), read_only=True)
    with load_progress(err_console()) as step:
        done = load_graphs(gs, graph_store, endpoint=endpoint, prune=prune,
                           include_private=include_quarantine, workers=workers,
                           progress=step)
    typer.echo(f"{done.graphs} graphs ({done.statements} statements) loaded into "
               f"{graph_store}" + (f"; {len(done.pruned)} pruned" if prune else ""))
