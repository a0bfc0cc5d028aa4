"""The ``partygraph`` command: a thin shell over the pipeline's plain functions.

Exit codes: 0 ok; 1 some input failed (the rest was built) or a graph does not conform;
2 usage error (unknown query, bad parameter, missing store).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from builder import __version__
from builder.errors import InputError, PartygraphError, QueryError, StoreError
from builder.inputs import describe
from builder.namespaces import DEFAULT_BASE
from builder.outputs import atomic_output

if TYPE_CHECKING:
    from builder.pipeline import BuildSummary

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Knowledge graphs of Vietnam's political organization from news articles.")
console = Console(stderr=True)
EXPORT_FORMATS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
                  "jsonld": "json-ld", "xml": "xml"}
RICH_TABLE_ROWS = 200
RDF_SUFFIX = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig",
              ".jsonld": "json-ld", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}")
    return typer.Exit(code)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit(0)


@app.callback()
def main(version: Annotated[bool, typer.Option(
        "--version", is_eager=True, callback=_print_version,
        help="Show the version and exit.")] = False) -> None:
    """Knowledge graphs of Vietnam's political organization from news articles."""


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .html, .jsonl")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = Path("out"),
    base: Annotated[str, typer.Option(help="Base IRI of instances")] = DEFAULT_BASE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Worker processes for extraction and validation")] = 1,
    prune: Annotated[bool, typer.Option(
        help="Remove stored articles whose source is not among INPUTS")] = False,
    fresh: Annotated[bool, typer.Option(
        help="Start from an empty store (the store of OUT is incremental otherwise)")] = False,
) -> None:
    """Build the graph of INPUTS into OUT (graph.trig, graph.ttl, validation.*, store/).

    The store in OUT is updated: this run's articles are added or replaced, earlier
    ones are kept unless --prune or --fresh."""
    from builder.pipeline import build_corpus

    missing = [p for p in inputs if not p.exists()]
    if missing:
        raise _fail(f"{missing[0]} does not exist")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("reading and extracting", total=None)

        def step(desc: str, advance: int | None) -> None:
            bar.update(task, description=desc[:60], advance=advance or 0)

        try:
            summary = build_corpus(inputs, out, base=base, progress=step, jobs=jobs,
                                   prune=prune, fresh=fresh)
        except (StoreError, InputError) as exc:
            raise _fail(str(exc)) from exc
    _print_inputs(summary, out)
    table = Table(title=f"partygraph build → {out}", show_header=False)
    langs = ", ".join(f"{k} {v}" for k, v in sorted(summary.languages.items()))
    this_run = f"{summary.added} added, {summary.replaced} replaced, " \
        f"{summary.unchanged} unchanged" + (f", {len(summary.pruned)} pruned" if prune else "")
    for label, value in (
        ("articles", f"{summary.articles} built, {len(summary.failed)} failed"),
        ("files", f"{summary.files} read, "
                  + (describe(summary.skipped) if summary.skipped else "0 skipped")),
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
        table.add_row(label, str(value))
    Console().print(table)
    raise typer.Exit(1 if summary.failed else 0)


SHOWN_SKIPS = 20


def _print_inputs(summary: BuildSummary, out: Path) -> None:
    """Each input not read, with its reason; skipped files up to SHOWN_SKIPS (all are
    in validation.txt)."""
    for err in summary.failed:
        console.print(f"[red]failed[/red] {err}")
    for skip in summary.skipped[:SHOWN_SKIPS]:
        console.print(f"[yellow]skipped[/yellow] {skip}")
    if len(summary.skipped) > SHOWN_SKIPS:
        console.print(f"[yellow]skipped[/yellow] … {len(summary.skipped) - SHOWN_SKIPS} more "
                      f"(all in {out / 'validation.txt'})")
    for source in summary.pruned:
        console.print(f"[cyan]pruned[/cyan] {source}: no longer among the inputs")
    for note in summary.notes:
        console.print(f"[cyan]note[/cyan] {note}")


@app.command()
def validate(graph: Annotated[Path, typer.Argument(help="An RDF file (.ttl, .trig, .nq …)")]
             ) -> None:
    """Check FILE against shapes/; exit 0 when it conforms, 1 when it does not."""
    from builder.validate import validate_file

    fmt = RDF_SUFFIX.get(graph.suffix.lower())
    if fmt is None or not graph.exists():
        raise _fail(f"{graph}: not an RDF file partygraph reads ({', '.join(RDF_SUFFIX)})")
    try:
        conforms, violations = validate_file(graph)
    except PartygraphError as exc:
        raise _fail(str(exc)) from exc
    if conforms:
        typer.echo(f"{graph}: conforms to the shapes")
        raise typer.Exit(0)
    for v in violations:
        typer.echo(f"{v.focus} {v.path}: {v.message}")
    typer.echo(f"{graph}: {len(violations)} violation(s) of the shapes")
    raise typer.Exit(1)


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"--param wants key=value, not {pair!r}")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A query of queries/ (e.g. who-chaired-what)")],
    param: Annotated[list[str], typer.Option("--param", "-p", help="key=value")] = [],  # noqa: B006
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|csv|json")] = "table",
    store: Annotated[Path, typer.Option(help="The store folder")] = Path("out/store"),
    neo4j: Annotated[str | None,
                     typer.Option("--neo4j", help="Run the Cypher twin on this Neo4j")] = None,
    database: Annotated[str | None, typer.Option(help="Neo4j database")] = None,
) -> None:
    """Run a named query (SPARQL on the store, or Cypher on Neo4j with --neo4j)."""
    from builder import queries

    if fmt not in ("table", "csv", "json"):
        raise _fail(f"--format is table, csv or json, not {fmt!r}")
    try:
        q = queries.load(name)
        given = _params(param)
        if neo4j:
            from builder.neo4j.queries import run_cypher_uri
            columns, rows = run_cypher_uri(q, queries.cypher_parameters(q, given), neo4j,
                                           database)
        else:
            if not store.exists():
                raise StoreError(f"no store at {store}; run `partygraph build` first")
            from builder.store import GraphStore
            columns, rows = queries.run_sparql(q, given, GraphStore(store, read_only=True))
    except PartygraphError as exc:
        raise _fail(str(exc)) from exc
    _print_rows(columns, rows, fmt)


def _print_rows(columns: list[str], rows: list[tuple[str, ...]], fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps([dict(zip(columns, r, strict=False)) for r in rows],
                              ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows(rows)
        typer.echo(buf.getvalue().rstrip("\n"))
    elif len(rows) > RICH_TABLE_ROWS:
        # rich lays a table out cell by cell (about 3 ms a row): a long answer is
        # printed as aligned plain columns instead, in milliseconds
        widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
                  for r in rows]
        sys.stdout.write("\n".join(lines) + "\n")
        console.print(f"{len(rows)} row(s)")
    else:
        table = Table(*columns)
        for r in rows:
            table.add_row(*r)
        Console().print(table)
        console.print(f"{len(rows)} row(s)")


load_app = typer.Typer(help="Load the built graph into another store.", no_args_is_help=True)
app.add_typer(load_app, name="load")


@load_app.command("neo4j")
def load_neo4j(
    uri: Annotated[str, typer.Option(help="bolt:// or neo4j:// URI (NEO4J_USER, NEO4J_PASSWORD)")],
    store: Annotated[Path, typer.Option(help="The store folder")] = Path("out/store"),
    database: Annotated[str | None, typer.Option(help="Neo4j database")] = None,
    clear: Annotated[bool, typer.Option(help="Empty the database first")] = False,
    include_quarantine: Annotated[bool, typer.Option(
        help="Also load the quarantined (rejected) facts")] = False,
) -> None:
    """Load (or update) the store into Neo4j: changed articles replaced, others left alone."""
    from builder.neo4j.loader import load_uri

    if not store.exists():
        raise _fail(f"no store at {store}; run `partygraph build` first")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("loading article graphs", total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            summary = load_uri(store, uri, database, clear=clear, progress=step,
                               include_private=include_quarantine)
        except PartygraphError as exc:
            raise _fail(str(exc)) from exc
    Console().print(summary)


@app.command()
def identities(
    store: Annotated[Path, typer.Option(help="The store folder")] = Path("out/store"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|json")] = "text",
) -> None:
    """List person clusters (one node each) with their evidence, and the splits."""
    from builder.identities import clusters, decisions, splits
    from builder.store import GraphStore

    if not store.exists():
        raise _fail(f"no store at {store}; run `partygraph build` first")
    why = decisions(store)
    found = clusters(GraphStore(store, read_only=True), why)
    apart = splits(found, why)
    if fmt == "json":
        typer.echo(json.dumps({
            "clusters": [{"node": c.node, "name": c.name, "surfaces": sorted(c.surfaces),
                          "articles": sorted(c.articles), "provinces": sorted(c.provinces),
                          "reasons": c.reasons}
                         for c in found],
            "splits": [{"name": n, "nodes": [c.node for c in g], "reason": r}
                       for n, g, r in apart]}, ensure_ascii=False, indent=2))
        return
    for c in found:
        merged = "merged from " + str(len(c.articles)) + " articles" if len(c.articles) > 1 \
            else "1 article"
        typer.echo(f"{c.name}  <{c.node}>  ({merged})")
        typer.echo(f"    surfaces: {', '.join(sorted(c.surfaces))}")
        typer.echo(f"    articles: {', '.join(sorted(c.articles))}")
        if c.provinces:
            typer.echo(f"    posts in: {', '.join(sorted(c.provinces))}")
        for reason in c.reasons:
            typer.echo(f"    joined: {reason}")
    for name, group, reason in apart:
        typer.echo(f"SPLIT {name}: {len(group)} nodes — {reason}")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl|nt|nq|trig|jsonld|xml")] = "ttl",
    store: Annotated[Path, typer.Option(help="The store folder")] = Path("out/store"),
    output: Annotated[Path | None,
                      typer.Option("--output", "-o", help="File (default stdout)")] = None,
    from_neo4j: Annotated[str | None,
                          typer.Option("--from-neo4j", help="Read back from Neo4j")] = None,
    database: Annotated[str | None, typer.Option(help="Neo4j database")] = None,
    include_quarantine: Annotated[bool, typer.Option(
        help="Also export the quarantined (rejected) graphs (trig, nq, jsonld)")] = False,
) -> None:
    """Export the graph as linked data; a file is written whole or not at all."""
    if fmt not in EXPORT_FORMATS:
        raise _fail(f"--format is one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    if output is not None and not output.parent.is_dir():
        raise _fail(f"cannot write {output}: the folder {output.parent} does not exist")
    if not from_neo4j and not store.exists():
        raise _fail(f"no store at {store}; run `partygraph build` first")
    try:
        if output is None:
            _export(sys.stdout.buffer, fmt, store, from_neo4j, database, include_quarantine)
        else:
            with atomic_output(output) as sink:
                _export(sink, fmt, store, from_neo4j, database, include_quarantine)
    except PartygraphError as exc:
        raise _fail(str(exc)) from exc
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror or exc}", code=1) from exc


def _export(sink: BinaryIO, fmt: str, store: Path, from_neo4j: str | None,
            database: str | None, include_private: bool) -> None:
    if from_neo4j:
        from builder.neo4j.export import export_uri

        export_uri(from_neo4j, database, sink, fmt)
        return
    from builder.api import dataset
    from builder.store import RDF_FORMATS, GraphStore

    gs = GraphStore(store, read_only=True)
    if fmt in ("trig", "nq"):
        gs.dump_dataset(sink, fmt, include_private=include_private)
    elif fmt in RDF_FORMATS:
        gs.dump_merged(sink, fmt)
    else:   # JSON-LD through rdflib
        ds = dataset(gs, include_private=include_private)
        sink.write(ds.serialize(format="json-ld").encode("utf-8"))


if __name__ == "__main__":
    app()
