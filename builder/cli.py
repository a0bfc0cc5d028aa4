"""The ``partygraph`` command: parse the command line, call the library, print.

One error boundary: every error partygraph raises on purpose carries a code
(``[E402] no store at out/store; …``, see :mod:`partygraph.errors`) and stops the command with
a one-line message, never a traceback. :func:`main` is the console script. Exit codes:
0 ok; 1 some input failed (the rest was built) or a graph does not conform; 2 a usage or
configuration error (unknown query, bad parameter, missing store, bad --base …).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from partygraph import __version__, cli_network
from partygraph.cli_query import DATABASE, STORE, cypher, query, sparql
from partygraph.cli_remote import load_sparql
from partygraph.cli_serve import serve as _serve
from partygraph.errors import (
    InputError,
    PartygraphError,
    StoreError,
    UsageError,
    exit_code,
)
from partygraph.iris import DEFAULT_BASE
from partygraph.shown import neutral
from partygraph.terminal import err_console, out_console, safe

if TYPE_CHECKING:
    from partygraph.pipeline import BuildSummary


class _Boundary(TyperGroup):
    """The root command group: an error partygraph raises on purpose, from any command,
    is printed as its coded one-line message and becomes the exit code its class maps to
    (:func:`partygraph.errors.exit_code`); anything else is a bug and keeps its traceback."""

    def invoke(self, ctx: Any) -> Any:     # click.Context (vendored by typer >= 0.29)
        try:
            return super().invoke(ctx)
        except PartygraphError as exc:
            err_console().print(f"[red]error:[/red] {safe(exc)}", highlight=False, soft_wrap=True)
            raise typer.Exit(exit_code(exc)) from exc


app = typer.Typer(cls=_Boundary, add_completion=False, no_args_is_help=True,
                  pretty_exceptions_show_locals=False,   # a local may hold a password
                  help="Knowledge graphs of Vietnam's political organization from news articles.")


def main(argv: list[str] | None = None) -> int:
    """The ``partygraph`` console script: run the command line, return its exit code."""
    try:
        app(args=argv, prog_name="partygraph")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return 0


def _fail(message: str, code: int = 2) -> typer.Exit:
    """Print a message for a mistake found here (a usage error's code if it has none)."""
    if not message.startswith("[E"):
        message = str(UsageError(message))
    err_console().print(f"[red]error:[/red] {safe(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit(0)


def _out_folder(value: Path) -> Path:
    """``build --out``: a folder or nothing yet, checked before any work (E602)."""
    from partygraph.outputs import check_out_folder
    return check_out_folder(value)


def _base_iri(value: str) -> str:
    """``build --base``: an absolute http(s) IRI ending in / or # (E302)."""
    from partygraph.iris import check_base
    return check_base(value)


@app.callback()
def _root(version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Show the version and exit.")] = False) -> None:
    """Knowledge graphs of Vietnam's political organization from news articles."""


LICENCE = Annotated[str | None, typer.Option(
    help="IRI of the dataset's licence, stated in void.ttl (none stated if not given)")]


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .html, .jsonl")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder",
                                      callback=_out_folder)] = Path("out"),
    base: Annotated[str, typer.Option(help="Base IRI of instances (http(s), ending / or #)",
                                      callback=_base_iri)] = DEFAULT_BASE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Worker processes for extraction and validation")] = 1,
    prune: Annotated[bool, typer.Option(
        help="Remove stored articles whose source is not among INPUTS")] = False,
    fresh: Annotated[bool, typer.Option(
        help="Start from an empty store (the store of OUT is incremental otherwise)")] = False,
    licence: LICENCE = None,
    executor: Annotated[str, typer.Option(
        help="local|dask: where the per-article stages run (dask: a local cluster of "
             "--jobs workers, or --scheduler's)")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="The Dask scheduler (tcp://HOST:8786) for --executor dask")] = None,
) -> None:
    """Build the graph of INPUTS into OUT (graph.trig, graph.ttl, void.ttl, validation.*,
    store/).

    The store in OUT is updated: this run's articles are added or replaced, earlier
    ones are kept unless --prune or --fresh."""
    from partygraph.executors import make_executor
    from partygraph.inputs import describe as _describe
    from partygraph.pipeline import build_corpus
    from partygraph.show import build_progress
    from partygraph.void import check_licence

    check_licence(licence)
    runner = make_executor(executor, jobs, scheduler)
    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise _fail(f"{missing[0]} does not exist")
    with build_progress(err_console()) as step:
        try:
            summary = build_corpus(inputs, out, base=base, progress=step, jobs=jobs,
                                   prune=prune, fresh=fresh, licence=licence,
                                   executor=runner)
        except (StoreError, InputError) as exc:
            raise _fail(str(exc)) from exc
    _print_inputs(summary, out)
    from rich.table import Table

    table = Table(title=f"partygraph build → {safe(out)}", show_header=False)
    langs = ", ".join(f"{k} {v}" for k, v in sorted(summary.languages.items()))
    this_run = f"{summary.added} added, {summary.replaced} replaced, " \
        f"{summary.unchanged} unchanged" + (f", {len(summary.pruned)} pruned" if prune else "")
    for label, value in (
        ("articles", f"{summary.articles} built, {len(summary.failed)} failed"),
        ("files", f"{summary.files} read, "
                  + (_describe(summary.skipped) if summary.skipped else "0 skipped")),
        ("this run", this_run),
        ("store holds", f"{summary.stored} article{'' if summary.stored == 1 else 's'}"),
        ("languages", langs or "-"),
        ("persons", len(summary.persons)),
        ("organizations", len(summary.organizations)),
        ("events", summary.events),
        ("documents", summary.documents),
        ("triples in store", summary.triples),
        ("violations", f"{len(summary.violations)} (see {out / 'validation.txt'})"),
        ("time", f"{summary.seconds:.2f} s"),
    ):
        table.add_row(label, safe(value))
    out_console().print(table)
    raise typer.Exit(1 if summary.failed else 0)


SHOWN_SKIPS = 20


def _print_inputs(summary: BuildSummary, out: Path) -> None:
    """Each input not read, with its reason; skipped files up to SHOWN_SKIPS (all are
    in validation.txt)."""
    for err in summary.failed:
        err_console().print(f"[red]failed[/red] {safe(err)}")
    for skip in summary.skipped[:SHOWN_SKIPS]:
        err_console().print(f"[yellow]skipped[/yellow] {safe(skip)}")
    if len(summary.skipped) > SHOWN_SKIPS:
        err_console().print(f"[yellow]skipped[/yellow] … {len(summary.skipped) - SHOWN_SKIPS} more "
                      f"(all in {safe(out / 'validation.txt')})")
    for source in summary.pruned:
        err_console().print(f"[cyan]pruned[/cyan] {safe(source)}: no longer among the inputs")
    for note in summary.notes:
        err_console().print(f"[cyan]note[/cyan] {safe(note)}")


@app.command()
def validate(graph: Annotated[Path, typer.Argument(help="An RDF file (.ttl, .trig, .nq …)")]
             ) -> None:
    """Check FILE against shapes/; exit 0 when it conforms, 1 when it does not."""
    from partygraph.validate import validate_file

    conforms, violations = validate_file(graph)
    if conforms:
        typer.echo(neutral(f"{graph}: conforms to the shapes"))
        raise typer.Exit(0)
    for v in violations:
        typer.echo(neutral(f"{v.focus} {v.path}: {v.message}"))
    typer.echo(neutral(f"{graph}: {len(violations)} violation(s) of the shapes"))
    raise typer.Exit(1)


app.command()(query)
app.command()(sparql)
app.command()(cypher)

app.command("serve")(_serve)

load_app = typer.Typer(help="Load the built graph into another store.", no_args_is_help=True)
app.add_typer(load_app, name="load")
load_app.command("sparql")(load_sparql)


@load_app.command("neo4j")
def load_neo4j(
    uri: Annotated[str, typer.Option(help="bolt:// or neo4j:// URI (NEO4J_USER, NEO4J_PASSWORD)")],
    store: STORE = Path("out/store"),
    database: DATABASE = None,
    clear: Annotated[bool, typer.Option(help="Empty the database first")] = False,
    include_quarantine: Annotated[bool, typer.Option(
        help="Also load the quarantined (rejected) facts")] = False,
    bulk: Annotated[bool, typer.Option(
        help="First load into the EMPTY database of the managed local server (make "
             "neo4j-start) through neo4j-admin import: stops and restarts it")] = False,
    home: Annotated[Path | None, typer.Option(
        help="--bulk: the managed server's home (default $NEO4J_HOME_DIR or "
             "services/neo4j/data/server)")] = None,
    batch_triples: Annotated[int | None, typer.Option(
        min=1, help="Statements per transaction (default 150,000; a batch the server's "
                    "transaction memory cannot hold is halved)")] = None,
) -> None:
    """Load (or update) the store into Neo4j: changed articles replaced, others left alone."""
    from partygraph.neo4j.connect import check_uri
    from partygraph.neo4j.loader import DEFAULT_BATCH_TRIPLES, load_uri
    from partygraph.show import load_progress
    from partygraph.store_folder import locate_store

    check_uri(uri)                 # before the store is opened: both are the user's to fix
    folder = locate_store(store)
    with load_progress(err_console()) as step:
        if bulk:
            from partygraph.neo4j.bulk import bulk_load_uri
            summary = bulk_load_uri(folder, uri, home, database, progress=step,
                                    include_private=include_quarantine)
        else:
            summary = load_uri(folder, uri, database, clear=clear, progress=step,
                               include_private=include_quarantine,
                               batch_triples=batch_triples or DEFAULT_BATCH_TRIPLES)
    out_console().print(summary)


@app.command()
def identities(
    store: STORE = Path("out/store"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json")] = "text",
) -> None:
    """List person clusters (one node each) with their evidence, and the splits."""
    import json

    from partygraph.identities import as_dict, as_lines, of_store

    if fmt not in ("text", "json"):
        raise UsageError(f"--format is text or json, not {fmt!r}")
    found, apart = of_store(store)
    if fmt == "json":
        typer.echo(json.dumps(as_dict(found, apart), ensure_ascii=False, indent=2))
        return
    for line in as_lines(found, apart):
        typer.echo(neutral(line))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="ttl|nt|nq|trig|jsonld|xml|ftm")] = "ttl",
    store: STORE = Path("out/store"),
    output: Annotated[Path | None,
                      typer.Option("--output", "-o", help="File (default stdout)")] = None,
    from_neo4j: Annotated[str | None,
                          typer.Option("--from-neo4j", help="Read back from Neo4j")] = None,
    database: DATABASE = None,
    include_quarantine: Annotated[bool, typer.Option(
        help="Also export the quarantined (rejected) graphs (trig, nq, jsonld)")] = False,
    licence: LICENCE = None,
) -> None:
    """Export the graph as linked data or FollowTheMoney (ftm); a file is written whole
    or not at all, with the dataset's VoID/DCAT description (void.ttl) beside it."""
    from partygraph.exports import check_format, export, export_file
    from partygraph.store_folder import locate_store

    check_format(fmt)
    if from_neo4j:
        from partygraph.neo4j.connect import check_uri
        check_uri(from_neo4j)
    folder = None if from_neo4j else locate_store(store)
    if output is None:
        export(sys.stdout.buffer, fmt, folder, from_neo4j=from_neo4j, database=database,
               include_private=include_quarantine)
        sys.stdout.flush()
    else:
        export_file(output, fmt, folder, from_neo4j=from_neo4j, database=database,
                    include_private=include_quarantine, licence=licence)


from partygraph.cli_docs import docs  # noqa: E402  (light: typer only)

app.command()(docs)


app.command("network")(cli_network.network)
app.command("viz")(cli_network.viz)


if __name__ == "__main__":
    sys.exit(main())
