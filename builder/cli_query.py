"""``partygraph query``, ``sparql`` and ``cypher``: named and ad-hoc queries on the store, a
SPARQL 1.1 service or Neo4j, printed as a table, CSV or JSON.

Registered by :mod:`partygraph.cli` (one line each, in the order ``--help`` lists them); the
store, rdflib and the Neo4j driver are imported inside the commands, so a query's start-up
pays only for what it runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from partygraph.errors import QueryParameterError, UsageError
from partygraph.terminal import ROW_FORMATS, print_rows


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryParameterError(f"--param wants key=value, not {pair!r}")
        k, v = pair.split("=", 1)
        out[k.strip()] = v
    return out


def _row_format(fmt: str) -> str:
    if fmt not in ROW_FORMATS:
        raise UsageError(f"--format is table, csv or json, not {fmt!r}")
    return fmt


PARAM = Annotated[list[str], typer.Option("--param", "-p", help="key=value (repeatable)")]
STORE = Annotated[Path, typer.Option(help="The store folder (or the build's output folder)")]
DATABASE = Annotated[str | None, typer.Option(help="Neo4j database")]


def query(
    name: Annotated[str | None, typer.Argument(
        help="A query of queries/ (e.g. who-chaired-what); see --list")] = None,
    param: PARAM = [],  # noqa: B006
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|csv|json")] = "table",
    store: STORE = Path("out/store"),
    neo4j: Annotated[str | None,
                     typer.Option("--neo4j", help="Run the Cypher twin on this Neo4j")] = None,
    endpoint: Annotated[str | None, typer.Option(
        help="Run the SPARQL on this SPARQL 1.1 query service instead of the store")] = None,
    database: DATABASE = None,
    list_: Annotated[bool, typer.Option(
        "--list", "-l", help="List the named queries, their parameters and what they answer")
    ] = False,
) -> None:
    """Run a named query (SPARQL on the store, or Cypher on Neo4j with --neo4j).

    A name parameter (person, place, province, jurisdiction) matches however the name is
    written: "Nguyễn Thanh Nam", "nguyen thanh nam" and "Нгуен Тхань Нам" find one person."""
    from partygraph import queries

    if list_:
        _list_queries()
        return
    if name is None:
        raise UsageError("give a query name, or --list to see them")
    _row_format(fmt)
    q = queries.load(name)
    given = _params(param)
    if neo4j:
        from partygraph.neo4j.queries import run_cypher_uri
        columns, rows = run_cypher_uri(q, queries.cypher_parameters(q, given), neo4j, database)
    elif endpoint:
        from partygraph.remote import RemoteStore
        remote = RemoteStore(endpoint)
        try:
            columns, rows = queries.run_sparql(q, given, remote)
        finally:
            remote.close()
    else:
        from partygraph.store import GraphStore
        from partygraph.store_folder import locate_store
        columns, rows = queries.run_sparql(q, given,
                                           GraphStore(locate_store(store), read_only=True))
    print_rows(columns, rows, fmt)


def _list_queries() -> None:
    from partygraph.api import named_queries

    for q in named_queries():
        typer.echo(q.name)
        if q.description:
            typer.echo(f"    {q.description}")
        for p in q.params:
            typer.echo(f"    --param {p.name}=…  ({p.kind}) {p.doc}".rstrip())
        if not q.params:
            typer.echo("    (no parameters)")


def _query_text(source: str) -> str:
    from partygraph.adhoc import read_query
    return read_query(source, sys.stdin.read() if source == "-" else None)


def sparql(
    source: Annotated[str, typer.Argument(metavar="FILE|-",
                                          help="A SPARQL query file, or - for stdin")],
    param: PARAM = [],  # noqa: B006
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="table|csv|json (SELECT), ttl|nt (CONSTRUCT, DESCRIBE)")] = None,
    store: STORE = Path("out/store"),
) -> None:
    """Run your own SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE) on the store, read-only.

    --param k=v binds ?k to v (a string; <iri> for an IRI; "v"@lang or "v"^^<type> for an
    RDF literal): a value, never text spliced into the query."""
    from partygraph.adhoc import GRAPH_FORMATS, run_sparql
    from partygraph.store import GraphStore
    from partygraph.store_folder import locate_store

    if fmt is not None and fmt not in (*ROW_FORMATS, *GRAPH_FORMATS):
        raise UsageError(f"--format is table, csv, json, ttl or nt, not {fmt!r}")
    text = _query_text(source)
    folder = locate_store(store)
    answer = run_sparql(GraphStore(folder, read_only=True), text, _params(param),
                        graph_format=fmt if fmt in GRAPH_FORMATS else "ttl")
    if answer.kind == "graph":
        if fmt in ROW_FORMATS:
            raise UsageError(f"a CONSTRUCT or DESCRIBE answers a graph: --format ttl or nt, "
                             f"not {fmt}")
        sys.stdout.buffer.write(answer.graph)
        sys.stdout.flush()
    elif fmt in GRAPH_FORMATS:
        raise UsageError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; a SELECT or ASK "
                         "prints as table, csv or json")
    elif answer.kind == "boolean":
        typer.echo("true" if answer.boolean else "false")
    else:
        print_rows(answer.columns, answer.rows, fmt or "table")


def cypher(
    source: Annotated[str, typer.Argument(metavar="FILE|-",
                                          help="A Cypher query file, or - for stdin")],
    neo4j: Annotated[str, typer.Option("--neo4j", help="bolt:// or neo4j:// URI")],
    param: PARAM = [],  # noqa: B006
    fmt: Annotated[str, typer.Option("--format", "-f", help="table|csv|json")] = "table",
    database: DATABASE = None,
) -> None:
    """Run your own Cypher on Neo4j in a read transaction (it cannot write).

    --param k=v passes $k as the string v, a parameter, never spliced into the query."""
    from partygraph.adhoc import run_cypher

    _row_format(fmt)
    text = _query_text(source)
    columns, rows = run_cypher(neo4j, text, _params(param), database)
    print_rows(columns, rows, fmt)
