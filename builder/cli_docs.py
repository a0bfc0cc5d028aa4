"""``partygraph docs``: the ontology's HTML documentation, and its JSON-LD context.

Both are generated from ``ontology/`` (:mod:`partygraph.ontodoc`,
:func:`partygraph.jsonld.make_context`), so they never drift from it: edit the Turtle,
run ``make docs`` (or ``make context``), commit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def docs(
    output: Annotated[Path, typer.Option("--output", "-o",
                                         help="The HTML page to write")] = Path("ontology.html"),
    context: Annotated[Path | None, typer.Option(
        help="Also write the JSON-LD context generated from the ontology to this file "
             "(ontology/context.jsonld is the published one)")] = None,
) -> None:
    """Write the ontology's documentation page: every class, property and concept with
    its labels in every language of ontology/."""
    from partygraph.jsonld import context_text
    from partygraph.ontodoc import write_docs
    from partygraph.outputs import check_output_file, write_atomic
    from partygraph.resources import ontology_graph

    if context is not None:
        check_output_file(context)
    write_docs(output, ontology_graph())
    typer.echo(f"wrote {output}")
    if context is not None:
        write_atomic(context, context_text(ontology_graph()))
        typer.echo(f"wrote {context}")
