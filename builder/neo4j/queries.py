"""Running the Cypher twins of the named queries (``queries/NAME.cypher``) on Neo4j.

Each twin reads the property-graph view written by :mod:`partygraph.neo4j.loader` and returns
the same rows as the SPARQL query of the same name on the embedded store (the test
``tests/test_neo4j_queries.py`` holds them to that). Parameters arrive as
:func:`partygraph.queries.cypher_parameters` makes them -- every declared parameter present,
``None`` when not given, concepts by local name (``head``), dates as ``YYYY-MM-DD`` -- and
reach Neo4j as Cypher parameters, never as query text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import neo4j

from partygraph.errors import QueryError, QueryParameterError, QuerySyntaxError
from partygraph.neo4j.connect import connect, connection_from_env
from partygraph.queries import NamedQuery, load, select_output


def _query(query: NamedQuery | str) -> NamedQuery:
    q = load(query) if isinstance(query, str) else query
    if q.cypher is None:
        raise QueryError(f"query {q.name!r} has no Cypher form (queries/{q.name}.cypher)")
    return q


def run_cypher(query: NamedQuery | str, params: Mapping[str, Any] | None,
               driver: neo4j.Driver, database: str | None = None,
               ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run the Cypher twin of ``query`` (a :class:`~partygraph.queries.NamedQuery` or a name);
    return (columns, rows) with Neo4j's values (strings, integers) in the declared output
    columns, in the query's order. Parameters the query declares but ``params`` lacks are
    passed as None (not given); unknown ones are an error."""
    q = _query(query)
    given = dict(params or {})
    declared = {p.name for p in q.params}
    unknown = set(given) - declared
    if unknown:
        raise QueryParameterError(f"query {q.name!r} has no parameter {', '.join(sorted(unknown))}")
    bound = {name: given.get(name) for name in declared}
    text = q.cypher
    assert text is not None

    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[tuple[Any, ...]]]:
        result = tx.run(text, bound)
        columns = list(result.keys())
        rows = [tuple(record.values()) for record in result]
        return columns, rows

    try:
        with driver.session(database=database) as session:
            columns, rows = session.execute_read(work)
    except neo4j.exceptions.CypherSyntaxError as exc:
        raise QuerySyntaxError(f"queries/{q.name}.cypher: {exc.message}") from exc
    return select_output(q, columns, rows)


def as_text(value: Any) -> str:
    """A Cypher value as the CLI shows it (the SPARQL side shows lexical forms)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "iso_format"):
        return str(value.iso_format())
    return str(value)


def run_cypher_uri(query: NamedQuery | str, params: Mapping[str, Any] | None, uri: str,
                   database: str | None = None) -> tuple[list[str], list[tuple[str, ...]]]:
    """:func:`run_cypher` on the server at ``uri`` (credentials from NEO4J_USER /
    NEO4J_PASSWORD), rows as strings -- what ``partygraph query NAME --neo4j URI`` prints."""
    conn = connection_from_env(uri, database)
    driver = connect(conn)
    try:
        columns, rows = run_cypher(query, params, driver, conn.database)
    finally:
        driver.close()
    return columns, [tuple(as_text(v) for v in row) for row in rows]
