"""Your own queries: SPARQL on the store, Cypher on Neo4j, read-only, parameters bound.

``partygraph sparql FILE`` and ``partygraph cypher FILE`` are shells over
:func:`run_sparql` and :func:`run_cypher`. Both only read: SPARQL goes through
Oxigraph's query entry point on a store opened read-only (an update does not even
parse there; it is named as such before), Cypher runs in a read transaction
(``session.execute_read``), which Neo4j refuses to let write. ``--param k=v`` values are
bound, never spliced into the text: SPARQL substitutions (SEP-0007) and Cypher
parameters.

A SPARQL parameter is an IRI when written ``<…>``, an RDF literal when written as in
N-Triples (``"2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date>``, ``"Hà Nội"@vi``),
and a plain string otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from partygraph.errors import (
    QueryParameterError,
    QuerySyntaxError,
    ReadOnlyQueryError,
    RemoteQueryError,
)
from partygraph.namespaces import PREFIXES
from partygraph.store import GraphStore
from partygraph.terms import from_ox

_PROLOGUE = re.compile(r"\A(?:\s+|#[^\n]*\n?|(?:PREFIX\s+[\w.\-]*:\s*<[^>]*>)|(?:BASE\s+<[^>]*>))*",
                       re.IGNORECASE)
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                     re.IGNORECASE)
GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
# what cannot hold a keyword: strings (long ones first), IRIs, comments
_NOT_CODE = re.compile(r'"""[\s\S]*?"""|' r"'''[\s\S]*?'''|"
                       r'"(?:[^"\\\n]|\\.)*"|' r"'(?:[^'\\\n]|\\.)*'|"
                       r'<[^<>\s"{}|^`\\]*>|#[^\n]*')
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


@dataclass
class Answer:
    """What a SPARQL query answered: rows (SELECT), a boolean (ASK) or a graph
    (CONSTRUCT, DESCRIBE) already serialized."""

    kind: str                                   # "rows" | "boolean" | "graph"
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)
    boolean: bool = False
    graph: bytes = b""


def sparql_value(text: str) -> Node:
    """A ``--param`` value as an RDF term: ``<iri>``, an N-Triples literal, else a string.

    >>> sparql_value("<https://example.org/x>"), sparql_value('"2024"^^<http://www.w3.org/2001/XMLSchema#gYear>').datatype
    (rdflib.term.URIRef('https://example.org/x'), rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYear'))
    """
    if text.startswith("<") and text.endswith(">"):
        iri = text[1:-1]
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*", iri):
            raise QueryParameterError(f"{text!r} is not an absolute IRI")
        return URIRef(iri)
    if text.startswith('"') and re.search(r'"(?:@[A-Za-z\-]+|\^\^<[^>]+>)?$', text):
        try:
            triple = next(iter(ox.parse(f"<urn:s> <urn:p> {text} .".encode(),
                                        format=ox.RdfFormat.N_TRIPLES)))
        except (SyntaxError, StopIteration) as exc:
            raise QueryParameterError(f"{text!r} is not an RDF literal in N-Triples form "
                                      '(e.g. "Ha Noi"@vi)') from exc
        return from_ox(triple.object)
    return Literal(text)


def check_read_only(sparql: str, reader: str = "`partygraph sparql`") -> None:
    """Refuse a SPARQL update with a message that says so (Oxigraph's own is a syntax
    error at its first keyword); ``reader`` names what only reads."""
    start = _PROLOGUE.match(sparql)
    rest = sparql[start.end():] if start else sparql
    if _UPDATE.match(rest):
        word = rest.split(None, 1)[0].upper()
        raise ReadOnlyQueryError(f"{word} is an update: {reader} only reads "
                                 "(SELECT, ASK, CONSTRUCT, DESCRIBE)")


def check_local(sparql: str) -> None:
    """Refuse a federated query: Oxigraph would send the ``SERVICE`` part to that
    endpoint (and wait on it as long as it takes); partygraph queries only its store."""
    if _SERVICE.search(_NOT_CODE.sub(" ", sparql)):
        raise RemoteQueryError("the query has a SERVICE clause, which would fetch from "
                               "another endpoint; partygraph queries only its own store "
                               "(remove the SERVICE part)")


def run_sparql(store: GraphStore, sparql: str, params: Mapping[str, str] | None = None,
               graph_format: str = "ttl") -> Answer:
    """Run your own read query over the merged graph; ``params`` bound by name."""
    check_read_only(sparql)
    check_local(sparql)
    bindings = {k.lstrip("?$"): sparql_value(v) for k, v in (params or {}).items()}
    result = store.run(sparql, bindings)
    if isinstance(result, ox.QueryBoolean):
        return Answer("boolean", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        prefixes = {k: str(v) for k, v in PREFIXES.items()} if graph_format == "ttl" else None
        triples = sorted(result, key=str)       # the same answer gives the same bytes
        data = ox.serialize(triples, format=GRAPH_FORMATS[graph_format], prefixes=prefixes)
        return Answer("graph", graph=data or b"")
    columns = [v.value for v in result.variables]
    rows = [tuple("" if t is None else t.value for t in sol) for sol in result]
    return Answer("rows", columns, rows)


def run_cypher(uri: str, cypher: str, params: Mapping[str, Any] | None = None,
               database: str | None = None) -> tuple[list[str], list[tuple[str, ...]]]:
    """Run your own Cypher on the Neo4j at ``uri`` in a read transaction; rows as text."""
    import neo4j

    from partygraph.neo4j.connect import connect, connection_from_env
    from partygraph.neo4j.queries import as_text

    conn = connection_from_env(uri, database)
    driver = connect(conn)

    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[tuple[Any, ...]]]:
        result = tx.run(cypher, dict(params or {}))
        return list(result.keys()), [tuple(record.values()) for record in result]

    try:
        with driver.session(database=conn.database) as session:
            columns, rows = session.execute_read(work)
    except neo4j.exceptions.CypherSyntaxError as exc:
        raise QuerySyntaxError(f"Cypher syntax error: {exc.message}") from exc
    except neo4j.exceptions.ClientError as exc:
        if "write" in (exc.message or "").lower() or "access mode" in (exc.message or ""):
            raise ReadOnlyQueryError("the query writes: `partygraph cypher` only reads "
                                     f"({exc.message})") from exc
        raise QuerySyntaxError(f"Neo4j refused the query: {exc.message}") from exc
    finally:
        driver.close()
    return columns, [tuple(as_text(v) for v in row) for row in rows]


def read_query(source: str, stdin_text: str | None = None) -> str:
    """The text of a query given as a file path, or ``-`` for standard input."""
    from partygraph.errors import UsageError

    if source == "-":
        return stdin_text or ""
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"{source}: no such query file (give a file, or - to read stdin)")
    return path.read_text(encoding="utf-8")
